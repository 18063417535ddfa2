// The figures of process isolation, measured in the same run as the in-process ones:
//   isolated read   the time to bring every update, all fields, into JS through a session whose
//                   agent session is in a child process, against the same read in process
//   child start     a new isolated session's first answer: the child started, the addon loaded,
//                   the agent session opened
//   kill latency    after the grace period of a wedged search's abort has passed, the time until
//                   the search has rejected with its child gone
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ALL, EVERYTHING, median, searchDelay, UpdateSession } from './measure.mjs';

const READ_PAIRS = 9;
const STARTS = 5;
const KILLS = 3;
const KILL_GRACE_MS = 500;

/** Runs `run` with the simulated agent of children started meanwhile playing `scenario` on `state`. */
async function withScenario(scenario, state, run) {
  const saved = { scenario: process.env.WUA_SIMULATOR_SCENARIO, state: process.env.WUA_SIMULATOR_STATE };
  process.env.WUA_SIMULATOR_SCENARIO = scenario;
  process.env.WUA_SIMULATOR_STATE = state;
  try {
    return await run();
  } finally {
    process.env.WUA_SIMULATOR_SCENARIO = saved.scenario;
    process.env.WUA_SIMULATOR_STATE = saved.state;
  }
}

export async function isolationFigures(inProcess) {
  const isolated = new UpdateSession({ clientApplicationId: 'benchmark', isolation: 'process' });
  // The child's agent loads the catalog on its first search, as this process's did.
  await isolated.search(EVERYTHING, ALL);

  // Pairs of one read in process and one isolated, one right after the other; the median ratio.
  const quiet = async (session) => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await session.describe();
  };
  const here = [];
  const there = [];
  const ratios = [];
  for (let pair = 0; pair < READ_PAIRS; pair++) {
    await quiet(inProcess);
    let started = performance.now();
    const inProcessCount = (await inProcess.search(EVERYTHING, ALL)).updates.length;
    const a = performance.now() - started;
    await quiet(isolated);
    started = performance.now();
    const isolatedCount = (await isolated.search(EVERYTHING, ALL)).updates.length;
    const b = performance.now() - started;
    if (isolatedCount !== inProcessCount) throw new Error(`the isolated read found ${isolatedCount} updates, not ${inProcessCount}`);
    here.push(a);
    there.push(b);
    ratios.push(b / a);
  }
  const isolatedSearchP99 = await searchDelay(isolated);
  await isolated.close();

  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    const session = new UpdateSession({ clientApplicationId: 'benchmark', isolation: 'process' });
    const started = performance.now();
    await session.describe();
    starts.push(performance.now() - started);
    await session.close();
  }

  const work = mkdtempSync(path.join(tmpdir(), 'wua-bench-wedge-'));
  const wedge = path.join(work, 'wedge.json');
  writeFileSync(wedge, JSON.stringify({ name: 'wedged-search', search: { wedged: true } }));
  const kills = [];
  for (let i = 0; i < KILLS; i++) {
    const session = new UpdateSession({ clientApplicationId: 'benchmark', isolation: 'process', graceMs: KILL_GRACE_MS });
    await withScenario(wedge, path.join(work, 'state.json'), () => session.describe());
    const controller = new AbortController();
    const search = session.search('', { signal: controller.signal }).catch((error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const aborted = performance.now();
    controller.abort();
    const failure = await search;
    if (failure?.name !== 'AgentUnresponsiveError') throw new Error(`a wedged search ended with ${failure}`);
    kills.push(performance.now() - aborted - KILL_GRACE_MS);
    await session.close();
  }
  rmSync(work, { recursive: true, force: true });

  return {
    isolatedReadMs: Number(median(there).toFixed(1)),
    inProcessReadMs: Number(median(here).toFixed(1)),
    isolatedReadRatio: Number(median(ratios).toFixed(2)),
    isolatedReadRatioPairs: ratios.map((ratio) => Number(ratio.toFixed(2))),
    isolatedSearchP99DelayMs: Number(isolatedSearchP99.toFixed(2)),
    childStartMs: Number(median(starts).toFixed(1)),
    killLatencyMs: Number(median(kills).toFixed(1)),
    killGraceMs: KILL_GRACE_MS,
  };
}
