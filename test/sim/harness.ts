// The tests' side of the simulated agent: which scenario it plays, and what it observed (live COM
// objects per class, the members called). The simulator's own DLL is loaded into the test process
// (process.dlopen), where it is the same module the addon's CoCreateInstance loads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AGENT_HRESULTS, SYSTEM_HRESULTS } from '../../lib/hresult-table.js';

const root = path.resolve(__dirname, '..', '..');
export const SIMULATOR_DLL = path.join(root, 'build', 'sim', 'wua-simulator.dll');
export const SCENARIO_DIR = path.join(__dirname, 'scenarios');

interface SimulatorControl {
  control(command: string, argument?: string): string;
}

let loaded: SimulatorControl | undefined;

function simulator(): SimulatorControl {
  if (!loaded) {
    const module = { exports: {} as SimulatorControl };
    process.dlopen(module, SIMULATOR_DLL);
    loaded = module.exports;
  }
  return loaded;
}

function control<T>(command: string, argument?: unknown): T {
  return JSON.parse(simulator().control(command, argument === undefined ? '' : JSON.stringify(argument))) as T;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'wua-sim-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));
let scenarioCount = 0;

export interface ScenarioInUse {
  scenarioFile: string;
  stateFile: string;
  /** The environment a child process needs to play the same scenario on the same state. */
  env: Record<string, string>;
}

export interface UseScenarioOptions {
  /** A state file to share, for example with a child process; a new one by default. */
  stateFile?: string;
  /** Keep what the state file already holds instead of starting from the scenario's state. */
  keepState?: boolean;
}

/**
 * Makes the simulated agent play a scenario from now on, in this process and (through the
 * returned env, also set on process.env) in its children: a file name under scenarios/ without
 * `.json`, or a scenario object.
 */
export function useScenario(scenario: string | object, options: UseScenarioOptions = {}): ScenarioInUse {
  scenarioCount += 1;
  let scenarioFile: string;
  if (typeof scenario === 'string') {
    scenarioFile = path.join(SCENARIO_DIR, `${scenario}.json`);
  } else {
    scenarioFile = path.join(workDir, `scenario-${scenarioCount}.json`);
    writeFileSync(scenarioFile, JSON.stringify(scenario, null, 2));
  }
  const stateFile = options.stateFile ?? path.join(workDir, `state-${scenarioCount}.json`);
  control('load', { scenario: scenarioFile, state: stateFile, reset: !options.keepState });
  const env = { WUA_SIMULATOR_SCENARIO: scenarioFile, WUA_SIMULATOR_STATE: stateFile };
  Object.assign(process.env, env);
  return { scenarioFile, stateFile, env };
}

/** Back to the scenario's initial state, with an empty call log. */
export function resetSimulator(): void {
  control('reset');
}

export interface LiveObjects {
  total: number;
  /** Simulator classes with live instances, and how many. */
  classes: Record<string, number>;
}

export function liveObjects(): LiveObjects {
  return control<LiveObjects>('objects');
}

/** The members the client called, oldest first ("IUpdateSearcher::BeginSearch", ...). */
export function calls(): string[] {
  return control<string[]>('calls');
}

/**
 * The getters of updates (and of the objects an update hands out) the client called since the
 * call log was last cleared, and how many times each: those are counted, not logged.
 */
export function getterCalls(): Record<string, number> {
  return control<Record<string, number>>('getterCalls');
}

/**
 * The scenario's faults (agent.faults, updates[].faults) that members returned since the call log
 * was last cleared, and how many times each: whether a test's fault was injected at all, since a
 * call can reach a member through an object no scenario fault covers (a history entry's categories).
 */
export function injectedFaults(): Record<string, number> {
  return control<Record<string, number>>('injectedFaults');
}

/** Clears the call log, the getters' counts and the injected faults' counts. */
export function clearCalls(): void {
  control('clearCalls');
}

export interface SimulatorStatus {
  scenario: string;
  loadError: string;
  module: string;
  moduleReferences: number;
  rebootRequired: boolean;
  /** Calls of this process that a wedge holds now (see releaseWedges). */
  wedgedCalls: number;
}

export function simulatorStatus(): SimulatorStatus {
  return control<SimulatorStatus>('status');
}

/** The proxy a session carried when the agent went to the network for it (never its password). */
export interface ProxyRecord {
  address: string;
  userName: string;
  bypassList: string[];
  bypassProxyOnLocal: boolean;
  autoDetect: boolean;
  /** IWebProxy::SetPassword was called; the password itself is never recorded. */
  passwordSet: boolean;
}

/** A search or download of the agent's, whether it went to the network, and what it met there. */
export interface NetworkRequest {
  call: 'search' | 'download';
  /** False: a search on the agent's local data, which reaches no network. */
  online: boolean;
  /** ServerSelection: 0 default, 1 managed server, 2 Windows Update, 3 others. */
  serverSelection: number;
  /** With server selection 3 (others): the service. */
  serviceId: string;
  /** Downloads: the update. */
  updateId: string;
  proxy: ProxyRecord | null;
  /** What the network answered (unsigned): 0, or the failure the request met. */
  hresult: number;
}

/**
 * Every search and download the agent ran since the scenario was loaded, oldest first, in this
 * process and its children (it is kept in the state file).
 */
export function networkRequests(): NetworkRequest[] {
  return control<NetworkRequest[]>('network');
}

/** Automatic Updates as the machine has it now: the service, and the detections DetectNow started. */
export function automaticUpdatesState(): { serviceEnabled: boolean; detections: number } {
  return control<{ serviceEnabled: boolean; detections: number }>('automaticUpdates');
}

/**
 * The process's execution state (ES_* flags) under Wine, which keeps one per process: what the
 * addon's threads asked SetThreadExecutionState for. Windows keeps one per thread, where this
 * reads only the calling thread's; tests that use it run under Wine only.
 */
export function executionState(): number {
  return control<number>('executionState');
}

export interface ListedProcess {
  pid: number;
  parentPid: number;
  /** The executable's file name. */
  executable: string;
}

/** The processes the system lists now (a Toolhelp snapshot: Wine's tasklist is a stub). */
export function processes(): ListedProcess[] {
  return control<ListedProcess[]>('processes');
}

/**
 * Lets go of every call a wedge holds in this process (a scenario's `wedged` behaviour or
 * `agent.wedgedCalls`): each then fails as if the agent had gone away (RPC_E_DISCONNECTED).
 * Returns how many were held. A wedge played in the test's own process must be released before
 * the process exits, since the addon waits for its session's thread then; it is done on exit in
 * any case. A child process's wedges end with the child.
 */
export function releaseWedges(): number {
  return loaded ? control<number>('releaseWedges') : 0;
}
process.on('exit', () => releaseWedges());

/**
 * Every interface of the simulator's type library with the properties a script reads through it
 * (its bases' included, restricted ones left out), as the .tlb itself describes them.
 */
export function typeLibraryProperties(): Record<string, { name: string; isObject: boolean }[]> {
  return control<Record<string, { name: string; isObject: boolean }[]>>('typeLibrary');
}

/** A symbolic HRESULT as scenario files write it ("0x8024001E"). */
export function hresult(name: string): string {
  const row = [...AGENT_HRESULTS, ...SYSTEM_HRESULTS].find((candidate) => candidate[1] === name);
  if (!row) throw new Error(`unknown HRESULT name ${name}`);
  return `0x${row[0].toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Waits until the simulator has no live objects (releases may trail a promise by a moment). */
export async function expectNoLiveObjects(timeoutMs = 5000): Promise<LiveObjects> {
  const deadline = Date.now() + timeoutMs;
  let live = liveObjects();
  while (live.total !== 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    live = liveObjects();
  }
  if (live.total !== 0) throw new Error(`live simulator objects remain: ${JSON.stringify(live.classes)}`);
  return live;
}

const MACHINE_SCENARIO_KEY = 'HKLM\\SOFTWARE\\WindowsUpdateAgentSimulator';

/**
 * Makes processes this test did not start (the broker service's) play `scenario`: the simulator
 * reads the scenario and state files from the registry when its environment names none.
 */
export function useScenarioMachineWide(scenario: ScenarioInUse): void {
  for (const [name, value] of Object.entries(scenario.env)) {
    execFileSync('reg.exe', ['add', MACHINE_SCENARIO_KEY, '/v', name, '/t', 'REG_SZ', '/d', value, '/f'], { stdio: 'ignore' });
  }
}

export function clearMachineScenario(): void {
  try {
    execFileSync('reg.exe', ['delete', MACHINE_SCENARIO_KEY, '/f'], { stdio: 'ignore' });
  } catch {
    // Nothing to remove.
  }
}

export interface HandleCount {
  /** The handles this process holds, from the source that counts them here (see `source`). */
  count: number;
  /**
   * `GetProcessHandleCount` where it answers (Windows), else this process's entries in the
   * system's handle table (`NtQuerySystemInformation(SystemHandleInformation)`): Wine 8 answers
   * `GetProcessHandleCount` with 0 while its server keeps the table for real.
   */
  source: 'GetProcessHandleCount' | 'SystemHandleInformation';
}

/** The Windows handles this process holds now. */
export function handleCount(): HandleCount {
  const counts = control<{ processHandleCount: number; systemHandleTable: number }>('handles');
  if (counts.processHandleCount > 0) return { count: counts.processHandleCount, source: 'GetProcessHandleCount' };
  if (counts.systemHandleTable < 0) throw new Error('neither GetProcessHandleCount nor the system handle table counts handles here');
  return { count: counts.systemHandleTable, source: 'SystemHandleInformation' };
}
