// The simulator's own test programs, built as Windows programs beside the DLL: table-driven unit
// tests of its portable parts (JSON, criteria) and a native COM client of the agent (services,
// Automatic Updates, proxy, history, hiding, collections); each prints "N passed, N failed".
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { useScenario } from './harness.js';

const buildDir = path.resolve(__dirname, '..', '..', 'build', 'sim');

const MINIMUM_CASES: Record<string, number> = { json: 30, criteria: 40, com: 40 };

describe.each(Object.keys(MINIMUM_CASES))('the simulator %s tests', (part) => {
  it('all pass', () => {
    const { env } = useScenario('basic');
    const run = spawnSync(path.join(buildDir, `${part}-selftest.exe`), { encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, ...env } });
    const summary = /(\d+) passed, (\d+) failed/.exec(run.stdout);
    expect(summary, run.stdout + run.stderr).not.toBeNull();
    expect(Number(summary![2]), run.stdout).toBe(0);
    expect(Number(summary![1])).toBeGreaterThanOrEqual(MINIMUM_CASES[part]!);
    expect(run.status).toBe(0);
  });
});
