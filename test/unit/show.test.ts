// `wua show` apart from the agent: its arguments, the criteria it searches with, how names match
// updates (in bundles too), and the layout of a whole record.
import { describe, expect, it } from 'vitest';

import { matchShowNames, showCriteria, showNames } from '../../lib/cli/commands/show.js';
import { recordLines } from '../../lib/cli/record-view.js';
import { UsageError } from '../../lib/cli/report-error.js';
import { criteriaText } from '../../lib/criteria.js';
import { WIRE_FIELDS } from '../../lib/records/fields.generated.js';
import type { UpdateRecord } from '../../lib/types.js';

const ID_A = 'd4d4d4d4-0000-4000-8000-00000000000a';
const ID_B = 'd4d4d4d4-0000-4000-8000-00000000000b';
const ID_C = 'd4d4d4d4-0000-4000-8000-00000000000c';

const behavior = { canRequestUserInput: false, impact: 'normal', rebootBehavior: 'neverReboots', requiresNetworkConnectivity: false } as const;

function update(id: string, kbs: string[], more: Partial<UpdateRecord> = {}): UpdateRecord {
  return {
    identity: { updateId: id, revisionNumber: 1 }, title: `Update ${id.slice(-1)}`, description: '', type: 'software',
    kbArticleIds: kbs, securityBulletinIds: [], cveIds: [], categories: [], msrcSeverity: null, deploymentAction: 'installation',
    downloadPriority: 'normal', autoSelectOnWebSites: true, autoSelection: 'letWindowsUpdateDecide', autoDownload: 'letWindowsUpdateDecide',
    browseOnly: false, canRequireSource: false, isBeta: false, isDownloaded: false, isHidden: false, isInstalled: false, isMandatory: false,
    isPresent: false, isUninstallable: false, rebootRequired: false, perUser: false, eulaAccepted: true, eulaText: null,
    deltaCompressedContentAvailable: false, deltaCompressedContentPreferred: true, handlerId: '', languages: [], moreInfoUrls: [],
    supportUrl: '', releaseNotes: '', supersededUpdateIds: [], uninstallationNotes: '', uninstallationSteps: [], maxDownloadSize: 0,
    minDownloadSize: 0, recommendedCpuSpeed: 0, recommendedHardDiskSpace: 0, recommendedMemory: 0, deadline: null,
    lastDeploymentChangeTime: null, installationBehavior: behavior, uninstallationBehavior: null, image: null, downloadContents: [],
    bundledUpdates: [], driver: null, ...more,
  };
}

describe('showNames', () => {
  it('takes KBs with or without "KB" and IDs in any case, comma lists too, each once, in order', () => {
    expect(showNames(['kb5068781', `${ID_A.toUpperCase()},5068781`, '890830'])).toEqual([
      { kb: '5068781', label: 'KB5068781' }, { id: ID_A, label: ID_A }, { kb: '890830', label: 'KB890830' },
    ]);
  });

  it('refuses anything else as a usage error', () => {
    expect(() => showNames(['KB12x'])).toThrow(UsageError);
    expect(() => showNames(['d4d4d4d4-0000'])).toThrow(/not 'd4d4d4d4-0000'/);
    expect(() => showNames([','])).toThrow(UsageError);
  });
});

describe('showCriteria', () => {
  it('searches hidden and not hidden updates, installed or not: by ID, or every update for a KB', () => {
    expect(criteriaText(showCriteria(showNames([ID_A])))).toBe(
      `(IsHidden=0 and UpdateID='${ID_A}') or (IsHidden=1 and UpdateID='${ID_A}')`);
    expect(criteriaText(showCriteria(showNames([ID_A, 'KB1'])))).toMatch(/^\(?IsHidden=0\)? or \(?IsHidden=1\)?$/);
  });
});

describe('matchShowNames', () => {
  const child = update(ID_C, ['300']);
  const found = [update(ID_A, ['100']), update(ID_B, ['100', '200'], { bundledUpdates: [child] })];

  it('gives every update a name matches, each once, and what nothing matched', () => {
    expect(matchShowNames(found, showNames(['KB200', 'KB100', ID_A, 'KB999']))).toEqual({
      updates: [found[1], found[0]], bundledIn: {}, missing: ['KB999'],
    });
  });

  it('looks inside bundles for a name no offered update matches, and says which bundle', () => {
    expect(matchShowNames(found, showNames([ID_C]))).toEqual({ updates: [child], bundledIn: { [ID_C]: ID_B }, missing: [] });
  });
});

describe('recordLines', () => {
  const record = update(ID_A, ['100'], {
    title: 'A title', description: 'word '.repeat(40).trim(), eulaText: 'TERMS\n\nSecond paragraph.',
    maxDownloadSize: 734003200, recommendedMemory: 2048, deadline: new Date('2026-12-01T08:30:00Z'),
    cveIds: ['CVE-1', 'CVE-2'], downloadContents: [{ downloadUrl: 'https://example.com/a.cab', isDeltaCompressedBinary: true }],
  });

  it('names every field of the table, once, under its JSON name', () => {
    const lines = recordLines('Update', record, 80);
    const labels = lines.map((line) => /^(\S+)/.exec(line)?.[1]).filter(Boolean);
    expect(labels).toEqual(WIRE_FIELDS.Update.map(([name]) => name));
  });

  it('writes units, ISO dates and lists one item a line, nested records indented, list items marked', () => {
    const text = recordLines('Update', record, 80).join('\n');
    expect(text).toMatch(/^maxDownloadSize\s+700 MB \(734003200 bytes\)$/m);
    expect(text).toMatch(/^recommendedMemory\s+2048 MB$/m);
    expect(text).toMatch(/^deadline\s+2026-12-01T08:30:00\.000Z$/m);
    expect(text).toMatch(/^lastDeploymentChangeTime\s+-$/m);
    expect(text).toMatch(/^kbArticleIds\s+KB100$/m);
    expect(text).toMatch(/^cveIds\s+CVE-1\n\s+CVE-2$/m);
    expect(text).toMatch(/^installationBehavior\n {2}canRequestUserInput\s+no$/m);
    expect(text).toMatch(/^downloadContents \(1\)\n {2}- downloadUrl\s+https:\/\/example\.com\/a\.cab\n {4}isDeltaCompressedBinary\s+yes$/m);
    expect(text).toMatch(/^eulaText\s+TERMS\n\n\s+Second paragraph\.$/m);
  });

  it('wraps long text to the width under its value column, and not at all without a width', () => {
    const wrapped = recordLines('Update', record, 60);
    expect(wrapped.every((line) => line.length <= 60)).toBe(true);
    const description = wrapped.slice(wrapped.findIndex((line) => line.startsWith('description')));
    const column = description[0]!.indexOf('word');
    expect(description[1]!.indexOf('word')).toBe(column);
    expect(recordLines('Update', record, undefined).find((line) => line.startsWith('description'))).toContain('word '.repeat(39));
  });
});
