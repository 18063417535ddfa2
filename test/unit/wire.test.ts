// The codec, in plain Node: golden chunks written by the addon's own writer (test/wire/golden.cc)
// decoded by the facade's decoder, against the same records decoded the slow, obvious way from
// plain keyed JSON; and the decoder against the field table it is generated from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

import * as enums from '../../lib/enums.js';
import { describeHresult } from '../../lib/errors.js';
import { addHistoryEntriesFromJson, type NativeHistoryPage, searchResultFromJson, WireTables } from '../../lib/records/decode.js';
import { WIRE_FIELDS } from '../../lib/records/fields.generated.js';
import { UpdateStream } from '../../lib/records/stream.js';
import type { HistoryEntry, UpdateRecord } from '../../lib/types.js';

const root = path.resolve(__dirname, '..', '..');
const golden = path.join(root, 'test', 'wire', 'golden');
// The writer writes Latin-1 bytes, as the addon hands them to the engine.
const read = (name: string): string => readFileSync(path.join(golden, name), 'latin1');
const numbered = (prefix: string): string[] => readdirSync(golden).filter((name) => new RegExp(`^${prefix}-\\d+\\.json$`).test(name))
  .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
const chunkFiles = numbered('chunk');
const historyFiles = numbered('history');

type Field = readonly [string, string, string];
type Keyed = Record<string, unknown>;

// The reference: what each kind of field means, written out plainly from the table.
function reference(recordName: keyof typeof WIRE_FIELDS, keyed: Keyed): Keyed {
  const out: Keyed = {};
  for (const [name, kind, of] of WIRE_FIELDS[recordName] as readonly Field[]) {
    const value = keyed[name];
    const nested = of as keyof typeof WIRE_FIELDS;
    switch (kind) {
      case 'OptionalSharedText': out[name] = value === null || value === '' ? null : value; break;
      case 'Enum': out[name] = enums.nameOf((enums as unknown as Record<string, readonly (string | undefined)[]>)[of]!, value as number); break;
      case 'Date': out[name] = value === null ? null : new Date(Date.UTC(1899, 11, 30) + (value as number) * 86_400_000); break;
      case 'Record': case 'SharedRecord': out[name] = reference(nested, value as Keyed); break;
      case 'OptionalRecord': case 'OptionalSharedRecord': out[name] = value === null ? null : reference(nested, value as Keyed); break;
      case 'RecordList': case 'SharedRecordList': out[name] = (value as Keyed[]).map((item) => reference(nested, item)); break;
      default: out[name] = value;
    }
  }
  return out;
}

async function decodeGolden(): Promise<UpdateRecord[]> {
  const stream = new UpdateStream(() => {});
  for (const file of chunkFiles) stream.push(read(file));
  return stream.finish();
}

const expected = JSON.parse(read('expected.json')) as { updates: Keyed[]; rootCategories: Keyed[] };

