// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { criteriaText, type Criteria } from './criteria.js';
import {
  choices, DOWNLOAD_PHASES, DOWNLOAD_PRIORITIES, nameOf, OPERATION_RESULT_CODES, SEARCH_SCOPES, SERVER_SELECTIONS,
  valueOf,
} from './enums.js';
import {
  AbortError, describeHresult, fromNativeError, InvalidArgumentError, UnsupportedPlatformError, WindowsUpdateError,
} from './errors.js';
import {
  loadBinding, type NativeChangeOptions, type NativeChangeResult, type NativeProgress, type NativeSearchOptions,
  type NativeSession,
} from './native.js';
import { UpdateOperation, underSignal } from './operation.js';
import { RecordTracker, searchResultFromJson, updateIdsOf, UpdateStream } from './records.js';
import type {
  AgentInfo, ChangeOptions, ChangeResult, DownloadOptions, InstallOptions, Progress, SearchOptions, SearchResult,
  UninstallOptions, UpdateReference, UpdateSessionOptions,
} from './types.js';
import { isGuid } from './ids.js';

export interface SessionInfo {
  /** The identifier the agent records in history for what this session does. */
  clientApplicationId: string;
  /** True when the agent gives this caller a read-only session (not an administrator). */
  readOnly: boolean;
}

type ChangeKind = 'download' | 'install' | 'uninstall';

function validateSessionOptions(options: unknown): UpdateSessionOptions {
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

function optionsObject<T extends object>(options: unknown, name = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(name, 'must be an object', 'ERR_INVALID_ARG_TYPE');
  }
  return options as Partial<T>;
}

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

