// The fake agent's side of the wire format (src/wire/README.md): records into chunks, driven by
// the generated field table (WIRE_FIELDS, from src/wire/fields.h), so that a new field is still
// one line in one table plus the fake's value for it.
import { WIRE_FIELDS } from '../records/fields.generated.js';

export type RecordName = keyof typeof WIRE_FIELDS;
/** A record as the fake holds it: each field of the table by name, enums as the agent's numbers, dates as OLE DATEs. */
export type WireValues = Readonly<Record<string, unknown>>;

const RECORD_NAMES = Object.keys(WIRE_FIELDS) as RecordName[];

/** A chunk's table entries (src/wire/README.md). */
export interface WireTablesOut {
  texts: string[];
  textLists: number[][];
  shared: unknown[][][];
  sharedLists: number[][][];
}

/** Where a field of a record sits in its tuple. */
export function fieldIndex(name: RecordName, field: string): number {
  const index = (WIRE_FIELDS[name] as readonly (readonly [string, string, string])[]).findIndex(([f]) => f === field);
  if (index < 0) throw new Error(`no field ${name}.${field} in the wire table`);
  return index;
}
const RECORD_NUMBER = new Map(RECORD_NAMES.map((name, index) => [name, index]));
// Shared records that are one when their key is equal (WUA_SHARED_KEYS in fields.h).
const SHARED_KEYS: Partial<Record<RecordName, string>> = { Category: 'categoryId' };

/** One search's (or history page's) tables, which grow with every chunk, and the chunk being written. */
export class ChunkWriter {
  readonly #texts = new Map<string, number>();
  readonly #textLists = new Map<string, number>();
  readonly #shared = RECORD_NAMES.map(() => new Map<string, number>());
  readonly #sharedLists = RECORD_NAMES.map(() => new Map<string, number>());
  #newTexts: string[] = [];
  #newTextLists: number[][] = [];
  #newShared: unknown[][][] = RECORD_NAMES.map(() => []);
  #newSharedLists: number[][][] = RECORD_NAMES.map(() => []);

  constructor() {
    this.#text('');
  }

  #text(value: string): number {
    let index = this.#texts.get(value);
    if (index === undefined) {
      index = this.#texts.size;
      this.#texts.set(value, index);
      this.#newTexts.push(value);
    }
    return index;
  }

  #textList(values: readonly string[]): number {
    const indexes = values.map((value) => this.#text(value));
    const key = indexes.join(',');
    let index = this.#textLists.get(key);
    if (index === undefined) {
      index = this.#textLists.size;
      this.#textLists.set(key, index);
      this.#newTextLists.push(indexes);
    }
    return index;
  }

  #sharedRecord(name: RecordName, values: WireValues): number {
    const number = RECORD_NUMBER.get(name)!;
    const keyField = SHARED_KEYS[name];
    const tuple = this.tuple(name, values);
    const key = keyField ? String(values[keyField]) : JSON.stringify(tuple);
    let index = this.#shared[number]!.get(key);
    if (index === undefined) {
      index = this.#shared[number]!.size;
      this.#shared[number]!.set(key, index);
      this.#newShared[number]!.push(tuple);
    }
    return index;
  }

  #sharedRecordList(name: RecordName, list: readonly WireValues[]): number {
    const number = RECORD_NUMBER.get(name)!;
    const indexes = list.map((values) => this.#sharedRecord(name, values));
    const key = indexes.join(',');
    let index = this.#sharedLists[number]!.get(key);
    if (index === undefined) {
      index = this.#sharedLists[number]!.size;
      this.#sharedLists[number]!.set(key, index);
      this.#newSharedLists[number]!.push(indexes);
    }
    return index;
  }

  /** A record as a tuple: its fields' values in the table's order, by kind (src/wire/README.md). */
  tuple(name: RecordName, values: WireValues): unknown[] {
    return (WIRE_FIELDS[name] as readonly (readonly [string, string, string])[]).map(([field, kind, of]) => {
      const value = values[field];
      switch (kind) {
        case 'Text': return value ?? '';
        case 'OptionalText': return value ?? null;
        case 'Enum': case 'Integer': case 'Number': return value ?? 0;
        case 'Bool': return value === true;
        case 'Date': return value ?? null;
        case 'Record': return this.tuple(of as RecordName, value as WireValues);
        case 'OptionalRecord': return value == null ? null : this.tuple(of as RecordName, value as WireValues);
        case 'TextList': return (value as string[] | undefined)?.length ? value : null;
        case 'RecordList': return (value as WireValues[] | undefined)?.length
          ? (value as WireValues[]).map((inner) => this.tuple(of as RecordName, inner)) : null;
        case 'SharedText': return this.#text((value as string | undefined) ?? '');
        case 'OptionalSharedText': return value ? this.#text(value as string) : null;
        case 'SharedTextList': return (value as string[] | undefined)?.length ? this.#textList(value as string[]) : null;
        case 'SharedRecord': return this.#sharedRecord(of as RecordName, value as WireValues);
        case 'OptionalSharedRecord': return value == null ? null : this.#sharedRecord(of as RecordName, value as WireValues);
        case 'SharedRecordList': return (value as WireValues[] | undefined)?.length
          ? this.#sharedRecordList(of as RecordName, value as WireValues[]) : null;
        default: throw new Error(`the fake agent cannot write a field of kind ${kind} (${name}.${field})`);
      }
    });
  }

  /** The tables' entries added since the last chunk (or drain), which the next chunk must carry. */
  drainTables(): WireTablesOut {
    const out = { texts: this.#newTexts, textLists: this.#newTextLists, shared: this.#newShared, sharedLists: this.#newSharedLists };
    this.#newTexts = [];
    this.#newTextLists = [];
    this.#newShared = RECORD_NAMES.map(() => []);
    this.#newSharedLists = RECORD_NAMES.map(() => []);
    return out;
  }

  /** The tables' entries added since the last chunk, and the chunk's own fields. */
  chunk(fields: Record<string, unknown>): string {
    return JSON.stringify({ ...fields, ...this.drainTables() });
  }

  /** A chunk of records of one kind. */
  records(name: RecordName, list: readonly WireValues[]): string {
    const records = list.map((values) => this.tuple(name, values));
    return this.chunk({ records });
  }
}
