// Load and lifecycle: many sessions at once, abort storms, close() in every phase of every
// operation, records collected while operations run, sessions in worker threads (one terminated
// mid-operation), and processes that exit or are killed mid-install. Every call must settle with
// a result or a typed error, nothing may be left unhandled, and no agent object may outlive it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { UpdateSession, type UpdateRecord, type UpdateSessionOptions } from '../../lib/index.js';
import { expectNoLiveObjects, liveObjects, releaseWedges, useScenario } from '../sim/harness.js';
import type { StressFigures, StressLevel } from './figures.js';
import { collectGarbage, describeError, newTally, settle, sleep, type Tally, watchingProcess } from './outcomes.js';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'index.js');
const PACKAGE = 'windows-update-agent';

export const updateId = (n: number): string => `${String(n).padStart(8, '0')}-0000-4000-8000-00000000abcd`;

/**
 * A catalog for load: quick updates, a few slow ones (progress to close and abort in), some
 * installed and uninstallable, and `extra` plain ones for reads that take a while.
 */
export function loadCatalog(extra = 0): object {
  const quick = Array.from({ length: 16 }, (_, i) => ({
    id: updateId(i + 1), title: `Quick update ${i + 1}`, kbArticleIds: [`${5100000 + i}`], isUninstallable: true,
    ...(i % 4 === 3 ? { state: { isInstalled: true } } : {}),
    download: { durationMs: 10, progressSteps: 2 }, install: { durationMs: 10, progressSteps: 2 },
    uninstall: { durationMs: 10, progressSteps: 2 },
  }));
  const slow = Array.from({ length: 4 }, (_, i) => ({
    id: updateId(100 + i), title: `Slow update ${i + 1}`, kbArticleIds: [`${5200000 + i}`], isUninstallable: true,
    download: { durationMs: 600, progressSteps: 12 }, install: { durationMs: 600, progressSteps: 12 },
  }));
  const plain = Array.from({ length: extra }, (_, i) => ({
    id: updateId(1000 + i), title: `Listed update ${i + 1}`, kbArticleIds: [`${5300000 + i}`],
    description: `An update among many, number ${i + 1}`,
  }));
  return {
    name: 'stress-load', updates: [...quick, ...slow, ...plain], search: { durationMs: 15 },
    agent: { history: [] },
  };
}

const QUICK_IDS = Array.from({ length: 16 }, (_, i) => updateId(i + 1));
const SLOW_IDS = Array.from({ length: 4 }, (_, i) => updateId(100 + i));

interface Sizes {
  sessions: number;
  opsPerSession: number;
  isolatedSessions: number;
  storm: number;
  phaseRounds: number;
  isolatedPhaseRounds: number;
  workerSessions: number;
  kills: number;
  /** Workers terminated mid-operation, two at a time. */
  terminatedWorkers: number;
}

const SIZES: Record<StressLevel, Sizes> = {
  quick: {
    sessions: 8, opsPerSession: 6, isolatedSessions: 1, storm: 40, phaseRounds: 1, isolatedPhaseRounds: 0,
    workerSessions: 2, kills: 1, terminatedWorkers: 6,
  },
  full: {
    sessions: 48, opsPerSession: 25, isolatedSessions: 6, storm: 600, phaseRounds: 5, isolatedPhaseRounds: 1,
    workerSessions: 4, kills: 4, terminatedWorkers: 20,
  },
};

/** A random integer in [0, n). */
const below = (n: number): number => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;

class Run {
  readonly tally: Tally = newTally();
  readonly figures: Record<string, number> = {};
  readonly closedMidPhase: Record<string, number> = {};
  sessions = 0;
  readonly #open: UpdateSession[] = [];

  get problems(): string[] {
    return this.tally.problems;
  }

  open(options: UpdateSessionOptions = {}): UpdateSession {
    const session = new UpdateSession({ clientApplicationId: 'stress-load', ...options });
    this.sessions += 1;
    this.#open.push(session);
    return session;
  }

