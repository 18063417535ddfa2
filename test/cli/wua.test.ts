// The `wua` tool as a child process, the way scripts run it: output, JSON, exit statuses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { hresult, useScenario } from '../sim/harness.js';
import { type WuaRun as Run, wua, wuaWith } from './spawn-wua.js';

const CU = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const REDIST = 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60';
const INSTALLED = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const CU_TITLE = '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781)';
const FAILS = hresult('WU_E_UH_INSTALLERFAILURE');

function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

interface Outcome {
  updateId: string;
  title: string;
  kbArticleIds: string[];
  resultCode: string;
  code: string;
  rebootRequired: boolean;
}

interface ChangeDoc {
  operation: string;
  dryRun: boolean;
  resultCode: string;
  rebootRequired: boolean;
  updates: Outcome[];
  skipped: { updateId: string; kbArticleIds: string[]; reason: string; rebootRequired: boolean }[];
  warnings: { context: string; code: string; hresult: number; message: string }[];
  error?: { name: string; code: string; message: string; hint?: string };
  steps?: { step: string; exclusive: boolean; updates: { updateId: string; kbArticleIds: string[] }[] }[];
  exitCode: number;
}

interface ErrorDoc {
  error: { name: string; code: string; message: string; hint?: string; hresult?: number; missing?: string[] };
  exitCode: number;
}

/** Two downloaded updates: the first needs a restart once installed, the second behaves as given. */
function restartThen(name: string, second: object): object {
  return {
    name,
    updates: [
      { id: CU, title: 'Needs a restart', kbArticleIds: ['1001'], installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' },
        state: { isDownloaded: true } },
      { id: REDIST, title: 'The second update', kbArticleIds: ['1002'], state: { isDownloaded: true }, ...second },
    ],
  };
}

