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

// ----- update services and offline scans -----

/**
 * Where a service's registration stands (IUpdateServiceRegistration::RegistrationState):
 * `registered`, the agent can use it now; `registrationPending`, the agent registers it "the next
 * time the update agent contacts an update service" (an online search), which is not guaranteed
 * to succeed; `notRegistered`, it is not registered.
 */
export type ServiceRegistrationState = 'notRegistered' | 'registrationPending' | 'registered';

/** An update service the agent knows (IUpdateService, IUpdateService2). */
export interface ServiceRecord {
  /** IUpdateService::ServiceID: the service's GUID, lower case as the agent gives it. */
  serviceId: string;
  /** IUpdateService::Name, e.g. `Microsoft Update`. */
  name: string;
  /** IUpdateService::ServiceUrl: where the agent reaches it ('' for none). */
  serviceUrl: string;
  /** IUpdateService::SetupPrefix: the prefix of its setup files ('' for none). */
  setupPrefix: string;
  /** Managed by an administrator: a WSUS server (IUpdateService::IsManaged). */
  isManaged: boolean;
  /** Registered with Automatic Updates (IUpdateService::IsRegisteredWithAU). */
  isRegisteredWithAu: boolean;
  /** The service Automatic Updates uses (IUpdateService2::IsDefaultAUService). */
  isDefaultAuService: boolean;
  /** Can be registered with Automatic Updates (IUpdateService::CanRegisterWithAU). */
  canRegisterWithAu: boolean;
  /** Offers Windows updates (IUpdateService::OffersWindowsUpdates). */
  offersWindowsUpdates: boolean;
  /** A scan package service: an offline catalog registered for a search (IUpdateService::IsScanPackageService). */
  isScanPackageService: boolean;
  /** When its authorization was issued (IUpdateService::IssueDate); null when the agent gives none. */
  issueDate: Date | null;
  /** When its authorization expires (IUpdateService::ExpirationDate); null when the agent gives none. */
  expirationDate: Date | null;
  /** The URLs the agent is redirected to for it (IUpdateService::RedirectUrls). */
  redirectUrls: readonly string[];
  /** The agent holds a certificate to validate its content with (IUpdateService::ContentValidationCert). */
  hasContentValidationCert: boolean;
}

/** A service's registration as the agent keeps it (IUpdateServiceRegistration). */
export interface ServiceRegistrationRecord {
  /** IUpdateServiceRegistration::ServiceID. */
  serviceId: string;
  registrationState: ServiceRegistrationState;
  /** Once the pending registration succeeds, the service also becomes Automatic Updates' service (IsPendingRegistrationWithAU). */
  isPendingRegistrationWithAu: boolean;
  /** The registered service; null while the registration is pending (nothing is known of it yet). */
  service: ServiceRecord | null;
}

/** How addService() registers a service (IUpdateServiceManager2::AddService2 and its AddServiceFlag values). */
export interface AddServiceOptions {
  /**
   * A Microsoft-signed authorization cab on this machine: the agent registers the service from it
   * at once, offline. Without it the agent fetches the authorization online (and/or later).
   */
  authorizationCab?: string;
  /** Make it Automatic Updates' service once it is registered (asfRegisterServiceWithAU). Default false. */
  registerWithAutomaticUpdates?: boolean;
  /** Without a cab: try to register now, online (asfAllowOnlineRegistration). Default true. */
  allowOnlineRegistration?: boolean;
  /**
   * Without a cab: let the agent register it later, at its next online search, if it cannot now
   * (asfAllowPendingRegistration). Default true.
   */
  allowPendingRegistration?: boolean;
}

export interface OfflineScanOptions {
  includePotentiallySupersededUpdates?: boolean;
  searchScope?: SearchScope;
  /**
   * The folder a catalog on a network path (UNC, or a network drive) is copied to first, since the
   * agent refuses those (0x8007007B). Default: the system's temporary folder (os.tmpdir()).
   */
  stagingDirectory?: string;
  signal?: AbortSignal;
}

/** What an offline scan cleaned up. */
export interface OfflineScanCleanup {
  /** The scan's own scan package service was removed (RemoveService); when not, a warning says why. */
  serviceRemoved: boolean;
  /** The catalog's local copy was deleted; false when no copy was made (`copied`), or when a warning says why not. */
  copyRemoved: boolean;
  /** Scan package services of this package's earlier scans whose process is gone, removed before this scan (service IDs). */
  sweptServices: string[];
  /** Local copies of this package's earlier scans whose process is gone, deleted before this scan (folders). */
  sweptCopies: string[];
}

/**
 * A search of an offline catalog (UpdateSession.scanOffline). The catalog describes updates but
 * holds none of their files: download() and install() refuse these records (they find their
 * content online, through search()).
 */
export interface OfflineScanResult extends SearchResult {
  /** Always true: the records come from an offline catalog, which holds no installable content. */
  offline: true;
  /** The catalog, as an absolute path. */
  catalogPath: string;
  /** The file the agent read: the catalog, or its local copy when the catalog is on a network path. */
  scannedPath: string;
  /** Whether the catalog was copied to a local folder first. */
  copied: boolean;
  /** The scan package service registered for the scan (and removed after it). */
  service: ServiceRecord;
  cleanup: OfflineScanCleanup;
}
