// An install is the jobs it takes: what is not downloaded is downloaded first, and an exclusive
// update is installed by a job of its own, as the agent requires; the jobs make one operation.
import { describe, expect, it } from 'vitest';

import { AbortError, UpdateSession, WindowsUpdateError, type Progress } from '../../lib/index.js';
import { loadBinding } from '../../lib/native.js';
import { sessionsPerTest } from '../core/sessions.js';
import { BACKEND, calls, executionState, useScenario } from './backend.js';

const FRESH = '71717171-7171-4171-8171-717171717171';      // not downloaded
const READY = '72727272-7272-4272-8272-727272727272';      // downloaded
const EXCLUSIVE = '73737373-7373-4373-8373-737373737373';  // must be installed alone
const LICENSED = '74747474-7474-4474-8474-747474747474';

const exclusive = { impact: 'requiresExclusiveHandling' };

function scenario(overrides: Record<string, Record<string, unknown>> = {}, extra: Record<string, unknown> = {}): object {
  const updates: Record<string, unknown>[] = [
    { id: FRESH, title: 'Fresh', kbArticleIds: ['7100001'], maxDownloadSize: 4000, download: { durationMs: 40, progressSteps: 4 } },
    { id: READY, title: 'Ready', kbArticleIds: ['7200002'], state: { isDownloaded: true }, install: { durationMs: 20, progressSteps: 2 } },
    { id: EXCLUSIVE, title: 'Servicing stack', kbArticleIds: ['7300003'], state: { isDownloaded: true }, isUninstallable: true,
      installationBehavior: exclusive, uninstallationBehavior: exclusive },
    { id: LICENSED, title: 'Licensed', eulaText: 'Terms', maxDownloadSize: 10 },
  ];
  return {
    name: 'plans',
    updates: updates.map((update) => ({ ...update, ...overrides[update.id as string] })),
    ...extra,
  };
}

const sessions = sessionsPerTest({ clientApplicationId: 'plan tests' });
const open = (): UpdateSession => sessions.open();

