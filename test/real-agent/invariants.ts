// What must hold of whatever a real agent answers, whichever updates the machine has: types, enum
// names the package knows (from lib/enums.ts, the one map of each agent enum), valid dates, GUID
// identities, counts that agree. Each check returns its problems as readable lines (empty: none),
// so that a failure on a machine nobody here can see says what was wrong with which update.
// test/unit/real-agent-invariants.test.ts shows each check finding what it is meant to find.
import {
  AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, EXCEPTION_CONTEXTS, INSTALLATION_IMPACTS,
  NOTIFICATION_LEVELS, OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, SERVER_SELECTIONS, UPDATE_OPERATIONS, UPDATE_TYPES,
} from '../../lib/enums.js';
import type {
  AutomaticUpdatesStatus, CategoryRecord, HistoryEntry, InstallationBehaviorRecord, PreflightReport, SearchResult, ServiceRecord,
  UpdateRecord, UpdateStatus,
} from '../../lib/index.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UINT32_MAX = 0xffffffff;

const known = (names: readonly (string | undefined)[]): Set<string> => new Set(names.filter((name): name is string => name !== undefined));

class Problems {
  readonly list: string[] = [];
  constructor(private readonly where: string) {}

  add(field: string, what: string, value: unknown): void {
    this.list.push(`${this.where}: ${field} ${what} (${JSON.stringify(value)})`);
  }

  guid(field: string, value: unknown): void {
    if (typeof value !== 'string' || !GUID.test(value)) this.add(field, 'is not a lower-case GUID', value);
  }

  oneOf(field: string, value: unknown, names: readonly (string | undefined)[]): void {
    if (typeof value !== 'string' || !known(names).has(value)) this.add(field, `is none of ${[...known(names)].join(', ')}`, value);
  }

  type(field: string, value: unknown, type: 'string' | 'boolean'): void {
    if (typeof value !== type) this.add(field, `is not a ${type}`, value);
  }

  count(field: string, value: unknown, max = Number.MAX_SAFE_INTEGER): void {
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) this.add(field, `is not a whole number from 0 to ${max}`, value);
  }

  /** A Date (or null where allowed) between 1995 and a day from now: the agent's clock is the machine's. */
  date(field: string, value: unknown, nullable: boolean): void {
    if (value === null && nullable) return;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      this.add(field, nullable ? 'is neither a valid Date nor null' : 'is not a valid Date', value);
      return;
    }
    if (value.getUTCFullYear() < 1995 || value.getTime() > Date.now() + 86_400_000) this.add(field, 'is out of range', value.toISOString());
  }

  strings(field: string, value: unknown): void {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) this.add(field, 'is not a list of strings', value);
  }
}

function categoryProblems(problems: Problems, field: string, categories: readonly CategoryRecord[]): void {
  if (!Array.isArray(categories)) { problems.add(field, 'is not a list', categories); return; }
  categories.forEach((category, i) => {
    problems.guid(`${field}[${i}].categoryId`, category.categoryId);
    problems.type(`${field}[${i}].name`, category.name, 'string');
    if (category.parentId !== null) problems.guid(`${field}[${i}].parentId`, category.parentId);
  });
}

function behaviorProblems(problems: Problems, field: string, behavior: InstallationBehaviorRecord): void {
  problems.oneOf(`${field}.impact`, behavior.impact, INSTALLATION_IMPACTS);
  problems.oneOf(`${field}.rebootBehavior`, behavior.rebootBehavior, REBOOT_BEHAVIORS);
  problems.type(`${field}.canRequestUserInput`, behavior.canRequestUserInput, 'boolean');
  problems.type(`${field}.requiresNetworkConnectivity`, behavior.requiresNetworkConnectivity, 'boolean');
}