  async close(session: UpdateSession, label: string): Promise<void> {
    const index = this.#open.indexOf(session);
    if (index >= 0) this.#open.splice(index, 1);
    await settle(this.tally, `${label}: close()`, session.close());
  }

  /** Closes whatever a step left open, so that a problem in one does not leak into the count of live objects. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((session) => this.close(session, 'cleanup')));
  }

  /** The agent's objects are all released once every session here is closed. */
  async expectNoneLive(step: string): Promise<void> {
    await this.closeAll();
    try {
      await expectNoLiveObjects(15_000);
    } catch (error) {
      this.problems.push(`${step}: ${describeError(error)}`);
    }
  }
}

/** One of the operations a session runs, picked at random, with an optional signal. */
function randomOperation(session: UpdateSession, signal?: AbortSignal): [string, PromiseLike<unknown>] {
  const quick = pick(QUICK_IDS);
  switch (below(7)) {
    case 0: return ['search', session.search('', { signal })];
    case 1: return ['search by ID', session.search(`UpdateID='${quick}'`, { signal })];
    case 2: return ['download', session.download(quick, { signal })];
    case 3: return ['install', session.install(quick, { signal })];
    case 4: return ['uninstall', session.uninstall(quick, { signal })];
    case 5: return ['history', readHistory(session, signal)];
    default: return ['status', session.status()];
  }
}

async function readHistory(session: UpdateSession, signal?: AbortSignal): Promise<number> {
  let read = 0;
  for await (const entry of session.history({ count: 20, signal })) read += entry ? 1 : 0;
  return read;
}

/** Many sessions, in process and isolated, each running operations in parallel with the others. */
async function parallelSessions(run: Run, sizes: Sizes): Promise<void> {
  const sessions = [
    ...Array.from({ length: sizes.sessions }, () => run.open()),
    ...Array.from({ length: sizes.isolatedSessions }, () => run.open({ isolation: 'process' })),
  ];
  await Promise.all(sessions.map(async (session, index) => {
    const running: Promise<unknown>[] = [];
    for (let i = 0; i < sizes.opsPerSession; i++) {
      const [name, operation] = randomOperation(session);
      running.push(settle(run.tally, `session ${index} ${name}`, operation));
      if (i % 3 === 2) await Promise.all(running.splice(0));
    }
    await Promise.all(running);
    await run.close(session, `session ${index}`);
  }));
  run.figures.parallelSessions = sessions.length;
  await run.expectNoneLive('parallel sessions');
}

/** Operations started and aborted at random moments, by an AbortController or AbortSignal.timeout(). */
async function abortStorm(run: Run, sizes: Sizes): Promise<void> {
  const sessions = Array.from({ length: 4 }, () => run.open());
  const before = run.tally.aborted;
  await Promise.all(Array.from({ length: sizes.storm }, async (_, i) => {
    const session = sessions[i % sessions.length]!;
    let signal: AbortSignal;
    if (i % 2) {
      signal = AbortSignal.timeout(1 + below(60));
    } else {
      const controller = new AbortController();
      if (i % 10 === 0) controller.abort(new Error('before the start'));
      else setTimeout(() => controller.abort(), below(60));
      signal = controller.signal;
    }
    const [name, operation] = i % 5 === 0
      ? ['slow download', session.download(pick(SLOW_IDS), { signal })] as const
      : randomOperation(session, signal);
    await settle(run.tally, `storm ${i} ${name}`, operation);
  }));
  run.figures.stormOperations = sizes.storm;
  run.figures.stormAborted = run.tally.aborted - before;
  await Promise.all(sessions.map((session) => run.close(session, 'storm')));
  await run.expectNoneLive('abort storm');
}

type Phase = 'beforeStart' | 'duringSearch' | 'duringReading' | 'duringDownload' | 'duringInstall' | 'afterCompletion'
  | 'twice';

/**
 * close() in one phase of an operation: the operation, and close(), must settle typed, and the
 * session must refuse what comes after with SessionClosedError.
 */
