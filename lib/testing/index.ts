// windows-update-agent/testing: a fake agent for tests that run without Windows. Re-exports only.
export { FakeAgent, type FakeMachineState } from './fake-agent.js';
export { installFakeAgent, restore, isFakeAgentInstalled } from './install.js';
export { ScenarioError, type ScenarioSource } from './scenario.js';
export type * from './scenario.generated.js';
