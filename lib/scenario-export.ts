// The machine as a scenario: its catalog (installed and not, hidden and superseded), history,
// services, restart state and Automatic Updates, read through the facade and written in the
// scenario format (lib/testing/scenario.schema.json), so that a real machine can be replayed in
// the fake agent (windows-update-agent/testing) or in the project's simulator.
import { NOTIFICATION_LEVELS } from './enums.js';
import { hresultHex } from './errors.js';
import type { UpdateSession } from './session.js';
import type { Agent, Category, HistoryEntry, Scenario, Service, Update } from './testing/scenario.generated.js';
import type {
  CategoryRecord, DriverEntryRecord, HistoryEntry as HistoryRecord, InstallationBehaviorRecord, ServiceRecord, UpdateRecord,
} from './types.js';

// Every update the agent knows: installed or not, hidden or not, any deployment action.
const EVERY_UPDATE = 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*';

const iso = (date: Date | null): string | undefined => date?.toISOString();

/** Only what differs from the scenario format's default, so that an export reads like a hand-written scenario. */
function unlessDefault<T>(value: T, fallback: T): T | undefined {
  return value === fallback ? undefined : value;
}

function list(values: readonly string[]): string[] | undefined {
  return values.length ? [...values] : undefined;
}

function behavior(record: InstallationBehaviorRecord): Update['installationBehavior'] {
  return {
    canRequestUserInput: record.canRequestUserInput,
    impact: record.impact,
    rebootBehavior: record.rebootBehavior,
    requiresNetworkConnectivity: record.requiresNetworkConnectivity,
  };
}

function driverEntry(record: DriverEntryRecord): NonNullable<Update['driver']> {
  return {
    class: record.driverClass,
    hardwareId: record.hardwareId,
    manufacturer: record.manufacturer,
    model: record.model,
    provider: record.provider,
    ...(record.verDate ? { verDate: iso(record.verDate) } : {}),
    deviceProblemNumber: record.deviceProblemNumber,
    deviceStatus: record.deviceStatus,
  };
}

function update(record: UpdateRecord, isBundle: boolean): Update {
  const out: Update = {
    id: record.identity.updateId,
    revision: record.identity.revisionNumber,
    title: record.title,
    description: record.description || undefined,
    type: record.type,
    kbArticleIds: list(record.kbArticleIds),
    securityBulletinIds: list(record.securityBulletinIds),
    cveIds: list(record.cveIds),
    categories: list(record.categories.map((c) => c.categoryId)),
    languages: list(record.languages),
    moreInfoUrls: list(record.moreInfoUrls),
    supersededUpdateIds: list(record.supersededUpdateIds),
    bundledUpdates: list(record.bundledUpdates.map((child) => child.identity.updateId)),
    uninstallationSteps: list(record.uninstallationSteps),
    msrcSeverity: (record.msrcSeverity ?? undefined) as Update['msrcSeverity'],
    eulaText: record.eulaText ?? undefined,
    handlerId: record.handlerId || undefined,
    supportUrl: record.supportUrl || undefined,
    releaseNotes: record.releaseNotes || undefined,
    uninstallationNotes: record.uninstallationNotes || undefined,
    deploymentAction: unlessDefault(record.deploymentAction, 'installation'),
    downloadPriority: unlessDefault(record.downloadPriority, 'normal'),
    autoSelection: unlessDefault(record.autoSelection, 'letWindowsUpdateDecide'),
    autoDownload: unlessDefault(record.autoDownload, 'letWindowsUpdateDecide'),
    autoSelectOnWebSites: record.autoSelectOnWebSites,
    browseOnly: record.browseOnly,
    canRequireSource: record.canRequireSource,
    isBeta: record.isBeta,
    isMandatory: record.isMandatory,
    isUninstallable: record.isUninstallable,
    perUser: record.perUser,
    deltaCompressedContentAvailable: record.deltaCompressedContentAvailable,
    deltaCompressedContentPreferred: record.deltaCompressedContentPreferred,
    maxDownloadSize: record.maxDownloadSize,
    minDownloadSize: record.minDownloadSize,
    recommendedCpuSpeed: record.recommendedCpuSpeed,
    recommendedHardDiskSpace: record.recommendedHardDiskSpace,
    recommendedMemory: record.recommendedMemory,
    deadline: iso(record.deadline),
    lastDeploymentChangeTime: iso(record.lastDeploymentChangeTime),
    image: record.image ? { ...record.image } : undefined,
    driver: record.driver ? { ...driverEntry(record.driver), entries: record.driver.entries.map(driverEntry) } : undefined,
  };
  // A bundle's behaviour, payload and installed state follow its children (test/sim/README.md, rule 2).
  if (isBundle) {
    out.state = { isHidden: record.isHidden, eulaAccepted: record.eulaAccepted };
  } else {
    out.installationBehavior = behavior(record.installationBehavior);
    out.uninstallationBehavior = record.uninstallationBehavior ? behavior(record.uninstallationBehavior) : undefined;
    out.downloadContents = record.downloadContents.length
      ? record.downloadContents.map((c) => ({ url: c.downloadUrl, isDeltaCompressedContent: c.isDeltaCompressedBinary })) : undefined;
    out.state = {
      isInstalled: record.isInstalled, isDownloaded: record.isDownloaded, isPresent: record.isPresent,
      isHidden: record.isHidden, eulaAccepted: record.eulaAccepted, rebootRequired: record.rebootRequired,
    };
  }
  return JSON.parse(JSON.stringify(out)) as Update;  // without the undefined fields
}

