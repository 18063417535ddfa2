// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { inspect, type InspectOptions } from 'node:util';

import { type AgentBackend, processAgent } from './agent-backend.js';
import { automaticUpdatesFromNative } from './automatic-updates.js';
import { type ChangeKind, type JobRunner, nothingToDo, planFrom, runChange } from './change.js';
import { criteriaText, type Criteria } from './criteria.js';
import { AbortError, fromNativeError, InvalidArgumentError, SessionClosedError, UnsupportedPlatformError } from './errors.js';
import { type HistoryRunner, readHistoryOf, UpdateHistory } from './history.js';
import { openBrokerSession } from './broker/session.js';
import { openIsolatedSession } from './isolation/isolated-session.js';
import { type IsolationSettings, isolationSettings } from './isolation/options.js';
import { eulaResultFrom, hideResultFrom, nothingToMark } from './marks.js';
import { loadBinding, type NativeSession } from './native.js';
import { OfflineScanUpdates, runOfflineScan } from './offline-scan.js';
import { UpdateOperation, underSignal } from './operation.js';
import {
  addServiceOptions, changeOptions, microsoftUpdateOptions, offlineScanOptions, searchOptions, validateSessionOptions,
} from './options.js';
import { searchResultFromJson } from './records/decode.js';
import { updateIdsOf } from './records/references.js';
import { UpdateStream } from './records/stream.js';
import { SearchHeartbeats, SearchStream } from './search-stream.js';
import { RecordTracker } from './records/tracker.js';
import {
  checkServiceId, MICROSOFT_UPDATE_SERVICE_ID, refuseWindowsUpdateRemoval, registrationFromJson, servicesFromJson,
} from './services.js';
import { agentInfoFrom, statusFrom } from './status.js';
import { preflightOptions, runPreflight } from './preflight.js';
import type {
  AddServiceOptions, AgentInfo, AutomaticUpdatesStatus, ChangeOptions, ChangePlan, ChangeResult, DownloadOptions,
  EulaResult, HideResult, HistoryEntry, HistoryOfOptions, HistoryOptions, InstallOptions, OfflineScanOptions,
  OfflineScanResult, Progress, SearchOptions, SearchResult, ServiceRecord, ServiceRegistrationRecord, UninstallOptions,
  UpdateReference, UpdateSessionOptions, UpdateStatus, WebProxySettings,
  ProjectedSearchOptions, ProjectedSearchResult, ProjectedUpdate, UpdateField, UpdateRecord, UpdateSearchStream,
  PreflightOptions, PreflightReport,
} from './types.js';

import { SessionWebProxy } from './web-proxy.js';

