// A running agent operation as the caller sees it: a promise of its result that is also an async
// iterable of its progress, ended early by an AbortSignal once the agent confirms the abort.
import { AbortError } from './errors.js';
import type { Progress } from './types.js';

/** One iterator's view of an operation: the events since it was made, and whoever waits for the next. */
interface Listener {
  readonly queue: Progress[];
  waiting?: { resolve: (step: IteratorResult<Progress>) => void; reject: (error: unknown) => void };
}

type Ending = { failed: false } | { failed: true; error: unknown };

export class UpdateOperation<T> implements PromiseLike<T>, AsyncIterable<Progress> {
  readonly #result: Promise<T>;
  readonly #listeners = new Set<Listener>();
  #ending: Ending | undefined;

  /** @internal `start` receives the progress sink; the operation ends when its promise settles. */
  constructor(start: (progress: (event: Progress) => void) => Promise<T>) {
    this.#result = start((event) => this.#push(event));
    this.#result.then(() => this.#finish({ failed: false }), (error: unknown) => this.#finish({ failed: true, error }));
  }

  then<R1 = T, R2 = never>(onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.#result.then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#result.catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#result.finally(onFinally);
  }

  /**
   * Progress events in order. Every iterator sees every event from the moment it is made, so
   * any number of loops can watch one operation; one made before the operation's first event
   * sees them all. The loop ends when the operation succeeds and throws its error when it fails.
   * Leaving a loop early (`break`, `return`, a throw) only stops that loop from listening: the
   * operation goes on. Abort it through its `signal`.
   */
  [Symbol.asyncIterator](): AsyncIterator<Progress> {
    const listener: Listener = { queue: [] };
    if (!this.#ending) this.#listeners.add(listener);
    return {
      next: () => {
        const event = listener.queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (!this.#listeners.has(listener)) return this.#ended();
        return new Promise((resolve, reject) => { listener.waiting = { resolve, reject }; });
      },
      return: () => {
        this.#listeners.delete(listener);
        listener.queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /** What a loop sees once it has had every event: the end, or the operation's error. */
  #ended(): Promise<IteratorResult<Progress>> {
    if (this.#ending?.failed) return Promise.reject(this.#ending.error);
    return Promise.resolve({ value: undefined, done: true });
  }

  #push(event: Progress): void {
    for (const listener of this.#listeners) {
      const waiting = listener.waiting;
      listener.waiting = undefined;
      if (waiting) waiting.resolve({ value: event, done: false });
      else listener.queue.push(event);
    }
  }

  #finish(ending: Ending): void {
    this.#ending = ending;
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) {
      const waiting = listener.waiting;
      listener.waiting = undefined;
      if (!waiting) continue;
      if (ending.failed) waiting.reject(ending.error);
      else waiting.resolve({ value: undefined, done: true });
    }
  }
}

/**
 * Runs one native operation under an AbortSignal: rejects at once if the signal is already
 * aborted (nothing reaches the agent), and asks the agent to abort when it fires. The caller
 * turns the agent's "aborted" result into an AbortError, with what the result says.
 */
export async function underSignal<T>(operation: string, signal: AbortSignal | undefined,
  start: () => Promise<T>, abort: () => void): Promise<T> {
  if (signal?.aborted) throw new AbortError(operation, signal.reason);
  const onAbort = (): void => abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await start();
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
