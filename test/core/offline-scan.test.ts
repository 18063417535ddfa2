// UpdateSession.scanOffline against the simulated agent's scan packages (test/sim/README.md,
// rule 9): the scan service's search, the clean-up after success, failure, abort and close, a
// catalog on a network path copied first, the sweep of what a killed process left, and the
// refusal to download or install what an offline catalog describes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import {
  AbortError, InvalidArgumentError, SessionClosedError, UpdateSession, WindowsUpdateError, type OfflineScanResult,
} from '../../lib/index.js';
import { loadBinding } from '../../lib/native.js';
import { calls, expectNoLiveObjects, useScenario } from '../sim/harness.js';
import { sessionsPerTest } from './sessions.js';

const root = path.resolve(__dirname, '..', '..');
const PENDING = 'a1a1a1a1-1111-4111-8111-a1a1a1a1a1a1';
const INSTALLED = 'a2a2a2a2-2222-4222-8222-a2a2a2a2a2a2';
const ELSEWHERE = 'a3a3a3a3-3333-4333-8333-a3a3a3a3a3a3';
const DEAD_PID = 999999;  // Windows process IDs are multiples of 4: no process has this one
const OURS = (pid: number): string => `windows-update-agent offline scan, process ${pid}`;

const sessions = sessionsPerTest({ clientApplicationId: 'offline scan tests' });

function scenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'offline-scan',
    updates: [
      { id: PENDING, title: '2026-11 Security Update (KB5070001)', kbArticleIds: ['5070001'], msrcSeverity: 'Critical' },
      { id: INSTALLED, title: '2026-10 Security Update (KB5060001)', kbArticleIds: ['5060001'], state: { isInstalled: true } },
      { id: ELSEWHERE, title: 'Offered by Windows Update only', kbArticleIds: ['5080001'] },
    ],
    scanPackages: { 'wsusscn2.cab': { updates: [PENDING, INSTALLED] } },
    ...extra,
  };
}

