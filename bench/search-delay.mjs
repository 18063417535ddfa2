// The search delay measure alone, in a process of its own, so that the benchmark can show it
// under other JS engine settings (node <flags> bench/search-delay.mjs). Prints one JSON line.
import { searchDelay, UpdateSession, EVERYTHING, ALL } from './measure.mjs';

const session = new UpdateSession({ clientApplicationId: 'benchmark' });
await session.search(EVERYTHING, ALL);  // warm-up: loads the simulator's catalog, compiles
const p99 = await searchDelay(session);
await session.close();
console.log(JSON.stringify({ searchP99DelayMs: Number(p99.toFixed(2)) }));
