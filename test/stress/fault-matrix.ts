// The fault matrix: every agent member the simulator can fail (its own list, src/members.h),
// joined to every facade call that reaches it (found by running each call once and reading the
// simulator's call log), against every failure class. A cell is one call, one member, one class,
// in one mode (in process, isolated, through the broker). It holds when the call settles within
// its deadline with a typed error or a typed partial result that keeps the injected failure, no
// agent object is left alive after close(), and the machine's state changed only as far as the
// call's result says.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  AbortError, AgentUnresponsiveError, BrokerUnavailableError, HistoryChangedError, SessionClosedError, UpdateSession,
  WindowsUpdateError,
} from '../../lib/index.js';
import { AGENT_INFO_FIELDS } from '../../lib/status.js';
import {
  calls, clearCalls, getterCalls, hresult, injectedFaults, liveObjects, processes, releaseWedges, SCENARIO_DIR, type ScenarioInUse,
} from '../sim/harness.js';

// ----- the rows: the simulator's own list of members -----

export type MemberKind = 'call' | 'updateGetter' | 'driverGetter';

export interface AgentMember {
  name: string;
  kind: MemberKind;
}

const MEMBERS_FILE = path.resolve(__dirname, '..', 'sim', 'src', 'members.h');

/** Every member of src/members.h's kMembers, in its order. */
export function agentMembers(): AgentMember[] {
  const source = readFileSync(MEMBERS_FILE, 'utf8');
  const table = source.slice(source.indexOf('kMembers[] = {'), source.indexOf('};', source.indexOf('kMembers[] = {')));
  const kinds: Record<string, MemberKind> = { kCall: 'call', kUpdateGetter: 'updateGetter', kDriverGetter: 'driverGetter' };
  const members = [...table.matchAll(/\{"([^"]+)",\s*MemberKind::(\w+)/g)].map(([, name, kind]) => {
    const mapped = kinds[kind!];
    if (!mapped) throw new Error(`members.h: unknown member kind ${kind} of ${name}`);
    return { name: name!, kind: mapped };
  });
  if (members.length < 50) throw new Error(`members.h: read only ${members.length} members; has its table changed form?`);
  return members;
}

// ----- the columns: failure classes, their codes named as lib/hresult-table.ts names them -----

export interface FailureClass {
  name: string;
  /** The HRESULTs injected (by name); empty for a hang, which wedges the member instead. */
  codes: string[];
}

export const FAILURE_CLASSES: FailureClass[] = [
  { name: 'accessDenied', codes: ['E_ACCESSDENIED', 'WU_E_ACCESS_DENIED_CALLER_IDENTITY'] },
  { name: 'agentGone', codes: ['RPC_E_DISCONNECTED', 'RPC_S_SERVER_UNAVAILABLE'] },
  { name: 'outOfMemory', codes: ['E_OUTOFMEMORY'] },
  { name: 'network', codes: ['WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', 'ERROR_INTERNET_TIMEOUT'] },
  { name: 'busy', codes: ['WU_E_OPERATIONINPROGRESS', 'RPC_E_CALL_REJECTED'] },
  { name: 'generic', codes: ['E_FAIL'] },
  { name: 'hang', codes: [] },
];

// ----- the facade calls -----

export const IDS = {
  cumulative: '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20',
  defender: '4b2d8e91-7c3a-4f1e-b5d6-2a9c8e7f6b31',
  licensed: 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60',
  driver: 'e2a4c6e8-1357-4b9d-a2c4-6e8f0a1b3c5d',
  installed: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
  hidden: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a',
  windowsUpdate: '9482f4b4-e343-43b6-b170-9a65bc822c77',
  wsus: '3da21691-e39d-4da6-8a4b-b43877bcb1b7',
  microsoftUpdate: '7971f918-a847-4430-9279-4a52d1efe18d',
  /** A service registered with Automatic Updates besides Windows Update, so that one can leave it. */
  store: '855e8a7c-ecb4-4ca3-b045-1dfa50104289',
};

export interface CallContext {
  /** Fires when a hang cell gives up on the call; undefined in other cells. */
  signal: AbortSignal | undefined;
  /** A scan package the scenario knows. */
  cabPath: string;
}

