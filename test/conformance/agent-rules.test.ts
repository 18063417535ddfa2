// The product's answer to the agent's documented rules, each played by the simulated agent as
// strictly as Microsoft documents it (test/sim/README.md, "Rules from Microsoft's documentation").
import { describe, expect, it } from 'vitest';

import { describeHresult, UpdateSession, WindowsUpdateError, type Progress } from '../../lib/index.js';
import { sessionsPerTest } from '../core/sessions.js';
import { calls, useScenario } from './backend.js';

const A = '91919191-9191-4191-8191-919191919191';
const B = '92929292-9292-4292-8292-929292929292';
const BUNDLE = '93939393-9393-4393-8393-939393939393';
const CHILD1 = '94949494-9494-4494-8494-949494949494';
const CHILD2 = '95959595-9595-4595-8595-959595959595';
const EXCLUSIVE = '96969696-9696-4696-8696-969696969696';

const sessions = sessionsPerTest({ clientApplicationId: 'agent rules' });
const open = (): UpdateSession => sessions.open();

function bundleScenario(child2: Record<string, unknown> = {}): object {
  return {
    name: 'bundle',
    updates: [
      { id: BUNDLE, title: 'Cumulative bundle', kbArticleIds: ['9300003'], bundledUpdates: [CHILD1, CHILD2] },
      { id: CHILD1, title: 'Servicing part', kbArticleIds: ['9400004'], maxDownloadSize: 1000,
        installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } },
      { id: CHILD2, title: 'Feature part', kbArticleIds: ['9500005'], maxDownloadSize: 3000, ...child2 },
      { id: A, title: 'Alone', kbArticleIds: ['9100001'] },
    ],
  };
}

describe('exclusive updates (InstallationImpact)', () => {
  it('install() never sends the agent a mixed batch, which it refuses', async () => {
    useScenario({
      name: 'exclusive',
      updates: [
        { id: A, title: 'A', state: { isDownloaded: true } },
        { id: EXCLUSIVE, title: 'Exclusive', state: { isDownloaded: true }, installationBehavior: { impact: 'requiresExclusiveHandling' } },
        { id: B, title: 'B', state: { isDownloaded: true } },
      ],
    });
    const result = await open().install([A, EXCLUSIVE, B]);
    expect(result).toMatchObject({ resultCode: 'succeeded' });
    expect(result.updates.map((u) => u.resultCode)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(calls().filter((call) => call.endsWith('BeginInstall'))).toHaveLength(2);
  });
});

describe('bundles (Relationships Among Updates)', () => {
  it('are offered whole: the bundle is a result, its children are in its record', async () => {
    useScenario(bundleScenario());
    const { updates } = await open().search();
    expect(updates.map((u) => u.identity.updateId).sort()).toEqual([A, BUNDLE].sort());
    const bundle = updates.find((u) => u.identity.updateId === BUNDLE)!;
    expect(bundle.bundledUpdates.map((child) => child.title)).toEqual(['Servicing part', 'Feature part']);
    expect(bundle.installationBehavior.rebootBehavior).toBe('alwaysRequiresReboot');
  });

  it('download their children and install them, the bundle\'s outcome standing for them', async () => {
    useScenario(bundleScenario());
    const events: Progress[] = [];
    const result = await open().install([BUNDLE], { onProgress: (event) => events.push(event) });
    expect(result).toMatchObject({
      resultCode: 'succeeded', rebootRequired: true,
      updates: [{ updateId: BUNDLE, title: 'Cumulative bundle', kbArticleIds: ['9300003'], resultCode: 'succeeded', rebootRequired: true }],
    });
    // The payload is on the children: the download step counted their bytes.
    expect(events.filter((e) => e.step === 'download').at(-1)).toMatchObject({ totalBytesToDownload: 4000 });
    const installed = await sessions.last.search('IsInstalled=1');
    expect(installed.updates.map((u) => u.identity.updateId)).toEqual([BUNDLE]);
  });

  it('stop at the first child that fails, and the bundle fails with that child\'s code', async () => {
    useScenario(bundleScenario({ install: { hresult: '0x80070643' } }));
    const failure = await open().install([BUNDLE]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ code: 'ERROR_INSTALL_FAILURE', result: { updates: [{ updateId: BUNDLE, resultCode: 'failed' }] } });
    expect(failure.message).toMatch(/^install failed: KB9300003: ERROR_INSTALL_FAILURE \(0x80070643\)/);
  });
});

