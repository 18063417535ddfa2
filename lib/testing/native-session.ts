// One session of the fake agent: the NativeSession the facade drives (lib/native.ts), in plain
// TypeScript. Each member follows what the addon does with the agent (src/wua/*.cc) and what the
// simulator's agent answers (test/sim/src/*.cc), so that the facade above it, unchanged, gives
// what it gives over the addon: the conformance suite (test/conformance/) holds the two together.
import { parseCriteria, type CriteriaCondition } from '../criteria.js';
import { DEPLOYMENT_ACTIONS, OPERATION_RESULT_CODES, SERVICE_REGISTRATION_STATES, UPDATE_OPERATIONS } from '../enums.js';
import type {
  NativeAutomaticUpdates, NativeChangeOptions, NativeChangeResult, NativeInspected, NativeMark, NativeProgress,
  NativeScanPackageOptions, NativeScanPackageResult, NativeSearchOptions, NativeSession, NativeSessionInfo, NativeStatus,
  NativeStatusFailure,
} from '../native.js';
import { behaviorOf, type Behavior, type CatalogUpdate, enumNumber, type InstallationBehavior } from './catalog.js';
import { agentFailure, type FakeAgent, hr } from './fake-agent.js';
import { oleDateOf, oleNow } from './scenario.js';
import { WIRE_RECORD_COUNT } from '../records/fields.generated.js';
import { projectionPlaces } from '../records/projection.js';
import type { WireChunk } from '../records/values.js';
import { ChunkWriter } from './wire.js';

type Kind = 'download' | 'install' | 'uninstall';

const CODE = Object.fromEntries(OPERATION_RESULT_CODES.map((name, index) => [name!, index])) as Record<string, number>;
const CHUNK_SIZE = 250;
// A chunk after the first names only what the first one sent.
const NO_TABLES = Object.freeze({ texts: [], textLists: [], shared: Array.from({ length: WIRE_RECORD_COUNT }, () => []),
  sharedLists: Array.from({ length: WIRE_RECORD_COUNT }, () => []) });
const WINDOWS_UPDATE_SERVICE = '9482f4b4-e343-43b6-b170-9a65bc822c77';
const MICROSOFT_UPDATE_SERVICE = '7971f918-a847-4430-9279-4a52d1efe18d';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXCLUSIVE = 2;
const ALWAYS_REBOOTS = 1;
// AddServiceFlag (asfAllowPendingRegistration 1, asfAllowOnlineRegistration 2, asfRegisterServiceWithAU 4).
const ASF_PENDING = 1;
const ASF_ONLINE = 2;
const ASF_WITH_AU = 4;

