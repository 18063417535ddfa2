// Generated from src/wire/fields.h by `npm run generate:wire`: edit the table, not this file.
import { AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, INSTALLATION_IMPACTS, OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, SERVER_SELECTIONS, SERVICE_REGISTRATION_STATES, UPDATE_OPERATIONS, UPDATE_TYPES, nameOf } from '../enums.js';
import type { CategoryRecord, DownloadContentRecord, DriverEntryRecord, DriverRecord, HistoryEntryFields, ImageRecord, InstallationBehaviorRecord, ServiceRecord, ServiceRegistrationRecord, UpdateIdentity, UpdateRecord } from '../types.js';
import { dateFromOle, NO_ITEMS, type Tuple, type WireChunk } from './values.js';

/** What a search has sent once so far, as records name it by index. Shared values are frozen. */
export class WireTables {
  readonly texts: string[] = [];
  readonly textLists: (readonly string[])[] = [];
  readonly sharedCategory: CategoryRecord[] = [];
  readonly sharedBehavior: InstallationBehaviorRecord[] = [];
  readonly sharedCategoryLists: (readonly CategoryRecord[])[] = [];

  /** Appends what a chunk adds, in the order its entries name each other. */
  add(chunk: WireChunk): void {
    for (const text of chunk.texts) this.texts.push(text);
    for (const indexes of chunk.textLists) this.textLists.push(Object.freeze(indexes.map((i) => this.texts[i]!)));
    for (const t of chunk.shared[3]!) this.sharedCategory.push(Object.freeze(buildCategory(t, this)));
    for (const t of chunk.shared[4]!) this.sharedBehavior.push(Object.freeze(buildBehavior(t, this)));
    for (const indexes of chunk.sharedLists[3]!) this.sharedCategoryLists.push(Object.freeze(indexes.map((i) => this.sharedCategory[i]!)));
  }
}

/** The number of records on the wire (the length of a chunk's `shared` and `sharedLists`). */
export const WIRE_RECORD_COUNT = 11;

