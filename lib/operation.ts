// A running agent operation as the caller sees it: a promise of its result that is also an async
// iterable of its progress, ended early by an AbortSignal once the agent confirms the abort.
import { AbortError } from './errors.js';
import type { Progress } from './types.js';

export class UpdateOperation<T> implements PromiseLike<T>, AsyncIterable<Progress> {
  readonly #result: Promise<T>;
  readonly #events: Progress[] = [];
  readonly #waiting: { resolve: (step: IteratorResult<Progress>) => void; reject: (error: unknown) => void }[] = [];
  #finished = false;
  #failure: unknown;
  #failed = false;

  /** @internal `start` receives the progress sink; the operation ends when its promise settles. */
  constructor(start: (progress: (event: Progress) => void) => Promise<T>) {
    this.#result = start((event) => this.#push(event));
    this.#result.then(() => this.#finish(), (error: unknown) => {
      this.#failed = true;
      this.#failure = error;
      this.#finish();
    });
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
   * Progress events in order, from the first to the last; the loop ends when the operation
   * succeeds and throws its error when it fails.
   */
  [Symbol.asyncIterator](): AsyncIterator<Progress> {
    return {
      next: () => {
        const event = this.#events.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.#finished) {
          return this.#failed ? Promise.reject(this.#failure) : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
      },
    };
  }

  #push(event: Progress): void {
    const waiter = this.#waiting.shift();
    if (waiter) waiter.resolve({ value: event, done: false });
    else this.#events.push(event);
  }

  #finish(): void {
    this.#finished = true;
    for (const waiter of this.#waiting.splice(0)) {
      if (this.#failed) waiter.reject(this.#failure);
      else waiter.resolve({ value: undefined, done: true });
    }
  }
}

/**
 * Runs one native operation under an AbortSignal: rejects at once if the signal is already
 * aborted (nothing reaches the agent), asks the agent to abort when it fires, and turns the
 * agent's "aborted" result into an AbortError.
 */
export async function underSignal<T>(operation: string, signal: AbortSignal | undefined,
  start: () => Promise<T>, abort: () => void, isAborted: (result: T) => boolean): Promise<T> {
  if (signal?.aborted) throw new AbortError(operation, signal.reason);
  const onAbort = (): void => abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await start();
    if (isAborted(result)) throw new AbortError(operation, signal?.reason);
    return result;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
