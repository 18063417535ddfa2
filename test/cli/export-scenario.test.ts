// `wua export-scenario` as a child process: stdout is the machine as a scenario, which the
// simulator plays again with the same search results; with --json, the one document with exitCode.
import { describe, expect, it } from 'vitest';

import { UpdateSession } from '../../lib/index.js';
import type { Scenario } from '../../lib/testing/index.js';
import { useScenario } from '../sim/harness.js';
import { jsonOf, wua } from './spawn-wua.js';

describe('wua export-scenario', () => {
  it('writes the machine as a scenario that replays with the same search results', async () => {
    useScenario('basic');
    const session = new UpdateSession();
    const before = await session.search('IsInstalled=0 or IsInstalled=1', { includePotentiallySupersededUpdates: true });
    await session.close();
    const run = wua('export-scenario');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const exported = JSON.parse(run.stdout) as Scenario;
    expect(exported).toMatchObject({ name: 'exported', agent: { productVersion: '10.0.19041.3636' } });

    useScenario(exported);
    const replayed = new UpdateSession();
    try {
      const after = await replayed.search('IsInstalled=0 or IsInstalled=1', { includePotentiallySupersededUpdates: true });
      expect(after.updates).toEqual(before.updates);
    } finally {
      await replayed.close();
    }
  });

  it('gives one document with the scenario and exitCode under --json', () => {
    useScenario('basic');
    const doc = jsonOf<{ scenario: Scenario; exitCode: number }>(wua('export-scenario', '--json'));
    expect(doc.exitCode).toBe(0);
    expect(doc.scenario.updates?.length).toBeGreaterThan(5);
  });
});
