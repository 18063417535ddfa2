// The offline scan (UpdateSession.scanOffline): a search of an offline catalog such as
// wsusscn2.cab, as Microsoft's "Using WUA to Scan for Updates Offline" does it, with what users of
// other tools trip on taken care of:
// - The search goes to the catalog's scan package service only: ServerSelection = ssOthers with
//   that service's ID. Left at its default, an "offline" scan searches Windows Update or WSUS and
//   fails without a network (0x8024402C: potatoqualitee/kbupdate#197, fixed by PR #198;
//   future-architect/vuls PR #2236). `Online` is left at the agent's default, as Microsoft's
//   sample leaves it: for a scan package service the "server" is the package ([MS-UAMG]: "An
//   update agent can treat this as a virtual update service"), and Online = false would confine
//   the search to what the agent's datastore already holds, which a newly registered package has
//   never been read into.
// - A catalog on a network path is copied to a local folder first: the agent refuses it there
//   with 0x8007007B even when the share is readable (kbupdate#237, PR #250).
// - The service and the copy go after the scan, also after a failure or an abort; a later scan
//   removes what a process that died left: a service or copy is this package's when its name
//   says so (and, for a copy, its marker file agrees), and only once the process it names is gone.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { AbortError, describeHresult, InvalidArgumentError, isAbortError, WindowsUpdateError } from './errors.js';
import type { NativeScanPackageOptions, NativeScanPackageResult } from './native.js';
import type { CheckedOfflineScanOptions } from './options.js';
import { searchResultFromJson } from './records/decode.js';
import { UpdateStream } from './records/stream.js';
import { servicesFromJson } from './services.js';
import type { ChangeKind, OfflineScanResult, ServiceRecord, UpdateRecord, UpdateWarning } from './types.js';

const PACKAGE = 'windows-update-agent';
const SERVICE_NAME_PREFIX = `${PACKAGE} offline scan, process `;
const COPY_PREFIX = `${PACKAGE}-scan-`;
const COPY_FOLDER = /^windows-update-agent-scan-(\d+)-[A-Za-z0-9]{6}$/;
const MARKER = `${PACKAGE}-scan.json`;
/** GetDriveType's DRIVE_REMOTE: a network drive. */
const DRIVE_REMOTE = 4;
const E_FAIL = 0x80004005;

/** What the scan needs from its session. */
export interface OfflineScanRunner {
  services(): Promise<ServiceRecord[]>;
  removeService(serviceId: string): Promise<void>;
  driveType(path: string): Promise<number>;
  /** Runs the native scan under the scan's signal; resolves with an aborted result when aborted. */
  scan(options: NativeScanPackageOptions, onChunk: (updatesJson: string) => void): Promise<NativeScanPackageResult>;
  /** Why the scan was aborted: its signal's reason, or the session's close(). */
  abortReason(): unknown;
}

/** The name this process's scan package services carry. */
export function serviceNameFor(pid = process.pid): string {
  return `${SERVICE_NAME_PREFIX}${pid}`;
}

/** The process that registered a scan package service of this package, or undefined for one that is not ours. */
export function ownerOf(service: Pick<ServiceRecord, 'name' | 'isScanPackageService'>): number | undefined {
  if (!service.isScanPackageService || !service.name.startsWith(SERVICE_NAME_PREFIX)) return undefined;
  const pid = service.name.slice(SERVICE_NAME_PREFIX.length);
  return /^\d+$/.test(pid) ? Number(pid) : undefined;
}

/**
 * Whether process `pid` still runs. Only "no such process" says no: a process this one may not
 * look at (EPERM) runs, and a scan of it must be left alone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** A UNC path (\\server\share\..., //server/share/..., \\?\UNC\...), not a local device path (\\?\C:\, \\.\). */
export function isUncPath(file: string): boolean {
  return /^[\\/]{2}\?[\\/]UNC[\\/]/i.test(file) || /^[\\/]{2}(?![?.][\\/])[^\\/]/.test(file);
}

// The Win32 errors behind Node's file errors, so that a file failure is named and categorised as
// the agent's failures are (a share that refuses access is a permission problem, a full disk a disk one).
const FILE_ERRORS: Readonly<Record<string, number>> = {
  EACCES: 0x80070005, EPERM: 0x80070005, ENOENT: 0x80070002, EBUSY: 0x80070020, ENOSPC: 0x80070070,
};

