// isolation: 'broker': an isolated session whose "child" is a connection to the broker service,
// where the broker's own isolated child holds the agent session (lib/broker/agent-host.ts).
import type { NativeSession, NativeSessionOptions } from '../native.js';
import { type IsolationHooks, openIsolatedSession } from '../isolation/isolated-session.js';
import { startBrokerConnection } from './client.js';

export function openBrokerSession(options: NativeSessionOptions, graceMs: number, hooks: IsolationHooks): NativeSession {
  return openIsolatedSession(options, graceMs, hooks, startBrokerConnection);
}
