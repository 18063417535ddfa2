// The fake agent's catalog: a checked scenario's updates, categories and behaviours with their
// defaults (test/sim/README.md, "Scenario schema"), and each record as the wire carries it. The
// one place the fake produces records, so that projection or streaming has one place to change.
import {
  AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, INSTALLATION_IMPACTS,
  OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, SERVER_SELECTIONS, UPDATE_OPERATIONS, UPDATE_TYPES,
} from '../enums.js';
import type { Scenario } from './scenario.generated.js';
import { hresultOf, oleDateOf } from './scenario.js';
import { WIRE_FIELDS } from '../records/fields.generated.js';
import { ChunkWriter, fieldIndex, type WireTablesOut, type WireValues } from './wire.js';

type ScenarioUpdate = NonNullable<Scenario['updates']>[number];
type ScenarioBehavior = NonNullable<ScenarioUpdate['download']> & { jobHresult?: number | string };
type ScenarioInstallationBehavior = NonNullable<ScenarioUpdate['installationBehavior']>;
type ScenarioHistoryEntry = NonNullable<NonNullable<Scenario['agent']>['history']>[number];

/** The agent's number for a name of one of lib/enums.ts' tables. */
export function enumNumber(table: readonly (string | undefined)[], name: string): number {
  const index = table.indexOf(name);
  if (index < 0) throw new Error(`no agent value for '${name}'`);
  return index;
}

/** How an operation behaves for an update (test/sim/README.md, "Behaviours"), defaults applied. */
export interface Behavior {
  durationMs: number;
  progressSteps: number;
  resultCode: number;
  hresult: number;
  failCall: boolean;
  hangUntilAbort: boolean;
  wedged: boolean;
  disconnectAtPercent: number;
  rebootRequired: boolean | undefined;
  jobHresult: number | undefined;
}

export function behaviorOf(raw: ScenarioBehavior | undefined, warnings = false): Behavior {
  const hresult = hresultOf(raw?.hresult);
  const failCall = raw?.failCall ?? false;
  let resultCode = enumNumber(OPERATION_RESULT_CODES, 'succeeded');
  if (raw?.resultCode !== undefined) resultCode = enumNumber(OPERATION_RESULT_CODES, raw.resultCode);
  else if (hresult < 0 && !failCall) resultCode = enumNumber(OPERATION_RESULT_CODES, 'failed');
  else if (warnings) resultCode = enumNumber(OPERATION_RESULT_CODES, 'succeededWithErrors');
  return {
    durationMs: raw?.durationMs ?? 0,
    progressSteps: raw?.progressSteps ?? 4,
    resultCode,
    hresult,
    failCall,
    hangUntilAbort: raw?.hangUntilAbort ?? false,
    wedged: raw?.wedged ?? false,
    disconnectAtPercent: raw?.disconnectAtPercent ?? -1,
    rebootRequired: raw?.rebootRequired,
    jobHresult: raw?.jobHresult === undefined ? undefined : hresultOf(raw.jobHresult),
  };
}

export interface InstallationBehavior {
  canRequestUserInput: boolean;
  impact: number;
  rebootBehavior: number;
  requiresNetworkConnectivity: boolean;
}

function installationBehaviorOf(raw: ScenarioInstallationBehavior | undefined): InstallationBehavior {
  return {
    canRequestUserInput: raw?.canRequestUserInput ?? false,
    impact: enumNumber(INSTALLATION_IMPACTS, raw?.impact ?? 'normal'),
    rebootBehavior: enumNumber(REBOOT_BEHAVIORS, raw?.rebootBehavior ?? 'neverReboots'),
    requiresNetworkConnectivity: raw?.requiresNetworkConnectivity ?? false,
  };
}

const EXCLUSIVE = enumNumber(INSTALLATION_IMPACTS, 'requiresExclusiveHandling');
const MINOR = enumNumber(INSTALLATION_IMPACTS, 'minor');
// The strongest reboot behaviour first (rule 2 of test/sim/README.md).
const REBOOT_STRENGTH = ['alwaysRequiresReboot', 'canRequestReboot', 'neverReboots'].map((name) => enumNumber(REBOOT_BEHAVIORS, name));

