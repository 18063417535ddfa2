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

  it('share what repeats across a search, frozen, and keep every value, across many chunks', async () => {
    // More updates than one chunk holds, with values that repeat across chunks and some that do not.
    const categories = [
      { id: '0fa1201d-4330-4fa8-8ae9-b877473b6441', name: 'Security Updates', type: 'UpdateClassification' },
      { id: 'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83', name: 'Updates', type: 'UpdateClassification' },
    ];
    const behaviors = [{ rebootBehavior: 'alwaysRequiresReboot' }, { impact: 'minor', canRequestUserInput: true }];
    const count = 650;
    useScenario({
      name: 'repeats',
      categories,
      updates: Array.from({ length: count }, (_, i) => ({
        id: ID(i + 1),
        title: `Update ${i + 1}`,
        description: `Fixes ${i % 7}`,
        kbArticleIds: [`${5000000 + Math.floor(i / 3)}`],
        cveIds: i % 4 === 0 ? [`CVE-2026-${i % 11}`, `CVE-2026-${i % 5}`] : [],
        languages: i % 2 ? ['en-US'] : ['en-US', 'de-DE'],
        categories: [categories[i % 2]!.id],
        supportUrl: i % 5 ? 'https://support.example/help' : `https://support.example/help/${i}`,
        // A bundle's installation behaviour is its children's: update 13 bundles two with the same one.
        ...(i === 12 ? {} : { installationBehavior: behaviors[i % 2] }),
        isUninstallable: i % 3 === 0,
        msrcSeverity: i % 6 === 0 ? 'Critical' : '',
        // Fields that come and go from one update to the next, as the addon reads each update
        // into the storage of the one before.
        ...(i % 5 === 0 ? { deadline: '2026-12-01T12:00:00Z' } : {}),
        ...(i % 9 === 0 ? { eulaText: `terms ${i % 2}` } : {}),
        ...(i % 8 === 0 ? { image: { altText: 'logo', source: 'https://example/logo.png', height: 32, width: 32 } } : {}),
        downloadContents: Array.from({ length: i % 3 }, (_, n) => ({ url: `https://download.example/${i}/${n}.cab` })),
        ...(i === 12 ? { bundledUpdates: [ID(19), ID(25)] } : {}),
      })),
      // Every update is a result of its own here, the bundled ones too.
      search: { listBundledUpdates: true },
    });
    session = new UpdateSession();
    const { updates } = await session.search();
    expect(updates).toHaveLength(count);
    updates.forEach((update, i) => {
      expect(update.title).toBe(`Update ${i + 1}`);
      expect(update.description).toBe(`Fixes ${i % 7}`);
      expect(update.kbArticleIds).toEqual([`${5000000 + Math.floor(i / 3)}`]);
      expect(update.cveIds).toEqual(i % 4 === 0 ? [`CVE-2026-${i % 11}`, `CVE-2026-${i % 5}`] : []);
      expect(update.languages).toEqual(i % 2 ? ['en-US'] : ['en-US', 'de-DE']);
      expect(update.categories.map((c) => c.name)).toEqual([categories[i % 2]!.name]);
      expect(update.supportUrl).toBe(i % 5 ? 'https://support.example/help' : `https://support.example/help/${i}`);
      expect(update.installationBehavior).toEqual({
        canRequestUserInput: i % 2 === 1, impact: i % 2 ? 'minor' : 'normal',
        rebootBehavior: i % 2 ? 'neverReboots' : 'alwaysRequiresReboot', requiresNetworkConnectivity: false,
      });
      expect(update.uninstallationBehavior).toEqual(i % 3 === 0 ? update.installationBehavior : null);
      expect(update.msrcSeverity).toBe(i % 6 === 0 ? 'Critical' : null);
      expect(update.supersededUpdateIds).toEqual([]);
      expect(update.deadline).toEqual(i % 5 === 0 ? new Date('2026-12-01T12:00:00Z') : null);
      expect(update.eulaText).toBe(i % 9 === 0 ? `terms ${i % 2}` : null);
      expect(update.image).toEqual(i % 8 === 0 ? { altText: 'logo', source: 'https://example/logo.png', height: 32, width: 32 } : null);
      expect(update.downloadContents.map((content) => content.downloadUrl))
        .toEqual(Array.from({ length: i % 3 }, (_, n) => `https://download.example/${i}/${n}.cab`));
      expect(update.bundledUpdates.map((bundled) => bundled.title)).toEqual(i === 12 ? ['Update 19', 'Update 25'] : []);
    });

    // Equal values are one frozen object or list, in the first chunk and the last alike.
    const [first, last] = [updates[0]!, updates[count - 2]!];
    expect(last.languages).toBe(first.languages);
    expect(last.categories).toBe(first.categories);
    expect(last.installationBehavior).toBe(first.installationBehavior);
    expect(updates[1]!.kbArticleIds).toBe(first.kbArticleIds);
    expect(updates[1]!.cveIds).toBe(updates[2]!.supersededUpdateIds);  // the one empty list
    for (const shared of [first.languages, first.categories, first.categories[0], first.installationBehavior, first.cveIds, updates[1]!.cveIds]) {
      expect(Object.isFrozen(shared)).toBe(true);
    }
    expect(() => (updates[1]!.cveIds as string[]).push('CVE-1')).toThrow(TypeError);
    expect(updates[2]!.cveIds).toEqual([]);

    // Still plain data: a structured clone (Electron IPC) and a JSON copy keep every value.
    expect(structuredClone(updates)).toEqual(updates);
    expect(JSON.parse(JSON.stringify(updates.slice(0, 5)))).toEqual(
      updates.slice(0, 5).map((u) => ({
        ...u, deadline: u.deadline?.toISOString() ?? null, lastDeploymentChangeTime: u.lastDeploymentChangeTime?.toISOString() ?? null,
      })));
  });

  it('carry every character of the agent\'s texts, plain or not, at any place in a text', async () => {
    const specials = ['"', '\\', '\n', '\t', '\r', '\u0001', '\u001f', '\u007f', '\u00ff', 'é', '—', '日本', '😀'];
    // Each special character at every offset of a plain run, so that it lands anywhere within the
    // writer's steps of several characters.
    const texts = specials.flatMap((special) =>
      Array.from({ length: 6 }, (_, offset) => `${'abcdefgh'.slice(0, offset)}${special}plain text after it ${offset}`));
    useScenario({
      name: 'texts',
      updates: texts.map((text, i) => ({
        id: ID(i + 1), title: text, description: texts[(i + 1) % texts.length], kbArticleIds: [text, 'KB1'],
        supportUrl: text, ...(i % 2 ? { eulaText: text } : {}),
      })),
    });
    session = new UpdateSession();
    const { updates } = await session.search();
    expect(updates.map((u) => u.title)).toEqual(texts);
    updates.forEach((update, i) => {
      expect(update.description).toBe(texts[(i + 1) % texts.length]);
      expect(update.kbArticleIds).toEqual([texts[i], 'KB1']);
      expect(update.supportUrl).toBe(texts[i]);
      expect(update.eulaText).toBe(i % 2 ? texts[i] : null);
    });
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

  it('keeps an update that a new search delivers while an older record of it is collected', async () => {
    // Reading the second search's result starts after a pause, in which the first search's
    // records are collected: JS lets go of them while the second search delivers them again.
    useScenario({ ...catalog, agent: { delays: { 'ISearchJob::CleanUp': 400 } } });
    session = new UpdateSession();
    await session.search();  // its records are garbage at once
    const second = session.search();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await collectGarbage();
    const { updates } = await second;
    await collectGarbage();
    await expect(session.download(updates.slice(0, 3))).resolves.toMatchObject({ resultCode: 'succeeded' });
    // Found again from the session's own records: no search by ID.
    expect(calls().filter((call) => call === 'IUpdateSearcher::Search')).toEqual([]);
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