export interface FacadeCall {
  /** The call as the matrix names it: the UpdateSession member, or member(variant). */
  name: string;
  /** The UpdateSession member it exercises. */
  method: string;
  /** Takes an AbortSignal (or a bound of its own): a hang can be given up on by the caller. */
  abortable: boolean;
  /** Session options beyond the matrix's own (a web proxy). */
  sessionOptions?: { webProxy: { address: string; userName: string; password: string } };
  /** What the call's scenario adds to the base one (a slow job, for an abort to land in). */
  scenario?: (base: Record<string, unknown>) => Record<string, unknown>;
  /** The call is aborted by its caller while it runs: with nothing failing, it rejects with an AbortError. */
  aborts?: boolean;
  run(session: UpdateSession, context: CallContext): PromiseLike<unknown>;
}

/** The caller's abort, this many ms after the start, and the hang cell's signal when there is one. */
const ABORT_AFTER_MS = 300;
function abortedSoon(signal: AbortSignal | undefined): AbortSignal {
  return AbortSignal.any([AbortSignal.timeout(ABORT_AFTER_MS), ...(signal ? [signal] : [])]);
}

/** Jobs and searches slow enough (1.5 s) for an abort to land in, short enough to end when it does not. */
function slow(kind: 'search' | 'download' | 'install'): (base: Record<string, unknown>) => Record<string, unknown> {
  return (base) => ({ ...base, [kind]: { durationMs: 1_500, ...(kind === 'search' ? {} : { progressSteps: 5 }) } });
}

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const FACADE_CALLS: FacadeCall[] = [
  { name: 'describe', method: 'describe', abortable: false, run: (s) => s.describe() },
  { name: 'search', method: 'search', abortable: true, run: (s, c) => s.search('IsInstalled=0', { signal: c.signal }) },
  {
    name: 'searchStream', method: 'searchStream', abortable: true,
    run: async (s, c) => {
      const stream = s.searchStream('IsInstalled=0', { signal: c.signal });
      const updates = await drain(stream);
      return { updates, ...(await stream.result) };
    },
  },
  { name: 'download', method: 'download', abortable: true, run: (s, c) => s.download([IDS.cumulative], { signal: c.signal }) },
  { name: 'install', method: 'install', abortable: true, run: (s, c) => s.install([IDS.defender], { signal: c.signal }) },
  {
    name: 'install(acceptEulas)', method: 'install', abortable: true,
    run: (s, c) => s.install([IDS.licensed], { acceptEulas: true, signal: c.signal }),
  },
  { name: 'uninstall', method: 'uninstall', abortable: true, run: (s, c) => s.uninstall([IDS.installed], { signal: c.signal }) },
  { name: 'plan', method: 'plan', abortable: false, run: (s) => s.plan('install', [IDS.cumulative, IDS.defender]) },
  { name: 'status', method: 'status', abortable: false, run: (s) => s.status() },
  { name: 'agentInfo', method: 'agentInfo', abortable: false, run: (s) => s.agentInfo() },
  { name: 'preflight', method: 'preflight', abortable: true, run: (s) => s.preflight({ timeoutMs: 2_000 }) },
  { name: 'hide', method: 'hide', abortable: false, run: (s) => s.hide([IDS.cumulative]) },
  { name: 'unhide', method: 'unhide', abortable: false, run: (s) => s.unhide([IDS.hidden]) },
  { name: 'acceptEulas', method: 'acceptEulas', abortable: false, run: (s) => s.acceptEulas([IDS.licensed]) },
  { name: 'history', method: 'history', abortable: true, run: (s, c) => drain(s.history({ signal: c.signal })) },
  { name: 'historyCount', method: 'historyCount', abortable: false, run: (s) => s.historyCount() },
  { name: 'historyOf', method: 'historyOf', abortable: true, run: (s, c) => s.historyOf(IDS.installed, { signal: c.signal }) },
  { name: 'automaticUpdates', method: 'automaticUpdates', abortable: false, run: (s) => s.automaticUpdates() },
  { name: 'detectNow', method: 'detectNow', abortable: false, run: (s) => s.detectNow() },
  {
    name: 'enableAutomaticUpdatesService', method: 'enableAutomaticUpdatesService', abortable: false,
    run: (s) => s.enableAutomaticUpdatesService(),
  },
  { name: 'services', method: 'services', abortable: false, run: (s) => s.services() },
  { name: 'addService', method: 'addService', abortable: false, run: (s) => s.addService(IDS.microsoftUpdate) },
  { name: 'enableMicrosoftUpdate', method: 'enableMicrosoftUpdate', abortable: false, run: (s) => s.enableMicrosoftUpdate() },
  { name: 'removeService', method: 'removeService', abortable: false, run: (s) => s.removeService(IDS.wsus) },
  { name: 'registerServiceWithAU', method: 'registerServiceWithAU', abortable: false, run: (s) => s.registerServiceWithAU(IDS.wsus) },
  {
    name: 'unregisterServiceWithAU', method: 'unregisterServiceWithAU', abortable: false,
    run: (s) => s.unregisterServiceWithAU(IDS.store),
  },
  { name: 'serviceRegistration', method: 'serviceRegistration', abortable: false, run: (s) => s.serviceRegistration(IDS.windowsUpdate) },
  {
    name: 'scanOffline', method: 'scanOffline', abortable: true,
    run: (s, c) => s.scanOffline(c.cabPath, 'IsInstalled=0', { signal: c.signal }),
  },
  {
    name: 'search(aborted)', method: 'search', abortable: true, aborts: true, scenario: slow('search'),
    run: (s, c) => s.search('IsInstalled=0', { signal: abortedSoon(c.signal) }),
  },
  {
    name: 'install(aborted)', method: 'install', abortable: true, aborts: true, scenario: slow('install'),
    run: (s, c) => s.install([IDS.cumulative], { signal: abortedSoon(c.signal) }),
  },
  {
    name: 'search(webProxy)', method: 'search', abortable: true,
    sessionOptions: { webProxy: { address: 'proxy.example.com:8080', userName: 'patcher', password: 'secret' } },
    run: (s, c) => s.search('IsInstalled=0', { signal: c.signal }),
  },
];

