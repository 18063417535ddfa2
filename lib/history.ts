// The agent's history of installs and uninstalls: UpdateSession.history(), historyOf() and the
// entries they give. Pages come from the addon as chunks of the wire format (src/wire/README.md);
// paging through them as the history stood when a read began is history-pages.ts's.
import { AbortError } from './errors.js';
import { HistorySnapshot } from './history-pages.js';
import { type CheckedHistoryOptions, historyOfArguments, historyOptions } from './options.js';
import { addHistoryEntriesFromJson, type NativeHistoryPage, WireTables } from './records/decode.js';
import type { HistoryEntry } from './types.js';

/** Entries a page asks the agent for: ten calls for a history of ten thousand. */
export const HISTORY_PAGE_SIZE = 1000;

/** What the history needs of its session: the addon's calls, tracked as every call is (not for callers). */
export interface HistoryRunner {
  /** Entries [start, start + count) (historyPage); resolves with the page's closing JSON. */
  page(start: number, count: number, signal: AbortSignal, onChunk: (json: string) => void): Promise<string>;
  /** Every entry of one update (historyOf); resolves with the closing JSON. */
  ofUpdate(updateId: string, signal: AbortSignal | undefined, onChunk: (json: string) => void): Promise<string>;
  /** Why a read the addon confirmed as aborted was aborted: its signal, or close(). */
  abortReason(operation: string, signal: AbortSignal | undefined): unknown;
}

/** Reads through the addon, decoding each chunk as it arrives; rejects with AbortError for an aborted read. */
async function readEntries(operation: string, runner: HistoryRunner, signal: AbortSignal | undefined,
  start: (onChunk: (json: string) => void) => Promise<string>): Promise<{ total: number; entries: HistoryEntry[] }> {
  const entries: HistoryEntry[] = [];
  const tables = new WireTables();
  const json = await start((chunk) => addHistoryEntriesFromJson(chunk, entries, tables));
  const page = JSON.parse(json) as NativeHistoryPage;
  if (page.aborted) throw new AbortError(operation, runner.abortReason(operation, signal));
  if (page.count !== entries.length) throw new Error(`${operation}: the addon sent ${entries.length} of ${page.count} entries`);
  return { total: page.total, entries };
}

/** Whether two entries are one entry of the history: what finds the entry of overlap again. */
function sameEntry(a: HistoryEntry, b: HistoryEntry): boolean {
  return a.date.getTime() === b.date.getTime() && a.identity.updateId === b.identity.updateId
    && a.identity.revisionNumber === b.identity.revisionNumber && a.operation === b.operation
    && a.resultCode === b.resultCode && a.hresult === b.hresult && a.unmappedResultCode === b.unmappedResultCode
    && a.title === b.title && a.clientApplicationId === b.clientApplicationId;
}

const KB_IN_TITLE = /\bKB(\d+)\b/gi;

/** The KB numbers a title names ("... (KB5068781)", "... - KB2267602 (Version ...)"), as digits. */
export function kbNumbersOf(title: string): string[] {
  return [...title.matchAll(KB_IN_TITLE)].map((match) => match[1]!);
}

function matches(entry: HistoryEntry, options: CheckedHistoryOptions): boolean {
  if (options.resultCode && !options.resultCode.has(entry.resultCode)) return false;
  if (options.operation && !options.operation.has(entry.operation)) return false;
  if (options.kb && !kbNumbersOf(entry.title).some((kb) => options.kb!.has(kb))) return false;
  return true;
}

/**
 * A read of the agent's history, newest first (UpdateSession.history()): an async iterable of
 * its entries, read a page at a time, and the agent's total.
 *
 * The read gives the history as it stood at its first page. The agent keeps its history newest
 * first, so an entry recorded while the read goes on (an install by this or any other session)
 * lands in front of what was read and shifts every later page; each page after the first is
 * therefore asked from the last entry given, which is found again in it, and the read goes on
 * after that entry: no entry is given twice and none is skipped. If the entry is gone (the
 * history was cleared or pruned meanwhile), the read tries once more where the agent's total
 * says it now stands, then rejects with HistoryChangedError.
 *
 * The next page is read while the caller consumes the current one. Leaving the loop (`break`,
 * `return`, a throw) or the signal firing stops the page that is being read; like an async
 * generator, the read is then over.
 */
export class UpdateHistory implements AsyncIterableIterator<HistoryEntry> {
  readonly #snapshot: HistorySnapshot<HistoryEntry> | undefined;
  readonly #invalid: unknown;
  readonly #entries: AsyncGenerator<HistoryEntry, void, undefined>;

  /** @internal */
  constructor(runner: HistoryRunner, options: unknown) {
    let checked: CheckedHistoryOptions | undefined;
    try {
      checked = historyOptions(options);
    } catch (error) {
      this.#invalid = error;
    }
    if (checked) {
      const { signal } = checked;
      // Filters that leave entries out need more entries read than are given.
      const filtered = Boolean(checked.kb || checked.resultCode || checked.operation);
      this.#snapshot = new HistorySnapshot<HistoryEntry>(
        (start, count, pageSignal) => readEntries('history', runner, pageSignal,
          (onChunk) => runner.page(start, count, pageSignal, onChunk)),
        {
          start: checked.start, limit: filtered ? Infinity : checked.count, pageSize: HISTORY_PAGE_SIZE, signal,
          operation: 'history', same: sameEntry,
          ...(checked.since ? { wantsAfter: (entry: HistoryEntry) => entry.date.getTime() >= checked.since!.getTime() } : {}),
        },
      );
    }
    this.#entries = this.#filtered(checked);
  }

  /**
   * The number of entries in the agent's history when this read began
   * (IUpdateSearcher::GetTotalHistoryCount, read with the first page, which this starts): all
   * of them, whatever `start`, `count` and the filters leave out. Rejects as the first page does.
   */
  get total(): Promise<number> {
    if (!this.#snapshot) return Promise.reject(this.#invalid);
    return this.#snapshot.total;
  }

  next(): Promise<IteratorResult<HistoryEntry, void>> {
    return this.#entries.next();
  }

  /** Ends the read: stops the page being read and waits until it has stopped. */
  async return(): Promise<IteratorResult<HistoryEntry, void>> {
    // First, so that a next() still waiting for a page does not hold the end back until it is read.
    this.#snapshot?.stop();
    await this.#entries.return(undefined);
    await this.#snapshot?.close();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async *#filtered(options: CheckedHistoryOptions | undefined): AsyncGenerator<HistoryEntry, void, undefined> {
    if (!options || !this.#snapshot) throw this.#invalid;
    let given = 0;
    for await (const entry of this.#snapshot.entries()) {
      // Newest first: nothing after the first older entry can be recent enough.
      if (options.since && entry.date.getTime() < options.since.getTime()) return;
      if (!matches(entry, options)) continue;
      yield entry;
      given += 1;
      if (given >= options.count) return;
    }
  }
}

/**
 * Every entry of one update, newest first (IUpdateSession3::QueryHistory with
 * UpdateID='<updateId>'): UpdateSession.historyOf().
 */
export async function readHistoryOf(runner: HistoryRunner, updateId: unknown, options: unknown): Promise<HistoryEntry[]> {
  const checked = historyOfArguments(updateId, options);
  const page = await readEntries('historyOf', runner, checked.signal,
    (onChunk) => runner.ofUpdate(checked.updateId, checked.signal, onChunk));
  return page.entries;
}
