// An operation whose job the agent ran but whose result it did not give (EndInstall failing when
// the service goes away), or whose later job it refused after an earlier one changed the machine:
// the error says what may have happened, never that nothing did. Found by the fault matrix.
import { describe, expect, it } from 'vitest';

import { AbortError, WindowsUpdateError } from '../../lib/index.js';
import { hresult, useScenario } from '../sim/harness.js';
import { sessionsPerTest } from './sessions.js';

const DOWNLOADED = '61616161-6161-4161-8161-616161616161';
const NOT_DOWNLOADED = '62626262-6262-4262-8262-626262626262';

function scenario(faults: Record<string, string>, more: object = {}): object {
  return {
    name: 'withheld-results',
    ...more,
    agent: { faults },
    updates: [
      { id: DOWNLOADED, title: 'Downloaded update', kbArticleIds: ['5000101'], isUninstallable: true, state: { isDownloaded: true } },
      { id: NOT_DOWNLOADED, title: 'Licensed update', kbArticleIds: ['5000102'], eulaText: 'terms' },
    ],
  };
}

const sessions = sessionsPerTest();

describe('a job whose result the agent withheld', () => {
  it('an install whose EndInstall failed: its update\'s outcome is unknown, not "not started", and it did install', async () => {
    useScenario(scenario({ 'IUpdateInstaller::EndInstall': hresult('RPC_E_DISCONNECTED') }));
    const session = sessions.open();
    const failure = await session.install([DOWNLOADED]).catch((error: unknown) => error) as WindowsUpdateError;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({
      code: 'RPC_E_DISCONNECTED', operation: 'install',
      result: {
        resultCode: 'failed',
        updates: [{
          updateId: DOWNLOADED, title: 'Downloaded update', kbArticleIds: ['5000101'], resultCode: 'inProgress', step: 'install',
          code: 'RPC_E_DISCONNECTED', reason: 'the agent ran the job but IUpdateInstaller::EndInstall failed: outcome unknown',
        }],
      },
    });
    // Why "unknown" and not "not started": the agent did install it.
    const { updates } = await session.search('IsInstalled=1');
    expect(updates.map((update) => update.identity.updateId)).toContain(DOWNLOADED);
  });

  it('an uninstall and a download the same way, each with its own agent call named', async () => {
    useScenario(scenario({ 'IUpdateInstaller::EndUninstall': hresult('E_OUTOFMEMORY'), 'IUpdateDownloader::EndDownload': hresult('E_FAIL') }));
    const session = sessions.open();
    await session.install([DOWNLOADED]);
    await expect(session.uninstall([DOWNLOADED])).rejects.toMatchObject({
      code: 'E_OUTOFMEMORY',
      result: { updates: [{ updateId: DOWNLOADED, resultCode: 'inProgress', reason: expect.stringContaining('IUpdateInstaller::EndUninstall') }] },
    });
    await expect(session.download([NOT_DOWNLOADED])).rejects.toMatchObject({
      code: 'E_FAIL',
      result: { updates: [{ updateId: NOT_DOWNLOADED, resultCode: 'inProgress', step: 'download',
        reason: expect.stringContaining('IUpdateDownloader::EndDownload') }] },
    });
  });

  it('an install whose download ran before the agent refused the rest says the update was downloaded', async () => {
    useScenario(scenario({ 'IUpdate::AcceptEula': hresult('E_FAIL') }));
    const session = sessions.open();
    const failure = await session.install([NOT_DOWNLOADED], { acceptEulas: true }).catch((error: unknown) => error) as WindowsUpdateError;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure.result?.updates).toEqual([expect.objectContaining({
      updateId: NOT_DOWNLOADED, resultCode: 'notStarted', reason: 'downloaded; the agent refused the job: E_FAIL',
    })]);
    const [update] = (await session.search(`UpdateID='${NOT_DOWNLOADED}'`)).updates;
    expect(update?.isDownloaded).toBe(true);
  });

  it('an install aborted when its download ended, the agent having refused the abort, says the update was downloaded', async () => {
    useScenario(scenario({ 'Job::RequestAbort': hresult('E_ACCESSDENIED') }, { download: { durationMs: 1_000, progressSteps: 4 } }));
    const session = sessions.open();
    const failure = await session.install([NOT_DOWNLOADED], { acceptEulas: true, signal: AbortSignal.timeout(200) })
      .catch((error: unknown) => error) as AbortError;
    expect(failure).toBeInstanceOf(AbortError);
    expect(failure.result?.updates).toEqual([expect.objectContaining({
      updateId: NOT_DOWNLOADED, resultCode: 'aborted', step: 'install', reason: 'downloaded; aborted before its install started',
    })]);
    const [update] = (await session.search(`UpdateID='${NOT_DOWNLOADED}'`)).updates;
    expect(update?.isDownloaded).toBe(true);
  });
});