// Members of UpdateSession that are no call to the agent: its lifecycle and what it shows of itself.
const NOT_AGENT_CALLS = new Set(['constructor', 'close', 'toJSON', 'webProxy', 'processId']);

/**
 * The public calls of UpdateSession that the matrix has no invocation for: read from the class
 * itself, so that a call added to the facade without a row here fails the matrix's test.
 */
export function uncoveredFacadeCalls(): string[] {
  const covered = new Set(FACADE_CALLS.map((call) => call.method));
  return Object.getOwnPropertyNames(UpdateSession.prototype)
    .filter((name) => !NOT_AGENT_CALLS.has(name) && !covered.has(name));
}

// ----- the scenario -----

/** basic.json with what every call needs to succeed when nothing fails. */
export function baseScenario(): Record<string, unknown> {
  const basic = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'basic.json'), 'utf8')) as Record<string, unknown>;
  const agent = basic.agent as Record<string, unknown>;
  const updates = (basic.updates as Record<string, unknown>[]).map((update) => (update.id === IDS.installed
    ? { ...update, isUninstallable: true } : update));
  return {
    ...basic,
    name: 'fault-matrix',
    agent: {
      ...agent,
      services: [...(agent.services as object[]),
        { id: IDS.store, name: 'Store', isRegisteredWithAu: true, canRegisterWithAu: true }],
      history: [...(agent.history as object[])],
    },
    updates,
    scanPackages: { 'wsusscn2.cab': { updates: [IDS.cumulative, IDS.defender] } },
  };
}

/** The base scenario with one member failing with one code, or wedged (code undefined). */
export function faultScenario(base: Record<string, unknown>, member: AgentMember, code: string | undefined): object {
  const agent = base.agent as Record<string, unknown>;
  if (member.kind === 'call') {
    return {
      ...base,
      agent: code === undefined ? { ...agent, wedgedCalls: [member.name] } : { ...agent, faults: { [member.name]: hresult(code) } },
    };
  }
  if (code === undefined) throw new Error(`${member.name}: a getter cannot be wedged`);
  const updates = (base.updates as Record<string, unknown>[]).map((update) => (member.kind === 'driverGetter' && update.type !== 'driver'
    ? update : { ...update, faults: { [member.name]: hresult(code) } }));
  return { ...base, updates };
}

// ----- discovery: which calls reach which members -----

export interface Target {
  mode: 'none' | 'process' | 'broker';
  /** Plays a scenario where the sessions this target opens see it. */
  useScenario(scenario: object): ScenarioInUse;
  open(options?: FacadeCall['sessionOptions']): UpdateSession;
}

