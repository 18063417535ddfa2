// UpdateSession.history(), historyCount() and historyOf() against the simulated agent: every
// field, paging while installs land, filters, abort, a closed session and bad input.
import { describe, expect, it } from 'vitest';

import {
  AbortError, type HistoryEntry, InvalidArgumentError, SessionClosedError, type UpdateHistory, UpdateSession,
} from '../../lib/index.js';
import { loadBinding } from '../../lib/native.js';
import { BACKEND, calls, clearCalls, expectNoLiveObjects, useScenario } from './backend.js';
import {
  CUMULATIVE, DEFENDER, ENTRIES, expectedEntry, historyScenario, longHistory, newestFirst, TO_INSTALL,
} from '../core/history-scenario.js';
import { sessionsPerTest } from '../core/sessions.js';

const sessions = sessionsPerTest({ clientApplicationId: 'history tests' });

async function all(read: UpdateHistory): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const entry of read) entries.push(entry);
  return entries;
}

const historyCalls = (): string[] => calls().filter((call) => call.includes('History'));
const count = (list: string[], call: string): number => list.filter((c) => c === call).length;

describe('history', () => {
  it('gives every field of every entry, newest first, the later-recorded first of two with one date', async () => {
    useScenario(historyScenario('history-fields'));
    const read = sessions.open().history();
    const entries = await all(read);
    expect(entries).toEqual(newestFirst(ENTRIES));
    expect(entries.map((e) => e.title.slice(0, 12))).toEqual(['Realtek Semi', '2026-08 Cumu', 'Security Int', '2026-08 Cumu']);
    expect(entries[1]!.operation).toBe('uninstallation');
    // The derived name of the HRESULT, and the unsigned codes as the agent gave them.
    expect(entries[2]).toMatchObject({
      resultCode: 'failed', hresult: 0x80070643, code: 'ERROR_INSTALL_FAILURE', unmappedResultCode: 0x80070652,
    });
    expect(entries[0]).toMatchObject({ hresult: 0x00240003, code: 'WU_S_UPDATE_ERROR' });
    expect(entries[3]!.date).toEqual(new Date('2026-08-12T10:00:00Z'));
    expect(entries[3]!.categories.map((c) => c.name)).toEqual(['Windows 10', 'Security Updates']);
    expect(await read.total).toBe(ENTRIES.length);
    await expect(sessions.last.historyCount()).resolves.toBe(ENTRIES.length);
    // One page: the total, the page, the total again; never a call per entry.
    expect(historyCalls()).toEqual(['IUpdateSearcher::GetTotalHistoryCount', 'IUpdateSearcher::QueryHistory',
      'IUpdateSearcher::GetTotalHistoryCount', 'IUpdateSearcher::GetTotalHistoryCount']);
  });

  it('gives entries that survive a JSON round trip', async () => {
    useScenario(historyScenario('history-json'));
    const [entry] = await all(sessions.open().history({ count: 1 }));
    const copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
    expect(copy).toEqual({ ...expectedEntry(ENTRIES[3]!), date: '2026-10-14T09:30:00.000Z' });
  });

  it('names the update as a record does, so that an entry can be passed back to uninstall()', async () => {
    useScenario(historyScenario('history-uninstall'));
    const session = sessions.open();
    await session.install([TO_INSTALL[0]]);
    const [installed] = await all(session.history({ count: 1 }));
    expect(installed).toMatchObject({ identity: { updateId: TO_INSTALL[0], revisionNumber: 1 }, operation: 'installation' });
    const result = await session.uninstall([JSON.parse(JSON.stringify(installed)) as HistoryEntry]);
    expect(result.updates.map((outcome) => [outcome.updateId, outcome.resultCode])).toEqual([[TO_INSTALL[0], 'succeeded']]);
    const [newest] = await all(session.history({ count: 1 }));
    expect(newest).toMatchObject({ identity: installed!.identity, operation: 'uninstallation', resultCode: 'succeeded' });
  });

  it('reads a long history across pages as it stood at the start, while installs land in front', async () => {
    const history = longHistory(2500);
    useScenario(historyScenario('history-paging', history));
    const reader = sessions.open();
    const installer = sessions.open();
    const expected = newestFirst(history);
    clearCalls();
    const read = reader.history();
    const entries: HistoryEntry[] = [];
    for await (const entry of read) {
      entries.push(entry);
      // One install by another session while the second page is read, one by this session later.
      if (entries.length === 1) await installer.install([TO_INSTALL[0]]);
      if (entries.length === 1500) await reader.install([TO_INSTALL[1]]);
    }
    expect(entries).toHaveLength(2500);
    expect(entries).toEqual(expected);
    expect(await read.total).toBe(2500);
    // Both installs are in the history now, in front, and the read neither gave nor hid them.
    await expect(reader.historyCount()).resolves.toBe(2502);
    const [newest, second] = await all(reader.history({ count: 2 }));
    expect([newest!.identity.updateId, second!.identity.updateId]).toEqual([TO_INSTALL[1], TO_INSTALL[0]]);
    expect(newest).toMatchObject({ clientApplicationId: 'history tests', operation: 'installation', resultCode: 'succeeded' });
    // Pages of a thousand, each asked once: never one agent call per entry.
    const queries = count(calls(), 'IUpdateSearcher::QueryHistory');
    expect(queries).toBeGreaterThanOrEqual(3 + 1);
    expect(queries).toBeLessThanOrEqual(4 + 2);
  });

  it('picks entries by place with start and count, and gives the agent\'s total whatever it picks', async () => {
    useScenario(historyScenario('history-window'));
    const expected = newestFirst(ENTRIES);
    const session = sessions.open();
    const read = session.history({ start: 1, count: 2 });
    expect(await read.total).toBe(4);
    expect(await all(read)).toEqual(expected.slice(1, 3));
    expect(await all(session.history({ start: 2, count: 50 }))).toEqual(expected.slice(2));
    expect(await all(session.history({ start: 4 }))).toEqual([]);
    expect(await all(session.history({ start: 400 }))).toEqual([]);
  });

  it('asks the agent for no page of an empty history, which it would refuse', async () => {
    useScenario(historyScenario('history-empty', []));
    clearCalls();
    const session = sessions.open();
    const read = session.history();
    expect(await all(read)).toEqual([]);
    expect(await read.total).toBe(0);
    await expect(session.historyCount()).resolves.toBe(0);
    await expect(session.historyOf(CUMULATIVE)).resolves.toEqual([]);
    expect(historyCalls()).not.toContain('IUpdateSearcher::QueryHistory');
    expect(historyCalls()).not.toContain('IUpdateSession3::QueryHistory');
    expect(historyCalls()).toContain('IUpdateSearcher::GetTotalHistoryCount');
  });

  it('filters by date, KB, result and operation here, stopping at the first entry older than since', async () => {
    useScenario(historyScenario('history-filters'));
    const session = sessions.open();
    const expected = newestFirst(ENTRIES);
    const titles = async (options: Parameters<UpdateSession['history']>[0]) => all(session.history(options));
    expect(await titles({ since: new Date('2026-09-10T18:00:00.250Z') })).toEqual(expected.slice(0, 3));
    expect(await titles({ since: new Date('2026-09-10T18:00:00.251Z') })).toEqual(expected.slice(0, 1));
    expect(await titles({ kb: 'KB2267602' })).toEqual([expected[2]]);
    expect(await titles({ kb: [5063709, '999'] })).toEqual([expected[1], expected[3]]);
    expect(await titles({ kb: '506370' })).toEqual([]);
    expect(await titles({ resultCode: 'failed' })).toEqual([expected[2]]);
    expect(await titles({ resultCode: ['succeeded', 'succeededWithErrors'] })).toEqual([expected[0], expected[1], expected[3]]);
    expect(await titles({ operation: 'uninstallation' })).toEqual([expected[1]]);
    expect(await titles({ resultCode: 'succeeded', count: 1 })).toEqual([expected[1]]);
    expect(await titles({ operation: 'installation', since: new Date('2026-09-01T00:00:00Z') })).toEqual([expected[0], expected[2]]);
  });

  it('reads no further than the first entry older than since, even in a long history', async () => {
    const history = longHistory(2500);
    useScenario(historyScenario('history-since', history));
    const expected = newestFirst(history);
    clearCalls();
    const recent = await all(sessions.open().history({ since: expected[9]!.date }));
    expect(recent).toEqual(expected.slice(0, 10));
    expect(count(calls(), 'IUpdateSearcher::QueryHistory')).toBe(1);
  });

  it('stops the page being read when the loop is left, and leaves nothing behind', async () => {
    useScenario(historyScenario('history-break', longHistory(2500), { agent: { delays: { 'IUpdateSearcher::QueryHistory': 200 } } }));
    const session = sessions.open();
    const read = session.history();
    let seen = 0;
    for await (const entry of read) {
      expect(entry.title).toBe('Update 2499 (KB4502499)');
      seen += 1;
      break;
    }
    expect(seen).toBe(1);
    expect(await read.next()).toEqual({ value: undefined, done: true });
    await session.close();
    await expectNoLiveObjects();
  });
});

