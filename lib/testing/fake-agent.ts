// FakeAgent: a scenario played in plain TypeScript, for tests that run without Windows. It holds
// the machine's state; each UpdateSession opened on it gets a FakeNativeSession (native-session.ts)
// that the facade drives exactly as it drives the addon. The rules are the simulator's
// (test/sim/README.md, "Semantics" and "Rules from Microsoft's documentation"); where the fake
// differs on purpose, README.md ("Test your app without Windows") lists it.
import { AGENT_HRESULTS, SYSTEM_HRESULTS } from '../hresult-table.js';
import type { NativePreflightFacts, NativePreflightRequest, NativeSession, NativeSessionOptions } from '../native.js';
import { nameOf, OPERATION_RESULT_CODES } from '../enums.js';
import type { OperationResultCode, ServiceRecord } from '../types.js';
import { type AgentBackend } from '../agent-backend.js';
import { Catalog, type CatalogUpdate, type HistoryRecord, type UpdateState } from './catalog.js';
import { FakeNativeSession } from './native-session.js';
import { fakePreflightFacts } from './preflight.js';
import { readScenario, type Scenario, type ScenarioSource, hresultOf, oleDateOf } from './scenario.js';

const HRESULTS = new Map([...AGENT_HRESULTS, ...SYSTEM_HRESULTS].map((row) => [row[1], row[0] | 0]));

/** A named HRESULT of lib/hresult-table.ts, signed. */
export function hr(name: string): number {
  const value = HRESULTS.get(name);
  if (value === undefined) throw new Error(`unknown HRESULT ${name}`);
  return value;
}

/** A failure as the addon rejects with it: an Error with `hresult` (unsigned), `operation` and `description`. */
export function agentFailure(hresult: number, operation: string, description?: string): Error {
  const error = new Error(`${operation} failed: ${description ?? `0x${(hresult >>> 0).toString(16).padStart(8, '0')}`}`);
  return Object.assign(error, { hresult: hresult >>> 0, operation, ...(description ? { description } : {}) });
}

// The calls Microsoft lists as "not available to remote users and applications" ("Using WUA From
// a Remote Computer", and the reference pages of RemoveService and AddScanPackageService): the
// simulator's default agent.logon.deniedCalls (test/sim/src/members.h).
const REMOTE_DENIED = [
  'IUpdateSession::CreateUpdateDownloader', 'IUpdateSession::CreateUpdateInstaller', 'IUpdateSession::get_WebProxy',
  'IUpdateSession::put_WebProxy', 'IUpdateSearcher::BeginSearch', 'IUpdateSearcher::EndSearch', 'IUpdate::put_IsHidden',
  'IUpdate::AcceptEula', 'IUpdate::CopyFromCache', 'IUpdate2::CopyToCache', 'IUpdateServiceManager::AddService',
  'IUpdateServiceManager::RegisterServiceWithAU', 'IUpdateServiceManager::UnregisterServiceWithAU',
  'IUpdateServiceManager::RemoveService', 'IUpdateServiceManager::AddScanPackageService', 'IAutomaticUpdates::Pause',
  'IAutomaticUpdates::Resume', 'IAutomaticUpdates::ShowSettingsDialog', 'IAutomaticUpdates::get_Settings',
  'IAutomaticUpdates::get_ServiceEnabled', 'IAutomaticUpdates::EnableService', 'ISystemInformation::get_OemHardwareSupportLink',
  'ISystemInformation::get_RebootRequired',
];
// IsHidden and AcceptEula are kept off the DCOM wire by [MS-UAMG]: denied to every remote logon (rule 8).
const NEVER_REMOTE = ['IUpdate::put_IsHidden', 'IUpdate::AcceptEula'];

/**
 * A registered update service, as IUpdateService2 reports it: the record's fields, with its dates
 * as the agent holds them (OLE DATEs, UTC) and its lists open to change.
 */
export interface ServiceState extends Omit<ServiceRecord, 'issueDate' | 'expirationDate' | 'redirectUrls'> {
  issueDate: number | null;
  expirationDate: number | null;
  redirectUrls: string[];
}

/** What the machine holds now: what tests inspect after their code ran (see FakeAgent.state). */
export interface FakeMachineState {
  /** Each catalog update's flags, by update ID (lower case). */
  readonly updates: Readonly<Record<string, Readonly<UpdateState>>>;
  /** ISystemInformation::RebootRequired. */
  readonly rebootRequired: boolean;
  /** IUpdateInstaller::RebootRequiredBeforeInstallation. */
  readonly rebootRequiredBeforeInstallation: boolean;
  /**
   * The history, newest first: of each entry what a test checks most, named as history() names
   * it (its result code by name, its HRESULT unsigned), the update ID flat.
   */
  readonly history: readonly {
    operation: 'installation' | 'uninstallation'; updateId: string; title: string; resultCode: OperationResultCode; hresult: number; date: Date;
  }[];
  /** The registered services' IDs. */
  readonly services: readonly string[];
  /** Automatic Updates' service, and the detections DetectNow started. */
  readonly automaticUpdates: { readonly serviceEnabled: boolean; readonly detections: number };
}