describe('install downloads what it needs first', () => {
  it('downloads only what is not downloaded, then installs, as one operation with one progress', async () => {
    useScenario(scenario());
    const events: Progress[] = [];
    const result = await open().install([FRESH, READY], { onProgress: (event) => events.push(event) });
    expect(result).toMatchObject({
      resultCode: 'succeeded',
      updates: [{ updateId: FRESH, resultCode: 'succeeded', step: 'install' }, { updateId: READY, resultCode: 'succeeded', step: 'install' }],
    });
    expect(calls().filter((call) => /Begin(Download|Install)$/.test(call)))
      .toEqual(['IUpdateDownloader::BeginDownload', 'IUpdateInstaller::BeginInstall']);
    const downloads = events.filter((event) => event.step === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    expect(new Set(downloads.map((event) => event.current.updateId))).toEqual(new Set([FRESH]));
    expect(events.every((event) => event.operation === 'install')).toBe(true);
    expect(events.findIndex((event) => event.step === 'install')).toBe(downloads.length);
    // One percentage over both jobs: the download weighs one update of three.
    const overall = events.map((event) => event.percentComplete);
    expect(overall).toEqual([...overall].sort((x, y) => x - y));
    expect(Math.max(...downloads.map((event) => event.percentComplete))).toBe(33);
    expect(overall.at(-1)).toBe(100);
    expect(events.filter((e) => e.step === 'install').map((e) => e.current.index)).toContain(1);
  });

  it('installs the rest when a download fails, and says which download failed', async () => {
    useScenario(scenario({ [FRESH]: { download: { hresult: '0x80244019' } } }));
    const events: Progress[] = [];
    const result = await open().install([FRESH, READY], { onProgress: (event) => events.push(event) });
    // The update the failed download keeps out still counts: the operation ends at 100%.
    expect(events.at(-1)).toMatchObject({ step: 'install', percentComplete: 100, current: { updateId: READY, index: 1 } });
    expect(result).toMatchObject({
      resultCode: 'succeededWithErrors', hresult: 0x80244019,
      updates: [
        { updateId: FRESH, resultCode: 'failed', step: 'download', code: 'WU_E_PT_HTTP_STATUS_NOT_FOUND' },
        { updateId: READY, resultCode: 'succeeded', step: 'install' },
      ],
    });
  });

  it('refuses an unaccepted license before downloading anything', async () => {
    useScenario(scenario());
    await expect(open().install([FRESH, LICENSED])).rejects.toMatchObject({
      code: 'WU_E_EULAS_DECLINED', description: expect.stringContaining('Licensed'),
      // Nothing is lost: the update that was only held back by the refusal says so.
      result: {
        resultCode: 'failed',
        updates: [
          { updateId: FRESH, resultCode: 'notStarted', reason: expect.stringMatching(/^held back: the install was refused/) },
          { updateId: LICENSED, resultCode: 'notStarted', reason: 'license terms not accepted for Licensed' },
        ],
      },
    });
    await expect(sessions.last.plan('install', [FRESH, LICENSED])).resolves.toMatchObject({
      refusal: { code: 'WU_E_EULAS_DECLINED', updateIds: [LICENSED] },
    });
    expect(calls().filter((call) => call.includes('Download') || call.includes('AcceptEula'))).toEqual([]);
    await expect(sessions.last.install([LICENSED], { acceptEulas: true })).resolves.toMatchObject({ resultCode: 'succeeded' });
  });

  it('keeps what its download step did when aborted there: finished downloads say so', async () => {
    const second = '75757575-7575-4575-8575-757575757575';
    useScenario(scenario({}, { updates: [
      { id: FRESH, title: 'Fresh', kbArticleIds: ['7100001'] },
      { id: second, title: 'Slow', kbArticleIds: ['7500005'], download: { hangUntilAbort: true } },
      { id: READY, title: 'Ready', kbArticleIds: ['7200002'], state: { isDownloaded: true } },
    ] }));
    const failure = await open().install([FRESH, second, READY], { signal: AbortSignal.timeout(400) }).catch((e: unknown) => e) as AbortError;
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure.result?.updates).toEqual([
      expect.objectContaining({ updateId: FRESH, resultCode: 'aborted', step: 'install', reason: 'downloaded; aborted before its install started' }),
      expect.objectContaining({ updateId: second, resultCode: 'aborted', step: 'download' }),
      expect.objectContaining({ updateId: READY, resultCode: 'aborted', step: 'install' }),
    ]);
  });

  it('leaves downloads to the caller with downloadFirst: false', async () => {
    useScenario(scenario());
    const failure = await open().install([FRESH], { downloadFirst: false }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'WU_E_UH_NEEDANOTHERDOWNLOAD', hint: expect.stringMatching(/download/i) });
  });
});

