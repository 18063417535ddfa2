// The only place that loads the native addon. Everything else talks to it through the
// NativeBinding interface below, which mirrors the C++ exports (src/napi/) exactly.
import { createRequire } from 'node:module';
import path from 'node:path';

import { withDebugLog } from './debug-log.js';
import { AddonLoadError, UnsupportedPlatformError } from './errors.js';

export interface NativeSessionOptions {
  clientApplicationId?: string;
  webProxy?: NativeWebProxyOptions;
}

/** The proxy the session is opened with (src/napi/web_proxy_options.h); checked by the facade. */
export interface NativeWebProxyOptions {
  address?: string;
  bypassList?: string[];
  bypassProxyOnLocal?: boolean;
  autoDetect?: boolean;
  userName?: string;
  /** Copied into a buffer the addon wipes once IWebProxy::SetPassword has it. */
  password?: string;
}

/** Automatic Updates as the agent reports it (src/wua/automatic_updates.h). */
export interface NativeAutomaticUpdates {
  notificationLevel: number;
  readOnly: boolean;
  required: boolean;
  /** Null where the agent lacks IAutomaticUpdatesSettings2 (or 3 for the next two). */
  includeRecommendedUpdates: boolean | null;
  nonAdministratorsElevated: boolean | null;
  featuredUpdatesEnabled: boolean | null;
  serviceEnabled: boolean;
  /** Null where the agent lacks IAutomaticUpdates2; dates are OLE DATEs (UTC). */
  results: { lastSearchSuccessDate: number | null; lastInstallationSuccessDate: number | null } | null;
}

export interface NativeSessionInfo {
  clientApplicationId: string;
  readOnly: boolean;
  /** Apartment of the addon thread that holds the session: always 'MTA'. */
  apartment: string;
  /** Win32 id of that thread. */
  threadId: number;
}

export interface NativeSearchOptions {
  online?: boolean;
  serverSelection?: number;
  serviceId?: string;
  searchScope?: number;
  includePotentiallySupersededUpdates?: boolean;
  /** Update field names (src/wire/fields.h), in the table's order: only these are read and sent. */
  fields?: readonly string[];
}

export interface NativeChangeOptions {
  priority?: number;
  force?: boolean;
  acceptEulas?: boolean;
  forceQuiet?: boolean;
  keepAwake?: boolean;
}

/** A progress event as the agent reports it; the facade names the numbers. */
export interface NativeProgress {
  percentComplete: number;
  currentIndex: number;
  currentPercentComplete: number;
  /** Downloads only. */
  phase?: number;
  currentBytesDone?: number;
  currentBytesTotal?: number;
  totalBytesDone?: number;
  totalBytesTotal?: number;
}

export interface NativeChangeResult {
  resultCode: number;
  hresult: number;
  rebootRequired: boolean;
  /** IUpdateInstaller::RebootRequiredBeforeInstallation after an install or uninstall. */
  rebootRequiredBeforeInstallation: boolean;
  updates: { updateId: string; title: string; kbArticleIds: string[]; resultCode: number; hresult: number; rebootRequired: boolean }[];
}

/** Why a status value is null: the agent member that failed (src/wua/status.h). */
export interface NativeStatusFailure {
  /** The value it concerns, as named in NativeStatus. */
  field: string;
  member: string;
  /** Unsigned. */
  hresult: number;
  description?: string;
}

/** Each value of src/wua/status.h, or null when its member failed (see failures). */
export interface NativeStatus {
  /** ISystemInformation::RebootRequired. */
  rebootRequired: boolean | null;
  oemHardwareSupportLink: string | null;
  installerBusy: boolean | null;
  rebootRequiredBeforeInstallation: boolean | null;
  apiMajorVersion: number | null;
  apiMinorVersion: number | null;
  productVersion: string | null;
  readOnly: boolean | null;
  failures: NativeStatusFailure[];
}

export interface NativeBehavior {
  canRequestUserInput: boolean;
  impact: number;
  rebootBehavior: number;
  requiresNetworkConnectivity: boolean;
}

/** An update's state now, read to plan a change (src/wua/inspect.h). */
export interface NativeInspected {
  updateId: string;
  title: string;
  kbArticleIds: string[];
  isDownloaded: boolean;
  isInstalled: boolean;
  eulaAccepted: boolean;
  installationBehavior: NativeBehavior;
  uninstallationBehavior: NativeBehavior | null;
  bundledUpdateCount: number;
}

