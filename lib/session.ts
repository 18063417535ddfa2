// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { type ChangeKind, type JobRunner, nothingToDo, planFrom, runChange } from './change.js';
import { criteriaText, type Criteria } from './criteria.js';
import { AbortError, fromNativeError, InvalidArgumentError, SessionClosedError, UnsupportedPlatformError } from './errors.js';
import { openIsolatedSession } from './isolation/isolated-session.js';
import { type IsolationSettings, isolationSettings } from './isolation/options.js';
import { eulaResultFrom, hideResultFrom, nothingToMark } from './marks.js';
import { loadBinding, type NativeSession } from './native.js';
import { UpdateOperation, underSignal } from './operation.js';
import { changeOptions, searchOptions, validateSessionOptions } from './options.js';
import { searchResultFromJson } from './records/decode.js';
import { updateIdsOf } from './records/references.js';
import { UpdateStream } from './records/stream.js';
import { RecordTracker } from './records/tracker.js';
import type {
  AgentInfo, ChangeOptions, ChangePlan, ChangeResult, DownloadOptions, InstallOptions, Progress, SearchOptions,
  SearchResult, UninstallOptions, UpdateReference, UpdateSessionOptions,
} from './types.js';
import type { EulaResult, HideResult } from './types.js';

export interface SessionInfo {
  /** The identifier the agent records in history for what this session does. */
  clientApplicationId: string;
  /** True when the agent gives this caller a read-only session (not an administrator). */
  readOnly: boolean;
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

/**
 * One agent session. With `isolation: 'process'` (see UpdateSessionOptions), every call below may
 * also reject with AgentUnresponsiveError: the agent did not confirm the call's abort within
 * `graceMs`, did not answer close() within it, or the child process that held the session ended.
 */
export class UpdateSession implements AsyncDisposable {
  readonly #options: UpdateSessionOptions;
  #native: NativeSession | undefined;
  #records: RecordTracker | undefined;
  #closed = false;
  #nextOperationId = 1;
  readonly #running = new Map<number, Promise<unknown>>();
  readonly #isolation: IsolationSettings;

  constructor(options?: UpdateSessionOptions) {
    this.#options = validateSessionOptions(options);
    this.#isolation = isolationSettings(options);
  }

  /** The native session, opened on first use so that constructing one never throws off Windows. */
  #nativeSession(operation = 'call'): NativeSession {
    if (this.#closed) throw new SessionClosedError(operation);
    if (!this.#native) {
      const native = this.#openNative();
      this.#native = native;
      this.#records = new RecordTracker((updateIds) => native.forget(updateIds.join('\n')));
    }
    return this.#native;
  }

  /**
   * What a call with nothing for the agent to do still checks, as every other call does: another
   * platform, an addon that does not load, a closed session.
   */
  #requireUsable(operation: string): void {
    loadBinding();
    if (this.#closed) throw new SessionClosedError(operation);
  }

  /** Runs a native call and turns what it throws into the package's typed errors. */
  async #call<T>(operation: string, run: (native: NativeSession) => Promise<T>): Promise<T> {
    try {
      return await run(this.#nativeSession(operation));
    } catch (error) {
      if (error instanceof UnsupportedPlatformError || error instanceof InvalidArgumentError) throw error;
      throw fromNativeError(error, operation);
    }
  }