describe('history of one update', () => {
  it('gives every entry of the update, newest first, through IUpdateSession3::QueryHistory', async () => {
    useScenario(historyScenario('history-of'));
    clearCalls();
    const session = sessions.open();
    const expected = newestFirst(ENTRIES);
    await expect(session.historyOf(CUMULATIVE)).resolves.toEqual([expected[1], expected[3]]);
    await expect(session.historyOf(DEFENDER.toUpperCase())).resolves.toEqual([expected[2]]);
    await expect(session.historyOf('0f0f0f0f-0000-4000-8000-000000000000')).resolves.toEqual([]);
    expect(count(historyCalls(), 'IUpdateSession3::QueryHistory')).toBe(3);
    expect(historyCalls()).not.toContain('IUpdateSearcher::QueryHistory');
  });

  it('refuses an ID that is not a GUID, and bad options, before the agent is asked', async () => {
    useScenario(historyScenario('history-of-bad'));
    clearCalls();
    const session = sessions.open();
    await expect(session.historyOf('KB5063709')).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'updateId' });
    await expect(session.historyOf(undefined as unknown as string)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(session.historyOf(CUMULATIVE, { signal: 'now' } as unknown as object)).rejects
      .toMatchObject({ argument: 'options.signal', code: 'ERR_INVALID_ARG_TYPE' });
    await expect(session.historyOf(CUMULATIVE, { since: new Date() } as unknown as object)).rejects
      .toMatchObject({ argument: 'options.since' });
    expect(historyCalls()).toEqual([]);
  });
});

