// Generated from lib/testing/scenario.schema.json by `npm run generate:scenario`: edit the schema, not this file.

/**
 * Type: string list. Default: [].
 */
export type StringList = string[]
export type Guid = string
/**
 * The services an online registration can register. Another ID fails with WU_E_DS_UNKNOWNSERVICE. Type: GUID list. Default: Microsoft Update (7971f918-a847-4430-9279-4a52d1efe18d)
 */
export type GuidList = Guid[]
/**
 * Type: string list. Default: [].
 */
export type StringList1 = string[]
/**
 * Type: GUID list. Default: [].
 */
export type GuidList1 = Guid[]
export type Hresult = (number | string)
/**
 * Every call to these members never returns (see [Wedges](#semantics)), for example "IUpdateServiceManager2::AddService2". Names are checked as in faults. Type: string list of call names. Default: [].
 */
export type StringList2 = string[]
/**
 * Only with remote: true (applies only to a remote logon ('remote': true)). Each name must be a call of src/members.h, checked as in faults. Newer Windows also denies, for example, IUpdateSession::CreateUpdateSearcher, IUpdateSearcher::Search and IUpdateSearcher::QueryHistory to a shell reached over SSH: list them to play that. IUpdate::put_IsHidden and IUpdate::AcceptEula are denied to every remote logon whether the list names them or not (rule 8). Type: string list of call names. Default: the calls Microsoft lists as "not available to remote users and applications" (below)
 */
export type StringList3 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList4 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList5 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList6 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList7 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList8 = string[]
/**
 * Type: string list. Default: [].
 */
export type StringList9 = string[]
/**
 * Each must be declared in categories. Type: GUID list. Default: [].
 */
export type GuidList2 = Guid[]
/**
 * Not checked against the catalog. IDs that are not in the catalog are allowed. Type: GUID list. Default: [].
 */
export type GuidList3 = Guid[]
/**
 * Each must be another update in updates, not the update itself, and not a bundle itself (names an update that is itself a bundle). An update with bundled updates is a bundle: see [Bundles](#rules-from-microsofts-documentation). A bundle may not have installationBehavior, uninstallationBehavior or a non-empty downloadContents (a bundle has no payload or installer of its own), nor state.isInstalled, isDownloaded, isPresent or rebootRequired (a bundle's state follows its bundled updates). Type: GUID list. Default: [].
 */
export type GuidList4 = Guid[]
/**
 * The update IDs of the catalog the package offers (each must be in updates). Type: GUID list.
 */
export type GuidList5 = Guid[]

/**
 * A scenario of the simulated Windows Update Agent: the catalog, the machine's state and how each operation behaves (test/sim/README.md, 'Scenario schema'). An optional field may be left out or written as null.
 */
export interface Scenario {
/**
 * The schema the file follows, for editors (windows-update-agent/testing/scenario.schema.json); ignored when the scenario is played.
 */
$schema?: string
/**
 * Also tags the state file. A state file written for another name is ignored. Type: string. Default: "unnamed".
 */
name?: string
description?: unknown
agent?: Agent
/**
 * Type: array of category. Default: [].
 */
categories?: Category[]
/**
 * The catalog, in search-result order. Type: array of update. Default: [].
 */
updates?: Update[]
search?: SearchBehavior
download?: JobBehavior
install?: JobBehavior1
uninstall?: JobBehavior2
/**
 * The scan packages (wsusscn2.cab) the agent accepts. See below. Type: object: file name → package. Default: {}.
 */
scanPackages?: {
[k: string]: {
updates?: GuidList5
} | undefined
}
}
/**
 * The agent and the machine. Type: object.
 */
