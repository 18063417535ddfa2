// The offline scan's own logic, in plain Node: which paths are on the network, which scan
// services and copies are this package's, the AddService2 flags options make, and the scan's
// steps around a session that reports a network drive (which Wine's drives never are).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { InvalidArgumentError, WindowsUpdateError } from '../../lib/errors.js';
import { isProcessAlive, isUncPath, ownerOf, runOfflineScan, serviceNameFor, type OfflineScanRunner } from '../../lib/offline-scan.js';
import { addServiceOptions } from '../../lib/options.js';
import { WIRE_FIELDS, WIRE_RECORD_COUNT } from '../../lib/records/fields.generated.js';

describe('isUncPath', () => {
  it.each([
    ['\\\\server\\share\\wsusscn2.cab', true],
    ['//server/share/wsusscn2.cab', true],
    ['\\\\?\\UNC\\server\\share\\wsusscn2.cab', true],
    ['\\\\?\\C:\\catalogs\\wsusscn2.cab', false],
    ['\\\\.\\C:\\catalogs\\wsusscn2.cab', false],
    ['C:\\catalogs\\wsusscn2.cab', false],
    ['catalogs\\wsusscn2.cab', false],
    ['\\catalogs\\wsusscn2.cab', false],
  ])('%s: %s', (file, expected) => {
    expect(isUncPath(file)).toBe(expected);
  });
});

describe('whose scan service it is', () => {
  it('is this package\'s only with its name and as a scan package service', () => {
    expect(serviceNameFor(1234)).toBe('windows-update-agent offline scan, process 1234');
    expect(ownerOf({ name: serviceNameFor(1234), isScanPackageService: true })).toBe(1234);
    expect(ownerOf({ name: serviceNameFor(1234), isScanPackageService: false })).toBeUndefined();
    expect(ownerOf({ name: 'Offline Sync Service', isScanPackageService: true })).toBeUndefined();
    expect(ownerOf({ name: `${serviceNameFor(12)}x`, isScanPackageService: true })).toBeUndefined();
  });

  it('belongs to a running process while that process runs', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(999999)).toBe(false);
  });
});

describe('addServiceOptions', () => {
  it('makes the AddServiceFlag values Microsoft documents', () => {
    expect(addServiceOptions(undefined)).toEqual({ flags: 0x3, cabPath: '' });
    expect(addServiceOptions({ registerWithAutomaticUpdates: true })).toEqual({ flags: 0x7, cabPath: '' });
    expect(addServiceOptions({ allowOnlineRegistration: false })).toEqual({ flags: 0x1, cabPath: '' });
    expect(addServiceOptions({ allowPendingRegistration: false })).toEqual({ flags: 0x2, cabPath: '' });
    expect(addServiceOptions({ authorizationCab: 'C:\\auth.cab' })).toEqual({ flags: 0, cabPath: 'C:\\auth.cab' });
    expect(addServiceOptions({ authorizationCab: 'C:\\auth.cab', registerWithAutomaticUpdates: true })).toEqual({ flags: 0x4, cabPath: 'C:\\auth.cab' });
  });

  it('refuses what does not go together, and what is no option', () => {
    expect(() => addServiceOptions({ authorizationCab: 'a.cab', allowPendingRegistration: true })).toThrow(InvalidArgumentError);
    expect(() => addServiceOptions({ allowOnlineRegistration: false, allowPendingRegistration: false })).toThrow(InvalidArgumentError);
    expect(() => addServiceOptions({ authorizationCab: '' })).toThrow(InvalidArgumentError);
    expect(() => addServiceOptions({ registerWithAutomaticUpdates: 'yes' })).toThrow(/must be a boolean/);
    expect(() => addServiceOptions({ cab: 'a.cab' })).toThrow(/options.cab is not an option of addService/);
  });
});

