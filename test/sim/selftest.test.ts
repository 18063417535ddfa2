// The simulator's portable parts (JSON, criteria) carry table-driven unit tests of their own,
// built as Windows programs beside the DLL; each prints "N passed, N failed".
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const buildDir = path.resolve(__dirname, '..', '..', 'build', 'sim');

describe.each(['json', 'criteria'])('the simulator %s unit tests', (part) => {
  it('all pass', () => {
    const run = spawnSync(path.join(buildDir, `${part}-selftest.exe`), { encoding: 'utf8', timeout: 60_000 });
    const summary = /(\d+) passed, (\d+) failed/.exec(run.stdout);
    expect(summary, run.stdout + run.stderr).not.toBeNull();
    expect(Number(summary![2]), run.stdout).toBe(0);
    expect(Number(summary![1])).toBeGreaterThanOrEqual(part === 'criteria' ? 40 : 30);
    expect(run.status).toBe(0);
  });
});