function hresultOf(error: unknown): number {
  if (error instanceof WindowsUpdateError) return error.hresult;
  return FILE_ERRORS[(error as NodeJS.ErrnoException | null)?.code ?? ''] ?? E_FAIL;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A file failure of the scan (the catalog, its copy) as the package's typed error. */
function fileError(what: string, error: unknown): WindowsUpdateError {
  return new WindowsUpdateError(hresultOf(error), 'scanOffline', { description: `${what}: ${messageOf(error)}`, cause: error });
}

/** A failure of the clean-up, which does not fail the scan: a warning of the result. */
function cleanupWarning(what: string, error: unknown): UpdateWarning {
  const hresult = hresultOf(error);
  return { hresult, code: describeHresult(hresult).name, message: `${what}: ${messageOf(error)}`, context: 'general' };
}

/** Removes the scan package services of this package's scans whose process is gone. */
async function sweepServices(runner: OfflineScanRunner, warnings: UpdateWarning[]): Promise<string[]> {
  const swept: string[] = [];
  for (const service of await runner.services()) {
    const owner = ownerOf(service);
    if (owner === undefined || isProcessAlive(owner)) continue;
    try {
      await runner.removeService(service.serviceId);
      swept.push(service.serviceId);
    } catch (error) {
      // Gone meanwhile (the agent dropped it, or another scan swept it): what was wanted.
      if (error instanceof WindowsUpdateError && error.code === 'WU_E_DS_UNKNOWNSERVICE') continue;
      warnings.push(cleanupWarning(`the scan package service ${service.serviceId} that process ${owner} left could not be removed`, error));
    }
  }
  return swept;
}

/** Deletes the catalog copies of this package's scans whose process is gone, in `staging`. */
async function sweepCopies(staging: string, warnings: UpdateWarning[]): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(staging);
  } catch {
    return [];  // no staging folder yet, so nothing left in it
  }
  const swept: string[] = [];
  for (const entry of entries) {
    const owner = COPY_FOLDER.exec(entry)?.[1];
    if (owner === undefined || isProcessAlive(Number(owner))) continue;
    const folder = path.join(staging, entry);
    let marker: { package?: unknown; pid?: unknown };
    try {
      marker = JSON.parse(await readFile(path.join(folder, MARKER), 'utf8')) as typeof marker;
    } catch {
      continue;  // no marker of ours: not ours to delete
    }
    if (marker.package !== PACKAGE || marker.pid !== Number(owner)) continue;
    try {
      await rm(folder, { recursive: true, force: true, maxRetries: 3 });
      swept.push(folder);
    } catch (error) {
      warnings.push(cleanupWarning(`the catalog copy ${folder} that process ${owner} left could not be deleted`, error));
    }
  }
  return swept;
}

/** Where a catalog's copy goes: known as soon as it exists, so that a failure still deletes it. */
interface Copy {
  folder?: string;
  file?: string;
}

/** Copies the catalog into a folder of its own in `staging`, marked as this process's. */
async function copyCatalog(catalogPath: string, staging: string, signal: AbortSignal | undefined, copy: Copy): Promise<void> {
  await mkdir(staging, { recursive: true });
  copy.folder = await mkdtemp(path.join(staging, `${COPY_PREFIX}${process.pid}-`));
  await writeFile(path.join(copy.folder, MARKER), `${JSON.stringify({ package: PACKAGE, pid: process.pid, catalog: catalogPath })}\n`);
  // The agent tells packages apart by their file, so the copy keeps the catalog's name.
  const file = path.join(copy.folder, path.basename(catalogPath));
  await pipeline(createReadStream(catalogPath), createWriteStream(file), { signal });
  copy.file = file;
}

/**
 * The offline scan of `cabPath`, its criteria in `runner.scan`. Rejects with
 * InvalidArgumentError when the catalog is no file, AbortError once the signal fired (during the
 * copy, or once the agent confirms), and what the session's calls reject with.
 */