describe('runOfflineScan on a network drive', () => {
  const work: string[] = [];
  afterEach(() => {
    for (const dir of work.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const folder = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wua-unit-scan-'));
    work.push(dir);
    return dir;
  };

  // What the addon sends: a search's closing chunk, and a chunk of one Service record.
  const tables = { texts: [''], textLists: [], shared: Array.from({ length: WIRE_RECORD_COUNT }, () => []),
    sharedLists: Array.from({ length: WIRE_RECORD_COUNT }, () => []) };
  const service: Record<string, unknown> = {
    serviceId: '0d0d0d0d-0000-4000-8000-000000000000', name: serviceNameFor(), serviceUrl: '', setupPrefix: '', isManaged: false,
    isRegisteredWithAu: false, isDefaultAuService: false, canRegisterWithAu: false, offersWindowsUpdates: false,
    isScanPackageService: true, issueDate: null, expirationDate: null, redirectUrls: null, hasContentValidationCert: false,
  };
  const serviceChunk = JSON.stringify({ records: [WIRE_FIELDS.Service.map(([name]) => service[name])], ...tables });

  it('copies the catalog to the staging folder, scans the copy, and deletes it', async () => {
    const share = folder();
    const staging = path.join(folder(), 'not yet made');
    const catalog = path.join(share, 'wsusscn2.cab');
    writeFileSync(catalog, 'MSCF catalog');
    const scanned: string[] = [];
    const runner: OfflineScanRunner = {
      services: async () => [],
      removeService: async () => {},
      driveType: async (file) => (file === catalog ? 4 : 3),
      scan: async (options) => {
        scanned.push(options.packagePath);
        expect(existsSync(options.packagePath)).toBe(true);
        expect(options.serviceName).toBe(serviceNameFor());
        return { search: JSON.stringify({ resultCode: 2, rootCategories: [], warnings: [], ...tables }), service: serviceChunk, removalHresult: 0 };
      },
      abortReason: () => undefined,
    };
    const result = await runOfflineScan(runner, catalog, { stagingDirectory: staging });
    expect(scanned).toHaveLength(1);
    expect(path.dirname(path.dirname(scanned[0]!))).toBe(staging);
    expect(path.basename(scanned[0]!)).toBe('wsusscn2.cab');
    expect(result).toMatchObject({ copied: true, scannedPath: scanned[0], catalogPath: catalog, offline: true, resultCode: 'succeeded' });
    expect(result.cleanup).toEqual({ serviceRemoved: true, copyRemoved: true, sweptServices: [], sweptCopies: [] });
    expect(readdirSync(staging)).toEqual([]);
    expect(existsSync(catalog)).toBe(true);
  });

  it('reports a copy that fails as a typed error, and scans nothing', async () => {
    const share = folder();
    const catalog = path.join(share, 'wsusscn2.cab');
    writeFileSync(catalog, 'MSCF catalog');
    let scans = 0;
    const runner: OfflineScanRunner = {
      services: async () => [], removeService: async () => {}, driveType: async () => 4,
      scan: async () => { scans += 1; throw new Error('not reached'); },
      abortReason: () => undefined,
    };
    // A staging folder under a file cannot be made.
    const failure = await runOfflineScan(runner, catalog, { stagingDirectory: path.join(catalog, 'staging') }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ operation: 'scanOffline', description: expect.stringContaining('could not be copied to') });
    expect(scans).toBe(0);
  });

  it('deletes the copy when the scan fails', async () => {
    const share = folder();
    const staging = folder();
    const catalog = path.join(share, 'wsusscn2.cab');
    writeFileSync(catalog, 'MSCF catalog');
    const runner: OfflineScanRunner = {
      services: async () => [],
      removeService: async () => {},
      driveType: async () => 4,
      scan: async () => { throw new Error('the agent failed'); },
      abortReason: () => undefined,
    };
    await expect(runOfflineScan(runner, catalog, { stagingDirectory: staging })).rejects.toThrow('the agent failed');
    expect(readdirSync(staging)).toEqual([]);
  });
});
