// Generated from lib/testing/scenario.schema.json by `npm run generate:scenario`: edit the schema, not this file.

export type IsoDate = string
export type Guid = string
export type StringList = string[]
export type GuidList = Guid[]
export type Hresult = (number | string)

/**
 * A scenario of the simulated Windows Update Agent: the catalog, the machine's state and how each operation behaves (test/sim/README.md, 'Scenario schema'). An optional field may be left out or written as null.
 */
export interface Scenario {
/**
 * The schema the file follows, for editors (windows-update-agent/testing/scenario.schema.json); ignored when the scenario is played.
 */
$schema?: string
name?: string
description?: unknown
agent?: Agent
categories?: Category[]
updates?: Update[]
search?: SearchBehavior
download?: JobBehavior
install?: JobBehavior
uninstall?: JobBehavior
scanPackages?: {
[k: string]: {
updates?: GuidList
} | undefined
}
}
export interface Agent {
apiMajorVersion?: number
apiMinorVersion?: number
productVersion?: string
oemHardwareSupportLink?: string
rebootRequired?: boolean
rebootRequiredBeforeInstallation?: boolean
isAdministrator?: boolean
installerBusy?: boolean
agentInfoAvailable?: boolean
acceptNetworkScanPackages?: boolean
automaticUpdates?: {
notificationLevel?: number
scheduledInstallationDay?: number
scheduledInstallationTime?: number
serviceEnabled?: boolean
required?: boolean
lastSearchSuccessDate?: IsoDate
lastInstallationSuccessDate?: IsoDate
}
services?: Service[]
serviceRegistration?: {
offered?: GuidList
hresult?: Hresult
}
history?: HistoryEntry[]
faults?: Members
delays?: {
[k: string]: number | undefined
}
wedgedCalls?: StringList
logon?: {
remote?: boolean
interactiveUser?: boolean
deniedCalls?: StringList
}
network?: {
reachable?: boolean
hresult?: Hresult
proxy?: {
address: string
userName?: string
password?: string
}
}
}
export interface Service {
id: Guid
name: string
serviceUrl?: string
setupPrefix?: string
contentValidationCert?: string
isManaged?: boolean
isRegisteredWithAu?: boolean
isScanPackageService?: boolean
isDefaultAuService?: boolean
canRegisterWithAu?: boolean
offersWindowsUpdates?: boolean
issueDate?: IsoDate
expirationDate?: IsoDate
redirectUrls?: StringList
scanPackage?: string
}
export interface HistoryEntry {
operation: ("installation" | "uninstallation")
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
hresult?: Hresult
unmappedResultCode?: Hresult
date: IsoDate
updateId: Guid
revision?: number
title: string
description?: string
clientApplicationId?: string
supportUrl?: string
serviceId?: string
uninstallationNotes?: string
serverSelection?: ("default" | "managedServer" | "windowsUpdate" | "others")
uninstallationSteps?: StringList
categories?: GuidList
}
export interface Members {
[k: string]: Hresult | undefined
}
export interface Category {
id: Guid
name: string
type: ("Company" | "ProductFamily" | "Product" | "UpdateClassification")
description?: string
parent?: Guid
order?: number
}
export interface Update {
id: Guid
revision?: number
title: string
description?: string
type?: ("software" | "driver")
kbArticleIds?: StringList
securityBulletinIds?: StringList
cveIds?: StringList
languages?: StringList
moreInfoUrls?: StringList
uninstallationSteps?: StringList
categories?: GuidList
supersededUpdateIds?: GuidList
bundledUpdates?: GuidList
msrcSeverity?: ("Critical" | "Important" | "Moderate" | "Low")
eulaText?: string
handlerId?: string
supportUrl?: string
releaseNotes?: string
uninstallationNotes?: string
deploymentAction?: ("none" | "installation" | "uninstallation" | "detection" | "optionalInstallation")
downloadPriority?: ("low" | "normal" | "high" | "extraHigh")
autoSelection?: ("letWindowsUpdateDecide" | "autoSelectIfDownloaded" | "neverAutoSelect" | "alwaysAutoSelect")
autoDownload?: ("letWindowsUpdateDecide" | "neverAutoDownload" | "alwaysAutoDownload")
autoSelectOnWebSites?: boolean
browseOnly?: boolean
canRequireSource?: boolean
isBeta?: boolean
isMandatory?: boolean
isUninstallable?: boolean
perUser?: boolean
isAssigned?: boolean
deltaCompressedContentAvailable?: boolean
deltaCompressedContentPreferred?: boolean
/**
 * Bytes; also the byte count of download progress.
 */
maxDownloadSize?: number
minDownloadSize?: number
recommendedCpuSpeed?: number
recommendedHardDiskSpace?: number
recommendedMemory?: number
deadline?: IsoDate
lastDeploymentChangeTime?: IsoDate
installationBehavior?: InstallationBehavior
uninstallationBehavior?: InstallationBehavior
image?: {
altText?: string
source?: string
height?: number
width?: number
}
downloadContents?: {
url: string
isDeltaCompressedContent?: boolean
}[]
driver?: Driver
state?: State
download?: Behavior
install?: Behavior
uninstall?: Behavior
faults?: Members
}
export interface InstallationBehavior {
canRequestUserInput?: boolean
impact?: ("normal" | "minor" | "requiresExclusiveHandling")
rebootBehavior?: ("neverReboots" | "alwaysRequiresReboot" | "canRequestReboot")
requiresNetworkConnectivity?: boolean
}
export interface Driver {
class?: string
hardwareId?: string
manufacturer?: string
model?: string
provider?: string
verDate?: IsoDate
deviceProblemNumber?: number
deviceStatus?: number
entries?: DriverEntry[]
}
export interface DriverEntry {
class?: string
hardwareId?: string
manufacturer?: string
model?: string
provider?: string
verDate?: IsoDate
deviceProblemNumber?: number
deviceStatus?: number
}
export interface State {
isInstalled?: boolean
isDownloaded?: boolean
isPresent?: boolean
isHidden?: boolean
eulaAccepted?: boolean
rebootRequired?: boolean
}
export interface Behavior {
/**
 * How long the operation takes per update (ms), spread over the progress steps; for a search, the total wait.
 */
durationMs?: number
progressSteps?: number
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
hresult?: Hresult
failCall?: boolean
hangUntilAbort?: boolean
wedged?: boolean
disconnectAtPercent?: number
rebootRequired?: boolean
}
export interface SearchBehavior {
/**
 * How long the operation takes per update (ms), spread over the progress steps; for a search, the total wait.
 */
durationMs?: number
progressSteps?: number
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
hresult?: Hresult
failCall?: boolean
hangUntilAbort?: boolean
wedged?: boolean
disconnectAtPercent?: number
rebootRequired?: boolean
listBundledUpdates?: boolean
warnings?: {
context?: ("general" | "windowsDriver" | "windowsInstaller" | "searchIncomplete")
hresult?: Hresult
message?: string
}[]
}
export interface JobBehavior {
/**
 * How long the operation takes per update (ms), spread over the progress steps; for a search, the total wait.
 */
durationMs?: number
progressSteps?: number
resultCode?: ("notStarted" | "inProgress" | "succeeded" | "succeededWithErrors" | "failed" | "aborted")
hresult?: Hresult
failCall?: boolean
hangUntilAbort?: boolean
wedged?: boolean
disconnectAtPercent?: number
rebootRequired?: boolean
jobHresult?: Hresult
}