/** A bundle's behaviour, from its children's (rule 2: WSUS SDK, "Relationships Among Updates"). */
function combine(children: readonly InstallationBehavior[]): InstallationBehavior {
  return {
    canRequestUserInput: children.some((b) => b.canRequestUserInput),
    impact: children.some((b) => b.impact === EXCLUSIVE) ? EXCLUSIVE
      : children.length && children.every((b) => b.impact === MINOR) ? MINOR : enumNumber(INSTALLATION_IMPACTS, 'normal'),
    rebootBehavior: REBOOT_STRENGTH.find((strength) => children.some((b) => b.rebootBehavior === strength)) ?? REBOOT_STRENGTH[2]!,
    requiresNetworkConnectivity: children.some((b) => b.requiresNetworkConnectivity),
  };
}

/** An update's state on the machine (IUpdate's flags that operations change). */
export interface UpdateState {
  isInstalled: boolean;
  isDownloaded: boolean;
  isPresent: boolean;
  isHidden: boolean;
  eulaAccepted: boolean;
  rebootRequired: boolean;
}

export interface CatalogUpdate {
  readonly updateId: string;
  readonly revisionNumber: number;
  readonly title: string;
  readonly raw: ScenarioUpdate;
  readonly isBundle: boolean;
  readonly bundled: readonly CatalogUpdate[];
  installationBehavior: InstallationBehavior;
  uninstallationBehavior: InstallationBehavior | null;
  readonly categoryIds: readonly string[];
  readonly supersededUpdateIds: readonly string[];
  readonly maxDownloadSize: number;
  readonly isUninstallable: boolean;
  readonly isMandatory: boolean;
  readonly hasDeadline: boolean;
  readonly initial: UpdateState;
  /** Getter faults (updates[].faults): member name to HRESULT. */
  readonly faults: ReadonlyMap<string, number>;
  readonly behaviors: { download?: Behavior; install?: Behavior; uninstall?: Behavior };
}

export interface CatalogCategory {
  readonly values: WireValues;
  readonly isRoot: boolean;
}

export interface HistoryRecord {
  operation: number;
  resultCode: number;
  hresult: number;
  unmappedResultCode: number;
  date: number;
  updateId: string;
  revisionNumber: number;
  title: string;
  description: string;
  clientApplicationId: string;
  serverSelection: number;
  serviceId: string;
  supportUrl: string;
  uninstallationNotes: string;
  uninstallationSteps: readonly string[];
  categoryIds: readonly string[];
}

const lower = (id: string): string => id.toLowerCase();

/** The scenario's catalog, indexed, with every default applied once. */
export class Catalog {
  readonly updates: CatalogUpdate[];
  readonly byId = new Map<string, CatalogUpdate>();
  readonly categories = new Map<string, CatalogCategory>();
  readonly bundledIds = new Set<string>();

