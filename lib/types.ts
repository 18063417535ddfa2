// The facade's data types: every record is plain, JSON-serialisable data (Dates become ISO
// strings), so it can cross Electron IPC or a worker boundary unchanged.

/** Options of `new UpdateSession()`. */
export interface UpdateSessionOptions {
  /** Recorded by the agent in its history for every change this session makes. */
  clientApplicationId?: string;
}

// ----- enumerations, as string literals (the agent's numeric values live in enums.ts) -----

export type UpdateType = 'software' | 'driver';
export type DeploymentAction = 'none' | 'installation' | 'uninstallation' | 'detection' | 'optionalInstallation';
export type DownloadPriority = 'low' | 'normal' | 'high' | 'extraHigh';
export type OperationResultCode = 'notStarted' | 'inProgress' | 'succeeded' | 'succeededWithErrors' | 'failed' | 'aborted';
export type ServerSelection = 'default' | 'managedServer' | 'windowsUpdate' | 'others';
export type InstallationImpact = 'normal' | 'minor' | 'requiresExclusiveHandling';
export type RebootBehavior = 'neverReboots' | 'alwaysRequiresReboot' | 'canRequestReboot';
export type DownloadPhase = 'initializing' | 'downloading' | 'verifying';
export type AutoSelectionMode = 'letWindowsUpdateDecide' | 'autoSelectIfDownloaded' | 'neverAutoSelect' | 'alwaysAutoSelect';
export type AutoDownloadMode = 'letWindowsUpdateDecide' | 'neverAutoDownload' | 'alwaysAutoDownload';
export type UpdateExceptionContext = 'general' | 'windowsDriver' | 'windowsInstaller' | 'searchIncomplete';
export type SearchScope = 'default' | 'machineOnly' | 'currentUserOnly' | 'machineAndCurrentUser' | 'machineAndAllUsers' | 'allUsers';
/** What a history entry records (IUpdateHistoryEntry::Operation). */
export type HistoryOperation = 'installation' | 'uninstallation';
export type CategoryType = 'Company' | 'ProductFamily' | 'Product' | 'UpdateClassification' | string;

/** How a failure is best handled; see WindowsUpdateError.category. */
export type ErrorCategory =
  | 'success' | 'network' | 'permission' | 'busy' | 'reboot' | 'invalid-input' | 'aborted'
  | 'disk' | 'policy' | 'download' | 'install' | 'corrupt' | 'agent' | 'unknown';

// ----- update records -----

export interface UpdateIdentity {
  updateId: string;
  revisionNumber: number;
}

export interface CategoryRecord {
  categoryId: string;
  name: string;
  type: CategoryType;
  description: string;
  order: number;
  /** Null for a root category. */
  parentId: string | null;
}

export interface InstallationBehaviorRecord {
  canRequestUserInput: boolean;
  impact: InstallationImpact;
  rebootBehavior: RebootBehavior;
  requiresNetworkConnectivity: boolean;
}

export interface ImageRecord {
  altText: string;
  height: number;
  source: string;
  width: number;
}

export interface DownloadContentRecord {
  downloadUrl: string;
  isDeltaCompressedBinary: boolean;
}

export interface DriverEntryRecord {
  driverClass: string;
  hardwareId: string;
  manufacturer: string;
  model: string;
  provider: string;
  verDate: Date | null;
  deviceProblemNumber: number;
  deviceStatus: number;
}

/** The IWindowsDriverUpdate..5 properties of a driver update. */
export interface DriverRecord extends DriverEntryRecord {
  /** IWindowsDriverUpdate4.WindowsDriverUpdateEntries: every device the driver applies to. */
  entries: readonly DriverEntryRecord[];
}

/**
 * Everything IUpdate..IUpdate5 (and IWindowsDriverUpdate..5 for drivers) says about an update.
 * A record is a snapshot of the agent's answer: what repeats across a search's updates (empty
 * lists, lists of articles, CVEs, languages or categories, categories, installation behaviours)
 * is one frozen value shared by the records, so copy a list before changing it.
 */
export interface UpdateRecord {
  identity: UpdateIdentity;
  title: string;
  description: string;
  type: UpdateType;
  kbArticleIds: readonly string[];
  securityBulletinIds: readonly string[];
  cveIds: readonly string[];
  categories: readonly CategoryRecord[];
  msrcSeverity: string | null;
  deploymentAction: DeploymentAction;
  downloadPriority: DownloadPriority;
  autoSelectOnWebSites: boolean;
  autoSelection: AutoSelectionMode;
  autoDownload: AutoDownloadMode;
  browseOnly: boolean;
  canRequireSource: boolean;
  isBeta: boolean;
  isDownloaded: boolean;
  isHidden: boolean;
  isInstalled: boolean;
  isMandatory: boolean;
  isPresent: boolean;
  isUninstallable: boolean;
  rebootRequired: boolean;
  perUser: boolean;
  eulaAccepted: boolean;
  eulaText: string | null;
  deltaCompressedContentAvailable: boolean;
  deltaCompressedContentPreferred: boolean;
  handlerId: string;
  languages: readonly string[];
  moreInfoUrls: readonly string[];
  supportUrl: string;
  releaseNotes: string;
  supersededUpdateIds: readonly string[];
  uninstallationNotes: string;
  uninstallationSteps: readonly string[];
  maxDownloadSize: number;
  minDownloadSize: number;
  recommendedCpuSpeed: number;
  recommendedHardDiskSpace: number;
  recommendedMemory: number;
  deadline: Date | null;
  lastDeploymentChangeTime: Date | null;
  installationBehavior: InstallationBehaviorRecord;
  /** Null when the update cannot be uninstalled. */
  uninstallationBehavior: InstallationBehaviorRecord | null;
  image: ImageRecord | null;
  downloadContents: readonly DownloadContentRecord[];
  /** Identities of the updates bundled in this one (their full records are in `bundledUpdates`). */
  bundledUpdates: readonly UpdateRecord[];
  /** Null for software updates. */
  driver: DriverRecord | null;
}

