// Which records JS still holds, so that the agent's objects behind them go with the last one.
import type { UpdateRecord } from '../types.js';

/**
 * Tells the session which records JS let go of, so that the agent's object behind an update can
 * be released once no record of it is left (the addon counts them: see update_cache.h).
 */
export class RecordTracker {
  readonly #registry: FinalizationRegistry<string>;
  #collected: string[] = [];
  #closed = false;

  constructor(forget: (updateIds: string[]) => void) {
    this.#registry = new FinalizationRegistry((updateId) => {
      if (this.#closed) return;
      // Records are collected by the thousand: one call to the addon for all of them.
      if (this.#collected.push(updateId) > 1) return;
      queueMicrotask(() => {
        const updateIds = this.#collected;
        this.#collected = [];
        if (!this.#closed) forget(updateIds);
      });
    });
  }

  /** Tracks `records` from index `from` on. */
  track(records: readonly UpdateRecord[], from = 0): void {
    if (this.#closed) return;
    for (let i = from; i < records.length; i++) {
      const record = records[i]!;
      this.#registry.register(record, record.identity.updateId);
    }
  }

  /** The session released everything at once: records collected later have nothing to release. */
  close(): void {
    this.#closed = true;
    this.#collected = [];
  }
}