describe('exclusive updates', () => {
  it('get an agent job of their own, before the rest', async () => {
    useScenario(scenario());
    const events: Progress[] = [];
    const result = await open().install([READY, EXCLUSIVE], { onProgress: (event) => events.push(event) });
    expect(result).toMatchObject({ resultCode: 'succeeded', updates: [{ updateId: READY }, { updateId: EXCLUSIVE }] });
    expect(calls().filter((call) => call.endsWith('BeginInstall'))).toHaveLength(2);
    const order = [...new Set(events.map((event) => event.current.updateId))];
    expect(order).toEqual([EXCLUSIVE, READY]);
    expect(events.find((event) => event.current.updateId === EXCLUSIVE)!.current.index).toBe(1);
  });

  it('stop the rest once the agent requires a restart before installing more', async () => {
    useScenario(scenario({ [EXCLUSIVE]: { installationBehavior: { ...exclusive, rebootBehavior: 'alwaysRequiresReboot' } } }));
    const result = await open().install([READY, EXCLUSIVE]);
    expect(result).toMatchObject({
      resultCode: 'succeededWithErrors', rebootRequired: true,
      updates: [
        { updateId: READY, resultCode: 'notStarted', code: 'WU_E_INSTALL_NOT_ALLOWED', reason: expect.stringMatching(/restart/) },
        { updateId: EXCLUSIVE, resultCode: 'succeeded', rebootRequired: true },
      ],
    });
    const { updates } = await sessions.last.search('IsInstalled=1');
    expect(updates.map((u) => u.identity.updateId)).toEqual([EXCLUSIVE]);
  });

  it('are uninstalled alone too, by their uninstallation behaviour', async () => {
    useScenario(scenario({ [READY]: { isUninstallable: true, state: { isInstalled: true } }, [EXCLUSIVE]: { state: { isInstalled: true } } }));
    await expect(open().uninstall([READY, EXCLUSIVE])).resolves.toMatchObject({ resultCode: 'succeeded' });
    expect(calls().filter((call) => call.endsWith('BeginUninstall'))).toHaveLength(2);
  });

  it('keep what earlier jobs did when a later job is aborted', async () => {
    useScenario(scenario({ [READY]: { install: { hangUntilAbort: true } } }));
    const failure = await open().install([READY, EXCLUSIVE], { signal: AbortSignal.timeout(400) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).result).toMatchObject({
      resultCode: 'aborted', updates: [{ updateId: READY, resultCode: 'aborted' }, { updateId: EXCLUSIVE, resultCode: 'succeeded' }],
    });
  });

  it('a job where nothing succeeded carries every job\'s outcomes', async () => {
    useScenario(scenario({ [EXCLUSIVE]: { install: { hresult: '0x800F0922' } }, [READY]: { install: { hresult: '0x80070643' } } }));
    const failure = await open().install([READY, EXCLUSIVE]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure.result?.updates.map((u) => u.code)).toEqual(['ERROR_INSTALL_FAILURE', 'CBS_E_INSTALLERS_FAILED']);
  });
});

describe('plan()', () => {
  it('says which jobs an install takes, and changes nothing', async () => {
    useScenario(scenario());
    const plan = await open().plan('install', [FRESH, READY, EXCLUSIVE]);
    expect(plan.steps.map((step) => [step.step, step.exclusive, step.updates.map((u) => u.updateId)])).toEqual([
      ['download', false, [FRESH]],
      ['install', true, [EXCLUSIVE]],
      ['install', false, [FRESH, READY]],
    ]);
    expect(plan.steps[0]!.updates[0]).toMatchObject({ title: 'Fresh', kbArticleIds: ['7100001'], isDownloaded: false, exclusive: false });
    expect(calls().filter((call) => /Begin|AcceptEula/.test(call))).toEqual([]);
    expect((await sessions.last.plan('install', [FRESH], { downloadFirst: false })).steps.map((s) => s.step)).toEqual(['install']);
    expect(await sessions.last.plan('download', [])).toEqual({ operation: 'download', steps: [] });
    await expect(sessions.last.plan('reboot' as never, [FRESH])).rejects.toThrow(/kind must be/);
  });
});

const ES_CONTINUOUS = 0x80000000;
const ES_SYSTEM_REQUIRED = 0x00000001;

describe('keeping the machine awake', () => {
  it.runIf(process.env.WUA_TEST_RIG === 'wine')('asks the system to stay awake while a job runs, and lets it sleep after', async () => {
    useScenario(scenario({ [READY]: { install: { durationMs: 400, progressSteps: 4 } } }));
    open();
    const install = sessions.last.install([READY]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(executionState() >>> 0).toBe((ES_CONTINUOUS | ES_SYSTEM_REQUIRED) >>> 0);
    await install;
    expect(executionState() >>> 0).toBe(ES_CONTINUOUS);
  });


  // The addon's own behaviour (or a cab file), below the facade: the simulator only.
  it.runIf(BACKEND === 'simulator')('holds it awake while a job runs, releases it after, and not at all with keepAwake: false', async () => {
    useScenario(scenario({ [READY]: { install: { durationMs: 400, progressSteps: 4 } } }));
    const diagnostics = () => loadBinding().diagnostics().keepAwakeHolds;
    open();
    const install = sessions.last.install([READY]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(diagnostics()).toBe(1);
    await install;
    expect(diagnostics()).toBe(0);
    const quiet = sessions.last.install([READY], { keepAwake: false, force: true });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(diagnostics()).toBe(0);
    await quiet;
  });
});