async function closeInPhase(run: Run, phase: Phase, options: UpdateSessionOptions): Promise<void> {
  const session = run.open(options);
  const label = `close ${phase}${options.isolation ? ` (${options.isolation})` : ''}`;
  if (options.isolation && phase !== 'beforeStart') await settle(run.tally, `${label}: start`, session.agentInfo());
  let operation: Promise<unknown> | undefined;
  switch (phase) {
    case 'beforeStart':
      await run.close(session, label);
      break;
    case 'duringSearch':
      operation = settle(run.tally, `${label}: search`, session.search());
      await sleep(5);
      await run.close(session, label);
      break;
    case 'duringReading': {
      // A stream of a catalog of hundreds: close() once the first records arrived, before the last.
      const stream = session.searchStream('');
      operation = settle(run.tally, `${label}: streamed search`, (async () => {
        let read = 0;
        for await (const update of stream) {
          read += update ? 1 : 0;
          if (read === 1) void run.close(session, label);
        }
        return read;
      })());
      break;
    }
    case 'duringDownload':
    case 'duringInstall': {
      let closing: Promise<void> | undefined;
      const start = phase === 'duringDownload' ? session.download.bind(session) : session.install.bind(session);
      operation = settle(run.tally, `${label}: operation`, start(pick(SLOW_IDS), {
        onProgress: () => { closing ??= run.close(session, label); },
      }));
      await operation;
      await closing;
      break;
    }
    case 'afterCompletion':
      await settle(run.tally, `${label}: search`, session.search(`UpdateID='${pick(QUICK_IDS)}'`));
      await run.close(session, label);
      break;
    case 'twice':
      operation = settle(run.tally, `${label}: download`, session.download(pick(SLOW_IDS)));
      await sleep(below(30));
      await Promise.all([run.close(session, label), run.close(session, label)]);
      await run.close(session, label);
      break;
  }
  await operation;
  // After close(), every call is refused with SessionClosedError, whatever the phase was.
  try {
    await session.search();
    run.problems.push(`${label}: a search after close() succeeded`);
  } catch (error) {
    if ((error as Error)?.constructor?.name !== 'SessionClosedError') {
      run.problems.push(`${label}: a search after close() gave ${describeError(error)}`);
    }
  }
  run.closedMidPhase[phase] = (run.closedMidPhase[phase] ?? 0) + 1;
}

const PHASES: Phase[] = ['beforeStart', 'duringSearch', 'duringReading', 'duringDownload', 'duringInstall',
  'afterCompletion', 'twice'];

async function closeInEveryPhase(run: Run, sizes: Sizes): Promise<void> {
  for (let round = 0; round < sizes.phaseRounds; round++) {
    for (const phase of PHASES) await closeInPhase(run, phase, {});
  }
  for (let round = 0; round < sizes.isolatedPhaseRounds; round++) {
    for (const phase of PHASES) await closeInPhase(run, phase, { isolation: 'process' });
  }
  await run.expectNoneLive('close in every phase');
}

/**
 * Records let go of and collected while a download of others runs: the agent's objects behind
 * the collected ones go, the ones kept still download, and the session ends with none live.
 */
async function recordsCollectedMidOperation(run: Run): Promise<void> {
  const session = run.open();
  let collected = 0;
  const registry = new FinalizationRegistry<string>(() => { collected += 1; });
  let kept: UpdateRecord[] = [];
  await (async () => {
    const result = await settle(run.tally, 'records: search', session.search(''));
    if (!result) return;
    kept = result.updates.filter((update) => SLOW_IDS.includes(update.identity.updateId)).slice(0, 2);
    for (const update of result.updates) {
      if (!kept.includes(update)) registry.register(update, update.identity.updateId);
    }
  })();
  const dropped = liveObjects().classes.Update ?? 0;
  const download = settle(run.tally, 'records: download while collecting', session.download(kept));
  const deadline = Date.now() + 10_000;
  while (collected === 0 && Date.now() < deadline) await collectGarbage();
  const result = await download;
  if (result && result.resultCode !== 'succeeded') run.problems.push(`records: the download gave ${result.resultCode}`);
  await collectGarbage();
  const after = liveObjects().classes.Update ?? 0;
  run.figures.recordsCollected = collected;
  if (collected === 0) run.problems.push('records: no record was collected while the download ran');
  else if (after >= dropped && dropped > kept.length) {
    run.problems.push(`records: ${after} agent updates live after ${collected} records were collected (${dropped} before)`);
  }
  await run.close(session, 'records');
  await run.expectNoneLive('records collected mid-operation');
}

