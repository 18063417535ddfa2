// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { criteriaText, type Criteria } from './criteria.js';
import {
  choices, DOWNLOAD_PHASES, DOWNLOAD_PRIORITIES, nameOf, OPERATION_RESULT_CODES, SEARCH_SCOPES, SERVER_SELECTIONS,
  valueOf,
} from './enums.js';
import {
  AbortError, describeHresult, fromNativeError, InvalidArgumentError, SessionClosedError, UnsupportedPlatformError,
  WindowsUpdateError,
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
  download: ['priority', 'force', 'signal', 'onProgress'],
  install: ['acceptEulas', 'forceQuiet', 'force', 'signal', 'onProgress'],
  uninstall: ['forceQuiet', 'signal', 'onProgress'],
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

function searchOptions(options: unknown): { native: NativeSearchOptions; signal?: AbortSignal } {
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

function changeOptions(kind: ChangeKind, options: unknown): {
  native: NativeChangeOptions; signal?: AbortSignal; onProgress?: (progress: Progress) => void;
} {
  const given = optionsObject<DownloadOptions & InstallOptions>(options, CHANGE_OPTIONS[kind], kind);
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
    // An update that needs a restart makes the job need one, whatever the job says: an aborted
    // job must not hide the restart that what it installed before the abort needs.
    rebootRequired: native.rebootRequired || native.updates.some((outcome) => outcome.rebootRequired),
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

// A job the agent ran to the end but where nothing succeeded is an error that carries the job's
// result; "succeeded with errors" is a result, with the failures in its per-update outcomes.
function failureOf(kind: ChangeKind, result: ChangeResult): WindowsUpdateError | undefined {
  if (result.resultCode !== 'failed') return undefined;
  const failed = result.updates.find((outcome) => outcome.resultCode === 'failed' && outcome.hresult !== 0);
  const hresult = result.hresult || failed?.hresult || 0x80004005;
  return new WindowsUpdateError(hresult, kind, { result });
}

/** What download([]), install([]) and uninstall([]) resolve with: nothing to do is no error. */
function nothingToDo(): ChangeResult {
  return { resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false, updates: [] };
}

/**
 * Calls the caller's progress callback. What it throws is the caller's bug, not the agent's: it
 * surfaces as an uncaught exception, as a throwing event listener's would, and the operation
 * (an install, say) goes on, since stopping it halfway for a broken progress bar would be worse.
 */
function notify(onProgress: ((progress: Progress) => void) | undefined, event: Progress): void {
  if (!onProgress) return;
  try {
    onProgress(event);
  } catch (error) {
    process.nextTick(() => { throw error; });
  }
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
  protected nativeSession(operation = 'call'): NativeSession {
    if (this.#closed) throw new SessionClosedError(operation);
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
      return await run(this.nativeSession(operation));
    } catch (error) {
      if (error instanceof UnsupportedPlatformError || error instanceof InvalidArgumentError) throw error;
      throw fromNativeError(error, operation);
    }
  }

  /** Runs an abortable operation and remembers it until it settles, so that close() can end it. */
  #track<T>(operation: string, signal: AbortSignal | undefined,
    start: (native: NativeSession, id: number) => Promise<T>): Promise<T> {
    const native = this.nativeSession(operation);
    const id = this.#nextOperationId++;
    const run = this.call(operation, () => underSignal(operation, signal, () => start(native, id),
      () => native.abort(id)));
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
      (native, id) => native.search(id, text, nativeOptions, (chunk) => stream.push(chunk)));
    const result = searchResultFromJson(json, await stream.finish());
    if (result.resultCode === 'aborted') throw new AbortError('search', this.#abortReason('search', signal));
    return result;
  }

  /**
   * Downloads updates (IUpdateDownloader::BeginDownload): records from search(), the same records
   * as plain JSON, or update IDs. Progress has bytes and the download phase.
   *
   * An empty list has nothing to do: it resolves `{ resultCode: 'succeeded', updates: [] }`
   * without calling the agent. Resolves when anything succeeded (`succeededWithErrors` lists the
   * failures per update); rejects with InvalidArgumentError for bad arguments (before the agent is
   * called), WindowsUpdateError when the agent refuses the call or nothing succeeded (`result`
   * then holds every update's outcome), AbortError (or TimeoutError) once the agent confirms an
   * abort (`result` holds what finished before it), SessionClosedError after close().
   */
  download(updates: Iterable<UpdateReference> | UpdateReference, options?: DownloadOptions): UpdateOperation<ChangeResult> {
    return this.#change('download', updates, options);
  }

  /**
   * Installs downloaded updates (IUpdateInstaller::BeginInstall). License terms are accepted only
   * with `acceptEulas`; without it an update whose terms are not accepted is refused
   * (WU_E_EULAS_DECLINED) before anything is installed. Never restarts the machine:
   * `rebootRequired` in the result (or in an AbortError's `result`) says whether a restart is
   * needed. Resolves and rejects as download() does, an empty list included.
   */
  install(updates: Iterable<UpdateReference> | UpdateReference, options?: InstallOptions): UpdateOperation<ChangeResult> {
    return this.#change('install', updates, options);
  }

  /**
   * Uninstalls installed updates (IUpdateInstaller::BeginUninstall). Resolves and rejects as
   * download() does, an empty list included. Never restarts the machine.
   */
  uninstall(updates: Iterable<UpdateReference> | UpdateReference, options?: UninstallOptions): UpdateOperation<ChangeResult> {
    return this.#change('uninstall', updates, options);
  }

  #change(kind: ChangeKind, updates: unknown, options: ChangeOptions | undefined): UpdateOperation<ChangeResult> {
    return new UpdateOperation(async (emit) => {
      const updateIds = updateIdsOf(updates);
      const { native: nativeOptions, signal, onProgress } = changeOptions(kind, options);
      if (!updateIds.length) {
        loadBinding();  // off Windows every call rejects, even one with nothing to do
        if (this.#closed) throw new SessionClosedError(kind);
        if (signal?.aborted) throw new AbortError(kind, signal.reason);
        return nothingToDo();
      }
      const onNativeProgress = (progress: NativeProgress): void => {
        const event = progressFrom(kind, updateIds, progress);
        emit(event);
        notify(onProgress, event);
      };
      const result = changeResultFrom(await this.#track(kind, signal,
        (native, id) => native[kind](id, updateIds, nativeOptions, onNativeProgress)));
      if (result.resultCode === 'aborted') throw new AbortError(kind, this.#abortReason(kind, signal), result);
      const failure = failureOf(kind, result);
      if (failure) throw failure;
      return result;
    });
  }

  /** Why an operation the agent confirmed as aborted was aborted: its signal, or close(). */
  #abortReason(operation: string, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    return this.#closed ? new SessionClosedError(operation) : undefined;
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
