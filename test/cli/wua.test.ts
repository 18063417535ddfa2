// The `wua` tool as a child process, the way scripts run it: output, JSON, exit statuses.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { useScenario } from '../sim/harness.js';

const WUA = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'wua.js');
const CU = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const REDIST = 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function wua(...args: string[]): Run {
  const run = spawnSync(process.execPath, [WUA, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

describe('wua', () => {
  it('documents its commands and exit statuses', () => {
    const run = wua('--help');
    expect(run.status).toBe(0);
    for (const text of ['search', 'download', 'install', 'uninstall', 'info', '3010', '130']) expect(run.stdout).toContain(text);
  });

  it('treats unknown commands and bad flags as usage errors (status 2)', () => {
    useScenario('basic');
    expect(wua('frobnicate').status).toBe(2);
    expect(wua('search', '--type', 'firmware').status).toBe(2);
    const mixed = wua('search', '--installed', 'IsInstalled=1');
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('raw criteria cannot be combined with --installed');
    const invalid = wua('search', "IsInstalled=0 and (IsHidden=0 or Type='Driver')");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/OR is only allowed at the top level/);
    expect(wua('download').stderr).toContain('say which updates: --all, --kb');
    expect(wua('download').status).toBe(2);
  });

  it('searches, as a table for people and as one JSON document for programs', () => {
    useScenario('basic');
    const table = wua('search');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^KB\s+TITLE\s+SIZE\s+SEVERITY\s+STATUS/);
    expect(table.stdout).toContain('KB5068781');
    expect(table.stdout).toContain('700 MB');
    expect(table.stderr).toBe('');
    const result = json<{ resultCode: string; updates: { identity: { updateId: string } }[] }>(wua('search', '--json'));
    expect(result.resultCode).toBe('succeeded');
    expect(result.updates).toHaveLength(4);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--kb', 'KB5068781')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--type', 'driver')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--category', 'security')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--installed')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--hidden')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', `UpdateID='${REDIST}'`)).updates).toHaveLength(1);
  });

  it('shows what would be done with --dry-run and changes nothing', () => {
    useScenario('basic');
    const run = wua('install', '--all', '--dry-run', '--json');
    expect(run.status).toBe(0);
    expect(json<{ dryRun: boolean; updates: unknown[] }>(run)).toMatchObject({ dryRun: true, updates: expect.any(Array) });
    expect(json<{ updates: { isDownloaded: boolean }[] }>(wua('search', '--json')).updates.every((u) => !u.isDownloaded)).toBe(true);
  });

  it('downloads with progress as JSON lines, then installs, exiting 3010 when a restart is needed', () => {
    useScenario('basic');
    const download = wua('download', '--kb', '5068781', '--json', '--progress');
    expect(download.status).toBe(0);
    const events = download.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; percentComplete?: number });
    expect(events.at(-1)).toMatchObject({ type: 'result', resultCode: 'succeeded' });
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)!.percentComplete).toBe(100);

    const install = wua('install', '--id', CU, '--json');
    expect(install.status).toBe(3010);
    expect(json(install)).toMatchObject({ resultCode: 'succeeded', rebootRequired: true });
    const info = wua('info', '--json');
    expect(info.status).toBe(3010);
    expect(json(info)).toMatchObject({ rebootRequired: true, productVersion: '10.0.19041.3636' });
  });

  it('accepts license terms only with --accept-eulas, explaining the refusal otherwise', () => {
    useScenario('basic');
    expect(wua('download', '--kb', '5012170').status).toBe(0);
    const refused = wua('install', '--kb', '5012170');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('WU_E_EULAS_DECLINED (0x80240023)');
    expect(refused.stderr).toContain('hint:');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const accepted = wua('install', '--kb', '5012170', '--accept-eulas');
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('Result: succeeded.');
  });

  it('prints a stack only with --verbose, and errors as JSON with --json', () => {
    useScenario({ name: 'offline', search: { hresult: '0x80072EE7' } });
    const plain = wua('search');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/error: search failed: \S+ \(0x80072EE7\)/);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(wua('search', '--verbose').stderr).toMatch(/\n\s+at /);
    const asJson = wua('search', '--json');
    expect(asJson.status).toBe(1);
    expect(json<{ error: { hresult: number; category: string } }>(asJson).error).toMatchObject({ hresult: 0x80072ee7 });
  });

  it('uninstalls', () => {
    useScenario('basic');
    const run = wua('uninstall', '--kb', '5065429', '--json');
    expect(run.status).toBe(0);
    expect(json(run)).toMatchObject({ resultCode: 'succeeded' });
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--installed')).updates).toHaveLength(0);
  });

  it('aborts through the agent on --timeout and exits 130', () => {
    useScenario({ name: 'hang', updates: [{ id: CU, title: 'Hangs', kbArticleIds: ['1'] }], download: { hangUntilAbort: true } });
    const run = wua('download', '--all', '--timeout', '0.5');
    expect(run.status).toBe(130);
    expect(run.stderr).toContain('aborted');
  });
});