const work: string[] = [];
afterEach(() => {
  for (const dir of work.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wua-offline-'));
  work.push(dir);
  return dir;
}

/** A scan package: the simulated agent reads only its name, never its content. */
function catalog(dir = folder(), name = 'wsusscn2.cab'): string {
  const file = path.join(dir, name);
  writeFileSync(file, 'MSCF');
  return file;
}

/**
 * A catalog on a network share. Under Wine a UNC path \\server\share is the prefix's
 * dosdevices/unc/server/share folder; on Windows, the administrative share of a local drive.
 */
function networkCatalog(): string {
  const prefix = process.env.WINEPREFIX;
  if (prefix) {
    const share = `share-${process.pid}-${work.length}`;
    const dir = `Z:${path.posix.join(prefix, 'dosdevices', 'unc', 'wua-tests', share)}`.replace(/\//g, '\\');
    mkdirSync(dir, { recursive: true });
    work.push(dir);
    catalog(dir);
    return `\\\\wua-tests\\${share}\\wsusscn2.cab`;
  }
  const local = catalog();
  return `\\\\localhost\\${local[0]}$${local.slice(2)}`;
}

const scanServices = async (session: UpdateSession) => (await session.services()).filter((service) => service.isScanPackageService);
const ids = (result: OfflineScanResult): string[] => result.updates.map((update) => update.identity.updateId).sort();

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('scanOffline()', () => {
  it('searches the catalog\'s scan package service alone, then removes it', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const file = catalog();
    const result = await session.scanOffline(file);
    expect(ids(result)).toEqual([PENDING]);
    expect(result).toMatchObject({
      resultCode: 'succeeded', offline: true, catalogPath: file, scannedPath: file, copied: false, warnings: [],
      service: { name: OURS(process.pid), isScanPackageService: true, canRegisterWithAu: false, isRegisteredWithAu: false },
      cleanup: { serviceRemoved: true, copyRemoved: false, sweptServices: [], sweptCopies: [] },
    });
    expect(result.updates[0]).toMatchObject({ title: '2026-11 Security Update (KB5070001)', kbArticleIds: ['5070001'], msrcSeverity: 'Critical' });
    expect(calls()).toEqual(expect.arrayContaining([
      'IUpdateSession3::CreateUpdateServiceManager', 'IUpdateServiceManager::AddScanPackageService', 'IUpdateSearcher::BeginSearch',
      'IUpdateSearcher::EndSearch', 'IUpdateServiceManager::RemoveService',
    ]));
    expect(await scanServices(session)).toEqual([]);
    await session.close();
    await expectNoLiveObjects();
  });

  it('takes criteria and search options as search() does', async () => {
    useScenario(scenario());
    const session = sessions.open();
    expect(ids(await session.scanOffline(catalog(), { isInstalled: true }))).toEqual([INSTALLED]);
    expect(ids(await session.scanOffline(catalog(), 'IsInstalled=0 or IsInstalled=1', { includePotentiallySupersededUpdates: true })))
      .toEqual([PENDING, INSTALLED].sort());
  });

  it('checks its arguments before anything reaches the agent', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const dir = folder();
    await expect(session.scanOffline(path.join(dir, 'missing.cab'))).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'cabPath' });
    await expect(session.scanOffline(dir)).rejects.toThrow(/cabPath is not a file/);
    await expect(session.scanOffline('')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(session.scanOffline(catalog(), 'IsInstalled=2')).rejects.toMatchObject({ code: 'ERR_WUA_INVALID_CRITERIA' });
    await expect(session.scanOffline(catalog(), '', { online: false } as never)).rejects.toThrow(/options.online is not an option of scanOffline/);
    await expect(session.scanOffline(catalog(), '', { stagingDirectory: 7 } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(calls().filter((call) => call.includes('ServiceManager'))).toEqual([]);
  });

  it('reports what the agent refuses, typed: an unsigned file, a caller who is not an administrator', async () => {
    useScenario(scenario());
    await expect(sessions.open().scanOffline(catalog(folder(), 'other.cab')))
      .rejects.toMatchObject({ name: 'WindowsUpdateError', code: 'TRUST_E_NOSIGNATURE', operation: 'scanOffline' });
    useScenario(scenario({ agent: { isAdministrator: false } }));
    const session = sessions.open();
    const refused = await session.scanOffline(catalog()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WindowsUpdateError);
    expect(refused).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission' });
    useScenario(scenario({ agent: { logon: { remote: true } } }));
    await expect(sessions.open().scanOffline(catalog())).rejects.toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission' });
  });
});

describe('a catalog on a network path', () => {
  it('is refused by the agent itself (0x8007007B), as users met it', async () => {
    useScenario(scenario());
    // The addon's scan as it is, without the facade's copy.
    const native = new (loadBinding().Session)({});
    try {
      await expect(native.scanPackage(1, '', { packagePath: networkCatalog(), serviceName: 'unc' }, () => {}))
        .rejects.toMatchObject({ hresult: 0x8007007B });
    } finally {
      await native.close();
    }
  });

  it('is copied to a local folder first, scanned there, and the copy deleted', async () => {
    useScenario(scenario());
    const staging = folder();
    const unc = networkCatalog();
    const result = await sessions.open().scanOffline(unc, '', { stagingDirectory: staging });
    expect(ids(result)).toEqual([PENDING]);
    expect(result).toMatchObject({ catalogPath: unc, copied: true, cleanup: { serviceRemoved: true, copyRemoved: true } });
    expect(result.scannedPath.startsWith(staging)).toBe(true);
    expect(path.basename(result.scannedPath)).toBe('wsusscn2.cab');
    expect(readdirSync(staging)).toEqual([]);
  });
});

describe('clean-up', () => {
  async function expectCleanedUp(session: UpdateSession, staging: string): Promise<void> {
    expect(calls()).toContain('IUpdateServiceManager::RemoveService');
    expect(await scanServices(session)).toEqual([]);
    expect(readdirSync(staging)).toEqual([]);
  }

  it('after a failure the agent injects once the service is registered', async () => {
    useScenario(scenario({ agent: { faults: { 'IUpdateSearcher::BeginSearch': '0x80240FFF' } } }));
    const session = sessions.open();
    const staging = folder();
    const failure = await session.scanOffline(networkCatalog(), '', { stagingDirectory: staging }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'WindowsUpdateError', code: 'WU_E_UNEXPECTED' });
    await expectCleanedUp(session, staging);
  });

  it('after a search that runs out of memory, as Microsoft documents for offline scans', async () => {
    useScenario(scenario({ search: { hresult: '0x8007000E' } }));
    const session = sessions.open();
    const staging = folder();
    await expect(session.scanOffline(networkCatalog(), '', { stagingDirectory: staging }))
      .rejects.toMatchObject({ code: 'E_OUTOFMEMORY', retryable: true });
    await expectCleanedUp(session, staging);
  });

  it('after an abort, once the agent confirms it', async () => {
    useScenario(scenario({ search: { hangUntilAbort: true } }));
    const session = sessions.open();
    const staging = folder();
    const controller = new AbortController();
    const scan = session.scanOffline(networkCatalog(), '', { stagingDirectory: staging, signal: controller.signal });
    await until(() => calls().includes('IUpdateSearcher::BeginSearch'));
    expect((await scanServices(session)).map((service) => service.name)).toEqual([OURS(process.pid)]);
    controller.abort(new Error('enough'));
    const aborted = await scan.catch((error: unknown) => error);
    expect(aborted).toBeInstanceOf(AbortError);
    expect(aborted).toMatchObject({ name: 'AbortError', cause: { message: 'enough' } });
    await expectCleanedUp(session, staging);
  });

  it('after a timeout, and after close()', async () => {
    useScenario(scenario({ search: { hangUntilAbort: true } }));
    const staging = folder();
    const first = sessions.open();
    await expect(first.scanOffline(catalog(), '', { stagingDirectory: staging, signal: AbortSignal.timeout(300) }))
      .rejects.toMatchObject({ name: 'TimeoutError' });
    await expectCleanedUp(first, staging);
    const second = new UpdateSession();
    const scan = second.scanOffline(networkCatalog(), '', { stagingDirectory: staging });
    await until(() => calls().filter((call) => call === 'IUpdateSearcher::BeginSearch').length === 2);
    await second.close();
    const closed = await scan.catch((error: unknown) => error);
    expect(closed).toBeInstanceOf(AbortError);
    expect((closed as AbortError).cause).toBeInstanceOf(SessionClosedError);
    await expectCleanedUp(sessions.open(), staging);
  });

  it('says when the agent does not remove the scan service, which goes with its last reference anyway', async () => {
    useScenario(scenario({ agent: { faults: { 'IUpdateServiceManager::RemoveService': '0x80240FFF' } } }));
    const session = sessions.open();
    const result = await session.scanOffline(catalog());
    expect(ids(result)).toEqual([PENDING]);
    expect(result.cleanup.serviceRemoved).toBe(false);
    expect(result.warnings).toEqual([expect.objectContaining({
      code: 'WU_E_UNEXPECTED', context: 'general', message: expect.stringMatching(/^the scan package service [0-9a-f-]{36} could not be removed/),
    })]);
    // Registered without usoNonVolatileService: releasing the service object dropped it.
    expect(await scanServices(session)).toEqual([]);
  });

  it('registers nothing when the signal has already fired', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.scanOffline(catalog(), '', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls()).not.toContain('IUpdateServiceManager::AddScanPackageService');
  });
});