/** Where a record can come from: a search result, or the same record after a JSON round trip. */
export type UpdateReference = UpdateRecord | { identity: UpdateIdentity } | string;

// ----- search -----

export interface SearchOptions {
  /** False searches local data only (the agent's default is online). */
  online?: boolean;
  serverSelection?: ServerSelection;
  /** Required when serverSelection is 'others'. */
  serviceId?: string;
  searchScope?: SearchScope;
  includePotentiallySupersededUpdates?: boolean;
  signal?: AbortSignal;
}

/** IUpdateException of ISearchResult::Warnings, or the package's own warning about one update. */
export interface UpdateWarning {
  hresult: number;
  code: string;
  message: string;
  context: UpdateExceptionContext;
  /**
   * An update the search found but left out, because the agent failed to give one of its
   * properties (the other updates are all there).
   */
  updateId?: string;
  /** The property that could not be read, as `IUpdate::Title`. */
  property?: string;
}

export interface SearchResult {
  resultCode: OperationResultCode;
  updates: UpdateRecord[];
  rootCategories: CategoryRecord[];
  /** Why a search may have missed updates (resultCode 'succeededWithErrors'). */
  warnings: UpdateWarning[];
}

// ----- download, install, uninstall -----

export interface ProgressUpdate {
  updateId: string;
  index: number;
  percentComplete: number;
  /** Downloads only. */
  phase?: DownloadPhase;
  bytesDownloaded?: number;
  bytesTotal?: number;
}

/** A download, install or uninstall: what a caller asks for, and each agent job it takes. */
export type ChangeKind = 'download' | 'install' | 'uninstall';

export interface Progress {
  /** What the caller asked for. */
  operation: ChangeKind;
  /**
   * The agent job running now: an install first downloads what is not downloaded, and an
   * exclusive update is installed by a job of its own.
   */
  step: ChangeKind;
  /** Of the whole operation, every job of it, each update weighing the same (percent). */
  percentComplete: number;
  current: ProgressUpdate;
  /** Downloads only: all updates of the job. */
  totalBytesDownloaded?: number;
  totalBytesToDownload?: number;
}

export interface ChangeOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /**
   * Keep the machine from sleeping while the agent works (SetThreadExecutionState on the thread
   * that waits for it), as a sleep halfway through an install leaves it half done. Default true.
   */
  keepAwake?: boolean;
}

export interface DownloadOptions extends ChangeOptions {
  priority?: DownloadPriority;
  /** Download again what is already downloaded. */
  force?: boolean;
}

export interface InstallOptions extends ChangeOptions {
  /** Accept the license terms of every update given; without it an unaccepted EULA is an error. */
  acceptEulas?: boolean;
  forceQuiet?: boolean;
  /** Install again what is already installed. */
  force?: boolean;
  /**
   * Download first what is not downloaded yet, as a step of the same operation (default true).
   * False leaves downloads to a caller who manages them: an update not downloaded then fails.
   */
  downloadFirst?: boolean;
}

export interface UninstallOptions extends ChangeOptions {
  forceQuiet?: boolean;
}

export interface UpdateOutcome {
  updateId: string;
  /** IUpdate::Title of the update the agent ran. */
  title: string;
  /** IUpdate::KBArticleIDs of that update, as the agent gives them (digits, without "KB"). */
  kbArticleIds: readonly string[];
  resultCode: OperationResultCode;
  hresult: number;
  /** Symbolic name of hresult ('S_OK' when it is 0). */
  code: string;
  rebootRequired: boolean;
  /** The agent job this outcome comes from (an install's downloads are a step of their own). */
  step: ChangeKind;
  /** Why the package did not start this update: set with resultCode 'notStarted'. */
  reason?: string;
}

export interface ChangeResult {
  resultCode: OperationResultCode;
  hresult: number;
  code: string;
  /** Installs and uninstalls: a restart is needed to finish. Never started by this package. */
  rebootRequired: boolean;
  updates: UpdateOutcome[];
}

// ----- planning -----

/** What a plan knows of an update, read from the agent when the plan is made. */
export interface PlannedUpdate {
  updateId: string;
  title: string;
  kbArticleIds: readonly string[];
  isDownloaded: boolean;
  isInstalled: boolean;
  eulaAccepted: boolean;
  /** InstallationBehavior.Impact (UninstallationBehavior's for an uninstall) is 'requiresExclusiveHandling'. */
  exclusive: boolean;
  /** The number of updates bundled in it (IUpdate::BundledUpdates). */
  bundledUpdateCount: number;
}

/** One agent job of a plan. */
export interface PlannedStep {
  step: ChangeKind;
  /** An exclusive update: the agent installs it only by itself. */
  exclusive: boolean;
  updates: PlannedUpdate[];
}

/** The agent jobs a download, install or uninstall takes, in order (UpdateSession.plan). */
export interface ChangePlan {
  operation: ChangeKind;
  steps: PlannedStep[];
}

// ----- agent -----

export interface AgentInfo {
  apiMajorVersion: number;
  apiMinorVersion: number;
  productVersion: string;
  rebootRequired: boolean;
}
