// The reliability suite's `faults` part: the fault matrix (fault-matrix.ts) in process and
// isolated, quick in `npm test`, every cell under `npm run stress`. The broker's cells run in
// test/broker/broker.test.ts, which owns the machine-wide service (runMatrixCells with its target).
import { UpdateSession } from '../../lib/index.js';
import { useScenario } from '../sim/harness.js';
import {
  agentMembers, baseScenario, type Cell, type CellSettings, type CellVerdict, discoverReach, FACADE_CALLS,
  FAILURE_CLASSES, runCell, scanPackageFile, type Target, uncoveredFacadeCalls,
} from './fault-matrix.js';
import { type StressFigures, type StressLevel } from './figures.js';

const CLIENT_ID = 'fault matrix';
/** The grace an isolated or brokered session gives the agent to confirm an abort or answer close(). */
export const MATRIX_GRACE_MS = 1_000;

export function inProcessTarget(): Target {
  return {
    mode: 'none',
    useScenario: (scenario) => useScenario(scenario),
    open: (options) => new UpdateSession({ clientApplicationId: CLIENT_ID, ...options }),
  };
}

export function isolatedTarget(): Target {
  return {
    mode: 'process',
    useScenario: (scenario) => useScenario(scenario),
    open: (options) => new UpdateSession({ clientApplicationId: CLIENT_ID, isolation: 'process', graceMs: MATRIX_GRACE_MS, ...options }),
  };
}

export interface MatrixPlan {
  settings: CellSettings;
  /** Every cell the matrix has, by member, call, class and code. */
  all: Cell[];
  /** Members of members.h no facade call reaches, and what the discovery runs could not do. */
  unreached: string[];
  problems: string[];
  members: number;
}

/** Discovers which calls reach which members (in this process) and lays out every cell. */
export async function planMatrix(deadlineMs: number): Promise<MatrixPlan> {
  const base = baseScenario();
  const context = { cabPath: scanPackageFile() };
  const discovery = await discoverReach(inProcessTarget(), context, base);
  const problems = [
    ...uncoveredFacadeCalls().map((name) => `UpdateSession.${name} has no invocation in the fault matrix`),
    ...discovery.failedBaselines.map((line) => `with nothing failing, ${line}`),
  ];
  const members = agentMembers();
  const all: Cell[] = [];
  const unreached: string[] = [];
  for (const member of members) {
    const reachedBy = discovery.reach.get(member.name) ?? [];
    if (!reachedBy.length) {
      unreached.push(member.name);
      continue;
    }
    for (const callName of reachedBy) {
      const call = FACADE_CALLS.find((candidate) => candidate.name === callName)!;
      for (const failure of FAILURE_CLASSES) {
        if (!failure.codes.length) {
          // Only the calls SIM_ENTER logs can be wedged; a getter answers or fails.
          if (member.kind === 'call') all.push({ call, member, failure, code: undefined });
          continue;
        }
        for (const code of failure.codes) all.push({ call, member, failure, code });
      }
    }
  }
  return {
    settings: { deadlineMs, giveUpMs: 400, initial: discovery.initial, changes: discovery.changes, base, context },
    all, unreached, problems, members: members.length,
  };
}

/**
 * The quick sample: every member once, its class and call taken in turn (so every class and
 * every call comes up), each with its class's first code. Each member's cell comes with the same
 * class through its other calls, tried in turn while the fault is not met (a history entry's
 * categories carry no update's faults).
 */
export function quickSample(all: Cell[]): Cell[][] {
  const byMember = new Map<string, Cell[]>();
  for (const cell of all) {
    if (cell.code !== undefined && cell.code !== cell.failure.codes[0]) continue;
    byMember.set(cell.member.name, [...(byMember.get(cell.member.name) ?? []), cell]);
  }
  return [...byMember.values()].map((cells, index) => {
    const classes = [...new Set(cells.map((cell) => cell.failure.name))];
    const failure = classes[index % classes.length];
    const ofClass = cells.filter((cell) => cell.failure.name === failure);
    const first = Math.floor(index / classes.length) % ofClass.length;
    return [...ofClass.slice(first), ...ofClass.slice(0, first)];
  });
}

