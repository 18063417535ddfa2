// Where a session gets its agent from when it is not the addon: a backend passed as the
// session's `agent` option, or one installed for the whole process (the fake agent of
// `windows-update-agent/testing` is one). The addon is then never loaded.
import type { NativePreflightFacts, NativePreflightRequest, NativeSession, NativeSessionOptions } from './native.js';

/** What plays the agent for a session instead of the addon: it opens the session's native side. */
export interface AgentBackend {
  /** @internal */
  openSession(options: NativeSessionOptions): NativeSession;
  /** @internal The machine's facts for a preflight, as the addon's preflightFacts reads them. */
  preflightFacts(request: NativePreflightRequest): Promise<NativePreflightFacts>;
}

let installed: AgentBackend | undefined;

/** The backend every session without an `agent` option uses now, if one is installed. */
export function processAgent(): AgentBackend | undefined {
  return installed;
}

export function setProcessAgent(backend: AgentBackend | undefined): void {
  installed = backend;
}

export function isAgentBackend(value: unknown): value is AgentBackend {
  return typeof value === 'object' && value !== null && typeof (value as AgentBackend).openSession === 'function'
    && typeof (value as AgentBackend).preflightFacts === 'function';
}