describe('the sweep of what scans of dead processes left', () => {
  it('removes the service and the copy of a scan whose process was killed', async () => {
    const hanging = scenario({ search: { hangUntilAbort: true } });
    const { env, stateFile } = useScenario(hanging);
    const staging = folder();
    const unc = networkCatalog();
    const script = path.join(folder(), 'scan-and-hang.cjs');
    writeFileSync(script, `
      const { UpdateSession } = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
      new UpdateSession().scanOffline(${JSON.stringify(unc)}, '', { stagingDirectory: ${JSON.stringify(staging)} })
        .catch((error) => process.stderr.write(String(error)));`);
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const watcher = sessions.open();
    let left: string | undefined;
    try {
      await until(async () => {
        left = (await scanServices(watcher)).find((service) => service.name === OURS(child.pid!))?.serviceId;
        return left !== undefined && readdirSync(staging).length === 1;
      });
    } finally {
      child.kill();
    }
    await once(child, 'exit');
    const copy = path.join(staging, readdirSync(staging)[0]!);
    expect(copy).toMatch(new RegExp(`windows-update-agent-scan-${child.pid}-`));

    // The same machine, where searches no longer hang.
    useScenario({ ...hanging, search: {} }, { stateFile, keepState: true });
    const session = sessions.open();
    expect((await scanServices(session)).map((service) => service.serviceId)).toEqual([left]);
    const result = await session.scanOffline(unc, '', { stagingDirectory: staging });
    expect(result.cleanup).toEqual({ serviceRemoved: true, copyRemoved: true, sweptServices: [left], sweptCopies: [copy] });
    expect(ids(result)).toEqual([PENDING]);
    expect(await scanServices(session)).toEqual([]);
    expect(readdirSync(staging)).toEqual([]);
  });

  it('never removes what is not this package\'s, nor a scan whose process still runs', async () => {
    const service = (id: string, name: string, isScanPackageService = true) =>
      ({ id, name, isScanPackageService, ...(isScanPackageService ? { scanPackage: 'wsusscn2.cab' } : {}), canRegisterWithAu: false });
    const someoneElses = 'b1b1b1b1-1111-4111-8111-b1b1b1b1b1b1';
    const running = 'b2b2b2b2-2222-4222-8222-b2b2b2b2b2b2';
    const dead = 'b3b3b3b3-3333-4333-8333-b3b3b3b3b3b3';
    const notScan = 'b4b4b4b4-4444-4444-8444-b4b4b4b4b4b4';
    useScenario(scenario({
      agent: {
        services: [
          service(someoneElses, 'Offline Sync Service'), service(running, OURS(process.pid)), service(dead, OURS(DEAD_PID)),
          service(notScan, OURS(DEAD_PID), false),
        ],
      },
    }));
    const staging = folder();
    const copyOf = (name: string, marker?: object): string => {
      const dir = path.join(staging, name);
      mkdirSync(dir);
      if (marker) writeFileSync(path.join(dir, 'windows-update-agent-scan.json'), JSON.stringify(marker));
      writeFileSync(path.join(dir, 'wsusscn2.cab'), 'MSCF');
      return dir;
    };
    const deadCopy = copyOf(`windows-update-agent-scan-${DEAD_PID}-aB3dE9`, { package: 'windows-update-agent', pid: DEAD_PID });
    const kept = [
      copyOf(`windows-update-agent-scan-${DEAD_PID}-NoMark`),
      copyOf(`windows-update-agent-scan-${process.pid}-Alive1`, { package: 'windows-update-agent', pid: process.pid }),
      copyOf(`windows-update-agent-scan-${DEAD_PID}-Other1`, { package: 'another-package', pid: DEAD_PID }),
      copyOf('wsus-offline', { package: 'windows-update-agent', pid: DEAD_PID }),
    ];
    const session = sessions.open();
    const result = await session.scanOffline(catalog(), '', { stagingDirectory: staging });
    expect(result.cleanup).toMatchObject({ sweptServices: [dead], sweptCopies: [deadCopy] });
    expect((await session.services()).map((s) => s.serviceId).sort()).toEqual([someoneElses, running, notScan].sort());
    expect(existsSync(deadCopy)).toBe(false);
    for (const dir of kept) expect(existsSync(dir), dir).toBe(true);
  });
});

describe('records of an offline scan', () => {
  it('are refused by download(), install() and plan() before the agent is called, as records, JSON or IDs', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const { updates } = await session.scanOffline(catalog());
    const refusals = [
      session.download(updates), session.install(JSON.parse(JSON.stringify(updates))), session.install(PENDING.toUpperCase()),
      session.plan('download', updates),
    ];
    for (const refused of refusals) {
      await expect(refused).rejects.toMatchObject({
        name: 'InvalidArgumentError', code: 'ERR_WUA_OFFLINE_SCAN_UPDATE', argument: 'updates',
        message: expect.stringContaining('2026-11 Security Update (KB5070001)'),
      });
    }
    expect(calls().filter((call) => /Downloader|Installer|Download|Install/.test(call))).toEqual([]);
  });

  it('are downloadable once an online search finds them, through the agent\'s own service', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const { updates } = await session.scanOffline(catalog());
    await session.search({ updateId: PENDING });
    await expect(session.download(updates)).resolves.toMatchObject({ resultCode: 'succeeded' });
  });
});
