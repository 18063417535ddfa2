// Records are plain data: they survive JSON and Electron IPC, find their update again by
// identity, and the agent's objects behind them go when the records do.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';

import { UpdateSession, type UpdateRecord } from '../../lib/index.js';
import { calls, expectNoLiveObjects, liveObjects, useScenario } from '../sim/harness.js';

const ID = (n: number): string => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const catalog = {
  name: 'records',
  updates: Array.from({ length: 20 }, (_, i) => ({
    id: ID(i + 1), title: `Update ${i + 1}`, kbArticleIds: [`${5000000 + i}`], deadline: i === 0 ? '2026-12-01T12:00:00Z' : null,
    ...(i === 1 ? { eulaText: 'terms' } : {}),
  })),
};

let session: UpdateSession;
afterEach(async () => {
  await session?.close();
});

const gc = (globalThis as { gc?: () => void }).gc!;
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('update records', () => {
  it('round-trip through JSON (as over Electron IPC) and still install, in this session and another', async () => {
    useScenario(catalog);
    session = new UpdateSession();
    const { updates } = await session.search();
    const copies = JSON.parse(JSON.stringify(updates.slice(0, 3))) as UpdateRecord[];
    expect(copies[0]!.deadline).toBe('2026-12-01T12:00:00.000Z');
    expect(updates[0]!.deadline).toEqual(new Date('2026-12-01T12:00:00Z'));
    await expect(session.download(copies)).resolves.toMatchObject({ resultCode: 'succeeded' });
    expect(calls().filter((call) => call === 'IUpdateSearcher::Search')).toEqual([]);

    const other = new UpdateSession();
    try {
      await expect(other.install([copies[0]!, copies[2]!])).resolves.toMatchObject({ resultCode: 'succeeded' });
      // The second session never searched: it found the updates again by their IDs.
      expect(calls().filter((call) => call === 'IUpdateSearcher::Search')).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('lets the agent release an update once no record of it is left', async () => {
    useScenario(catalog);
    session = new UpdateSession();
    let result: { updates: UpdateRecord[] } | undefined = await session.search();
    await session.search();
    expect(liveObjects().classes.Update).toBe(20);
    result = undefined;
    expect(result).toBeUndefined();
    await collectGarbage();
    // The second search's records were never kept either: nothing holds the updates now.
    const deadline = Date.now() + 3000;
    while ((liveObjects().classes.Update ?? 0) > 0 && Date.now() < deadline) await collectGarbage();
    expect(liveObjects().classes.Update ?? 0).toBe(0);
    await session.close();
    await expectNoLiveObjects();
  });

  it('loads in several worker threads at once and cleans up when a worker exits mid-operation', async () => {
    useScenario({ ...catalog, search: { durationMs: 100 } });
    const entry = path.resolve(__dirname, '..', '..', 'dist', 'index.js');
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { UpdateSession } = require(workerData.entry);
      const session = new UpdateSession({ clientApplicationId: 'worker' });
      session.search().then((result) => {
        parentPort.postMessage(result.updates.length);
        if (workerData.leaveRunning) { session.search(); setTimeout(() => process.exit(0), 20); }
        else session.close();
      });`;
    const run = (leaveRunning: boolean): Promise<unknown[]> => new Promise((resolve, reject) => {
      const messages: unknown[] = [];
      const worker = new Worker(source, { eval: true, workerData: { entry, leaveRunning } });
      worker.on('message', (message) => messages.push(message));
      worker.on('error', reject);
      worker.on('exit', () => resolve(messages));
    });
    await expect(Promise.all([run(false), run(false), run(true)])).resolves.toEqual([[20], [20], [20]]);
    await expectNoLiveObjects(10_000);
  });

  it('survives a worker that exits while the agent is still answering its calls', async () => {
    useScenario({ ...catalog, agent: { delays: { 'IUpdateSession::get_ReadOnly': 300 } }, download: { hangUntilAbort: true } });
    const entry = path.resolve(__dirname, '..', '..', 'dist', 'index.js');
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { UpdateSession } = require(workerData.entry);
      const session = new UpdateSession();
      session.describe();
      session.download([workerData.id]);
      setTimeout(() => { parentPort.postMessage('leaving'); process.exit(0); }, 100);`;
    const exited = await new Promise<unknown[]>((resolve, reject) => {
      const messages: unknown[] = [];
      const worker = new Worker(source, { eval: true, workerData: { entry, id: ID(1) } });
      worker.on('message', (message) => messages.push(message));
      worker.on('error', reject);
      worker.on('exit', () => resolve(messages));
    });
    expect(exited).toEqual(['leaving']);
    // This thread's own calls still work, and the worker's agent objects are all released.
    session = new UpdateSession();
    await expect(session.search(`UpdateID='${ID(2)}'`)).resolves.toMatchObject({ resultCode: 'succeeded' });
    await session.close();
    await expectNoLiveObjects(10_000);
  });
});
