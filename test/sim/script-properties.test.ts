// Every property of every object the agent hands out, read by a VBScript client through IDispatch
// (scripts/read-properties.vbs) and compared with the scenario (scenarios/script-properties.json).
// The properties come from the simulator's type library itself: each object is read through the
// interface its type information names (the newest it implements), property by property.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, EXCEPTION_CONTEXTS, INSTALLATION_IMPACTS,
  OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, SERVER_SELECTIONS, UPDATE_OPERATIONS, UPDATE_TYPES,
} from '../../lib/enums.js';
import { typeLibraryProperties, useScenario } from './harness.js';

const SCRIPT = path.join(__dirname, 'scripts', 'read-properties.vbs');
const CSCRIPT = path.join(process.env.SystemRoot ?? 'C:\\windows', 'system32', 'cscript.exe');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the scenario's JSON, read as its schema (README) defines it
const SCENARIO: any = JSON.parse(readFileSync(path.join(__dirname, 'scenarios', 'script-properties.json'), 'utf8'));

type Library = ReturnType<typeof typeLibraryProperties>;

/** The part of the script Wine's VBScript cannot do itself (it has no Execute): each property by name. */
function readerFor(library: Library): string {
  const lines = ['', 'Sub LoadProperties()'];
  for (const [kind, properties] of Object.entries(library)) {
    lines.push(`  properties.Add "${kind}", Array(${properties.map((p) => `"${p.name}"`).join(', ')})`);
  }
  lines.push('End Sub', '', 'Sub ReadNamed(target, kind, name, value)', '  Select Case kind & "." & name');
  for (const [kind, properties] of Object.entries(library)) {
    for (const { name, isObject } of properties.filter((p) => p.name !== '_NewEnum')) {
      // A collection's Item takes the index: the first item.
      lines.push(`    Case "${kind}.${name}": ${isObject ? 'Set ' : ''}value = target.${name === 'Item' ? 'Item(0)' : name}`);
    }
  }
  lines.push('    Case Else: Err.Raise 438', '  End Select', 'End Sub', '');
  return lines.join('\r\n');
}

interface Read {
  type: string;
  value: string;
}

let library: Library;
let objects: Map<string, string>;
let reads: Map<string, Read>;
let failures: string[];
let unknown: string[];
let end: number | undefined;
let softwareDriverClass: string | undefined;
let output: string;

beforeAll(() => {
  useScenario('script-properties'); // the child inherits WUA_SIMULATOR_SCENARIO and WUA_SIMULATOR_STATE
  library = typeLibraryProperties();
  const script = path.join(mkdtempSync(path.join(os.tmpdir(), 'wua-script-')), 'read-properties.vbs');
  writeFileSync(script, readFileSync(SCRIPT, 'utf8').replace(/\r?\n/g, '\r\n') + readerFor(library));
  const run = spawnSync(CSCRIPT, ['//nologo', script], { encoding: 'utf8', timeout: 120_000 });
  output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  objects = new Map();
  reads = new Map();
  failures = [];
  unknown = [];
  for (const line of (run.stdout ?? '').split(/\r?\n/)) {
    const [tag, first, ...rest] = line.split(' ');
    if (tag === 'OBJECT') objects.set(first ?? '', rest[0] ?? '');
    else if (tag === 'READ') reads.set(first ?? '', { type: rest[0] ?? '', value: rest.slice(1).join(' ') });
    else if (tag === 'FAIL') failures.push(`${first} ${rest[0]}`);
    else if (tag === 'UNKNOWN') unknown.push(`${first} ${rest[0]}`);
    else if (tag === 'END') end = Number(first);
    else if (tag === 'SOFTWARE-DRIVERCLASS') softwareDriverClass = first;
  }
});