const WORKER_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { UpdateSession } = require(workerData.entry);
  const outcome = (promise) => promise.then(() => 'ok', (error) => error.constructor.name);
  (async () => {
    const sessions = Array.from({ length: workerData.sessions }, () => new UpdateSession({ clientApplicationId: 'worker' }));
    if (workerData.terminateMidOperation) {
      // Operations in flight all the time, some settling as the worker is torn down.
      for (const session of sessions) session.download(workerData.slowId).catch(() => {});
      for (const [i, session] of sessions.entries()) {
        (async () => {
          for (;;) {
            await session.search().catch(() => {});
            await session.download(workerData.ids[i % workerData.ids.length]).catch(() => {});
          }
        })();
      }
      parentPort.postMessage({ started: true });
      return;
    }
    const results = await Promise.all(sessions.map(async (session, i) => {
      const found = await session.search();
      return [found.updates.length > 0 ? 'ok' : 'empty',
        await outcome(session.download(workerData.ids[i % workerData.ids.length])),
        await outcome(session.status()),
        await outcome((async () => { for await (const entry of session.history({ count: 5 })) void entry; })()),
        await outcome(session.close())];
    }));
    parentPort.postMessage({ results });
  })().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/** Four worker threads with sessions of their own, all at once, then workers terminated mid-operation. */
async function workerThreads(run: Run, sizes: Sizes): Promise<void> {
  const start = (terminateMidOperation: boolean): Promise<unknown> => new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { entry: ENTRY, sessions: sizes.workerSessions, ids: QUICK_IDS, slowId: SLOW_IDS[0], terminateMidOperation },
    });
    let message: unknown;
    worker.on('message', (value: { started?: boolean }) => {
      message = value;
      // Torn down while its downloads run: the agent's threads still call back into it.
      if (value.started) setTimeout(() => void worker.terminate(), 100 + below(200));
    });
    worker.on('error', (error) => { run.problems.push(`worker: ${describeError(error)}`); });
    worker.on('exit', () => resolve(message));
  });
  const messages = await Promise.all([false, false, false, false].map((terminate) => start(terminate)));
  for (const [index, message] of messages.entries()) {
    const results = (message as { results?: string[][] } | undefined)?.results;
    if (!results) {
      run.problems.push(`worker ${index}: no results (${JSON.stringify(message)})`);
      continue;
    }
    for (const row of results) {
      // Downloads from other workers may meet a busy agent: a typed error's name is fine too.
      if (row[0] !== 'ok' || row.slice(1).some((outcome) => !/^(ok|WindowsUpdateError|AbortError)$/.test(outcome))) {
        run.problems.push(`worker ${index}: ${JSON.stringify(row)}`);
      }
    }
    run.tally.started += results.length * 5;
    run.tally.settled += results.length * 5;
  }
  // Workers torn down mid-operation, a few at once, each at a moment of its own.
  let terminated = 0;
  for (let round = 0; round < sizes.terminatedWorkers / 2; round++) {
    const ended = await Promise.all([start(true), start(true)]);
    for (const message of ended) {
      if (!(message as { started?: boolean } | undefined)?.started) run.problems.push('a worker to terminate never started its operations');
      terminated += 1;
    }
  }
  run.figures.workers = 4;
  run.figures.workersTerminated = terminated;
  run.sessions += sizes.workerSessions * (4 + terminated);
  // This thread's sessions still work after the worker went.
  const session = run.open();
  const after = await settle(run.tally, 'after a worker was terminated: search', session.search());
  if (!after) run.problems.push('a search after a worker was terminated did not succeed');
  await run.close(session, 'after worker');
  await run.expectNoneLive('worker threads');
}

