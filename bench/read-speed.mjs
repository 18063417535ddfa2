// The read against its floor, measured in the same run at 1,000, 10,000 and 50,000 updates:
//   floor ratio     time to bring every update, all fields, into JS / the floor: a C++ loop making
//                   exactly the agent calls the addon's reader makes, each value consumed at once
//                   (bench/native/read_floor.cc); both include the simulated agent's search, and
//                   the ratio of the reads alone (the floor's own timing of the search taken off
//                   both) is given beside it
//   reader ratio    the same against the addon's own reader in a C++ loop (read_updates.cc), the
//                   old baseline
//   projection      a search for five fields against the full read, in pairs
//   first record    a stream's first record in JS after the agent's search is done: the time to
//                   the first record less the floor's time of the agent's search alone
//   late-bound      a JScript client under cscript reading, through IDispatch, the properties the
//                   simulator's type library lets a script reach, for a sample of the catalog: its
//                   time per update against the facade's (read time less the search, per update)
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { ALL, EVERYTHING, median, ROOT, UpdateSession } from './measure.mjs';

const FIVE_FIELDS = ['title', 'kbArticleIds', 'msrcSeverity', 'isInstalled', 'deploymentAction'];
const SCRIPT_SAMPLE = 200;

/** A C++ loop (read-floor.exe, read-updates.exe) in a process that stays up: one line in, one run, one JSON line out. */
class NativeLoop {
  #child;
  #lines;
  #stderr = '';

  constructor(exe, criteria, env) {
    this.#child = spawn(path.join(ROOT, 'build', 'bench', exe), [criteria], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (data) => { this.#stderr += data; });
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  async run() {
    this.#child.stdin.write('run\n');
    const { value, done } = await this.#lines.next();
    if (done) throw new Error(`${this.#child.spawnfile} ended: ${this.#stderr}`);
    return JSON.parse(value);
  }

  close() {
    this.#child.stdin.end();
  }
}

async function timed(action) {
  const started = performance.now();
  const value = await action();
  return { value, ms: performance.now() - started };
}

/** The stream's first record, and the whole stream, from the call (ms). */
async function firstRecord(session) {
  const started = performance.now();
  let first = 0;
  let count = 0;
  for await (const _update of session.searchStream(EVERYTHING, ALL)) {
    if (count++ === 0) first = performance.now() - started;
  }
  return { first, count };
}

/**
 * The read at one catalog size. `play` switches the simulated agent of this process to the
 * catalog and returns the environment a child process plays it with.
 */
export async function readAtSize({ play, pairs, detailed }) {
  const env = play();
  const session = new UpdateSession({ clientApplicationId: 'benchmark' });
  const quiet = async () => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await session.describe();
  };
  const floor = new NativeLoop('read-floor.exe', EVERYTHING, env);
  const reader = detailed ? new NativeLoop('read-updates.exe', EVERYTHING, env) : undefined;
  // Warm both sides: each agent loads the catalog on its first search.
  await session.search(EVERYTHING, ALL);
  await floor.run();
  await reader?.run();
  const rows = [];
  for (let pair = 0; pair < pairs; pair++) {
    await quiet();
    const js = await timed(() => session.search(EVERYTHING, ALL));
    await quiet();
    const c = await floor.run();
    const row = { js: js.ms, updates: js.value.updates.length, floor: c.ms, searchMs: c.searchMs };
    if (reader) {
      await quiet();
      row.reader = (await reader.run()).ms;
    }
    if (detailed) {
      await quiet();
      row.projected = (await timed(() => session.search(EVERYTHING, { ...ALL, fields: FIVE_FIELDS }))).ms;
      await quiet();
      row.first = (await firstRecord(session)).first;
    }
    rows.push(row);
  }
  floor.close();
  reader?.close();
  await session.close();
  const med = (pick) => median(rows.map(pick));
  const figures = {
    updates: rows[0].updates,
    jsReadMs: med((r) => r.js),
    floorMs: med((r) => r.floor),
    agentSearchMs: med((r) => r.searchMs),
    floorRatio: med((r) => r.js / r.floor),
    // The reads alone: the agent's search, which both pay, taken off both.
    floorReadRatio: med((r) => (r.js - r.searchMs) / (r.floor - r.searchMs)),
    floorRatioPairs: rows.map((r) => r.js / r.floor),
  };
  if (detailed) {
    Object.assign(figures, {
      readerMs: med((r) => r.reader),
      readerRatio: med((r) => r.js / r.reader),
      projectedMs: med((r) => r.projected),
      projectedRatio: med((r) => r.projected / r.js),
      firstRecordMs: med((r) => r.first),
      firstRecordAfterSearchMs: med((r) => r.first - r.searchMs),
    });
  }
  return figures;
}

/**
 * The late-bound client: bench/script/read-updates.js under cscript, on the same catalog, reading
 * the first SCRIPT_SAMPLE updates of the same search.
 */
export function lateBound(env) {
  const cscript = path.join(process.env.SystemRoot ?? 'C:\\windows', 'system32', 'cscript.exe');
  const script = path.join(ROOT, 'bench', 'script', 'read-updates.js');
  // No //E:JScript: Wine's cscript rejects that switch; the .js extension selects JScript.
  const run = spawnSync(cscript, ['//nologo', script, String(SCRIPT_SAMPLE), EVERYTHING],
    { env, encoding: 'utf8', timeout: 600_000 });
  const line = run.stdout?.split(/\r?\n/).find((text) => text.startsWith('RESULT '));
  if (!line) throw new Error(`no RESULT line from cscript (status ${run.status}): ${run.stdout} ${run.stderr}`);
  const result = JSON.parse(line.slice('RESULT '.length));
  if (result.error) throw new Error(`the script failed at ${result.error.step}: ${result.error.message}`);
  return result;
}
