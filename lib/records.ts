// Turns what the addon sends (JSON text with the agent's numbers and OLE dates) into the facade's
// records, and keeps track of which records JS still holds so that the agent's objects behind
// them can be released when the last one is collected.
import {
  AUTO_DOWNLOAD_MODES, AUTO_SELECTION_MODES, DEPLOYMENT_ACTIONS, DOWNLOAD_PRIORITIES, EXCEPTION_CONTEXTS,
  INSTALLATION_IMPACTS, nameOf, OPERATION_RESULT_CODES, REBOOT_BEHAVIORS, UPDATE_TYPES,
} from './enums.js';
import { describeHresult, InvalidArgumentError } from './errors.js';
import type {
  CategoryRecord, DriverRecord, InstallationBehaviorRecord, SearchResult, UpdateRecord, UpdateReference, UpdateWarning,
} from './types.js';
import { isGuid } from './ids.js';

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
interface NativeSearch {
  resultCode: number;
  rootCategories: SearchResult['rootCategories'];
  warnings: { hresult: number; message: string; context: number; updateId?: string; property?: string }[];
}

type Mutable = Record<string, unknown>;

// Every empty list of every record: most updates have no CVEs, bulletins, superseded updates,
// uninstallation steps or bundled updates, and one array per empty field was a tenth of a
// search's heap.
const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * What a search's updates share, as the addon sends it: each value that repeats (a category, a
 * list of categories, an installation behaviour, a text such as a description or a link, a list
 * of articles, CVEs or languages) comes once, in the chunk where it first appears, and records
 * name it by index. Records that survive on the JS heap are what make its collections pause the
 * event loop; sharing makes fewer of them, and the addon, not the JS thread, finds the repeats.
 * Shared objects and lists are frozen, so that changing one record cannot change another.
 */
export class SearchTables {
  readonly categories: CategoryRecord[] = [];
  readonly categoryLists: (readonly CategoryRecord[])[] = [];
  readonly behaviors: InstallationBehaviorRecord[] = [];
  readonly texts: string[] = [];
  readonly textLists: (readonly string[])[] = [];

  /** Appends what a chunk adds to the tables. */
  add(chunk: NativeChunk): void {
    const buildCategory = buildFor(chunk.fields.category, NO_CONVERSIONS);
    for (const tuple of chunk.categories) this.categories.push(Object.freeze(buildCategory(tuple, {})) as unknown as CategoryRecord);
    for (const indexes of chunk.categoryLists) this.categoryLists.push(Object.freeze(indexes.map((i) => this.categories[i]!)));
    for (const native of chunk.behaviors) {
      this.behaviors.push(Object.freeze({
        canRequestUserInput: native.canRequestUserInput,
        impact: nameOf(INSTALLATION_IMPACTS, native.impact),
        rebootBehavior: nameOf(REBOOT_BEHAVIORS, native.rebootBehavior),
        requiresNetworkConnectivity: native.requiresNetworkConnectivity,
      }));
    }
    for (const text of chunk.texts) this.texts.push(text);
    for (const indexes of chunk.textLists) this.textLists.push(Object.freeze(indexes.map((i) => this.texts[i]!)));
  }
}

// Drivers are few: their dates are set on the parsed objects.
function driver(native: NativeDriver): DriverRecord {
  const record = native as unknown as Mutable;
  record.verDate = dateFromOle(native.verDate);
  for (const entry of native.entries) (entry as unknown as Mutable).verDate = dateFromOle(entry.verDate);
  return record as unknown as DriverRecord;
}

function warning(native: NativeSearch['warnings'][number]): UpdateWarning {
  return {
    hresult: native.hresult >>> 0,
    code: describeHresult(native.hresult).name,
    message: native.message,
    context: nameOf(EXCEPTION_CONTEXTS, native.context),
    ...(native.updateId ? { updateId: native.updateId } : {}),
    ...(native.property ? { property: native.property } : {}),
  };
}