type NativeChange = (operationId: number, updateIds: string[], options: NativeChangeOptions,
  onProgress?: (progress: NativeProgress) => void) => Promise<NativeChangeResult>;

export interface NativeSession {
  describe(): Promise<NativeSessionInfo>;
  /**
   * Resolves with the search result, without its updates, as JSON text (records_json.cc). The
   * updates come first, to onChunk, as JSON arrays of a few hundred each.
   */
  search(operationId: number, criteria: string, options: NativeSearchOptions,
    onChunk: (updatesJson: string) => void): Promise<string>;
  download: NativeChange;
  install: NativeChange;
  uninstall: NativeChange;
  inspect(updateIds: string[]): Promise<NativeInspected[]>;
  /** Asks the agent to abort an operation; its promise settles once the agent confirms. */
  abort(operationId: number): void;
  /** Isolated sessions only (the addon has no such export): the calls waiting for an answer. */
  pendingCalls?(): number[];
  /**
   * Isolated sessions only: the caller aborted while these one-shot calls were waiting; the
   * process holding them is ended if they do not settle within the grace period. In process
   * nothing can end a call the agent does not answer.
   */
  abandon?(calls: readonly number[]): void;
  /**
   * JS let go of one record of each of these updates (IDs separated by newlines: a collection
   * forgets thousands, and one string crosses into the addon far faster than an array of them).
   */
  forget(updateIds: string): void;
  status(): Promise<NativeStatus>;
  close(): Promise<void>;
  /**
   * Entries [start, start + count) of the history, newest first (src/wua/history.h). Resolves
   * with `{"total","count","aborted"}` as JSON text; the entries come first, to onChunk, in
   * chunks of the wire format.
   */
  historyPage(operationId: number, start: number, count: number, onChunk: (entriesJson: string) => void): Promise<string>;
  /** Every entry of one update (IUpdateSession3::QueryHistory); resolves and sends as historyPage. */
  historyOf(operationId: number, updateId: string, onChunk: (entriesJson: string) => void): Promise<string>;
  /** IUpdateSearcher::GetTotalHistoryCount. */
  historyCount(): Promise<number>;
  automaticUpdates(): Promise<NativeAutomaticUpdates>;
  detectNow(): Promise<void>;
  enableAutomaticUpdatesService(): Promise<void>;
}

/** One update's mark (IsHidden, EulaAccepted) before and after a call (src/wua/marks.h). */
export interface NativeMark {
  updateId: string;
  title: string;
  kbArticleIds: string[];
  before: boolean;
  after: boolean;
  /** The agent's answer to the update's call, unsigned; 0 when it was not asked (already as asked). */
  hresult: number;
  /** The agent's text with a refusal, when it gave one. */
  description?: string;
}

// Hiding and license terms, declared apart from the session's other calls above.
export interface NativeSession {
  /** IUpdate::put_IsHidden for each update that is not yet as asked. */
  setHidden(updateIds: string[], hidden: boolean): Promise<NativeMark[]>;
  /** IUpdate::AcceptEula for each update whose terms are not accepted yet. */
  acceptEulas(updateIds: string[]): Promise<NativeMark[]>;
}

// The Session's update-service and offline-scan methods (src/napi/services_wrap.cc), declared
// apart as the C++ defines them apart; TypeScript merges the two NativeSession declarations.
// Records come as JSON text in the wire format (src/wire/README.md): one chunk of records.

export interface NativeScanPackageOptions {
  /** A local path: the agent refuses network paths. */
  packagePath: string;
  serviceName: string;
  searchScope?: number;
  includePotentiallySupersededUpdates?: boolean;
}

export interface NativeScanPackageResult {
  /** The search's result without its updates, as search() resolves it. */
  search: string;
  /** A chunk of one Service record: the scan package service. */
  service: string;
  /** RemoveService's HRESULT for that service (0 when it is gone). */
  removalHresult: number;
}

