// A search's chunks and closing result, as the addon sends them (src/wire/README.md), into the
// facade's records.
import { EXCEPTION_CONTEXTS, nameOf, OPERATION_RESULT_CODES } from '../enums.js';
import { describeHresult } from '../errors.js';
import type { HistoryEntry, HistoryEntryFields, SearchResult, UpdateField, UpdateRecord, UpdateWarning } from '../types.js';
import { buildCategory, buildHistoryEntry, buildUpdate, UPDATE_FIELD_VALUES, WireTables } from './fields.generated.js';
import type { Tuple, WireChunk } from './values.js';

export { WireTables };

interface NativeWarning {
  hresult: number;
  message: string;
  context: number;
  updateId?: string;
  property?: string;
}

/** The closing result: a chunk without records, with the search's own fields. */
interface NativeSearch extends WireChunk {
  resultCode: number;
  rootCategories: Tuple[];
  warnings: NativeWarning[];
}

function warning(native: NativeWarning): UpdateWarning {
  return {
    hresult: native.hresult >>> 0,
    code: describeHresult(native.hresult).name,
    message: native.message,
    context: nameOf(EXCEPTION_CONTEXTS, native.context),
    ...(native.updateId ? { updateId: native.updateId } : {}),
    ...(native.property ? { property: native.property } : {}),
  };
}

/**
 * Adds a chunk's updates to `into`, and what it shares to `tables`, which later chunks name. A
 * chunk is JSON text, or (from the fake agent of lib/testing/, which runs in this process) the
 * value that text would parse to. With a projection (the fields a search asked for, in the
 * table's order), tuples hold only those.
 */
export function addUpdatesFromJson(json: string | WireChunk, into: UpdateRecord[], tables: WireTables,
  projection?: readonly UpdateField[]): void {
  const chunk = typeof json === 'string' ? JSON.parse(json) as WireChunk : json;
  tables.add(chunk);
  if (!projection) {
    for (const tuple of chunk.records) into.push(buildUpdate(tuple, tables));
    return;
  }
  const values = projection.map((name) => UPDATE_FIELD_VALUES[name] as (v: unknown, s: WireTables) => unknown);
  for (const tuple of chunk.records) {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < projection.length; i++) record[projection[i]!] = values[i]!(tuple[i], tables);
    // Typed by the caller's projection (ProjectedUpdate): only its fields are there.
    into.push(record as unknown as UpdateRecord);
  }
}

/** The search result: the addon's closing JSON, and the updates that came before it. */
export function searchResultFromJson(json: string, updates: UpdateRecord[]): SearchResult {
  const native = JSON.parse(json) as NativeSearch;
  const tables = new WireTables();
  tables.add(native);
  return {
    resultCode: nameOf(OPERATION_RESULT_CODES, native.resultCode),
    updates,
    rootCategories: native.rootCategories.map((tuple) => buildCategory(tuple, tables)),
    warnings: native.warnings.map(warning),
  };
}

/** A page of the history's own result, after its entries (src/wire/README.md). */
export interface NativeHistoryPage {
  /** The agent's total, read with the page. */
  total: number;
  /** The entries the addon sent. */
  count: number;
  /** The read was stopped before its end. */
  aborted: boolean;
}

// The agent's DATE 0, 1899-12-30, which the wire sends as null: every entry has a date.
const OLE_ZERO = Date.UTC(1899, 11, 30);

function historyEntry(fields: HistoryEntryFields): HistoryEntry {
  return { ...fields, date: fields.date ?? new Date(OLE_ZERO), code: describeHresult(fields.hresult).name };
}

/** Adds a chunk's history entries to `into`, with the HRESULT's name, and what it shares to `tables`. */
export function addHistoryEntriesFromJson(json: string, into: HistoryEntry[], tables: WireTables): void {
  const chunk = JSON.parse(json) as WireChunk;
  tables.add(chunk);
  for (const tuple of chunk.records) into.push(historyEntry(buildHistoryEntry(tuple, tables)));
}
