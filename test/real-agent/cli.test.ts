// `wua`'s read-only commands against the machine's real agent (see lane.ts), as a script runs
// them: one JSON document on stdout whose exitCode is the process's exit status.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isolation, realAgent, SEARCH_TIMEOUT_MS } from './lane.js';

const WUA = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'wua.js');
const via = isolation === 'none' ? [] : ['--via', isolation];

function document(...args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, [WUA, ...via, '--json', ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: SEARCH_TIMEOUT_MS,
  });
  if (run.error) throw run.error;
  const doc = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(doc.exitCode, run.stderr).toBe(run.status);
  return doc;
}

describe.skipIf(!realAgent)('wua against the real agent, read only', () => {
  it('status: 0, or 3010 when a restart is pending', () => {
    const doc = document('status');
    expect(doc.exitCode).toBe(doc.rebootRequired === true ? 3010 : 0);
  });

  it('search --offline: the updates the agent already knows of', () => {
    const doc = document('search', '--offline');
    expect(doc.exitCode).toBe(0);
    expect(Array.isArray(doc.updates)).toBe(true);
  }, SEARCH_TIMEOUT_MS);

  it('history --last 5', () => {
    const doc = document('history', '--last', '5');
    expect(doc.exitCode).toBe(0);
    expect((doc.entries as unknown[]).length).toBeLessThanOrEqual(5);
  });

  it('services, settings and doctor each give their document', () => {
    expect(document('services').exitCode).toBe(0);
    expect(document('settings').exitCode).toBe(0);
    // doctor: 5 when a check fails, which a runner's own configuration may cause.
    expect([0, 5]).toContain(document('doctor').exitCode);
  });
});