const CHILD_SOURCE = `
  const { UpdateSession } = require(process.env.STRESS_ENTRY);
  const session = new UpdateSession({ clientApplicationId: 'killed' });
  let told = false;
  session.install(process.env.STRESS_UPDATE, {
    onProgress: () => {
      if (told) return;
      told = true;
      process.stdout.write('installing\\n');
      if (process.env.STRESS_EXIT === '1') setTimeout(() => process.exit(3), 20);
    },
  }).then(() => process.stdout.write('finished\\n'), (error) => process.stdout.write('failed ' + error.message + '\\n'));
`;

/**
 * Files beside the state other than the state and its network log. A temporary file of the
 * agent's (`.tmp.<pid>`, renamed over the state once written) is the agent's, not this package's.
 */
function strayFiles(stateFile: string): string[] {
  const dir = path.dirname(stateFile);
  const base = path.basename(stateFile);
  const own = new Set([base, `${base}.network`]);
  return readdirSync(dir).filter((name) => name.startsWith(base) && !own.has(name) && !name.startsWith(`${base}.tmp.`));
}

/** This package's own temporary folders (an offline scan's catalog copy) that a process `pid` left. */
function packageTempFiles(pid: number): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`${PACKAGE}-`) && name.includes(`-${pid}-`));
}

/**
 * A process that is killed, or exits, while it installs: the state it leaves is one the next
 * process reads, the update is either installed or not (never half), no file of the state's or
 * this package's is left behind, and the next session here searches and installs.
 */
async function killedMidInstall(run: Run, sizes: Sizes): Promise<void> {
  for (let i = 0; i < sizes.kills; i++) {
    const exitInstead = i % 2 === 1;
    const target = SLOW_IDS[i % SLOW_IDS.length]!;
    const scenario = useScenario(loadCatalog());
    const label = `${exitInstead ? 'exited' : 'killed'} mid-install ${i}`;
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
      env: { ...process.env, ...scenario.env, STRESS_ENTRY: ENTRY, STRESS_UPDATE: target, STRESS_EXIT: exitInstead ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    const installing = new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('installing')) resolve(true);
      });
      child.on('exit', () => resolve(false));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const timer = setTimeout(() => child.kill(), 60_000);
    if (!(await installing)) {
      run.problems.push(`${label}: the child never reported the install's progress (${output.trim()} ${errors.trim()})`);
    } else if (!exitInstead) {
      child.kill();
    }
    const code = await exited;
    clearTimeout(timer);
    if (output.includes('finished')) run.problems.push(`${label}: the install finished before the process ended`);
    if (exitInstead && code !== 3) run.problems.push(`${label}: the child exited with ${code} (${errors.trim()})`);
    run.figures.killedProcesses = (run.figures.killedProcesses ?? 0) + 1;

    // The next process's view: the state file whole, nothing left beside it, nothing of ours in the temp folder.
    if (existsSync(scenario.stateFile)) {
      try {
        JSON.parse(readFileSync(scenario.stateFile, 'utf8'));
      } catch (error) {
        run.problems.push(`${label}: the state file does not parse: ${describeError(error)}`);
      }
    }
    const stray = strayFiles(scenario.stateFile);
    if (stray.length) run.problems.push(`${label}: files left beside the state: ${stray.join(', ')}`);
    const temp = child.pid === undefined ? [] : packageTempFiles(child.pid);
    if (temp.length) run.problems.push(`${label}: temporary files left: ${temp.join(', ')}`);
    useScenario(loadCatalog(), { stateFile: scenario.stateFile, keepState: true });
    const session = run.open();
    const found = await settle(run.tally, `${label}: search after`, session.search(`UpdateID='${target}' and IsInstalled=0`));
    if (!found) run.problems.push(`${label}: the next search failed`);
    else if (found.updates.length !== 1) run.problems.push(`${label}: the interrupted update reads as installed`);
    const installed = await settle(run.tally, `${label}: install after`, session.install(target));
    if (installed?.resultCode !== 'succeeded') {
      run.problems.push(`${label}: the next install gave ${installed?.resultCode ?? 'an error'}`);
    }
    await run.close(session, label);
  }
  // An isolated session whose child is killed mid-install: the call rejects typed, the next call
  // starts a new child, and the session closes cleanly.
  useScenario(loadCatalog());
  const session = run.open({ isolation: 'process', graceMs: 2000 });
  await settle(run.tally, 'isolated kill: start', session.agentInfo());
  const install = settle(run.tally, 'isolated kill: install', session.install(SLOW_IDS[0]!, {
    onProgress: () => {
      const pid = session.processId;
      if (pid !== undefined) {
        try {
          process.kill(pid);
        } catch {
          // Already gone.
        }
      }
    },
  }));
  await install;
  run.figures.killedProcesses = (run.figures.killedProcesses ?? 0) + 1;
  const again = await settle(run.tally, 'isolated kill: search after', session.search());
  if (!again) run.problems.push('isolated kill: the next call after the child was killed failed');
  await run.close(session, 'isolated kill');
  await run.expectNoneLive('killed mid-install');
}

