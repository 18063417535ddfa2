// Checking what callers pass, before anything reaches the agent: every option by name and type.
import { isAgentBackend } from './agent-backend.js';
import {
  choices, DOWNLOAD_PRIORITIES, OPERATION_RESULT_CODES, SEARCH_SCOPES, SERVER_SELECTIONS, UPDATE_OPERATIONS, valueOf,
} from './enums.js';
import { InvalidArgumentError } from './errors.js';
import { isGuid } from './ids.js';
import type { NativeChangeOptions, NativeSearchOptions } from './native.js';
import { projectionOf } from './records/projection.js';
import { PREFLIGHT_OPTIONS } from './preflight.js';
import { type HeartbeatSettings, heartbeatSettings } from './search-stream.js';
import type {
  AddServiceOptions, ChangeKind, DownloadOptions, HistoryOfOptions, HistoryOperation, HistoryOptions, InstallOptions,
  OfflineScanOptions, OperationResultCode, Progress, SearchOptions, UpdateSessionOptions,
} from './types.js';

export function validateSessionOptions(options: unknown): UpdateSessionOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  // By name, as every call's options: a misspelt `clientApplicationID` was silently dropped.
  for (const key of Object.keys(options)) {
    if (!SESSION_OPTIONS.includes(key)) throw new InvalidArgumentError(`options.${key}`, 'is not an option of UpdateSession');
  }
  const { clientApplicationId } = options as UpdateSessionOptions;
  if (clientApplicationId !== undefined && typeof clientApplicationId !== 'string') {
    throw new InvalidArgumentError('options.clientApplicationId', 'must be a string', 'ERR_INVALID_ARG_TYPE');
  }
  const { agent } = options as UpdateSessionOptions;
  if (agent !== undefined && !isAgentBackend(agent)) {
    throw new InvalidArgumentError('options.agent', 'must be a FakeAgent of windows-update-agent/testing', 'ERR_INVALID_ARG_TYPE');
  }
  // The proxy, and its password, are taken apart by SessionWebProxy (web-proxy.ts): what the
  // session keeps of the caller's options holds neither.
  const { webProxy: _webProxy, ...kept } = options as UpdateSessionOptions;
  return kept;
}

// Options are checked by name, so that a misspelt or misplaced option (`acceptEula`, `priority`
// on an install) is an error rather than silently ignored.
function optionsObject<T extends object>(options: unknown, allowed: readonly string[], of: string): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new InvalidArgumentError(`options.${key}`, `is not an option of ${of}`);
  }
  return options as Partial<T>;
}

const SEARCH_OPTIONS = ['online', 'serverSelection', 'serviceId', 'searchScope', 'includePotentiallySupersededUpdates', 'signal',
  'fields', 'onHeartbeat', 'heartbeatIntervalMs'];
const CHANGE_OPTIONS: Readonly<Record<ChangeKind, readonly string[]>> = {
  download: ['priority', 'force', 'keepAwake', 'signal', 'onProgress'],
  install: ['acceptEulas', 'forceQuiet', 'force', 'downloadFirst', 'keepAwake', 'signal', 'onProgress'],
  uninstall: ['forceQuiet', 'keepAwake', 'signal', 'onProgress'],
};

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(name, 'must be a boolean', 'ERR_INVALID_ARG_TYPE');
  return value;
}

function optionalEnum(names: readonly (string | undefined)[], value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const index = valueOf(names, value);
  if (index === undefined) throw new InvalidArgumentError(name, `must be one of ${choices(names)}`);
  return index;
}

function optionalSignal(value: unknown, name: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw new InvalidArgumentError(name, 'must be an AbortSignal', 'ERR_INVALID_ARG_TYPE');
  return value;
}

function optionalCallback(value: unknown, name: string): ((progress: Progress) => void) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new InvalidArgumentError(name, 'must be a function', 'ERR_INVALID_ARG_TYPE');
  return value as (progress: Progress) => void;
}

export function searchOptions(options: unknown): {
  native: NativeSearchOptions; signal?: AbortSignal; heartbeat?: HeartbeatSettings;
} {
  const given = optionsObject<SearchOptions>(options, SEARCH_OPTIONS, 'search');
  const serverSelection = optionalEnum(SERVER_SELECTIONS, given.serverSelection, 'options.serverSelection');
  const { serviceId } = given;
  if (serviceId !== undefined && !isGuid(serviceId)) {
    throw new InvalidArgumentError('options.serviceId', 'must be a service ID (a GUID)');
  }
  if (given.serverSelection === 'others' && serviceId === undefined) {
    throw new InvalidArgumentError('options.serviceId', "is required when serverSelection is 'others'");
  }
  if (serviceId !== undefined && given.serverSelection !== 'others') {
    throw new InvalidArgumentError('options.serviceId', "is only used with serverSelection 'others'");
  }
  return {
    native: {
      online: optionalBoolean(given.online, 'options.online'),
      serverSelection,
      serviceId,
      searchScope: optionalEnum(SEARCH_SCOPES, given.searchScope, 'options.searchScope'),
      includePotentiallySupersededUpdates: optionalBoolean(given.includePotentiallySupersededUpdates,
        'options.includePotentiallySupersededUpdates'),
      fields: projectionOf(given.fields),
    },
    signal: optionalSignal(given.signal, 'options.signal'),
    heartbeat: heartbeatSettings(given.onHeartbeat, given.heartbeatIntervalMs),
  };
}

