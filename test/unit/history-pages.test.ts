// Paging through the history as it stood when the read began (lib/history-pages.ts), against a
// fake agent whose history changes between pages: entries recorded in front (installs), the
// oldest pruned, the whole history cleared. Whatever happens, no entry is given twice and none
// is skipped: the read gives exactly the history as it stood, or stops with HistoryChangedError
// after giving a true part of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AbortError, HistoryChangedError } from '../../lib/errors.js';
import { HistorySnapshot, type Page } from '../../lib/history-pages.js';

/** A history of entry numbers, newest first; a new entry gets the next number, in front. */
class FakeHistory {
  entries: number[];
  next: number;
  reads: { start: number; count: number }[] = [];
  /** Run before each read after the first: what the agent records or drops meanwhile. */
  between: ((history: FakeHistory, read: number) => void)[] = [];

  constructor(size: number) {
    this.entries = Array.from({ length: size }, (_, i) => size - 1 - i);
    this.next = size;
  }

  record(count: number): void {
    for (let i = 0; i < count; i++) this.entries.unshift(this.next++);
  }

  read = async (start: number, count: number, signal: AbortSignal): Promise<Page<number>> => {
    const index = this.reads.length;
    this.reads.push({ start, count });
    if (index > 0) this.between[index - 1]?.(this, index);
    await Promise.resolve();
    if (signal.aborted) throw new AbortError('history', signal.reason);
    // As the agent: nothing is asked past the end (the addon does not call QueryHistory there).
    expect(start).toBeGreaterThanOrEqual(0);
    expect(count).toBeGreaterThan(0);
    return { total: this.entries.length, entries: this.entries.slice(start, start + count) };
  };
}

async function readAll(snapshot: HistorySnapshot<number>): Promise<{ given: number[]; error?: unknown }> {
  const given: number[] = [];
  try {
    for await (const entry of snapshot.entries()) given.push(entry);
    return { given };
  } catch (error) {
    return { given, error };
  }
}

const same = (a: number, b: number): boolean => a === b;
const options = (start: number, limit: number, pageSize: number) => ({ start, limit, pageSize, same, operation: 'history' });

describe('reading the history as it stood at the first page', () => {
  it('reads no page ahead once the caller wants nothing after a page (a read since a date)', async () => {
    const history = new FakeHistory(25);
    // Entries are numbered oldest first: "since entry 17" wants nothing older than 17.
    const snapshot = new HistorySnapshot(history.read, { ...options(0, Infinity, 10), wantsAfter: (entry: number) => entry >= 17 });
    const { given, error } = await readAll(snapshot);
    expect(error).toBeUndefined();
    expect(given).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(history.reads).toEqual([{ start: 0, count: 10 }]);
  });

  it('gives every entry once, in pages of the size asked, with one entry of overlap', async () => {
    const history = new FakeHistory(25);
    const snapshot = new HistorySnapshot(history.read, options(0, Infinity, 10));
    const { given, error } = await readAll(snapshot);
    expect(error).toBeUndefined();
    expect(given).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));
    expect(await snapshot.total).toBe(25);
    expect(history.reads).toEqual([{ start: 0, count: 10 }, { start: 9, count: 11 }, { start: 19, count: 6 }]);
  });

  it('asks nothing past the end: an empty history, or a start at or past its total, is one read', async () => {
    for (const [size, start] of [[0, 0], [5, 5], [5, 9]] as const) {
      const history = new FakeHistory(size);
      const snapshot = new HistorySnapshot(history.read, options(start, Infinity, 10));
      expect(await readAll(snapshot)).toEqual({ given: [] });
      expect(history.reads).toHaveLength(1);
      expect(await snapshot.total).toBe(size);
    }
  });

  it('goes on after the last entry it gave when installs land in front between pages', async () => {
    const history = new FakeHistory(30);
    history.between = [(h) => h.record(3), (h) => h.record(25), (h) => h.record(1)];
    const { given, error } = await readAll(new HistorySnapshot(history.read, options(2, 20, 8)));
    expect(error).toBeUndefined();
    expect(given).toEqual(Array.from({ length: 20 }, (_, i) => 27 - i));
  });

  it('gives exactly the snapshot, whatever is recorded in front between pages (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 130 }),
      fc.option(fc.integer({ min: 1, max: 140 }), { nil: undefined }),
      fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
      async (size, pageSize, start, limit, recorded) => {
        const history = new FakeHistory(size);
        const expected = history.entries.slice(start, start + (limit ?? Infinity));
        history.between = recorded.map((count) => (h: FakeHistory) => h.record(count));
        const snapshot = new HistorySnapshot(history.read, options(start, limit ?? Infinity, pageSize));
        const { given, error } = await readAll(snapshot);
        // More than a page recorded at once, and more again before the second try, is the one
        // case the read cannot follow: it says so rather than guess.
        if (error) {
          expect(error).toBeInstanceOf(HistoryChangedError);
          expect(expected.slice(0, given.length)).toEqual(given);
          // The page that missed its entry and its second try: each after more entries than it held.
          const n = history.reads.length;
          expect(n).toBeGreaterThanOrEqual(3);
          expect(recorded[n - 3]).toBeGreaterThanOrEqual(history.reads[n - 2]!.count);
          expect(recorded[n - 2]).toBeGreaterThanOrEqual(history.reads[n - 1]!.count);
          return;
        }
        expect(given).toEqual(expected);
        expect(await snapshot.total).toBe(size);
      },
    ), { numRuns: 300 });
  });

  it('never repeats or skips when the oldest entries are pruned or the history is cleared (property)', async () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), count: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant('prune' as const), count: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('clear' as const), count: fc.integer({ min: 0, max: 12 }) }),
    );
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 12 }), fc.array(change, { maxLength: 20 }),
      async (size, pageSize, changes) => {
        const history = new FakeHistory(size);
        const expected = [...history.entries];
        history.between = changes.map(({ kind, count }) => (h: FakeHistory) => {
          if (kind === 'record') h.record(count);
          if (kind === 'prune') h.entries.splice(Math.max(0, h.entries.length - count));
          if (kind === 'clear') {
            h.entries = [];
            h.record(count);
          }
        });
        const { given, error } = await readAll(new HistorySnapshot(history.read, options(0, Infinity, pageSize)));
        // A true beginning of the snapshot, and all of it unless the read says why not.
        expect(given).toEqual(expected.slice(0, given.length));
        if (given.length < expected.length) expect(error).toBeInstanceOf(HistoryChangedError);
        else expect(error).toBeUndefined();
      },
    ), { numRuns: 300 });
  });

  it('says what happened when the history is cleared under it', async () => {
    const history = new FakeHistory(12);
    history.between = [(h) => { h.entries = []; }];
    const { given, error } = await readAll(new HistorySnapshot(history.read, options(0, Infinity, 5)));
    expect(given).toEqual([11, 10, 9, 8, 7]);
    expect(error).toBeInstanceOf(HistoryChangedError);
    expect(error).toMatchObject({ code: 'ERR_WUA_HISTORY_CHANGED', read: 5, total: 12 });
    expect((error as Error).message).toMatch(/changed while it was read.*after 5 entries were given.*held 12/);
  });
});

