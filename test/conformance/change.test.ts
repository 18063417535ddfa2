// download, install and uninstall against the simulated agent: progress, results, abort, faults.
import { afterEach, describe, expect, it } from 'vitest';

import {
  AbortError, InvalidArgumentError, SessionClosedError, UpdateSession, WindowsUpdateError, type Progress,
} from '../../lib/index.js';
import { calls, expectNoLiveObjects, hresult, useScenario } from './backend.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const LICENSED = '33333333-3333-4333-8333-333333333333';
const REMOVABLE = '44444444-4444-4444-8444-444444444444';

function scenario(extra: Record<string, unknown> = {}): object {
  return {
    name: 'changes',
    updates: [
      { id: A, title: 'Update A', maxDownloadSize: 1000, download: { durationMs: 40, progressSteps: 4 }, install: { durationMs: 40, progressSteps: 2 } },
      { id: B, title: 'Update B', maxDownloadSize: 3000, installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } },
      { id: LICENSED, title: 'Licensed', eulaText: 'Terms', state: { isDownloaded: true } },
      { id: REMOVABLE, title: 'Removable', isUninstallable: true, state: { isInstalled: true } },
    ],
    ...extra,
  };
}

let session: UpdateSession;
function open(): UpdateSession {
  session = new UpdateSession({ clientApplicationId: 'change tests' });
  return session;
}
afterEach(async () => {
  await session?.close();
});

