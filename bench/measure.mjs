// What the benchmark measures with: how to find the package, what "every update" means, and
// how the event loop's delay is measured.
import { createRequire } from 'node:module';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const { UpdateSession } = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'index.js'));

// Every update of the catalog: installed or not, any deployment action, superseded or not.
export const EVERYTHING = 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*';
export const ALL = { includePotentiallySupersededUpdates: true };
export const DELAY_SEARCHES = 5;

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureDelay(action) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const result = await action();
  const ms = performance.now() - started;
  histogram.disable();
  return { result, ms, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

/**
 * The p99 delay during a search of every update, each from a collected heap (garbage the
 * benchmark left is not the search's); a search is short (about 200 samples of 1 ms), so the
 * figure is the median of several.
 */
export async function searchDelay(session) {
  const delays = [];
  for (let i = 0; i < DELAY_SEARCHES; i++) {
    globalThis.gc?.();
    delays.push((await measureDelay(() => session.search(EVERYTHING, ALL))).p99);
  }
  return median(delays);
}