interface Held {
  wedged: boolean;
  release: () => void;
}

/**
 * A fake Windows Update Agent that plays a scenario (the simulator's format; see
 * `scenario.schema.json`) in plain TypeScript: no addon, no Windows. Pass it to a session
 * (`new UpdateSession({ agent })`) or install it for the whole process (installFakeAgent()).
 * Operations change its state as they would the machine's: an install marks the update installed,
 * records a history entry and, when the update requires it, a pending restart.
 */
export class FakeAgent implements AgentBackend {
  /** @internal */ readonly catalog: Catalog;
  /** The scenario file, or `<scenario>` for one given as an object or text. */
  readonly file: string;
  #state = new Map<string, UpdateState>();
  /** @internal */ history: (HistoryRecord & { order: number })[] = [];
  #historyOrder = 0;
  /** @internal */ services: ServiceState[] = [];
  /** @internal */ pending = new Map<string, { withAu: boolean }>();
  /** @internal */ machine = { rebootRequired: false, rebootRequiredBeforeInstallation: false, serviceEnabled: true, detections: 0, installing: 0 };
  #calls: string[] = [];
  readonly #held = new Set<Held>();
  readonly #sessions = new Set<FakeNativeSession>();

  private constructor(readonly scenario: Scenario, file: string) {
    this.file = file;
    this.catalog = new Catalog(scenario);
    this.reset();
  }

  /**
   * A fake agent playing a scenario: an object in the scenario format, its JSON text, or the path
   * of a JSON file. Throws ScenarioError (code ERR_WUA_SCENARIO) naming the file and the field's
   * path (`updates[3].title: expected a string, got number`) for a scenario the simulator would refuse.
   */
  static fromScenario(source: ScenarioSource): FakeAgent {
    const { scenario, file } = readScenario(source);
    return new FakeAgent(scenario, file);
  }

