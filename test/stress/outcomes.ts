// What load and soak count of every call they start: it settled with a result, with one of the
// package's typed errors (an abort among them), with something else (a problem), or not in time
// (a hang, also a problem).
import {
  AbortError, AddonLoadError, AgentUnresponsiveError, BrokerUnavailableError, HistoryChangedError, InvalidArgumentError,
  SessionClosedError, UnsupportedPlatformError, WindowsUpdateError,
} from '../../lib/index.js';

const TYPED_ERRORS = [
  WindowsUpdateError, AbortError, SessionClosedError, AgentUnresponsiveError, InvalidArgumentError, HistoryChangedError,
  BrokerUnavailableError, AddonLoadError, UnsupportedPlatformError,
];

export function isTypedError(error: unknown): boolean {
  return TYPED_ERRORS.some((type) => error instanceof type);
}

/** One line that names an error: its class, code and message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.constructor.name}${code === undefined ? '' : ` ${String(code)}`}: ${error.message}`;
  }
  return `a thrown ${typeof error}: ${String(error)}`;
}

export interface Tally {
  started: number;
  settled: number;
  fulfilled: number;
  /** Rejections by error class (`AbortError`, `WindowsUpdateError WU_E_INSTALL_NOT_ALLOWED`, ...). */
  rejected: Record<string, number>;
  aborted: number;
  problems: string[];
}

export function newTally(): Tally {
  return { started: 0, settled: 0, fulfilled: 0, rejected: {}, aborted: 0, problems: [] };
}

/**
 * Waits for `promise` as one counted call: a result or a typed error is fine, anything else, or
 * no answer within `hangMs`, is a problem named by `label`. Never rejects.
 */
export async function settle<T>(tally: Tally, label: string, promise: PromiseLike<T>, hangMs = 60_000): Promise<T | undefined> {
  tally.started += 1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((resolve) => { timer = setTimeout(() => resolve('hang'), hangMs); });
  try {
    const outcome = await Promise.race([Promise.resolve(promise).then((value) => ({ value })), hang]);
    if (outcome === 'hang') {
      tally.problems.push(`${label}: did not settle within ${hangMs} ms`);
      return undefined;
    }
    tally.settled += 1;
    tally.fulfilled += 1;
    return outcome.value;
  } catch (error) {
    tally.settled += 1;
    if (!isTypedError(error)) {
      tally.problems.push(`${label}: untyped error ${describeError(error)}`);
      return undefined;
    }
    if (error instanceof AbortError) tally.aborted += 1;
    const key = error instanceof WindowsUpdateError ? `${error.constructor.name} ${error.code}` : error!.constructor.name;
    tally.rejected[key] = (tally.rejected[key] ?? 0) + 1;
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Collects the unhandled rejections and uncaught exceptions that happen while `run` runs: each
 * is a problem, since a caller of the package would see it crash or warn.
 */
export async function watchingProcess<T>(problems: string[], run: () => Promise<T>): Promise<T> {
  const onRejection = (reason: unknown): void => { problems.push(`unhandled rejection: ${describeError(reason)}`); };
  const onException = (error: unknown): void => { problems.push(`uncaught exception: ${describeError(error)}`); };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    return await run();
  } finally {
    // A rejection is reported as unhandled a tick after it happens.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
}

export const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('the stress tests need --expose-gc (vitest.config.mts gives it)');
  collect();
};

export async function collectGarbage(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
