// The facade's data types: every record is plain, JSON-serialisable data (Dates become ISO
// strings), so it can cross Electron IPC or a worker boundary unchanged.

/** Options of `new UpdateSession()`. */
export interface UpdateSessionOptions {
  /** Recorded by the agent in its history for every change this session makes. */
  clientApplicationId?: string;
  /** The HTTP proxy the session's searches and downloads go through (see WebProxyOptions). */
  webProxy?: WebProxyOptions;
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
  /**
   * Only these fields of each update (and `identity`, always): the agent calls behind the others
   * are never made, and records have only these fields. A nested field (categories, a behaviour,
   * the driver, bundled updates) comes whole. Every field by default.
   */
  fields?: readonly UpdateField[];
  /** Called every `heartbeatIntervalMs` while the search runs, so that a UI can show it is alive. */
  onHeartbeat?: (heartbeat: SearchHeartbeat) => void;
  /** Between heartbeats (ms): 1000 by default, 10 at least. */
  heartbeatIntervalMs?: number;
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

/** The name of a field of an update record. */
export type UpdateField = keyof UpdateRecord;

/** An update record of a search with `fields`: `identity` and the fields asked for. */
export type ProjectedUpdate<F extends UpdateField> = Pick<UpdateRecord, 'identity' | F>;

/** A search's result with `fields`. */
export interface ProjectedSearchResult<F extends UpdateField> extends Omit<SearchResult, 'updates'> {
  updates: ProjectedUpdate<F>[];
}

/** search()'s options with `fields`, whose names type the records. */
export interface ProjectedSearchOptions<F extends UpdateField> extends SearchOptions {
  fields: readonly F[];
}

/**
 * A sign of life of a running search. The agent reports no progress of a search (ISearchJob has
 * none), which may take from seconds to many minutes: `phase` is 'searching' while the agent
 * searches, 'reading' once its updates are being read into records.
 */
export interface SearchHeartbeat {
  /** Since the search was started (ms). */
  elapsedMs: number;
  phase: 'searching' | 'reading';
  /** The records read so far. */
  updatesRead: number;
}

/**
 * A search's records as they are read (searchStream()): an async iterable of the records, in the
 * order search() gives them, and the rest of the result once the last one is read.
 */
export interface UpdateSearchStream<R = UpdateRecord> extends AsyncIterable<R> {
  /**
   * The search's result without its updates (resultCode, rootCategories, warnings), once the
   * last record is read; it rejects as the iteration does.
   */
  readonly result: Promise<Omit<SearchResult, 'updates'>>;
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
   * outcome is unknown: set with 'inProgress' when the agent stopped answering during its job,
   * or ran the job but failed the call that gives its result (IUpdateInstaller::EndInstall, ...).
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

/** What UpdateSession.agentInfo() returns: part of UpdateStatus, all of it or a rejection. */
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

// ----- Automatic Updates -----

/** IAutomaticUpdatesSettings::NotificationLevel (AutomaticUpdatesNotificationLevel). */
export type AutomaticUpdatesNotificationLevel =
  | 'notConfigured' | 'disabled' | 'notifyBeforeDownload' | 'notifyBeforeInstallation' | 'scheduledInstallation';

/**
 * Automatic Updates settings as the agent reports them (IAutomaticUpdatesSettings..3). They are
 * read only: since Windows 10, Microsoft documents IAutomaticUpdatesSettings::Save and every setter
 * as returning success and doing nothing, so the package offers no way to change them. The
 * scheduled installation day and time are left out: "no longer supported as of Windows 10", and
 * unreliable since Windows 8.
 */
export interface AutomaticUpdatesSettings {
  /** How Automatic Updates acts on the updates it finds (NotificationLevel). */
  notificationLevel: AutomaticUpdatesNotificationLevel;
  /** Group Policy requires the Automatic Updates service (Required). */
  required: boolean;
  /**
   * ReadOnly: the settings cannot be changed by this caller. Windows 10 and later always report
   * false, although nothing can be changed through the agent there at all.
   */
  readOnly: boolean;
  /**
   * IncludeRecommendedUpdates: recommended updates are searched and installed too. Always true on
   * Windows 10 and later. Null where the agent lacks IAutomaticUpdatesSettings2.
   */
  includeRecommendedUpdates: boolean | null;
  /**
   * NonAdministratorsElevated: users who are not administrators may act on updates without
   * approval. Always true on Windows 10 and later. Null where the agent lacks
   * IAutomaticUpdatesSettings3.
   */
  nonAdministratorsElevated: boolean | null;
  /**
   * FeaturedUpdatesEnabled, which Microsoft documents as "Not supported": what the agent reports,
   * with no documented meaning. Null where the agent lacks IAutomaticUpdatesSettings3 or refuses it.
   */
  featuredUpdatesEnabled: boolean | null;
}

/** What Automatic Updates itself last did (IAutomaticUpdatesResults); a client's own searches and installs do not count. */
export interface AutomaticUpdatesResults {
  /** When Automatic Updates last searched successfully (UTC); null when it never has. */
  lastSearchSuccessDate: Date | null;
  /** When Automatic Updates last installed successfully (UTC); null when it never has. */
  lastInstallationSuccessDate: Date | null;
}

/** UpdateSession.automaticUpdates(): the Automatic Updates service, its settings and results. */
export interface AutomaticUpdatesStatus {
  settings: AutomaticUpdatesSettings;
  /** Null where the agent lacks IAutomaticUpdates2. */
  results: AutomaticUpdatesResults | null;
  /** Every component Automatic Updates needs is available (IAutomaticUpdates::ServiceEnabled). */
  serviceEnabled: boolean;
}

// ----- web proxy -----

/**
 * The HTTP proxy a session's searches and downloads go through (IWebProxy, set with
 * IUpdateSession::put_WebProxy). Microsoft documents IWebProxy as not supported on Windows 10 and
 * Windows Server 2016 and later, where the agent uses the system's proxy settings (Settings >
 * Network & Internet > Proxy, or `netsh winhttp set proxy`): there the agent may ignore it.
 * Not available to remote sessions (E_ACCESSDENIED).
 */
export interface WebProxyOptions {
  /** `host:port`: a host name, an IPv4 address or a bracketed IPv6 address, and a port (1 to 65535). Required unless autoDetect. */
  address?: string;
  /** Hosts that are reached directly (`*.corp.example.com`, `<local>`); no spaces or semicolons. */
  bypassList?: readonly string[];
  /** Local addresses bypass the proxy. */
  bypassProxyOnLocal?: boolean;
  /** The agent finds the proxy itself (WPAD); `address` and `bypassList` are then ignored by it. */
  autoDetect?: boolean;
  /** For a proxy that asks for credentials. */
  userName?: string;
  /**
   * Needs `userName`. Handed to the agent (IWebProxy::SetPassword) when the session opens, then
   * dropped: the session keeps no copy, and never shows it (toJSON, util.inspect, errors).
   */
  password?: string;
}

/** The proxy a session was opened with, as it shows it: never the password, only whether there is one. */
export interface WebProxySettings {
  address: string | null;
  bypassList: readonly string[];
  bypassProxyOnLocal: boolean;
  autoDetect: boolean;
  userName: string | null;
  passwordSet: boolean;
}

// ----- history -----

/**
 * A history entry as the wire carries it (src/wire/fields.h); HistoryEntry is what callers get,
 * with the fields the package derives.
 */
export type HistoryEntryFields = Omit<HistoryEntry, 'code' | 'date'> & { date: Date | null };

/**
 * One install or uninstall in the agent's history (IUpdateHistoryEntry, IUpdateHistoryEntry2).
 * Plain data, like an update record: what repeats across entries (lists, categories) is shared
 * and frozen. An entry has no KB field of its own; the KB is the "(KB5068781)" in its title.
 */
export interface HistoryEntry {
  /** What was done (IUpdateHistoryEntry::Operation). */
  operation: HistoryOperation;
  /** How it ended (IUpdateHistoryEntry::ResultCode). */
  resultCode: OperationResultCode;
  /** IUpdateHistoryEntry::HResult, unsigned: 0 when it succeeded. */
  hresult: number;
  /** The HRESULT's symbolic name, as describeHresult(hresult).name gives it ('S_OK', 'WU_E_...'). */
  code: string;
  /**
   * IUpdateHistoryEntry::UnmappedResultCode, unsigned: the code the installer itself returned,
   * before the agent mapped it to `hresult` (often the same).
   */
  unmappedResultCode: number;
  /** When it happened (IUpdateHistoryEntry::Date, UTC). */
  date: Date;
  /** The update, and its revision then (IUpdateHistoryEntry::UpdateIdentity). */
  identity: UpdateIdentity;
  /** The update's title then, in the language of the user who ran the operation. */
  title: string;
  /** IUpdateHistoryEntry::Description. */
  description: string;
  /** Who asked for it: the client application ID of the session that ran it. */
  clientApplicationId: string;
  /** Where the update came from (IUpdateHistoryEntry::ServerSelection). */
  serverSelection: ServerSelection;
  /** The update service it came from, a GUID (empty when the agent gives none). */
  serviceId: string;
  /** IUpdateHistoryEntry::SupportUrl. */
  supportUrl: string;
  /** IUpdateHistoryEntry::UninstallationNotes. */
  uninstallationNotes: string;
  /** IUpdateHistoryEntry::UninstallationSteps. */
  uninstallationSteps: readonly string[];
  /** IUpdateHistoryEntry2::Categories; empty on an agent without IUpdateHistoryEntry2. */
  categories: readonly CategoryRecord[];
}

/** Options of UpdateSession.history(). Filters are applied here, not by the agent. */
export interface HistoryOptions {
  /** How many of the newest entries to pass over first (an index into the history; default 0). */
  start?: number;
  /** The most entries to give (after the filters); default: all of them. */
  count?: number;
  /**
   * Only entries of this date or later. The history is newest first, so reading stops at the
   * first older entry.
   */
  since?: Date;
  /** Only entries whose title names one of these KBs ("(KB5068781)"): digits, with or without "KB". */
  kb?: string | number | readonly (string | number)[];
  /** Only entries that ended so. */
  resultCode?: OperationResultCode | readonly OperationResultCode[];
  /** Only installs, or only uninstalls. */
  operation?: HistoryOperation | readonly HistoryOperation[];
  signal?: AbortSignal;
}

/** Options of UpdateSession.historyOf(). */
export interface HistoryOfOptions {
  signal?: AbortSignal;
}

/** A status value: a field of UpdateStatus, with `rebootRequiredBy.<source>` for a restart source. */
export type StatusField =
  | 'rebootRequiredBy.agent' | 'oemHardwareSupportLink' | 'installerBusy' | 'rebootRequiredBeforeInstallation'
  | 'apiMajorVersion' | 'apiMinorVersion' | 'productVersion' | 'readOnly';

/** Why one value of UpdateStatus is null: the agent member that failed, and how. */
export interface StatusWarning {
  /** The value left null. */
  field: StatusField;
  /**
   * The agent member that failed, e.g. `ISystemInformation::RebootRequired`, or the creation of
   * the object it belongs to, e.g. `CoCreateInstance(WindowsUpdateAgentInfo)`.
   */
  member: string;
  /** The HRESULT, unsigned. */
  hresult: number;
  /** Its symbolic name, e.g. `E_ACCESSDENIED`. */
  code: string;
  /** The agent's own text (IErrorInfo) when it gave one, else what the code means. */
  message: string;
}

/**
 * The machine's update state as the agent reports it (UpdateSession.status()): what
 * PSWindowsUpdate's Get-WURebootStatus, Get-WUInstallerStatus and Get-WUApiVersion show. A value
 * the agent would not give is null, and a warning names its member and HRESULT: a network logon
 * is refused ISystemInformation, and WUA 1.0 has no IWindowsUpdateAgentInfo.
 */
export interface UpdateStatus {
  /**
   * The machine waits for a restart: true when any source in `rebootRequiredBy` says so, false
   * when every one says no, null when none says so and one could not be read.
   */
  rebootRequired: boolean | null;
  /**
   * Each source of the restart state, by name; null for one that could not be read. `agent`:
   * ISystemInformation::RebootRequired, a restart is needed to finish an installation or
   * uninstallation the agent made. Other sources Windows keeps (component servicing, pending
   * file renames) may join here.
   */
  rebootRequiredBy: {
    agent: boolean | null;
  };
  /**
   * An installation or uninstallation is running on the machine now, by any client
   * (IUpdateInstaller::IsBusy); an install started meanwhile is refused (WU_E_INSTALL_NOT_ALLOWED).
   */
  installerBusy: boolean | null;
  /**
   * The agent requires a restart before it installs or uninstalls anything more
   * (IUpdateInstaller::RebootRequiredBeforeInstallation).
   */
  rebootRequiredBeforeInstallation: boolean | null;
  /** The WUA API's major version (IWindowsUpdateAgentInfo::GetInfo('ApiMajorVersion')). */
  apiMajorVersion: number | null;
  /** The WUA API's minor version (GetInfo('ApiMinorVersion')). */
  apiMinorVersion: number | null;
  /** The file version of wuapi.dll, e.g. `10.0.19041.3636` (GetInfo('ProductVersionString')). */
  productVersion: string | null;
  /**
   * A link to the OEM's technical support for this hardware (ISystemInformation::
   * OemHardwareSupportLink); an empty string when the OEM gives none.
   */
  oemHardwareSupportLink: string | null;
  /** The agent gives this caller a read-only session: not an administrator (IUpdateSession::ReadOnly). */
  readOnly: boolean | null;
  /** One for each null value: why the agent did not give it. */
  warnings: StatusWarning[];
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

// ----- process isolation -----

/**
 * Where a session's agent calls run: `'none'`, in this process (on threads of the addon),
 * `'process'`, in a child process that the session starts and owns, so that a call the agent
 * never answers can be ended by ending that process, or `'broker'`, in a child process of the
 * broker service (`wua broker install`), which runs as LocalSystem and so is not refused the
 * downloads, installs and searches the agent refuses a remote or non-interactive logon (SSH,
 * WinRM). Through the broker, calls behave as with `'process'`; a download or install whose
 * client disconnects runs to its end. Only members of Administrators and SYSTEM may connect: any
 * other caller's calls reject with a PermissionError (E_ACCESSDENIED), and a missing broker with a
 * BrokerUnavailableError. The service is started on demand.
 */
export type Isolation = 'none' | 'process' | 'broker';

// Options of `new UpdateSession()` for isolation, declared apart from its other options above.
export interface UpdateSessionOptions {
  /** `'none'` by default. See Isolation. */
  isolation?: Isolation;
  /**
   * With `isolation: 'process'` or `'broker'`: how long the agent has to confirm an abort (the operation's
   * signal fired, or close() was called) before the session ends its process, in ms. 10,000 by
   * default.
   */
  graceMs?: number;
}

// ----- a fake agent for tests (windows-update-agent/testing) -----

export interface UpdateSessionOptions {
  /**
   * What plays the agent for this session instead of the Windows Update Agent: a FakeAgent of
   * `windows-update-agent/testing`, for tests that run without Windows. The session then never
   * loads the addon, and `isolation` does not apply (the fake runs in this process).
   */
  agent?: import('./agent-backend.js').AgentBackend;
}

// ----- preflight -----

/** How one preflight check came out: `unknown` when a fact it needs could not be read. */
export type PreflightStatus = 'ok' | 'warning' | 'failure' | 'unknown';

/** The checks of UpdateSession.preflight(), in the order it reports them. */
export type PreflightCheckId =
  | 'token.elevation' | 'token.logon' | 'token.secondaryLogon'
  | 'service.wuauserv' | 'service.bits' | 'service.cryptsvc' | 'service.msiserver' | 'service.trustedinstaller'
  | 'policy.server' | 'policy.access' | 'policy.automaticUpdates'
  | 'restart.agent' | 'restart.componentServicing' | 'restart.windowsUpdate' | 'restart.fileRenames'
  | 'installer.busy' | 'agent.version' | 'network.proxy' | 'disk.system' | 'management.configurationManager'
  | 'broker.installed';

/** The error the agent would give an operation, as the check predicts it. */
export interface PredictedError {
  /** The HRESULT, unsigned. */
  hresult: number;
  /** Its symbolic name, e.g. `E_ACCESSDENIED`. */
  code: string;
  /** The operations it would fail, e.g. `['download', 'install']`. */
  operations: string[];
}

export interface PreflightCheck {
  id: PreflightCheckId;
  /** A short title for a table line. */
  title: string;
  status: PreflightStatus;
  /** What was found, flat and JSON-serialisable (numbers of bytes in bytes). */
  facts: Record<string, string | number | boolean | null | string[]>;
  /** What it means and what to do; for `unknown`, why it could not be read. */
  hint: string;
  predictedError?: PredictedError;
}

/** Why a fact could not be read: the Windows call (or agent member) that failed. */
export interface FactFailure {
  /** The call, e.g. `OpenService` or `ISystemInformation::RebootRequired`. */
  call: string;
  /** The HRESULT (a Win32 error as HRESULT_FROM_WIN32), unsigned. */
  hresult: number;
  code: string;
  message: string;
  /** The call did not answer within the preflight's time bound. */
  timedOut: boolean;
}

/** A fact, or null with the failure that kept it from being read. */
export interface FactReading<T> {
  value: T | null;
  failure: FactFailure | null;
}

/** The process token (GetTokenInformation). */
export interface TokenFacts {
  elevated: boolean;
  elevationType: 'default' | 'full' | 'limited';
  integrityLevel: 'untrusted' | 'low' | 'medium' | 'mediumPlus' | 'high' | 'system' | 'protected';
  /** The Administrators group is enabled in the token. */
  administrators: boolean;
  /** From the token's logon groups (INTERACTIVE, REMOTE INTERACTIVE LOGON, NETWORK, BATCH, SERVICE); SYSTEM counts as service. */
  logonType: 'interactive' | 'remoteInteractive' | 'network' | 'batch' | 'service' | 'unknown';
  sessionId: number;
  localSystem: boolean;
  /** DOMAIN\name of the token's user. */
  user: string;
}

/** Who is logged on interactively to the process's session (WTSQuerySessionInformation). */
export interface LogonSessionFacts {
  /** DOMAIN\name, or '' when nobody is. */
  sessionUser: string;
  activeConsoleSessionId: number;
}

/** A service as the service control manager reports it. */
export interface ServiceFacts {
  installed: boolean;
  startType: 'boot' | 'system' | 'automatic' | 'manual' | 'disabled' | null;
  delayedAutoStart: boolean;
  state: 'stopped' | 'startPending' | 'stopPending' | 'running' | 'continuePending' | 'pausePending' | 'paused' | null;
}

/** A value of a registry key: a number (DWORD, QWORD), a text (SZ, EXPAND_SZ), texts (MULTI_SZ), or for other types its size in bytes. */
export type RegistryData = number | string | string[] | { type: number; size: number };

export interface RegistryKeyFacts {
  exists: boolean;
  values: Record<string, RegistryData>;
}

/** The WinHTTP default proxy (WinHttpGetDefaultProxyConfiguration), which the agent's service uses. */
export interface ProxyFacts {
  accessType: 'default' | 'direct' | 'named' | 'automatic';
  proxy: string;
  bypass: string;
}

export interface DiskFacts {
  /** The system drive's root, e.g. `C:\`. */
  root: string;
  /** Bytes free to this caller. */
  freeBytes: number;
  totalBytes: number;
}

/** What the agent says (UpdateSession.status()). */
export interface AgentFacts {
  productVersion: string | null;
  apiMajorVersion: number | null;
  apiMinorVersion: number | null;
  /** ISystemInformation::RebootRequired. */
  rebootRequired: boolean | null;
  /** IUpdateInstaller::IsBusy. */
  installerBusy: boolean | null;
  /** The members that failed, e.g. ISystemInformation on a network logon. */
  warnings: StatusWarning[];
}

/**
 * Every fact a preflight read, as it read it: the report's checks are made from these alone
 * (preflightReport), so a fleet tool can keep them, or feed them back changed.
 */
export interface PreflightFacts {
  token: FactReading<TokenFacts>;
  logonSession: FactReading<LogonSessionFacts>;
  /** By service name. */
  services: Record<string, FactReading<ServiceFacts>>;
  /** By key path under HKEY_LOCAL_MACHINE. */
  registry: Record<string, FactReading<RegistryKeyFacts>>;
  /** Whether each named kernel mutex exists, by name. */
  mutexes: Record<string, FactReading<boolean>>;
  proxy: FactReading<ProxyFacts>;
  disk: FactReading<DiskFacts>;
  agent: FactReading<AgentFacts>;
  /** Whether the broker service admits this process; absent where no broker was asked (a fake agent). */
  broker?: FactReading<BrokerReachFacts>;
}

/** The broker's pipe: asked only when its service runs (asking would start a stopped one). */
export interface BrokerReachFacts {
  probed: boolean;
  /** It answered, and admitted this process. */
  reachable: boolean;
}

export interface PreflightReport {
  /** No check failed: updates can be searched, downloaded and installed from this process. */
  ready: boolean;
  checks: PreflightCheck[];
  facts: PreflightFacts;
}

export interface PreflightOptions {
  /** The bound on each Windows call, in ms (default 5000). */
  timeoutMs?: number;
}
