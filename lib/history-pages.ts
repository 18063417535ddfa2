// Reading the agent's history page by page as it stood when the read began. The history is newest
// first, so every entry the agent records while a read goes on lands in front and shifts the
// pages behind it: read naively, page n + 1 would start with entries page n already gave. Each
// later page is therefore asked from the last entry given (one entry of overlap); where that entry
// turns up in the new page says how many entries came in front meanwhile, and the read goes on
// after it. Plain TS over a page source, so that it is tested without an agent (test/unit).
import { AbortError, HistoryChangedError } from './errors.js';

/** A page of the history: entries [start, start + count) as they stand now, newest first. */
export interface Page<T> {
  /** The number of entries in the history when the page was read. */
  total: number;
  /** Fewer than asked where the history ends; none at or past its end. */
  entries: readonly T[];
}

/** Reads a page; rejects when `signal` fires (the read is then of no use). */
export type ReadPage<T> = (start: number, count: number, signal: AbortSignal) => Promise<Page<T>>;

export interface SnapshotOptions<T> {
  /** The index of the first entry to give (0: the newest). */
  start: number;
  /** The most entries to give; Infinity for every entry from `start` on. */
  limit: number;
  /** The most entries a page asks for, the entry of overlap apart. */
  pageSize: number;
  signal?: AbortSignal;
  /** The operation an AbortError names. */
  operation: string;
  /** Whether two entries are one: how the entry of overlap is found again. */
  same: (a: T, b: T) => boolean;
  /**
   * Whether the caller may want entries after `entry`, the last of a page: when not, no further
   * page is read ahead (a read since a date ends at the first older entry).
   */
  wantsAfter?: (entry: T) => boolean;
}

/**
 * The entries [start, start + limit) of the history as it stood at the first page, each once.
 * Entries added meanwhile are not given, and do not shift what is: after page n, page n + 1 is
 * read while the caller consumes page n, from the place of page n's last entry, and continues
 * after that entry wherever it now stands. When the entry is not in that page (more entries came
 * in front than the page holds, or the history was cleared or pruned), the page is read once more
 * where the change of the agent's total puts it; when it is not there either, or when the history
 * ends before the entries still to give, the read rejects with HistoryChangedError rather than
 * skip or repeat an entry.
 */
export class HistorySnapshot<T> {
  readonly #read: ReadPage<T>;
  readonly #options: SnapshotOptions<T>;
  // Ends the page that runs when the caller stops early; the caller's signal ends it too.
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal;
  #first: Promise<Page<T>> | undefined;
  #pending: Promise<Page<T>> | undefined;

  constructor(read: ReadPage<T>, options: SnapshotOptions<T>) {
    this.#read = read;
    this.#options = options;
    this.#signal = options.signal ? AbortSignal.any([options.signal, this.#stop.signal]) : this.#stop.signal;
  }

  /** The agent's total when the read began (read with the first page, which this starts). */
  get total(): Promise<number> {
    return this.#firstPage().then((page) => page.total);
  }

  /** Stops the page that runs, if any, without waiting for it. */
  stop(): void {
    this.#stop.abort();
  }

  /** Stops the page that runs, if any, and waits until it has stopped. */
  async close(): Promise<void> {
    this.stop();
    await Promise.allSettled([this.#first, this.#pending]);
  }

  async *entries(): AsyncGenerator<T, void, undefined> {
    const { start, limit, pageSize, same } = this.#options;
    try {
      const firstCount = Math.min(pageSize, limit);
      const first = await this.#firstPage();
      const { total } = first;
      let given = 0;
      const changed = (detail: string): HistoryChangedError => new HistoryChangedError(given, total, detail);
      let remaining = Math.min(limit, Math.max(0, total - start));
      let entries = first.entries.slice(0, remaining);
      if (entries.length < Math.min(firstCount, remaining)) throw changed('it ended before the entries its total counts');
      // Where the last entry given stands in the history as the agent last gave it.
      let position = start + entries.length - 1;
      let last: T | undefined;
      let knownTotal = total;
      for (;;) {
        remaining -= entries.length;
        last = entries.at(-1) ?? last;
        const count = Math.min(pageSize, remaining) + 1;
        const wanted = last === undefined || (this.#options.wantsAfter?.(last) ?? true);
        this.#pending = remaining > 0 && wanted ? this.#fetch(position, count) : undefined;
        for (const entry of entries) {
          if (this.#options.signal?.aborted) throw new AbortError(this.#options.operation, this.#options.signal.reason);
          yield entry;
          given += 1;
        }
        if (!this.#pending || last === undefined) return;
        const overlap = last;
        let page = await this.#pending;
        let anchor = position;
        let found = page.entries.findIndex((entry) => same(entry, overlap));
        if (found < 0) {
          // More entries came in front than the page holds, or some went: once more, where the
          // change of the total says the entry now stands.
          anchor = position + page.total - knownTotal;
          if (anchor === position || anchor < 0 || anchor >= page.total) throw changed('an entry it gave is gone');
          page = await (this.#pending = this.#fetch(anchor, count));
          found = page.entries.findIndex((entry) => same(entry, overlap));
          if (found < 0) throw changed('an entry it gave is gone');
        }
        this.#pending = undefined;
        knownTotal = page.total;
        entries = page.entries.slice(found + 1, found + 1 + remaining);
        if (page.entries.length < count && entries.length < remaining) throw changed('it ended before the entries it held');
        position = anchor + found + entries.length;
      }
    } finally {
      await this.close();
    }
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetch(this.#options.start, Math.min(this.#options.pageSize, this.#options.limit));
    return this.#first;
  }

  #fetch(start: number, count: number): Promise<Page<T>> {
    const page = this.#read(start, count, this.#signal);
    // Awaited later, or left behind when the caller stops first: not an unhandled rejection.
    page.catch(() => {});
    return page;
  }
}