export async function runOfflineScan(runner: OfflineScanRunner, cabPath: string,
  options: CheckedOfflineScanOptions): Promise<OfflineScanResult> {
  const { signal } = options;
  const aborted = (): void => {
    if (signal?.aborted) throw new AbortError('scanOffline', signal.reason);
  };
  aborted();
  const catalogPath = path.resolve(cabPath);
  const found = await stat(catalogPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new InvalidArgumentError('cabPath', `names no file: ${catalogPath}`);
    throw fileError(`the catalog ${catalogPath} cannot be read`, error);
  });
  if (!found.isFile()) throw new InvalidArgumentError('cabPath', `is not a file: ${catalogPath}`);
  const staging = options.stagingDirectory === undefined ? os.tmpdir() : path.resolve(options.stagingDirectory);

  const warnings: UpdateWarning[] = [];
  const sweptServices = await sweepServices(runner, warnings);
  const sweptCopies = await sweepCopies(staging, warnings);
  aborted();
  const copied = isUncPath(catalogPath) || await runner.driveType(catalogPath) === DRIVE_REMOTE;

  const copy: Copy = {};
  let copyRemoved = false;
  let scanned: Omit<OfflineScanResult, 'cleanup' | 'warnings'> & { serviceRemoved: boolean; agentWarnings: UpdateWarning[] };
  try {
    if (copied) {
      try {
        await copyCatalog(catalogPath, staging, signal, copy);
      } catch (error) {
        if (isAbortError(error) && signal?.aborted) throw new AbortError('scanOffline', signal.reason);
        throw fileError(`the catalog ${catalogPath} could not be copied to ${staging}`, error);
      }
    }
    const scannedPath = copy.file ?? catalogPath;
    // The records are not tracked for release: the addon kept no agent object behind them.
    const stream = new UpdateStream(() => {});
    const native = await runner.scan({
      packagePath: scannedPath, serviceName: serviceNameFor(), searchScope: options.searchScope,
      includePotentiallySupersededUpdates: options.includePotentiallySupersededUpdates,
    }, (chunk) => stream.push(chunk));
    const search = searchResultFromJson(native.search, await stream.finish());
    const [service] = servicesFromJson(native.service);
    if (!service) throw new Error('the addon sent no scan package service');
    if (native.removalHresult !== 0) {
      warnings.push(cleanupWarning(`the scan package service ${service.serviceId} could not be removed`,
        new WindowsUpdateError(native.removalHresult, 'scanOffline')));
    }
    if (search.resultCode === 'aborted') throw new AbortError('scanOffline', runner.abortReason());
    const { warnings: agentWarnings, ...rest } = search;
    scanned = {
      ...rest, offline: true, catalogPath, scannedPath, copied, service, serviceRemoved: native.removalHresult === 0, agentWarnings,
    };
  } finally {
    if (copy.folder) {
      try {
        await rm(copy.folder, { recursive: true, force: true, maxRetries: 3 });
        copyRemoved = true;
      } catch (error) {
        // Left for the sweep of a later scan, once this process is gone.
        warnings.push(cleanupWarning(`the catalog copy ${copy.folder} could not be deleted`, error));
      }
    }
  }
  const { serviceRemoved, agentWarnings, ...result } = scanned;
  return {
    ...result,
    warnings: [...agentWarnings, ...warnings],
    cleanup: { serviceRemoved, copyRemoved, sweptServices, sweptCopies },
  };
}

/**
 * The updates a session's offline scans found, which the catalog holds no files of: download()
 * and install() refuse them before calling the agent, until a search finds them online, where
 * the agent has their content.
 */
export class OfflineScanUpdates {
  readonly #titles = new Map<string, string>();

  remember(updates: readonly UpdateRecord[]): void {
    for (const update of updates) this.#titles.set(update.identity.updateId, update.title);
  }

  foundOnline(updates: readonly UpdateRecord[]): void {
    for (const update of updates) this.#titles.delete(update.identity.updateId);
  }

  /** Throws InvalidArgumentError (ERR_WUA_OFFLINE_SCAN_UPDATE) for a download or install of any of them. */
  refuse(kind: ChangeKind, updateIds: readonly string[]): void {
    if (kind === 'uninstall') return;
    const offline = updateIds.filter((id) => this.#titles.has(id));
    if (!offline.length) return;
    const named = offline.map((id) => this.#titles.get(id) || id).join('; ');
    throw new InvalidArgumentError('updates', `holds updates of an offline scan, whose catalog has no files to ${kind}: ${named}; `
      + 'find them with search() to download or install them', 'ERR_WUA_OFFLINE_SCAN_UPDATE');
  }
}