/** One cell per failure class, each on another member and call, for a mode whose cells cost a process each. */
export function classSample(all: Cell[], perClass = 1): Cell[] {
  const sample: Cell[] = [];
  const usedMembers = new Set<string>();
  for (const failure of FAILURE_CLASSES) {
    const ofClass = all.filter((cell) => cell.failure === failure && (cell.code === undefined || cell.code === failure.codes[0])
      && cell.member.kind === 'call');
    for (let taken = 0; taken < perClass && ofClass.length; taken += 1) {
      const cell = ofClass.find((candidate) => !usedMembers.has(candidate.member.name)) ?? ofClass[0]!;
      usedMembers.add(cell.member.name);
      sample.push(cell);
      ofClass.splice(ofClass.indexOf(cell), 1);
    }
  }
  return sample;
}

/** One cell of every member and class, its call taken in turn: a mode's full run where a cell costs a process. */
export function memberClassSample(all: Cell[]): Cell[] {
  const seen = new Map<string, Cell[]>();
  for (const cell of all) {
    if (cell.code !== undefined && cell.code !== cell.failure.codes[0]) continue;
    const key = `${cell.member.name}|${cell.failure.name}`;
    seen.set(key, [...(seen.get(key) ?? []), cell]);
  }
  return [...seen.values()].map((cells, index) => cells[index % cells.length]!);
}

export interface ModeTally {
  cellsTried: number;
  cellsHeld: number;
  crashes: number;
  hangs: number;
  untypedErrors: number;
  leakedObjects: number;
  stateViolations: number;
  lostFailures: number;
  /** Cells whose call never met the fault (in process, where the simulator says so): not tried. */
  cellsNotInjected: number;
}

const VERDICT_FIGURE: Record<Exclude<CellVerdict, 'held'>, keyof ModeTally> = {
  crash: 'crashes', hang: 'hangs', untyped: 'untypedErrors', leak: 'leakedObjects', state: 'stateViolations', lost: 'lostFailures',
  notInjected: 'cellsNotInjected',
};

/**
 * Runs cells against one target, one after another, and tallies them. An entry that is a list
 * is one cell with its alternatives: the next is tried while the fault is not met.
 */
export async function runMatrixCells(target: Target, cells: Array<Cell | Cell[]>, settings: CellSettings,
  knownNotInjected: ReadonlySet<string> = new Set()): Promise<{
  tally: ModeTally; problems: string[]; tried: Cell[]; notInjected: Set<string>;
}> {
  const tally: ModeTally = {
    cellsTried: 0, cellsHeld: 0, crashes: 0, hangs: 0, untypedErrors: 0, leakedObjects: 0, stateViolations: 0, lostFailures: 0,
    cellsNotInjected: 0,
  };
  const problems: string[] = [];
  const tried: Cell[] = [];
  const notInjected = new Set<string>();
  for (const entry of cells) {
    for (const cell of Array.isArray(entry) ? entry : [entry]) {
      // A cell whose call never met its fault in process meets none in a child either: the same
      // scenario, the same code path; out of process the simulator's count cannot say so.
      if (knownNotInjected.has(cellKey(cell))) {
        tally.cellsNotInjected += 1;
        continue;
      }
      const outcome = await runCell(target, cell, settings);
      if (outcome.verdict.includes('notInjected')) {
        tally.cellsNotInjected += 1;
        notInjected.add(cellKey(cell));
        continue;
      }
      tally.cellsTried += 1;
      tried.push(cell);
      for (const verdict of outcome.verdict) {
        if (verdict === 'held') tally.cellsHeld += 1;
        else tally[VERDICT_FIGURE[verdict]] += 1;
      }
      problems.push(...outcome.problems);
      break;
    }
  }
  return { tally, problems, tried, notInjected };
}

