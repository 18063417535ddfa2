// The process-wide switch of windows-update-agent/testing, as a test double's users expect it:
// installed for sessions that code opens itself, undone by restore(), a session's own `agent`
// first, and the package usable off Windows only while a fake is installed.
import { afterEach, describe, expect, it } from 'vitest';

import { InvalidArgumentError, isSupported, UnsupportedPlatformError, UpdateSession } from '../../lib/index.js';
import { FakeAgent, installFakeAgent, isFakeAgentInstalled, restore } from '../../lib/testing/index.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const one = (id: string, title: string) => FakeAgent.fromScenario({ name: title, updates: [{ id, title }] });

afterEach(() => restore());

describe('installFakeAgent() and restore()', () => {
  it('serves sessions the code opens itself until restore(), after which the real agent is back', async () => {
    expect(isFakeAgentInstalled()).toBe(false);
    const agent = installFakeAgent(one(A, 'Fake'));
    expect(isFakeAgentInstalled()).toBe(true);
    expect(isSupported()).toBe(true);
    const session = new UpdateSession();
    expect((await session.search()).updates.map((u) => u.title)).toEqual(['Fake']);
    expect(agent.calls()).toContain('IUpdateSearcher::BeginSearch');
    restore();
    expect(isFakeAgentInstalled()).toBe(false);
    // The open session keeps the agent it opened with.
    expect((await session.search()).updates.map((u) => u.title)).toEqual(['Fake']);
    await session.close();
    if (process.platform !== 'win32') {
      expect(isSupported()).toBe(false);
      await expect(new UpdateSession().search()).rejects.toBeInstanceOf(UnsupportedPlatformError);
    }
  });

  it('gives a session\'s own agent precedence over the installed one', async () => {
    installFakeAgent(one(A, 'Installed'));
    const session = new UpdateSession({ agent: one(B, 'Own') });
    expect((await session.search()).updates.map((u) => u.title)).toEqual(['Own']);
    await session.close();
  });

  it('refuses what is not a fake agent, before anything runs', () => {
    expect(() => installFakeAgent({} as FakeAgent)).toThrow(InvalidArgumentError);
    expect(() => new UpdateSession({ agent: {} as FakeAgent })).toThrow(InvalidArgumentError);
  });

  it('keeps the state between sessions of one agent, and reset() goes back to the scenario', async () => {
    const agent = FakeAgent.fromScenario({ updates: [{ id: A, title: 'To install', installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } }] });
    const first = new UpdateSession({ agent });
    const result = await first.install([A]);
    expect(result).toMatchObject({ resultCode: 'succeeded', rebootRequired: true });
    await first.close();
    const second = new UpdateSession({ agent });
    expect((await second.search('IsInstalled=1')).updates.map((u) => u.identity.updateId)).toEqual([A]);
    expect((await second.status()).rebootRequired).toBe(true);
    // The state's history names its result as history() does.
    const [entry] = agent.state.history;
    expect(entry).toMatchObject({ operation: 'installation', updateId: A, resultCode: 'succeeded', hresult: 0 });
    expect((await second.historyOf(A))[0]).toMatchObject({ resultCode: entry!.resultCode, identity: { updateId: A } });
    agent.reset();
    expect(agent.state.updates[A]).toMatchObject({ isInstalled: false, isDownloaded: false });
    expect(agent.state.history).toEqual([]);
    expect(agent.calls()).toEqual([]);
    await second.close();
  });

  it('holds a hanging install until it is aborted or released', async () => {
    const agent = FakeAgent.fromScenario({ updates: [{ id: A, title: 'Hangs', state: { isDownloaded: true }, install: { hangUntilAbort: true } }] });
    const session = new UpdateSession({ agent });
    const controller = new AbortController();
    const install = session.install([A], { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(agent.heldCalls).toBe(1);
    controller.abort(new Error('enough'));
    await expect(install).rejects.toMatchObject({ name: 'AbortError' });
    expect(agent.heldCalls).toBe(0);
    expect(agent.calls()).toContain('Job::RequestAbort');
    await session.close();
  });
});

describe('records of the fake agent', () => {
  it('are the caller\'s own: changing one changes no later search', async () => {
    const agent = FakeAgent.fromScenario({ updates: [{ id: A, title: 'Supersedes', supersededUpdateIds: [B], kbArticleIds: ['5000001'] }] });
    const session = new UpdateSession({ agent });
    const [first] = (await session.search()).updates;
    (first!.supersededUpdateIds as string[]).push('changed by the caller');
    const [again] = (await session.search()).updates;
    expect(again!.supersededUpdateIds).toEqual([B]);
    await session.close();
  });
});
