// Nothing that happened is lost: an aborted, timed-out or closed job and a failed job keep every
// update's outcome, and a restart that finished work needs is never hidden.
import { describe, expect, it } from 'vitest';

import { AbortError, SessionClosedError, WindowsUpdateError } from '../../lib/index.js';
import { sessionsPerTest } from '../core/sessions.js';
import { useScenario } from './backend.js';

const REBOOTS = '51515151-5151-4151-8151-515151515151';
const HANGS = '52525252-5252-4252-8252-525252525252';
const MSI = '53535353-5353-4353-8353-535353535353';
const FEATURE = '54545454-5454-4454-8454-545454545454';

// The input: the first update installs and needs a restart, the second never finishes.
function rebootThenHang(behaviour: 'install' | 'download' = 'install'): object {
  return {
    name: 'reboot-then-hang',
    updates: [
      { id: REBOOTS, title: 'Cumulative Update (KB5068781)', kbArticleIds: ['5068781'], maxDownloadSize: 100,
        installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' }, state: { isDownloaded: behaviour === 'install' } },
      { id: HANGS, title: 'Hangs', kbArticleIds: ['5000001'], maxDownloadSize: 100,
        [behaviour]: { hangUntilAbort: true }, state: { isDownloaded: behaviour === 'install' } },
    ],
  };
}

const sessions = sessionsPerTest();

describe('an aborted job keeps its partial result', () => {
  it('a timed-out install rejects with a TimeoutError that carries the finished outcomes and the restart need', async () => {
    useScenario(rebootThenHang());
    const session = await sessions.openStarted();
    const failure = await session.install([REBOOTS, HANGS], { signal: AbortSignal.timeout(500) }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure).toMatchObject({
      name: 'TimeoutError',
      message: expect.stringMatching(/install was aborted after 1 of 2 updates finished; a restart is needed/),
      result: {
        resultCode: 'aborted', rebootRequired: true,
        updates: [
          { updateId: REBOOTS, kbArticleIds: ['5068781'], title: 'Cumulative Update (KB5068781)', resultCode: 'succeeded', rebootRequired: true },
          { updateId: HANGS, kbArticleIds: ['5000001'], resultCode: 'aborted', rebootRequired: false },
        ],
      },
    });
    // What the result says is what happened on the machine.
    const { updates } = await session.search('IsInstalled=1');
    expect(updates.map((u) => u.identity.updateId)).toEqual([REBOOTS]);
    await expect(session.agentInfo()).resolves.toMatchObject({ rebootRequired: true });
  });

  it('an AbortController abort carries the result too, with the caller\'s reason as its cause', async () => {
    useScenario(rebootThenHang('download'));
    const session = await sessions.openStarted();
    const controller = new AbortController();
    const download = session.download([REBOOTS, HANGS], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('operator said stop')), 300);
    const failure = await download.catch((e: unknown) => e) as AbortError;
    expect(failure).toMatchObject({ name: 'AbortError', cause: new Error('operator said stop') });
    expect(failure.result?.updates.map((u) => u.resultCode)).toEqual(['succeeded', 'aborted']);
    expect(failure.result?.rebootRequired).toBe(false);
  });

  it('close() aborts what runs, and the operation keeps its partial result, caused by the closed session', async () => {
    useScenario(rebootThenHang());
    const session = await sessions.openStarted();
    const install = session.install([REBOOTS, HANGS]).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await session.close();
    const failure = await install as AbortError;
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure.cause).toBeInstanceOf(SessionClosedError);
    expect(failure.result).toMatchObject({ rebootRequired: true, updates: [{ resultCode: 'succeeded' }, { resultCode: 'aborted' }] });
  });

  it('an abort before anything ran has no result to carry', async () => {
    useScenario(rebootThenHang());
    const session = sessions.open();
    const failure = await session.install([REBOOTS], { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'AbortError', result: undefined });
  });
});

describe('a failed job carries its per-update outcomes as data', () => {
  it('names each update that failed, its code and HRESULT, and leads the message with them', async () => {
    useScenario({
      name: 'both-fail',
      updates: [
        { id: MSI, title: 'Visual C++ Redistributable', kbArticleIds: ['5012170'], state: { isDownloaded: true },
          install: { hresult: '0x80070643' } },
        { id: FEATURE, title: '.NET Framework 3.5', kbArticleIds: ['5000002', '5000003'], state: { isDownloaded: true },
          install: { hresult: '0x800F081F' } },
      ],
    });
    const session = sessions.open();
    const failure = await session.install([MSI, FEATURE]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure.result?.resultCode).toBe('failed');
    expect(failure.result?.updates).toEqual([
      expect.objectContaining({ updateId: MSI, title: 'Visual C++ Redistributable', kbArticleIds: ['5012170'],
        resultCode: 'failed', hresult: 0x80070643, code: 'ERROR_INSTALL_FAILURE' }),
      expect.objectContaining({ updateId: FEATURE, title: '.NET Framework 3.5', kbArticleIds: ['5000002', '5000003'],
        resultCode: 'failed', hresult: 0x800f081f, code: 'CBS_E_SOURCE_MISSING' }),
    ]);
    expect(failure.message).toMatch(/^install failed: KB5012170: ERROR_INSTALL_FAILURE \(0x80070643\): .+; KB5000002,KB5000003: CBS_E_SOURCE_MISSING \(0x800F081F\)/);
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({ result: { updates: [{ updateId: MSI }, { updateId: FEATURE }] } });
  });
});
