// The fake agent's speed (windows-update-agent/testing), in plain Node: a search of the 10,000-update
// catalog through the facade, as a user's test makes it. `node bench/fake.mjs <catalog.json>`.
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
let found = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const { updates } = await session.search('IsInstalled=0 or IsInstalled=1', { includePotentiallySupersededUpdates: true });
  times.push(performance.now() - start);
  found = updates.length;
}
await session.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
console.log(`fake agent (plain Node ${process.version}): scenario of ${file.split(/[\\/]/).pop()} loaded and checked in ${loadMs.toFixed(0)} ms`);
console.log(`fake agent: search of ${found} updates, median of ${RUNS}: ${median.toFixed(1)} ms (target under ${TARGET_MS} ms${median < TARGET_MS ? '' : ': MISSED'})`);
console.log(JSON.stringify({ fakeSearchUpdates: found, fakeSearchMedianMs: Number(median.toFixed(1)), fakeScenarioLoadMs: Math.round(loadMs) }));