/** The table itself, for tests that check the decoder against it. */
export const WIRE_FIELDS = {
  Service: [['serviceId', 'Text', '_'], ['name', 'Text', '_'], ['serviceUrl', 'Text', '_'], ['setupPrefix', 'Text', '_'], ['isManaged', 'Bool', '_'], ['isRegisteredWithAu', 'Bool', '_'], ['isDefaultAuService', 'Bool', '_'], ['canRegisterWithAu', 'Bool', '_'], ['offersWindowsUpdates', 'Bool', '_'], ['isScanPackageService', 'Bool', '_'], ['issueDate', 'Date', '_'], ['expirationDate', 'Date', '_'], ['redirectUrls', 'TextList', '_'], ['hasContentValidationCert', 'Bool', '_']],
  Registration: [['serviceId', 'Text', '_'], ['registrationState', 'Enum', 'SERVICE_REGISTRATION_STATES'], ['isPendingRegistrationWithAu', 'Bool', '_'], ['service', 'OptionalRecord', 'Service']],
  Identity: [['updateId', 'Text', '_'], ['revisionNumber', 'Integer', '_']],
  Category: [['categoryId', 'Text', '_'], ['name', 'Text', '_'], ['type', 'Text', '_'], ['description', 'Text', '_'], ['order', 'Integer', '_'], ['parentId', 'OptionalText', '_']],
  Behavior: [['canRequestUserInput', 'Bool', '_'], ['impact', 'Enum', 'INSTALLATION_IMPACTS'], ['rebootBehavior', 'Enum', 'REBOOT_BEHAVIORS'], ['requiresNetworkConnectivity', 'Bool', '_']],
  Image: [['altText', 'Text', '_'], ['height', 'Integer', '_'], ['source', 'Text', '_'], ['width', 'Integer', '_']],
  DownloadContent: [['downloadUrl', 'Text', '_'], ['isDeltaCompressedBinary', 'Bool', '_']],
  DriverEntry: [['driverClass', 'Text', '_'], ['hardwareId', 'Text', '_'], ['manufacturer', 'Text', '_'], ['model', 'Text', '_'], ['provider', 'Text', '_'], ['verDate', 'Date', '_'], ['deviceProblemNumber', 'Integer', '_'], ['deviceStatus', 'Integer', '_']],
  Driver: [['driverClass', 'Text', '_'], ['hardwareId', 'Text', '_'], ['manufacturer', 'Text', '_'], ['model', 'Text', '_'], ['provider', 'Text', '_'], ['verDate', 'Date', '_'], ['deviceProblemNumber', 'Integer', '_'], ['deviceStatus', 'Integer', '_'], ['entries', 'RecordList', 'DriverEntry']],
  Update: [['identity', 'Record', 'Identity'], ['title', 'Text', '_'], ['description', 'SharedText', '_'], ['type', 'Enum', 'UPDATE_TYPES'], ['kbArticleIds', 'SharedTextList', '_'], ['securityBulletinIds', 'SharedTextList', '_'], ['cveIds', 'SharedTextList', '_'], ['categories', 'SharedRecordList', 'Category'], ['msrcSeverity', 'OptionalSharedText', '_'], ['deploymentAction', 'Enum', 'DEPLOYMENT_ACTIONS'], ['downloadPriority', 'Enum', 'DOWNLOAD_PRIORITIES'], ['autoSelectOnWebSites', 'Bool', '_'], ['autoSelection', 'Enum', 'AUTO_SELECTION_MODES'], ['autoDownload', 'Enum', 'AUTO_DOWNLOAD_MODES'], ['browseOnly', 'Bool', '_'], ['canRequireSource', 'Bool', '_'], ['isBeta', 'Bool', '_'], ['isDownloaded', 'Bool', '_'], ['isHidden', 'Bool', '_'], ['isInstalled', 'Bool', '_'], ['isMandatory', 'Bool', '_'], ['isPresent', 'Bool', '_'], ['isUninstallable', 'Bool', '_'], ['rebootRequired', 'Bool', '_'], ['perUser', 'Bool', '_'], ['eulaAccepted', 'Bool', '_'], ['eulaText', 'OptionalSharedText', '_'], ['deltaCompressedContentAvailable', 'Bool', '_'], ['deltaCompressedContentPreferred', 'Bool', '_'], ['handlerId', 'SharedText', '_'], ['languages', 'SharedTextList', '_'], ['moreInfoUrls', 'SharedTextList', '_'], ['supportUrl', 'SharedText', '_'], ['releaseNotes', 'SharedText', '_'], ['supersededUpdateIds', 'TextList', '_'], ['uninstallationNotes', 'SharedText', '_'], ['uninstallationSteps', 'SharedTextList', '_'], ['maxDownloadSize', 'Number', '_'], ['minDownloadSize', 'Number', '_'], ['recommendedCpuSpeed', 'Integer', '_'], ['recommendedHardDiskSpace', 'Integer', '_'], ['recommendedMemory', 'Integer', '_'], ['deadline', 'Date', '_'], ['lastDeploymentChangeTime', 'Date', '_'], ['installationBehavior', 'SharedRecord', 'Behavior'], ['uninstallationBehavior', 'OptionalSharedRecord', 'Behavior'], ['image', 'OptionalRecord', 'Image'], ['downloadContents', 'RecordList', 'DownloadContent'], ['bundledUpdates', 'RecordList', 'Update'], ['driver', 'OptionalRecord', 'Driver']],
  HistoryEntry: [['operation', 'Enum', 'UPDATE_OPERATIONS'], ['resultCode', 'Enum', 'OPERATION_RESULT_CODES'], ['hresult', 'Number', '_'], ['unmappedResultCode', 'Number', '_'], ['date', 'Date', '_'], ['identity', 'Record', 'Identity'], ['title', 'Text', '_'], ['description', 'SharedText', '_'], ['clientApplicationId', 'SharedText', '_'], ['serverSelection', 'Enum', 'SERVER_SELECTIONS'], ['serviceId', 'SharedText', '_'], ['supportUrl', 'SharedText', '_'], ['uninstallationNotes', 'SharedText', '_'], ['uninstallationSteps', 'SharedTextList', '_'], ['categories', 'SharedRecordList', 'Category']],
} as const;

