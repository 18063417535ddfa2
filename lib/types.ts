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
  /** IUpdateIdentity::UpdateID: the update's GUID, lower case as the agent gives it. */
  updateId: string;
  /** IUpdateIdentity::RevisionNumber: the revision of the update's metadata. */
  revisionNumber: number;
}

export interface CategoryRecord {
  /** ICategory::CategoryID (a GUID). */
  categoryId: string;
  /** ICategory::Name, in the agent's language. */
  name: string;
  /** ICategory::Type: what kind of category. */
  type: CategoryType;
  /** ICategory::Description. */
  description: string;
  /** ICategory::Order: its place among its siblings. */
  order: number;
  /** Null for a root category. */
  parentId: string | null;
}

export interface InstallationBehaviorRecord {
  /** The installer may ask the user something (IInstallationBehavior::CanRequestUserInput). */
  canRequestUserInput: boolean;
  /** How much the installation disturbs the machine; `requiresExclusiveHandling` is installed alone. */
  impact: InstallationImpact;
  /** Whether a restart follows. */
  rebootBehavior: RebootBehavior;
  /** The installation needs the network (IInstallationBehavior::RequiresNetworkConnectivity). */
  requiresNetworkConnectivity: boolean;
}

export interface ImageRecord {
  /** IImageInformation::AltText. */
  altText: string;
  /** In pixels. */
  height: number;
  /** IImageInformation::Source: where the image is (a URL). */
  source: string;
  /** In pixels. */
  width: number;
}

export interface DownloadContentRecord {
  /** IUpdateDownloadContent::DownloadUrl. */
  downloadUrl: string;
  /** The content is a delta against an earlier file (IUpdateDownloadContent2). */
  isDeltaCompressedBinary: boolean;
}