  constructor(readonly scenario: Scenario) {
    for (const category of scenario.categories ?? []) {
      this.categories.set(lower(category.id), {
        values: {
          categoryId: lower(category.id),
          name: category.name,
          type: category.type,
          description: category.description ?? '',
          order: category.order ?? 0,
          parentId: category.parent === undefined ? null : lower(category.parent),
        },
        isRoot: category.parent === undefined,
      });
    }
    const raws = scenario.updates ?? [];
    for (const raw of raws) for (const child of raw.bundledUpdates ?? []) this.bundledIds.add(lower(child));
    const rawById = new Map(raws.map((raw) => [lower(raw.id), raw]));
    // Children first, so that a bundle finds them.
    const build = (raw: ScenarioUpdate): CatalogUpdate => {
      const known = this.byId.get(lower(raw.id));
      if (known) return known;
      const bundled = (raw.bundledUpdates ?? []).map((id) => build(rawById.get(lower(id))!));
      const isUninstallable = raw.isUninstallable ?? false;
      const own = installationBehaviorOf(raw.installationBehavior);
      const isInstalled = raw.state?.isInstalled ?? false;
      const update: CatalogUpdate = {
        updateId: lower(raw.id),
        revisionNumber: raw.revision ?? 1,
        title: raw.title,
        raw,
        isBundle: bundled.length > 0,
        bundled,
        installationBehavior: bundled.length ? combine(bundled.map((b) => b.installationBehavior)) : own,
        uninstallationBehavior: bundled.length
          ? (bundled.some((b) => b.uninstallationBehavior) ? combine(bundled.flatMap((b) => b.uninstallationBehavior ?? [])) : null)
          : raw.uninstallationBehavior ? installationBehaviorOf(raw.uninstallationBehavior) : isUninstallable ? { ...own } : null,
        categoryIds: (raw.categories ?? []).map(lower),
        supersededUpdateIds: (raw.supersededUpdateIds ?? []).map(lower),
        maxDownloadSize: raw.maxDownloadSize ?? 0,
        isUninstallable,
        isMandatory: raw.isMandatory ?? false,
        hasDeadline: raw.deadline !== undefined,
        initial: {
          isInstalled,
          isDownloaded: raw.state?.isDownloaded ?? isInstalled,
          isPresent: raw.state?.isPresent ?? isInstalled,
          isHidden: raw.state?.isHidden ?? false,
          eulaAccepted: raw.state?.eulaAccepted ?? !raw.eulaText,
          rebootRequired: raw.state?.rebootRequired ?? false,
        },
        faults: new Map(Object.entries(raw.faults ?? {}).map(([member, hr]) => [member, hresultOf(hr)])),
        behaviors: {
          ...(raw.download ? { download: behaviorOf(raw.download) } : {}),
          ...(raw.install ? { install: behaviorOf(raw.install) } : {}),
          ...(raw.uninstall ? { uninstall: behaviorOf(raw.uninstall) } : {}),
        },
      };
      this.byId.set(update.updateId, update);
      return update;
    };
    this.updates = raws.map(build);
  }

  #wire: CatalogWire | undefined;

  /** The updates' tuples, encoded once from updateValues() on first use. */
  get wire(): CatalogWire {
    this.#wire ??= new CatalogWire(this);
    return this.#wire;
  }

  /** The installable units of an update: itself, or a bundle's children (rule 3). */
  unitsOf(update: CatalogUpdate): readonly CatalogUpdate[] {
    return update.isBundle ? update.bundled : [update];
  }

  /** Root categories, in the scenario's order (ISearchResult::RootCategories). */
  rootCategories(): WireValues[] {
    return [...this.categories.values()].filter((c) => c.isRoot).map((c) => c.values);
  }

  categoryValues(ids: readonly string[]): WireValues[] {
    return ids.flatMap((id): WireValues[] => { const c = this.categories.get(id); return c ? [c.values] : []; });
  }