export function buildService(t: Tuple, s: WireTables): ServiceRecord {
  return {
    serviceId: t[0] as string,
    name: t[1] as string,
    serviceUrl: t[2] as string,
    setupPrefix: t[3] as string,
    isManaged: t[4] as boolean,
    isRegisteredWithAu: t[5] as boolean,
    isDefaultAuService: t[6] as boolean,
    canRegisterWithAu: t[7] as boolean,
    offersWindowsUpdates: t[8] as boolean,
    isScanPackageService: t[9] as boolean,
    issueDate: dateFromOle(t[10] as number | null),
    expirationDate: dateFromOle(t[11] as number | null),
    redirectUrls: (t[12] as string[] | null) ?? NO_ITEMS,
    hasContentValidationCert: t[13] as boolean,
  };
}

export function buildRegistration(t: Tuple, s: WireTables): ServiceRegistrationRecord {
  return {
    serviceId: t[0] as string,
    registrationState: nameOf(SERVICE_REGISTRATION_STATES, t[1] as number),
    isPendingRegistrationWithAu: t[2] as boolean,
    service: t[3] === null ? null : buildService(t[3] as Tuple, s),
  };
}

export function buildIdentity(t: Tuple, s: WireTables): UpdateIdentity {
  return {
    updateId: t[0] as string,
    revisionNumber: t[1] as number,
  };
}

export function buildCategory(t: Tuple, s: WireTables): CategoryRecord {
  return {
    categoryId: t[0] as string,
    name: t[1] as string,
    type: t[2] as string,
    description: t[3] as string,
    order: t[4] as number,
    parentId: t[5] as string | null,
  };
}

export function buildBehavior(t: Tuple, s: WireTables): InstallationBehaviorRecord {
  return {
    canRequestUserInput: t[0] as boolean,
    impact: nameOf(INSTALLATION_IMPACTS, t[1] as number),
    rebootBehavior: nameOf(REBOOT_BEHAVIORS, t[2] as number),
    requiresNetworkConnectivity: t[3] as boolean,
  };
}

export function buildImage(t: Tuple, s: WireTables): ImageRecord {
  return {
    altText: t[0] as string,
    height: t[1] as number,
    source: t[2] as string,
    width: t[3] as number,
  };
}

export function buildDownloadContent(t: Tuple, s: WireTables): DownloadContentRecord {
  return {
    downloadUrl: t[0] as string,
    isDeltaCompressedBinary: t[1] as boolean,
  };
}

export function buildDriverEntry(t: Tuple, s: WireTables): DriverEntryRecord {
  return {
    driverClass: t[0] as string,
    hardwareId: t[1] as string,
    manufacturer: t[2] as string,
    model: t[3] as string,
    provider: t[4] as string,
    verDate: dateFromOle(t[5] as number | null),
    deviceProblemNumber: t[6] as number,
    deviceStatus: t[7] as number,
  };
}

export function buildDriver(t: Tuple, s: WireTables): DriverRecord {
  return {
    driverClass: t[0] as string,
    hardwareId: t[1] as string,
    manufacturer: t[2] as string,
    model: t[3] as string,
    provider: t[4] as string,
    verDate: dateFromOle(t[5] as number | null),
    deviceProblemNumber: t[6] as number,
    deviceStatus: t[7] as number,
    entries: t[8] === null ? NO_ITEMS : (t[8] as Tuple[]).map((r) => buildDriverEntry(r, s)),
  };
}