/** The problems of one whole update record (a search without `fields`). */
export function updateProblems(update: UpdateRecord, where = `update ${update.identity?.updateId}`): string[] {
  const problems = new Problems(where);
  problems.guid('identity.updateId', update.identity?.updateId);
  if (!Number.isSafeInteger(update.identity?.revisionNumber) || update.identity.revisionNumber < 1) {
    problems.add('identity.revisionNumber', 'is not a whole number from 1', update.identity?.revisionNumber);
  }
  problems.type('title', update.title, 'string');
  if (typeof update.title === 'string' && !update.title.trim()) problems.add('title', 'is empty', update.title);
  problems.oneOf('type', update.type, UPDATE_TYPES);
  problems.oneOf('deploymentAction', update.deploymentAction, DEPLOYMENT_ACTIONS);
  problems.oneOf('downloadPriority', update.downloadPriority, DOWNLOAD_PRIORITIES);
  problems.oneOf('autoSelection', update.autoSelection, AUTO_SELECTION_MODES);
  problems.oneOf('autoDownload', update.autoDownload, AUTO_DOWNLOAD_MODES);
  for (const flag of ['isInstalled', 'isHidden', 'isDownloaded', 'isMandatory', 'isUninstallable', 'eulaAccepted', 'rebootRequired'] as const) {
    problems.type(flag, update[flag], 'boolean');
  }
  for (const list of ['kbArticleIds', 'securityBulletinIds', 'cveIds', 'languages', 'moreInfoUrls', 'uninstallationSteps'] as const) {
    problems.strings(list, update[list]);
  }
  if (Array.isArray(update.kbArticleIds)) {
    update.kbArticleIds.forEach((kb, i) => { if (!/^\d+$/.test(kb)) problems.add(`kbArticleIds[${i}]`, 'is not digits', kb); });
  }
  if (Array.isArray(update.supersededUpdateIds)) update.supersededUpdateIds.forEach((id, i) => problems.guid(`supersededUpdateIds[${i}]`, id));
  else problems.add('supersededUpdateIds', 'is not a list', update.supersededUpdateIds);
  categoryProblems(problems, 'categories', update.categories);
  problems.count('maxDownloadSize', update.maxDownloadSize);
  problems.count('minDownloadSize', update.minDownloadSize);
  if (update.minDownloadSize > update.maxDownloadSize) problems.add('minDownloadSize', 'exceeds maxDownloadSize', [update.minDownloadSize, update.maxDownloadSize]);
  problems.date('deadline', update.deadline, true);
  problems.date('lastDeploymentChangeTime', update.lastDeploymentChangeTime, true);
  behaviorProblems(problems, 'installationBehavior', update.installationBehavior);
  if (update.uninstallationBehavior !== null) behaviorProblems(problems, 'uninstallationBehavior', update.uninstallationBehavior);
  if ((update.type === 'driver') !== (update.driver !== null)) problems.add('driver', 'does not match the type', [update.type, update.driver === null]);
  if (Array.isArray(update.bundledUpdates)) {
    update.bundledUpdates.forEach((bundled, i) => problems.list.push(...updateProblems(bundled, `${where} > bundledUpdates[${i}]`)));
  } else {
    problems.add('bundledUpdates', 'is not a list', update.bundledUpdates);
  }
  return problems.list;
}

/**
 * The problems of a search result, its records and what its criteria promise of them:
 * `isInstalled`/`isHidden` when the criteria fixed them, and each update ID at most once.
 */
export function searchProblems(result: SearchResult, expect: { isInstalled?: boolean; isHidden?: boolean } = {}): string[] {
  const problems = new Problems('search');
  problems.oneOf('resultCode', result.resultCode, OPERATION_RESULT_CODES);
  if (result.resultCode !== 'succeeded' && result.resultCode !== 'succeededWithErrors') {
    problems.add('resultCode', 'is neither succeeded nor succeededWithErrors for a search that resolved', result.resultCode);
  }
  categoryProblems(problems, 'rootCategories', result.rootCategories);
  result.warnings.forEach((warning, i) => {
    problems.count(`warnings[${i}].hresult`, warning.hresult, UINT32_MAX);
    problems.oneOf(`warnings[${i}].context`, warning.context, EXCEPTION_CONTEXTS);
  });
  const seen = new Set<string>();
  for (const update of result.updates) {
    problems.list.push(...updateProblems(update));
    const id = update.identity.updateId;
    if (seen.has(id)) problems.add('updates', 'hold an update twice', id);
    seen.add(id);
    for (const flag of ['isInstalled', 'isHidden'] as const) {
      if (expect[flag] !== undefined && update[flag] !== expect[flag]) problems.add(`update ${id} ${flag}`, `is not ${expect[flag]}, as the criteria asked`, update[flag]);
    }
  }
  return problems.list;
}