/** A cell by its call, member and code, the same in every mode. */
export function cellKey(cell: Cell): string {
  return `${cell.call.name}|${cell.member.name}|${cell.code ?? 'hang'}`;
}

const MODE_LABEL: Record<Target['mode'], string> = { none: 'in process', process: 'isolated', broker: 'broker' };

/** A mode's tally as figures (`none.cellsTried`, ...) and table rows. */
export function tallyFigures(mode: Target['mode'], tally: ModeTally): { figures: Record<string, number>; rows: Array<[string, string]> } {
  const figures: Record<string, number> = {};
  for (const [name, value] of Object.entries(tally)) figures[`${mode}.${name}`] = value;
  const failed = tally.cellsTried - tally.cellsHeld;
  return {
    figures,
    rows: [[`fault cells ${MODE_LABEL[mode]}`, `${tally.cellsHeld}/${tally.cellsTried} held`
      + (tally.cellsNotInjected ? ` (${tally.cellsNotInjected} more never met their fault)` : '')
      + (failed ? ` (crashes ${tally.crashes}, hangs ${tally.hangs}, untyped ${tally.untypedErrors}, leaks ${tally.leakedObjects}, `
        + `state ${tally.stateViolations}, lost ${tally.lostFailures})` : '')]],
  };
}

/** The `faults` part: the matrix in process and isolated (the broker's cells run in the broker's test file). */
export async function runFaults(level: StressLevel): Promise<StressFigures> {
  const plan = await planMatrix(level === 'full' ? 30_000 : 20_000);
  const inProcess = level === 'full' ? plan.all : quickSample(plan.all);
  const isolated = level === 'full' ? memberClassSample(plan.all) : classSample(plan.all);
  const none = await runMatrixCells(inProcessTarget(), inProcess, plan.settings);
  const isolatedRun = await runMatrixCells(isolatedTarget(), isolated, plan.settings, none.notInjected);
  const totals = { none: tallyFigures('none', none.tally), process: tallyFigures('process', isolatedRun.tally) };
  const sum = (name: keyof ModeTally): number => none.tally[name] + isolatedRun.tally[name];
  const cellsTried = sum('cellsTried');
  const covered = (cells: Cell[]) => ({
    members: new Set(cells.map((cell) => cell.member.name)).size,
    classes: new Set(cells.map((cell) => cell.failure.name)).size,
    calls: new Set(cells.map((cell) => cell.call.name)).size,
  });
  const inProcessCovered = covered(none.tried);
  const isolatedCovered = covered(isolatedRun.tried);
  return {
    part: 'faults',
    level,
    figures: {
      members: plan.members,
      membersReached: plan.members - plan.unreached.length,
      facadeCalls: FACADE_CALLS.length,
      failureClasses: FAILURE_CLASSES.length,
      matrixCells: plan.all.length,
      cellsTried,
      cellsHeld: sum('cellsHeld'),
      crashes: sum('crashes'),
      hangs: sum('hangs'),
      untypedErrors: sum('untypedErrors'),
      leakedObjects: sum('leakedObjects'),
      stateViolations: sum('stateViolations'),
      lostFailures: sum('lostFailures'),
      cellsNotInjected: sum('cellsNotInjected'),
      'none.membersCovered': inProcessCovered.members,
      'none.classesCovered': inProcessCovered.classes,
      'none.callsCovered': inProcessCovered.calls,
      'process.classesCovered': isolatedCovered.classes,
      ...totals.none.figures,
      ...totals.process.figures,
    },
    rows: [
      ['fault matrix', `${plan.members - plan.unreached.length} of ${plan.members} members reached by ${FACADE_CALLS.length} calls, `
        + `${FAILURE_CLASSES.length} classes, ${plan.all.length} cells per mode`],
      ...totals.none.rows,
      ...totals.process.rows,
      ['members no call reaches', plan.unreached.length ? plan.unreached.join(', ') : 'none'],
    ],
    problems: [...plan.problems, ...none.problems, ...isolatedRun.problems],
  };
}