function searchOptions(options: unknown): { native: NativeSearchOptions; signal?: AbortSignal } {
  const given = optionsObject<SearchOptions>(options);
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

function changeOptions(kind: ChangeKind, options: unknown): {
  native: NativeChangeOptions; signal?: AbortSignal; onProgress?: (progress: Progress) => void;
} {
  const given = optionsObject<DownloadOptions & InstallOptions>(options);
  const allowed = { download: ['priority', 'force'], install: ['acceptEulas', 'forceQuiet', 'force'], uninstall: ['forceQuiet'] }[kind];
  for (const key of Object.keys(given)) {
    if (key !== 'signal' && key !== 'onProgress' && !allowed.includes(key)) {
      throw new InvalidArgumentError(`options.${key}`, `is not an option of ${kind}`);
    }
  }
  return {
    native: {
      priority: optionalEnum(DOWNLOAD_PRIORITIES, given.priority, 'options.priority'),
      force: optionalBoolean(given.force, 'options.force'),
      acceptEulas: optionalBoolean(given.acceptEulas, 'options.acceptEulas'),
      forceQuiet: optionalBoolean(given.forceQuiet, 'options.forceQuiet'),
    },
    signal: optionalSignal(given.signal, 'options.signal'),
    onProgress: optionalCallback(given.onProgress, 'options.onProgress'),
  };
}

function progressFrom(kind: ChangeKind, updateIds: string[], native: NativeProgress): Progress {
  const isDownload = native.phase !== undefined;
  return {
    operation: kind,
    percentComplete: native.percentComplete,
    current: {
      updateId: updateIds[native.currentIndex] ?? '',
      index: native.currentIndex,
      percentComplete: native.currentPercentComplete,
      ...(isDownload ? {
        phase: nameOf(DOWNLOAD_PHASES, native.phase!),
        bytesDownloaded: native.currentBytesDone,
        bytesTotal: native.currentBytesTotal,
      } : {}),
    },
    ...(isDownload ? { totalBytesDownloaded: native.totalBytesDone, totalBytesToDownload: native.totalBytesTotal } : {}),
  };
}

function changeResultFrom(native: NativeChangeResult): ChangeResult {
  return {
    resultCode: nameOf(OPERATION_RESULT_CODES, native.resultCode),
    hresult: native.hresult >>> 0,
    code: describeHresult(native.hresult).name,
    rebootRequired: native.rebootRequired,
    updates: native.updates.map((outcome) => ({
      updateId: outcome.updateId,
      title: outcome.title,
      kbArticleIds: outcome.kbArticleIds,
      resultCode: nameOf(OPERATION_RESULT_CODES, outcome.resultCode),
      hresult: outcome.hresult >>> 0,
      code: describeHresult(outcome.hresult).name,
      rebootRequired: outcome.rebootRequired,
    })),
  };
}

// A job the agent ran to the end but where nothing succeeded is an error; "succeeded with
// errors" is a result, with the failures in its per-update outcomes.
function failureOf(kind: ChangeKind, result: ChangeResult): WindowsUpdateError | undefined {
  if (result.resultCode !== 'failed') return undefined;
  const failed = result.updates.find((outcome) => outcome.resultCode === 'failed' && outcome.hresult !== 0);
  const hresult = result.hresult || failed?.hresult || 0x80004005;
  const description = result.updates.filter((outcome) => outcome.resultCode === 'failed')
    .map((outcome) => `${outcome.updateId}: ${outcome.code}`).join('; ');
  return new WindowsUpdateError(hresult, kind, { description });
}

export class UpdateSession implements AsyncDisposable {
  readonly #options: UpdateSessionOptions;
  #native: NativeSession | undefined;
  #records: RecordTracker | undefined;
  #closed = false;
  #nextOperationId = 1;
  readonly #running = new Map<number, Promise<unknown>>();

  constructor(options?: UpdateSessionOptions) {
    this.#options = validateSessionOptions(options);
  }

  /** The native session, opened on first use so that constructing one never throws off Windows. */
  protected nativeSession(): NativeSession {
    if (this.#closed) throw new InvalidArgumentError('session', 'is closed', 'ERR_INVALID_STATE');
    if (!this.#native) {
      const native = new (loadBinding().Session)({ clientApplicationId: this.#options.clientApplicationId });
      this.#native = native;
      this.#records = new RecordTracker((updateIds) => native.forget(updateIds.join('\n')));
    }
    return this.#native;
  }

  /** Runs a native call and turns what it throws into the package's typed errors. */
  protected async call<T>(operation: string, run: (native: NativeSession) => Promise<T>): Promise<T> {
    try {
      return await run(this.nativeSession());
    } catch (error) {
      if (error instanceof UnsupportedPlatformError || error instanceof InvalidArgumentError) throw error;
      throw fromNativeError(error, operation);
    }
  }

  /** Runs an abortable operation and remembers it until it settles, so that close() can end it. */
  #track<T>(operation: string, signal: AbortSignal | undefined,
    start: (native: NativeSession, id: number) => Promise<T>, isAborted: (result: T) => boolean): Promise<T> {
    const native = this.nativeSession();
    const id = this.#nextOperationId++;
    const run = this.call(operation, () => underSignal(operation, signal, () => start(native, id),
      () => native.abort(id), isAborted));
    this.#running.set(id, run);
    const forget = (): void => { this.#running.delete(id); };
    run.then(forget, forget);
    return run;
  }

  /** Reads the session's properties back from the agent. */
  async describe(): Promise<SessionInfo> {
    const { clientApplicationId, readOnly } = await this.call('describe', (native) => native.describe());
    return { clientApplicationId, readOnly };
  }

  /**
   * Finds updates. `criteria` is a raw criteria string or typed groups (see criteriaText);
   * without it, the agent's default: updates not installed and not hidden.
   */
  async search(criteria: Criteria = '', options?: SearchOptions): Promise<SearchResult> {
    const text = criteriaText(criteria);
    const { native: nativeOptions, signal } = searchOptions(options);
    // Records are converted and tracked chunk by chunk, as they arrive, so that no single step
    // holds the event loop for all of them.
    const stream = new UpdateStream((records, from) => this.#records?.track(records, from));
    const json = await this.#track('search', signal,
      (native, id) => native.search(id, text, nativeOptions, (chunk) => stream.push(chunk)), () => false);
    const result = searchResultFromJson(json, await stream.finish());
    if (result.resultCode === 'aborted') throw new AbortError('search', signal?.reason);
    return result;
  }

  /** Downloads updates: records from search(), the same records as plain JSON, or update IDs. */
  download(updates: Iterable<UpdateReference> | UpdateReference, options?: DownloadOptions): UpdateOperation<ChangeResult> {
    return this.#change('download', updates, options);
  }

  /**
   * Installs updates. License terms are accepted only with `acceptEulas`; without it an update
   * whose terms are not accepted is refused before anything is installed. Never restarts the
   * machine: `rebootRequired` in the result says whether a restart is needed.
   */
  install(updates: Iterable<UpdateReference> | UpdateReference, options?: InstallOptions): UpdateOperation<ChangeResult> {
    return this.#change('install', updates, options);
  }

  uninstall(updates: Iterable<UpdateReference> | UpdateReference, options?: UninstallOptions): UpdateOperation<ChangeResult> {
    return this.#change('uninstall', updates, options);
  }

  #change(kind: ChangeKind, updates: unknown, options: ChangeOptions | undefined): UpdateOperation<ChangeResult> {
    return new UpdateOperation(async (emit) => {
      const updateIds = updateIdsOf(updates);
      const { native: nativeOptions, signal, onProgress } = changeOptions(kind, options);
      const onNativeProgress = (progress: NativeProgress): void => {
        const event = progressFrom(kind, updateIds, progress);
        emit(event);
        onProgress?.(event);
      };
      const result = changeResultFrom(await this.#track(kind, signal,
        (native, id) => native[kind](id, updateIds, nativeOptions, onNativeProgress),
        (native) => native.resultCode === 5));
      const failure = failureOf(kind, result);
      if (failure) throw failure;
      return result;
    });
  }

  /** The agent's version, and whether the machine waits for a restart. */
  async agentInfo(): Promise<AgentInfo> {
    return this.call('agentInfo', (native) => native.agentInfo());
  }

  /**
   * Aborts what still runs, waits for the agent to confirm, and releases the agent session and
   * every object behind this session's records. Safe to call more than once.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const native = this.#native;
    this.#native = undefined;
    if (!native) return;
    for (const id of this.#running.keys()) native.abort(id);
    await Promise.allSettled(this.#running.values());
    this.#records?.close();
    await native.close().catch((error: unknown) => { throw fromNativeError(error, 'close'); });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