/** The update IDs that both of two searches found: none between installed and not installed. */
export function overlap(installed: SearchResult, notInstalled: SearchResult): string[] {
  const offered = new Set(notInstalled.updates.map((update) => update.identity.updateId));
  return installed.updates.map((update) => update.identity.updateId).filter((id) => offered.has(id));
}

/** History entries as history() gives them: newest first, each one's fields in range. */
export function historyProblems(entries: readonly HistoryEntry[]): string[] {
  const problems = new Problems('history');
  entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    problems.oneOf(`${at}.operation`, entry.operation, UPDATE_OPERATIONS);
    problems.oneOf(`${at}.resultCode`, entry.resultCode, OPERATION_RESULT_CODES);
    problems.oneOf(`${at}.serverSelection`, entry.serverSelection, SERVER_SELECTIONS);
    problems.count(`${at}.hresult`, entry.hresult, UINT32_MAX);
    problems.count(`${at}.unmappedResultCode`, entry.unmappedResultCode, UINT32_MAX);
    problems.type(`${at}.code`, entry.code, 'string');
    if (entry.resultCode === 'succeeded' && entry.hresult !== 0) problems.add(`${at}.hresult`, 'is not 0 for a succeeded entry', entry.hresult);
    problems.guid(`${at}.identity.updateId`, entry.identity.updateId);
    problems.date(`${at}.date`, entry.date, false);
    if (entry.serviceId !== '') problems.guid(`${at}.serviceId`, entry.serviceId);
    categoryProblems(problems, `${at}.categories`, entry.categories);
    const newer = entries[i - 1];
    if (newer && newer.date instanceof Date && entry.date instanceof Date && entry.date.getTime() > newer.date.getTime()) {
      problems.add(`${at}.date`, 'is newer than the entry before it (the history is newest first)', [newer.date.toISOString(), entry.date.toISOString()]);
    }
  });
  return problems.list;
}

/** status(): booleans or null, each null value explained by a warning, versions that parse. */
export function statusProblems(status: UpdateStatus): string[] {
  const problems = new Problems('status');
  const nullable = (field: keyof UpdateStatus, type: 'boolean' | 'string' | 'number', warningField: string = field): void => {
    const value = status[field];
    if (value === null) {
      if (!status.warnings.some((warning) => warning.field === warningField)) problems.add(field, 'is null with no warning naming it', value);
    } else if (typeof value !== type) {
      problems.add(field, `is neither a ${type} nor null`, value);
    }
  };
  nullable('installerBusy', 'boolean');
  nullable('rebootRequiredBeforeInstallation', 'boolean');
  nullable('apiMajorVersion', 'number');
  nullable('apiMinorVersion', 'number');
  nullable('productVersion', 'string');
  nullable('oemHardwareSupportLink', 'string');
  nullable('readOnly', 'boolean');
  if (status.rebootRequiredBy.agent === null) {
    if (!status.warnings.some((warning) => warning.field === 'rebootRequiredBy.agent')) problems.add('rebootRequiredBy.agent', 'is null with no warning', null);
  } else if (typeof status.rebootRequiredBy.agent !== 'boolean') {
    problems.add('rebootRequiredBy.agent', 'is neither a boolean nor null', status.rebootRequiredBy.agent);
  }
  const sources = Object.values(status.rebootRequiredBy);
  const expected = sources.some((value) => value === true) ? true : sources.every((value) => value === false) ? false : null;
  if (status.rebootRequired !== expected) problems.add('rebootRequired', `is not ${expected}, as its sources say`, status.rebootRequired);
  if (typeof status.productVersion === 'string' && !/^\d+(\.\d+){1,3}$/.test(status.productVersion)) {
    problems.add('productVersion', 'is not a dotted version', status.productVersion);
  }
  if (typeof status.apiMajorVersion === 'number' && status.apiMajorVersion < 1) problems.add('apiMajorVersion', 'is below 1', status.apiMajorVersion);
  status.warnings.forEach((warning, i) => {
    problems.count(`warnings[${i}].hresult`, warning.hresult, UINT32_MAX);
    if (warning.hresult === 0) problems.add(`warnings[${i}].hresult`, 'is S_OK for a value that could not be read', warning.hresult);
  });
  return problems.list;
}