// A chunk of a search's updates as the addon sends it (records_json.h): records as tuples of
// values, with the names of their fields, and what the chunk adds to the search's tables.
interface NativeChunk {
  fields: {
    update: string[];
    /** The fields sent as an index into the search's texts, or into its lists of texts (null: none or empty). */
    updateTextIndexes: string[];
    updateTextListIndexes: string[];
    category: string[];
  };
  updates: unknown[][];
  categories: unknown[][];
  categoryLists: number[][];
  behaviors: NativeBehavior[];
  texts: string[];
  textLists: number[][];
}

// How the fields of an update that the addon does not send in their final form become so.
type Converters = Record<string, (value: never) => unknown>;

function convertersFor(tables: SearchTables, fields: NativeChunk['fields'],
  buildUpdate: (tuple: unknown[]) => UpdateRecord): Converters {
  const { texts, textLists, behaviors, categoryLists } = tables;
  const text = (index: number | null) => (index === null ? null : texts[index]);
  const textList = (index: number | null) => (index === null ? NO_ITEMS : textLists[index]);
  const list = (items: unknown[] | null) => items ?? NO_ITEMS;  // the addon sends empty lists as null
  return {
    type: (value: number) => nameOf(UPDATE_TYPES, value),
    deploymentAction: (value: number) => nameOf(DEPLOYMENT_ACTIONS, value),
    downloadPriority: (value: number) => nameOf(DOWNLOAD_PRIORITIES, value),
    autoSelection: (value: number) => nameOf(AUTO_SELECTION_MODES, value),
    autoDownload: (value: number) => nameOf(AUTO_DOWNLOAD_MODES, value),
    deadline: dateFromOle,
    lastDeploymentChangeTime: dateFromOle,
    installationBehavior: (index: number) => behaviors[index],
    uninstallationBehavior: (index: number | null) => (index === null ? null : behaviors[index]),
    categories: (index: number) => categoryLists[index],
    supersededUpdateIds: list,
    downloadContents: list,
    bundledUpdates: (tuples: unknown[][] | null) => (tuples === null ? NO_ITEMS : tuples.map(buildUpdate)),
    driver: (value: NativeDriver | null) => value && driver(value),
    ...Object.fromEntries(fields.updateTextIndexes.map((field) => [field, text])),
    ...Object.fromEntries(fields.updateTextListIndexes.map((field) => [field, textList])),
  };
}

type Build = (tuple: unknown[], converters: Converters) => Mutable;

// A record is built from its tuple by one object literal, every field already in its final
// form: objects then keep one shape from the start (no field changes representation later,
// which V8 pays for with a copy of every record), and it is several times faster than setting
// sixty keys in a loop. The literal is compiled once per list of names; where code generation
// is disallowed (a strict Content Security Policy), the loop.
const builds = new Map<string, Build>();

function buildFor(names: string[], converted: ReadonlySet<string>): Build {
  const key = `${names.join(',')}:${[...converted].join(',')}`;
  let build = builds.get(key);
  if (!build) {
    try {
      if (!names.every((name) => /^[A-Za-z_$][\w$]*$/.test(name))) throw new Error('unexpected field name');
      const fields = names.map((name, i) => (converted.has(name) ? `${name}: c.${name}(t[${i}])` : `${name}: t[${i}]`));
      build = new Function('t', 'c', `return { ${fields.join(', ')} };`) as Build;
    } catch {
      build = (tuple, converters) => {
        const record: Mutable = {};
        for (let i = 0; i < names.length; i++) {
          const name = names[i]!;
          record[name] = converted.has(name) ? converters[name]!(tuple[i] as never) : tuple[i];
        }
        return record;
      };
    }
    builds.set(key, build);
  }
  return build;
}

const NO_CONVERSIONS: ReadonlySet<string> = new Set();