export function buildUpdate(t: Tuple, s: WireTables): UpdateRecord {
  return {
    identity: buildIdentity(t[0] as Tuple, s),
    title: t[1] as string,
    description: s.texts[t[2] as number]!,
    type: nameOf(UPDATE_TYPES, t[3] as number),
    kbArticleIds: t[4] === null ? NO_ITEMS : s.textLists[t[4] as number]!,
    securityBulletinIds: t[5] === null ? NO_ITEMS : s.textLists[t[5] as number]!,
    cveIds: t[6] === null ? NO_ITEMS : s.textLists[t[6] as number]!,
    categories: t[7] === null ? NO_ITEMS : s.sharedCategoryLists[t[7] as number]!,
    msrcSeverity: t[8] === null ? null : s.texts[t[8] as number]!,
    deploymentAction: nameOf(DEPLOYMENT_ACTIONS, t[9] as number),
    downloadPriority: nameOf(DOWNLOAD_PRIORITIES, t[10] as number),
    autoSelectOnWebSites: t[11] as boolean,
    autoSelection: nameOf(AUTO_SELECTION_MODES, t[12] as number),
    autoDownload: nameOf(AUTO_DOWNLOAD_MODES, t[13] as number),
    browseOnly: t[14] as boolean,
    canRequireSource: t[15] as boolean,
    isBeta: t[16] as boolean,
    isDownloaded: t[17] as boolean,
    isHidden: t[18] as boolean,
    isInstalled: t[19] as boolean,
    isMandatory: t[20] as boolean,
    isPresent: t[21] as boolean,
    isUninstallable: t[22] as boolean,
    rebootRequired: t[23] as boolean,
    perUser: t[24] as boolean,
    eulaAccepted: t[25] as boolean,
    eulaText: t[26] === null ? null : s.texts[t[26] as number]!,
    deltaCompressedContentAvailable: t[27] as boolean,
    deltaCompressedContentPreferred: t[28] as boolean,
    handlerId: s.texts[t[29] as number]!,
    languages: t[30] === null ? NO_ITEMS : s.textLists[t[30] as number]!,
    moreInfoUrls: t[31] === null ? NO_ITEMS : s.textLists[t[31] as number]!,
    supportUrl: s.texts[t[32] as number]!,
    releaseNotes: s.texts[t[33] as number]!,
    supersededUpdateIds: (t[34] as string[] | null) ?? NO_ITEMS,
    uninstallationNotes: s.texts[t[35] as number]!,
    uninstallationSteps: t[36] === null ? NO_ITEMS : s.textLists[t[36] as number]!,
    maxDownloadSize: t[37] as number,
    minDownloadSize: t[38] as number,
    recommendedCpuSpeed: t[39] as number,
    recommendedHardDiskSpace: t[40] as number,
    recommendedMemory: t[41] as number,
    deadline: dateFromOle(t[42] as number | null),
    lastDeploymentChangeTime: dateFromOle(t[43] as number | null),
    installationBehavior: s.sharedBehavior[t[44] as number]!,
    uninstallationBehavior: t[45] === null ? null : s.sharedBehavior[t[45] as number]!,
    image: t[46] === null ? null : buildImage(t[46] as Tuple, s),
    downloadContents: t[47] === null ? NO_ITEMS : (t[47] as Tuple[]).map((r) => buildDownloadContent(r, s)),
    bundledUpdates: t[48] === null ? NO_ITEMS : (t[48] as Tuple[]).map((r) => buildUpdate(r, s)),
    driver: t[49] === null ? null : buildDriver(t[49] as Tuple, s),
  };
}

export function buildHistoryEntry(t: Tuple, s: WireTables): HistoryEntryFields {
  return {
    operation: nameOf(UPDATE_OPERATIONS, t[0] as number),
    resultCode: nameOf(OPERATION_RESULT_CODES, t[1] as number),
    hresult: t[2] as number,
    unmappedResultCode: t[3] as number,
    date: dateFromOle(t[4] as number | null),
    identity: buildIdentity(t[5] as Tuple, s),
    title: t[6] as string,
    description: s.texts[t[7] as number]!,
    clientApplicationId: s.texts[t[8] as number]!,
    serverSelection: nameOf(SERVER_SELECTIONS, t[9] as number),
    serviceId: s.texts[t[10] as number]!,
    supportUrl: s.texts[t[11] as number]!,
    uninstallationNotes: s.texts[t[12] as number]!,
    uninstallationSteps: t[13] === null ? NO_ITEMS : s.textLists[t[13] as number]!,
    categories: t[14] === null ? NO_ITEMS : s.sharedCategoryLists[t[14] as number]!,
  };
}

