// NODE_DEBUG=windows-update-agent: one line per call from the facade into the addon that reaches
// the agent, with the agent members behind it, its duration and its HRESULT. It is the one place
// that logs, at the addon's boundary, so every path (the facade, the CLI, an isolated child)
// logs alike. A line holds the call's name, its operation ID and counts, never an argument's text
// or a result: a proxy password, a licence text and a record never reach the log.
import { debuglog } from 'node:util';

import { describeHresult } from './errors.js';
import type { NativeBinding, NativeSession, NativeSessionOptions } from './native.js';

const log = debuglog('windows-update-agent');

/** Whether NODE_DEBUG names the package (read once, when the addon loads). */
export function debugLogEnabled(): boolean {
  return log.enabled;
}

/**
 * The agent members behind each NativeSession method, as the addon's headers name them. `forget`
 * is missing on purpose: it releases records' COM references and asks the agent nothing; so are
 * `pendingCalls` and `abandon`, which only an isolated session has.
 */
const MEMBERS = {
  describe: 'IUpdateSession::ClientApplicationID, ReadOnly',
  search: 'IUpdateSearcher::BeginSearch, EndSearch',
  download: 'IUpdateDownloader::BeginDownload, EndDownload',
  install: 'IUpdateInstaller::BeginInstall, EndInstall',
  uninstall: 'IUpdateInstaller::BeginUninstall, EndUninstall',
  inspect: 'IUpdateSearcher::Search (UpdateID), IUpdate state getters',
  abort: 'ISearchJob/IDownloadJob/IInstallationJob::RequestAbort',
  status: 'ISystemInformation::RebootRequired, OemHardwareSupportLink, IUpdateInstaller::IsBusy, RebootRequiredBeforeInstallation, '
    + 'IWindowsUpdateAgentInfo::GetInfo, IUpdateSession::ReadOnly',
  close: 'IUpdateSession release',
  historyPage: 'IUpdateSearcher::QueryHistory',
  historyOf: 'IUpdateSession3::QueryHistory',
  historyCount: 'IUpdateSearcher::GetTotalHistoryCount',
  automaticUpdates: 'IAutomaticUpdates::ServiceEnabled, Settings, IAutomaticUpdates2::Results',
  detectNow: 'IAutomaticUpdates::DetectNow',
  enableAutomaticUpdatesService: 'IAutomaticUpdates::EnableService',
  setHidden: 'IUpdate::put_IsHidden',
  acceptEulas: 'IUpdate::AcceptEula',
  services: 'IUpdateServiceManager::Services',
  addService: 'IUpdateServiceManager2::AddService2',
  removeService: 'IUpdateServiceManager::RemoveService',
  setServiceWithAu: 'IUpdateServiceManager2::RegisterServiceWithAU, UnregisterServiceWithAU',
  serviceRegistration: 'IUpdateServiceManager2::QueryServiceRegistration',
  scanPackage: 'IUpdateServiceManager::AddScanPackageService, IUpdateSearcher::BeginSearch, EndSearch, RemoveService',
  driveType: 'GetDriveType',
} satisfies Record<Exclude<keyof NativeSession, 'forget' | 'pendingCalls' | 'abandon'>, string>;

const OPEN = 'CoCreateInstance(UpdateSession), IUpdateSession::put_ClientApplicationID, put_WebProxy';
const PREFLIGHT = 'OpenProcessToken, QueryServiceConfig, RegQueryValueEx, OpenMutex, WinHttpGetDefaultProxyConfiguration, GetDiskFreeSpaceEx';

/**
 * What a line says of a call's arguments: an operation ID, the number of update IDs, a count. A
 * string (criteria, an ID, a path) and an object (options, a proxy with its password) say nothing.
 */
function argumentSummary(method: string, args: readonly unknown[]): string {
  const parts: string[] = [];
  if (typeof args[0] === 'number' && method !== 'historyPage') parts.push(`op ${args[0]}`);
  if (method === 'historyPage') parts.push(`op ${String(args[0])}, start ${String(args[1])}, count ${String(args[2])}`);
  const ids = args.find((arg): arg is unknown[] => Array.isArray(arg));
  if (ids) parts.push(`${ids.length} update${ids.length === 1 ? '' : 's'}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function hresultOf(error: unknown): string {
  const value = (error as { hresult?: unknown } | null)?.hresult;
  if (typeof value !== 'number') return `failed, no HRESULT (${error instanceof Error ? error.name : typeof error})`;
  const code = value >>> 0;
  return `hresult 0x${code.toString(16).toUpperCase().padStart(8, '0')} ${describeHresult(code).name}`;
}

function line(call: string, members: string, started: bigint, outcome: string): void {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  log('%s [%s] %s ms %s', call, members, ms.toFixed(1), outcome);
}

/** Runs `call`, synchronous or not, and logs it once it has settled. */
function timed<T>(call: string, members: string, run: () => T): T {
  const started = process.hrtime.bigint();
  let result: T;
  try {
    result = run();
  } catch (error) {
    line(call, members, started, hresultOf(error));
    throw error;
  }
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      // A change resolves with the agent's result even when it failed: its HRESULT is the call's.
      const hresult = (value as { hresult?: unknown } | null)?.hresult;
      line(call, members, started, typeof hresult === 'number' && hresult !== 0 ? hresultOf(value) : 'hresult 0');
      return value;
    }, (error: unknown) => {
      line(call, members, started, hresultOf(error));
      throw error;
    }) as T;
  }
  line(call, members, started, 'hresult 0');
  return result;
}

function tracedSession(session: NativeSession): NativeSession {
  return new Proxy(session, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || !(property in MEMBERS)) {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      const members = MEMBERS[property as keyof typeof MEMBERS];
      return (...args: unknown[]) => timed(`${property}${argumentSummary(property, args)}`, members,
        () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

/**
 * The addon with each agent call logged, when NODE_DEBUG names the package; otherwise the addon
 * itself, so that a process that does not ask pays nothing.
 */
export function withDebugLog(binding: NativeBinding): NativeBinding {
  if (!log.enabled) return binding;
  const { Session } = binding;
  const TracedSession = function (options: NativeSessionOptions): NativeSession {
    return tracedSession(timed('open', OPEN, () => new Session(options)));
  } as unknown as NativeBinding['Session'];
  // The addon's other exports (diagnostics) are reached through the prototype: an addon's
  // methods are not enumerable, so a spread would drop them.
  return Object.assign(Object.create(binding) as NativeBinding, {
    Session: TracedSession,
    preflightFacts: (request: Parameters<NativeBinding['preflightFacts']>[0]) => timed('preflightFacts', PREFLIGHT,
      () => binding.preflightFacts(request)),
  });
}
