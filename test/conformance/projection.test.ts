// search() with `fields`: only the agent calls behind those fields, records with only them, the
// same values as a full read, and the records still good for every call that takes an update.
import { describe, expect, it } from 'vitest';

import {
  InvalidArgumentError, projectRecord, UPDATE_FIELDS, type UpdateField, type UpdateRecord,
} from '../../lib/index.js';
// @ts-expect-error: a plain ES module without type declarations
import { generateCatalog } from '../sim/generate-catalog.mjs';
import { sessionsPerTest } from '../core/sessions.js';
import { getterCalls } from '../sim/harness.js';
import { BACKEND, calls, clearCalls, useScenario } from './backend.js';

const sessions = sessionsPerTest({ clientApplicationId: 'projection tests' });

const EVERYTHING = 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*';
const ALL = { includePotentiallySupersededUpdates: true };
const CUMULATIVE = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';

// A catalog with every kind of update: drivers, bundles, images, licenses, installed and hidden.
const catalog = (): object => generateCatalog({ count: 120, seed: 3 }) as object;

const byId = <R extends { identity: { updateId: string } }>(records: readonly R[]): Map<string, R> =>
  new Map(records.map((record) => [record.identity.updateId, record]));

// The getters a search's read (counted by the simulator: the agent calls are the addon's) of its updates called, and how many times each: all but the
// categories', which every search also reads for its root categories (ISearchResult::RootCategories).
const readCalls = (): Record<string, number> =>
  Object.fromEntries(Object.entries(getterCalls()).filter(([name]) => !name.startsWith('ICategory::')));
const total = (counts: Record<string, number>): number => Object.values(counts).reduce((sum, count) => sum + count, 0);

describe('search with fields', () => {
  it('gives each field alone, with the value a full read gives, and nothing else but the identity', async () => {
    useScenario(catalog());
    const session = sessions.open();
    const full = byId((await session.search(EVERYTHING, ALL)).updates);
    expect(full.size).toBe(120);
    // Every kind of nested field is in the catalog, so that each is compared with something in it.
    const values = [...full.values()];
    expect(values.some((u) => u.driver !== null)).toBe(true);
    expect(values.some((u) => u.bundledUpdates.length > 0)).toBe(true);
    expect(values.some((u) => u.categories.length > 0)).toBe(true);
    for (const field of UPDATE_FIELDS) {
      const { updates } = await session.search(EVERYTHING, { ...ALL, fields: [field] });
      expect(updates).toHaveLength(full.size);
      for (const update of updates) {
        expect(Object.keys(update).sort(), field).toEqual([...new Set(['identity', field])].sort());
        expect(update[field], field).toEqual(full.get(update.identity.updateId)![field]);
      }
    }
  });

  it.runIf(BACKEND === 'simulator')('makes only the agent calls behind the fields asked for', async () => {
    useScenario('basic');
    const session = sessions.open();
    clearCalls();
    await session.search({ updateId: CUMULATIVE });
    const full = readCalls();
    clearCalls();
    const { updates } = await session.search({ updateId: CUMULATIVE }, { fields: ['title', 'kbArticleIds'] });
    const projected = readCalls();
    expect(updates).toEqual([{
      identity: { updateId: CUMULATIVE, revisionNumber: 201 },
      title: '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781)',
      kbArticleIds: ['5068781'],
    }]);
    expect(Object.keys(full)).toEqual(expect.arrayContaining(['IUpdate::get_Description', 'IUpdate::get_Categories', 'IUpdate2::get_CveIDs']));
    expect(projected).toEqual({
      'IUpdate::get_Identity': 1, 'IUpdate::get_KBArticleIDs': 1, 'IUpdate::get_Title': 1,
      'IUpdateIdentity::get_RevisionNumber': 1, 'IUpdateIdentity::get_UpdateID': 1,
    });
    expect(total(projected) * 5).toBeLessThan(total(full));
  });

  it.runIf(BACKEND === 'simulator')('keeps a driver whole, asking the update its type to know it is one', async () => {
    useScenario('basic');
    const session = sessions.open();
    const { updates: [full] } = await session.search({ type: 'driver', browseOnly: true });
    clearCalls();
    const { updates: [driver] } = await session.search({ type: 'driver', browseOnly: true }, { fields: ['driver'] });
    expect(driver).toEqual({ identity: full!.identity, driver: full!.driver });
    expect(driver!.driver!.entries).toHaveLength(1);
    expect(Object.keys(readCalls())).toContain('IUpdate::get_Type');
  });

  it('rejects an unknown field, or fields that are not a list of names, before any call to the agent', async () => {
    useScenario('basic');
    const session = sessions.open();
    clearCalls();
    await expect(session.search('', { fields: ['titel' as UpdateField] })).rejects.toMatchObject({
      name: 'InvalidArgumentError', argument: 'options.fields[0]',
    });
    await expect(session.search('', { fields: 'title' as unknown as UpdateField[] })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(session.search('', { fields: ['title', 7 as unknown as UpdateField] })).rejects.toMatchObject({
      argument: 'options.fields[1]',
    });
    expect(() => session.searchStream('', { fields: ['kb' as UpdateField] })).toThrow(InvalidArgumentError);
    expect(calls()).toEqual([]);
  });

  it('types the records by the fields asked for', async () => {
    useScenario('basic');
    const { updates } = await sessions.open().search('', { fields: ['title', 'msrcSeverity'] });
    const first = updates[0]!;
    const typed: { identity: { updateId: string }; title: string; msrcSeverity: string | null } = first;
    // @ts-expect-error: a field the search did not ask for is not in the record's type
    expect(first.kbArticleIds).toBeUndefined();
    expect(typed.title).toEqual(expect.any(String));
  });

  it('gives records that survive a JSON round trip and that download, hide and install take', async () => {
    useScenario('basic');
    const session = sessions.open();
    const { updates } = await session.search({ updateId: CUMULATIVE }, { fields: ['title', 'kbArticleIds', 'msrcSeverity'] });
    const roundTripped = JSON.parse(JSON.stringify(updates)) as typeof updates;
    expect(roundTripped).toEqual(updates);
    const downloaded = await session.download(roundTripped);
    expect(downloaded.resultCode).toBe('succeeded');
    expect(downloaded.updates.map((u) => u.updateId)).toEqual([CUMULATIVE]);
    const hidden = await session.hide(updates);
    expect(hidden.updates.map((u) => u.updateId)).toEqual([CUMULATIVE]);
    expect(calls()).toContain('IUpdate::put_IsHidden');
  });

  it('keeps only the projection of a record for a fake agent (projectRecord)', () => {
    const record = { identity: { updateId: CUMULATIVE, revisionNumber: 1 }, title: 't', isHidden: false } as unknown as UpdateRecord;
    expect(projectRecord(record, ['identity', 'title'])).toEqual({ identity: record.identity, title: 't' });
    expect(projectRecord(record, undefined)).toBe(record);
  });
});
