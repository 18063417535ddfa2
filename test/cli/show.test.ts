// `wua show <KB or ID>...` as a child process: every field of the matching updates, installed or
// not, hidden or not, inside a bundle or not, for people and as the full records in JSON.
import { afterEach, describe, expect, it } from 'vitest';

import { UpdateSession, type UpdateRecord } from '../../lib/index.js';
import { WIRE_FIELDS } from '../../lib/records/fields.generated.js';
import { useScenario } from '../sim/harness.js';
import { jsonOf, wua, wuaWith } from './spawn-wua.js';

const LICENSED = 'c3c3c3c3-0000-4000-8000-000000000001';
const INSTALLED = 'c3c3c3c3-0000-4000-8000-000000000002';
const HIDDEN = 'c3c3c3c3-0000-4000-8000-000000000003';
const SUPERSEDED = 'c3c3c3c3-0000-4000-8000-000000000004';
const NEWER = 'c3c3c3c3-0000-4000-8000-000000000005';
const BUNDLE = 'c3c3c3c3-0000-4000-8000-000000000006';
const CHILD_A = 'c3c3c3c3-0000-4000-8000-000000000007';
const CHILD_B = 'c3c3c3c3-0000-4000-8000-000000000008';
const TWIN_X86 = 'c3c3c3c3-0000-4000-8000-000000000009';
const TWIN_X64 = 'c3c3c3c3-0000-4000-8000-00000000000a';
const SECURITY = '0fa1201d-4330-4fa8-8ae9-b877473b6441';

const LICENSE = 'MICROSOFT SOFTWARE LICENSE TERMS\n\nThese license terms are an agreement between Microsoft Corporation and you. '
  + 'Please read them. They apply to the software named above, which includes the media on which you received it, if any. '
  + 'By using the software, you accept these terms. If you do not accept them, do not use the software.';

const SCENARIO = {
  name: 'cli-show',
  categories: [{ id: SECURITY, name: 'Security Updates', type: 'UpdateClassification', description: 'A broadly released fix' }],
  updates: [
    {
      id: LICENSED, revision: 3, title: 'Visual C++ Redistributable License Update (KB5300001)', kbArticleIds: ['5300001'],
      description: 'A license update.', eulaText: LICENSE, maxDownloadSize: 13631488, categories: [SECURITY],
      deadline: '2026-12-01T08:30:00Z', lastDeploymentChangeTime: '2026-11-10', cveIds: ['CVE-2026-1', 'CVE-2026-2'],
      isUninstallable: true, uninstallationSteps: ['Open Settings > Apps', 'Uninstall the redistributable'],
      downloadContents: [{ url: 'https://download.example.com/5300001.cab' }],
    },
    { id: INSTALLED, title: 'Installed update (KB5300002)', kbArticleIds: ['5300002'], state: { isInstalled: true } },
    { id: HIDDEN, title: 'Hidden update (KB5300003)', kbArticleIds: ['5300003'], state: { isHidden: true } },
    { id: SUPERSEDED, title: 'Older cumulative update (KB5300004)', kbArticleIds: ['5300004'] },
    { id: NEWER, title: 'Newer cumulative update (KB5300005)', kbArticleIds: ['5300005'], supersededUpdateIds: [SUPERSEDED] },
    { id: BUNDLE, title: 'Bundle (KB5300006)', kbArticleIds: ['5300006'], bundledUpdates: [CHILD_A, CHILD_B] },
    { id: CHILD_A, title: 'Bundled child A (KB5300007)', kbArticleIds: ['5300007'], maxDownloadSize: 1000 },
    { id: CHILD_B, title: 'Bundled child B', kbArticleIds: ['5300006'], maxDownloadSize: 2000 },
    { id: TWIN_X86, title: 'Twin update for x86 (KB5300009)', kbArticleIds: ['5300009'] },
    { id: TWIN_X64, title: 'Twin update for x64 (KB5300009)', kbArticleIds: ['5300009'] },
  ],
};

interface ShowDoc {
  updates: UpdateRecord[];
  bundledIn: Record<string, string>;
  warnings: unknown[];
  missing: string[];
  error?: { name: string; message: string; missing: string[] };
  exitCode: number;
}

const UPDATE_FIELDS = WIRE_FIELDS.Update.map(([name]) => name);