describe('stopping a read', () => {
  /** A history whose reads wait until released, or until their signal fires. */
  function heldHistory(size: number) {
    const entries = Array.from({ length: size }, (_, i) => i);
    const held: { start: number; signal: AbortSignal; release: () => void }[] = [];
    const read = (start: number, count: number, signal: AbortSignal): Promise<Page<number>> => new Promise((resolve, reject) => {
      const onAbort = (): void => reject(new AbortError('history', signal.reason));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      held.push({
        start, signal, release: () => {
          signal.removeEventListener('abort', onAbort);
          resolve({ total: size, entries: entries.slice(start, start + count) });
        },
      });
    });
    return { read, held };
  }

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('reads the next page while the caller consumes this one, and stops it when the caller leaves', async () => {
    const { read, held } = heldHistory(50);
    const snapshot = new HistorySnapshot(read, options(0, Infinity, 10));
    const iterator = snapshot.entries();
    const first = iterator.next();
    await settle();
    held[0]!.release();
    expect(await first).toEqual({ value: 0, done: false });
    // The second page is asked for before the first is consumed.
    expect(held).toHaveLength(2);
    expect(held[1]!.start).toBe(9);
    expect(held[1]!.signal.aborted).toBe(false);
    await iterator.return(undefined);
    expect(held[1]!.signal.aborted).toBe(true);
    expect(held).toHaveLength(2);
  });

  it('rejects with AbortError when the signal fires, before or while a page is read, and between entries', async () => {
    const before = new AbortController();
    before.abort(new Error('before'));
    const { read: readBefore, held: heldBefore } = heldHistory(5);
    const early = await readAll(new HistorySnapshot(readBefore, { ...options(0, Infinity, 10), signal: before.signal }));
    expect(early.given).toEqual([]);
    expect(early.error).toBeInstanceOf(AbortError);
    expect(heldBefore[0]!.signal.aborted).toBe(true);

    const during = new AbortController();
    const { read, held } = heldHistory(30);
    const iterator = new HistorySnapshot(read, { ...options(0, Infinity, 10), signal: during.signal }).entries();
    const first = iterator.next();
    await settle();
    held[0]!.release();
    expect((await first).value).toBe(0);
    during.abort(new Error('stop'));
    // The page being read stops, and the entries of the page in hand are not given either.
    expect(held[1]!.signal.aborted).toBe(true);
    await expect(iterator.next()).rejects.toMatchObject({ name: 'AbortError', cause: new Error('stop') });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