export interface DriverEntryRecord {
  /** The device setup class (DriverClass), e.g. `Display`. */
  driverClass: string;
  /** The hardware ID the driver matches (DriverHardwareID). */
  hardwareId: string;
  /** DriverManufacturer. */
  manufacturer: string;
  /** DriverModel. */
  model: string;
  /** DriverProvider. */
  provider: string;
  /** The driver's version date (DriverVerDate); null when the agent gives none. */
  verDate: Date | null;
  /** The device's Configuration Manager problem code (DeviceProblemNumber; 0 for none). */
  deviceProblemNumber: number;
  /** The device's Configuration Manager status flags (DeviceStatus). */
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
  /** Which update, and which revision of it. */
  identity: UpdateIdentity;
  /** IUpdate::Title, in the agent's language. */
  title: string;
  /** IUpdate::Description. */
  description: string;
  /** Software or driver. */
  type: UpdateType;
  /** The Knowledge Base articles, as digits without "KB". */
  kbArticleIds: readonly string[];
  /** The security bulletins (MSxx-xxx) the update addresses. */
  securityBulletinIds: readonly string[];
  /** The CVEs the update addresses (IUpdate2::CveIDs). */
  cveIds: readonly string[];
  /** The categories it belongs to: its classification, product and product family. */
  categories: readonly CategoryRecord[];
  /** The Microsoft Security Response Center rating (`Critical`, `Important`, ...); null for none. */
  msrcSeverity: string | null;
  /** What the administrator asked for this update. */
  deploymentAction: DeploymentAction;
  /** The priority the agent downloads it with. */
  downloadPriority: DownloadPriority;
  /** Selected by default on the Windows Update web site. */
  autoSelectOnWebSites: boolean;
  /** Whether automatic updates select it (IUpdate5::AutoSelection). */
  autoSelection: AutoSelectionMode;
  /** Whether automatic updates download it (IUpdate5::AutoDownload). */
  autoDownload: AutoDownloadMode;
  /** Optional: offered, never installed automatically (IUpdate3::BrowseOnly). */
  browseOnly: boolean;
  /** The installation may ask for the source media. */
  canRequireSource: boolean;
  /** A prerelease. */
  isBeta: boolean;
  /** Its files are in the agent's cache. */
  isDownloaded: boolean;
  /** Hidden by an administrator; a default search leaves it out. */
  isHidden: boolean;
  /** Installed on this machine. */
  isInstalled: boolean;
  /** Must be installed for the agent to keep working. */
  isMandatory: boolean;
  /** Installed for at least one product or user (IUpdate2::IsPresent). */
  isPresent: boolean;
  /** Can be uninstalled. */
  isUninstallable: boolean;
  /** Installed, and waiting for a restart to finish (IUpdate2::RebootRequired). */
  rebootRequired: boolean;
  /** Installed per user rather than per machine (IUpdate4::PerUser). */
  perUser: boolean;
  /** Its license terms are accepted (install() with `acceptEulas` accepts them). */
  eulaAccepted: boolean;
  /** The license terms; null when it has none or the agent has not downloaded them. */
  eulaText: string | null;
  /** Delta-compressed content exists for it. */
  deltaCompressedContentAvailable: boolean;
  /** The agent prefers the delta-compressed content. */
  deltaCompressedContentPreferred: boolean;
  /** The installer that handles it (a URI naming the update handler). */
  handlerId: string;
  /** The languages it is for. */
  languages: readonly string[];
  /** Pages about it. */
  moreInfoUrls: readonly string[];
  /** Its support page. */
  supportUrl: string;
  /** IUpdate::ReleaseNotes. */
  releaseNotes: string;
  /** The updates this one replaces, by update ID. */
  supersededUpdateIds: readonly string[];
  /** IUpdate::UninstallationNotes. */
  uninstallationNotes: string;
  /** IUpdate::UninstallationSteps. */
  uninstallationSteps: readonly string[];
  /** The most it downloads, in bytes. */
  maxDownloadSize: number;
  /** The least it downloads, in bytes (0 when unknown). */
  minDownloadSize: number;
  /** The recommended processor speed, in MHz (0 when none). */
  recommendedCpuSpeed: number;
  /** The recommended free disk space, in MB (0 when none). */
  recommendedHardDiskSpace: number;
  /** The recommended memory, in MB (0 when none). */
  recommendedMemory: number;
  /** When it must be installed by; null for no deadline. */
  deadline: Date | null;
  /** When it was last published or changed; null when the agent gives no date. */
  lastDeploymentChangeTime: Date | null;
  /** How its installation behaves. */
  installationBehavior: InstallationBehaviorRecord;
  /** Null when the update cannot be uninstalled. */
  uninstallationBehavior: InstallationBehaviorRecord | null;
  /** Its picture; null for none. */
  image: ImageRecord | null;
  /** What it downloads. */
  downloadContents: readonly DownloadContentRecord[];
  /** The updates bundled in this one, as whole records (installed with it). */
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
  /** The update the agent works on now. */
  updateId: string;
  /** Its place in the list the caller passed. */
  index: number;
  /** Of this update (percent). */
  percentComplete: number;
  /** Downloads only. */
  phase?: DownloadPhase;
  /** Downloads only: of this update, in bytes. */
  bytesDownloaded?: number;
  /** Downloads only: this update's size, in bytes. */
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
  /** Downloads only: of all updates of the job, in bytes. */
  totalBytesDownloaded?: number;
  /** Downloads only: the size of all updates of the job, in bytes. */
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
  /**
   * Why the package did not start this update: set with resultCode 'notStarted'; or why its
   * outcome is unknown: set with 'inProgress' when the agent stopped answering during its job.
   */
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

/** Why the operation would be refused before any job runs, and which updates cause it. */
export interface PlanRefusal {
  /** The HRESULT the operation would reject with (WU_E_EULAS_DECLINED), and its name. */
  hresult: number;
  code: string;
  reason: string;
  /** The updates that cause the refusal. */
  updateIds: string[];
}

/** The agent jobs a download, install or uninstall takes, in order (UpdateSession.plan). */
export interface ChangePlan {
  operation: ChangeKind;
  steps: PlannedStep[];
  /** Set when the operation would be refused as it is: then no job runs, and nothing changes. */
  refusal?: PlanRefusal;
}

// ----- agent -----

export interface AgentInfo {
  /** The WUA API's major version (WindowsUpdateAgentInfo ApiMajorVersion). */
  apiMajorVersion: number;
  /** The WUA API's minor version. */
  apiMinorVersion: number;
  /** The agent's file version, e.g. `10.0.19041.3636`. */
  productVersion: string;
  /** The machine waits for a restart (ISystemInformation::RebootRequired). */
  rebootRequired: boolean;
}

// ----- hiding and license terms -----

/** What hide(), unhide() and acceptEulas() ask the agent for, by update. */
export type MarkOperation = 'hide' | 'unhide' | 'acceptEulas';

/**
 * What became of one update: `changed` (the agent did it), `unchanged` (it already was as asked,
 * so the agent was not asked) or `failed` (the agent refused it; `hresult` says why).
 */
export type MarkStatus = 'changed' | 'unchanged' | 'failed';

export interface MarkOutcome {
  updateId: string;
  /** IUpdate::Title. */
  title: string;
  /** IUpdate::KBArticleIDs (digits, without "KB"). */
  kbArticleIds: readonly string[];
  status: MarkStatus;
  /** The agent's answer for this update, unsigned: 0 unless `status` is `failed`. */
  hresult: number;
  /** Symbolic name of hresult ('S_OK' when it is 0), e.g. 'WU_E_DS_DECLINENOTALLOWED'. */
  code: string;
  /** One line on what hresult means. */
  meaning: string;
  /** Text the agent gave with a refusal (IErrorInfo), when it gave one. */
  description?: string;
}

export interface HideOutcome extends MarkOutcome {
  /** IUpdate::IsHidden after the call. */
  isHidden: boolean;
}

export interface EulaOutcome extends MarkOutcome {
  /** IUpdate::EulaAccepted after the call. */
  eulaAccepted: boolean;
}

/**
 * The result of hide(), unhide() or acceptEulas(): `succeeded` when no update failed,
 * `succeededWithErrors` when some did, `failed` when every update failed; `updates` in the
 * caller's order (duplicates once).
 */
export interface MarkResult<Outcome extends MarkOutcome = MarkOutcome> {
  operation: MarkOperation;
  resultCode: 'succeeded' | 'succeededWithErrors' | 'failed';
  updates: Outcome[];
}

export type HideResult = MarkResult<HideOutcome>;
export type EulaResult = MarkResult<EulaOutcome>;

// ----- process isolation -----

/**
 * Where a session's agent calls run: `'none'`, in this process (on threads of the addon), or
 * `'process'`, in a child process that the session starts and owns, so that a call the agent
 * never answers can be ended by ending that process.
 */
export type Isolation = 'none' | 'process';

// Options of `new UpdateSession()` for isolation, declared apart from its other options above.
export interface UpdateSessionOptions {
  /** `'none'` by default. See Isolation. */
  isolation?: Isolation;
  /**
   * With `isolation: 'process'`: how long the agent has to confirm an abort (the operation's
   * signal fired, or close() was called) before the session ends its process, in ms. 10,000 by
   * default.
   */
  graceMs?: number;
}
