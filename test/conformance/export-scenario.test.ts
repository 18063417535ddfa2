// The machine as a scenario (exportScenario, `wua export-scenario`): the export is a valid scenario,
// and playing it gives the same search results, field for field, in the agent it came from and in
// the fake agent.
import { describe, expect, it } from 'vitest';

import { UpdateSession, type SearchResult } from '../../lib/index.js';
import { exportScenario } from '../../lib/scenario-export.js';
import { FakeAgent } from '../../lib/testing/index.js';
import { sessionsPerTest } from '../core/sessions.js';
import { useScenario } from './backend.js';

const sessions = sessionsPerTest({ clientApplicationId: 'export tests' });

const CRITERIA = ['', 'IsInstalled=1', 'IsHidden=1', "Type='Driver'", 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*'];

async function searches(session: UpdateSession): Promise<Pick<SearchResult, 'resultCode' | 'updates' | 'warnings'>[]> {
  const results = [];
  for (const criteria of CRITERIA) {
    for (const includePotentiallySupersededUpdates of [false, true]) {
      const { resultCode, updates, warnings } = await session.search(criteria, { includePotentiallySupersededUpdates });
      results.push({ resultCode, updates, warnings });
    }
  }
  return results;
}

describe('exportScenario', () => {
  it('exports a machine that replays with the same search results, field for field', async () => {
    useScenario('basic');
    const original = sessions.open();
    // A machine that has lived a little: an install, a hidden update.
    await original.install(['4b2d8e91-7c3a-4f1e-b5d6-2a9c8e7f6b31']);
    await original.hide(['c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60']);
    const before = await searches(original);
    const exported = await exportScenario(original);
    const history = await original.historyCount();

    // Valid in the fake's loader (the JSON Schema and the checks in code).
    expect(() => FakeAgent.fromScenario(exported)).not.toThrow();
    expect(exported.agent?.history).toHaveLength(history);
    expect(exported.updates?.length).toBeGreaterThanOrEqual(before.at(-1)!.updates.length);

    // Played where it came from.
    useScenario(exported);
    const replayed = sessions.open();
    expect(await searches(replayed)).toEqual(before);
    expect(await replayed.historyCount()).toBe(history);
    expect((await replayed.services()).map((s) => s.serviceId)).toEqual((await original.services()).map((s) => s.serviceId));

    // And in the fake agent, in this process.
    const fake = new UpdateSession({ agent: FakeAgent.fromScenario(exported) });
    try {
      expect(await searches(fake)).toEqual(before);
    } finally {
      await fake.close();
    }
  });
});
