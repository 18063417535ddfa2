// UpdateSession.search against the simulated agent: criteria, options, records, faults, abort.
import { afterEach, describe, expect, it } from 'vitest';

import { AbortError, InvalidArgumentError, UpdateSession, WindowsUpdateError } from '../../lib/index.js';
import { calls, expectNoLiveObjects, hresult, useScenario } from './backend.js';

const CUMULATIVE = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const DEFENDER = '4b2d8e91-7c3a-4f1e-b5d6-2a9c8e7f6b31';
const REDIST = 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60';
const DRIVER = 'e2a4c6e8-1357-4b9d-a2c4-6e8f0a1b3c5d';
const INSTALLED = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const HIDDEN = '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a';
const SUPERSEDED = '0c3a9c2e-61b7-4f3b-9a5a-9d0e5f1a7b10';

let session: UpdateSession;
function open(): UpdateSession {
  session = new UpdateSession({ clientApplicationId: 'search tests' });
  return session;
}

afterEach(async () => {
  await session?.close();
});

const ids = (result: { updates: { identity: { updateId: string } }[] }): string[] =>
  result.updates.map((update) => update.identity.updateId).sort();

describe('search', () => {
  it('finds what is not installed and not hidden by default, leaving out superseded updates', async () => {
    useScenario('basic');
    const result = await open().search();
    expect(result.resultCode).toBe('succeeded');
    expect(ids(result)).toEqual([CUMULATIVE, DEFENDER, REDIST, DRIVER].sort());
    expect(result.warnings).toEqual([]);
    expect(calls()).toContain('IUpdateSearcher::BeginSearch');
    expect(calls()).toContain('IUpdateSearcher::EndSearch');
    expect(calls()).not.toContain('IUpdateSearcher::Search');
  });

  it('reads every property of an update into a plain, typed record', async () => {
    useScenario('basic');
    const { updates, rootCategories } = await open().search({ updateId: CUMULATIVE });
    expect(updates).toHaveLength(1);
    const update = updates[0]!;
    expect(update).toMatchObject({
      identity: { updateId: CUMULATIVE, revisionNumber: 201 },
      title: '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781)',
      type: 'software',
      kbArticleIds: ['5068781'],
      cveIds: ['CVE-2026-21001', 'CVE-2026-21002'],
      securityBulletinIds: ['MS26-NOV'],
      msrcSeverity: 'Critical',
      deploymentAction: 'installation',
      downloadPriority: 'normal',
      autoSelection: 'letWindowsUpdateDecide',
      autoDownload: 'letWindowsUpdateDecide',
      isInstalled: false,
      isDownloaded: false,
      eulaAccepted: true,
      eulaText: null,
      maxDownloadSize: 734003200,
      minDownloadSize: 104857600,
      supersededUpdateIds: [SUPERSEDED],
      installationBehavior: { impact: 'normal', rebootBehavior: 'alwaysRequiresReboot', canRequestUserInput: false },
      uninstallationBehavior: null,
      image: null,
      deadline: null,
      driver: null,
      bundledUpdates: [],
    });
    expect(update.lastDeploymentChangeTime).toEqual(new Date('2026-11-11T00:00:00Z'));
    expect(update.categories.map((c) => c.name)).toEqual(['Windows 10', 'Security Updates']);
    expect(update.categories[0]).toMatchObject({ type: 'Product', parentId: '6964aab4-c5b5-43bd-a17d-ffb4346a8e1d' });
    expect(update.downloadContents).toEqual([{ downloadUrl: expect.stringContaining('kb5068781'), isDeltaCompressedBinary: false }]);
    expect(rootCategories.map((c) => c.name)).toContain('Microsoft');
  });

  it('reads the driver properties of a driver update', async () => {
    useScenario('basic');
    const { updates } = await open().search({ type: 'driver', browseOnly: true });
    expect(updates.map((u) => u.identity.updateId)).toEqual([DRIVER]);
    expect(updates[0]!.driver).toMatchObject({
      driverClass: 'Net', hardwareId: 'PCI\\VEN_10EC&DEV_8168', manufacturer: 'Realtek', provider: 'Realtek',
      verDate: new Date('2023-08-15T00:00:00Z'),
    });
    expect(updates[0]!.driver!.entries).toHaveLength(1);
  });

  it.each([
    ['IsInstalled=1', [INSTALLED]],
    ['IsHidden=1', [HIDDEN]],
    ["CategoryIDs contains '0fa1201d-4330-4fa8-8ae9-b877473b6441'", [CUMULATIVE]],
    ["IsInstalled=0 and Type='Driver'", [DRIVER]],
    ["UpdateID='" + REDIST + "'", [REDIST]],
    ["IsInstalled=1 or UpdateID='" + DEFENDER + "'", [DEFENDER, INSTALLED]],
  ])('passes raw criteria through: %s', async (criteria, expected) => {
    useScenario('basic');
    expect(ids(await open().search(criteria))).toEqual([...expected].sort());
  });

  it('includes superseded updates when asked', async () => {
    useScenario('basic');
    const result = await open().search({ isInstalled: false }, { includePotentiallySupersededUpdates: true });
    expect(ids(result)).toContain(SUPERSEDED);
  });

  it('reports the warnings of an incomplete search as a result, not an error', async () => {
    useScenario({
      name: 'incomplete', updates: [{ id: CUMULATIVE, title: 'An update' }],
      search: { warnings: [{ context: 'searchIncomplete', hresult: hresult('WU_E_INVALID_PRODUCT_LICENSE'), message: 'a product has no license' }] },
    });
    const result = await open().search();
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.warnings).toEqual([{
      hresult: 0x80240029, code: 'WU_E_INVALID_PRODUCT_LICENSE', message: 'a product has no license', context: 'searchIncomplete',
    }]);
    expect(result.updates).toHaveLength(1);
  });

  it('rejects bad criteria and options before anything reaches the agent', async () => {
    useScenario('basic');
    open();
    await expect(session.search('IsInstalled=0 and (IsHidden=0 or Type=\'Driver\')')).rejects.toThrow(InvalidArgumentError);
    await expect(session.search({ isInstalled: 'no' } as never)).rejects.toThrow(/criteria.isInstalled/);
    await expect(session.search('', { serverSelection: 'elsewhere' as never })).rejects.toThrow(/serverSelection/);
    await expect(session.search('', { serverSelection: 'others' })).rejects.toThrow(/serviceId/);
    await expect(session.search('', { online: 1 as never })).rejects.toThrow(/online/);
    await expect(session.search('', { signal: {} as never })).rejects.toThrow(/signal/);
    expect(calls().filter((call) => call.startsWith('IUpdateSearcher::'))).toEqual([]);
  });

  it('turns the agent failing the search into a WindowsUpdateError', async () => {
    useScenario({ name: 'offline', search: { hresult: hresult('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED') } });
    const failure = await open().search().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', category: 'network', operation: 'search' });
  });

  it('reports an agent that goes away during the search', async () => {
    useScenario({ name: 'disconnect', search: { durationMs: 50, disconnectAtPercent: 50 } });
    await expect(open().search()).rejects.toMatchObject({ code: 'RPC_E_DISCONNECTED' });
  });

  it('searches a named service', async () => {
    useScenario('basic');
    open();
    await expect(session.search('', { serverSelection: 'others', serviceId: '3da21691-e39d-4da6-8a4b-b43877bcb1b7' }))
      .resolves.toMatchObject({ resultCode: 'succeeded' });
    await expect(session.search('', { serverSelection: 'others', serviceId: '00000000-0000-0000-0000-000000000001' }))
      .rejects.toMatchObject({ code: 'WU_E_DS_UNKNOWNSERVICE' });
  });

  it('aborts through the agent when the signal fires, and rejects with an AbortError', async () => {
    useScenario({ name: 'hang', search: { hangUntilAbort: true } });
    const controller = new AbortController();
    const search = open().search('', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const failure = await search.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    expect(calls()).toContain('ISearchJob::RequestAbort');
  });

  it('takes AbortSignal.timeout() as a deadline', async () => {
    useScenario({ name: 'hang', search: { hangUntilAbort: true } });
    await expect(open().search('', { signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects at once, without calling the agent, when the signal is already aborted', async () => {
    useScenario('basic');
    await expect(open().search('', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls()).not.toContain('IUpdateSearcher::BeginSearch');
  });

  it('runs searches in parallel on one session', async () => {
    useScenario({ name: 'slow', updates: [{ id: DEFENDER, title: 'one' }], search: { durationMs: 300 } });
    open();
    const started = performance.now();
    const results = await Promise.all([session.search(), session.search(), session.search()]);
    expect(results.map((r) => r.updates.length)).toEqual([1, 1, 1]);
    expect(performance.now() - started).toBeLessThan(850);
  });

  it('releases every agent object once the session is closed', async () => {
    useScenario('basic');
    await open().search();
    await session.close();
    await expectNoLiveObjects();
  });

  it('closes while a search runs: the search ends as aborted', async () => {
    useScenario({ name: 'hang', search: { hangUntilAbort: true } });
    const outcome = open().search().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await session.close();
    expect(await outcome).toBeInstanceOf(AbortError);
    await expectNoLiveObjects();
  });
});