/** Adds a chunk of a search's updates to `into`, and what it shares to `tables`. */
export function addUpdatesFromJson(json: string, into: UpdateRecord[], tables = new SearchTables()): void {
  const chunk = JSON.parse(json) as NativeChunk;
  tables.add(chunk);
  const converters: Converters = convertersFor(tables, chunk.fields,
    (tuple) => buildUpdate(tuple, converters) as unknown as UpdateRecord);
  const buildUpdate = buildFor(chunk.fields.update, new Set(Object.keys(converters)));
  for (const tuple of chunk.updates) into.push(buildUpdate(tuple, converters) as unknown as UpdateRecord);
}

/**
 * Takes a search's chunks as the addon delivers them and converts one per turn of the event
 * loop: the addon may deliver several at once when JS falls behind, and converting them all in
 * one go would hold the loop for that long.
 */
export class UpdateStream {
  readonly updates: UpdateRecord[] = [];
  readonly #tables = new SearchTables();
  readonly #pending: string[] = [];
  readonly #onRecords: (records: UpdateRecord[], from: number) => void;
  #scheduled = false;
  #drained: (() => void) | undefined;

  /** `onRecords` learns of each chunk's records, from index `from` of `records`. */
  constructor(onRecords: (records: UpdateRecord[], from: number) => void) {
    this.#onRecords = onRecords;
  }

  push(json: string): void {
    this.#pending.push(json);
    this.#schedule();
  }

  /** All updates, once every chunk received so far is converted. */
  async finish(): Promise<UpdateRecord[]> {
    if (this.#pending.length) await new Promise<void>((resolve) => { this.#drained = resolve; });
    return this.updates;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#convertOne());
  }

  #convertOne(): void {
    this.#scheduled = false;
    const json = this.#pending.shift();
    if (json !== undefined) {
      const first = this.updates.length;
      addUpdatesFromJson(json, this.updates, this.#tables);
      this.#onRecords(this.updates, first);
    }
    if (this.#pending.length) this.#schedule();
    else this.#drained?.();
  }
}

/** The search result: the addon's closing JSON, and the updates that came before it. */
export function searchResultFromJson(json: string, updates: UpdateRecord[]): SearchResult {
  const native = JSON.parse(json) as NativeSearch;
  return {
    resultCode: nameOf(OPERATION_RESULT_CODES, native.resultCode),
    updates,
    rootCategories: native.rootCategories,
    warnings: native.warnings.map(warning),
  };
}

/**
 * The update IDs of what a caller passes to download, install or uninstall: records from a
 * search, the same records after a JSON round trip, or bare update IDs.
 */
export function updateIdsOf(updates: unknown, argument = 'updates'): string[] {
  const list = isIterable(updates) && typeof updates !== 'string' ? [...updates] : [updates];
  const ids = list.map((reference: unknown, index) => {
    const id = typeof reference === 'string'
      ? reference
      : (reference as { identity?: { updateId?: unknown } } | null)?.identity?.updateId;
    if (!isGuid(id)) {
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
 * Tells the session which records JS let go of, so that the agent's object behind an update can
 * be released once no record of it is left (the addon counts them: see update_cache.h).
 */
export class RecordTracker {
  readonly #registry: FinalizationRegistry<string>;
  #collected: string[] = [];
  #closed = false;

  constructor(forget: (updateIds: string[]) => void) {
    this.#registry = new FinalizationRegistry((updateId) => {
      if (this.#closed) return;
      // Records are collected by the thousand: one call to the addon for all of them.
      if (this.#collected.push(updateId) > 1) return;
      queueMicrotask(() => {
        const updateIds = this.#collected;
        this.#collected = [];
        if (!this.#closed) forget(updateIds);
      });
    });
  }

  /** Tracks `records` from index `from` on. */
  track(records: readonly UpdateRecord[], from = 0): void {
    if (this.#closed) return;
    for (let i = from; i < records.length; i++) {
      const record = records[i]!;
      this.#registry.register(record, record.identity.updateId);
    }
  }

  /** The session released everything at once: records collected later have nothing to release. */
  close(): void {
    this.#closed = true;
    this.#collected = [];
  }
}