/** The member -> calls map: each call run once, with nothing failing, against the call log. */
export async function discoverReach(target: Target, context: Omit<CallContext, 'signal'>, base: Record<string, unknown>): Promise<{
  reach: Map<string, string[]>; failedBaselines: string[]; changes: Map<string, Set<string>>; initial: Flat;
}> {
  const reach = new Map<string, string[]>();
  const failedBaselines: string[] = [];
  const changes = new Map<string, Set<string>>();
  const initial = await initialState(target, base);
  for (const call of FACADE_CALLS) {
    const inUse = target.useScenario(call.scenario?.(base) ?? base);
    const session = target.open(call.sessionOptions);
    clearCalls();
    try {
      await call.run(session, { ...context, signal: undefined });
      if (call.aborts) failedBaselines.push(`${call.name}: resolved, where its caller aborted it`);
    } catch (error) {
      if (!call.aborts || !(error instanceof AbortError)) failedBaselines.push(`${call.name}: ${String(error)}`);
    }
    await session.close();
    const reached = new Set([...calls(), ...Object.keys(getterCalls())]);
    for (const member of reached) reach.set(member, [...(reach.get(member) ?? []), call.name]);
    changes.set(call.name, changedPaths(initial, readState(inUse.stateFile) ?? initial));
  }
  return { reach, failedBaselines, changes, initial };
}

// ----- the machine's state -----

export type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

function readState(stateFile: string): Flat | undefined {
  if (!existsSync(stateFile)) return undefined;
  return flatten(JSON.parse(readFileSync(stateFile, 'utf8')));
}

function changedPaths(before: Flat, after: Flat): Set<string> {
  const changed = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(key) !== after.get(key)) changed.add(key);
  }
  return changed;
}

/**
 * The machine's initial state as the simulator writes it: a fresh scenario has no state file
 * until something changes, so one hidden update is shown and hidden again (the same state).
 */
async function initialState(target: Target, base: object): Promise<Flat> {
  const inUse = target.useScenario(base);
  const session = target.open();
  try {
    await session.unhide([IDS.hidden]);
    await session.hide([IDS.hidden]);
  } finally {
    await session.close();
  }
  const state = readState(inUse.stateFile);
  if (!state) throw new Error('the simulator wrote no state file for a hide');
  return state;
}

// ----- one cell -----

export interface Cell {
  call: FacadeCall;
  member: AgentMember;
  failure: FailureClass;
  /** The code injected; undefined for a hang. */
  code: string | undefined;
}

/** `notInjected`: the call never met the fault (only known in process), so the cell proves nothing. */
export type CellVerdict = 'held' | 'crash' | 'hang' | 'untyped' | 'leak' | 'state' | 'lost' | 'notInjected';

export interface CellOutcome {
  verdict: CellVerdict[];
  problems: string[];
}

export interface CellSettings {
  /** The most a cell's call may take before it counts as a hang, in ms. */
  deadlineMs: number;
  /** When a hang cell gives up on its call (the signal fires, or close() is called), in ms. */
  giveUpMs: number;
  /** The state every cell starts from, and what each call changes when nothing fails. */
  initial: Flat;
  changes: Map<string, Set<string>>;
  base: Record<string, unknown>;
  context: Omit<CallContext, 'signal'>;
}

// Members whose failure changes no outcome, so a result need not carry it. A job's CleanUp runs
// after its result was read (src/wua/change.cc, search.cc): the operation is complete, and a
// failure to release the job's resources does not undo it. An abort the agent refuses
// (RequestAbort) leaves the job to finish: what it did is the answer, and the facade rejects
// with AbortError only once the agent confirms an abort (UpdateSession.search's contract).
const IGNORED_BY_DESIGN = /::(CleanUp|RequestAbort)$/;

const TYPED = [WindowsUpdateError, AbortError, AgentUnresponsiveError, SessionClosedError, HistoryChangedError, BrokerUnavailableError];

function isTyped(error: unknown): boolean {
  return TYPED.some((type) => error instanceof type);
}