/** A search's criteria and options, checked. */
type PreparedSearch = { text: string } & ReturnType<typeof searchOptions>;

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
  readonly #webProxy: SessionWebProxy | undefined;
  #native: NativeSession | undefined;
  #records: RecordTracker | undefined;
  #closed = false;
  #nextOperationId = 1;
  readonly #running = new Map<number, Promise<unknown>>();
  readonly #isolation: IsolationSettings;

  constructor(options?: UpdateSessionOptions) {
    this.#options = validateSessionOptions(options);
    this.#webProxy = SessionWebProxy.from(options?.webProxy);
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
    if (!this.#agentBackend()) loadBinding();
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

  /**
   * A step of an abortable operation that is no agent job (reading what an install will change,
   * the services an offline scan replaces): when the signal aborts while it waits, an isolated
   * session's process gets the grace period to answer (NativeSession.abandon).
   */
  #abandonable<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const native = this.#native;
    const before = new Set(native?.pendingCalls?.() ?? []);
    const promise = run();
    // The calls the step made: those waiting now that were not before it began.
    const calls = (native ?? this.#native)?.pendingCalls?.().filter((call) => !before.has(call)) ?? [];
    const abandon = (): void => this.#native?.abandon?.(calls);
    if (!calls.length || !signal) return promise;
    if (signal.aborted) abandon();
    signal.addEventListener('abort', abandon, { once: true });
    return promise.finally(() => signal.removeEventListener('abort', abandon));
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
  search<F extends UpdateField>(criteria: Criteria, options: ProjectedSearchOptions<F>): Promise<ProjectedSearchResult<F>>;
  search(criteria?: Criteria, options?: SearchOptions): Promise<SearchResult>;
  async search(criteria: Criteria = '', options?: SearchOptions): Promise<SearchResult> {
    const search = this.#prepareSearch(criteria, options);
    // Records are converted and tracked chunk by chunk, as they arrive, so that no single step
    // holds the event loop for all of them.
    return this.#runSearch(search, search.signal);
  }

  /**
   * The same search as search(), its records given as they are read: `for await (const update of
   * session.searchStream(...))` sees the records search() would resolve with, in the same order,
   * without waiting for the last of them, and `result` gives the rest of the search's result
   * (resultCode, rootCategories, warnings). Options as search()'s, `fields` and `onHeartbeat`
   * included. Throws InvalidArgumentError at once for bad criteria or options; the loop throws
   * what search() rejects with. Leaving the loop early (`break`, a throw) aborts the search
   * (ISearchJob::RequestAbort) and waits until the agent confirms it. One loop per stream.
   */
  searchStream<F extends UpdateField>(criteria: Criteria, options: ProjectedSearchOptions<F>):
    UpdateSearchStream<ProjectedUpdate<F>>;
  searchStream(criteria?: Criteria, options?: SearchOptions): UpdateSearchStream<UpdateRecord>;
  searchStream(criteria: Criteria = '', options?: SearchOptions): UpdateSearchStream<UpdateRecord> {
    const search = this.#prepareSearch(criteria, options);
    return new SearchStream<UpdateRecord>(async (sink, signal) => {
      const { updates: _none, ...result } = await this.#runSearch(search, signal, sink);
      return result;
    }, search.signal);
  }

  #prepareSearch(criteria: Criteria, options: SearchOptions | undefined): PreparedSearch {
    return { text: criteriaText(criteria), ...searchOptions(options) };
  }

  /** With `sink`, records go to it as they are read and the result holds none. */
  async #runSearch(search: PreparedSearch, signal: AbortSignal | undefined,
    sink?: (records: readonly UpdateRecord[], from: number) => void): Promise<SearchResult> {
    const { text, native: nativeOptions, heartbeat } = search;
    const heartbeats = new SearchHeartbeats(heartbeat);
    let read = 0;
    const stream = new UpdateStream((records, from) => {
      this.#records?.track(records, from);
      read += records.length - from;
      heartbeats.read(read);
      if (!sink) return;
      this.#offlineScanUpdates.foundOnline(records.slice(from));
      sink(records, from);
    }, { projection: nativeOptions.fields as readonly UpdateField[] | undefined, retain: !sink });
    try {
      const json = await this.#track('search', signal,
        (native, id) => native.search(id, text, nativeOptions, (chunk) => stream.push(chunk)).catch(async (error: unknown) => {
          // A stream's caller gets the records read before the failure, then the failure.
          if (sink) await stream.finish();
          throw error;
        }));
      const result = searchResultFromJson(json, await stream.finish());
      if (result.resultCode === 'aborted') throw new AbortError('search', this.#abortReason('search', signal));
      this.#offlineScanUpdates.foundOnline(result.updates);
      return result;
    } finally {
      heartbeats.stop();
    }
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
    this.#offlineScanUpdates.refuse(kind, updateIds);
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
      this.#offlineScanUpdates.refuse(kind, updateIds);
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
        inspect: (ids) => this.#abandonable(signal, () => this.#call(kind, (native) => native.inspect(ids))),
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
   * The machine's update state: whether it waits for a restart (by source; `agent` is
   * ISystemInformation::RebootRequired), whether the installer is busy and whether it requires a
   * restart before installing more (IUpdateInstaller::IsBusy, RebootRequiredBeforeInstallation),
   * the agent's version (IWindowsUpdateAgentInfo::GetInfo), the OEM's support link and whether
   * the session is read-only. A member the agent refuses or lacks leaves its value null and adds
   * a warning naming the member and its HRESULT, and the rest is still returned: a network logon
   * is refused ISystemInformation and the installer, WUA 1.0 has no IWindowsUpdateAgentInfo.
   * Changes nothing. Rejects with SessionClosedError after close(), WindowsUpdateError when the
   * agent session cannot be opened, UnsupportedPlatformError off Windows and AddonLoadError when
   * the addon does not load.
   */
  async status(): Promise<UpdateStatus> {
    return statusFrom(await this.#call('status', (native) => native.status()));
  }

  /**
   * The agent's version and whether it waits for a restart: the part of status() this call has
   * always returned, kept for the callers written for it (status() says more, and a value the
   * agent does not give is a warning there, not a failure). Rejects with the WindowsUpdateError
   * of the first of these values the agent did not give, and otherwise as status() does.
   */
  async agentInfo(): Promise<AgentInfo> {
    return agentInfoFrom(await this.#call('agentInfo', (native) => native.status()));
  }

  /**
   * Whether updates can work from this process on this machine, and why not: one check per
   * PreflightCheckId (elevation, logon type, Secondary Logon, the five services, update
   * policies, each restart source, the installer, the agent's version, the WinHTTP proxy, the
   * system drive's free space, a Configuration Manager client, the broker service), each `ok`,
   * `warning`, `failure` or `unknown` with the facts it found, a hint, and the error the agent
   * would give where one follows (a network logon: E_ACCESSDENIED on download and install).
   * Facts come from the Windows API (token, service control manager, registry under
   * HKEY_LOCAL_MACHINE, the _MSIExecute mutex, WinHTTP, the volume) and from status(); each
   * is bounded by `timeoutMs` (default 5000 ms), and one that fails or does not answer makes
   * its checks `unknown` with the call and error, never a rejection. `ready` is true when no
   * check failed. Changes nothing. Rejects with InvalidArgumentError for bad options,
   * SessionClosedError after close(), UnsupportedPlatformError off Windows and AddonLoadError
   * when the addon does not load.
   */
  async preflight(options?: PreflightOptions): Promise<PreflightReport> {
    const checked = preflightOptions(options);
    this.#requireUsable('preflight');
    const backend = this.#agentBackend();
    return runPreflight(backend ?? loadBinding(), () => this.status(), { ...checked, askBroker: !backend });
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
   * The agent's history of installs and uninstalls, newest first (IUpdateSearcher::QueryHistory),
   * as an async iterable of entries read a page at a time, never one agent call per entry:
   * `for await (const entry of session.history({ since, resultCode: 'failed' })) ...`. `total`
   * is the agent's count of entries when the read began (IUpdateSearcher::GetTotalHistoryCount).
   *
   * `start` and `count` pick entries by their place in the history (0 is the newest); `since`,
   * `kb` (the "(KB5068781)" in an entry's title: entries have no KB field), `resultCode` and
   * `operation` are filters applied here, not by the agent, and `count` is the most entries
   * given after them. The read gives the history as it stood at its first page: an entry recorded
   * meanwhile (an install by this or another session) neither repeats nor hides another; see
   * UpdateHistory. Leaving the loop or the signal firing stops the page being read.
   *
   * Never throws: the iteration (and `total`) rejects with InvalidArgumentError for bad options
   * (before the agent is called), WindowsUpdateError when the agent fails, HistoryChangedError
   * when entries still to give were removed meanwhile (a cleared history), AbortError (or
   * TimeoutError) once the agent's read stops for the signal or close(), SessionClosedError after
   * close(), UnsupportedPlatformError off Windows and AddonLoadError when the addon does not load.
   */
  history(options?: HistoryOptions): UpdateHistory {
    return new UpdateHistory(this.#historyRunner(), options);
  }

  /**
   * The number of entries in the agent's history (IUpdateSearcher::GetTotalHistoryCount).
   * Rejects as describe() does.
   */
  async historyCount(): Promise<number> {
    return this.#call('historyCount', (native) => native.historyCount());
  }

  /**
   * Every history entry of one update, newest first (IUpdateSession3::QueryHistory with
   * `UpdateID='<updateId>'`), in one array. The agent gives this query per-machine updates only:
   * entries of per-user updates are not among them (history() has those). Rejects with
   * InvalidArgumentError for an ID that is not a GUID or a bad option (before the agent is
   * called), and otherwise as history() does.
   */
  async historyOf(updateId: string, options?: HistoryOfOptions): Promise<HistoryEntry[]> {
    return readHistoryOf(this.#historyRunner(), updateId, options);
  }

  #historyRunner(): HistoryRunner {
    return {
      page: async (start, count, signal, onChunk) => this.#track('history', signal,
        (native, id) => native.historyPage(id, start, count, onChunk)),
      ofUpdate: async (updateId, signal, onChunk) => this.#track('historyOf', signal,
        (native, id) => native.historyOf(id, updateId, onChunk)),
      abortReason: (operation, signal) => this.#abortReason(operation, signal),
    };
  }

  /**
   * Aborts what still runs, waits for the agent to confirm, and releases the agent session and
   * every object behind this session's records. Safe to call more than once. Rejects with
   * WindowsUpdateError only when the agent fails to release the session.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#webProxy?.forgetPassword();
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
    if (this.#isolation.isolation === 'none') return process.pid;
    return (this.#native as { processId?: number } | undefined)?.processId;
  }

  /** The addon's session here, or with `isolation: 'process'` one in a child process that this session owns. */
  #openNative(): NativeSession {
    const options = {
      clientApplicationId: this.#options.clientApplicationId,
      ...(this.#webProxy ? { webProxy: this.#webProxy.handOver() } : {}),
    };
    const backend = this.#agentBackend();
    this.#backendInUse = backend;
    if (backend) return backend.openSession(options);
    // The broker's pipe exists only on Windows: elsewhere the answer is the platform, not its absence.
    if (this.#isolation.isolation !== 'none' && process.platform !== 'win32') throw new UnsupportedPlatformError();
    if (this.#isolation.isolation === 'broker') return openBrokerSession(options, this.#isolation.graceMs, { childLost: () => this.#childLost() });
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

  /**
   * What plays the agent instead of the addon: the session's `agent` option, else the one
   * installFakeAgent() installed for the process (windows-update-agent/testing), read when the
   * session opens its agent session.
   */
  #backendInUse: AgentBackend | undefined;

  #agentBackend(): AgentBackend | undefined {
    return this.#native === undefined ? this.#options.agent ?? processAgent() : this.#backendInUse;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Automatic Updates: its settings (IAutomaticUpdatesSettings..3), what it last did
   * (IAutomaticUpdates2::Results) and whether its service is enabled (ServiceEnabled). Read only:
   * Microsoft documents changing the settings as doing nothing since Windows 10. Rejects with
   * WindowsUpdateError when the agent fails (E_ACCESSDENIED, category 'permission', from a remote
   * session), and as describe() does otherwise.
   */
  async automaticUpdates(): Promise<AutomaticUpdatesStatus> {
    return automaticUpdatesFromNative(await this.#call('automaticUpdates', (native) => native.automaticUpdates()));
  }

  /**
   * Asks Automatic Updates to start a detection now (IAutomaticUpdates::DetectNow); it runs in the
   * service, after this resolves, and acts on what it finds as its notification level says. Any
   * user may ask. Rejects with WindowsUpdateError WU_E_AU_NOSERVICE while the service is disabled,
   * and as describe() does otherwise.
   */
  async detectNow(): Promise<void> {
    await this.#call('detectNow', (native) => native.detectNow());
  }

  /**
   * Enables every component Automatic Updates needs (IAutomaticUpdates::EnableService). Needs an
   * administrator: otherwise rejects with WindowsUpdateError E_ACCESSDENIED (category
   * 'permission'), and as describe() does otherwise.
   */
  async enableAutomaticUpdatesService(): Promise<void> {
    await this.#call('enableAutomaticUpdatesService', (native) => native.enableAutomaticUpdatesService());
  }

  /** The proxy this session was opened with, without its password; null for none. */
  get webProxy(): WebProxySettings | null {
    return this.#webProxy?.settings ?? null;
  }

  /** What JSON.stringify shows of a session: never a password. */
  toJSON(): { clientApplicationId: string | null; webProxy: WebProxySettings | null; closed: boolean } {
    return { clientApplicationId: this.#options.clientApplicationId ?? null, webProxy: this.webProxy, closed: this.#closed };
  }

  // InspectOptions rather than InspectOptionsStylized: the latter is gone from newer @types/node,
  // and a caller's declarations must check against those too.
  [inspect.custom](depth: number, options: InspectOptions, show: typeof inspect): string {
    return `UpdateSession ${show(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }

  // ----- update services (services.ts) and offline scans (offline-scan.ts) -----

  readonly #offlineScanUpdates = new OfflineScanUpdates();

  /**
   * The update services the agent has registered (IUpdateServiceManager::Services), every
   * IUpdateService2 property of each. Rejects as describe() does.
   */
  async services(): Promise<ServiceRecord[]> {
    return servicesFromJson(await this.#call('services', (native) => native.services()));
  }

  /**
   * Registers an update service (IUpdateServiceManager2::AddService2), by default online now and
   * otherwise at the agent's next online search (see AddServiceOptions). Resolves with the
   * registration: `registered`, or `registrationPending` when the agent will register it later
   * (then `isPendingRegistrationWithAu` says whether it becomes Automatic Updates' service too).
   * Rejects with InvalidArgumentError for an ID that is not a GUID or options that do not go
   * together (before the agent is called), and WindowsUpdateError when the agent refuses:
   * E_ACCESSDENIED (category 'permission': not an administrator, or a remote caller),
   * WU_E_DS_UNKNOWNSERVICE (a service the update service does not offer), a network error of the
   * online attempt (with pending registration allowed, the service still stays pending),
   * WU_E_DS_SERVICEEXPIRED (an expired cab); otherwise as describe() does.
   */
  async addService(serviceId: string, options?: AddServiceOptions): Promise<ServiceRegistrationRecord> {
    const id = checkServiceId(serviceId);
    const { flags, cabPath } = addServiceOptions(options);
    return registrationFromJson(await this.#call('addService', (native) => native.addService(id, flags, cabPath)));
  }

  /**
   * Opts the machine in to Microsoft Update (service 7971f918-a847-4430-9279-4a52d1efe18d), as
   * Microsoft's "Opt-In to Microsoft Update" does: online now or else pending, and, unless
   * `registerWithAutomaticUpdates` is false, as Automatic Updates' service. Resolves and rejects
   * as addService() does.
   */
  async enableMicrosoftUpdate(options?: { registerWithAutomaticUpdates?: boolean }): Promise<ServiceRegistrationRecord> {
    return this.addService(MICROSOFT_UPDATE_SERVICE_ID, microsoftUpdateOptions(options));
  }

  /**
   * Removes an update service (IUpdateServiceManager::RemoveService). Rejects with
   * InvalidArgumentError for an ID that is not a GUID and for the Windows Update service (code
   * ERR_WUA_BUILTIN_SERVICE), which the agent keeps, before the agent is called; with
   * WindowsUpdateError when the agent refuses (E_ACCESSDENIED, WU_E_DS_UNKNOWNSERVICE for a service
   * it does not know, WU_E_DS_NEEDWINDOWSSERVICE); otherwise as describe() does.
   */
  async removeService(serviceId: string): Promise<void> {
    const id = checkServiceId(serviceId);
    refuseWindowsUpdateRemoval(id);
    await this.#call('removeService', (native) => native.removeService(id));
  }

  /**
   * Makes a registered service Automatic Updates' service (IUpdateServiceManager::RegisterServiceWithAU).
   * Rejects with InvalidArgumentError for an ID that is not a GUID (before the agent is called),
   * WindowsUpdateError when the agent refuses (E_ACCESSDENIED, WU_E_DS_UNKNOWNSERVICE,
   * WU_E_INVALID_OPERATION for a service that cannot register with Automatic Updates, such as a
   * scan package service); otherwise as describe() does.
   */
  async registerServiceWithAU(serviceId: string): Promise<void> {
    const id = checkServiceId(serviceId);
    await this.#call('registerServiceWithAU', (native) => native.setServiceWithAu(id, true));
  }

  /**
   * Unregisters a service from Automatic Updates (IUpdateServiceManager::UnregisterServiceWithAU),
   * which falls back to another one. Rejects as registerServiceWithAU() does, and with
   * WU_E_DS_NEEDWINDOWSSERVICE for the Windows Update service when no other is registered.
   */
  async unregisterServiceWithAU(serviceId: string): Promise<void> {
    const id = checkServiceId(serviceId);
    await this.#call('unregisterServiceWithAU', (native) => native.setServiceWithAu(id, false));
  }

  /**
   * A service's registration (IUpdateServiceManager2::QueryServiceRegistration): registered, or
   * pending. Rejects with InvalidArgumentError for an ID that is not a GUID (before the agent is
   * called), WindowsUpdateError WU_E_DS_UNKNOWNSERVICE for a service neither registered nor
   * pending; otherwise as describe() does.
   */
  async serviceRegistration(serviceId: string): Promise<ServiceRegistrationRecord> {
    const id = checkServiceId(serviceId);
    return registrationFromJson(await this.#call('serviceRegistration', (native) => native.serviceRegistration(id)));
  }

  /**
   * Searches an offline catalog (a scan package: wsusscn2.cab) without the network: registers it
   * as a scan package service (AddScanPackageService, named after this package and process),
   * searches that service only (ServerSelection 'others' with its ID; `criteria` as search()
   * takes them, by default what is not installed and not hidden) and removes the service again,
   * also after a failure or an abort. A catalog on a network path (UNC, or a network drive) is
   * copied to `stagingDirectory` first, since the agent refuses those, and the copy is deleted
   * after. What scans of processes that died left (services, copies) is removed first: see
   * `cleanup`. The records say `offline: true` on the result: the catalog holds no files, so
   * download() and install() refuse them (search() finds them online).
   *
   * Rejects with InvalidArgumentError for bad criteria or options, or a catalog that is no file
   * (before the agent is called); WindowsUpdateError when the agent refuses the catalog
   * (E_ACCESSDENIED: not an administrator, or a remote caller; TRUST_E_NOSIGNATURE: not signed by
   * Microsoft; E_OUTOFMEMORY: Microsoft documents offline scans exhausting memory) or the search
   * fails; AbortError (or TimeoutError) once the copy stops or the agent confirms the abort;
   * otherwise as search() does.
   */
  async scanOffline(cabPath: string, criteria: Criteria = '', options?: OfflineScanOptions): Promise<OfflineScanResult> {
    if (typeof cabPath !== 'string' || !cabPath) {
      throw new InvalidArgumentError('cabPath', 'must be the path of a scan package (wsusscn2.cab)', 'ERR_INVALID_ARG_TYPE');
    }
    const text = criteriaText(criteria);
    const checked = offlineScanOptions(options);
    this.#requireUsable('scanOffline');
    const result = await runOfflineScan({
      services: () => this.#abandonable(checked.signal, () => this.services()),
      removeService: async (serviceId) => {
        await this.#abandonable(checked.signal, () => this.#call('scanOffline', (native) => native.removeService(serviceId)));
      },
      driveType: (file) => this.#abandonable(checked.signal, () => this.#call('scanOffline', (native) => native.driveType(file))),
      scan: (nativeOptions, onChunk) => this.#track('scanOffline', checked.signal,
        (native, id) => native.scanPackage(id, text, nativeOptions, onChunk)),
      abortReason: () => this.#abortReason('scanOffline', checked.signal),
    }, cabPath, checked);
    this.#offlineScanUpdates.remember(result.updates);
    return result;
  }
}
