// The isolation options of `new UpdateSession()`, checked when the session is made.
import { InvalidArgumentError } from '../errors.js';
import type { Isolation, UpdateSessionOptions } from '../types.js';

/**
 * The default grace period (ms): the agent confirms an abort of a search or a download within
 * moments; an install's abort waits for the installer that runs to finish, which the Windows
 * Update service sees through on its own once its client is gone.
 */
export const DEFAULT_GRACE_MS = 10_000;

// setTimeout's largest delay.
const MAX_GRACE_MS = 2 ** 31 - 1;

export interface IsolationSettings {
  isolation: Isolation;
  graceMs: number;
}

export function isolationSettings(options: unknown): IsolationSettings {
  const { isolation = 'none', graceMs } = (options ?? {}) as UpdateSessionOptions;
  if (isolation !== 'none' && isolation !== 'process' && isolation !== 'broker') {
    throw new InvalidArgumentError('options.isolation', "must be 'none', 'process' or 'broker'");
  }
  if (graceMs === undefined) return { isolation, graceMs: DEFAULT_GRACE_MS };
  if (typeof graceMs !== 'number') throw new InvalidArgumentError('options.graceMs', 'must be a number of milliseconds', 'ERR_INVALID_ARG_TYPE');
  if (!Number.isFinite(graceMs) || graceMs < 0 || graceMs > MAX_GRACE_MS) {
    throw new InvalidArgumentError('options.graceMs', `must be from 0 to ${MAX_GRACE_MS} milliseconds`);
  }
  if (isolation === 'none') throw new InvalidArgumentError('options.graceMs', "is only used with isolation 'process' or 'broker'");
  return { isolation, graceMs };
}
