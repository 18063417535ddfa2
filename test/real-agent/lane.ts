// When the real-agent lane runs, and how. It runs on Windows only, and only when asked: its tests
// talk to the machine's own Windows Update Agent, so nothing runs them by accident. They only
// read (search, history, status, services, settings, preflight): nothing on the machine changes.
//
//   WUA_REAL_AGENT=1              run the lane (elsewhere, or without it, its tests are skipped)
//   WUA_REAL_AGENT_ONLINE=1       also one online search (network traffic to the update service)
//   WUA_REAL_AGENT_ISOLATION=...  the sessions' isolation: none (the default), process or broker
import type { Isolation } from '../../lib/index.js';

export const realAgent = process.platform === 'win32' && process.env.WUA_REAL_AGENT === '1';
export const onlineSearch = realAgent && process.env.WUA_REAL_AGENT_ONLINE === '1';

const isolations: readonly Isolation[] = ['none', 'process', 'broker'];
const asked = process.env.WUA_REAL_AGENT_ISOLATION ?? 'none';
if (!isolations.includes(asked as Isolation)) {
  throw new Error(`WUA_REAL_AGENT_ISOLATION is ${asked}: it may be ${isolations.join(', ')}`);
}
export const isolation = asked as Isolation;

/** A real agent's search reads a catalog of thousands of updates: minutes, not seconds. */
export const SEARCH_TIMEOUT_MS = 15 * 60_000;