export interface Agent {
/**
 * IWindowsUpdateAgentInfo::GetInfo("ApiMajorVersion"/"ApiMinorVersion"). Type: integer. Default: 8, 0.
 */
apiMajorVersion?: number
/**
 * IWindowsUpdateAgentInfo::GetInfo("ApiMajorVersion"/"ApiMinorVersion"). Type: integer. Default: 8, 0.
 */
apiMinorVersion?: number
/**
 * GetInfo("ProductVersionString"). Type: string. Default: "10.0.19041.3636".
 */
productVersion?: string
/**
 * ISystemInformation. Type: string. Default: "".
 */
oemHardwareSupportLink?: string
/**
 * The machine's initial reboot-pending flag (ISystemInformation::RebootRequired). Type: boolean. Default: false.
 */
rebootRequired?: boolean
/**
 * The initial IUpdateInstaller::RebootRequiredBeforeInstallation. Type: boolean. Default: rebootRequired.
 */
rebootRequiredBeforeInstallation?: boolean
/**
 * false makes the session read-only, and the operations that need administrator rights fail (see [Semantics](#semantics)). Type: boolean. Default: true.
 */
isAdministrator?: boolean
/**
 * Another installer is running: IsBusy is true, and installs and uninstalls fail with WU_E_INSTALL_NOT_ALLOWED. Type: boolean. Default: false.
 */
installerBusy?: boolean
/**
 * false plays WUA 1.0, which has no IWindowsUpdateAgentInfo: creating WindowsUpdateAgentInfo fails with REGDB_E_CLASSNOTREG. Type: boolean. Default: true.
 */
agentInfoAvailable?: boolean
/**
 * AddScanPackageService accepts a package on a network path (a UNC path, or a drive GetDriveType reports as DRIVE_REMOTE). By default it fails with 0x8007007B (ERROR_INVALID_NAME), as the real agent does. Type: boolean. Default: false.
 */
acceptNetworkScanPackages?: boolean
/**
 * See below. Type: object.
 */
automaticUpdates?: {
/**
 * Type: integer 0 to 4. Default: 4.
 */
notificationLevel?: number
/**
 * Type: integer 0 to 7. Default: 0.
 */
scheduledInstallationDay?: number
/**
 * Type: integer 0 to 23. Default: 3.
 */
scheduledInstallationTime?: number
/**
 * Type: boolean. Default: true.
 */
serviceEnabled?: boolean
/**
 * Type: boolean. Default: false.
 */
required?: boolean
/**
 * Type: date. Default: none (an empty VARIANT)
 */
lastSearchSuccessDate?: string
/**
 * Type: date. Default: none (an empty VARIANT)
 */
lastInstallationSuccessDate?: string
}
/**
 * The registered update services. Type: array of service. Default: [].
 */
services?: Service[]
/**
 * How online registration of a service (AddService2 with asfAllowOnlineRegistration) goes. Type: object.
 */
serviceRegistration?: {
offered?: GuidList
/**
 * A failure every online registration attempt meets, for example 0x8024402C (WU_E_PT_WINHTTP_NAME_NOT_RESOLVED) on a machine without a network. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
}
/**
 * The installation history before the scenario starts. Type: array of history entry. Default: [].
 */
history?: HistoryEntry[]
faults?: Members
/**
 * Every call to that member sleeps this long first (0 to 600000). Type: object: member → integer ms. Default: {}.
 */
delays?: {
[k: string]: number | undefined
}
wedgedCalls?: StringList2
/**
 * The logon the client runs under: remote, or a Secondary Logon with no interactive user. Type: object.
 */
logon?: {
/**
 * The caller is remote, or its shell was reached remotely (SSH, WinRM). The calls in deniedCalls fail with E_ACCESSDENIED and the description <member> is not allowed from a remote session. Type: boolean. Default: false.
 */
remote?: boolean
/**
 * false plays a Secondary Logon (RunAs) process: installing an update whose installationBehavior.canRequestUserInput is true fails for that update with WU_E_NO_INTERACTIVE_USER. Type: boolean. Default: true.
 */
interactiveUser?: boolean
deniedCalls?: StringList3
}
/**
 * What lies between the agent and its update servers. Type: object.
 */
network?: {
/**
 * false: no update server can be reached, as on an air-gapped machine. Type: boolean. Default: true.
 */
reachable?: boolean
/**
 * What a search or download that cannot reach the server fails with. Type: HRESULT (a failure). Default: WU_E_PT_WINHTTP_NAME_NOT_RESOLVED (0x8024402C)
 */
hresult?: (number | string)
/**
 * The servers are reached only through this proxy: a request through no proxy or another one fails with hresult, and one without the proxy's userName and password (when it has them) fails with WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ (HTTP 407). password needs userName. Type: { address (string, required), userName, password }. Default: none.
 */
proxy?: {
/**
 * The proxy the servers are reached through (host:port). Type: string. Required.
 */
address: string
/**
 * The user the proxy admits. Type: string.
 */
userName?: string
/**
 * That user's password; needs userName. A request without it fails with WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ. Type: string.
 */
password?: string
}
}
}
export interface Service {
/**
 * Type: GUID, required.
 */
id: string
/**
 * Type: string, required.
 */
name: string
/**
 * Type: string. Default: "".
 */
serviceUrl?: string
/**
 * Type: string. Default: "".
 */
setupPrefix?: string
/**
 * Type: string. Default: "".
 */
contentValidationCert?: string
/**
 * Type: boolean. Default: false.
 */
isManaged?: boolean
/**
 * Type: boolean. Default: false.
 */
isRegisteredWithAu?: boolean
/**
 * Type: boolean. Default: false.
 */
isScanPackageService?: boolean
/**
 * Type: boolean. Default: false.
 */
isDefaultAuService?: boolean
/**
 * Type: boolean. Default: true.
 */
canRegisterWithAu?: boolean
/**
 * Type: boolean. Default: true.
 */
offersWindowsUpdates?: boolean
/**
 * Type: date. Default: 0 (1899-12-30)
 */
issueDate?: string
/**
 * Type: date. Default: 0 (1899-12-30)
 */
expirationDate?: string
redirectUrls?: StringList
/**
 * Only with isScanPackageService: true: the package of scanPackages the service offers (a scan service left registered, for example by a process that died). Type: file name. Default: none.
 */
scanPackage?: string
}
export interface HistoryEntry {
/**
 * Type: installation | uninstallation, required.
 */
operation: ("installation" | "uninstallation")
/**
 * Type: result code. Default: succeeded.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * Type: HRESULT. Default: the hresult.
 */
unmappedResultCode?: (number | string)
/**
 * Type: date, required.
 */
date: string
/**
 * Type: GUID, required.
 */
updateId: string
/**
 * Type: integer. Default: 1.
 */
revision?: number
/**
 * Type: string, required.
 */
title: string
/**
 * Type: string. Default: "".
 */
description?: string
/**
 * Type: string. Default: "".
 */
clientApplicationId?: string
/**
 * Type: string. Default: "".
 */
supportUrl?: string
/**
 * Type: string. Default: "".
 */
serviceId?: string
/**
 * Type: string. Default: "".
 */
uninstallationNotes?: string
/**
 * Type: default | managedServer | windowsUpdate | others. Default: default.
 */
serverSelection?: ("default" | "managedServer" | "windowsUpdate" | "others")
uninstallationSteps?: StringList1
categories?: GuidList1
}
/**
 * Every call to that member fails with this HRESULT. It must be a failure code. Type: object: member → HRESULT. Default: {}.
 */
export interface Members {
[k: string]: Hresult | undefined
}
export interface Category {
/**
 * Type: GUID, required.
 */
id: string
/**
 * Type: string, required.
 */
name: string
/**
 * Type: Company | ProductFamily | Product | UpdateClassification, required.
 */
type: ("Company" | "ProductFamily" | "Product" | "UpdateClassification")
/**
 * Type: string. Default: "".
 */
description?: string
/**
 * Must be declared in categories. A category with no parent is a root of ISearchResult::RootCategories. Type: GUID. Default: none.
 */
parent?: string
/**
 * Type: integer. Default: 0.
 */
order?: number
}
export interface Update {
/**
 * Must be unique (is the ID of an earlier update too). Type: GUID, required.
 */
id: string
/**
 * Type: integer. Default: 1.
 */
revision?: number
/**
 * Type: string, required.
 */
title: string
/**
 * Type: string. Default: "".
 */
description?: string
/**
 * Type: software | driver. Default: software.
 */
type?: ("software" | "driver")
kbArticleIds?: StringList4
securityBulletinIds?: StringList5
cveIds?: StringList6
languages?: StringList7
moreInfoUrls?: StringList8
uninstallationSteps?: StringList9
categories?: GuidList2
supersededUpdateIds?: GuidList3
bundledUpdates?: GuidList4
/**
 * Type: Critical | Important | Moderate | Low. Default: "".
 */
msrcSeverity?: ("Critical" | "Important" | "Moderate" | "Low")
/**
 * A non-empty licence starts out not accepted. Type: string. Default: "".
 */
eulaText?: string
/**
 * Type: string. Default: "".
 */
handlerId?: string
/**
 * Type: string. Default: "".
 */
supportUrl?: string
/**
 * Type: string. Default: "".
 */
releaseNotes?: string
/**
 * Type: string. Default: "".
 */
uninstallationNotes?: string
/**
 * Type: none | installation | uninstallation | detection | optionalInstallation. Default: installation.
 */
deploymentAction?: ("none" | "installation" | "uninstallation" | "detection" | "optionalInstallation")
/**
 * Type: low | normal | high | extraHigh. Default: normal.
 */
downloadPriority?: ("low" | "normal" | "high" | "extraHigh")
/**
 * Type: letWindowsUpdateDecide | autoSelectIfDownloaded | neverAutoSelect | alwaysAutoSelect. Default: letWindowsUpdateDecide.
 */
autoSelection?: ("letWindowsUpdateDecide" | "autoSelectIfDownloaded" | "neverAutoSelect" | "alwaysAutoSelect")
/**
 * Type: letWindowsUpdateDecide | neverAutoDownload | alwaysAutoDownload. Default: letWindowsUpdateDecide.
 */
autoDownload?: ("letWindowsUpdateDecide" | "neverAutoDownload" | "alwaysAutoDownload")
/**
 * Type: boolean. Default: true.
 */
autoSelectOnWebSites?: boolean
/**
 * Type: boolean. Default: false.
 */
browseOnly?: boolean
/**
 * Type: boolean. Default: false.
 */
canRequireSource?: boolean
/**
 * Type: boolean. Default: false.
 */
isBeta?: boolean
/**
 * Type: boolean. Default: false.
 */
isMandatory?: boolean
/**
 * Type: boolean. Default: false.
 */
isUninstallable?: boolean
/**
 * Type: boolean. Default: false.
 */
perUser?: boolean
/**
 * Type: boolean. Default: true.
 */
isAssigned?: boolean
/**
 * Type: boolean. Default: false.
 */
deltaCompressedContentAvailable?: boolean
/**
 * Type: boolean. Default: true.
 */
deltaCompressedContentPreferred?: boolean
/**
 * Also the byte count used for download progress. Type: integer (bytes). Default: 0.
 */
maxDownloadSize?: number
/**
 * Must not be larger than maxDownloadSize. Type: integer (bytes). Default: maxDownloadSize.
 */
minDownloadSize?: number
/**
 * Type: integer. Default: 0.
 */
recommendedCpuSpeed?: number
/**
 * Type: integer. Default: 0.
 */
recommendedHardDiskSpace?: number
/**
 * Type: integer. Default: 0.
 */
recommendedMemory?: number
/**
 * Type: date. Default: none (an empty VARIANT)
 */
deadline?: string
/**
 * Type: date. Default: 0.
 */
lastDeploymentChangeTime?: string
installationBehavior?: InstallationBehavior
uninstallationBehavior?: InstallationBehavior1
/**
 * Strings default to "" and integers to 0. Type: { altText, source, height, width }. Default: none (null)
 */
image?: {
/**
 * Type: string. Default: "".
 */
altText?: string
/**
 * Type: string. Default: "".
 */
source?: string
/**
 * Type: integer. Default: 0.
 */
height?: number
/**
 * Type: integer. Default: 0.
 */
width?: number
}
/**
 * Type: array of { url (string, required), isDeltaCompressedContent (boolean, false) }. Default: [].
 */
downloadContents?: {
/**
 * Type: string. Required.
 */
url: string
/**
 * Type: boolean. Default: false.
 */
isDeltaCompressedContent?: boolean
}[]
driver?: Driver
state?: State
download?: Behavior
install?: Behavior1
uninstall?: Behavior2
faults?: Members1
}
/**
 * Type: installation behaviour. Default: all defaults; a bundle's comes from its children.
 */
export interface InstallationBehavior {
/**
 * Type: boolean. Default: false. With agent.logon.interactiveUser false, such an update fails with WU_E_NO_INTERACTIVE_USER.
 */
canRequestUserInput?: boolean
/**
 * Type: normal | minor | requiresExclusiveHandling. Default: normal. An exclusive update must be installed alone.
 */
impact?: ("normal" | "minor" | "requiresExclusiveHandling")
/**
 * Type: neverReboots | alwaysRequiresReboot | canRequestReboot. Default: neverReboots.
 */
rebootBehavior?: ("neverReboots" | "alwaysRequiresReboot" | "canRequestReboot")
/**
 * Type: boolean. Default: false.
 */
requiresNetworkConnectivity?: boolean
}
/**
 * Type: installation behaviour. Default: a copy of installationBehavior if isUninstallable, otherwise none (null); a bundle's comes from its children that have one.
 */
export interface InstallationBehavior1 {
/**
 * Type: boolean. Default: false. With agent.logon.interactiveUser false, such an update fails with WU_E_NO_INTERACTIVE_USER.
 */
canRequestUserInput?: boolean
/**
 * Type: normal | minor | requiresExclusiveHandling. Default: normal. An exclusive update must be installed alone.
 */
impact?: ("normal" | "minor" | "requiresExclusiveHandling")
/**
 * Type: neverReboots | alwaysRequiresReboot | canRequestReboot. Default: neverReboots.
 */
rebootBehavior?: ("neverReboots" | "alwaysRequiresReboot" | "canRequestReboot")
/**
 * Type: boolean. Default: false.
 */
requiresNetworkConnectivity?: boolean
}
/**
 * Only allowed with type: "driver" (only a driver update (type 'driver') has driver properties). Type: driver.
 */
export interface Driver {
/**
 * IWindowsDriverUpdate(Entry)::DriverClass. Type: string. Default: "".
 */
class?: string
/**
 * DriverHardwareID. Type: string. Default: "".
 */
hardwareId?: string
/**
 * DriverManufacturer. Type: string. Default: "".
 */
manufacturer?: string
/**
 * DriverModel. Type: string. Default: "".
 */
model?: string
/**
 * DriverProvider. Type: string. Default: "".
 */
provider?: string
/**
 * DriverVerDate. Type: date. Default: 0.
 */
verDate?: string
/**
 * DeviceProblemNumber. Type: integer. Default: 0.
 */
deviceProblemNumber?: number
/**
 * DeviceStatus. Type: integer. Default: 0.
 */
deviceStatus?: number
/**
 * The WindowsDriverUpdateEntries, each with the same fields. If absent, the only entry is the top-level fields. Type: array of driver entries.
 */
entries?: DriverEntry[]
}
export interface DriverEntry {
/**
 * IWindowsDriverUpdate(Entry)::DriverClass. Type: string. Default: "".
 */
class?: string
/**
 * DriverHardwareID. Type: string. Default: "".
 */
hardwareId?: string
/**
 * DriverManufacturer. Type: string. Default: "".
 */
manufacturer?: string
/**
 * DriverModel. Type: string. Default: "".
 */
model?: string
/**
 * DriverProvider. Type: string. Default: "".
 */
provider?: string
/**
 * DriverVerDate. Type: date. Default: 0.
 */
verDate?: string
/**
 * DeviceProblemNumber. Type: integer. Default: 0.
 */
deviceProblemNumber?: number
/**
 * DeviceStatus. Type: integer. Default: 0.
 */
deviceStatus?: number
}
/**
 * The machine's state for this update before any operation. Type: state.
 */
export interface State {
/**
 * Type: boolean. Default: false.
 */
isInstalled?: boolean
/**
 * Type: boolean. Default: isInstalled.
 */
isDownloaded?: boolean
/**
 * Type: boolean. Default: isInstalled.
 */
isPresent?: boolean
/**
 * Type: boolean. Default: false. It cannot be true on an update with isMandatory (a mandatory update cannot be hidden).
 */
isHidden?: boolean
/**
 * Type: boolean. Default: true when eulaText is empty, otherwise false.
 */
eulaAccepted?: boolean
/**
 * Type: boolean. Default: false.
 */
rebootRequired?: boolean
}
/**
 * Type: behaviour. Default: the top-level one; for a bundled update, its bundle's, then the top-level one.
 */
export interface Behavior {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
}
/**
 * Type: behaviour. Default: the top-level one; for a bundled update, its bundle's, then the top-level one.
 */
export interface Behavior1 {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
}
/**
 * Type: behaviour. Default: the top-level one; for a bundled update, its bundle's, then the top-level one.
 */
export interface Behavior2 {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
}
/**
 * Getters of this update that fail with this HRESULT (a failure code), with the IErrorInfo description fault injected by the scenario at <member>. The names are those of src/members.h: every getter of IUpdate..IUpdate5 ("IUpdate::get_Title", "IUpdate2::get_CveIDs", "IUpdate5::get_AutoDownload"; the IWindowsDriverUpdate2..5 twins share these), the driver getters ("IWindowsDriverUpdate::get_DriverClass", "IWindowsDriverUpdate4::get_WindowsDriverUpdateEntries"; only on type: "driver"), and the getters of the objects this update hands out: its categories ("ICategory::get_Name", also of their parents and children), its installation behaviours ("IInstallationBehavior::get_Impact") and its identity ("IUpdateIdentity::get_UpdateID"). Other names fail to load as in agent.faults. Type: object: member → HRESULT. Default: {}.
 */
export interface Members1 {
[k: string]: Hresult | undefined
}
/**
 * How searches behave. Type: behaviour + warnings + listBundledUpdates.
 */
export interface SearchBehavior {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
/**
 * Type: boolean. Default: false. By default an update that another update bundles is offered only through its bundle's BundledUpdates; true lists it as a search result too.
 */
listBundledUpdates?: boolean
/**
 * The search result's ISearchResult::Warnings (not on an aborted search). Type: array of { context, hresult, message }. Default: [].
 */
warnings?: {
/**
 * Type: general | windowsDriver | windowsInstaller | searchIncomplete. Default: general.
 */
context?: ("general" | "windowsDriver" | "windowsInstaller" | "searchIncomplete")
/**
 * Type: HRESULT.
 */
hresult?: (number | string)
/**
 * Type: string.
 */
message?: string
}[]
}
/**
 * The default for updates that have no behaviour of their own. jobHresult (HRESULT, none) is what IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are, for example WU_E_ALL_UPDATES_FAILED while the updates say 0x80070643 and 0x800F081F. Without it, a failed job reports its first failed update's HRESULT. Only the top-level behaviours accept it. Type: behaviour + jobHresult.
 */
export interface JobBehavior {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
/**
 * What IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are. Type: HRESULT. Default: none (the HRESULT of the first update that failed).
 */
jobHresult?: (number | string)
}
/**
 * The default for updates that have no behaviour of their own. jobHresult (HRESULT, none) is what IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are, for example WU_E_ALL_UPDATES_FAILED while the updates say 0x80070643 and 0x800F081F. Without it, a failed job reports its first failed update's HRESULT. Only the top-level behaviours accept it. Type: behaviour + jobHresult.
 */
export interface JobBehavior1 {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
/**
 * What IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are. Type: HRESULT. Default: none (the HRESULT of the first update that failed).
 */
jobHresult?: (number | string)
}
/**
 * The default for updates that have no behaviour of their own. jobHresult (HRESULT, none) is what IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are, for example WU_E_ALL_UPDATES_FAILED while the updates say 0x80070643 and 0x800F081F. Without it, a failed job reports its first failed update's HRESULT. Only the top-level behaviours accept it. Type: behaviour + jobHresult.
 */
export interface JobBehavior2 {
/**
 * How long the operation takes for each update, spread over the progress steps. For a search, the total wait. Type: integer ≥ 0. Default: 0.
 */
durationMs?: number
/**
 * Progress callbacks per update. Not used by searches. Type: integer 1 to 1000. Default: 4.
 */
progressSteps?: number
/**
 * Type: result code. Default: succeeded. If it is absent and hresult is a failure without failCall, it is failed. If it is absent and search.warnings is not empty, a search gives succeededWithErrors.
 */
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
/**
 * The per-update HRESULT. For failCall, and for searches, the HRESULT the call fails with. Type: HRESULT. Default: 0.
 */
hresult?: (number | string)
/**
 * The call itself fails with hresult, which must then be a failure (failCall needs a failure HRESULT). Nothing after that update runs. Type: boolean. Default: false.
 */
failCall?: boolean
/**
 * Never finishes until RequestAbort is called. Type: boolean. Default: false.
 */
hangUntilAbort?: boolean
/**
 * Never finishes, and RequestAbort does not end it either (see [Wedges](#semantics)). Not with hangUntilAbort. A download or install reports the update's start first. Type: boolean. Default: false.
 */
wedged?: boolean
/**
 * The agent goes away at this per-update percentage, and the call fails with RPC_E_DISCONNECTED. For a search, any value of 0 or more disconnects. Type: integer ≤ 100. Default: -1 (never)
 */
disconnectAtPercent?: number
/**
 * Overrides the rule that only rebootBehavior: alwaysRequiresReboot requires a reboot. Not used by downloads or searches. Type: boolean. Default: none.
 */
rebootRequired?: boolean
/**
 * What IDownloadResult::HResult or IInstallationResult::HResult reports for every job of that kind, whatever its updates' HRESULTs are. Type: HRESULT. Default: none (the HRESULT of the first update that failed).
 */
jobHresult?: (number | string)
}