// A value as the script prints it: the VBScript VarType, then the text (see Show in the script).
const text = (value: string | undefined): string => `8 ${value ?? ''}`;
const bool = (value: boolean | undefined): string => `11 ${value ? 'True' : 'False'}`;
const long = (value: number | undefined): string => `3 ${value ?? 0}`;
const decimal = (value: number | undefined): string => `14 ${value ?? 0}`;
const date = (iso: string | undefined): string => {
  if (!iso) return '7 1899-12-30T00:00:00Z'; // DATE 0
  return `7 ${new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
};
const empty = '0 ';
const object = (kind: string | null): string => `Object ${kind ?? 'Nothing'}`;
const indexIn = (names: readonly (string | undefined)[], name: string): string => long(names.indexOf(name));

/** A collection of `count` items whose first is `first`, as a script reads it (Item(0), For Each, Count, ReadOnly). */
function collection(label: string, first: string, count: number, readOnly?: boolean): Record<string, string> {
  const out: Record<string, string> = { [`${label}.Item`]: first, [`${label}._NewEnum`]: `2 ${count}`, [`${label}.Count`]: long(count) };
  if (readOnly !== undefined) out[`${label}.ReadOnly`] = bool(readOnly);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one scenario update, as its schema (README) defines it
function updateProperties(label: string, u: any, eulaAccepted = !u.eulaText): Record<string, string> {
  const state = u.state ?? {};
  const installed = Boolean(state.isInstalled);
  const out: Record<string, string> = {
    Title: text(u.title), AutoSelectOnWebSites: bool(u.autoSelectOnWebSites ?? true), BundledUpdates: object('IUpdateCollection'),
    CanRequireSource: bool(u.canRequireSource), Categories: object('ICategoryCollection'), Deadline: u.deadline ? date(u.deadline) : empty,
    DeltaCompressedContentAvailable: bool(u.deltaCompressedContentAvailable),
    DeltaCompressedContentPreferred: bool(u.deltaCompressedContentPreferred ?? true), Description: text(u.description),
    EulaAccepted: bool(eulaAccepted), EulaText: text(u.eulaText), HandlerID: text(u.handlerId), Identity: object('IUpdateIdentity'),
    Image: object(u.image ? 'IImageInformation' : null), InstallationBehavior: object('IInstallationBehavior'), IsBeta: bool(u.isBeta),
    IsDownloaded: bool(state.isDownloaded ?? installed), IsHidden: bool(state.isHidden), IsInstalled: bool(installed),
    IsMandatory: bool(u.isMandatory), IsUninstallable: bool(u.isUninstallable), Languages: object('IStringCollection'),
    LastDeploymentChangeTime: date(u.lastDeploymentChangeTime), MaxDownloadSize: decimal(u.maxDownloadSize),
    MinDownloadSize: decimal(u.minDownloadSize ?? u.maxDownloadSize), MoreInfoUrls: object('IStringCollection'),
    MsrcSeverity: text(u.msrcSeverity), RecommendedCpuSpeed: long(u.recommendedCpuSpeed),
    RecommendedHardDiskSpace: long(u.recommendedHardDiskSpace), RecommendedMemory: long(u.recommendedMemory),
    ReleaseNotes: text(u.releaseNotes), SecurityBulletinIDs: object('IStringCollection'), SupersededUpdateIDs: object('IStringCollection'),
    SupportUrl: text(u.supportUrl), Type: indexIn(UPDATE_TYPES, u.type ?? 'software'), UninstallationNotes: text(u.uninstallationNotes),
    UninstallationBehavior: object(u.uninstallationBehavior || u.isUninstallable ? 'IInstallationBehavior' : null),
    UninstallationSteps: object('IStringCollection'), KBArticleIDs: object('IStringCollection'),
    DeploymentAction: indexIn(DEPLOYMENT_ACTIONS, u.deploymentAction ?? 'installation'),
    DownloadPriority: indexIn(DOWNLOAD_PRIORITIES, u.downloadPriority ?? 'normal'), DownloadContents: object('IUpdateDownloadContentCollection'),
    RebootRequired: bool(state.rebootRequired), IsPresent: bool(state.isPresent ?? installed), CveIDs: object('IStringCollection'),
    BrowseOnly: bool(u.browseOnly), PerUser: bool(u.perUser), AutoSelection: indexIn(AUTO_SELECTION_MODES, u.autoSelection ?? 'letWindowsUpdateDecide'),
    AutoDownload: indexIn(AUTO_DOWNLOAD_MODES, u.autoDownload ?? 'letWindowsUpdateDecide'),
  };
  if (u.type === 'driver') {
    Object.assign(out, driverEntryProperties(u.driver), { WindowsDriverUpdateEntries: object('IWindowsDriverUpdateEntryCollection') });
  }
  return Object.fromEntries(Object.entries(out).map(([name, value]) => [`${label}.${name}`, value]));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scenario driver entry
function driverEntryProperties(d: any): Record<string, string> {
  return {
    DriverClass: text(d.class), DriverHardwareID: text(d.hardwareId), DriverManufacturer: text(d.manufacturer), DriverModel: text(d.model),
    DriverProvider: text(d.provider), DriverVerDate: date(d.verDate), DeviceProblemNumber: long(d.deviceProblemNumber),
    DeviceStatus: long(d.deviceStatus),
  };
}

const prefixed = (label: string, values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`${label}.${name}`, value]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scenario category
function categoryProperties(label: string, c: any, parent: string | null): Record<string, string> {
  return prefixed(label, {
    Name: text(c.name), CategoryID: text(c.id), Children: object('ICategoryCollection'), Description: text(c.description),
    Image: object(null), Order: long(c.order), Parent: object(parent), Type: text(c.type), Updates: object('IUpdateCollection'),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scenario installation behaviour
function behaviorProperties(label: string, b: any): Record<string, string> {
  return prefixed(label, {
    CanRequestUserInput: bool(b.canRequestUserInput), Impact: indexIn(INSTALLATION_IMPACTS, b.impact ?? 'normal'),
    RebootBehavior: indexIn(REBOOT_BEHAVIORS, b.rebootBehavior ?? 'neverReboots'), RequiresNetworkConnectivity: bool(b.requiresNetworkConnectivity),
  });
}

/** What the scenario and the script's own steps make every property read. */
function expectedReads(): Record<string, string> {
  const [update, bundle, bundled, driver] = SCENARIO.updates;
  const [windows, windows10] = SCENARIO.categories;
  const [entry] = SCENARIO.agent.history;
  const [service] = SCENARIO.agent.services;
  const [warning] = SCENARIO.search.warnings;
  const au = SCENARIO.agent.automaticUpdates;
  const succeeded = long(OPERATION_RESULT_CODES.indexOf('succeeded'));
  const pending = SCENARIO.updates.filter((u: { state?: { isInstalled?: boolean } }) => !u.state?.isInstalled).length - 1; // the bundled one is offered through its bundle
  return {
    ...prefixed('session', { ClientApplicationID: text('property reader'), ReadOnly: bool(false), WebProxy: object(null), UserLocale: '19 1033' }),
    ...prefixed('searcher', {
      CanAutomaticallyUpgradeService: bool(false), ClientApplicationID: text('property reader'), IncludePotentiallySupersededUpdates: bool(false),
      ServerSelection: indexIn(SERVER_SELECTIONS, 'default'), Online: bool(false), ServiceID: text(''), IgnoreDownloadPriority: bool(false),
      SearchScope: long(0),
    }),
    // A warning makes the search succeed with errors.
    ...prefixed('searchResult', {
      ResultCode: indexIn(OPERATION_RESULT_CODES, 'succeededWithErrors'), RootCategories: object('ICategoryCollection'),
      Updates: object('IUpdateCollection'), Warnings: object('IUpdateExceptionCollection'),
    }),
    ...collection('searchResult.Updates', object('IUpdate5'), pending, true),
    ...collection('searchResult.Warnings', object('IUpdateException'), 1),
    ...prefixed('warning', { Message: text(warning.message), HResult: long(Number(warning.hresult) | 0), Context: indexIn(EXCEPTION_CONTEXTS, warning.context) }),
    ...collection('searchResult.RootCategories', object('ICategory'), SCENARIO.categories.filter((c: { parent?: string }) => !c.parent).length),
    // Read before AcceptEula.
    ...updateProperties('update', update, false),
    ...prefixed('update.Identity', { RevisionNumber: long(update.revision), UpdateID: text(update.id) }),
    ...prefixed('update.Image', { AltText: text(update.image.altText), Height: long(update.image.height), Source: text(update.image.source), Width: long(update.image.width) }),
    ...behaviorProperties('update.InstallationBehavior', update.installationBehavior),
    ...behaviorProperties('update.UninstallationBehavior', update.uninstallationBehavior),
    ...collection('update.KBArticleIDs', text(update.kbArticleIds[0]), update.kbArticleIds.length, true),
    ...collection('update.CveIDs', text(update.cveIds[0]), update.cveIds.length, true),
    ...collection('update.Categories', object('ICategory'), update.categories.length),
    ...collection('update.DownloadContents', object('IUpdateDownloadContent2'), update.downloadContents.length),
    ...prefixed('downloadContent', { DownloadUrl: text(update.downloadContents[0].url), IsDeltaCompressedContent: bool(update.downloadContents[0].isDeltaCompressedContent) }),
    ...updateProperties('bundle', bundle),
    ...collection('bundle.BundledUpdates', object('IUpdate5'), bundle.bundledUpdates.length, true),
    ...updateProperties('bundled', bundled),
    ...categoryProperties('category', windows10, 'ICategory'),
    ...categoryProperties('category.Parent', windows, null),
    ...collection('category.Children', object('ICategory'), 1),
    ...collection('category.Updates', object('IUpdate5'), 1, true),
    ...updateProperties('driver', driver),
    ...collection('driver.WindowsDriverUpdateEntries', object('IWindowsDriverUpdateEntry'), driver.driver.entries.length),
    ...prefixed('driverEntry', driverEntryProperties(driver.driver.entries[1])),
    ...collection('history', object('IUpdateHistoryEntry2'), 1),
    ...prefixed('historyEntry', {
      Operation: indexIn(UPDATE_OPERATIONS, entry.operation), ResultCode: indexIn(OPERATION_RESULT_CODES, entry.resultCode),
      HResult: long(Number(entry.hresult) | 0), Date: date(entry.date), UpdateIdentity: object('IUpdateIdentity'), Title: text(entry.title),
      Description: text(entry.description), UnmappedResultCode: long(Number(entry.unmappedResultCode) | 0),
      ClientApplicationID: text(entry.clientApplicationId), ServerSelection: indexIn(SERVER_SELECTIONS, entry.serverSelection),
      ServiceID: text(entry.serviceId), UninstallationSteps: object('IStringCollection'), UninstallationNotes: text(entry.uninstallationNotes),
      SupportUrl: text(entry.supportUrl), Categories: object('ICategoryCollection'),
    }),
    ...prefixed('historyEntry.UpdateIdentity', { RevisionNumber: long(entry.revision), UpdateID: text(entry.updateId) }),
    ...prefixed('searchJob', { AsyncState: text('search state'), IsCompleted: bool(true) }),
    ...prefixed('downloader', { ClientApplicationID: text('property reader'), IsForced: bool(false), Priority: indexIn(DOWNLOAD_PRIORITIES, 'high'), Updates: object('IUpdateCollection') }),
    ...prefixed('downloadJob', { AsyncState: text('download state'), IsCompleted: bool(true), Updates: object('IUpdateCollection') }),
    // The update was downloaded already (state.isDownloaded); its bytes count as downloaded, in the last phase.
    ...prefixed('downloadProgress', {
      CurrentUpdateBytesDownloaded: decimal(update.maxDownloadSize), CurrentUpdateBytesToDownload: decimal(update.maxDownloadSize),
      CurrentUpdateIndex: long(0), PercentComplete: long(100), TotalBytesDownloaded: decimal(update.maxDownloadSize),
      TotalBytesToDownload: decimal(update.maxDownloadSize), CurrentUpdateDownloadPhase: long(3), CurrentUpdatePercentComplete: long(100),
    }),
    ...prefixed('downloadResult', { HResult: long(0), ResultCode: succeeded }),
    ...prefixed('updateDownloadResult', { HResult: long(0), ResultCode: succeeded }),
    ...prefixed('installer', {
      ClientApplicationID: text('property reader'), IsForced: bool(false), ParentWindow: object(null), Updates: object('IUpdateCollection'),
      IsBusy: bool(false), AllowSourcePrompts: bool(true), RebootRequiredBeforeInstallation: bool(SCENARIO.agent.rebootRequired),
      ForceQuiet: bool(true), AttemptCloseAppsIfNecessary: bool(false),
    }),
    ...prefixed('installationJob', { AsyncState: text('install state'), IsCompleted: bool(true), Updates: object('IUpdateCollection') }),
    ...prefixed('installationProgress', { CurrentUpdateIndex: long(0), CurrentUpdatePercentComplete: long(100), PercentComplete: long(100) }),
    // alwaysRequiresReboot
    ...prefixed('installationResult', { HResult: long(0), RebootRequired: bool(true), ResultCode: succeeded }),
    ...prefixed('updateInstallationResult', { HResult: long(0), RebootRequired: bool(true), ResultCode: succeeded }),
    ...prefixed('serviceManager', { Services: object('IUpdateServiceCollection'), ClientApplicationID: text('property reader') }),
    ...collection('services', object('IUpdateService2'), 1),
    ...prefixed('service', {
      Name: text(service.name), ContentValidationCert: empty, ExpirationDate: date(service.expirationDate), IsManaged: bool(false),
      IsRegisteredWithAU: bool(service.isRegisteredWithAu), IssueDate: date(service.issueDate), OffersWindowsUpdates: bool(service.offersWindowsUpdates),
      RedirectUrls: object('IStringCollection'), ServiceID: text(service.id), IsScanPackageService: bool(false),
      CanRegisterWithAU: bool(service.canRegisterWithAu), ServiceUrl: text(service.serviceUrl), SetupPrefix: text(service.setupPrefix),
      IsDefaultAUService: bool(service.isDefaultAuService),
    }),
    ...prefixed('serviceRegistration', { RegistrationState: long(3), ServiceID: text(service.id), IsPendingRegistrationWithAU: bool(false), Service: object('IUpdateService2') }),
    ...prefixed('automaticUpdates', { Settings: object('IAutomaticUpdatesSettings3'), ServiceEnabled: bool(au.serviceEnabled), Results: object('IAutomaticUpdatesResults') }),
    ...prefixed('automaticUpdates.Settings', {
      NotificationLevel: long(au.notificationLevel), ReadOnly: bool(false), Required: bool(au.required),
      ScheduledInstallationDay: long(au.scheduledInstallationDay), ScheduledInstallationTime: long(au.scheduledInstallationTime),
      IncludeRecommendedUpdates: bool(true), NonAdministratorsElevated: bool(true), FeaturedUpdatesEnabled: bool(false),
    }),
    ...prefixed('automaticUpdates.Results', { LastSearchSuccessDate: date(au.lastSearchSuccessDate), LastInstallationSuccessDate: date(au.lastInstallationSuccessDate) }),
    ...prefixed('systemInformation', { OemHardwareSupportLink: text(SCENARIO.agent.oemHardwareSupportLink), RebootRequired: bool(SCENARIO.agent.rebootRequired) }),
    ...prefixed('webProxy', {
      Address: text('proxy.example.com:8080'), BypassList: object('IStringCollection'), BypassProxyOnLocal: bool(false), ReadOnly: bool(false),
      UserName: text('EXAMPLE\\updater'), AutoDetect: bool(false),
    }),
    ...collection('webProxy.BypassList', text('*.example.com'), 1, false),
  };
}

describe('the type library', () => {
  // Registered over Wine's (33 interfaces) for script hosts and tools that look the library up.
  it('is registered as WUApiLib 2.0, the .tlb beside the simulator', () => {
    const key = 'HKLM\\Software\\Classes\\TypeLib\\{B596CC9F-56E5-419E-A622-E01BB457431E}\\2.0\\0\\win64';
    const query = spawnSync('reg', ['query', key], { encoding: 'utf8' });
    expect(query.stdout).toMatch(/wua-simulator\.tlb/i);
  });

  it('describes the SDK\'s 78 interfaces, each with its bases\' properties', () => {
    expect(Object.keys(library)).toHaveLength(78);
    expect(library.IUpdateSession3?.map((p) => p.name)).toEqual(['ClientApplicationID', 'ReadOnly', 'WebProxy', 'UserLocale']);
  });
});

describe('a VBScript client reading every property', () => {
  it('runs to its end', () => {
    expect(end, output).toBeDefined();
    expect(unknown).toEqual([]);
  });

  // The agent's objects answer IDispatch through their newest interface.
  it('reaches every object through its newest interface', () => {
    expect(new Set(objects.values())).toEqual(new Set([
      'IUpdateSession3', 'IUpdateSearcher3', 'ISearchResult', 'IUpdateCollection', 'IUpdateExceptionCollection', 'IUpdateException',
      'ICategoryCollection', 'IUpdate5', 'IUpdateIdentity', 'IImageInformation', 'IInstallationBehavior', 'IStringCollection',
      'IUpdateDownloadContentCollection', 'IUpdateDownloadContent2', 'ICategory', 'IWindowsDriverUpdate5', 'IWindowsDriverUpdateEntryCollection',
      'IWindowsDriverUpdateEntry', 'IUpdateHistoryEntryCollection', 'IUpdateHistoryEntry2', 'ISearchJob', 'IUpdateDownloader', 'IDownloadJob',
      'IDownloadProgress', 'IDownloadResult', 'IUpdateDownloadResult', 'IUpdateInstaller4', 'IInstallationJob', 'IInstallationProgress',
      'IInstallationResult', 'IUpdateInstallationResult', 'IUpdateServiceManager2', 'IUpdateServiceCollection', 'IUpdateService2',
      'IUpdateServiceRegistration', 'IAutomaticUpdates2', 'IAutomaticUpdatesSettings3', 'IAutomaticUpdatesResults', 'ISystemInformation',
      'IWindowsUpdateAgentInfo', 'IWebProxy',
    ]));
  });

  it('reads every property the type library lists for each object, and none fails', () => {
    const listed = [...objects].flatMap(([label, kind]) => (library[kind] ?? []).map((p) => `${label}.${p.name}`));
    expect(failures).toEqual([]);
    expect([...reads.keys()].sort()).toEqual(listed.sort());
    expect(end).toBe(listed.length);
    // Each property of each interface once, over the interfaces the agent handed out.
    const kinds = new Set(objects.values());
    const distinct = new Set([...objects].flatMap(([label, kind]) => (library[kind] ?? []).filter((p) => reads.has(`${label}.${p.name}`)).map((p) => `${kind}.${p.name}`)));
    console.log(`${distinct.size} properties of ${kinds.size} interfaces read by a script (${end} reads over ${objects.size} objects)`);
    expect(distinct.size).toBe([...kinds].reduce((sum, kind) => sum + (library[kind]?.length ?? 0), 0));
  });

  // Only a driver update answers IWindowsDriverUpdate (QueryInterface), so its type information is
  // the only one with the driver fields.
  it('fails to read a driver field of a software update, with "no such property"', () => {
    expect(softwareDriverClass).toBe('1B6'); // 438
  });

  it('reads the values the scenario gives', () => {
    const actual = Object.fromEntries([...reads].map(([key, read]) => [key, `${read.type} ${read.value}`]));
    expect(actual).toEqual(expectedReads());
  });
});
