// Issue-level proof that the addon drives the agent the production way: through the facade, on a
// thread of its own in the multithreaded apartment, with failures arriving as typed errors.
import { afterEach, describe, expect, it } from 'vitest';

import { UpdateSession, WindowsUpdateError } from '../../lib/index.js';
import { loadBinding } from '../../lib/native.js';
import { expectNoLiveObjects, hresult, useScenario } from '../sim/harness.js';

const sessions: UpdateSession[] = [];
function openSession(clientApplicationId = 'windows-update-agent tests'): UpdateSession {
  const session = new UpdateSession({ clientApplicationId });
  sessions.push(session);
  return session;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

describe('the addon against the simulated agent', () => {
  it('creates the session on an addon thread in the MTA and reads its properties back', async () => {
    useScenario('basic');
    const binding = loadBinding();
    const native = new binding.Session({ clientApplicationId: 'native read-back' });
    const described = await native.describe();
    await native.close();
    expect(described.clientApplicationId).toBe('native read-back');
    expect(described.readOnly).toBe(false);
    expect(described.apartment).toBe('MTA');
    expect(described.threadId).not.toBe(binding.diagnostics().jsThreadId);

    await expect(openSession().describe()).resolves.toEqual({
      clientApplicationId: 'windows-update-agent tests',
      readOnly: false,
    });
  });

  it('reports a read-only session to a caller who is not an administrator', async () => {
    useScenario({ name: 'not-admin', agent: { isAdministrator: false } });
    await expect(openSession().describe()).resolves.toMatchObject({ readOnly: true });
  });

  it('turns a failing COM call into a WindowsUpdateError carrying the HRESULT', async () => {
    useScenario({ name: 'service-stopping', agent: { faults: { 'IUpdateSession::get_ReadOnly': hresult('WU_E_SERVICE_STOP') } } });
    const failure = await openSession().describe().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({
      hresult: 0x8024001e,
      name: 'WindowsUpdateError',
      code: 'WU_E_SERVICE_STOP',
      operation: 'describe',
      description: 'fault injected by the scenario at IUpdateSession::get_ReadOnly',
    });
    expect((failure as WindowsUpdateError).message).toContain('0x8024001E');
  });

  it('keeps the JS thread free while the agent is slow', async () => {
    useScenario({ name: 'slow-agent', agent: { delays: { 'IUpdateSession::get_ReadOnly': 600 } } });
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    const started = performance.now();
    await openSession().describe();
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    // A blocked event loop would have produced no tick until the call returned.
    expect(ticks.length).toBeGreaterThan(10);
    expect(ticks[0]! - started).toBeLessThan(300);
  });

  it('releases every COM object of the agent when sessions close', async () => {
    useScenario('basic');
    await Promise.all([openSession().describe(), openSession().describe()]);
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await expectNoLiveObjects();
  });
});
