// searchStream(): a search's records as they are read, with search()'s records, order, aborts and
// errors; and the heartbeats of a running search.
import { describe, expect, it } from 'vitest';

import { AbortError, type SearchHeartbeat, type UpdateRecord, WindowsUpdateError } from '../../lib/index.js';
// @ts-expect-error: a plain ES module without type declarations
import { generateCatalog } from '../sim/generate-catalog.mjs';
import { sessionsPerTest } from '../core/sessions.js';
import { BACKEND, calls, expectNoLiveObjects, hresult, useScenario } from './backend.js';

const sessions = sessionsPerTest({ clientApplicationId: 'stream tests' });

const EVERYTHING = 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*';
const ALL = { includePotentiallySupersededUpdates: true };

// More updates than the addon sends in one chunk (200), so that records arrive in several.
const catalog = (extra: object = {}): object => ({ ...(generateCatalog({ count: 450, seed: 5 }) as object), ...extra });

describe('searchStream', () => {
  it('gives the records search() gives, in the same order, and the rest of the result', async () => {
    useScenario(catalog());
    const session = sessions.open();
    const searched = await session.search(EVERYTHING, ALL);
    const stream = session.searchStream(EVERYTHING, ALL);
    const streamed: UpdateRecord[] = [];
    for await (const update of stream) streamed.push(update);
    expect(streamed).toHaveLength(450);
    expect(streamed).toEqual(searched.updates);
    const { updates: _updates, ...rest } = searched;
    expect(await stream.result).toEqual(rest);
  });

  it('projects streamed records as search() does', async () => {
    useScenario(catalog());
    const session = sessions.open();
    const streamed = [];
    for await (const update of session.searchStream(EVERYTHING, { ...ALL, fields: ['title', 'isInstalled'] })) streamed.push(update);
    const { updates } = await session.search(EVERYTHING, { ...ALL, fields: ['title', 'isInstalled'] });
    expect(streamed).toEqual(updates);
    expect(Object.keys(streamed[0]!).sort()).toEqual(['identity', 'isInstalled', 'title']);
  });

  it('gives the first records before the last are read', async () => {
    useScenario(catalog());
    const session = sessions.open();
    let firstAt = 0;
    let count = 0;
    const stream = session.searchStream(EVERYTHING, ALL);
    let resultAt = 0;
    void stream.result.then(() => { resultAt = performance.now(); });
    for await (const _update of stream) {
      if (count++ === 0) firstAt = performance.now();
    }
    await stream.result;
    expect(count).toBe(450);
    expect(firstAt).toBeGreaterThan(0);
    expect(firstAt).toBeLessThan(resultAt);
  });

  it('ends the loop with an AbortError when the signal fires mid-stream, and lets go of the agent', async () => {
    useScenario(catalog());
    const session = sessions.open();
    const controller = new AbortController();
    let seen = 0;
    const failure = await (async () => {
      for await (const _update of session.searchStream(EVERYTHING, { ...ALL, signal: controller.signal })) {
        seen += 1;
        if (seen === 3) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AbortError);
    expect(seen).toBe(3);
    await session.close();
    await expectNoLiveObjects();
  });

  it('aborts a search the agent still runs through the agent', async () => {
    useScenario({ name: 'hang', search: { hangUntilAbort: true } });
    const controller = new AbortController();
    const stream = sessions.open().searchStream('', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const failure = await (async () => {
      for await (const _update of stream) throw new Error('no record was expected');
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AbortError);
    await expect(stream.result).rejects.toBeInstanceOf(AbortError);
    expect(calls()).toContain('ISearchJob::RequestAbort');
  });

  it('releases everything when a loop breaks after its first record', async () => {
    useScenario(catalog());
    const session = sessions.open();
    for await (const update of session.searchStream(EVERYTHING, ALL)) {
      expect(update.identity.updateId).toEqual(expect.any(String));
      break;
    }
    // The session goes on: the next search is whole.
    expect((await session.search(EVERYTHING, ALL)).updates).toHaveLength(450);
    await session.close();
    await expectNoLiveObjects();
  });

  it('throws the agent\'s error after the records read before it', async () => {
    useScenario(catalog({ agent: { ...(catalog() as { agent: object }).agent, faults: { 'ISearchResult::get_Warnings': hresult('E_FAIL') } } }));
    const session = sessions.open();
    const seen: string[] = [];
    const stream = session.searchStream(EVERYTHING, ALL);
    const failure = await (async () => {
      for await (const update of stream) seen.push(update.identity.updateId);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ hresult: 0x80004005 });
    await expect(session.search(EVERYTHING, ALL)).rejects.toMatchObject({ hresult: 0x80004005 });
    await expect(stream.result).rejects.toBeInstanceOf(WindowsUpdateError);
    // The records of the chunks sent before the failure, in order.
    expect(seen.length).toBeGreaterThan(0);
  });

  it('is iterated once', async () => {
    useScenario('basic');
    const stream = sessions.open().searchStream();
    for await (const _update of stream) { /* every record */ }
    await expect((async () => { for await (const _update of stream) { /* none */ } })()).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });
});

describe('search heartbeats', () => {
  it('beat while the agent searches, then while records are read, and stop with the search', async () => {
    useScenario({ ...catalog(), search: { durationMs: 400 } });
    const beats: SearchHeartbeat[] = [];
    const result = await sessions.open().search(EVERYTHING, { ...ALL, onHeartbeat: (beat) => beats.push(beat), heartbeatIntervalMs: 50 });
    expect(result.updates).toHaveLength(450);
    const searching = beats.filter((beat) => beat.phase === 'searching');
    expect(searching.length).toBeGreaterThanOrEqual(4);
    expect(searching.every((beat) => beat.updatesRead === 0)).toBe(true);
    const elapsed = beats.map((beat) => beat.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    const count = beats.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(beats).toHaveLength(count);
  });

  it('beat for a stream too', async () => {
    useScenario({ name: 'slow', updates: [{ id: '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20', title: 'one' }], search: { durationMs: 200 } });
    const beats: SearchHeartbeat[] = [];
    const stream = sessions.open().searchStream('', { onHeartbeat: (beat) => beats.push(beat), heartbeatIntervalMs: 20 });
    const titles = [];
    for await (const update of stream) titles.push(update.title);
    expect(titles).toEqual(['one']);
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats[0]).toMatchObject({ phase: 'searching', updatesRead: 0 });
  });

  it('rejects bad heartbeat options before the agent is called', async () => {
    useScenario('basic');
    const session = sessions.open();
    await expect(session.search('', { onHeartbeat: 'often' as never })).rejects.toMatchObject({ argument: 'options.onHeartbeat' });
    await expect(session.search('', { onHeartbeat: () => {}, heartbeatIntervalMs: 1 })).rejects.toMatchObject({
      argument: 'options.heartbeatIntervalMs',
    });
    await expect(session.search('', { heartbeatIntervalMs: 100 })).rejects.toMatchObject({ argument: 'options.heartbeatIntervalMs' });
    expect(calls()).toEqual([]);
  });
});

// Isolation runs the addon in a child process: the simulator's path only.
describe.runIf(BACKEND === 'simulator')('projection and streaming in an isolated session', () => {
  const isolated = sessionsPerTest({ clientApplicationId: 'isolated stream tests', isolation: 'process', graceMs: 5_000 });

  it('give the same records as in process', async () => {
    useScenario(catalog());
    const here = await sessions.open().search(EVERYTHING, { ...ALL, fields: ['title', 'categories', 'driver'] });
    const session = isolated.open();
    const projected = await session.search(EVERYTHING, { ...ALL, fields: ['title', 'categories', 'driver'] });
    expect(projected.updates).toEqual(here.updates);
    const streamed = [];
    for await (const update of session.searchStream(EVERYTHING, { ...ALL, fields: ['title', 'categories', 'driver'] })) {
      streamed.push(update);
    }
    expect(streamed).toEqual(here.updates);
  });
});
