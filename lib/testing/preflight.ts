// The fake machine's facts for UpdateSession.preflight(), as the addon reads them
// (src/platform/preflight.h), from the scenario's state: its caller (agent.isAdministrator,
// agent.logon) and a machine whose update services run, with no policy, no pending restart
// outside the agent's own, no installer at work, a direct connection and room on its drive.
import type { NativeFact, NativePreflightFacts, NativePreflightRequest } from '../native.js';
import { UPDATE_SERVICES } from '../preflight.js';
import type { FakeAgent } from './fake-agent.js';

// winnt.h / winsvc.h numbers, as the addon reports them.
const TOKEN_ELEVATION_TYPE_DEFAULT = 1;
const TOKEN_ELEVATION_TYPE_LIMITED = 3;
const HIGH_INTEGRITY_RID = 0x3000;
const MEDIUM_INTEGRITY_RID = 0x2000;
const SERVICE_DEMAND_START = 3;
const SERVICE_RUNNING = 4;
const WINHTTP_ACCESS_TYPE_NO_PROXY = 1;
const GIB = 1024 ** 3;

const read = <T>(value: T): NativeFact<T> => ({ value, failure: null });

export function fakePreflightFacts(agent: FakeAgent, request: NativePreflightRequest): NativePreflightFacts {
  const logon = agent.scenario.agent?.logon;
  const remote = logon?.remote ?? false;
  const administrator = agent.isAdministrator;
  // A Run As process with nobody logged on (agent.logon.interactiveUser: false) runs as another
  // user than the session's, which has none.
  const runAs = logon?.interactiveUser === false;
  const user = runAs ? 'FAKE\\runas' : 'FAKE\\tester';
  const updateServices = new Set(Object.keys(UPDATE_SERVICES));
  return {
    token: read({
      elevated: administrator,
      elevationType: administrator ? TOKEN_ELEVATION_TYPE_DEFAULT : TOKEN_ELEVATION_TYPE_LIMITED,
      integrityRid: administrator ? HIGH_INTEGRITY_RID : MEDIUM_INTEGRITY_RID,
      administrators: administrator,
      interactive: !remote,
      network: remote,
      batch: false,
      service: false,
      remoteInteractive: false,
      localSystem: false,
      sessionId: remote ? 0 : 1,
      user,
    }),
    logonSession: read({ sessionUser: runAs || remote ? '' : user, activeConsoleSessionId: 1 }),
    services: request.services.map((name) => read(updateServices.has(name)
      ? { installed: true, startType: SERVICE_DEMAND_START, delayedAutoStart: false, state: SERVICE_RUNNING }
      : { installed: false, startType: 0, delayedAutoStart: false, state: 0 })),
    keys: request.keys.map(() => read({ exists: false, values: [] })),
    mutexes: request.mutexes.map(() => read(false)),
    proxy: read({ accessType: WINHTTP_ACCESS_TYPE_NO_PROXY, proxy: '', bypass: '' }),
    disk: read({ root: 'C:\\', freeBytes: 64 * GIB, totalBytes: 128 * GIB }),
  };
}