export async function runLoad(level: StressLevel): Promise<StressFigures> {
  const sizes = SIZES[level];
  const run = new Run();
  await watchingProcess(run.problems, async () => {
    useScenario(loadCatalog());
    await parallelSessions(run, sizes);
    useScenario(loadCatalog());
    await abortStorm(run, sizes);
    useScenario(loadCatalog(400));
    await closeInEveryPhase(run, sizes);
    useScenario(loadCatalog(300));
    await recordsCollectedMidOperation(run);
    useScenario(loadCatalog());
    await workerThreads(run, sizes);
    await killedMidInstall(run, sizes);
    releaseWedges();
  });
  await run.closeAll();
  const liveAfter = liveObjects().total;
  if (liveAfter !== 0) run.problems.push(`${liveAfter} agent objects live at the end`);
  const closedMidPhase = Object.values(run.closedMidPhase).reduce((sum, n) => sum + n, 0);
  const figures: Record<string, number> = {
    sessions: run.sessions,
    operationsStarted: run.tally.started,
    settled: run.tally.settled,
    fulfilled: run.tally.fulfilled,
    aborted: run.tally.aborted,
    ...run.figures,
    closedMidPhase,
    ...Object.fromEntries(Object.entries(run.closedMidPhase).map(([phase, n]) => [`closedMidPhase.${phase}`, n])),
    liveObjectsAfter: liveAfter,
    problems: run.problems.length,
  };
  const rejected = Object.entries(run.tally.rejected).sort((a, b) => b[1] - a[1]);
  const rows: Array<[string, string]> = [
    ['sessions', String(figures.sessions)],
    ['operations started / settled', `${figures.operationsStarted} / ${figures.settled}`],
    ['fulfilled', String(figures.fulfilled)],
    ['aborted', String(figures.aborted)],
    ['typed rejections', rejected.map(([name, n]) => `${name} ${n}`).join(', ') || 'none'],
    ['abort storm: operations / aborted', `${figures.stormOperations ?? 0} / ${figures.stormAborted ?? 0}`],
    ['closed mid-phase', Object.entries(run.closedMidPhase).map(([phase, n]) => `${phase} ${n}`).join(', ')],
    ['records collected mid-download', String(figures.recordsCollected ?? 0)],
    ['worker threads (terminated)', `${figures.workers ?? 0} (${figures.workersTerminated ?? 0})`],
    ['processes killed or exited mid-install', String(figures.killedProcesses ?? 0)],
    ['live agent objects after', String(liveAfter)],
  ];
  return { part: 'load', level, figures, rows, problems: run.problems };
}