describe('wua', () => {
  it('says the package\'s own version', () => {
    const run = wua('--version');
    expect(run.status).toBe(0);
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('documents its commands, its exit statuses in order, JSON and widths', () => {
    const run = wua('--help');
    expect(run.status).toBe(0);
    for (const text of ['search', 'download', 'install', 'uninstall', 'info', 'COLUMNS', '"exitCode"']) expect(run.stdout).toContain(text);
    expect(run.stdout).toMatch(/2\s+usage[\s\S]*130\s+aborted[\s\S]*1\s+failure[\s\S]*4\s+partly failed[\s\S]*3010\s+success, and a restart[\s\S]*0\s+success/);
  });

  it('treats unknown commands and bad flags as usage errors (status 2)', () => {
    useScenario('basic');
    expect(wua('frobnicate').status).toBe(2);
    const bare = wua();
    expect(bare.status).toBe(2);
    // The help, and one line that says what was wrong.
    expect(bare.stderr).toMatch(/Usage: wua/);
    expect(bare.stderr).toMatch(/error: say which command: search, download, install, uninstall, /);
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

  it('writes usage errors as the JSON error document on stdout with --json, commander\'s own included', () => {
    useScenario('basic');
    const cases: [string[], string][] = [
      [['frobnicate', '--json'], 'commander.unknownCommand'],
      [['search', '--frob', '--json'], 'commander.unknownOption'],
      [['search', '--json', '--type', 'firmware'], 'commander.invalidArgument'],
      [['install', '--all', '--json', '--timeout', 'soon'], 'commander.invalidArgument'],
      [['--json'], 'ERR_USAGE'],
      [['download', '--json'], 'ERR_USAGE'],
      [['install', '--json', '--kb', 'KB12x'], 'ERR_USAGE'],
    ];
    for (const [args, code] of cases) {
      const run = wua(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(json<ErrorDoc>(run), args.join(' ')).toMatchObject({ error: { name: 'UsageError', code, message: expect.any(String) }, exitCode: 2 });
    }
    expect(json<ErrorDoc>(wua('search', '--frob', '--json')).error.message).toBe("unknown option '--frob'");
  });

  it('rejects malformed KBs, IDs and categories before anything reaches the agent', () => {
    // Every search fails here, so a status of 2 (not 1) shows the agent was never asked.
    useScenario({ name: 'no-search', agent: { faults: { 'IUpdateSearcher::BeginSearch': hresult('WU_E_SERVICE_STOP'),
      'IUpdateSearcher::Search': hresult('WU_E_SERVICE_STOP') } } });
    expect(wua('search').status).toBe(1);
    for (const args of [['--kb', '5068781,KB12x'], ['--id', 'not-a-guid'], ['--all', '--category', 'Securty']]) {
      const run = wua('install', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('hint: see wua --help');
    }
  });

  it('searches, as a table for people and as one JSON document for programs', () => {
    useScenario('basic');
    const table = wua('search');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^KB\s+TITLE\s+SIZE\s+SEVERITY\s+STATUS/);
    expect(table.stdout).toContain('KB5068781');
    expect(table.stdout).toContain('700 MB');
    expect(table.stderr).toBe('');
    const result = json<{ resultCode: string; updates: { identity: { updateId: string } }[]; warnings: unknown[]; exitCode: number }>(wua('search', '--json'));
    expect(result).toMatchObject({ resultCode: 'succeeded', warnings: [], exitCode: 0 });
    expect(result.updates).toHaveLength(4);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--kb', 'KB5068781')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--kb', 'KB5068781,2267602')).updates).toHaveLength(2);
    // A named update is found whether or not it is installed, as install and uninstall find it.
    expect(json<{ updates: { isInstalled: boolean }[] }>(wua('search', '--json', '--kb', '5065429')).updates).toMatchObject([{ isInstalled: true }]);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--type', 'driver')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--category', 'security')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--category', 'Security')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--category', 'SECURITY,Definition')).updates).toHaveLength(2);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--installed')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--hidden')).updates).toHaveLength(1);
    expect(json<{ updates: unknown[] }>(wua('search', '--json', `UpdateID='${REDIST}'`)).updates).toHaveLength(1);
  });

  it('fits tables to COLUMNS (80, 120) off a terminal, and keeps whole titles without it', () => {
    useScenario('basic');
    for (const width of [80, 120]) {
      const run = wuaWith({ COLUMNS: String(width) }, 'search');
      expect(run.status).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(Math.max(...lines.map((line) => Array.from(line).length)), run.stdout).toBeLessThanOrEqual(width);
      expect(run.stdout).toContain('…');
      expect(run.stdout).toMatch(/KB5068781\s+2026-11 Cumulative Update/);
      expect(run.stdout).toContain('700 MB');
    }
    const whole = wua('search');
    expect(whole.stdout).toContain(CU_TITLE);
    expect(whole.stdout).not.toContain('…');

    expect(wua('download', '--kb', '5068781').status).toBe(0);
    const install = wuaWith({ COLUMNS: '80' }, 'install', '--kb', '5068781');
    expect(install.status).toBe(3010);
    const tableLines = install.stdout.split('\nResult:')[0]!.split('\n');
    expect(Math.max(...tableLines.map((line) => Array.from(line).length))).toBeLessThanOrEqual(80);
    expect(install.stdout).toMatch(/KB5068781\s+2026-11 Cumulative Update.*…\s+succeeded\s+-\s+yes/);
  });

  it('shows what would be done with --dry-run and changes nothing', () => {
    useScenario('basic');
    const run = wua('install', '--all', '--accept-eulas', '--dry-run', '--json');
    expect(run.status).toBe(0);
    const doc = json<ChangeDoc>(run);
    expect(doc).toMatchObject({ operation: 'install', dryRun: true, resultCode: 'notStarted', exitCode: 0 });
    expect(doc.updates.map((update) => update.kbArticleIds[0])).toContain('5068781');
    expect(doc.updates.every((update) => update.resultCode === 'notStarted' && update.title)).toBe(true);
    // Nothing in 'basic' is downloaded: an install would download first.
    expect(doc.steps?.map((step) => step.step)).toEqual(['download', 'install']);
    expect(wua('install', '--all', '--accept-eulas', '--dry-run').stdout).toMatch(/^Would download first \(not downloaded yet\):\nKB\s+TITLE[\s\S]*\nWould install:\nKB\s+TITLE/);
    expect(json<{ updates: { isDownloaded: boolean }[] }>(wua('search', '--json')).updates.every((u) => !u.isDownloaded)).toBe(true);
    // --force widens the search by itself: installed updates are offered for reinstalling.
    const forced = json<ChangeDoc>(wua('install', '--all', '--accept-eulas', '--force', '--dry-run', '--json'));
    expect(forced.updates.map((update) => update.updateId)).toContain(INSTALLED);
  });

  it('says in the dry run what the real run would be refused for, and lists what the refusal held back', () => {
    useScenario('basic');
    const dry = wua('install', '--all', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stdout).toMatch(/^Would be refused, and change nothing: license terms not accepted for KB5012170\./);
    expect(dry.stderr).toContain('--accept-eulas');
    expect(json<ChangeDoc>(wua('install', '--all', '--dry-run', '--json'))).toMatchObject({ exitCode: 1, error: { code: 'WU_E_EULAS_DECLINED' } });
    const refused = json<ChangeDoc>(wua('install', '--all', '--json'));
    expect(refused).toMatchObject({ exitCode: 1, resultCode: 'failed', error: { code: 'WU_E_EULAS_DECLINED' } });
    expect(refused.updates.every((update) => update.resultCode === 'notStarted')).toBe(true);
    expect(refused.updates.find((update) => update.kbArticleIds[0] === '5068781')).toMatchObject({ reason: expect.stringMatching(/^held back: the install was refused/) });
  });

  it('keeps saying that the machine waits for a restart on a re-run with nothing left to do', () => {
    useScenario('basic');
    expect(wua('install', '--all', '--accept-eulas').status).toBe(3010);
    let again = json<ChangeDoc & { restartPending: boolean }>(wua('install', '--all', '--accept-eulas', '--json'));
    for (let round = 0; round < 3 && again.updates.length; round += 1) {
      again = json<ChangeDoc & { restartPending: boolean }>(wua('install', '--all', '--accept-eulas', '--json'));
    }
    expect(again).toMatchObject({ updates: [], restartPending: true, rebootRequired: true, exitCode: 3010 });
    expect(wua('install', '--all').stdout).toMatch(/Nothing to do: no update matches\.\nA restart is needed to finish/);
  });

  it('shows in the dry run the jobs an install takes: downloads first, an exclusive update by itself', () => {
    const ids = ['81818181-8181-4181-8181-818181818181', '82828282-8282-4282-8282-828282828282', '83838383-8383-4383-8383-838383838383'];
    useScenario({
      name: 'jobs',
      updates: [
        { id: ids[0], title: 'Not downloaded', kbArticleIds: ['8100001'] },
        { id: ids[1], title: 'Servicing stack', kbArticleIds: ['8200002'], state: { isDownloaded: true },
          installationBehavior: { impact: 'requiresExclusiveHandling' } },
        { id: ids[2], title: 'Downloaded', kbArticleIds: ['8300003'], state: { isDownloaded: true } },
      ],
    });
    const doc = json<ChangeDoc>(wua('install', '--all', '--dry-run', '--json'));
    expect(doc.steps?.map((step) => [step.step, step.exclusive, step.updates.map((update) => update.kbArticleIds[0])])).toEqual([
      ['download', false, ['8100001']], ['install', true, ['8200002']], ['install', false, ['8100001', '8300003']],
    ]);
    const text = wua('install', '--all', '--dry-run').stdout;
    expect(text).toMatch(/Would download first \(not downloaded yet\):\nKB\s+TITLE.*\nKB8100001 /);
    expect(text).toMatch(/Would install by itself \(it must be installed alone\):\nKB\s+TITLE.*\nKB8200002 /);
    const done = json<ChangeDoc>(wua('install', '--all', '--json'));
    expect(done).toMatchObject({ resultCode: 'succeeded', exitCode: 0 });
    expect(done.updates.map((update) => update.resultCode)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('downloads with progress as JSON lines, then installs, exiting 3010 when a restart is needed', () => {
    useScenario('basic');
    const download = wua('download', '--kb', '5068781', '--json', '--progress');
    expect(download.status).toBe(0);
    const events = download.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; percentComplete?: number });
    expect(events.at(-1)).toMatchObject({ type: 'result', operation: 'download', resultCode: 'succeeded', exitCode: 0 });
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)!.percentComplete).toBe(100);

    const install = wua('install', '--id', CU, '--json');
    expect(install.status).toBe(3010);
    expect(json<ChangeDoc>(install)).toMatchObject({
      operation: 'install', resultCode: 'succeeded', rebootRequired: true, exitCode: 3010,
      updates: [{ updateId: CU, title: CU_TITLE, kbArticleIds: ['5068781'], resultCode: 'succeeded', rebootRequired: true }],
    });
  });

  it('reports a pending restart in info as data, with status 0', () => {
    useScenario({ name: 'pending', agent: { rebootRequired: true } });
    const info = wua('info', '--json');
    expect(info.status).toBe(0);
    expect(json(info)).toMatchObject({ rebootRequired: true, productVersion: '10.0.19041.3636', exitCode: 0 });
    const text = wua('info');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Restart pending\s+yes/);
  });

  it('accepts license terms only with --accept-eulas, explaining the refusal in flags', () => {
    useScenario('basic');
    expect(wua('download', '--kb', '5012170').status).toBe(0);
    const refused = wua('install', '--kb', '5012170');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('WU_E_EULAS_DECLINED (0x80240023)');
    expect(refused.stderr).toContain('hint:');
    expect(refused.stderr).toContain('--accept-eulas');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const asJson = json<ChangeDoc>(wua('install', '--kb', '5012170', '--json'));
    expect(asJson).toMatchObject({ resultCode: 'failed', exitCode: 1, error: { code: 'WU_E_EULAS_DECLINED', hint: expect.stringContaining('--accept-eulas') } });
    expect(json<{ updates: { eulaAccepted: boolean }[] }>(wua('search', '--json', '--kb', '5012170')).updates[0]!.eulaAccepted).toBe(false);
    const accepted = wua('install', '--kb', '5012170', '--accept-eulas');
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('Result: succeeded.');
  });

  it('prints a stack only with --verbose, and errors as JSON with --json', () => {
    useScenario({ name: 'offline', search: { hresult: '0x80072EE7' } });
    const plain = wua('search');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/error: search failed: \S+ \(0x80072EE7\)/);
    expect(plain.stderr).toContain('hint:');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(wua('search', '--verbose').stderr).toMatch(/\n\s+at /);
    const asJson = wua('search', '--json');
    expect(asJson.status).toBe(1);
    expect(json<ErrorDoc>(asJson)).toMatchObject({ error: { name: 'WindowsUpdateError', hresult: 0x80072ee7, hint: expect.any(String) }, exitCode: 1 });
    const lines = wua('install', '--all', '--json', '--progress').stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'error', error: { hresult: 0x80072ee7 }, exitCode: 1 });
  });

  it('uninstalls', () => {
    useScenario('basic');
    const run = wua('uninstall', '--kb', '5065429', '--json');
    expect(run.status).toBe(0);
    expect(json(run)).toMatchObject({ resultCode: 'succeeded', updates: [{ updateId: INSTALLED, resultCode: 'succeeded' }] });
    expect(json<{ updates: unknown[] }>(wua('search', '--json', '--installed')).updates).toHaveLength(0);
  });

  // Twelve runs of the command line, each a process start under Wine: more than the default time.
  it('is idempotent: what is already as asked is reported and left alone, with status 0', () => {
    useScenario('basic');
    for (const args of [['--kb', 'KB5065429'], ['--id', INSTALLED]]) {
      const run = wua('install', ...args);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/KB5065429\s+2026-09 Update.*already installed/);
      expect(run.stdout).toContain('Nothing to do');
      expect(json<ChangeDoc>(wua('install', ...args, '--json'))).toMatchObject({
        resultCode: 'succeeded', updates: [], exitCode: 0,
        skipped: [{ updateId: INSTALLED, kbArticleIds: ['5065429'], reason: 'alreadyInstalled' }],
      });
    }
    const notInstalled = wua('uninstall', '--kb', '2267602', '--json');
    expect(notInstalled.status).toBe(0);
    expect(json<ChangeDoc>(notInstalled)).toMatchObject({ updates: [], skipped: [{ kbArticleIds: ['2267602'], reason: 'notInstalled' }] });

    // A mix: the missing one is installed, the installed one reported.
    expect(wua('download', '--kb', '2267602').status).toBe(0);
    expect(json<ChangeDoc>(wua('download', '--kb', '2267602', '--json'))).toMatchObject({ updates: [], skipped: [{ reason: 'alreadyDownloaded' }] });
    const mix = wua('install', '--kb', '5065429,2267602', '--json');
    expect(mix.status).toBe(0);
    expect(json<ChangeDoc>(mix)).toMatchObject({
      resultCode: 'succeeded', updates: [{ kbArticleIds: ['2267602'], resultCode: 'succeeded' }],
      skipped: [{ kbArticleIds: ['5065429'], reason: 'alreadyInstalled' }],
    });
    const again = wua('install', '--kb', '5065429', '--kb', '2267602');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/KB2267602.*already installed/);

    // --force reinstalls.
    const forced = json<ChangeDoc>(wua('install', '--kb', '5065429', '--force', '--json'));
    expect(forced).toMatchObject({ updates: [{ updateId: INSTALLED, resultCode: 'succeeded' }], skipped: [] });

    // A KB that exists nowhere is still an error, and nothing else in the list is done.
    const missing = wua('install', '--kb', '5068781,9999999', '--json');
    expect(missing.status).toBe(1);
    expect(json<ErrorDoc>(missing)).toMatchObject({ error: { name: 'NotFoundError', missing: ['KB9999999'] }, exitCode: 1 });
    expect(wua('install', '--kb', '9999999').stderr).toContain('no update found for KB9999999');
  }, 180_000);

  it('says "Nothing to do" with status 0 when nothing is found', () => {
    useScenario({ name: 'empty', updates: [] });
    const run = wua('install', '--all');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Nothing to do');
    expect(json<ChangeDoc>(wua('install', '--all', '--json'))).toMatchObject({ resultCode: 'succeeded', updates: [], skipped: [], exitCode: 0 });
  });

  it('shows and carries the search warnings of a change command, with their context', () => {
    useScenario({
      name: 'incomplete',
      search: { warnings: [{ context: 'searchIncomplete', hresult: hresult('WU_E_SERVICE_STOP'), message: 'the server stopped answering' }] },
      updates: [{ id: CU, title: 'Downloaded', kbArticleIds: ['1001'], state: { isDownloaded: true } }],
    });
    const run = wua('install', '--all');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('succeeded');
    expect(run.stdout).toContain('warning (searchIncomplete): WU_E_SERVICE_STOP (0x8024001E): the server stopped answering');
    const doc = json<ChangeDoc>(wua('install', '--all', '--force', '--json'));
    expect(doc.warnings).toEqual([{ context: 'searchIncomplete', hresult: 0x8024001e, code: 'WU_E_SERVICE_STOP', message: 'the server stopped answering' }]);
    expect(wua('search').stdout).toContain('warning (searchIncomplete)');
    const lines = wua('install', '--all', '--force', '--json', '--progress').stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'result', warnings: [{ context: 'searchIncomplete' }] });
  });

  it('a partly failed install with a restart: status 4, the outcomes, and the restart notice', () => {
    useScenario(restartThen('partial', { install: { hresult: FAILS } }));
    const run = wua('install', '--all');
    expect(run.status).toBe(4);
    expect(run.stdout).toMatch(/KB1001\s+Needs a restart\s+succeeded\s+-\s+yes/);
    expect(run.stdout).toMatch(/KB1002\s+The second update\s+failed\s+WU_E_UH_INSTALLERFAILURE\s+-/);
    expect(run.stdout).toContain('A restart is needed to finish');
    useScenario(restartThen('partial', { install: { hresult: FAILS } }));
    expect(json<ChangeDoc>(wua('install', '--all', '--json'))).toMatchObject({
      resultCode: 'succeededWithErrors', rebootRequired: true, exitCode: 4,
      updates: [{ kbArticleIds: ['1001'], resultCode: 'succeeded', rebootRequired: true },
        { kbArticleIds: ['1002'], title: 'The second update', resultCode: 'failed', code: 'WU_E_UH_INSTALLERFAILURE' }],
    });
  });

  it('a failed job shows every update\'s KB, title and code (status 1)', () => {
    const failing = { name: 'failing', updates: [
      { id: CU, title: 'First failing update', kbArticleIds: ['1001'], state: { isDownloaded: true }, install: { hresult: FAILS } },
      { id: REDIST, title: 'Second failing update', kbArticleIds: ['1002'], state: { isDownloaded: true }, install: { hresult: FAILS } },
    ] };
    useScenario(failing);
    const run = wua('install', '--all');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/KB1001\s+First failing update\s+failed\s+WU_E_UH_INSTALLERFAILURE/);
    expect(run.stdout).toMatch(/KB1002\s+Second failing update\s+failed\s+WU_E_UH_INSTALLERFAILURE/);
    expect(run.stderr).toMatch(/error: install failed: .*KB1001/);
    expect(run.stderr).toContain('hint:');
    useScenario(failing);
    expect(json<ChangeDoc>(wua('install', '--all', '--json'))).toMatchObject({
      operation: 'install', resultCode: 'failed', exitCode: 1, rebootRequired: false,
      updates: [{ kbArticleIds: ['1001'], title: 'First failing update', resultCode: 'failed', code: 'WU_E_UH_INSTALLERFAILURE' },
        { kbArticleIds: ['1002'], title: 'Second failing update', resultCode: 'failed', code: 'WU_E_UH_INSTALLERFAILURE' }],
      error: { name: 'WindowsUpdateError', hint: expect.any(String) },
    });
  });

  it('a failure beside a pending restart: status 1, and the restart still said', () => {
    const scenario = { name: 'fail-restart', updates: [
      { id: CU, title: 'Installed, waits for a restart', kbArticleIds: ['1001'], state: { isInstalled: true, rebootRequired: true } },
      { id: REDIST, title: 'Fails', kbArticleIds: ['1002'], state: { isDownloaded: true }, install: { hresult: FAILS } },
    ] };
    useScenario(scenario);
    const run = wua('install', '--kb', '1001,1002');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/KB1001\s+Installed, waits for a restart\s+already installed\s+-\s+yes/);
    expect(run.stdout).toContain('A restart is needed to finish');
    useScenario(scenario);
    expect(json<ChangeDoc>(wua('install', '--kb', '1001,1002', '--json'))).toMatchObject({
      resultCode: 'failed', rebootRequired: true, exitCode: 1,
      updates: [{ kbArticleIds: ['1002'], resultCode: 'failed', code: 'WU_E_UH_INSTALLERFAILURE' }],
      skipped: [{ kbArticleIds: ['1001'], reason: 'alreadyInstalled', rebootRequired: true }],
    });
  });

  it('aborts through the agent on --timeout and exits 130', () => {
    useScenario({ name: 'hang', updates: [{ id: CU, title: 'Hangs', kbArticleIds: ['1'] }], download: { hangUntilAbort: true } });
    const run = wua('download', '--all', '--timeout', '0.5');
    expect(run.status).toBe(130);
    expect(run.stderr).toContain('aborted');
  });

  it('keeps what finished before a timeout: the outcome table and the restart notice, status 130', () => {
    useScenario(restartThen('abort-after-restart', { install: { hangUntilAbort: true } }));
    const run = wua('install', '--all', '--timeout', '3');
    expect(run.status).toBe(130);
    expect(run.stdout).toMatch(/KB1001\s+Needs a restart\s+succeeded\s+-\s+yes/);
    expect(run.stdout).toMatch(/KB1002\s+The second update\s+aborted/);
    expect(run.stdout).toContain('A restart is needed to finish');
    expect(run.stderr).toContain('aborted');
    useScenario(restartThen('abort-after-restart', { install: { hangUntilAbort: true } }));
    expect(json<ChangeDoc>(wua('install', '--all', '--timeout', '3', '--json'))).toMatchObject({
      operation: 'install', resultCode: 'aborted', rebootRequired: true, exitCode: 130,
      updates: [{ kbArticleIds: ['1001'], resultCode: 'succeeded', rebootRequired: true }, { kbArticleIds: ['1002'], resultCode: 'aborted' }],
      error: { name: 'TimeoutError' },
    });
  });
});
