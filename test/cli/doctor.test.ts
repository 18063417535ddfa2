// `wua doctor` as a child process: the table with a status per line (coloured unless NO_COLOR),
// the JSON document, and an exit status that agrees with the report. The states that make a
// check fail are set in the prefix by test/core/preflight.test.ts, which also runs `wua doctor`
// on one of them; these runs only read the prefix.
import { describe, expect, it } from 'vitest';

import type { PreflightReport } from '../../lib/index.js';
import { useScenario } from '../sim/harness.js';
import { jsonOf, wua, wuaWith } from './spawn-wua.js';

type DoctorDoc = PreflightReport & { exitCode: number };

const scenario = { name: 'cli-doctor', agent: { productVersion: '10.0.26100.4061', apiMajorVersion: 8, apiMinorVersion: 1 }, updates: [] };

describe('wua doctor', () => {
  it('writes the report as one JSON document whose exitCode is the exit status: 0 when ready, 5 when not', () => {
    useScenario(scenario);
    const run = wua('doctor', '--json');
    const doc = jsonOf<DoctorDoc>(run);
    expect(run.status).toBe(doc.exitCode);
    expect(doc.exitCode).toBe(doc.ready ? 0 : 5);
    expect(doc.ready).toBe(!doc.checks.some((check) => check.status === 'failure'));
    expect(doc.checks).toHaveLength(21);
    expect(doc.checks.find((check) => check.id === 'agent.version')).toMatchObject({ status: 'ok', facts: { productVersion: '10.0.26100.4061' } });
    expect(doc.facts.agent.value).toMatchObject({ productVersion: '10.0.26100.4061', apiMajorVersion: 8 });
  });

  it('prints one line per check with its status, and a last line that agrees with the exit status', () => {
    useScenario(scenario);
    const run = wua('doctor');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^STATUS\s+CHECK\s+FINDING$/);
    const rows = lines.slice(1, 22);
    for (const row of rows) expect(row).toMatch(/^(ok|warning|failure|unknown)\s{2,}\S/);
    expect(rows.map((row) => /^\w+\s+(.+?)\s{2,}/.exec(row)?.[1])).toContain('Service wuauserv');
    expect(run.stdout).toMatch(/^ok\s+Agent\s+Windows Update Agent 10\.0\.26100\.4061, API 8\.1\.$/m);
    const failed = rows.filter((row) => row.startsWith('failure')).length;
    expect(lines.at(-1)).toBe(failed ? `Not ready: ${failed} check${failed === 1 ? '' : 's'} failed.` : expect.stringMatching(/^Ready: no check failed/));
    expect(run.status).toBe(failed ? 5 : 0);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours each status when colour is wanted, and never under NO_COLOR', () => {
    useScenario(scenario);
    const coloured = wuaWith({ FORCE_COLOR: '1', NO_COLOR: '' }, 'doctor');
    const line = coloured.stdout.split('\n').find((text) => text.includes('Elevation')) ?? '';
    expect(line.startsWith('\u001b[32mok\u001b[39m ')).toBe(true);
    const plain = wuaWith({ FORCE_COLOR: '1', NO_COLOR: '1' }, 'doctor');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toMatch(/^ok\s+Elevation/m);
  });
});