describe('history: abort, close and bad input', () => {
  it('rejects with AbortError before anything is read when the signal has fired', async () => {
    useScenario(historyScenario('history-abort-before'));
    clearCalls();
    const controller = new AbortController();
    controller.abort(new Error('not now'));
    const session = sessions.open();
    const read = session.history({ signal: controller.signal });
    await expect(read.next()).rejects.toMatchObject({ name: 'AbortError', cause: new Error('not now') });
    await expect(read.total).rejects.toBeInstanceOf(AbortError);
    await expect(session.historyOf(CUMULATIVE, { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(historyCalls()).toEqual([]);
  });

  it('stops a page the agent is reading when the signal fires, and the read with it', async () => {
    useScenario(historyScenario('history-abort-during', longHistory(2500),
      { agent: { delays: { 'IUpdateSearcher::QueryHistory': 300 } } }));
    const session = sessions.open();
    const controller = new AbortController();
    const read = session.history({ signal: controller.signal });
    const first = await read.next();
    expect(first.value?.title).toBe('Update 2499 (KB4502499)');
    // The second page is being read now (its QueryHistory takes 300 ms).
    controller.abort(new Error('enough'));
    await expect(read.next()).rejects.toMatchObject({ name: 'AbortError', cause: new Error('enough') });
    expect(await read.next()).toEqual({ value: undefined, done: true });
    const timeout = session.history({ signal: AbortSignal.timeout(100) });
    await expect(timeout.next()).rejects.toMatchObject({ name: 'TimeoutError' });
    await session.close();
    await expectNoLiveObjects();
  });

  // The addon's own page read, below the facade: the simulator only.
  it.runIf(BACKEND === 'simulator')('has the addon stop a page between entries, saying so', async () => {
    useScenario(historyScenario('history-native-abort', longHistory(2500),
      { agent: { delays: { 'IUpdateSearcher::QueryHistory': 300 } } }));
    const native = new (loadBinding().Session)({ clientApplicationId: 'native abort' });
    const chunks: string[] = [];
    const page = native.historyPage(1, 0, 1000, (chunk) => chunks.push(chunk));
    setTimeout(() => native.abort(1), 100);
    expect(JSON.parse(await page)).toEqual({ total: 2500, count: 0, aborted: true });
    expect(chunks).toEqual([]);
    const whole = JSON.parse(await native.historyPage(2, 0, 1000, (chunk) => chunks.push(chunk))) as { count: number };
    expect(whole).toEqual({ total: 2500, count: 1000, aborted: false });
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    await native.close();
    await expectNoLiveObjects();
  });

  it('rejects with SessionClosedError after close(), and ends a page that close() interrupts', async () => {
    useScenario(historyScenario('history-closed', longHistory(1500), { agent: { delays: { 'IUpdateSearcher::QueryHistory': 300 } } }));
    const closed = sessions.open();
    await closed.close();
    await expect(closed.history().next()).rejects.toBeInstanceOf(SessionClosedError);
    await expect(closed.history().total).rejects.toBeInstanceOf(SessionClosedError);
    await expect(closed.historyCount()).rejects.toBeInstanceOf(SessionClosedError);
    await expect(closed.historyOf(CUMULATIVE)).rejects.toBeInstanceOf(SessionClosedError);

    const session = sessions.open();
    const read = session.history();
    const given: HistoryEntry[] = [];
    given.push((await read.next()).value!);
    // The second page is being read; close() ends it, and the entries already read are still given.
    await session.close();
    const error = await (async () => {
      try {
        for (;;) {
          const step = await read.next();
          if (step.done) return undefined;
          given.push(step.value);
        }
      } catch (caught) {
        return caught;
      }
    })();
    expect(given).toHaveLength(1000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBeInstanceOf(SessionClosedError);
  });

  it('refuses bad options with InvalidArgumentError before the agent is asked', async () => {
    useScenario(historyScenario('history-bad-input'));
    clearCalls();
    const session = sessions.open();
    const cases: [unknown, string][] = [
      [{ start: -1 }, 'options.start'],
      [{ start: 1.5 }, 'options.start'],
      [{ start: '2' }, 'options.start'],
      [{ count: 0 }, 'options.count'],
      [{ count: 2.5 }, 'options.count'],
      [{ count: -3 }, 'options.count'],
      [{ count: 2 ** 31 }, 'options.count'],
      [{ since: new Date('not a date') }, 'options.since'],
      [{ since: '2026-01-01' }, 'options.since'],
      [{ kb: 'KB12x' }, 'options.kb'],
      [{ kb: [] }, 'options.kb'],
      [{ resultCode: 'ok' }, 'options.resultCode'],
      [{ operation: ['installation', 'removal'] }, 'options.operation[1]'],
      [{ signal: {} }, 'options.signal'],
      [{ last: 3 }, 'options.last'],
      ['all', 'options'],
    ];
    for (const [options, argument] of cases) {
      const read = session.history(options as object);
      await expect(read.next(), JSON.stringify(options)).rejects.toMatchObject({ name: 'InvalidArgumentError', argument });
      await expect(read.total).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(historyCalls()).toEqual([]);
  });
});