export interface NativeSession {
  /** A chunk of Service records (IUpdateServiceManager::Services). */
  services(): Promise<string>;
  /** A chunk of one ServiceRegistration record (IUpdateServiceManager2::AddService2); `cabPath` '' for none. */
  addService(serviceId: string, flags: number, cabPath: string): Promise<string>;
  removeService(serviceId: string): Promise<void>;
  /** RegisterServiceWithAU, or UnregisterServiceWithAU when `registered` is false. */
  setServiceWithAu(serviceId: string, registered: boolean): Promise<void>;
  /** A chunk of one ServiceRegistration record (IUpdateServiceManager2::QueryServiceRegistration). */
  serviceRegistration(serviceId: string): Promise<string>;
  /** Registers the package, searches it (its updates to onChunk, as search() does) and removes it. */
  scanPackage(operationId: number, criteria: string, options: NativeScanPackageOptions,
    onChunk: (updatesJson: string) => void): Promise<NativeScanPackageResult>;
  /** GetDriveType of the volume holding `path` (4: DRIVE_REMOTE, a network drive). */
  driveType(path: string): Promise<number>;
}

export interface NativeDiagnostics {
  jsThreadId: number;
  napiVersion: number;
  hostExecutable: string;
  /** Keep-awake holds in force (src/wua/keep_awake.h). */
  keepAwakeHolds: number;
}

/** What preflightFacts reads (src/platform/preflight.h); keys are under HKEY_LOCAL_MACHINE. */
export interface NativePreflightRequest {
  services: string[];
  keys: { path: string; values: string[] }[];
  mutexes: string[];
  timeoutMs: number;
}

/** A fact, or null with the Win32 call and error that kept it from being read. */
export interface NativeFact<T> {
  value: T | null;
  failure: { call: string; win32Error: number; timedOut: boolean } | null;
}

export interface NativeRegistryValue {
  name: string;
  type: number;
  size: number;
  number?: number;
  text?: string;
  texts?: string[];
}

export interface NativePreflightFacts {
  token: NativeFact<{
    elevated: boolean; elevationType: number; integrityRid: number; administrators: boolean; interactive: boolean;
    network: boolean; batch: boolean; service: boolean; remoteInteractive: boolean; localSystem: boolean;
    sessionId: number; user: string;
  }>;
  logonSession: NativeFact<{ sessionUser: string; activeConsoleSessionId: number }>;
  services: NativeFact<{ installed: boolean; startType: number; delayedAutoStart: boolean; state: number }>[];
  keys: NativeFact<{ exists: boolean; values: NativeRegistryValue[] }>[];
  mutexes: NativeFact<boolean>[];
  proxy: NativeFact<{ accessType: number; proxy: string; bypass: string }>;
  disk: NativeFact<{ root: string; freeBytes: number; totalBytes: number }>;
}

export interface NativeBinding {
  Session: new (options: NativeSessionOptions) => NativeSession;
  diagnostics(): NativeDiagnostics;
  preflightFacts(request: NativePreflightRequest): Promise<NativePreflightFacts>;
}

// Both lib/ (sources) and dist/ (build output) sit one level below the package root, where
// node-gyp-build looks for prebuilds/ and build/Release.
const packageRoot = path.join(__dirname, '..');
let binding: NativeBinding | undefined;

interface NodeGypBuild {
  (dir: string): unknown;
  /** The addon file node-gyp-build would load from `dir`; throws when there is none. */
  resolve(dir: string): string;
}

/**
 * Loads the addon of the package at `root`. A failure says which file and why: a missing
 * prebuild (an architecture without one, and no source build), or a file Windows would not load
 * (a damaged download, a missing system DLL, an antivirus lock).
 */
export function loadBindingFrom(root: string): NativeBinding {
  const require = createRequire(path.join(root, 'package.json'));
  const gypBuild = require('node-gyp-build') as NodeGypBuild;
  let file: string;
  try {
    file = gypBuild.resolve(root);
  } catch (error) {
    throw new AddonLoadError(path.join(root, 'prebuilds', `${process.platform}-${process.arch}`),
      `no addon built for ${process.platform}-${process.arch} (neither a prebuild nor build/Release); reinstall the package `
      + 'so that it builds from source, which needs Visual Studio Build Tools and Python', error);
  }
  try {
    return require(file) as NativeBinding;
  } catch (error) {
    throw new AddonLoadError(file, error instanceof Error ? error.message : String(error), error);
  }
}

/** The addon, loaded on first use. Off Windows it throws UnsupportedPlatformError. */
export function loadBinding(): NativeBinding {
  if (binding) return binding;
  if (process.platform !== 'win32') throw new UnsupportedPlatformError();
  // NODE_DEBUG=windows-update-agent logs each call into the addon (lib/debug-log.ts).
  binding = withDebugLog(loadBindingFrom(packageRoot));
  return binding;
}
