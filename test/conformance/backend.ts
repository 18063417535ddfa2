// The agent a conformance test runs against: the simulator under Wine (the addon's production
// path), or the fake agent of windows-update-agent/testing in plain Node. The same tests run on
// both, and a difference between them is a bug in one of them. The simulator's harness API is the
// tests' API: on the fake, the scenario plays through installFakeAgent(), so that the tests open
// their sessions (new UpdateSession()) the same way on both.
import path from 'node:path';

import { afterAll } from 'vitest';

import { FakeAgent, installFakeAgent, restore } from '../../lib/testing/index.js';
import * as simulator from '../sim/harness.js';

export type BackendName = 'simulator' | 'fake';

/** `WUA_TEST_BACKEND` picks one; by default the simulator on Windows (and Wine), the fake elsewhere. */
export const BACKEND: BackendName = process.env.WUA_TEST_BACKEND === 'fake' || process.env.WUA_TEST_BACKEND === 'simulator'
  ? process.env.WUA_TEST_BACKEND : process.platform === 'win32' ? 'simulator' : 'fake';

const onFake = BACKEND === 'fake';
let agent: FakeAgent | undefined;

if (onFake) afterAll(() => restore());

/** The fake agent the test plays now (fake backend only). */
export function fakeAgent(): FakeAgent {
  if (!agent) throw new Error('no scenario is played on the fake agent');
  return agent;
}

/** Plays a scenario: a name under test/sim/scenarios/ without `.json`, or a scenario object. */
export function useScenario(scenario: string | object, options: simulator.UseScenarioOptions = {}): simulator.ScenarioInUse {
  if (!onFake) return simulator.useScenario(scenario, options);
  const scenarioFile = typeof scenario === 'string' ? path.join(simulator.SCENARIO_DIR, `${scenario}.json`) : '<scenario>';
  if (!(options.keepState && agent)) agent = FakeAgent.fromScenario(typeof scenario === 'string' ? scenarioFile : scenario as never);
  installFakeAgent(agent);
  return { scenarioFile, stateFile: '', env: {} };
}

export function resetSimulator(): void {
  if (onFake) fakeAgent().reset();
  else simulator.resetSimulator();
}

/** The agent members called so far, named as the simulator's call log names them. */
export function calls(): string[] {
  return onFake ? fakeAgent().calls() : simulator.calls();
}

export function clearCalls(): void {
  if (onFake) fakeAgent().clearCalls();
  else simulator.clearCalls();
}

export function releaseWedges(): number {
  return onFake ? fakeAgent().releaseWedges() : simulator.releaseWedges();
}

/** The hexadecimal string of a named HRESULT. */
export const hresult = simulator.hresult;

/**
 * That the client released every agent object: the simulator counts its COM objects; the fake
 * holds none per record, so there it checks that no call is still held.
 */
export async function expectNoLiveObjects(timeoutMs = 5000): Promise<void> {
  if (!onFake) {
    await simulator.expectNoLiveObjects(timeoutMs);
    return;
  }
  if (fakeAgent().heldCalls) throw new Error(`the fake agent still holds ${fakeAgent().heldCalls} call(s)`);
}

/** Automatic Updates' service now, and the detections DetectNow started. */
export function automaticUpdatesState(): { serviceEnabled: boolean; detections: number } {
  return onFake ? { ...fakeAgent().state.automaticUpdates } : simulator.automaticUpdatesState();
}

/** The simulator's record of the keep-awake flags: the addon's own behaviour, for tests that run on the simulator only. */
export const executionState = simulator.executionState;
