// A whole record for people (`wua show`): every field the wire table (src/wire/fields.h) gives the
// record, under the name it has in the JSON, so that a field added to the table shows up here
// too; nested records and lists indented under their field, long text wrapped to the width.
import wrapAnsi from 'wrap-ansi';

import { WIRE_FIELDS } from '../records/fields.generated.js';
import { formatBytes } from './output.js';

type RecordName = keyof typeof WIRE_FIELDS;
type Field = (typeof WIRE_FIELDS)[RecordName][number];

/** The narrowest a value column gets before the text is allowed to run past the width. */
const MIN_VALUE_WIDTH = 20;
const INDENT = '  ';

/** Fields whose numbers have a unit: sizes in bytes get human units too, with the bytes kept. */
const UNITS: Record<string, 'bytes' | 'MB' | 'MHz'> = {
  maxDownloadSize: 'bytes', minDownloadSize: 'bytes',
  recommendedHardDiskSpace: 'MB', recommendedMemory: 'MB', recommendedCpuSpeed: 'MHz',
};

function numberText(name: string, value: number): string {
  const unit = UNITS[name];
  if (unit === 'bytes') return value > 0 ? `${formatBytes(value)} (${value} bytes)` : `${value} bytes`;
  return unit && value > 0 ? `${value} ${unit}` : String(value);
}

/** A scalar as text: null and empty text are '-', dates ISO 8601 (UTC), booleans yes/no. */
function scalarText(field: Field, value: unknown): string {
  const [name, kind] = field;
  if (value === null || value === undefined || value === '') return '-';
  if (kind === 'Bool') return value ? 'yes' : 'no';
  if (kind === 'Date') return value instanceof Date ? value.toISOString() : String(value);
  if (kind === 'Integer' || kind === 'Number') return numberText(name, value as number);
  return String(value);
}

/** `text` in lines of at most `width` columns (whole lines when width is undefined), paragraphs kept. */
function wrap(text: string, width: number | undefined): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) =>
    width === undefined || paragraph === '' ? [paragraph] : wrapAnsi(paragraph, width, { hard: false, trim: true }).split('\n'));
}

function isRecordKind(kind: string): boolean {
  return kind.endsWith('Record') || kind.endsWith('RecordList');
}

/**
 * The lines of one record: each field's name, padded to a column, and its value, at `indent`.
 * `width` is the line width to fit (undefined: no limit).
 */
export function recordLines(recordName: RecordName, record: object, width: number | undefined, indent = ''): string[] {
  const fields = WIRE_FIELDS[recordName] as readonly Field[];
  const labelWidth = Math.max(...fields.map(([name]) => name.length)) + 2;
  const valueIndent = indent + ' '.repeat(labelWidth);
  const valueWidth = width === undefined ? undefined : Math.max(MIN_VALUE_WIDTH, width - valueIndent.length);
  const lines: string[] = [];
  const values = record as Record<string, unknown>;
  for (const field of fields) {
    const [name, kind, of] = field;
    const value = values[name];
    const label = indent + name.padEnd(labelWidth);
    if (isRecordKind(kind)) {
      const items = kind.endsWith('List') ? (value as readonly object[] | null) ?? [] : value ? [value as object] : [];
      if (!items.length) {
        lines.push(`${label}-`);
        continue;
      }
      lines.push(kind.endsWith('List') ? `${indent}${name} (${items.length})` : `${indent}${name}`);
      if (!kind.endsWith('List')) {
        lines.push(...recordLines(of as RecordName, items[0]!, width, indent + INDENT));
        continue;
      }
      for (const item of items) {
        // A list's items are told apart by a dash before each one's first line.
        const nested = recordLines(of as RecordName, item, width, indent + INDENT + INDENT);
        nested[0] = `${indent}${INDENT}- ${nested[0]!.slice(indent.length + INDENT.length * 2)}`;
        lines.push(...nested);
      }
      continue;
    }
    const texts = kind.endsWith('List')
      ? ((value as readonly string[] | null) ?? []).map((item) => (name === 'kbArticleIds' ? `KB${item}` : item))
      : [scalarText(field, value)];
    const valueLines = texts.length ? texts.flatMap((text) => wrap(text, valueWidth)) : ['-'];
    lines.push(`${label}${valueLines[0]}`.trimEnd(), ...valueLines.slice(1).map((line) => `${valueIndent}${line}`.trimEnd()));
  }
  return lines;
}