describe('an update the agent cannot fully read', () => {
  it('is left out of the search with a warning that names it and the property; the others arrive', async () => {
    useScenario({
      name: 'unreadable',
      updates: [
        { id: A, title: 'Readable' },
        { id: B, title: 'Broken', faults: { 'IUpdate2::get_CveIDs': '0x8007000E' } },
        { id: EXCLUSIVE, title: 'Nameless', faults: { 'IUpdateIdentity::get_UpdateID': '0x80004005' } },
      ],
    });
    const result = await open().search();
    expect(result.updates.map((u) => u.title)).toEqual(['Readable']);
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.warnings).toEqual([
      expect.objectContaining({ updateId: B, property: 'IUpdate2::CveIDs', code: 'E_OUTOFMEMORY', context: 'general',
        message: expect.stringContaining(`update ${B} (Broken) was left out`) }),
      expect.objectContaining({ property: 'IUpdateIdentity::UpdateID', code: 'E_FAIL', message: expect.stringMatching(/^update #2 was left out/) }),
    ]);
    // What was read is still usable.
    await expect(sessions.last.download(result.updates)).resolves.toMatchObject({ resultCode: 'succeeded' });
  });
});

describe('logon conditions', () => {
  it('a remote caller searches (Search, where BeginSearch is denied) and gets a clear refusal for installs', async () => {
    useScenario({ name: 'remote', agent: { logon: { remote: true } }, updates: [{ id: A, title: 'A', state: { isDownloaded: true } }] });
    const { updates, warnings, resultCode } = await open().search();
    expect(updates.map((u) => u.identity.updateId)).toEqual([A]);
    expect(calls()).toContain('IUpdateSearcher::Search');
    // The denial is not lost: a warning says the search could not be aborted.
    expect(resultCode).toBe('succeeded');
    expect(warnings).toEqual([expect.objectContaining({ code: 'E_ACCESSDENIED', property: 'IUpdateSearcher::BeginSearch' })]);
    const failure = await sessions.last.install([A]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(failure).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission', description: expect.stringMatching(/remote session/) });
    expect(failure.hint).toMatch(/remote/i);
  });

  it('a shell whose searches are denied too gets the refusal for the search', async () => {
    useScenario({
      name: 'ssh',
      agent: { logon: { remote: true, deniedCalls: ['IUpdateSearcher::BeginSearch', 'IUpdateSearcher::Search'] } },
      updates: [{ id: A, title: 'A' }],
    });
    await expect(open().search()).rejects.toMatchObject({ code: 'E_ACCESSDENIED', operation: 'search' });
  });

  it('a Secondary Logon process without an interactive user fails only the update that can ask for input', async () => {
    useScenario({
      name: 'runas', agent: { logon: { interactiveUser: false } },
      updates: [
        { id: A, title: 'Asks', state: { isDownloaded: true }, installationBehavior: { canRequestUserInput: true } },
        { id: B, title: 'Quiet', state: { isDownloaded: true } },
      ],
    });
    const result = await open().install([A, B]);
    expect(result).toMatchObject({
      resultCode: 'succeededWithErrors',
      updates: [{ updateId: A, resultCode: 'failed', code: 'WU_E_NO_INTERACTIVE_USER' }, { updateId: B, resultCode: 'succeeded' }],
    });
    const only = await sessions.last.install([A]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(only.hint).toMatch(/RunAs|Secondary Logon/);
    expect(only.hint).not.toMatch(/elevat|administrator/i);
  });
});

describe('the job\'s own HRESULT', () => {
  it('a summary code leads the message with the per-update causes', async () => {
    useScenario({
      name: 'summary', install: { jobHresult: '0x80240022' },
      updates: [
        { id: A, title: 'A', kbArticleIds: ['9100001'], state: { isDownloaded: true }, install: { hresult: '0x80070643' } },
        { id: B, title: 'B', kbArticleIds: ['9200002'], state: { isDownloaded: true }, install: { hresult: '0x800F081F' } },
      ],
    });
    const failure = await open().install([A, B]).catch((e: unknown) => e) as WindowsUpdateError;
    expect(failure).toMatchObject({ code: 'WU_E_ALL_UPDATES_FAILED', hresult: 0x80240022 });
    const meaning = (code: number): string => describeHresult(code).meaning;
    expect(failure.message).toBe(`install failed: KB9100001: ERROR_INSTALL_FAILURE (0x80070643): ${meaning(0x80070643)}; `
      + `KB9200002: CBS_E_SOURCE_MISSING (0x800F081F): ${meaning(0x800f081f)} `
      + `(the agent reported WU_E_ALL_UPDATES_FAILED (0x80240022): ${meaning(0x80240022)})`);
  });
});