describe('download', () => {
  it('downloads, reporting progress in order per update and overall, with bytes and phases', async () => {
    useScenario(scenario());
    const { updates } = await open().search();
    const events: Progress[] = [];
    const result = await session.download(updates.filter((u) => [A, B].includes(u.identity.updateId)),
      { onProgress: (event) => events.push(event) });
    expect(result).toEqual({
      resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false,
      updates: [
        { updateId: A, title: 'Update A', kbArticleIds: [], resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false, step: 'download' },
        { updateId: B, title: 'Update B', kbArticleIds: [], resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false, step: 'download' },
      ],
    });
    expect(events.length).toBeGreaterThanOrEqual(6);
    const overall = events.map((e) => e.percentComplete);
    expect(overall).toEqual([...overall].sort((x, y) => x - y));
    expect(events.at(-1)!.percentComplete).toBe(100);
    expect(events[0]).toMatchObject({ operation: 'download', current: { updateId: A, index: 0, phase: 'initializing' } });
    expect(events.some((e) => e.current.phase === 'downloading')).toBe(true);
    expect(events.at(-1)).toMatchObject({ current: { updateId: B, index: 1, bytesTotal: 3000, bytesDownloaded: 3000 }, totalBytesToDownload: 4000 });
    const { updates: after } = await session.search('IsInstalled=0');
    expect(after.filter((u) => u.isDownloaded).map((u) => u.identity.updateId).sort()).toEqual([A, B, LICENSED].sort());
  });

  it('offers progress as an async iterable too', async () => {
    useScenario(scenario());
    const seen: number[] = [];
    for await (const event of open().download([A])) seen.push(event.current.percentComplete);
    expect(seen.at(-1)).toBe(100);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('passes priority and force to the agent and accepts bare IDs and JSON copies of records', async () => {
    useScenario(scenario());
    const { updates } = await open().search(`UpdateID='${A}'`);
    const copy = JSON.parse(JSON.stringify(updates[0]));
    await expect(session.download([copy, B], { priority: 'high', force: true })).resolves.toMatchObject({ resultCode: 'succeeded' });
  });

  it('reports a partly failed download as succeeded with errors, with each update\'s outcome', async () => {
    useScenario(scenario({ updates: [
      { id: A, title: 'A' },
      { id: B, title: 'B', download: { hresult: hresult('WU_E_DM_INCORRECTFILEHASH') } },
    ] }));
    const result = await open().download([A, B]);
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.updates[1]).toMatchObject({ updateId: B, resultCode: 'failed', code: 'WU_E_DM_INCORRECTFILEHASH' });
  });

  it('rejects a download where nothing succeeded with the first failure', async () => {
    useScenario(scenario({ download: { hresult: hresult('WU_E_PT_HTTP_STATUS_NOT_FOUND') } }));
    const failure = await open().download([B]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({
      code: 'WU_E_PT_HTTP_STATUS_NOT_FOUND', operation: 'download',
      description: expect.stringMatching(/^Update B: WU_E_PT_HTTP_STATUS_NOT_FOUND \(0x80244019\)/),
      result: { resultCode: 'failed', updates: [{ updateId: B, title: 'Update B', resultCode: 'failed', code: 'WU_E_PT_HTTP_STATUS_NOT_FOUND' }] },
    });
  });

  it('aborts a hanging download once the agent confirms, and on a deadline', async () => {
    useScenario(scenario({ download: { hangUntilAbort: true } }));
    const controller = new AbortController();
    const download = open().download([B], { signal: controller.signal });
    setTimeout(() => controller.abort(), 80);
    await expect(download).rejects.toBeInstanceOf(AbortError);
    expect(calls()).toContain('Job::RequestAbort');
    await expect(session.download([B], { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('reports an agent that disconnects mid-download', async () => {
    useScenario(scenario({ download: { durationMs: 40, disconnectAtPercent: 50 } }));
    await expect(open().download([B])).rejects.toMatchObject({ code: 'RPC_E_DISCONNECTED', operation: 'download' });
  });

  it('refuses a caller who is not an administrator', async () => {
    useScenario(scenario({ agent: { isAdministrator: false } }));
    await expect(open().download([A])).rejects.toMatchObject({ code: 'WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED', category: 'permission' });
  });

  it.each([
    [['not-a-guid'], /updates\[0\]/],
    [[{ identity: {} }], /updates\[0\]/],
    [[42], /updates\[0\]/],
  ])('rejects bad updates before calling the agent: %j', async (updates, message) => {
    useScenario(scenario());
    await expect(open().download(updates as never)).rejects.toThrow(message);
    await expect(session.download(updates as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(calls()).not.toContain('IUpdateDownloader::BeginDownload');
  });

  it('rejects options that belong to another operation', async () => {
    useScenario(scenario());
    await expect(open().download([A], { acceptEulas: true } as never)).rejects.toThrow(/options.acceptEulas is not an option of download/);
    await expect(session.download([A], { priority: 'urgent' as never })).rejects.toThrow(/options.priority must be one of/);
  });

  it('says which update the agent does not know', async () => {
    useScenario(scenario());
    await expect(open().download(['99999999-9999-4999-8999-999999999999']))
      .rejects.toMatchObject({ code: 'WU_E_ITEMNOTFOUND', description: expect.stringContaining('99999999-9999-4999-8999-999999999999') });
  });
});

describe('install', () => {
  it('installs downloaded updates, reports the reboot it needs and never restarts', async () => {
    useScenario(scenario());
    open();
    await session.download([A, B]);
    const events: Progress[] = [];
    const result = await session.install([A, B], { onProgress: (e) => events.push(e) });
    expect(result).toMatchObject({ resultCode: 'succeeded', rebootRequired: true });
    expect(result.updates.map((u) => u.rebootRequired)).toEqual([false, true]);
    expect(events[0]).toMatchObject({ operation: 'install', current: { updateId: A, index: 0 } });
    expect(events[0]!.current.phase).toBeUndefined();
    await expect(session.agentInfo()).resolves.toMatchObject({ rebootRequired: true });
    const installed = await session.search('IsInstalled=1');
    expect(installed.updates.map((u) => u.identity.updateId).sort()).toEqual([A, B, REMOVABLE].sort());
  });

  it('refuses an update whose license is not accepted, and accepts it only with acceptEulas', async () => {
    useScenario(scenario());
    open();
    await expect(session.install([LICENSED])).rejects.toMatchObject({ code: 'WU_E_EULAS_DECLINED' });
    expect(calls()).not.toContain('IUpdate::AcceptEula');
    expect(calls()).not.toContain('IUpdateInstaller::BeginInstall');
    const { updates } = await session.search(`UpdateID='${LICENSED}'`);
    expect(updates[0]).toMatchObject({ eulaAccepted: false, isInstalled: false });
    await expect(session.install([LICENSED], { acceptEulas: true })).resolves.toMatchObject({ resultCode: 'succeeded' });
    expect(calls()).toContain('IUpdate::AcceptEula');
  });

  it('fails an update that was not downloaded when told not to download first', async () => {
    useScenario(scenario());
    await expect(open().install([A], { downloadFirst: false })).rejects.toMatchObject({ code: 'WU_E_UH_NEEDANOTHERDOWNLOAD' });
    expect(calls()).not.toContain('IUpdateDownloader::BeginDownload');
  });

  it('allows one installation at a time, as the agent does', async () => {
    useScenario(scenario({ install: { durationMs: 300 }, updates: [
      { id: A, title: 'A', state: { isDownloaded: true } }, { id: B, title: 'B', state: { isDownloaded: true } },
    ] }));
    open();
    const first = session.install([A]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(session.install([B])).rejects.toMatchObject({ code: 'WU_E_INSTALL_NOT_ALLOWED', category: 'busy' });
    await expect(first).resolves.toMatchObject({ resultCode: 'succeeded' });
  });

  it('aborts an installation', async () => {
    useScenario(scenario({ install: { hangUntilAbort: true }, updates: [{ id: A, title: 'A', state: { isDownloaded: true } }] }));
    const controller = new AbortController();
    const install = open().install([A], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(install).rejects.toMatchObject({ name: 'AbortError', cause: new Error('stop') });
    const { updates } = await session.search(`UpdateID='${A}'`);
    expect(updates[0]!.isInstalled).toBe(false);
  });

  it('passes forceQuiet and force to the agent', async () => {
    useScenario(scenario({ updates: [{ id: A, title: 'A', state: { isInstalled: true } }] }));
    await expect(open().install([A], { forceQuiet: true, force: true })).resolves.toMatchObject({ resultCode: 'succeeded' });
  });
});

describe('uninstall', () => {
  it('uninstalls an uninstallable update and records it in the history', async () => {
    useScenario(scenario());
    const result = await open().uninstall([REMOVABLE]);
    expect(result).toMatchObject({ resultCode: 'succeeded', updates: [{ updateId: REMOVABLE, resultCode: 'succeeded' }] });
    const { updates } = await session.search('IsInstalled=1');
    expect(updates).toEqual([]);
  });

  it('fails for an update that cannot be uninstalled', async () => {
    useScenario(scenario({ updates: [{ id: A, title: 'A', state: { isInstalled: true } }] }));
    await expect(open().uninstall([A])).rejects.toMatchObject({ code: 'WU_E_UNINSTALL_NOT_ALLOWED' });
  });
});

describe('agent info and lifetime', () => {
  it('reads the agent version and reboot state', async () => {
    useScenario({ name: 'info', agent: { apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.22621.1', rebootRequired: true } });
    await expect(open().agentInfo()).resolves.toEqual({
      apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.22621.1', rebootRequired: true,
    });
  });

  it('leaves no agent object alive after downloads, installs and close()', async () => {
    useScenario(scenario());
    open();
    await session.download([A, B]);
    await session.install([A, B]);
    await session.close();
    await expectNoLiveObjects();
  });

  it('makes calls after close() fail clearly', async () => {
    useScenario(scenario());
    open();
    await session.close();
    for (const call of [session.search(), session.download([A]), session.install([]), session.agentInfo()]) {
      await expect(call).rejects.toBeInstanceOf(SessionClosedError);
    }
    await expect(session.describe()).rejects.toMatchObject({ name: 'SessionClosedError', code: 'ERR_WUA_SESSION_CLOSED' });
  });
});