  /** An update as the wire carries it (the Update record of src/wire/fields.h), its state read now. */
  updateValues(update: CatalogUpdate, stateOf: (update: CatalogUpdate) => UpdateState): WireValues {
    const raw = update.raw;
    const state = stateOf(update);
    const driver = raw.type === 'driver' ? driverValues(raw.driver) : null;
    return {
      identity: { updateId: update.updateId, revisionNumber: update.revisionNumber },
      title: raw.title,
      description: raw.description ?? '',
      type: enumNumber(UPDATE_TYPES, raw.type ?? 'software'),
      kbArticleIds: raw.kbArticleIds,
      securityBulletinIds: raw.securityBulletinIds,
      cveIds: raw.cveIds,
      categories: this.categoryValues(update.categoryIds),
      msrcSeverity: raw.msrcSeverity ?? '',
      deploymentAction: enumNumber(DEPLOYMENT_ACTIONS, raw.deploymentAction ?? 'installation'),
      downloadPriority: enumNumber(DOWNLOAD_PRIORITIES, raw.downloadPriority ?? 'normal'),
      autoSelectOnWebSites: raw.autoSelectOnWebSites ?? true,
      autoSelection: enumNumber(AUTO_SELECTION_MODES, raw.autoSelection ?? 'letWindowsUpdateDecide'),
      autoDownload: enumNumber(AUTO_DOWNLOAD_MODES, raw.autoDownload ?? 'letWindowsUpdateDecide'),
      browseOnly: raw.browseOnly ?? false,
      canRequireSource: raw.canRequireSource ?? false,
      isBeta: raw.isBeta ?? false,
      isDownloaded: state.isDownloaded,
      isHidden: state.isHidden,
      isInstalled: state.isInstalled,
      isMandatory: update.isMandatory,
      isPresent: state.isPresent,
      isUninstallable: update.isUninstallable,
      rebootRequired: state.rebootRequired,
      perUser: raw.perUser ?? false,
      eulaAccepted: state.eulaAccepted,
      eulaText: raw.eulaText ?? '',
      deltaCompressedContentAvailable: raw.deltaCompressedContentAvailable ?? false,
      deltaCompressedContentPreferred: raw.deltaCompressedContentPreferred ?? true,
      handlerId: raw.handlerId ?? '',
      languages: raw.languages,
      moreInfoUrls: raw.moreInfoUrls,
      supportUrl: raw.supportUrl ?? '',
      releaseNotes: raw.releaseNotes ?? '',
      supersededUpdateIds: update.supersededUpdateIds,
      uninstallationNotes: raw.uninstallationNotes ?? '',
      uninstallationSteps: raw.uninstallationSteps,
      maxDownloadSize: update.maxDownloadSize,
      minDownloadSize: raw.minDownloadSize ?? update.maxDownloadSize,
      recommendedCpuSpeed: raw.recommendedCpuSpeed ?? 0,
      recommendedHardDiskSpace: raw.recommendedHardDiskSpace ?? 0,
      recommendedMemory: raw.recommendedMemory ?? 0,
      deadline: oleDateOf(raw.deadline),
      lastDeploymentChangeTime: oleDateOf(raw.lastDeploymentChangeTime),
      installationBehavior: update.installationBehavior,
      uninstallationBehavior: update.uninstallationBehavior,
      image: raw.image ? { altText: raw.image.altText ?? '', height: raw.image.height ?? 0, source: raw.image.source ?? '', width: raw.image.width ?? 0 } : null,
      downloadContents: (raw.downloadContents ?? []).map((c) => ({ downloadUrl: c.url, isDeltaCompressedBinary: c.isDeltaCompressedContent ?? false })),
      bundledUpdates: update.bundled.map((child) => this.updateValues(child, stateOf)),
      driver,
    };
  }

  historyRecord(entry: ScenarioHistoryEntry): HistoryRecord {
    const hresult = hresultOf(entry.hresult);
    return {
      operation: enumNumber(UPDATE_OPERATIONS, entry.operation),
      resultCode: enumNumber(OPERATION_RESULT_CODES, entry.resultCode ?? 'succeeded'),
      hresult,
      unmappedResultCode: entry.unmappedResultCode === undefined ? hresult : hresultOf(entry.unmappedResultCode),
      date: oleDateOf(entry.date) ?? 0,
      updateId: lower(entry.updateId),
      revisionNumber: entry.revision ?? 1,
      title: entry.title,
      description: entry.description ?? '',
      clientApplicationId: entry.clientApplicationId ?? '',
      serverSelection: enumNumber(SERVER_SELECTIONS, entry.serverSelection ?? 'default'),
      serviceId: entry.serviceId ?? '',
      supportUrl: entry.supportUrl ?? '',
      uninstallationNotes: entry.uninstallationNotes ?? '',
      uninstallationSteps: entry.uninstallationSteps ?? [],
      categoryIds: (entry.categories ?? []).map(lower),
    };
  }

  /** A history entry as the wire carries it (the HistoryEntry record). */
  historyValues(entry: HistoryRecord): WireValues {
    return {
      ...entry,
      // Entries' HRESULTs cross unsigned, as the addon reads them.
      hresult: entry.hresult >>> 0,
      unmappedResultCode: entry.unmappedResultCode >>> 0,
      date: entry.date === 0 ? null : entry.date,
      identity: { updateId: entry.updateId, revisionNumber: entry.revisionNumber },
      categories: this.categoryValues(entry.categoryIds),
    };
  }
}

