// What the decoder (fields.generated.ts) builds records with: the wire's chunk, and the values
// whose form differs on the wire. The format: src/wire/README.md.

/** A record on the wire: its fields' values in the table's order (src/wire/fields.h). */
export type Tuple = readonly unknown[];

/**
 * A chunk of records, and what it adds to the search's tables: texts, lists of texts (indexes
 * into the texts), and for each record of the table by its number, shared records (tuples) and
 * lists of them (indexes into those).
 */
export interface WireChunk {
  records: Tuple[];
  texts: string[];
  textLists: number[][];
  shared: Tuple[][];
  sharedLists: number[][][];
}

// Every empty list of every record: most updates have no CVEs, bulletins, superseded updates,
// uninstallation steps or bundled updates, and one array per empty field was a tenth of a
// search's heap.
export const NO_ITEMS: readonly never[] = Object.freeze([]);

// OLE Automation dates count days from 1899-12-30; 25569 of them reach 1970-01-01.
const OLE_EPOCH_DAYS = 25569;
const MS_PER_DAY = 86_400_000;

export function dateFromOle(date: number | null): Date | null {
  return date === null ? null : new Date(Math.round((date - OLE_EPOCH_DAYS) * MS_PER_DAY));
}
