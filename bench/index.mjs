// `npm run bench` (through scripts/bench.mjs): figures for the core, measured in one run against
// the simulated agent with a 10,000-update catalog. Prints a table and, last, one JSON line.
//   read ratio    time to bring every update, all fields, into JS / a plain C++ loop reading
//                 the same properties with the addon's reader (bench/native/read_updates.cc)
//   p99 delay     the event loop's 99th-percentile delay while search, download, install run
//   growth        memory after 1,000 search cycles minus memory after a warm-up
//   history ratio time to read a 10,000-entry history, every entry, into JS / the search of the
//                 same 10,000 updates, in pairs one right after the other (the machine is then
//                 switched to the same catalog with that history, through the simulated agent's
//                 control export)
//   isolation     the same read through a session isolated in a child process against it in
//                 process, the time to start a session's child, and the kill latency (isolation.mjs)
//   floor         the read against its floor at 1,000, 10,000 and 50,000 updates, a projected read
//                 of five fields, a stream's first record, and a late-bound script client
//                 (read-speed.mjs)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { ALL, EVERYTHING, measureDelay, median, ROOT, searchDelay, UpdateSession } from './measure.mjs';
import { isolationFigures } from './isolation.mjs';
import { lateBound, readAtSize } from './read-speed.mjs';

const SEARCH_CYCLES = Number(process.env.WUA_BENCH_CYCLES ?? 1000);
const READ_PAIRS = 15;
const HISTORY_PAIRS = 9;
const TARGETS = { readRatio: 1.5, p99DelayMs: 10, growthMb: 10, historyRatio: 1, isolatedReadRatio: 1.5 };
// The read against its floor (read-speed.mjs): the issue's targets.
const FLOOR_TARGETS = { floorRatio: 1.5, projectedRatio: 0.3, firstRecordMs: 10, searchP99DelayMs: 5, lateBoundSpeedup: 25 };
// Catalog sizes and the pairs measured at each (a 50,000-update read takes seconds).
const FLOOR_PAIRS = { 1000: 9, 10000: 7, 50000: 3 };

// scripts/bench.mjs writes the catalog before this process starts, so that generating it leaves
// no garbage here to be released while memory is measured.
const scenarioFile = process.env.WUA_BENCH_CATALOG;
const { firstUpdateId, busyUpdateIds } = JSON.parse(readFileSync(process.env.WUA_BENCH_CATALOG_IDS, 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'wua-bench-'));
// The simulator reads these when the first session is created, in this process and its children.
process.env.WUA_SIMULATOR_SCENARIO = scenarioFile;
process.env.WUA_SIMULATOR_STATE = path.join(work, 'state.json');

const mb = (bytes) => bytes / (1024 * 1024);
const round = (value, digits) => Number(value.toFixed(digits));
const rounded = (figures) => Object.fromEntries(Object.entries(figures).map(([key, value]) => [key,
  Array.isArray(value) ? value.map((v) => round(v, 2)) : round(value, key.endsWith('Ratio') ? 2 : 1)]));

// The simulated agent's control export (test/sim/README.md): the DLL loaded as a Node addon is
// the module the addon's CoCreateInstance loaded, so this switches the scenario it plays.
function playScenario(scenario, state) {
  const module = { exports: {} };
  process.dlopen(module, path.join(ROOT, 'build', 'sim', 'wua-simulator.dll'));
  module.exports.control('load', JSON.stringify({ scenario, state, reset: true }));
}

/**
 * Pairs of one read of the whole history and one search of every update, alternating which goes
 * first, each from a quiet heap: the median of the pairs' ratios, history / search.
 */
async function historyAgainstSearch(session, quiet) {
  const readHistory = async () => {
    const entries = [];
    for await (const entry of session.history()) entries.push(entry);
    return entries.length;
  };
  const timed = async (action) => {
    await quiet();
    const started = performance.now();
    const value = await action();
    return { value, ms: performance.now() - started };
  };
  const search = () => session.search(EVERYTHING, ALL);
  await readHistory();
  await search();
  const pairs = [];
  for (let pair = 0; pair < HISTORY_PAIRS; pair++) {
    const historyFirst = pair % 2 === 0;
    const first = await timed(historyFirst ? readHistory : search);
    const second = await timed(historyFirst ? search : readHistory);
    pairs.push(historyFirst ? { history: first, search: second } : { history: second, search: first });
  }
  return {
    entries: pairs[0].history.value,
    historyMs: median(pairs.map((p) => p.history.ms)),
    searchMs: median(pairs.map((p) => p.search.ms)),
    ratios: pairs.map((p) => p.history.ms / p.search.ms),
  };
}

