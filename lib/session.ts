// UpdateSession: the facade's entry point, one agent session held by a thread the addon owns.
import { type ChangeKind, type JobRunner, nothingToDo, planFrom, runChange } from './change.js';
import { criteriaText, type Criteria } from './criteria.js';
import { AbortError, fromNativeError, InvalidArgumentError, SessionClosedError, UnsupportedPlatformError } from './errors.js';
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
import { OfflineScanUpdates, runOfflineScan } from './offline-scan.js';
import { addServiceOptions, microsoftUpdateOptions, offlineScanOptions } from './options.js';
import {
  checkServiceId, MICROSOFT_UPDATE_SERVICE_ID, refuseWindowsUpdateRemoval, registrationFromJson, servicesFromJson,
} from './services.js';
import type {
  AddServiceOptions, OfflineScanOptions, OfflineScanResult, ServiceRecord, ServiceRegistrationRecord,
} from './types.js';

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
  #nativeSession(operation = 'call'): NativeSession {
    if (this.#closed) throw new SessionClosedError(operation);
    if (!this.#native) {
      const native = new (loadBinding().Session)({ clientApplicationId: this.#options.clientApplicationId });
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
    this.#offlineScanUpdates.foundOnline(result.updates);
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

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
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
      services: () => this.services(),
      removeService: async (serviceId) => { await this.#call('scanOffline', (native) => native.removeService(serviceId)); },
      driveType: (file) => this.#call('scanOffline', (native) => native.driveType(file)),
      scan: (nativeOptions, onChunk) => this.#track('scanOffline', checked.signal,
        (native, id) => native.scanPackage(id, text, nativeOptions, onChunk)),
      abortReason: () => this.#abortReason('scanOffline', checked.signal),
    }, cabPath, checked);
    this.#offlineScanUpdates.remember(result.updates);
    return result;
  }
}