type ScenarioDriver = NonNullable<ScenarioUpdate['driver']>;
type ScenarioDriverEntry = NonNullable<ScenarioDriver['entries']>[number];

function driverEntryValues(raw: ScenarioDriverEntry | undefined): WireValues {
  return {
    driverClass: raw?.class ?? '',
    hardwareId: raw?.hardwareId ?? '',
    manufacturer: raw?.manufacturer ?? '',
    model: raw?.model ?? '',
    provider: raw?.provider ?? '',
    verDate: oleDateOf(raw?.verDate),
    deviceProblemNumber: raw?.deviceProblemNumber ?? 0,
    deviceStatus: raw?.deviceStatus ?? 0,
  };
}

/** A driver update's driver fields; without `entries`, its one entry is the top-level fields. */
function driverValues(raw: ScenarioDriver | undefined): WireValues {
  const main = driverEntryValues(raw);
  return { ...main, entries: raw?.entries ? raw.entries.map(driverEntryValues) : [main] };
}

// The fields of an Update that operations change: a search patches them into the tuple.
const STATE_FIELDS = (['isDownloaded', 'isHidden', 'isInstalled', 'isPresent', 'rebootRequired', 'eulaAccepted'] as const)
  .map((field) => [field, fieldIndex('Update', field)] as const);
const BUNDLED_UPDATES = fieldIndex('Update', 'bundledUpdates');
// Fields whose arrays a record takes as they are (TextList): each search gets arrays of its own,
// so that a caller who changes a record's list changes no later search's.
const OWN_ARRAYS = WIRE_FIELDS.Update.flatMap(([, kind], index) => (kind === 'TextList' ? [index] : []));

function ownArrays(tuple: unknown[]): unknown[] {
  let out = tuple;
  for (const index of OWN_ARRAYS) {
    if (Array.isArray(tuple[index])) {
      if (out === tuple) out = tuple.slice();
      out[index] = (tuple[index] as unknown[]).slice();
    }
  }
  return out;
}

/**
 * Every update of the catalog as a tuple of the wire format, encoded once against catalog-wide
 * tables: a search sends the tables with its first chunk and each update's tuple with its state
 * now, so that searching a large catalog encodes no record again (the fake's speed target: 10,000
 * updates in under 200 ms). The values come from Catalog.updateValues(), the one place records are made.
 */
export class CatalogWire {
  /** The tables every tuple names, for a search's first chunk. */
  readonly tables: WireTablesOut;
  readonly #templates = new Map<string, unknown[]>();

  constructor(catalog: Catalog) {
    const writer = new ChunkWriter();
    for (const update of catalog.updates) {
      this.#templates.set(update.updateId, writer.tuple('Update', catalog.updateValues(update, (u) => u.initial)));
    }
    this.tables = writer.drainTables();
  }

  /** An update's tuple with its state (and its bundled updates' state) now. */
  tuple(update: CatalogUpdate, stateOf: (update: CatalogUpdate) => UpdateState): unknown[] {
    const template = this.#templates.get(update.updateId)!;
    if (!update.isBundle) return withState(template, stateOf(update));
    const tuple = ownArrays(template.slice());
    for (const [field, index] of STATE_FIELDS) tuple[index] = stateOf(update)[field];
    const children = template[BUNDLED_UPDATES] as unknown[][];
    tuple[BUNDLED_UPDATES] = update.bundled.map((child, i) => withState(children[i]!, stateOf(child)));
    return tuple;
  }
}

/** The template itself while the state is the one it was encoded with (the decoder only reads tuples), else a copy with the state now. */
function withState(template: unknown[], state: UpdateState): unknown[] {
  if (STATE_FIELDS.every(([field, index]) => template[index] === state[field])) return ownArrays(template);
  const tuple = ownArrays(template.slice());
  for (const [field, index] of STATE_FIELDS) tuple[index] = state[field];
  return tuple;
}