// The plain C++ loop (bench/native/read_updates.cc) in a process of its own that stays up, so
// that each of its runs can follow a JS run within moments: one line in, one run, one line out.
class NativeReader {
  #child;
  #lines;
  #stderr = '';

  constructor(criteria) {
    this.#child = spawn(path.join(ROOT, 'build', 'bench', 'read-updates.exe'), [criteria],
      { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stderr.on('data', (data) => { this.#stderr += data; });
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  /** Milliseconds of one run. */
  async run() {
    this.#child.stdin.write('run\n');
    const { value, done } = await this.#lines.next();
    if (done) throw new Error(`read-updates.exe ended: ${this.#stderr}`);
    return JSON.parse(value).ms;
  }

  close() {
    this.#child.stdin.end();
  }
}

async function main() {
  const session = new UpdateSession({ clientApplicationId: 'benchmark' });

  // Memory first, before any large result has passed through the heap (its later release would
  // read as shrinkage): a narrow search over the same catalog, so that cycles are many and cheap.
  // The warm-up also loads the simulator's catalog, which the first search of a process does.
  const narrow = `UpdateID='${firstUpdateId}'`;
  for (let i = 0; i < 200; i++) await session.search(narrow);
  const settled = async () => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    globalThis.gc?.();
    return process.memoryUsage();
  };
  const before = await settled();
  for (let i = 0; i < SEARCH_CYCLES; i++) await session.search(narrow);
  const after = await settled();

  // Warm the large path on both sides before timing it (the native side loads the catalog).
  await session.search(EVERYTHING, ALL);
  const native = new NativeReader(EVERYTHING);
  await native.run();

  // Read ratio: pairs of one JS search and one native loop, one right after the other, so that a
  // slow spell of a shared machine weighs on both sides of a pair's ratio; the median of them.
  // Each side runs alone: before the native loop, this process collects the search's records and
  // lets the session release what they held.
  const quiet = async () => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await session.describe();  // behind whatever the collection left for the session's thread
  };
  const jsTimes = [];
  const nativeTimes = [];
  const pairRatios = [];
  let updatesRead = 0;
  for (let pair = 0; pair < READ_PAIRS; pair++) {
    await quiet();
    const started = performance.now();
    updatesRead = (await session.search(EVERYTHING, ALL)).updates.length;
    const js = performance.now() - started;
    await quiet();
    const c = await native.run();
    jsTimes.push(js);
    nativeTimes.push(c);
    pairRatios.push(js / c);
  }
  native.close();
  const readRatio = median(pairRatios);

  const search = { p99: await searchDelay(session) };
  globalThis.gc?.();
  const download = await measureDelay(() => session.download(busyUpdateIds, { onProgress: () => {} }));
  globalThis.gc?.();
  const install = await measureDelay(() => session.install(busyUpdateIds, { onProgress: () => {} }));

  globalThis.gc?.();
  const isolation = await isolationFigures(session);

  await session.close();

  playScenario(process.env.WUA_BENCH_HISTORY, path.join(work, 'history-state.json'));
  const reader = new UpdateSession({ clientApplicationId: 'benchmark' });
  const history = await historyAgainstSearch(reader, async () => {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await reader.describe();
  });
  await reader.close();

  // The floor at each size, each catalog played by this process and the C++ loops on states of
  // their own, so that neither reloads what the other saved.
  const catalogs = JSON.parse(process.env.WUA_BENCH_SIZES);
  const floor = {};
  for (const [size, file] of Object.entries(catalogs)) {
    globalThis.gc?.();
    floor[size] = await readAtSize({
      pairs: FLOOR_PAIRS[size] ?? 5,
      detailed: Number(size) === 10_000,
      play: () => {
        playScenario(file, path.join(work, `floor-${size}.json`));
        return { ...process.env, WUA_SIMULATOR_SCENARIO: file, WUA_SIMULATOR_STATE: path.join(work, `floor-native-${size}.json`) };
      },
    });
  }
  const script = lateBound({ ...process.env, WUA_SIMULATOR_SCENARIO: catalogs[10000], WUA_SIMULATOR_STATE: path.join(work, 'script.json') });
  rmSync(work, { recursive: true, force: true });
  const ten = floor[10000];
  // Per update, both without the agent's search: the facade's read less the floor's search time.
  const facadePerUpdateMs = (ten.jsReadMs - ten.agentSearchMs) / ten.updates;
  const scriptPerUpdateMs = script.readMs / script.updates;

  const figures = {
    updates: updatesRead,
    jsReadMs: Number(median(jsTimes).toFixed(1)),
    nativeReadMs: Number(median(nativeTimes).toFixed(1)),
    readRatio: Number(readRatio.toFixed(2)),
    readRatioPairs: pairRatios.map((ratio) => Number(ratio.toFixed(2))),
    searchP99DelayMs: Number(search.p99.toFixed(2)),
    downloadP99DelayMs: Number(download.p99.toFixed(2)),
    installP99DelayMs: Number(install.p99.toFixed(2)),
    searchCycles: SEARCH_CYCLES,
    rssGrowthMb: Number(mb(after.rss - before.rss).toFixed(2)),
    heapGrowthMb: Number(mb(after.heapUsed - before.heapUsed).toFixed(2)),
    historyEntries: history.entries,
    historyReadMs: Number(history.historyMs.toFixed(1)),
    historySearchMs: Number(history.searchMs.toFixed(1)),
    historyRatio: Number(median(history.ratios).toFixed(2)),
    historyRatioPairs: history.ratios.map((ratio) => Number(ratio.toFixed(2))),
    ...isolation,
    floor: Object.fromEntries(Object.entries(floor).map(([size, f]) => [size, rounded(f)])),
    projectedRatio: round(ten.projectedRatio, 2),
    firstRecordAfterSearchMs: round(ten.firstRecordAfterSearchMs, 1),
    lateBound: {
      sample: script.updates, scriptPerUpdateMs: round(scriptPerUpdateMs, 3), facadePerUpdateMs: round(facadePerUpdateMs, 4),
      speedup: round(scriptPerUpdateMs / facadePerUpdateMs, 1), scriptSearchMs: script.searchMs,
      reachable: script.reachable.length, unreachable: script.unreachable,
    },
  };
  const check = (value, target, name) => ({ name, value: round(value, 2), target, ok: name === 'lateBoundSpeedup' ? value >= target : value <= target });
  figures.targets = [
    ...Object.entries(floor).map(([size, f]) => check(f.floorRatio, FLOOR_TARGETS.floorRatio, `floorRatio${size}`)),
    check(ten.projectedRatio, FLOOR_TARGETS.projectedRatio, 'projectedRatio'),
    check(ten.firstRecordAfterSearchMs, FLOOR_TARGETS.firstRecordMs, 'firstRecordAfterSearchMs'),
    check(figures.searchP99DelayMs, FLOOR_TARGETS.searchP99DelayMs, 'searchP99DelayMs'),
    check(scriptPerUpdateMs / facadePerUpdateMs, FLOOR_TARGETS.lateBoundSpeedup, 'lateBoundSpeedup'),
    check(figures.rssGrowthMb, TARGETS.growthMb, 'rssGrowthMb'),
  ];
  const verdict = (value, target) => (value <= target ? 'ok' : 'MISSED');
  const atLeast = (value, target) => (value >= target ? 'ok' : 'MISSED');
  const floorRows = Object.entries(floor).flatMap(([size, f]) => {
    const n = Number(size).toLocaleString('en');
    return [
      [`read all fields of ${n} updates into JS`, `${f.jsReadMs.toFixed(1)} ms`, ''],
      [`floor: the same agent calls in C++, nothing kept (${n})`, `${f.floorMs.toFixed(1)} ms`, ''],
      [`  of which the agent's search (${n})`, `${f.agentSearchMs.toFixed(1)} ms`, ''],
      [`ratio JS / floor (${n}, median of the pairs)`, `${f.floorRatio.toFixed(2)}x`,
        `<= ${FLOOR_TARGETS.floorRatio}x ${verdict(f.floorRatio, FLOOR_TARGETS.floorRatio)} (stretch 1.2x)`],
      [`ratio of the reads alone, the search off both (${n})`, `${f.floorReadRatio.toFixed(2)}x`, ''],
    ];
  });
  floorRows.push(
    ['addon reader in a C++ loop (old baseline, 10,000)', `${ten.readerMs.toFixed(1)} ms`, ''],
    ['ratio JS / addon reader in C++ (10,000)', `${ten.readerRatio.toFixed(2)}x`, ''],
    [`projected read of five fields (10,000)`, `${ten.projectedMs.toFixed(1)} ms`, ''],
    ['ratio projected / full read', `${ten.projectedRatio.toFixed(2)}x`,
      `<= ${FLOOR_TARGETS.projectedRatio}x ${verdict(ten.projectedRatio, FLOOR_TARGETS.projectedRatio)}`],
    ['stream: first record in JS after the agent\'s search', `${ten.firstRecordAfterSearchMs.toFixed(1)} ms`,
      `<= ${FLOOR_TARGETS.firstRecordMs} ms ${verdict(ten.firstRecordAfterSearchMs, FLOOR_TARGETS.firstRecordMs)}`],
    ['event loop p99 delay during search (issue target)', `${figures.searchP99DelayMs} ms`,
      `< ${FLOOR_TARGETS.searchP99DelayMs} ms ${verdict(figures.searchP99DelayMs, FLOOR_TARGETS.searchP99DelayMs)}`],
    [`late-bound JScript client, per update (${script.updates} read)`, `${scriptPerUpdateMs.toFixed(3)} ms`, ''],
    ['facade, per update (10,000, the search off)', `${facadePerUpdateMs.toFixed(4)} ms`, ''],
    ['speed-up of the facade over the script', `${(scriptPerUpdateMs / facadePerUpdateMs).toFixed(1)}x`,
      `>= ${FLOOR_TARGETS.lateBoundSpeedup}x ${atLeast(scriptPerUpdateMs / facadePerUpdateMs, FLOOR_TARGETS.lateBoundSpeedup)}`],
    // Wine's JScript converts no DECIMAL (sizes) or DATE (dates) variant: those fail by script there.
    [`  the script reached ${script.reachable.length} properties; failed in JScript: ${script.unreachable
      .map((name) => `${name} (0x${script.failures?.[name] ?? '?'})`).join(', ') || 'none'}`, '', ''],
  );
  const rows = [
    ['read all fields of 10,000 updates into JS', `${figures.jsReadMs} ms`, ''],
    ['plain C++ loop reading the same properties', `${figures.nativeReadMs} ms`, ''],
    ['ratio JS / C++ (median of the pairs)', `${figures.readRatio}x`, `<= ${TARGETS.readRatio}x ${verdict(figures.readRatio, TARGETS.readRatio)}`],
    ['event loop p99 delay during search', `${figures.searchP99DelayMs} ms`, `< ${TARGETS.p99DelayMs} ms ${verdict(figures.searchP99DelayMs, TARGETS.p99DelayMs)}`],
    [`event loop p99 delay during download (${busyUpdateIds.length} updates)`, `${figures.downloadP99DelayMs} ms`, `< ${TARGETS.p99DelayMs} ms ${verdict(figures.downloadP99DelayMs, TARGETS.p99DelayMs)}`],
    [`event loop p99 delay during install (${busyUpdateIds.length} updates)`, `${figures.installP99DelayMs} ms`, `< ${TARGETS.p99DelayMs} ms ${verdict(figures.installP99DelayMs, TARGETS.p99DelayMs)}`],
    [`RSS growth over ${SEARCH_CYCLES} search cycles`, `${figures.rssGrowthMb} MB`, `< ${TARGETS.growthMb} MB ${verdict(figures.rssGrowthMb, TARGETS.growthMb)}`],
    [`JS heap growth over ${SEARCH_CYCLES} search cycles`, `${figures.heapGrowthMb} MB`, ''],
    [`read a ${figures.historyEntries.toLocaleString('en')}-entry history, all fields, into JS`, `${figures.historyReadMs} ms`, ''],
    [`search of the same ${figures.updates.toLocaleString('en')} updates, in the same pairs`, `${figures.historySearchMs} ms`, ''],
    ['ratio history / search (median of the pairs)', `${figures.historyRatio}x`,
      `<= ${TARGETS.historyRatio}x ${verdict(figures.historyRatio, TARGETS.historyRatio)}`],
    ['isolated: read all fields of 10,000 updates', `${figures.isolatedReadMs} ms`, ''],
    ['isolated: the same read in process', `${figures.inProcessReadMs} ms`, ''],
    ['isolated: ratio isolated / in process (median)', `${figures.isolatedReadRatio}x`,
      `<= ${TARGETS.isolatedReadRatio}x ${verdict(figures.isolatedReadRatio, TARGETS.isolatedReadRatio)}`],
    ['isolated: event loop p99 delay during search', `${figures.isolatedSearchP99DelayMs} ms`,
      `< ${TARGETS.p99DelayMs} ms ${verdict(figures.isolatedSearchP99DelayMs, TARGETS.p99DelayMs)}`],
    ['isolated: a session\'s child started, first answer', `${figures.childStartMs} ms`, ''],
    [`isolated: kill latency after a ${figures.killGraceMs} ms grace`, `${figures.killLatencyMs} ms`, ''],
    ...floorRows,
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'measure'.padEnd(width)}  ${'value'.padEnd(12)}  target`);
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(12)}  ${target}`);
  console.log(JSON.stringify(figures));
}

await main();