  /** Back to the scenario's initial state, with an empty call log. */
  reset(): void {
    const { agent } = this.scenario;
    this.#state = new Map(this.catalog.updates.map((u) => [u.updateId, { ...u.initial }]));
    this.#historyOrder = 0;
    this.history = (agent?.history ?? []).map((entry) => ({ ...this.catalog.historyRecord(entry), order: this.#historyOrder++ }));
    this.services = (agent?.services ?? []).map((s) => ({
      serviceId: s.id.toLowerCase(),
      name: s.name,
      serviceUrl: s.serviceUrl ?? '',
      setupPrefix: s.setupPrefix ?? '',
      isManaged: s.isManaged ?? false,
      isRegisteredWithAu: s.isRegisteredWithAu ?? false,
      isDefaultAuService: s.isDefaultAuService ?? false,
      canRegisterWithAu: s.canRegisterWithAu ?? true,
      offersWindowsUpdates: s.offersWindowsUpdates ?? true,
      isScanPackageService: s.isScanPackageService ?? false,
      issueDate: oleDateOf(s.issueDate),
      expirationDate: oleDateOf(s.expirationDate),
      redirectUrls: s.redirectUrls ?? [],
      hasContentValidationCert: !!s.contentValidationCert,
    }));
    this.pending.clear();
    const rebootRequired = agent?.rebootRequired ?? false;
    this.machine = {
      rebootRequired,
      rebootRequiredBeforeInstallation: agent?.rebootRequiredBeforeInstallation ?? rebootRequired,
      serviceEnabled: agent?.automaticUpdates?.serviceEnabled ?? true,
      detections: 0,
      installing: 0,
    };
    this.#calls = [];
  }

  /** The agent members called so far, oldest first, named as the simulator's call log names them (`IUpdateSearcher::BeginSearch`). */
  calls(): string[] {
    return [...this.#calls];
  }

  clearCalls(): void {
    this.#calls = [];
  }

  /** The machine's state now: each update's flags, the restart flags, the history, services and Automatic Updates. */
  get state(): FakeMachineState {
    return {
      updates: Object.fromEntries(this.catalog.updates.map((u) => [u.updateId, { ...this.stateOf(u) }])),
      rebootRequired: this.machine.rebootRequired,
      rebootRequiredBeforeInstallation: this.machine.rebootRequiredBeforeInstallation,
      history: this.historyNewestFirst().map((e) => ({
        operation: e.operation === 2 ? 'uninstallation' : 'installation',
        updateId: e.updateId,
        title: e.title,
        resultCode: nameOf(OPERATION_RESULT_CODES, e.resultCode),
        hresult: e.hresult >>> 0,
        date: new Date(Math.round((e.date - 25569) * 86_400_000)),
      })),
      services: this.services.map((s) => s.serviceId),
      automaticUpdates: { serviceEnabled: this.machine.serviceEnabled, detections: this.machine.detections },
    };
  }

  /**
   * Lets go of every call that `hangUntilAbort` holds (as an abort would) and every wedged one
   * (which then fails with RPC_E_DISCONNECTED, as the simulator's releaseWedges() does). Returns
   * how many were held.
   */
  releaseWedges(): number {
    const held = [...this.#held];
    for (const h of held) h.release();
    return held.length;
  }

  /** Calls held now by a hang or a wedge. */
  get heldCalls(): number {
    return this.#held.size;
  }

  /** @internal The facade's way in: a session of this agent. */
  /** @internal The fake machine's facts for UpdateSession.preflight() (lib/testing/preflight.ts). */
  preflightFacts(request: NativePreflightRequest): Promise<NativePreflightFacts> {
    return Promise.resolve(fakePreflightFacts(this, request));
  }

  openSession(options: NativeSessionOptions): NativeSession {
    const session = new FakeNativeSession(this, options.clientApplicationId ?? '');
    this.#sessions.add(session);
    return session;
  }

  /** @internal */ sessionClosed(session: FakeNativeSession): void {
    this.#sessions.delete(session);
  }

  /** @internal An update's state now; a bundle's follows its children (rule 3). */
  stateOf(update: CatalogUpdate): UpdateState {
    if (!update.isBundle) return this.#state.get(update.updateId)!;
    const children = update.bundled.map((child) => this.#state.get(child.updateId)!);
    const own = this.#state.get(update.updateId)!;
    return {
      isInstalled: children.every((c) => c.isInstalled),
      isDownloaded: children.every((c) => c.isDownloaded),
      isPresent: children.some((c) => c.isPresent),
      rebootRequired: children.some((c) => c.rebootRequired),
      isHidden: own.isHidden,
      eulaAccepted: own.eulaAccepted,
    };
  }

  /** @internal The stored flags of one update (a bundle's own: hidden, licence). */
  ownState(update: CatalogUpdate): UpdateState {
    return this.#state.get(update.updateId)!;
  }

  /** @internal */ addHistory(entry: HistoryRecord): void {
    this.history.push({ ...entry, order: this.#historyOrder++ });
  }

  /** @internal Newest first; of two entries with one date, the one recorded later first. */
  historyNewestFirst(): (HistoryRecord & { order: number })[] {
    return [...this.history].sort((a, b) => b.date - a.date || b.order - a.order);
  }

  /**
   * @internal Enters an agent member as the simulator's SIM_ENTER does: logs it, waits its
   * delay, and fails it with the scenario's fault or, from a remote logon, E_ACCESSDENIED.
   */
  async enter(member: string): Promise<void> {
    this.log(member);
    const agent = this.scenario.agent;
    const delay = agent?.delays?.[member];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    this.check(member);
    if (agent?.wedgedCalls?.includes(member)) {
      await this.hold(true, undefined);
      throw agentFailure(hr('RPC_E_DISCONNECTED'), member, 'the agent went away (a wedged call was released)');
    }
  }

  /** @internal Adds a member to the call log. */
  log(member: string): void {
    this.#calls.push(member);
  }

  /** @internal The fault or denial of a member, without logging or waiting. */
  check(member: string): void {
    const agent = this.scenario.agent;
    const fault = agent?.faults?.[member];
    if (fault !== undefined) throw agentFailure(hresultOf(fault), member, `fault injected by the scenario at ${member}`);
    if (agent?.logon?.remote && ((agent.logon.deniedCalls ?? REMOTE_DENIED).includes(member) || NEVER_REMOTE.includes(member))) {
      throw agentFailure(hr('E_ACCESSDENIED'), member, `${member} is not allowed from a remote session`);
    }
  }

  /** @internal Whether the scenario's caller is an administrator (agent.isAdministrator). */
  get isAdministrator(): boolean {
    return this.scenario.agent?.isAdministrator ?? true;
  }

  /**
   * @internal Waits until an abort (`signal`, for hangUntilAbort) or releaseWedges(). Resolves
   * true when it ends as an abort, false for a wedge let go.
   */
  hold(wedged: boolean, signal: AbortSignal | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      const held: Held = {
        wedged,
        release: () => {
          this.#held.delete(held);
          signal?.removeEventListener('abort', onAbort);
          // A hang let go ends as its abort would; a wedge let go ends as a disconnect.
          resolve(!wedged);
        },
      };
      const onAbort = (): void => {
        this.#held.delete(held);
        resolve(true);
      };
      this.#held.add(held);
      if (!wedged) {
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
}