/** services(): GUIDs, each service once, at most one that Automatic Updates uses. */
export function servicesProblems(services: readonly ServiceRecord[]): string[] {
  const problems = new Problems('services');
  const ids = new Set<string>();
  services.forEach((service, i) => {
    const at = `services[${i}]`;
    problems.guid(`${at}.serviceId`, service.serviceId);
    if (ids.has(service.serviceId)) problems.add(`${at}.serviceId`, 'is listed twice', service.serviceId);
    ids.add(service.serviceId);
    problems.type(`${at}.name`, service.name, 'string');
    for (const flag of ['isManaged', 'isRegisteredWithAu', 'isDefaultAuService', 'canRegisterWithAu', 'offersWindowsUpdates'] as const) {
      problems.type(`${at}.${flag}`, service[flag], 'boolean');
    }
    problems.date(`${at}.issueDate`, service.issueDate, true);
    // An authorization may run for years: only its validity is checked, not that it has passed.
    if (service.expirationDate !== null && !(service.expirationDate instanceof Date && !Number.isNaN(service.expirationDate.getTime()))) {
      problems.add(`${at}.expirationDate`, 'is neither a valid Date nor null', service.expirationDate);
    }
  });
  const defaults = services.filter((service) => service.isDefaultAuService);
  if (defaults.length > 1) problems.add('isDefaultAuService', 'is true for more than one service', defaults.map((service) => service.serviceId));
  return problems.list;
}

/** automaticUpdates(): its settings' names and its results' dates. */
export function automaticUpdatesProblems(status: AutomaticUpdatesStatus): string[] {
  const problems = new Problems('automaticUpdates');
  problems.oneOf('settings.notificationLevel', status.settings.notificationLevel, NOTIFICATION_LEVELS);
  problems.type('settings.required', status.settings.required, 'boolean');
  problems.type('settings.readOnly', status.settings.readOnly, 'boolean');
  problems.type('serviceEnabled', status.serviceEnabled, 'boolean');
  if (status.results !== null) {
    problems.date('results.lastSearchSuccessDate', status.results.lastSearchSuccessDate, true);
    problems.date('results.lastInstallationSuccessDate', status.results.lastInstallationSuccessDate, true);
  }
  return problems.list;
}

/** preflight(): each check once, in a status the package knows, and `ready` as the checks say. */
export function preflightProblems(report: PreflightReport): string[] {
  const problems = new Problems('preflight');
  const ids = new Set<string>();
  for (const check of report.checks) {
    if (ids.has(check.id)) problems.add('checks', 'hold a check twice', check.id);
    ids.add(check.id);
    problems.oneOf(`${check.id}.status`, check.status, ['ok', 'warning', 'failure', 'unknown']);
    problems.type(`${check.id}.hint`, check.hint, 'string');
  }
  const ready = !report.checks.some((check) => check.status === 'failure');
  if (report.ready !== ready) problems.add('ready', `is not ${ready}, as the checks say`, report.ready);
  if (!ids.has('service.wuauserv')) problems.add('checks', 'lack service.wuauserv', [...ids]);
  return problems.list;
}