/** Each update field's value as a projected tuple holds it (a search's `fields`), in the table's order. */
export const UPDATE_FIELD_VALUES: { readonly [K in keyof UpdateRecord]-?: (v: unknown, s: WireTables) => UpdateRecord[K] } = {
  identity: (v, s) => buildIdentity(v as Tuple, s),
  title: (v, s) => v as string,
  description: (v, s) => s.texts[v as number]!,
  type: (v, s) => nameOf(UPDATE_TYPES, v as number),
  kbArticleIds: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  securityBulletinIds: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  cveIds: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  categories: (v, s) => v === null ? NO_ITEMS : s.sharedCategoryLists[v as number]!,
  msrcSeverity: (v, s) => v === null ? null : s.texts[v as number]!,
  deploymentAction: (v, s) => nameOf(DEPLOYMENT_ACTIONS, v as number),
  downloadPriority: (v, s) => nameOf(DOWNLOAD_PRIORITIES, v as number),
  autoSelectOnWebSites: (v, s) => v as boolean,
  autoSelection: (v, s) => nameOf(AUTO_SELECTION_MODES, v as number),
  autoDownload: (v, s) => nameOf(AUTO_DOWNLOAD_MODES, v as number),
  browseOnly: (v, s) => v as boolean,
  canRequireSource: (v, s) => v as boolean,
  isBeta: (v, s) => v as boolean,
  isDownloaded: (v, s) => v as boolean,
  isHidden: (v, s) => v as boolean,
  isInstalled: (v, s) => v as boolean,
  isMandatory: (v, s) => v as boolean,
  isPresent: (v, s) => v as boolean,
  isUninstallable: (v, s) => v as boolean,
  rebootRequired: (v, s) => v as boolean,
  perUser: (v, s) => v as boolean,
  eulaAccepted: (v, s) => v as boolean,
  eulaText: (v, s) => v === null ? null : s.texts[v as number]!,
  deltaCompressedContentAvailable: (v, s) => v as boolean,
  deltaCompressedContentPreferred: (v, s) => v as boolean,
  handlerId: (v, s) => s.texts[v as number]!,
  languages: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  moreInfoUrls: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  supportUrl: (v, s) => s.texts[v as number]!,
  releaseNotes: (v, s) => s.texts[v as number]!,
  supersededUpdateIds: (v, s) => (v as string[] | null) ?? NO_ITEMS,
  uninstallationNotes: (v, s) => s.texts[v as number]!,
  uninstallationSteps: (v, s) => v === null ? NO_ITEMS : s.textLists[v as number]!,
  maxDownloadSize: (v, s) => v as number,
  minDownloadSize: (v, s) => v as number,
  recommendedCpuSpeed: (v, s) => v as number,
  recommendedHardDiskSpace: (v, s) => v as number,
  recommendedMemory: (v, s) => v as number,
  deadline: (v, s) => dateFromOle(v as number | null),
  lastDeploymentChangeTime: (v, s) => dateFromOle(v as number | null),
  installationBehavior: (v, s) => s.sharedBehavior[v as number]!,
  uninstallationBehavior: (v, s) => v === null ? null : s.sharedBehavior[v as number]!,
  image: (v, s) => v === null ? null : buildImage(v as Tuple, s),
  downloadContents: (v, s) => v === null ? NO_ITEMS : (v as Tuple[]).map((r) => buildDownloadContent(r, s)),
  bundledUpdates: (v, s) => v === null ? NO_ITEMS : (v as Tuple[]).map((r) => buildUpdate(r, s)),
  driver: (v, s) => v === null ? null : buildDriver(v as Tuple, s),
};