const ADD_SERVICE_OPTIONS = ['authorizationCab', 'registerWithAutomaticUpdates', 'allowOnlineRegistration', 'allowPendingRegistration'];

/** AddServiceFlag values (wuapi.h). */
const ASF_ALLOW_PENDING_REGISTRATION = 0x1;
const ASF_ALLOW_ONLINE_REGISTRATION = 0x2;
const ASF_REGISTER_SERVICE_WITH_AU = 0x4;

/**
 * addService()'s options as AddService2 takes them. A cab goes with neither online nor pending
 * registration, and no cab needs one of them (the agent fails either with E_INVALIDARG:
 * IUpdateServiceManager2::AddService2 remarks).
 */
export function addServiceOptions(options: unknown): { flags: number; cabPath: string } {
  const given = optionsObject<AddServiceOptions>(options, ADD_SERVICE_OPTIONS, 'addService');
  const { authorizationCab } = given;
  if (authorizationCab !== undefined && (typeof authorizationCab !== 'string' || !authorizationCab)) {
    throw new InvalidArgumentError('options.authorizationCab', 'must be the path of a cab file', 'ERR_INVALID_ARG_TYPE');
  }
  const withAu = optionalBoolean(given.registerWithAutomaticUpdates, 'options.registerWithAutomaticUpdates') ?? false;
  const online = optionalBoolean(given.allowOnlineRegistration, 'options.allowOnlineRegistration');
  const pending = optionalBoolean(given.allowPendingRegistration, 'options.allowPendingRegistration');
  if (authorizationCab !== undefined && (online || pending)) {
    throw new InvalidArgumentError('options.authorizationCab', 'registers the service at once: it takes neither online nor pending registration');
  }
  if (authorizationCab === undefined && online === false && pending === false) {
    throw new InvalidArgumentError('options', 'needs an authorizationCab, online registration or pending registration');
  }
  const flags = (withAu ? ASF_REGISTER_SERVICE_WITH_AU : 0)
    | (authorizationCab === undefined && online !== false ? ASF_ALLOW_ONLINE_REGISTRATION : 0)
    | (authorizationCab === undefined && pending !== false ? ASF_ALLOW_PENDING_REGISTRATION : 0);
  return { flags, cabPath: authorizationCab ?? '' };
}

/** enableMicrosoftUpdate()'s options, as addService() takes them: with Automatic Updates unless told not to. */
export function microsoftUpdateOptions(options: unknown): AddServiceOptions {
  const given = optionsObject<AddServiceOptions>(options, ['registerWithAutomaticUpdates'], 'enableMicrosoftUpdate');
  return {
    registerWithAutomaticUpdates: optionalBoolean(given.registerWithAutomaticUpdates, 'options.registerWithAutomaticUpdates') ?? true,
  };
}

const OFFLINE_SCAN_OPTIONS = ['includePotentiallySupersededUpdates', 'searchScope', 'stagingDirectory', 'signal'];

/** scanOffline()'s options, checked. */
export interface CheckedOfflineScanOptions {
  searchScope?: number;
  includePotentiallySupersededUpdates?: boolean;
  stagingDirectory?: string;
  signal?: AbortSignal;
}

export function offlineScanOptions(options: unknown): CheckedOfflineScanOptions {
  const given = optionsObject<OfflineScanOptions>(options, OFFLINE_SCAN_OPTIONS, 'scanOffline');
  const { stagingDirectory } = given;
  if (stagingDirectory !== undefined && (typeof stagingDirectory !== 'string' || !stagingDirectory)) {
    throw new InvalidArgumentError('options.stagingDirectory', 'must be the path of a folder', 'ERR_INVALID_ARG_TYPE');
  }
  return {
    searchScope: optionalEnum(SEARCH_SCOPES, given.searchScope, 'options.searchScope'),
    includePotentiallySupersededUpdates: optionalBoolean(given.includePotentiallySupersededUpdates,
      'options.includePotentiallySupersededUpdates'),
    stagingDirectory,
    signal: optionalSignal(given.signal, 'options.signal'),
  };
}

/** A download's, install's or uninstall's options, checked. */
export interface CheckedChangeOptions {
  native: NativeChangeOptions;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Installs: download first what is not downloaded. */
  downloadFirst: boolean;
}

