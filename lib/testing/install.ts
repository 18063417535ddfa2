// The process-wide switch: for code that constructs its own UpdateSession, as HTTP mocking
// libraries intercept requests that code makes itself (nock's activate and restore).
import { processAgent, setProcessAgent } from '../agent-backend.js';
import { InvalidArgumentError } from '../errors.js';
import { FakeAgent } from './fake-agent.js';

/**
 * Makes every UpdateSession without an `agent` option use `agent`, from its next call on, until
 * restore(). Sessions already open keep the agent they opened with. Installing another agent
 * replaces this one. Returns `agent`. Throws InvalidArgumentError when `agent` is not a FakeAgent.
 */
export function installFakeAgent(agent: FakeAgent): FakeAgent {
  if (!(agent instanceof FakeAgent)) {
    throw new InvalidArgumentError('agent', 'must be a FakeAgent (FakeAgent.fromScenario())', 'ERR_INVALID_ARG_TYPE');
  }
  setProcessAgent(agent);
  return agent;
}

/** Undoes installFakeAgent(): sessions opened from now on use the real agent again. Safe to call when none is installed. */
export function restore(): void {
  setProcessAgent(undefined);
}

/** Whether installFakeAgent() is in force. */
export function isFakeAgentInstalled(): boolean {
  return processAgent() !== undefined;
}