function historyEntry(entry: HistoryRecord): HistoryEntry {
  return {
    operation: entry.operation,
    resultCode: entry.resultCode,
    hresult: hresultHex(entry.hresult),
    unmappedResultCode: hresultHex(entry.unmappedResultCode),
    date: entry.date.toISOString(),
    updateId: entry.identity.updateId,
    revision: entry.identity.revisionNumber,
    title: entry.title,
    description: entry.description,
    clientApplicationId: entry.clientApplicationId,
    supportUrl: entry.supportUrl,
    serviceId: entry.serviceId,
    uninstallationNotes: entry.uninstallationNotes,
    serverSelection: entry.serverSelection,
    uninstallationSteps: [...entry.uninstallationSteps],
    categories: entry.categories.map((c) => c.categoryId),
  };
}

function service(record: ServiceRecord): Service {
  return JSON.parse(JSON.stringify({
    id: record.serviceId,
    name: record.name,
    serviceUrl: record.serviceUrl || undefined,
    setupPrefix: record.setupPrefix || undefined,
    isManaged: record.isManaged,
    isRegisteredWithAu: record.isRegisteredWithAu,
    isScanPackageService: record.isScanPackageService,
    isDefaultAuService: record.isDefaultAuService,
    canRegisterWithAu: record.canRegisterWithAu,
    offersWindowsUpdates: record.offersWindowsUpdates,
    issueDate: iso(record.issueDate),
    expirationDate: iso(record.expirationDate),
    redirectUrls: list(record.redirectUrls),
  })) as Service;
}

/**
 * The machine as a scenario: every update the agent knows (IUpdateSearcher::Search of installed
 * and not installed updates, hidden and superseded ones included, with their bundled updates),
 * the whole history, the registered services, the restart flags, the agent's version and
 * Automatic Updates' settings. What the agent does not say (`isAssigned`, a licence's acceptance
 * by its own, how operations behave) takes the scenario format's default. Reads only; rejects as
 * the calls it makes do (search(), history(), services(), status(), automaticUpdates()).
 */
export async function exportScenario(session: UpdateSession, options: { name?: string; signal?: AbortSignal } = {}): Promise<Scenario> {
  const { signal } = options;
  const found = await session.search(EVERY_UPDATE, { includePotentiallySupersededUpdates: true, ...(signal ? { signal } : {}) });
  const categories = new Map<string, CategoryRecord>();
  const updates = new Map<string, Update>();
  const add = (record: UpdateRecord): void => {
    for (const category of record.categories) categories.set(category.categoryId, category);
    for (const child of record.bundledUpdates) add(child);
    if (!updates.has(record.identity.updateId)) updates.set(record.identity.updateId, update(record, record.bundledUpdates.length > 0));
  };
  for (const record of found.updates) add(record);
  for (const root of found.rootCategories) if (!categories.has(root.categoryId)) categories.set(root.categoryId, root);
  const history: HistoryEntry[] = [];
  for await (const entry of session.history(signal ? { signal } : {})) history.push(historyEntry(entry));
  const status = await session.status();
  const automaticUpdates = await session.automaticUpdates();
  const agent: Agent = JSON.parse(JSON.stringify({
    apiMajorVersion: status.apiMajorVersion ?? undefined,
    apiMinorVersion: status.apiMinorVersion ?? undefined,
    productVersion: status.productVersion ?? undefined,
    oemHardwareSupportLink: status.oemHardwareSupportLink || undefined,
    rebootRequired: status.rebootRequired ?? undefined,
    rebootRequiredBeforeInstallation: status.rebootRequiredBeforeInstallation ?? undefined,
    isAdministrator: status.readOnly === null ? undefined : !status.readOnly,
    installerBusy: status.installerBusy ?? undefined,
    agentInfoAvailable: status.apiMajorVersion === null && status.warnings.some((w) => w.member.includes('WindowsUpdateAgentInfo'))
      ? false : undefined,
    automaticUpdates: {
      notificationLevel: NOTIFICATION_LEVELS.indexOf(automaticUpdates.settings.notificationLevel),
      serviceEnabled: automaticUpdates.serviceEnabled,
      required: automaticUpdates.settings.required,
      lastSearchSuccessDate: iso(automaticUpdates.results?.lastSearchSuccessDate ?? null),
      lastInstallationSuccessDate: iso(automaticUpdates.results?.lastInstallationSuccessDate ?? null),
    },
    services: (await session.services()).map(service),
    history,
  })) as Agent;
  const categoryList: Category[] = [...categories.values()].map((c) => JSON.parse(JSON.stringify({
    id: c.categoryId,
    name: c.name,
    type: c.type,
    description: c.description || undefined,
    parent: c.parentId ?? undefined,
    order: c.order || undefined,
  })) as Category);
  // A parent that no update names and that is no root is known by its ID only (the agent lists
  // no categories of their own): it is declared with that ID, so that every update's categories
  // keep their parent, and says so.
  for (const c of [...categories.values()]) {
    if (c.parentId && !categories.has(c.parentId)) {
      categories.set(c.parentId, { ...c, categoryId: c.parentId, parentId: null });
      categoryList.push({ id: c.parentId, name: '', type: 'ProductFamily', description: 'known only as the parent of another category' });
    }
  }
  return {
    name: options.name ?? 'exported',
    description: `Exported by wua export-scenario on ${new Date().toISOString()}`,
    agent,
    categories: categoryList,
    updates: [...updates.values()],
    // The children of bundles are listed as results of their own only when the agent listed them.
    ...(found.updates.some((u) => updates.get(u.identity.updateId) && [...updates.values()]
      .some((b) => b.bundledUpdates?.includes(u.identity.updateId))) ? { search: { listBundledUpdates: true } } : {}),
  };
}
