// The fake agent's speed (windows-update-agent/testing), in plain Node: a search of the 10,000-update
// catalog through the facade, as a user's test makes it. `node bench/fake.mjs <catalog.json>`.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { UpdateSession } = require('../dist/index.js');
const { FakeAgent } = require('../dist/testing/index.js');

const RUNS = 7;
const TARGET_MS = 200;
const file = process.argv[2];
if (!file) throw new Error('usage: node bench/fake.mjs <catalog.json>');

const loadStart = performance.now();
const agent = FakeAgent.fromScenario(file);
const loadMs = performance.now() - loadStart;
const session = new UpdateSession({ agent });
const times = [];
const cpuTimes = [];
let found = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { updates } = await session.search('IsInstalled=0 or IsInstalled=1', { includePotentiallySupersededUpdates: true });
  times.push(performance.now() - start);
  // CPU time too: on a shared machine the wall time counts other processes' turns.
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
  found = updates.length;
}
await session.close();
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
const cpuMedian = cpuTimes[Math.floor(RUNS / 2)];
console.log(`fake agent (plain Node ${process.version}): scenario of ${file.split(/[\\/]/).pop()} loaded and checked in ${loadMs.toFixed(0)} ms`);
console.log(`fake agent: search of ${found} updates, median of ${RUNS}: ${median.toFixed(1)} ms (target under ${TARGET_MS} ms${median < TARGET_MS ? '' : ': MISSED'}), `
  + `CPU ${cpuMedian.toFixed(1)} ms, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
console.log(JSON.stringify({
  fakeSearchUpdates: found, fakeSearchMedianMs: Number(median.toFixed(1)), fakeSearchCpuMs: Number(cpuMedian.toFixed(1)),
  fakeScenarioLoadMs: Math.round(loadMs),
}));