/** Waits `ms`; resolves false when the signal fired first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return new Promise((resolve) => setImmediate(() => resolve(!signal.aborted)));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

interface Outcome {
  resultCode: number;
  hresult: number;
  rebootRequired: boolean;
}

export class FakeNativeSession implements NativeSession {
  readonly #agent: FakeAgent;
  readonly #clientApplicationId: string;
  readonly #operations = new Map<number, { controller: AbortController; abortMember: string | undefined }>();
  #closed = false;

  constructor(agent: FakeAgent, clientApplicationId: string) {
    this.#agent = agent;
    this.#clientApplicationId = clientApplicationId;
    if (clientApplicationId) agent.log('IUpdateSession::put_ClientApplicationID');
  }

  /** `abortMember`: the job member an abort calls (ISearchJob::RequestAbort, Job::RequestAbort). */
  #begin(operationId: number, abortMember?: string): AbortSignal {
    if (this.#closed) throw agentFailure(hr('E_FAIL'), 'session', 'the session is closed');
    const controller = new AbortController();
    this.#operations.set(operationId, { controller, abortMember });
    return controller.signal;
  }

  abort(operationId: number): void {
    const operation = this.#operations.get(operationId);
    if (!operation || operation.controller.signal.aborted) return;
    if (operation.abortMember) this.#agent.log(operation.abortMember);
    operation.controller.abort();
  }

  forget(): void {
    // The fake keeps no agent object per record: nothing to release.
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const id of this.#operations.keys()) this.abort(id);
    this.#agent.sessionClosed(this);
  }

  async describe(): Promise<NativeSessionInfo> {
    await this.#agent.enter('IUpdateSession::get_ReadOnly');
    return { clientApplicationId: this.#clientApplicationId, readOnly: !this.#agent.isAdministrator, apartment: 'MTA', threadId: 0 };
  }

  // ----- search -----

  async search(operationId: number, criteria: string, options: NativeSearchOptions,
    onChunk: (updatesJson: string) => void): Promise<string> {
    const signal = this.#begin(operationId, 'ISearchJob::RequestAbort');
    try {
      await this.#agent.enter('IUpdateSession::CreateUpdateSearcher');
      let synchronous = false;
      try {
        await this.#agent.enter('IUpdateSearcher::BeginSearch');
      } catch (error) {
        // BeginSearch is unavailable to remote callers, who may still call Search ("Using WUA
        // From a Remote Computer"): the addon searches synchronously then (src/wua/search.cc).
        if ((error as { hresult?: number }).hresult !== hr('E_ACCESSDENIED') >>> 0) throw error;
        synchronous = true;
        await this.#agent.enter('IUpdateSearcher::Search');
      }
      const { updates, warnings, resultCode } = await this.#searchCatalog(criteria, options, signal, undefined);
      // The catalog's tables cross with the first chunk; every tuple names them (CatalogWire).
      const { tables } = this.#agent.catalog.wire;
      // The facade's sink takes a chunk as the value its JSON text would parse to (UpdateStream):
      // in one process, text would only be written to be read back.
      const sink = onChunk as (chunk: string | WireChunk) => void;
      // A projection sends only its fields, in the table's order, as the addon does (Chunk::Project).
      const places = options.fields ? projectionPlaces(options.fields) : undefined;
      const records = places ? updates.map((tuple) => places.map((place) => tuple[place])) : updates;
      for (let i = 0; i < records.length; i += CHUNK_SIZE) {
        sink({ records: records.slice(i, i + CHUNK_SIZE), ...(i === 0 ? tables : NO_TABLES) });
      }
      if (!synchronous) await this.#agent.enter('IUpdateSearcher::EndSearch');
      // The addon reads the warnings after every record, so a failure there comes after the
      // records were sent (ISearchResult::get_Warnings, as the simulator faults it).
      this.#agent.log('ISearchResult::get_Warnings');
      this.#agent.check('ISearchResult::get_Warnings');
      // The addon reports the denial that made its search synchronous, after the agent's own.
      if (synchronous) {
        warnings.push({
          hresult: hr('E_ACCESSDENIED') >>> 0,
          message: 'IUpdateSearcher::BeginSearch was denied; the search ran through IUpdateSearcher::Search, which cannot be aborted',
          context: 1,
          property: 'IUpdateSearcher::BeginSearch',
        });
      }
      return new ChunkWriter().chunk({
        resultCode,
        rootCategories: resultCode === CODE.aborted ? [] : this.#rootCategoryTuples(),
        warnings,
      });
    } finally {
      this.#operations.delete(operationId);
    }
  }

  #rootCategoryTuples(): unknown[] {
    const writer = new ChunkWriter();
    return this.#agent.catalog.rootCategories().map((values) => writer.tuple('Category', values));
  }

  /**
   * The search the simulator makes (test/sim/src/searcher.cc): the search behaviour's wait and
   * failures, the service, the network, then the catalog filtered by the criteria, supersedence
   * and bundling; an update whose getter the scenario faults is left out with a warning, as the
   * addon leaves out an update it cannot read (src/wua/search.cc).
   */
  async #searchCatalog(criteria: string, options: NativeSearchOptions, signal: AbortSignal, only: Set<string> | undefined)
    : Promise<{ updates: unknown[][]; warnings: unknown[]; resultCode: number }> {
    const agent = this.#agent;
    const scenario = agent.scenario;
    const behavior = behaviorOf(scenario.search, (scenario.search?.warnings?.length ?? 0) > 0);
    const aborted = { updates: [], warnings: [], resultCode: CODE.aborted! };
    if (behavior.wedged) {
      await agent.hold(true, signal);
      throw agentFailure(hr('RPC_E_DISCONNECTED'), 'IUpdateSearcher::EndSearch', 'the agent went away (a wedged search was released)');
    }
    if (behavior.hangUntilAbort && await agent.hold(false, signal)) return aborted;
    if (!await sleep(behavior.durationMs, signal)) return aborted;
    // Criteria the facade let through are valid; the agent's own parse is the facade's (lib/criteria.ts).
    const groups = parseCriteria(criteria);
    if (behavior.disconnectAtPercent >= 0) throw agentFailure(hr('RPC_E_DISCONNECTED'), 'IUpdateSearcher::EndSearch');
    if (behavior.hresult < 0) throw agentFailure(behavior.hresult, 'IUpdateSearcher::EndSearch');
    if (options.serverSelection === 3) {
      // ssOthers searches the service named by ServiceID ([MS-UAMG] 3.38.4.11), which must be registered.
      const id = options.serviceId?.toLowerCase();
      if (!id || !agent.services.some((s) => s.serviceId === id)) {
        throw agentFailure(hr('WU_E_DS_UNKNOWNSERVICE'), 'IUpdateSearcher::EndSearch', 'the search names a service the agent has not registered');
      }
    }
    // An online search (the default) reaches the server only if agent.network lets it (rule 10).
    const network = scenario.agent?.network;
    if ((options.online ?? true) && network?.reachable === false) {
      throw agentFailure(network.hresult === undefined ? hr('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED') : toSigned(network.hresult), 'IUpdateSearcher::EndSearch');
    }
    const conditions = groups.length ? groups.map(implied) : [implied([
      { property: 'IsInstalled', operator: '=', value: '0' }, { property: 'IsHidden', operator: '=', value: '0' }])];
    const superseded = new Set<string>();
    if (!options.includePotentiallySupersededUpdates) {
      for (const other of agent.catalog.updates) {
        if (!agent.stateOf(other).isInstalled) for (const id of other.supersededUpdateIds) superseded.add(id);
      }
    }
    const listBundled = scenario.search?.listBundledUpdates ?? false;
    const updates: unknown[][] = [];
    const wire = agent.catalog.wire;
    const stateOf = (u: CatalogUpdate): ReturnType<FakeAgent['stateOf']> => agent.stateOf(u);
    const warnings: unknown[] = (scenario.search?.warnings ?? []).map((w) => ({
      hresult: toSigned(w.hresult ?? 0) >>> 0,
      message: w.message ?? '',
      context: ['general', 'windowsDriver', 'windowsInstaller', 'searchIncomplete'].indexOf(w.context ?? 'general') + 1,
    }));
    let index = 0;
    for (const update of agent.catalog.updates) {
      if (!listBundled && agent.catalog.bundledIds.has(update.updateId)) continue;
      if (only && !only.has(update.updateId)) continue;
      if (superseded.has(update.updateId)) continue;
      if (!conditions.some((group) => group.every((c) => holds(c, update, agent)))) continue;
      const place = index++;
      const fault = update.faults.size ? update.faults.entries().next() : undefined;
      if (fault && !fault.done) {
        // The addon names an update it cannot read by its ID and title when those still read,
        // else by its place in the result (src/wua/search.cc, Unreadable).
        const [member, hresult] = fault.value;
        const property = member.replace('::get_', '::');
        const idReads = !update.faults.has('IUpdate::get_Identity') && !update.faults.has('IUpdateIdentity::get_UpdateID');
        const titleReads = idReads && !update.faults.has('IUpdate::get_Title');
        const named = idReads ? `update ${update.updateId}${titleReads && update.title ? ` (${update.title})` : ''}` : `update #${place}`;
        warnings.push({
          hresult: hresult >>> 0,
          message: `${named} was left out: its property ${property} could not be read`,
          context: 1,
          ...(idReads ? { updateId: update.updateId } : {}),
          property,
        });
        continue;
      }
      updates.push(wire.tuple(update, stateOf));
    }
    // An update left out makes a succeeded search succeededWithErrors (src/wua/search.cc).
    const leftOut = warnings.length > (scenario.search?.warnings?.length ?? 0);
    const resultCode = leftOut && behavior.resultCode === CODE.succeeded ? CODE.succeededWithErrors! : behavior.resultCode;
    return { updates, warnings, resultCode };
  }

  // ----- download, install, uninstall -----

  download(operationId: number, updateIds: string[], options: NativeChangeOptions,
    onProgress?: (progress: NativeProgress) => void): Promise<NativeChangeResult> {
    return this.#change('download', operationId, updateIds, options, onProgress);
  }

  install(operationId: number, updateIds: string[], options: NativeChangeOptions,
    onProgress?: (progress: NativeProgress) => void): Promise<NativeChangeResult> {
    return this.#change('install', operationId, updateIds, options, onProgress);
  }

  uninstall(operationId: number, updateIds: string[], options: NativeChangeOptions,
    onProgress?: (progress: NativeProgress) => void): Promise<NativeChangeResult> {
    return this.#change('uninstall', operationId, updateIds, options, onProgress);
  }

  /** The addon's ResolveUpdate (src/wua/search.cc): a GUID the agent finds, hidden and superseded ones included. */
  #resolve(updateId: string): CatalogUpdate {
    if (!GUID.test(updateId)) throw agentFailure(hr('E_INVALIDARG'), 'IUpdateSearcher::Search', `update ID '${updateId}' is not a GUID`);
    const update = this.#agent.catalog.byId.get(updateId.toLowerCase());
    const listBundled = this.#agent.scenario.search?.listBundledUpdates ?? false;
    if (!update || (!listBundled && this.#agent.catalog.bundledIds.has(update.updateId))) {
      throw agentFailure(hr('WU_E_ITEMNOTFOUND'), 'IUpdateSearcher::Search', `the agent does not know update ${updateId}`);
    }
    return update;
  }

  async #change(kind: Kind, operationId: number, updateIds: string[], options: NativeChangeOptions,
    onProgress: ((progress: NativeProgress) => void) | undefined): Promise<NativeChangeResult> {
    const agent = this.#agent;
    const signal = this.#begin(operationId, 'Job::RequestAbort');
    try {
      const installs = kind !== 'download';
      await agent.enter(installs ? 'IUpdateSession::CreateUpdateInstaller' : 'IUpdateSession::CreateUpdateDownloader');
      const updates = updateIds.map((id) => this.#resolve(id));
      if (kind === 'install') {
        // Licences are accepted only when the caller said so, and only once every update is
        // known, so that a refused call changes nothing (src/wua/change.cc).
        const needing = updates.filter((u) => !agent.stateOf(u).eulaAccepted);
        if (needing.length && !options.acceptEulas) {
          throw agentFailure(hr('WU_E_EULAS_DECLINED'), 'install', `update ${needing[0]!.updateId} has license terms that were not accepted`);
        }
        for (const update of needing) this.#acceptEula(update);
      }
      const begin = { download: 'IUpdateDownloader::BeginDownload', install: 'IUpdateInstaller::BeginInstall', uninstall: 'IUpdateInstaller::BeginUninstall' }[kind];
      await agent.enter(begin);
      if (!updates.length) throw agentFailure(hr('WU_E_NO_UPDATE'), begin);
      // Downloads and installs need an administrator (Securing Interfaces, Methods, and Properties).
      if (!agent.isAdministrator) throw agentFailure(hr('WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED'), begin);
      if (installs) {
        // One installation at a time (IUpdateInstaller::IsBusy).
        if (agent.scenario.agent?.installerBusy || agent.machine.installing > 0) throw agentFailure(hr('WU_E_INSTALL_NOT_ALLOWED'), begin);
        // InstallationImpact: an exclusive update cannot share an install call (rule 1).
        const behaviorOfKind = (u: CatalogUpdate): InstallationBehavior | null => kind === 'uninstall' ? u.uninstallationBehavior : u.installationBehavior;
        const exclusive = updates.find((u) => behaviorOfKind(u)?.impact === EXCLUSIVE);
        if (exclusive && updates.length > 1) {
          throw agentFailure(hr('WU_E_EXCLUSIVE_INSTALL_CONFLICT'), begin, `update ${exclusive.updateId} requires exclusive handling and cannot be installed with other updates`);
        }
        agent.machine.installing += 1;
      }
      try {
        return await this.#run(kind, updates, options, signal, onProgress);
      } finally {
        if (installs) agent.machine.installing -= 1;
      }
    } finally {
      this.#operations.delete(operationId);
    }
  }

  #behavior(kind: Kind, unit: CatalogUpdate, update: CatalogUpdate): Behavior {
    const top = this.#agent.scenario[kind];
    return unit.behaviors[kind] ?? update.behaviors[kind] ?? behaviorOf(top);
  }

  #precondition(kind: Kind, update: CatalogUpdate, force: boolean): Outcome | undefined {
    const state = this.#agent.stateOf(update);
    const failed = (name: string): Outcome => ({ resultCode: CODE.failed!, hresult: hr(name), rebootRequired: false });
    if (kind === 'install') {
      if (!state.eulaAccepted) return failed('WU_E_EULAS_DECLINED');
      if (!state.isDownloaded) return failed('WU_E_UH_NEEDANOTHERDOWNLOAD');
      if (state.isInstalled && !force) return { resultCode: CODE.succeeded!, hresult: 0, rebootRequired: state.rebootRequired };
      // Rule 6: a Secondary Logon cannot install an update that asks for input.
      if (this.#agent.scenario.agent?.logon?.interactiveUser === false && !update.isBundle && update.installationBehavior.canRequestUserInput) {
        return failed('WU_E_NO_INTERACTIVE_USER');
      }
    }
    if (kind === 'uninstall' && (!update.isUninstallable || !state.isInstalled)) return failed('WU_E_UNINSTALL_NOT_ALLOWED');
    return undefined;
  }

  /** The simulator's Operation::Run (test/sim/src/operation.cc), step for step. */
  async #run(kind: Kind, updates: CatalogUpdate[], options: NativeChangeOptions, signal: AbortSignal,
    onProgress: ((progress: NativeProgress) => void) | undefined): Promise<NativeChangeResult> {
    const agent = this.#agent;
    const catalog = agent.catalog;
    const bytesOf = (u: CatalogUpdate): number => catalog.unitsOf(u).reduce((sum, unit) => sum + unit.maxDownloadSize, 0);
    const count = updates.length;
    const outcomes: Outcome[] = updates.map(() => ({ resultCode: CODE.notStarted!, hresult: 0, rebootRequired: false }));
    const progress = { percent: 0, index: 0, updatePercent: 0, phase: 1, currentBytesDone: 0, currentBytesTotal: 0, totalBytesDone: 0 };
    const totalBytesTotal = updates.reduce((sum, u) => sum + bytesOf(u), 0);
    const notify = (): void => {
      if (!onProgress) return;
      const event: NativeProgress = { percentComplete: progress.percent, currentIndex: progress.index, currentPercentComplete: progress.updatePercent };
      if (kind === 'download') {
        Object.assign(event, {
          phase: progress.phase, currentBytesDone: progress.currentBytesDone, currentBytesTotal: progress.currentBytesTotal,
          totalBytesDone: progress.totalBytesDone, totalBytesTotal,
        });
      }
      onProgress(event);
    };
    let aborted = false;
    let disconnected = false;
    let callFailed: number | undefined;
    let bytesBefore = 0;
    const network = agent.scenario.agent?.network;
    for (let index = 0; index < count && !aborted && !disconnected && callFailed === undefined; index++) {
      const update = updates[index]!;
      const updateBytes = bytesOf(update);
      let outcome = this.#precondition(kind, update, options.force ?? false);
      if (kind === 'download' && !outcome && network?.reachable === false) {
        outcome = { resultCode: CODE.failed!, hresult: network.hresult === undefined ? hr('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED') : toSigned(network.hresult), rebootRequired: false };
      }
      Object.assign(progress, { index, updatePercent: 0, currentBytesDone: 0, currentBytesTotal: updateBytes, phase: 1 });
      outcomes[index]!.resultCode = CODE.inProgress!;
      if (!outcome) {
        notify();
        const units = catalog.unitsOf(update);
        outcome = { resultCode: CODE.succeeded!, hresult: 0, rebootRequired: false };
        let unitBytesBefore = 0;
        for (let unitIndex = 0; unitIndex < units.length; unitIndex++) {
          const unit = units[unitIndex]!;
          const behavior = this.#behavior(kind, unit, update);
          let done = unit === update ? undefined : this.#precondition(kind, unit, options.force ?? false);
          if (!done) {
            const ran = await this.#runUnit(kind, unit, behavior, signal, (step) => {
              const percent = Math.floor(100 * step / behavior.progressSteps);
              progress.updatePercent = Math.floor((100 * unitIndex + percent) / units.length);
              progress.currentBytesDone = unitBytesBefore + Math.floor(unit.maxDownloadSize * step / behavior.progressSteps);
              progress.totalBytesDone = bytesBefore + progress.currentBytesDone;
              progress.percent = Math.floor((100 * index + progress.updatePercent) / count);
              progress.phase = step === behavior.progressSteps && unitIndex + 1 === units.length ? 3 : 2;
              const disconnect = behavior.disconnectAtPercent >= 0 && percent >= behavior.disconnectAtPercent;
              if (!disconnect) notify();
              return disconnect;
            });
            done = ran.outcome;
            aborted ||= ran.aborted;
            disconnected ||= ran.disconnected;
          }
          if (!disconnected) this.#applyState(kind, unit, done);
          if (behavior.failCall && !aborted) callFailed = behavior.hresult;
          if (disconnected) callFailed = hr('RPC_E_DISCONNECTED');
          outcome.rebootRequired ||= done.rebootRequired;
          if (done.resultCode === CODE.failed || done.resultCode === CODE.aborted) {
            outcome = { ...outcome, resultCode: done.resultCode, hresult: done.hresult };
            break;
          }
          if (done.resultCode === CODE.succeededWithErrors) {
            outcome.resultCode = CODE.succeededWithErrors!;
            if (outcome.hresult >= 0) outcome.hresult = done.hresult;
          }
          unitBytesBefore += unit.maxDownloadSize;
          if (aborted || disconnected || callFailed !== undefined) break;
        }
      }
      outcomes[index] = outcome;
      progress.updatePercent = 100;
      progress.percent = Math.floor(100 * (index + 1) / count);
      bytesBefore += updateBytes;
      if (!disconnected) this.#addHistory(kind, update, outcome);
    }
    if (callFailed !== undefined) {
      const end = { download: 'IUpdateDownloader::EndDownload', install: 'IUpdateInstaller::EndInstall', uninstall: 'IUpdateInstaller::EndUninstall' }[kind];
      throw agentFailure(callFailed, end);
    }
    if (aborted) for (const o of outcomes) if (o.resultCode === CODE.notStarted || o.resultCode === CODE.inProgress) o.resultCode = CODE.aborted!;
    const resultCode = overall(outcomes);
    let hresult = 0;
    if (resultCode === CODE.failed) hresult = outcomes.find((o) => o.hresult < 0)?.hresult ?? 0;
    const jobHresult = behaviorOf(agent.scenario[kind]).jobHresult;
    if (jobHresult !== undefined) hresult = jobHresult;
    const rebootRequired = kind !== 'download' && outcomes.some((o) => o.rebootRequired);
    return {
      resultCode,
      hresult: hresult >>> 0,
      rebootRequired,
      rebootRequiredBeforeInstallation: kind !== 'download' && agent.machine.rebootRequiredBeforeInstallation,
      updates: updates.map((u, i) => ({
        updateId: u.updateId,
        title: u.title,
        kbArticleIds: u.raw.kbArticleIds ?? [],
        resultCode: outcomes[i]!.resultCode,
        hresult: outcomes[i]!.hresult >>> 0,
        rebootRequired: outcomes[i]!.rebootRequired,
      })),
    };
  }

  /** One installable unit under its behaviour: the simulator's Operation::RunUnit. */
  async #runUnit(kind: Kind, unit: CatalogUpdate, behavior: Behavior, signal: AbortSignal, step: (n: number) => boolean)
    : Promise<{ outcome: Outcome; aborted: boolean; disconnected: boolean }> {
    const agent = this.#agent;
    if (behavior.wedged) {
      await agent.hold(true, undefined);
      return { outcome: { resultCode: CODE.failed!, hresult: hr('RPC_E_DISCONNECTED'), rebootRequired: false }, aborted: false, disconnected: true };
    }
    let aborted = false;
    let disconnected = false;
    if (behavior.hangUntilAbort) aborted = await agent.hold(false, signal);
    for (let n = 1; n <= behavior.progressSteps && !aborted && !disconnected; n++) {
      if (!await sleep(behavior.durationMs / behavior.progressSteps, signal)) {
        aborted = true;
        break;
      }
      disconnected = step(n);
    }
    if (aborted) return { outcome: { resultCode: CODE.aborted!, hresult: 0, rebootRequired: false }, aborted, disconnected };
    if (disconnected || behavior.failCall) {
      return { outcome: { resultCode: CODE.failed!, hresult: disconnected ? hr('RPC_E_DISCONNECTED') : behavior.hresult, rebootRequired: false }, aborted, disconnected };
    }
    const reboot = behavior.rebootRequired ?? unit.installationBehavior.rebootBehavior === ALWAYS_REBOOTS;
    return {
      outcome: { resultCode: behavior.resultCode, hresult: behavior.hresult, rebootRequired: kind !== 'download' && reboot && behavior.resultCode !== CODE.failed },
      aborted,
      disconnected,
    };
  }

  #applyState(kind: Kind, unit: CatalogUpdate, outcome: Outcome): void {
    if (outcome.resultCode !== CODE.succeeded && outcome.resultCode !== CODE.succeededWithErrors) return;
    const state = this.#agent.ownState(unit);
    const machine = this.#agent.machine;
    if (kind === 'download') state.isDownloaded = true;
    if (kind === 'install') state.isInstalled = state.isPresent = true;
    if (kind === 'uninstall') state.isInstalled = state.isPresent = false;
    if (kind !== 'download') {
      state.rebootRequired = outcome.rebootRequired;
      machine.rebootRequired ||= outcome.rebootRequired;
      machine.rebootRequiredBeforeInstallation ||= outcome.rebootRequired;
    }
  }

  #addHistory(kind: Kind, update: CatalogUpdate, outcome: Outcome): void {
    if (kind === 'download' || outcome.resultCode === CODE.aborted) return;
    const raw = update.raw;
    this.#agent.addHistory({
      operation: enumNumber(UPDATE_OPERATIONS, kind === 'install' ? 'installation' : 'uninstallation'),
      resultCode: outcome.resultCode,
      hresult: outcome.hresult,
      unmappedResultCode: outcome.hresult,
      date: oleNow(),
      updateId: update.updateId,
      revisionNumber: update.revisionNumber,
      title: update.title,
      description: raw.description ?? '',
      clientApplicationId: this.#clientApplicationId,
      serverSelection: 0,
      serviceId: '',
      supportUrl: raw.supportUrl ?? '',
      uninstallationNotes: raw.uninstallationNotes ?? '',
      uninstallationSteps: raw.uninstallationSteps ?? [],
      categoryIds: update.categoryIds,
    });
  }

  async inspect(updateIds: string[]): Promise<NativeInspected[]> {
    return updateIds.map((id) => {
      const update = this.#resolve(id);
      const state = this.#agent.stateOf(update);
      return {
        updateId: id,
        title: update.title,
        kbArticleIds: update.raw.kbArticleIds ?? [],
        isDownloaded: state.isDownloaded,
        isInstalled: state.isInstalled,
        eulaAccepted: state.eulaAccepted,
        installationBehavior: update.installationBehavior,
        uninstallationBehavior: update.uninstallationBehavior,
        bundledUpdateCount: update.bundled.length,
      };
    });
  }

  // ----- hiding and licences (src/wua/marks.cc; rule 8) -----

  #acceptEula(update: CatalogUpdate): void {
    this.#agent.log('IUpdate::AcceptEula');
    this.#agent.check('IUpdate::AcceptEula');
    if (!this.#agent.isAdministrator) throw agentFailure(hr('E_ACCESSDENIED'), 'IUpdate::AcceptEula');
    this.#agent.ownState(update).eulaAccepted = true;
  }

  async setHidden(updateIds: string[], hidden: boolean): Promise<NativeMark[]> {
    const updates = updateIds.map((id) => this.#resolve(id));
    return updates.map((update, i) => {
      const before = this.#agent.stateOf(update).isHidden;
      const mark = { updateId: updateIds[i]!, title: update.title, kbArticleIds: update.raw.kbArticleIds ?? [], before };
      if (before === hidden) return { ...mark, after: before, hresult: 0 };
      try {
        this.#agent.log('IUpdate::put_IsHidden');
        this.#agent.check('IUpdate::put_IsHidden');
        if (!this.#agent.isAdministrator) throw agentFailure(hr('E_ACCESSDENIED'), 'IUpdate::put_IsHidden');
        // "An attempt to mark a mandatory update as hidden causes an error" (IUpdate::IsHidden);
        // WU_E_DS_DECLINENOTALLOWED also covers one deployed with a deadline.
        if (hidden && (update.isMandatory || update.hasDeadline)) {
          throw agentFailure(hr('WU_E_DS_DECLINENOTALLOWED'), 'IUpdate::put_IsHidden', 'a mandatory update, or one with a deadline, cannot be hidden');
        }
        this.#agent.ownState(update).isHidden = hidden;
        return { ...mark, after: hidden, hresult: 0 };
      } catch (error) {
        const failure = error as { hresult: number; description?: string };
        return { ...mark, after: before, hresult: failure.hresult, ...(failure.description ? { description: failure.description } : {}) };
      }
    });
  }

  async acceptEulas(updateIds: string[]): Promise<NativeMark[]> {
    const updates = updateIds.map((id) => this.#resolve(id));
    return updates.map((update, i) => {
      const before = this.#agent.stateOf(update).eulaAccepted;
      const mark = { updateId: updateIds[i]!, title: update.title, kbArticleIds: update.raw.kbArticleIds ?? [], before };
      if (before) return { ...mark, after: true, hresult: 0 };
      try {
        this.#acceptEula(update);
        return { ...mark, after: true, hresult: 0 };
      } catch (error) {
        const failure = error as { hresult: number; description?: string };
        return { ...mark, after: false, hresult: failure.hresult, ...(failure.description ? { description: failure.description } : {}) };
      }
    });
  }

  // ----- the machine's state (src/wua/status.cc; rule 12) -----

  /** Each value from its member, as src/wua/status.cc reads them: a member that fails leaves its values null and names itself. */
  async status(): Promise<NativeStatus> {
    const agent = this.#agent;
    const raw = agent.scenario.agent;
    const failures: NativeStatusFailure[] = [];
    const fail = (fields: string[], member: string, error: unknown): null => {
      const failure = error as { hresult: number; description?: string };
      for (const field of fields) {
        failures.push({ field, member, hresult: failure.hresult, ...(failure.description ? { description: failure.description } : {}) });
      }
      return null;
    };
    // A member as the simulator logs and faults it (`get_` getters), named as the addon names it.
    const read = <T>(field: string, member: string, value: () => T): T | null => {
      try {
        agent.log(member);
        agent.check(member);
        return value();
      } catch (error) {
        return fail([field], member.replace('::get_', '::'), error);
      }
    };
    const opened = (fields: string[], member: string, open: () => void): boolean => {
      try {
        open();
        return true;
      } catch (error) {
        fail(fields, member, error);
        return false;
      }
    };
    const readOnly = read('readOnly', 'IUpdateSession::get_ReadOnly', () => !agent.isAdministrator);
    const rebootRequired = read('rebootRequired', 'ISystemInformation::get_RebootRequired', () => agent.machine.rebootRequired);
    const oemHardwareSupportLink = read('oemHardwareSupportLink', 'ISystemInformation::get_OemHardwareSupportLink', () => raw?.oemHardwareSupportLink ?? '');
    const installerFields = ['installerBusy', 'rebootRequiredBeforeInstallation'];
    let installerBusy: boolean | null = null;
    let rebootRequiredBeforeInstallation: boolean | null = null;
    if (opened(installerFields, 'IUpdateSession::CreateUpdateInstaller', () => {
      agent.log('IUpdateSession::CreateUpdateInstaller');
      agent.check('IUpdateSession::CreateUpdateInstaller');
    })) {
      installerBusy = read('installerBusy', 'IUpdateInstaller::get_IsBusy', () => (raw?.installerBusy ?? false) || agent.machine.installing > 0);
      rebootRequiredBeforeInstallation = read('rebootRequiredBeforeInstallation', 'IUpdateInstaller::get_RebootRequiredBeforeInstallation',
        () => agent.machine.rebootRequiredBeforeInstallation);
    }
    const infoFields = ['apiMajorVersion', 'apiMinorVersion', 'productVersion'];
    let apiMajorVersion: number | null = null;
    let apiMinorVersion: number | null = null;
    let productVersion: string | null = null;
    // WUA 1.0 has no IWindowsUpdateAgentInfo: creating it fails as for a class not registered (rule 12).
    if (opened(infoFields, 'CoCreateInstance(WindowsUpdateAgentInfo)', () => {
      if (!(raw?.agentInfoAvailable ?? true)) throw agentFailure(hr('REGDB_E_CLASSNOTREG'), 'CoCreateInstance(WindowsUpdateAgentInfo)');
    })) {
      apiMajorVersion = read('apiMajorVersion', 'IWindowsUpdateAgentInfo::GetInfo', () => raw?.apiMajorVersion ?? 8);
      apiMinorVersion = read('apiMinorVersion', 'IWindowsUpdateAgentInfo::GetInfo', () => raw?.apiMinorVersion ?? 0);
      productVersion = read('productVersion', 'IWindowsUpdateAgentInfo::GetInfo', () => raw?.productVersion ?? '10.0.19041.3636');
    }
    return {
      rebootRequired, oemHardwareSupportLink, installerBusy, rebootRequiredBeforeInstallation, apiMajorVersion, apiMinorVersion,
      productVersion, readOnly, failures,
    };
  }

  // ----- history (src/wua/history.cc; rule 11) -----

  async historyPage(operationId: number, start: number, count: number, onChunk: (entriesJson: string) => void): Promise<string> {
    const signal = this.#begin(operationId);
    try {
      if (start < 0 || count <= 0) throw agentFailure(hr('E_INVALIDARG'), 'history page (start 0 or more, count 1 or more)');
      if (signal.aborted) return JSON.stringify({ total: 0, count: 0, aborted: true });
      await this.#agent.enter('IUpdateSession::CreateUpdateSearcher');
      await this.#agent.enter('IUpdateSearcher::GetTotalHistoryCount');
      const total = this.#agent.history.length;
      if (start >= total) return JSON.stringify({ total, count: 0, aborted: false });
      await this.#agent.enter('IUpdateSearcher::QueryHistory');
      // The page as it stands when the agent answers; the total read again after it (src/wua/history.cc).
      const entries = this.#agent.historyNewestFirst();
      await this.#agent.enter('IUpdateSearcher::GetTotalHistoryCount');
      return this.#sendEntries(entries.slice(start, start + count), entries.length, signal, onChunk);
    } finally {
      this.#operations.delete(operationId);
    }
  }

  async historyOf(operationId: number, updateId: string, onChunk: (entriesJson: string) => void): Promise<string> {
    const signal = this.#begin(operationId);
    try {
      if (!GUID.test(updateId)) throw agentFailure(hr('E_INVALIDARG'), 'history of an update (an update ID)');
      await this.#agent.enter('IUpdateSession::CreateUpdateSearcher');
      await this.#agent.enter('IUpdateSearcher::GetTotalHistoryCount');
      const entries = this.#agent.historyNewestFirst();
      if (!entries.length) return JSON.stringify({ total: 0, count: 0, aborted: false });
      await this.#agent.enter('IUpdateSession3::QueryHistory');
      const id = updateId.toLowerCase();
      return this.#sendEntries(this.#agent.historyNewestFirst().filter((e) => e.updateId === id), entries.length, signal, onChunk);
    } finally {
      this.#operations.delete(operationId);
    }
  }

  /** The entries in chunks; an abort stops the read between chunks and says so, as the addon stops between entries. */
  #sendEntries(entries: readonly Parameters<FakeAgent['catalog']['historyValues']>[0][], total: number, signal: AbortSignal,
    onChunk: (entriesJson: string) => void): string {
    const writer = new ChunkWriter();
    let sent = 0;
    for (let i = 0; i < entries.length; i += CHUNK_SIZE) {
      if (signal.aborted) return JSON.stringify({ total, count: sent, aborted: true });
      const chunk = entries.slice(i, i + CHUNK_SIZE);
      onChunk(writer.records('HistoryEntry', chunk.map((e) => this.#agent.catalog.historyValues(e))));
      sent += chunk.length;
    }
    return JSON.stringify({ total, count: sent, aborted: false });
  }

  async historyCount(): Promise<number> {
    await this.#agent.enter('IUpdateSession::CreateUpdateSearcher');
    await this.#agent.enter('IUpdateSearcher::GetTotalHistoryCount');
    return this.#agent.history.length;
  }

  // ----- Automatic Updates (src/wua/automatic_updates.cc; rule 9) -----

  async automaticUpdates(): Promise<NativeAutomaticUpdates> {
    await this.#agent.enter('IAutomaticUpdates::get_Settings');
    await this.#agent.enter('IAutomaticUpdates::get_ServiceEnabled');
    const au = this.#agent.scenario.agent?.automaticUpdates;
    return {
      notificationLevel: au?.notificationLevel ?? 4,
      // Windows 10 and later: ReadOnly always false, IncludeRecommendedUpdates and
      // NonAdministratorsElevated always true, FeaturedUpdatesEnabled not supported (rule 9).
      readOnly: false,
      required: au?.required ?? false,
      includeRecommendedUpdates: true,
      nonAdministratorsElevated: true,
      featuredUpdatesEnabled: false,
      serviceEnabled: this.#agent.machine.serviceEnabled,
      results: { lastSearchSuccessDate: oleDateOf(au?.lastSearchSuccessDate), lastInstallationSuccessDate: oleDateOf(au?.lastInstallationSuccessDate) },
    };
  }

  async detectNow(): Promise<void> {
    await this.#agent.enter('IAutomaticUpdates::DetectNow');
    if (!this.#agent.machine.serviceEnabled) throw agentFailure(hr('WU_E_AU_NOSERVICE'), 'IAutomaticUpdates::DetectNow');
    this.#agent.machine.detections += 1;
  }

  async enableAutomaticUpdatesService(): Promise<void> {
    await this.#agent.enter('IAutomaticUpdates::EnableService');
    if (!this.#agent.isAdministrator) throw agentFailure(hr('E_ACCESSDENIED'), 'IAutomaticUpdates::EnableService');
    this.#agent.machine.serviceEnabled = true;
  }

  // ----- update services (src/wua/services.cc; rule 13) -----

  async services(): Promise<string> {
    await this.#agent.enter('IUpdateSession3::CreateUpdateServiceManager');
    await this.#agent.enter('IUpdateServiceManager::get_Services');
    return new ChunkWriter().records('Service', this.#agent.services.map((s) => ({ ...s })));
  }

  #registration(serviceId: string): string {
    const agent = this.#agent;
    const service = agent.services.find((s) => s.serviceId === serviceId);
    const pending = agent.pending.get(serviceId);
    const state = service ? 'registered' : pending ? 'registrationPending' : 'notRegistered';
    return new ChunkWriter().records('Registration', [{
      serviceId,
      registrationState: enumNumber(SERVICE_REGISTRATION_STATES, state),
      isPendingRegistrationWithAu: !service && (pending?.withAu ?? false),
      service: service ? { ...service } : null,
    }]);
  }

  #requireAdministrator(member: string): void {
    if (!this.#agent.isAdministrator) throw agentFailure(hr('E_ACCESSDENIED'), member);
  }

  #makeDefaultAu(serviceId: string): void {
    for (const s of this.#agent.services) {
      s.isDefaultAuService = s.serviceId === serviceId;
      if (s.serviceId === serviceId) s.isRegisteredWithAu = true;
    }
  }

  async addService(serviceId: string, flags: number, cabPath: string): Promise<string> {
    const agent = this.#agent;
    const member = 'IUpdateServiceManager2::AddService2';
    await agent.enter('IUpdateSession3::CreateUpdateServiceManager');
    await agent.enter(member);
    this.#requireAdministrator(member);
    const id = serviceId.toLowerCase();
    const withAu = (flags & ASF_WITH_AU) !== 0;
    if (cabPath) throw agentFailure(hr('E_NOTIMPL'), member, 'the fake agent does not register services from a cab');
    const add = (): void => {
      if (!agent.services.some((s) => s.serviceId === id)) {
        agent.services.push({
          serviceId: id, name: id === MICROSOFT_UPDATE_SERVICE ? 'Microsoft Update' : '', serviceUrl: '', setupPrefix: '',
          isManaged: false, isRegisteredWithAu: false, isDefaultAuService: false, canRegisterWithAu: true, offersWindowsUpdates: true,
          isScanPackageService: false, issueDate: null, expirationDate: null, redirectUrls: [], hasContentValidationCert: false,
        });
      }
      agent.pending.delete(id);
      if (withAu) this.#makeDefaultAu(id);
    };
    if (flags & ASF_ONLINE) {
      const registration = agent.scenario.agent?.serviceRegistration;
      const offered = (registration?.offered ?? [MICROSOFT_UPDATE_SERVICE]).map((s) => s.toLowerCase());
      const failure = toSigned(registration?.hresult ?? 0);
      if (failure < 0) {
        // "The update agent still attempts to register the service at a later time" (AddServiceFlag).
        if (flags & ASF_PENDING) agent.pending.set(id, { withAu });
        throw agentFailure(failure, member);
      }
      if (!offered.includes(id)) throw agentFailure(hr('WU_E_DS_UNKNOWNSERVICE'), member, 'an attempt to register an unknown service');
      add();
    } else if (flags & ASF_PENDING) {
      agent.pending.set(id, { withAu });
    } else {
      throw agentFailure(hr('E_INVALIDARG'), member);
    }
    return this.#registration(id);
  }

  async removeService(serviceId: string): Promise<void> {
    const agent = this.#agent;
    const member = 'IUpdateServiceManager::RemoveService';
    await agent.enter(member);
    this.#requireAdministrator(member);
    const id = serviceId.toLowerCase();
    if (id === WINDOWS_UPDATE_SERVICE) throw agentFailure(hr('WU_E_DS_NEEDWINDOWSSERVICE'), member);
    const service = agent.services.find((s) => s.serviceId === id);
    if (!service) throw agentFailure(hr('WU_E_DS_UNKNOWNSERVICE'), member);
    agent.services = agent.services.filter((s) => s !== service);
    if (service.isDefaultAuService) this.#makeDefaultAu(WINDOWS_UPDATE_SERVICE);
  }

  async setServiceWithAu(serviceId: string, registered: boolean): Promise<void> {
    const agent = this.#agent;
    const member = registered ? 'IUpdateServiceManager::RegisterServiceWithAU' : 'IUpdateServiceManager::UnregisterServiceWithAU';
    await agent.enter(member);
    this.#requireAdministrator(member);
    const id = serviceId.toLowerCase();
    const service = agent.services.find((s) => s.serviceId === id);
    if (!service) throw agentFailure(hr('WU_E_DS_UNKNOWNSERVICE'), member);
    if (registered) {
      if (!service.canRegisterWithAu || service.isScanPackageService) throw agentFailure(hr('WU_E_INVALID_OPERATION'), member);
      this.#makeDefaultAu(id);
      return;
    }
    if (id === WINDOWS_UPDATE_SERVICE && !agent.services.some((s) => s !== service && s.isRegisteredWithAu)) {
      throw agentFailure(hr('WU_E_DS_NEEDWINDOWSSERVICE'), member);
    }
    service.isRegisteredWithAu = false;
    if (service.isDefaultAuService) {
      service.isDefaultAuService = false;
      this.#makeDefaultAu(WINDOWS_UPDATE_SERVICE);
    }
  }

  async serviceRegistration(serviceId: string): Promise<string> {
    await this.#agent.enter('IUpdateServiceManager2::QueryServiceRegistration');
    const id = serviceId.toLowerCase();
    if (!this.#agent.services.some((s) => s.serviceId === id) && !this.#agent.pending.has(id)) {
      // "If no service registration record is found ..., the server MUST return an error" ([MS-UAMG] 3.44.5.3).
      throw agentFailure(hr('WU_E_DS_UNKNOWNSERVICE'), 'IUpdateServiceManager2::QueryServiceRegistration');
    }
    return this.#registration(id);
  }

  async scanPackage(_operationId: number, _criteria: string, _options: NativeScanPackageOptions): Promise<NativeScanPackageResult> {
    await this.#agent.enter('IUpdateServiceManager::AddScanPackageService');
    throw agentFailure(hr('E_NOTIMPL'), 'IUpdateServiceManager::AddScanPackageService', 'the fake agent does not play offline scans (scan packages)');
  }

  async driveType(): Promise<number> {
    // DRIVE_FIXED: the fake sees every path as local.
    return 3;
  }
}

/** A job's result code from its updates' (test/sim/src/operation.cc, Overall). */
function overall(outcomes: readonly Outcome[]): number {
  const any = (code: number | undefined): boolean => outcomes.some((o) => o.resultCode === code);
  if (any(CODE.aborted)) return CODE.aborted!;
  if (any(CODE.failed)) return any(CODE.succeeded) || any(CODE.succeededWithErrors) ? CODE.succeededWithErrors! : CODE.failed!;
  if (any(CODE.succeededWithErrors)) return CODE.succeededWithErrors!;
  return CODE.succeeded!;
}

function toSigned(value: number | string): number {
  return (typeof value === 'number' ? value : Number.parseInt(value.slice(2), 16)) | 0;
}

/** An AND group gets DeploymentAction='Installation' unless it names one ([MS-UAMG] 2.2.1; test/sim/src/criteria.cc). */
function implied(group: readonly CriteriaCondition[]): CriteriaCondition[] {
  if (group.some((c) => c.property === 'DeploymentAction')) return [...group];
  return [...group, { property: 'DeploymentAction', operator: '=', value: 'Installation' }];
}

const FLAG_OF: Record<string, (u: CatalogUpdate, agent: FakeAgent) => boolean> = {
  IsAssigned: (u) => u.raw.isAssigned ?? true,
  BrowseOnly: (u) => u.raw.browseOnly ?? false,
  AutoSelectOnWebSites: (u) => u.raw.autoSelectOnWebSites ?? true,
  IsInstalled: (u, agent) => agent.stateOf(u).isInstalled,
  IsHidden: (u, agent) => agent.stateOf(u).isHidden,
  IsPresent: (u, agent) => agent.stateOf(u).isPresent,
  RebootRequired: (u, agent) => agent.stateOf(u).rebootRequired,
};

/** One condition against one update, as the simulator's Criteria::Matches holds it. */
function holds(condition: CriteriaCondition, update: CatalogUpdate, agent: FakeAgent): boolean {
  const value = condition.value.toLowerCase();
  let equal: boolean;
  switch (condition.property) {
    case 'Type': equal = (update.raw.type ?? 'software') === value; break;
    case 'DeploymentAction':
      equal = value === '*' || (DEPLOYMENT_ACTIONS[enumNumber(DEPLOYMENT_ACTIONS, update.raw.deploymentAction ?? 'installation')] ?? '').toLowerCase() === value;
      break;
    case 'UpdateID': equal = update.updateId === value; break;
    case 'RevisionNumber': equal = update.revisionNumber === Number(value); break;
    case 'CategoryIDs': equal = update.categoryIds.includes(value); break;
    default: equal = FLAG_OF[condition.property]!(update, agent) === (value === '1');
  }
  return condition.operator === '!=' ? !equal : equal;
}
