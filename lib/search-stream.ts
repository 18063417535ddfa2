// A search's records as they are read (UpdateSession.searchStream), and its heartbeats: the agent
// reports no progress of a search, which may take from seconds to many minutes.
import { AbortError, InvalidArgumentError } from './errors.js';
import type { SearchHeartbeat, SearchResult, UpdateSearchStream } from './types.js';

export interface HeartbeatSettings {
  onHeartbeat: (heartbeat: SearchHeartbeat) => void;
  intervalMs: number;
}

const DEFAULT_HEARTBEAT_MS = 1000;
const MIN_HEARTBEAT_MS = 10;

/** The heartbeat options checked: none without `onHeartbeat`. */
export function heartbeatSettings(onHeartbeat: unknown, intervalMs: unknown): HeartbeatSettings | undefined {
  if (onHeartbeat !== undefined && typeof onHeartbeat !== 'function') {
    throw new InvalidArgumentError('options.onHeartbeat', 'must be a function', 'ERR_INVALID_ARG_TYPE');
  }
  if (intervalMs !== undefined
    && (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs < MIN_HEARTBEAT_MS)) {
    throw new InvalidArgumentError('options.heartbeatIntervalMs', `must be a number of milliseconds, ${MIN_HEARTBEAT_MS} at least`);
  }
  if (onHeartbeat === undefined) {
    if (intervalMs !== undefined) throw new InvalidArgumentError('options.heartbeatIntervalMs', 'is only used with onHeartbeat');
    return undefined;
  }
  return { onHeartbeat: onHeartbeat as HeartbeatSettings['onHeartbeat'], intervalMs: intervalMs ?? DEFAULT_HEARTBEAT_MS };
}

/** Beats from its construction until stop(); nothing at all without settings. */
export class SearchHeartbeats {
  readonly #settings: HeartbeatSettings | undefined;
  readonly #started = performance.now();
  readonly #timer: ReturnType<typeof setInterval> | undefined;
  #phase: SearchHeartbeat['phase'] = 'searching';
  #updatesRead = 0;

  constructor(settings: HeartbeatSettings | undefined) {
    this.#settings = settings;
    if (!settings) return;
    this.#timer = setInterval(() => this.#beat(), settings.intervalMs);
    // The search itself keeps the process alive, not its heartbeat.
    this.#timer.unref();
  }

  /** The agent's search is done and `count` records are read. */
  read(count: number): void {
    this.#phase = 'reading';
    this.#updatesRead = count;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  #beat(): void {
    const heartbeat = {
      elapsedMs: Math.round(performance.now() - this.#started), phase: this.#phase, updatesRead: this.#updatesRead,
    };
    try {
      this.#settings!.onHeartbeat(heartbeat);
    } catch (error) {
      // The caller's bug, not the search's: it surfaces as a throwing listener's would.
      process.nextTick(() => { throw error; });
    }
  }
}

type Ending = { failed: false } | { failed: true; error: unknown };

/** Why a stream's search is stopped when its loop is left early: nothing the caller sees. */
class StreamLeft extends Error {}

/**
 * The records of one search, given to one loop as they are read. Records wait for the loop in
 * order; those it has taken are not kept. The caller's signal ends the loop at once with an
 * AbortError (the agent is asked to abort as search() asks it). Leaving the loop early aborts the
 * search too; either way the loop's end waits until the search has let go of the agent.
 */
export class SearchStream<R> implements UpdateSearchStream<R> {
  readonly result: Promise<Omit<SearchResult, 'updates'>>;
  readonly #controller = new AbortController();
  readonly #settled: Promise<unknown>;
  #queue: R[] = [];
  #head = 0;
  #ending: Ending | undefined;
  #running = true;
  #wake: (() => void) | undefined;
  #iterated = false;

  /**
   * `start` runs the search with a signal that also stops when the loop is left, handing each
   * chunk's records to its sink as they are read.
   */
  constructor(start: (sink: (records: readonly R[], from: number) => void, signal: AbortSignal) =>
    Promise<Omit<SearchResult, 'updates'>>, signal: AbortSignal | undefined) {
    const combined = signal ? AbortSignal.any([signal, this.#controller.signal]) : this.#controller.signal;
    const onAbort = (): void => this.#end({ failed: true, error: new AbortError('search', signal!.reason) });
    signal?.addEventListener('abort', onAbort, { once: true });
    const run = start((records, from) => this.#push(records, from), combined);
    this.result = run;
    // The loop reports the failure; `result` need not be awaited as well.
    run.catch(() => {});
    this.#settled = run.then(() => this.#end({ failed: false }), (error: unknown) => this.#end({ failed: true, error }))
      .finally(() => {
        this.#running = false;
        signal?.removeEventListener('abort', onAbort);
      });
  }

  async* [Symbol.asyncIterator](): AsyncGenerator<R, void, undefined> {
    if (this.#iterated) throw new InvalidArgumentError('stream', 'is iterated once: its records are not kept');
    this.#iterated = true;
    try {
      for (;;) {
        while (this.#head < this.#queue.length && !this.#ending?.failed) yield this.#queue[this.#head++]!;
        this.#queue = [];
        this.#head = 0;
        if (this.#ending?.failed) throw this.#ending.error;
        if (this.#ending) return;
        await new Promise<void>((resolve) => { this.#wake = resolve; });
      }
    } finally {
      this.#queue = [];
      if (this.#running) {
        this.#controller.abort(new StreamLeft('the loop over the search was left'));
        await this.#settled;
      }
    }
  }

  #push(records: readonly R[], from: number): void {
    if (this.#ending) return;
    for (let i = from; i < records.length; i++) this.#queue.push(records[i]!);
    this.#wakeLoop();
  }

  // The first ending stands: an abort the caller asked for is not undone by the search's end.
  #end(ending: Ending): void {
    this.#ending ??= ending;
    this.#wakeLoop();
  }

  #wakeLoop(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
