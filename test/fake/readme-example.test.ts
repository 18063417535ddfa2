// The example of README.md's "Test your app without Windows", as it stands there: readme.test.ts
// checks that the two are the same text.
import { afterEach, describe, expect, it } from 'vitest';

import { UpdateSession, WindowsUpdateError } from '../../lib/index.js';
import { FakeAgent, installFakeAgent, restore } from '../../lib/testing/index.js';

// The app's own code: it opens its own session, as it does in production.
async function updateNow(onPercent: (percent: number) => void): Promise<{ installed: string[]; restart: boolean }> {
  const session = new UpdateSession({ clientApplicationId: 'my-app' });
  try {
    const { updates } = await session.search();
    await session.download(updates, { onProgress: (p) => onPercent(p.percentComplete) });
    const result = await session.install(updates);
    return { installed: result.updates.map((u) => u.title), restart: result.rebootRequired };
  } finally {
    await session.close();
  }
}

const CUMULATIVE = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const machine = (network = true) => ({
  name: 'one cumulative update',
  agent: { network: { reachable: network } },
  updates: [{
    id: CUMULATIVE,
    title: '2026-11 Cumulative Update for Windows 10 (KB5068781)',
    kbArticleIds: ['5068781'],
    maxDownloadSize: 700_000_000,
    installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' as const },
    download: { durationMs: 40, progressSteps: 4 },
  }],
});

describe('updating the machine', () => {
  afterEach(() => restore());

  it('downloads with progress, installs and asks for a restart', async () => {
    const agent = installFakeAgent(FakeAgent.fromScenario(machine()));
    const percents: number[] = [];
    const outcome = await updateNow((percent) => percents.push(percent));
    expect(outcome).toEqual({ installed: ['2026-11 Cumulative Update for Windows 10 (KB5068781)'], restart: true });
    expect(percents.at(-1)).toBe(100);
    expect(agent.state.updates[CUMULATIVE]).toMatchObject({ isInstalled: true });
    expect(agent.state.rebootRequired).toBe(true);
    expect(agent.state.history[0]).toMatchObject({ operation: 'installation', updateId: CUMULATIVE });
  });

  it('reports a machine without a network as a network error', async () => {
    installFakeAgent(FakeAgent.fromScenario(machine(false)));
    const error = await updateNow(() => {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', category: 'network' });
  });
});
