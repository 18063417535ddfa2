// Checking what callers pass, before anything reaches the agent: every option by name and type.
import { choices, DOWNLOAD_PRIORITIES, SEARCH_SCOPES, SERVER_SELECTIONS, valueOf } from './enums.js';
import { InvalidArgumentError } from './errors.js';
import { isGuid } from './ids.js';
import type { NativeChangeOptions, NativeSearchOptions } from './native.js';
import type {
  ChangeKind, DownloadOptions, InstallOptions, Progress, SearchOptions, UpdateSessionOptions,
} from './types.js';
import type { AddServiceOptions, OfflineScanOptions } from './types.js';

export function validateSessionOptions(options: unknown): UpdateSessionOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  const { clientApplicationId } = options as UpdateSessionOptions;
  if (clientApplicationId !== undefined && typeof clientApplicationId !== 'string') {
    throw new InvalidArgumentError('options.clientApplicationId', 'must be a string', 'ERR_INVALID_ARG_TYPE');
  }
  return options as UpdateSessionOptions;
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

const SEARCH_OPTIONS = ['online', 'serverSelection', 'serviceId', 'searchScope', 'includePotentiallySupersededUpdates', 'signal'];
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

export function searchOptions(options: unknown): { native: NativeSearchOptions; signal?: AbortSignal } {
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
    },
    signal: optionalSignal(given.signal, 'options.signal'),
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