describe('the wire codec', () => {
  it('decodes every field of every record as the table says, across chunks', async () => {
    expect(chunkFiles.length).toBeGreaterThan(2);
    const updates = await decodeGolden();
    expect(updates).toEqual(expected.updates.map((update) => reference('Update', update)));
    // Every record has exactly the table's fields, in its order.
    for (const update of updates) expect(Object.keys(update)).toEqual(WIRE_FIELDS.Update.map(([name]) => name));
  });

  it('keeps every kind of character, Latin-1 or not', async () => {
    const [first] = await decodeGolden();
    expect(first!.title).toBe('Quote " backslash \\ slash / tab \t newline \n return \r bell \u0007 nul \u0000'
      + ' caf\u00e9 \u00ff \u20ac \u4e2d \u{1F600} end');
    expect(first!.releaseNotes).toBe('Plain Latin-1: \u00e0 la carte, \u00bd');
  });

  it('gives absent and present optional fields their values, and empty optional texts null', async () => {
    const updates = await decodeGolden();
    expect(updates.map((u) => u.msrcSeverity)).toEqual([null, 'Critical', null, null, 'Critical', null, null]);
    expect(updates.map((u) => u.eulaText)).toEqual([null, null, null, null, null, 'License terms\r\n\tof "Update 5"', null]);
    expect(updates.map((u) => u.deadline?.toISOString() ?? null)).toEqual(
      ['2026-12-01T12:00:00.000Z', null, '2026-12-01T12:00:00.000Z', null, '2026-12-01T12:00:00.000Z', null, '2026-12-01T12:00:00.000Z']);
    expect(updates[2]!.image).toEqual({ altText: 'logo', height: 32, source: 'https://example.test/logo.png', width: 48 });
    expect(updates[0]!.image).toBeNull();
    expect(updates[0]!.uninstallationBehavior).toBeNull();
    expect(updates[1]!.uninstallationBehavior).toEqual({
      canRequestUserInput: false, impact: 'normal', rebootBehavior: 'alwaysRequiresReboot', requiresNetworkConnectivity: false,
    });
    expect(updates[3]!.downloadContents).toEqual([]);
    expect(updates[0]!.driver).toBeNull();
    expect(updates[3]!.driver).toMatchObject({ driverClass: 'Display', verDate: new Date('2023-03-15T00:00:00.000Z') });
    expect(updates[3]!.driver!.entries.map((entry) => entry.verDate)).toEqual([new Date('2023-03-15T00:00:00.000Z'), null]);
    expect(updates[0]!.maxDownloadSize).toBe(5_368_709_120);
    expect(updates[1]!.recommendedCpuSpeed).toBe(-1);
    expect(updates[4]!.bundledUpdates.map((u) => u.identity.updateId)).toEqual(['00000000-0000-4000-8000-0000000000bb']);
  });

  it('shares what repeats, across chunks, frozen, and sends each shared value once', async () => {
    const updates = await decodeGolden();
    // Chunks hold two updates each: 0 and 5 are in different chunks.
    expect(updates[5]!.languages).toBe(updates[1]!.languages);
    expect(updates[6]!.languages).toBe(updates[0]!.languages);
    expect(updates[6]!.categories).toBe(updates[0]!.categories);
    expect(updates[5]!.categories[0]).toBe(updates[0]!.categories[0]);
    expect(updates[5]!.installationBehavior).toBe(updates[1]!.installationBehavior);
    expect(updates[4]!.bundledUpdates[0]!.languages).toBe(updates[0]!.languages);
    expect(Object.isFrozen(updates[0]!.languages)).toBe(true);
    expect(Object.isFrozen(updates[0]!.categories[0])).toBe(true);
    expect(Object.isFrozen(updates[0]!.installationBehavior)).toBe(true);
    // Every empty list is the one frozen empty list.
    expect(updates[1]!.cveIds).toBe(updates[2]!.securityBulletinIds);
    expect(Object.isFrozen(updates[1]!.cveIds)).toBe(true);
    const sent = chunkFiles.flatMap((file) => (JSON.parse(read(file)) as { texts: string[] }).texts);
    expect(sent.filter((text) => text === 'Fixes things')).toHaveLength(1);
    expect(sent.filter((text) => text === '')).toHaveLength(1);
  });

  it('decodes the search result: its root categories and warnings', () => {
    const result = searchResultFromJson(read('result.json'), []);
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.rootCategories).toEqual(expected.rootCategories.map((category) => reference('Category', category)));
    expect(result.warnings).toEqual([
      { hresult: 0x80244010, code: 'WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS', message: 'Zeitlimit \u00fcberschritten \u2013 retry', context: 'general' },
      {
        hresult: 0x80240fff, code: 'WU_E_UNEXPECTED', message: 'update 00000000-0000-4000-8000-0000000000cc was left out',
        context: 'general', updateId: '00000000-0000-4000-8000-0000000000cc', property: 'IUpdate::Title',
      },
    ]);
  });

  it('is generated from the field table as it is now (npm run generate:wire)', async () => {
    const generator = await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'wire-fields.mjs')).href) as {
      generateDecoderFrom: (root: string) => string; OUTPUT: string;
    };
    expect(readFileSync(path.join(root, generator.OUTPUT), 'utf8').replace(/\r\n/g, '\n')).toBe(generator.generateDecoderFrom(root));
  });

  it('decodes a page of the history, sharing what repeats, with the HRESULT\'s name derived', () => {
    expect(historyFiles.length).toBeGreaterThan(2);
    const entries: HistoryEntry[] = [];
    const tables = new WireTables();
    for (const file of historyFiles) addHistoryEntriesFromJson(read(file), entries, tables);
    const keyed = JSON.parse(read('history-expected.json')) as Keyed[];
    expect(entries).toEqual(keyed.map((entry) => {
      const fields = reference('HistoryEntry', entry);
      return { ...fields, code: describeHresult(fields.hresult as number).name };
    }));
    for (const entry of entries) expect(Object.keys(entry)).toEqual([...WIRE_FIELDS.HistoryEntry.map(([name]) => name), 'code']);
    expect(entries[1]).toMatchObject({ resultCode: 'failed', hresult: 0x80070643, code: 'ERROR_INSTALL_FAILURE', unmappedResultCode: 0x80070652 });
    expect(entries[0]!.title).toBe('Caf\u00e9 \u20ac "quoted" (KB500)');
    expect(entries[0]!.date).toEqual(new Date('2026-11-12T00:00:00.000Z'));
    expect(entries[2]!.categories).toEqual([]);
    expect(entries[3]).toMatchObject({ operation: 'uninstallation', uninstallationSteps: ['Step one', 'Step two'] });
    expect(entries[4]!.serverSelection).toBe('others');
    // Chunks hold two entries each: 0 and 4 are in different chunks, and share their texts.
    expect(entries[4]!.categories).toBe(entries[0]!.categories);
    const sent = historyFiles.flatMap((file) => (JSON.parse(read(file)) as { texts: string[] }).texts);
    expect(sent.filter((text) => text === 'UpdateOrchestrator')).toHaveLength(1);
    expect(sent.filter((text) => text === 'https://support.example/help')).toHaveLength(1);
    expect(JSON.parse(read('history-page.json'))).toEqual({ total: 12, count: 5, aborted: false } satisfies NativeHistoryPage);
  });
});
