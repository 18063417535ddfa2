// Reads the field table (src/wire/fields.h) and writes the JS decoder that follows it
// (lib/records/fields.generated.ts): one builder per record, each one object literal with every
// field already in its final form, so that records keep one shape from the start and the
// engine compiles one fast path per record kind.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const HEADER = path.join('src', 'wire', 'fields.h');
export const OUTPUT = path.join('lib', 'records', 'fields.generated.ts');

/** The macro bodies of `#define NAME(ARG) ...`, continuation lines joined. */
function macros(text) {
  const found = new Map();
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const match of joined.matchAll(/^#define\s+(\w+)\((\w+)\)(.*)$/gm)) found.set(match[1], match[3]);
  return found;
}

function fieldsOf(name, all, seen = new Set()) {
  const body = all.get(name);
  if (body === undefined) throw new Error(`${HEADER}: no field list ${name}`);
  if (seen.has(name)) throw new Error(`${HEADER}: ${name} includes itself`);
  const fields = [];
  for (const item of body.matchAll(/X\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\)|(\w+)\(X\)/g)) {
    if (item[4]) fields.push(...fieldsOf(item[4], all, new Set([...seen, name])));
    else fields.push({ name: item[1], kind: item[2], of: item[3] });
  }
  return fields;
}

/** The records of the table: [{ name, jsType, fields: [{ name, kind, of }] }], in wire order. */
export function readTable(text) {
  const all = macros(text);
  const list = all.get('WUA_WIRE_RECORDS');
  if (list === undefined) throw new Error(`${HEADER}: no WUA_WIRE_RECORDS`);
  return [...list.matchAll(/RECORD\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*\)/g)].map((m) => ({
    name: m[1], jsType: m[3], fields: fieldsOf(m[2], all),
  }));
}

function valueOf(field, i, records, v = `t[${i}]`) {
  const build = () => {
    if (!records.some((r) => r.name === field.of)) throw new Error(`${HEADER}: ${field.name} holds an unknown record ${field.of}`);
    return `build${field.of}`;
  };
  switch (field.kind) {
    case 'Text': return `${v} as string`;
    case 'OptionalText': return `${v} as string | null`;
    case 'SharedText': return `s.texts[${v} as number]!`;
    case 'OptionalSharedText': return `${v} === null ? null : s.texts[${v} as number]!`;
    case 'TextList': return `(${v} as string[] | null) ?? NO_ITEMS`;
    case 'SharedTextList': return `${v} === null ? NO_ITEMS : s.textLists[${v} as number]!`;
    case 'Enum': return `nameOf(${field.of}, ${v} as number)`;
    case 'Integer': case 'Number': return `${v} as number`;
    case 'Bool': return `${v} as boolean`;
    case 'Date': return `dateFromOle(${v} as number | null)`;
    case 'Record': return `${build()}(${v} as Tuple, s)`;
    case 'OptionalRecord': return `${v} === null ? null : ${build()}(${v} as Tuple, s)`;
    case 'RecordList': return `${v} === null ? NO_ITEMS : (${v} as Tuple[]).map((r) => ${build()}(r, s))`;
    case 'SharedRecord': build(); return `s.shared${field.of}[${v} as number]!`;
    case 'OptionalSharedRecord': build(); return `${v} === null ? null : s.shared${field.of}[${v} as number]!`;
    case 'SharedRecordList': build(); return `${v} === null ? NO_ITEMS : s.shared${field.of}Lists[${v} as number]!`;
    default: throw new Error(`${HEADER}: ${field.name} has an unknown kind ${field.kind}`);
  }
}

/** The TypeScript module for the table in `text`. */
export function generateDecoder(text) {
  const records = readTable(text);
  const byName = new Map(records.map((r, id) => [r.name, { ...r, id }]));
  const used = (kinds) => [...new Set(records.flatMap((r) => r.fields.filter((f) => kinds.includes(f.kind)).map((f) => f.of)))]
    .map((name) => byName.get(name));
  const shared = used(['SharedRecord', 'OptionalSharedRecord', 'SharedRecordList']);
  const sharedLists = used(['SharedRecordList']);
  const enums = [...new Set(records.flatMap((r) => r.fields.filter((f) => f.kind === 'Enum').map((f) => f.of)))].sort();
  const types = [...new Set(records.map((r) => r.jsType))].sort();
  const lines = [
    `// Generated from ${HEADER.split(path.sep).join('/')} by \`npm run generate:wire\`: edit the table, not this file.`,
    `import { ${[...enums, 'nameOf'].join(', ')} } from '../enums.js';`,
    `import type { ${types.join(', ')} } from '../types.js';`,
    "import { dateFromOle, NO_ITEMS, type Tuple, type WireChunk } from './values.js';",
    '',
    '/** What a search has sent once so far, as records name it by index. Shared values are frozen. */',
    'export class WireTables {',
    '  readonly texts: string[] = [];',
    '  readonly textLists: (readonly string[])[] = [];',
    ...shared.map((r) => `  readonly shared${r.name}: ${r.jsType}[] = [];`),
    ...sharedLists.map((r) => `  readonly shared${r.name}Lists: (readonly ${r.jsType}[])[] = [];`),
    '',
    '  /** Appends what a chunk adds, in the order its entries name each other. */',
    '  add(chunk: WireChunk): void {',
    '    for (const text of chunk.texts) this.texts.push(text);',
    '    for (const indexes of chunk.textLists) this.textLists.push(Object.freeze(indexes.map((i) => this.texts[i]!)));',
    ...shared.map((r) => `    for (const t of chunk.shared[${r.id}]!) this.shared${r.name}.push(Object.freeze(build${r.name}(t, this)));`),
    ...sharedLists.map((r) => `    for (const indexes of chunk.sharedLists[${r.id}]!) this.shared${r.name}Lists.push(Object.freeze(indexes.map((i) => this.shared${r.name}[i]!)));`),
    '  }',
    '}',
    '',
    `/** The number of records on the wire (the length of a chunk's \`shared\` and \`sharedLists\`). */`,
    `export const WIRE_RECORD_COUNT = ${records.length};`,
    '',
    '/** The table itself, for tests that check the decoder against it. */',
    'export const WIRE_FIELDS = {',
    ...records.map((r) => `  ${r.name}: [${r.fields.map((f) => `['${f.name}', '${f.kind}', '${f.of}']`).join(', ')}],`),
    '} as const;',
  ];
  for (const record of records) {
    lines.push('', `export function build${record.name}(t: Tuple, s: WireTables): ${record.jsType} {`);
    lines.push('  return {');
    record.fields.forEach((field, i) => lines.push(`    ${field.name}: ${valueOf(field, i, records)},`));
    lines.push('  };', '}');
  }
  // A projected search's tuples hold only the fields asked for (lib/records/projection.ts), so
  // those are built one field at a time.
  const update = byName.get('Update');
  lines.push('', "/** Each update field's value as a projected tuple holds it (a search's `fields`), in the table's order. */");
  lines.push(`export const UPDATE_FIELD_VALUES: { readonly [K in keyof ${update.jsType}]-?: (v: unknown, s: WireTables) => ${update.jsType}[K] } = {`);
  update.fields.forEach((field, i) => lines.push(`  ${field.name}: (v, s) => ${valueOf(field, i, records, 'v')},`));
  lines.push('};');
  return `${lines.join('\n')}\n`;
}

export function generateDecoderFrom(root) {
  return generateDecoder(readFileSync(path.join(root, HEADER), 'utf8'));
}