  /** Runs an abortable operation and remembers it until it settles, so that close() can end it. */
  #track<T>(operation: string, signal: AbortSignal | undefined,
    start: (native: NativeSession, id: number) => Promise<T>): Promise<T> {
    const native = this.#nativeSession(operation);
    const id = this.#nextOperationId++;
    const run = this.#call(operation, () => underSignal(operation, signal, () => start(native, id),
      () => native.abort(id)));
    this.#running.set(id, run);
    const forget = (): void => { this.#running.delete(id); };
    run.then(forget, forget);
    return run;
  }

  /**
   * Reads the session's properties back from the agent. Rejects with WindowsUpdateError when the
   * agent fails, SessionClosedError after close(), UnsupportedPlatformError off Windows and
   * AddonLoadError when the addon does not load.
   */
  async describe(): Promise<SessionInfo> {
    const { clientApplicationId, readOnly } = await this.#call('describe', (native) => native.describe());
    return { clientApplicationId, readOnly };
  }

  /**
   * Finds updates. `criteria` is a raw criteria string or typed groups (see criteriaText);
   * without it, the agent's default: updates not installed and not hidden. An update the agent
   * cannot fully read is left out with a warning. Rejects with InvalidArgumentError for bad
   * criteria or options (before the agent is called), WindowsUpdateError when the agent fails
   * (WU_E_INVALID_CRITERIA, network and server errors, ...), AbortError (or TimeoutError) once the
   * agent confirms an abort, SessionClosedError after close(), UnsupportedPlatformError off
   * Windows and AddonLoadError when the addon does not load.
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

  /**
   * The agent jobs that download(), install() or uninstall() would run for `updates` now, in
   * order, with each update's state (IUpdate's, read now): what an install downloads first, and
   * which exclusive updates get a job of their own. Changes nothing. Takes the same options as
   * the operation; rejects as it does for bad arguments, a closed session or another platform.
   */
  async plan(kind: ChangeKind, updates: Iterable<UpdateReference> | UpdateReference,
    options?: DownloadOptions | InstallOptions | UninstallOptions): Promise<ChangePlan> {
    if (kind !== 'download' && kind !== 'install' && kind !== 'uninstall') {
      throw new InvalidArgumentError('kind', "must be 'download', 'install' or 'uninstall'");
    }
    const updateIds = updateIdsOf(updates);
    const checked = changeOptions(kind, options);
    if (!updateIds.length) {
      this.#requireUsable('plan');
      return { operation: kind, steps: [] };
    }
    return planFrom(kind, await this.#call('plan', (native) => native.inspect(updateIds)), checked);
  }

  #change(kind: ChangeKind, updates: unknown, options: ChangeOptions | undefined): UpdateOperation<ChangeResult> {
    return new UpdateOperation(async (emit) => {
      const updateIds = updateIdsOf(updates);
      const checked = changeOptions(kind, options);
      const { signal, onProgress } = checked;
      if (!updateIds.length) {
        this.#requireUsable(kind);
        if (signal?.aborted) throw new AbortError(kind, signal.reason);
        return nothingToDo();
      }
      if (signal?.aborted) throw new AbortError(kind, signal.reason);
      const runner: JobRunner = {
        run: (step, ids, nativeOptions, onNativeProgress) => this.#track(kind, signal,
          (native, id) => native[step](id, ids, nativeOptions, onNativeProgress)),
        inspect: (ids) => this.#call(kind, (native) => native.inspect(ids)),
        abortReason: () => this.#abortReason(kind, signal),
      };
      return runChange(kind, updateIds, checked, runner, (event) => {
        emit(event);
        notify(onProgress, event);
      });
    });
  }

  /** Why an operation the agent confirmed as aborted was aborted: its signal, or close(). */
  #abortReason(operation: string, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return signal.reason;
    return this.#closed ? new SessionClosedError(operation) : undefined;
  }

  /**
   * The agent's version, and whether the machine waits for a restart. Rejects as describe() does.
   */
  async agentInfo(): Promise<AgentInfo> {
    return this.#call('agentInfo', (native) => native.agentInfo());
  }

  /**
   * Hides updates (IUpdate::put_IsHidden), so that searches leave them out (`IsHidden=0`, the
   * default) and Automatic Updates does not offer them: records from search(), the same records
   * as plain JSON, or update IDs. Resolves with each update's outcome in the caller's order:
   * `changed`, `unchanged` (already hidden: the agent is not asked) or `failed`, with the HRESULT
   * (unsigned), its name and meaning. The agent refuses to hide a mandatory update or one with a
   * deadline (WU_E_DS_DECLINENOTALLOWED): that update fails and the others are still hidden, the
   * result being `succeededWithErrors` (or `failed` when every update failed; per-update refusals
   * never reject). An empty list resolves `{ resultCode: 'succeeded', updates: [] }` without
   * calling the agent.
   *
   * Rejects with PermissionError (a WindowsUpdateError, category 'permission') when the agent
   * refuses the caller's rights and nothing was changed: hiding needs an administrator (or a
   * Power User) on the machine itself, and Microsoft makes IsHidden read-only to remote callers
   * (E_ACCESSDENIED). Rejects with InvalidArgumentError for an ID that is not a GUID (before the
   * agent is called), WindowsUpdateError (WU_E_ITEMNOTFOUND) for an update the agent does not
   * know (before anything changes), SessionClosedError after close(), UnsupportedPlatformError off
   * Windows and AddonLoadError when the addon does not load.
   */
  async hide(updates: Iterable<UpdateReference> | UpdateReference): Promise<HideResult> {
    return this.#setHidden('hide', updates);
  }

  /**
   * Shows hidden updates again (IUpdate::put_IsHidden(false)); `unchanged` for an update that is
   * not hidden. Resolves and rejects as hide() does.
   */
  async unhide(updates: Iterable<UpdateReference> | UpdateReference): Promise<HideResult> {
    return this.#setHidden('unhide', updates);
  }

  async #setHidden(operation: 'hide' | 'unhide', updates: unknown): Promise<HideResult> {
    const updateIds = updateIdsOf(updates);
    if (!updateIds.length) {
      this.#requireUsable(operation);
      return nothingToMark(operation);
    }
    return hideResultFrom(operation, await this.#call(operation, (native) => native.setHidden(updateIds, operation === 'hide')));
  }

  /**
   * Accepts the license terms of updates (IUpdate::AcceptEula), apart from installing them: an
   * install of these updates then needs no `acceptEulas`. Read the terms first: each record's
   * `eulaText`. Resolves with each update's outcome: `changed` (accepted now), `unchanged`
   * (already accepted, or without terms: the agent is not asked) or `failed` with its code
   * (WU_E_EULA_UNAVAILABLE: the terms could not be found). Resolves and rejects as hide() does:
   * accepting needs an administrator (or a Power User) on the machine itself, and Microsoft does
   * not allow AcceptEula to remote callers (PermissionError, E_ACCESSDENIED).
   */
  async acceptEulas(updates: Iterable<UpdateReference> | UpdateReference): Promise<EulaResult> {
    const updateIds = updateIdsOf(updates);
    if (!updateIds.length) {
      this.#requireUsable('acceptEulas');
      return nothingToMark('acceptEulas');
    }
    return eulaResultFrom(await this.#call('acceptEulas', (native) => native.acceptEulas(updateIds)));
  }

  /**
   * Aborts what still runs, waits for the agent to confirm, and releases the agent session and
   * every object behind this session's records. Safe to call more than once. Rejects with
   * WindowsUpdateError only when the agent fails to release the session.
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

  // ----- process isolation (lib/isolation/) -----

  /**
   * The ID of the process that holds this session's agent session: this process's, without
   * isolation; with `isolation: 'process'`, the child's, or undefined while none runs (before the
   * first call, after close(), and from the end of a child that did not answer to the next call).
   */
  get processId(): number | undefined {
    if (this.#isolation.isolation !== 'process') return process.pid;
    return (this.#native as { processId?: number } | undefined)?.processId;
  }

  /** The addon's session here, or with `isolation: 'process'` one in a child process that this session owns. */
  #openNative(): NativeSession {
    const options = { clientApplicationId: this.#options.clientApplicationId };
    if (this.#isolation.isolation !== 'process') return new (loadBinding().Session)(options);
    // Another platform, or an addon that does not load, fails here as it does in process.
    loadBinding();
    return openIsolatedSession(options, this.#isolation.graceMs, { childLost: () => this.#childLost() });
  }

  /**
   * The child process of an isolated session is gone, and the agent's objects behind its records
   * with it: records collected from now on have nothing to release there.
   */
  #childLost(): void {
    const native = this.#native;
    if (!native || this.#closed) return;
    this.#records?.close();
    this.#records = new RecordTracker((updateIds) => native.forget(updateIds.join('\n')));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
