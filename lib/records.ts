// Turns what the addon sends (JSON text with the agent's numbers and OLE dates) into the facade's
// records, and keeps track of which records JS still holds so that the agent's objects behind
// them can be released when the last one is collected.
import {
  AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, EXCEPTION_CONTEXTS,
  INSTALLATION_IMPACTS, nameOf, OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, UPDATE_TYPES,
} from './enums.js';
import { describeHresult, InvalidArgumentError } from './errors.js';
import type {
  DriverRecord, InstallationBehaviorRecord, SearchResult, UpdateRecord, UpdateReference, UpdateWarning,
} from './types.js';

// OLE Automation dates count days from 1899-12-30; 25569 of them reach 1970-01-01.
const OLE_EPOCH_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

export function dateFromOle(date: number | null): Date | null {
  return date === null ? null : new Date(Math.round((date - OLE_EPOCH_DAYS) * MS_PER_DAY));
}

type Native<T, Numeric extends keyof T, Dates extends keyof T = never> =
  Omit<T, Numeric | Dates> & { [K in Numeric]: number } & { [K in Dates]: number | null };

type NativeBehavior = Native<InstallationBehaviorRecord, 'impact' | 'rebootBehavior'>;
type NativeDriver = Omit<DriverRecord, 'verDate' | 'entries'> & {
  verDate: number | null;
  entries: (Omit<DriverRecord, 'verDate' | 'entries'> & { verDate: number | null })[];
};
type NativeUpdate = Omit<Native<UpdateRecord, 'type' | 'deploymentAction' | 'downloadPriority' | 'autoSelection'
  | 'autoDownload', 'deadline' | 'lastDeploymentChangeTime'>,
  'installationBehavior' | 'uninstallationBehavior' | 'bundledUpdates' | 'driver'> & {
  installationBehavior: NativeBehavior;
  uninstallationBehavior: NativeBehavior | null;
  bundledUpdates: NativeUpdate[];
  driver: NativeDriver | null;
};
interface NativeSearch {
  resultCode: number;
  updates: NativeUpdate[];
  rootCategories: SearchResult['rootCategories'];
  warnings: { hresult: number; message: string; context: number }[];
}

function behavior(native: NativeBehavior): InstallationBehaviorRecord {
  return {
    canRequestUserInput: native.canRequestUserInput,
    impact: nameOf(INSTALLATION_IMPACTS, native.impact),
    rebootBehavior: nameOf(REBOOT_BEHAVIORS, native.rebootBehavior),
    requiresNetworkConnectivity: native.requiresNetworkConnectivity,
  };
}

function driver(native: NativeDriver): DriverRecord {
  return {
    ...native,
    verDate: dateFromOle(native.verDate),
    entries: native.entries.map((entry) => ({ ...entry, verDate: dateFromOle(entry.verDate) })),
  };
}

function update(native: NativeUpdate): UpdateRecord {
  return {
    ...native,
    type: nameOf(UPDATE_TYPES, native.type),
    deploymentAction: nameOf(DEPLOYMENT_ACTIONS, native.deploymentAction),
    downloadPriority: nameOf(DOWNLOAD_PRIORITIES, native.downloadPriority),
    autoSelection: nameOf(AUTO_SELECTION_MODES, native.autoSelection),
    autoDownload: nameOf(AUTO_DOWNLOAD_MODES, native.autoDownload),
    deadline: dateFromOle(native.deadline),
    lastDeploymentChangeTime: dateFromOle(native.lastDeploymentChangeTime),
    installationBehavior: behavior(native.installationBehavior),
    uninstallationBehavior: native.uninstallationBehavior && behavior(native.uninstallationBehavior),
    bundledUpdates: native.bundledUpdates.map(update),
    driver: native.driver && driver(native.driver),
  };
}

function warning(native: NativeSearch['warnings'][number]): UpdateWarning {
  return {
    hresult: native.hresult >>> 0,
    code: describeHresult(native.hresult).name,
    message: native.message,
    context: nameOf(EXCEPTION_CONTEXTS, native.context),
  };
}

export function searchResultFromJson(json: string): SearchResult {
  const native = JSON.parse(json) as NativeSearch;
  return {
    resultCode: nameOf(OPERATION_RESULT_CODES, native.resultCode),
    updates: native.updates.map(update),
    rootCategories: native.rootCategories,
    warnings: native.warnings.map(warning),
  };
}

const UPDATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The update IDs of what a caller passes to download, install or uninstall: records from a
 * search, the same records after a JSON round trip, or bare update IDs.
 */
export function updateIdsOf(updates: unknown, argument = 'updates'): string[] {
  const list = isIterable(updates) && typeof updates !== 'string' ? [...updates] : [updates];
  if (list.length === 0) throw new InvalidArgumentError(argument, 'is empty: give at least one update');
  const ids = list.map((reference: unknown, index) => {
    const id = typeof reference === 'string'
      ? reference
      : (reference as { identity?: { updateId?: unknown } } | null)?.identity?.updateId;
    if (typeof id !== 'string' || !UPDATE_ID.test(id)) {
      throw new InvalidArgumentError(`${argument}[${index}]`,
        'must be an update record, an object with identity.updateId, or an update ID (a GUID)');
    }
    return id.toLowerCase();
  });
  return [...new Set(ids)];
}

function isIterable(value: unknown): value is Iterable<UpdateReference> {
  return value !== null && typeof value === 'object' && Symbol.iterator in value;
}

/**
 * Counts the records JS holds per update; when the last one of an update is collected, the
 * session lets go of the agent's object behind it.
 */
export class RecordTracker {
  readonly #held = new Map<string, number>();
  readonly #registry: FinalizationRegistry<string>;
  #closed = false;

  constructor(forget: (updateIds: string[]) => void) {
    this.#registry = new FinalizationRegistry((updateId) => {
      if (this.#closed) return;
      const left = (this.#held.get(updateId) ?? 1) - 1;
      if (left > 0) {
        this.#held.set(updateId, left);
        return;
      }
      this.#held.delete(updateId);
      forget([updateId]);
    });
  }

  track(records: readonly UpdateRecord[]): void {
    if (this.#closed) return;
    for (const record of records) {
      const id = record.identity.updateId.toLowerCase();
      this.#held.set(id, (this.#held.get(id) ?? 0) + 1);
      this.#registry.register(record, id);
    }
  }

  /** How many updates JS still holds records of. */
  get size(): number {
    return this.#held.size;
  }

  /** The session released everything at once: records collected later have nothing to release. */
  close(): void {
    this.#closed = true;
    this.#held.clear();
  }
}