let session: UpdateSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('wua show', () => {
  it('shows every field of an update by KB, its license terms wrapped to the width, dates ISO, sizes with their bytes', () => {
    useScenario(SCENARIO);
    const run = wuaWith({ COLUMNS: '80' }, 'show', 'KB5300001');
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Visual C++ Redistributable License Update (KB5300001)');
    for (const field of UPDATE_FIELDS) expect(run.stdout).toMatch(new RegExp(`^\\s+${field}\\b`, 'm'));
    // Only an unbreakable word (a URL) may run past the width.
    expect(lines.filter((line) => line.length > 80 && !/https?:\/\/\S+$/.test(line))).toEqual([]);
    expect(run.stdout).toContain('MICROSOFT SOFTWARE LICENSE TERMS');
    const licence = lines.slice(lines.findIndex((line) => line.includes('MICROSOFT SOFTWARE LICENSE TERMS')));
    expect(licence.slice(0, 6).join(' ').replace(/\s+/g, ' ')).toContain('These license terms are an agreement between Microsoft Corporation and you.');
    expect(run.stdout).toMatch(/^\s+deadline\s+2026-12-01T08:30:00\.000Z$/m);
    expect(run.stdout).toMatch(/^\s+lastDeploymentChangeTime\s+2026-11-10T00:00:00\.000Z$/m);
    expect(run.stdout).toMatch(/^\s+maxDownloadSize\s+13 MB \(13631488 bytes\)$/m);
    expect(run.stdout).toMatch(/^\s+kbArticleIds\s+KB5300001$/m);
    // Lists one item a line; nested records under their field, list items marked.
    expect(run.stdout).toMatch(/^\s+cveIds\s+CVE-2026-1\n\s+CVE-2026-2$/m);
    expect(run.stdout).toMatch(/^\s+categories \(1\)\n\s+- categoryId\s+0fa1201d-4330-4fa8-8ae9-b877473b6441\n\s+name\s+Security Updates$/m);
    expect(run.stdout).toMatch(/^\s+identity\n\s+updateId\s+c3c3c3c3-0000-4000-8000-000000000001\n\s+revisionNumber\s+3$/m);
  });

  it('finds installed, hidden and superseded updates by ID and KB, in the order asked, each once', () => {
    useScenario(SCENARIO);
    const run = wua('show', INSTALLED, 'KB5300003', `${SUPERSEDED.toUpperCase()},KB5300002`, '--json');
    expect(run.status, run.stderr).toBe(0);
    const doc = jsonOf<ShowDoc>(run);
    expect(doc.updates.map((update) => update.identity.updateId)).toEqual([INSTALLED, HIDDEN, SUPERSEDED]);
    expect(doc.updates.map((update) => [update.isInstalled, update.isHidden])).toEqual([[true, false], [false, true], [false, false]]);
    expect(doc).toMatchObject({ missing: [], bundledIn: {}, exitCode: 0 });
    expect(doc.error).toBeUndefined();
  });

  it('shows each update a KB matches', () => {
    useScenario(SCENARIO);
    const run = wua('show', '5300009');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Twin update for x86 \(KB5300009\)$/m);
    expect(run.stdout).toMatch(/^Twin update for x64 \(KB5300009\)$/m);
  });

  it('lays out a bundle with its bundled updates, and finds an update only a bundle offers', () => {
    useScenario(SCENARIO);
    const bundle = wuaWith({ COLUMNS: '100' }, 'show', 'KB5300006');
    expect(bundle.status, bundle.stderr).toBe(0);
    // The bundle, not its child of the same KB, which a search offers only through its bundle.
    expect(bundle.stdout.split('\n')[0]).toBe('Bundle (KB5300006)');
    expect(bundle.stdout).toMatch(/^\s+bundledUpdates \(2\)\n\s+- identity\n\s+updateId\s+c3c3c3c3-0000-4000-8000-000000000007$/m);
    expect(bundle.stdout).toMatch(/^\s+title\s+Bundled child B$/m);
    const child = wua('show', 'KB5300007', '--json');
    expect(child.status, child.stderr).toBe(0);
    const doc = jsonOf<ShowDoc>(child);
    expect(doc.updates.map((update) => update.identity.updateId)).toEqual([CHILD_A]);
    expect(doc.bundledIn).toEqual({ [CHILD_A]: BUNDLE });
    expect(wua('show', CHILD_A).stdout).toMatch(/^Bundled child A \(KB5300007\)\n\(bundled in: Bundle \(KB5300006\)\)$/m);
  });

  it('holds the full records in its JSON, exactly as the API gives them', async () => {
    useScenario(SCENARIO);
    const run = wua('show', 'KB5300001', BUNDLE, '--json');
    expect(run.status, run.stderr).toBe(0);
    const doc = jsonOf<ShowDoc>(run);
    for (const update of doc.updates) expect(Object.keys(update).sort()).toEqual([...UPDATE_FIELDS].sort());
    session = new UpdateSession();
    const { updates } = await session.search([{ updateId: LICENSED }, { updateId: BUNDLE }]);
    expect(doc.updates).toEqual(JSON.parse(JSON.stringify(updates)));
    expect(doc.updates[0]!.eulaText).toBe(LICENSE);
    expect(doc.updates[1]!.bundledUpdates.map((update) => update.identity.updateId)).toEqual([CHILD_A, CHILD_B]);
  });

  it('is a NotFoundError (status 1) when nothing matches, and shows what it found beside what it did not', () => {
    useScenario(SCENARIO);
    const none = wua('show', 'KB9999999', '--json');
    expect(none.status).toBe(1);
    expect(jsonOf(none)).toEqual({
      error: expect.objectContaining({ name: 'NotFoundError', code: 'ERR_WUA_NOT_FOUND', missing: ['KB9999999'] }), exitCode: 1,
    });
    const text = wua('show', 'KB9999999', 'c3c3c3c3-0000-4000-8000-0000000000ff');
    expect(text.status).toBe(1);
    expect(text.stderr).toContain('no update found for KB9999999, c3c3c3c3-0000-4000-8000-0000000000ff');
    const some = wua('show', 'KB5300002', 'KB9999999', '--json');
    expect(some.status).toBe(1);
    expect(jsonOf<ShowDoc>(some)).toMatchObject({
      updates: [{ identity: { updateId: INSTALLED } }], missing: ['KB9999999'],
      error: { name: 'NotFoundError', missing: ['KB9999999'] }, exitCode: 1,
    });
  });

  it('refuses what is neither a KB nor an update ID as a usage error (status 2)', () => {
    useScenario(SCENARIO);
    const run = wua('show', 'KB12x', '--json');
    expect(run.status).toBe(2);
    expect(jsonOf(run)).toMatchObject({ error: { name: 'UsageError', message: expect.stringContaining("not 'KB12x'") }, exitCode: 2 });
    expect(wua('show').status).toBe(2);
  });
});
