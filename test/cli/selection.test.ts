// Flags to criteria, and a search result to what a command does and leaves alone.
import { describe, expect, it } from 'vitest';

import { criteriaFromFlags, defaultInstalled, normalizeFlags, planChange, selectUpdates } from '../../lib/cli/selection.js';
import { criteriaText } from '../../lib/criteria.js';
import type { UpdateRecord } from '../../lib/types.js';

const A = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const B = 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60';

function update(id: string, kb: string, state: Partial<UpdateRecord> = {}): UpdateRecord {
  return { identity: { updateId: id, revisionNumber: 1 }, title: `KB${kb} title`, kbArticleIds: [kb], isInstalled: false,
    isDownloaded: false, rebootRequired: false, ...state } as unknown as UpdateRecord;
}

describe('normalizeFlags', () => {
  it('splits comma lists, strips "KB", and takes classification names in any case', () => {
    expect(normalizeFlags({ kb: ['KB1,kb2', '3', '1'], id: [`${A.toUpperCase()},${B}`], category: ['Security,CRITICAL', 'featurepacks'] }))
      .toMatchObject({ kb: ['1', '2', '3'], id: [A, B], category: ['security', 'critical', 'featurePacks'] });
  });

  it('refuses malformed KBs, IDs, categories and types as usage errors', () => {
    expect(() => normalizeFlags({ kb: ['KB12x'] })).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining("'KB12x'") }));
    expect(() => normalizeFlags({ id: ['not-a-guid'] })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => normalizeFlags({ category: ['Securty'] })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => normalizeFlags({ type: 'firmware' })).toThrow(expect.objectContaining({ name: 'UsageError' }));
  });
});

describe('which updates a command searches', () => {
  it('by default: not installed ones to install or download, installed ones to uninstall', () => {
    expect(defaultInstalled('install', { all: true })).toBe(false);
    expect(defaultInstalled('download', { all: true })).toBe(false);
    expect(defaultInstalled('uninstall', { all: true })).toBe(true);
    expect(defaultInstalled('search', { kb: ['1'] })).toBeUndefined();
    expect(defaultInstalled('search', {})).toBe(false);
  });

  it('both, when updates are named or install is forced', () => {
    expect(defaultInstalled('install', { kb: ['1'] })).toBeUndefined();
    expect(defaultInstalled('install', { id: [A] })).toBeUndefined();
    expect(defaultInstalled('uninstall', { kb: ['1'] })).toBeUndefined();
    expect(defaultInstalled('download', { kb: ['1'] })).toBeUndefined();
    expect(defaultInstalled('install', { all: true, force: true })).toBeUndefined();
    expect(criteriaText(criteriaFromFlags({ all: true, force: true } as never, { installed: undefined }))).not.toMatch(/IsInstalled/);
    expect(criteriaText(criteriaFromFlags({ category: ['Security'] }, { installed: false })))
      .toContain("CategoryIDs contains '0fa1201d-4330-4fa8-8ae9-b877473b6441'");
  });
});

describe('selectUpdates and planChange', () => {
  const found = [update(A, '111', { isInstalled: true, isDownloaded: true, rebootRequired: true }), update(B, '222', { isDownloaded: true })];

  it('needs --all, --kb or --id', () => {
    expect(() => selectUpdates(found, {})).toThrow(expect.objectContaining({ name: 'UsageError' }));
  });

  it('refuses a KB or ID found nowhere, naming each, before anything is done', () => {
    expect(() => selectUpdates(found, { kb: ['111', '999', '998'] }))
      .toThrow(expect.objectContaining({ name: 'NotFoundError', missing: ['KB999', 'KB998'] }));
    expect(() => selectUpdates(found, { id: ['11111111-2222-3333-4444-555555555555'] })).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
  });

  it('installs what is missing and reports what is already installed, with its pending restart', () => {
    const plan = planChange('install', selectUpdates(found, { kb: ['111', '222'] }), {});
    expect(plan.act.map((u) => u.identity.updateId)).toEqual([B]);
    expect(plan.skipped).toEqual([{ updateId: A, title: 'KB111 title', kbArticleIds: ['111'], reason: 'alreadyInstalled', rebootRequired: true }]);
    expect(planChange('install', found, { force: true }).act).toHaveLength(2);
  });

  it('uninstalls what is installed and reports what is not', () => {
    const plan = planChange('uninstall', found, {});
    expect(plan.act.map((u) => u.identity.updateId)).toEqual([A]);
    expect(plan.skipped).toMatchObject([{ updateId: B, reason: 'notInstalled', rebootRequired: false }]);
  });

  it('downloads what is not there yet, unless forced', () => {
    expect(planChange('download', found, {}).skipped.map((s) => s.reason)).toEqual(['alreadyInstalled', 'alreadyDownloaded']);
    expect(planChange('download', found, { force: true }).act).toHaveLength(2);
  });
});

describe('criteriaFromFlags', () => {
  it('searches any of several categories, and any of several IDs in each', () => {
    const text = criteriaText(criteriaFromFlags(normalizeFlags({ category: ['Security,definition'], id: [A, B] }), { installed: false }));
    expect(text.split(' or ')).toHaveLength(4);
    expect(text).toContain("CategoryIDs contains '0fa1201d-4330-4fa8-8ae9-b877473b6441'");
    expect(text).toContain("CategoryIDs contains 'e0789628-ce08-4437-be74-2495b842f43b'");
    expect(text).toContain(`UpdateID='${B}'`);
  });
});
