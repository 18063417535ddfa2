// Checking what callers pass, before anything reaches the agent: every option by name and type.
import { choices, DOWNLOAD_PRIORITIES, SEARCH_SCOPES, SERVER_SELECTIONS, valueOf } from './enums.js';
import { InvalidArgumentError } from './errors.js';
import { isGuid } from './ids.js';
import type { NativeChangeOptions, NativeSearchOptions } from './native.js';
import type {
  ChangeKind, DownloadOptions, InstallOptions, Progress, SearchOptions, UpdateSessionOptions,
} from './types.js';

export function validateSessionOptions(options: unknown): UpdateSessionOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  const { clientApplicationId } = options as UpdateSessionOptions;
  if (clientApplicationId !== undefined && typeof clientApplicationId !== 'string') {
    throw new InvalidArgumentError('options.clientApplicationId', 'must be a string', 'ERR_INVALID_ARG_TYPE');
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