/** Whether `value` (a result or an error) carries the injected HRESULT anywhere, by number or name. */
function carries(value: unknown, code: string, seen = new Set<unknown>()): boolean {
  const number = Number.parseInt(hresult(code), 16);
  const visit = (item: unknown): boolean => {
    if (item === number || item === code) return true;
    if (typeof item === 'string') return item.includes(code);
    if (!item || typeof item !== 'object' || seen.has(item)) return false;
    seen.add(item);
    const own = item instanceof Error ? { ...item, message: item.message, cause: item.cause } : item;
    return Object.values(own as Record<string, unknown>).some(visit);
  };
  return visit(value);
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;

async function within<T>(promise: Promise<T>, ms: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  try {
    return await Promise.race([promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a result (or an error's) says of each update: `made` the change or may have (its outcome
 * is unknown), or only `downloaded` it (an install whose download ran before its install failed).
 */
function changedUpdates(value: unknown): { made: Set<string>; downloaded: Set<string> } {
  const made = new Set<string>();
  const downloaded = new Set<string>();
  const updates = (value as { result?: { updates?: unknown }; updates?: unknown } | null);
  const list = updates?.result?.updates ?? updates?.updates;
  if (Array.isArray(list)) {
    for (const outcome of list as { updateId?: string; resultCode?: string; outcome?: string; reason?: string }[]) {
      if (!outcome.updateId) continue;
      const id = outcome.updateId.toLowerCase();
      if (outcome.resultCode === 'succeeded' || outcome.resultCode === 'succeededWithErrors' || outcome.resultCode === 'inProgress'
        || outcome.outcome === 'changed') made.add(id);
      if (outcome.reason?.startsWith('downloaded')) downloaded.add(id);
    }
  }
  return { made, downloaded };
}

function stateProblems(cell: Cell, settings: CellSettings, before: Flat, after: Flat, settled: Settled): string[] {
  // What the facade member changes when nothing fails, through any of its variants (an aborted
  // install's download is what an install changes).
  // An update's field by its name alone: which update, the result says (below).
  const field = (key: string): string => key.replace(/^updates\.[^.]+\./, 'updates.*.');
  const allowed = new Set(FACADE_CALLS.filter((call) => call.method === cell.call.method)
    .flatMap((call) => [...settings.changes.get(call.name) ?? []].map(field)));
  const made = changedUpdates(settled?.ok ? settled.value : (settled as { error?: unknown } | undefined)?.error);
  const problems: string[] = [];
  for (const key of changedPaths(before, after)) {
    const [root, id] = key.split('.');
    // Only what the call changes when nothing fails, and of an update only what its result reports as done.
    if (!allowed.has(field(key))) problems.push(`${key} changed (${String(before.get(key))} -> ${String(after.get(key))}), which the call never changes`);
    // A licence is accepted before the job runs, as the caller's acceptEulas asked: it stays
    // accepted whatever the job does, as it does when the job itself accepts it.
    else if (root === 'updates' && id && !key.endsWith('.eulaAccepted') && !settled?.ok && !made.made.has(id.toLowerCase())
      && !(key.endsWith('.isDownloaded') && made.downloaded.has(id.toLowerCase()))) {
      problems.push(`${key} changed (${String(before.get(key))} -> ${String(after.get(key))}) though the result says the update was not changed`);
    }
  }
  return problems;
}

/**
 * agentInfo() reads the agent's status and returns four of its values: a failed member behind
 * another value (IUpdateInstaller::IsBusy, ReadOnly) bears on nothing it returns. Whether it
 * does is asked of status(), which reports each failed member as a warning on its value.
 */
async function outsideAgentInfo(session: UpdateSession, cell: Cell): Promise<boolean> {
  if (cell.call.method !== 'agentInfo') return false;
  const { warnings } = await session.status();
  const failed = warnings.filter((warning) => warning.code === cell.code);
  return failed.length > 0 && failed.every((warning) => !AGENT_INFO_FIELDS.includes(warning.field));
}

/** Runs one cell against a target and says what held. */
export async function runCell(target: Target, cell: Cell, settings: CellSettings): Promise<CellOutcome> {
  const problems: string[] = [];
  const verdict = new Set<CellVerdict>();
  const fail = (kind: CellVerdict, text: string): void => {
    verdict.add(kind);
    problems.push(`${target.mode} ${cell.call.name} ${cell.member.name} ${cell.failure.name}${cell.code ? `(${cell.code})` : ''}: ${text}`);
  };
  // Objects of sessions the cell did not open (a test file's own, in the broker's file) are no leak of its.
  const liveBefore = liveObjects().total;
  const inUse = target.useScenario(faultScenario(cell.call.scenario?.(settings.base) ?? settings.base, cell.member, cell.code));
  const session = target.open(cell.call.sessionOptions);
  const hang = cell.code === undefined;
  const controller = new AbortController();
  let childPid: number | undefined;
  const giveUp = hang ? setTimeout(() => {
    childPid = session.processId;
    controller.abort(new Error('the fault matrix gave up on a wedged call'));
    // A call that takes no signal is given up on by closing its session.
    if (!cell.call.abortable) void session.close().catch(() => undefined);
  }, settings.giveUpMs) : undefined;
  // In process nothing ends a wedged agent call (the product documents it): the agent lets go
  // as a restarted service would, as often as calls come, until the call settles.
  const releaser = hang && target.mode === 'none' ? setInterval(() => releaseWedges(), settings.giveUpMs) : undefined;
  let settled: Settled;
  try {
    const call = Promise.resolve().then(async () => cell.call.run(session, { ...settings.context, signal: hang ? controller.signal : undefined }));
    settled = await within(call, settings.deadlineMs);
    if (!settled) {
      fail('hang', `did not settle within ${settings.deadlineMs} ms`);
      releaseWedges();
    } else if (!settled.ok) {
      const { error } = settled;
      // Out of process the simulator's count of met faults is the child's: a call the caller
      // aborted answers with the abort (AbortError, or the process ended after the grace period
      // when the agent could not confirm it), and whether the fault came first is seen in process.
      const callersAbort = target.mode !== 'none' && cell.call.aborts === true
        && (error instanceof AbortError || (error instanceof AgentUnresponsiveError && error.reason === 'abortIgnored'));
      if (callersAbort) {
        // held
      } else if (!isTyped(error)) {
        fail('untyped', `rejected with an untyped ${(error as Error)?.name ?? typeof error}: ${String((error as Error)?.message ?? error)}`);
      } else if (error instanceof AgentUnresponsiveError && !hang) {
        fail('crash', `the process holding the session ended: ${error.message}`);
      } else if (!hang && !carries(error, cell.code!) && !IGNORED_BY_DESIGN.test(cell.member.name)
        && !(target.mode === 'none' && !injectedFaults()[cell.member.name])) {
        fail('lost', `rejected with ${(error as Error).name} ${(error as { code?: string }).code ?? ''} without the injected ${cell.code}: ${(error as Error).message}`);
      }
    } else if (!hang && !carries(settled.value, cell.code!) && !IGNORED_BY_DESIGN.test(cell.member.name)
      && !(target.mode === 'none' && !injectedFaults()[cell.member.name])
      && !await outsideAgentInfo(session, cell)) {
      // A resolved call is a partial result only when it keeps the failure (a warning, an outcome).
      fail('lost', `resolved without a trace of the injected ${cell.code}`);
    }
  } finally {
    clearTimeout(giveUp);
  }
  const pid = childPid ?? session.processId;
  const closed = await within(session.close(), settings.deadlineMs);
  if (releaser) clearInterval(releaser);
  if (!closed) {
    fail('hang', `close() did not settle within ${settings.deadlineMs} ms`);
    releaseWedges();
  } else if (!closed.ok && !isTyped(closed.error)) {
    fail('untyped', `close() rejected with an untyped ${String(closed.error)}`);
  }
  const live = await liveAfter(liveBefore, 2_000);
  if (live) fail('leak', `live agent objects after close(): ${live}`);
  if (target.mode === 'process' && pid !== undefined && pid !== process.pid) {
    const deadline = Date.now() + settings.deadlineMs;
    while (processes().some((listed) => listed.pid === pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (processes().some((listed) => listed.pid === pid)) fail('leak', `the session's process ${pid} is still running after close()`);
  }
  const after = readState(inUse.stateFile) ?? settings.initial;
  for (const problem of stateProblems(cell, settings, settings.initial, after, settled)) fail('state', problem);
  // In process the simulator says whether the fault was met; a call that never met it proves nothing.
  if (!verdict.size && !hang && target.mode === 'none' && !injectedFaults()[cell.member.name]) {
    return { verdict: ['notInjected'], problems: [] };
  }
  return { verdict: verdict.size ? [...verdict] : ['held'], problems };
}

/** Waits until no more agent objects live in this process than `before`; what lives then, if more. */
async function liveAfter(before: number, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = liveObjects();
    if (live.total <= before) return undefined;
    if (Date.now() > deadline) return JSON.stringify(live.classes);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A scan package file the scenario's scanPackages names (its content is never read). */
export function scanPackageFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wua-faults-'));
  const file = path.join(dir, 'wsusscn2.cab');
  writeFileSync(file, 'MSCF');
  return file;
}