export function changeOptions(kind: ChangeKind, options: unknown): CheckedChangeOptions {
  const given = optionsObject<DownloadOptions & InstallOptions>(options, CHANGE_OPTIONS[kind], kind);
  return {
    native: {
      priority: optionalEnum(DOWNLOAD_PRIORITIES, given.priority, 'options.priority'),
      force: optionalBoolean(given.force, 'options.force'),
      acceptEulas: optionalBoolean(given.acceptEulas, 'options.acceptEulas'),
      forceQuiet: optionalBoolean(given.forceQuiet, 'options.forceQuiet'),
      keepAwake: optionalBoolean(given.keepAwake, 'options.keepAwake'),
    },
    signal: optionalSignal(given.signal, 'options.signal'),
    onProgress: optionalCallback(given.onProgress, 'options.onProgress'),
    downloadFirst: optionalBoolean(given.downloadFirst, 'options.downloadFirst') ?? true,
  };
}

// ----- history -----

const HISTORY_OPTIONS = ['start', 'count', 'since', 'kb', 'resultCode', 'operation', 'signal'];
// The agent takes a LONG index and count.
const MAX_LONG = 0x7fffffff;

/** history()'s options, checked: the filters as sets, `count` Infinity when not given. */
export interface CheckedHistoryOptions {
  start: number;
  count: number;
  since?: Date;
  kb?: ReadonlySet<string>;
  resultCode?: ReadonlySet<OperationResultCode>;
  operation?: ReadonlySet<HistoryOperation>;
  signal?: AbortSignal;
}

function optionalInteger(value: unknown, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new InvalidArgumentError(name, 'must be a number', 'ERR_INVALID_ARG_TYPE');
  if (!Number.isInteger(value) || value < min || value > MAX_LONG) {
    throw new InvalidArgumentError(name, `must be an integer from ${min} to ${MAX_LONG}`);
  }
  return value;
}

/** One value or a list of them, each checked by `check`, as a set. */
function optionalSet<T>(value: unknown, name: string, check: (item: unknown, name: string) => T): ReadonlySet<T> | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value as unknown[] : [value];
  if (!items.length) throw new InvalidArgumentError(name, 'must name at least one value');
  return new Set(items.map((item, i) => check(item, Array.isArray(value) ? `${name}[${i}]` : name)));
}

function oneOf<T extends string>(names: readonly (T | undefined)[]): (item: unknown, name: string) => T {
  return (item, name) => {
    if (valueOf(names, item) === undefined) throw new InvalidArgumentError(name, `must be one of ${choices(names)}`);
    return item as T;
  };
}

/** A KB number as the agent writes it in titles' "(KB5068781)": digits, without "KB". */
function kbDigits(item: unknown, name: string): string {
  const match = /^(?:kb)?(\d+)$/i.exec(typeof item === 'number' ? String(item) : typeof item === 'string' ? item.trim() : '');
  if (!match) throw new InvalidArgumentError(name, 'must be a KB number (5068781 or KB5068781)');
  return match[1]!;
}

export function historyOptions(options: unknown): CheckedHistoryOptions {
  const given = optionsObject<HistoryOptions>(options, HISTORY_OPTIONS, 'history');
  const { since } = given;
  if (since !== undefined && (!(since instanceof Date) || Number.isNaN(since.getTime()))) {
    throw new InvalidArgumentError('options.since', 'must be a valid Date', since instanceof Date ? 'ERR_INVALID_ARG_VALUE' : 'ERR_INVALID_ARG_TYPE');
  }
  return {
    start: optionalInteger(given.start, 'options.start', 0) ?? 0,
    count: optionalInteger(given.count, 'options.count', 1) ?? Infinity,
    since,
    kb: optionalSet(given.kb, 'options.kb', kbDigits),
    resultCode: optionalSet(given.resultCode, 'options.resultCode', oneOf(OPERATION_RESULT_CODES)),
    operation: optionalSet(given.operation, 'options.operation', oneOf(UPDATE_OPERATIONS)),
    signal: optionalSignal(given.signal, 'options.signal'),
  };
}

/** historyOf()'s arguments, checked. */
export function historyOfArguments(updateId: unknown, options: unknown): { updateId: string; signal?: AbortSignal } {
  if (!isGuid(updateId)) throw new InvalidArgumentError('updateId', 'must be an update ID (a GUID)');
  const given = optionsObject<HistoryOfOptions>(options, ['signal'], 'historyOf');
  return { updateId: updateId.toLowerCase(), signal: optionalSignal(given.signal, 'options.signal') };
}

const SESSION_OPTIONS: readonly string[] = ['clientApplicationId', 'webProxy', 'isolation', 'graceMs', 'agent'];

/**
 * @internal The option names each call takes, by call: the tables the checks above use, for the
 * tests that put bad input to every option (test/stress/bad-input.ts).
 */
export const OPTION_NAMES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  UpdateSession: SESSION_OPTIONS,
  preflight: PREFLIGHT_OPTIONS,
  search: SEARCH_OPTIONS,
  searchStream: SEARCH_OPTIONS,
  download: CHANGE_OPTIONS.download,
  install: CHANGE_OPTIONS.install,
  uninstall: CHANGE_OPTIONS.uninstall,
  addService: ADD_SERVICE_OPTIONS,
  enableMicrosoftUpdate: ['registerWithAutomaticUpdates'],
  scanOffline: OFFLINE_SCAN_OPTIONS,
  history: HISTORY_OPTIONS,
  historyOf: ['signal'],
});
