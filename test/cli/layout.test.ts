// Widths without a terminal: the layout functions take the width, so 80 and 120 columns are
// tested here; the tables end to end (through COLUMNS) are in wua.test.ts.
import { Writable } from 'node:stream';

import { Presets, SingleBar } from 'cli-progress';
import { describe, expect, it } from 'vitest';

import { renderChange, type ChangeDocument } from '../../lib/cli/commands/change.js';
import { updatesTable } from '../../lib/cli/commands/search.js';
import { barLayout, fitText, MIN_FLEX_WIDTH, outputWidth, table } from '../../lib/cli/layout.js';
import { progressLine } from '../../lib/cli/progress-view.js';
import type { Progress, UpdateRecord } from '../../lib/types.js';

const LONG = '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781) and a very long tail';

function lengths(text: string): number[] {
  return text.split('\n').map((line) => Array.from(line).length);
}

function record(title: string, kb: string): UpdateRecord {
  return {
    identity: { updateId: `00000000-0000-0000-0000-00000000000${kb.length % 10}`, revisionNumber: 1 }, title,
    kbArticleIds: [kb], maxDownloadSize: 734003200, msrcSeverity: 'Critical', isInstalled: false, isDownloaded: true,
    isHidden: false, eulaText: null, eulaAccepted: true, rebootRequired: false,
  } as unknown as UpdateRecord;
}

describe('outputWidth', () => {
  it("takes the terminal's columns on a terminal, COLUMNS otherwise, and no limit without either", () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, { COLUMNS: '80' })).toBe(132);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '80' })).toBe(80);
    expect(outputWidth({}, { COLUMNS: 'wide' })).toBeUndefined();
    expect(outputWidth({}, { COLUMNS: '0' })).toBeUndefined();
    expect(outputWidth({}, {})).toBeUndefined();
  });
});

describe('fitText', () => {
  it('cuts with an ellipsis to exactly the width, never inside a surrogate pair', () => {
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('abcdef', 6)).toBe('abcdef');
    expect(fitText('abcdef', undefined)).toBe('abcdef');
    expect(fitText('ab😀😀😀', 4)).toBe('ab😀…');
  });
});

describe('table', () => {
  const rows = [['KB5068781', LONG, '700 MB'], ['KB2267602', 'Short', '90 MB']];

  for (const width of [80, 120]) {
    it(`fits ${width} columns by cutting the title only`, () => {
      const text = table(['KB', 'TITLE', 'SIZE'], rows, { width, flex: 1 });
      expect(Math.max(...lengths(text))).toBeLessThanOrEqual(width);
      expect(text).toContain('…');
      expect(text).toContain('700 MB');
      expect(text).toContain('KB5068781');
      expect(text.split('\n')[2]).toMatch(/^KB2267602\s+Short\s+90 MB$/);
    });
  }

  it('keeps whole titles when the width is unknown', () => {
    const text = table(['KB', 'TITLE', 'SIZE'], rows);
    expect(text).toContain(LONG);
    expect(text).not.toContain('…');
  });

  it('does not cut a title that fits, and keeps the title readable in a very narrow width', () => {
    expect(table(['KB', 'TITLE', 'SIZE'], [['KB1', 'Fits', '1 MB']], { width: 80, flex: 1 })).not.toContain('…');
    const narrow = table(['KB', 'TITLE', 'SIZE'], rows, { width: 20, flex: 1 });
    expect(narrow.split('\n')[1]).toContain(`${LONG.slice(0, MIN_FLEX_WIDTH - 1)}…`);
  });

  it('fits the search and change tables to 80 and 120 columns', () => {
    const updates = [record(LONG, '5068781'), record('Short title', '2267602')];
    const doc: ChangeDocument = {
      operation: 'install', dryRun: false, resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: true, restartPending: false,
      updates: [{ updateId: 'a', title: LONG, kbArticleIds: ['5068781'], resultCode: 'failed', hresult: 0x80240022,
        code: 'WU_E_ALL_UPDATES_FAILED', rebootRequired: true, step: 'install' }],
      skipped: [], warnings: [], exitCode: 3010,
    };
    for (const width of [80, 120]) {
      const search = updatesTable(updates, width);
      expect(Math.max(...lengths(search))).toBeLessThanOrEqual(width);
      expect(search).toContain('downloaded');
      const change = renderChange(doc, width);
      expect(Math.max(...lengths(change.split('\nResult')[0]!))).toBeLessThanOrEqual(width);
      expect(change).toContain('WU_E_ALL_UPDATES_FAILED');
    }
    expect(updatesTable(updates, undefined)).toContain(LONG);
  });
});

describe('progress layout', () => {
  for (const width of [80, 120]) {
    it(`keeps a progress bar line within ${width} columns`, () => {
      const { barsize, labelWidth } = barLayout(width);
      let written = '';
      const stream = new Writable({ write(chunk, _encoding, done) { written += String(chunk); done(); } });
      const bar = new SingleBar({ format: ' {bar} {percentage}% | {label}', barsize, stream: stream as never,
        noTTYOutput: true, notTTYSchedule: 0 }, Presets.shades_classic);
      bar.start(100, 100, { label: fitText(`downloading: ${LONG}`, labelWidth) });
      bar.stop();
      const line = written.split('\n')[0]!;
      expect(line).toContain('100%');
      expect(line).toContain('…');
      expect(Array.from(line).length).toBeLessThan(width);
    });

    it(`keeps a progress line for logs within ${width} columns`, () => {
      const progress: Progress = { operation: 'download', step: 'download', percentComplete: 50, current: { updateId: 'a', index: 0, percentComplete: 25, phase: 'downloading' } };
      const line = progressLine('Downloading', progress, LONG, width);
      expect(Array.from(line).length).toBeLessThanOrEqual(width);
      expect(line).toMatch(/^Downloading {2}50% \| {2}25% downloading 2026-11 Cumulative/);
    });
  }

  it('writes whole titles in progress lines when the width is unknown', () => {
    const progress: Progress = { operation: 'install', step: 'install', percentComplete: 100, current: { updateId: 'a', index: 0, percentComplete: 100 } };
    expect(progressLine('Installing', progress, LONG, undefined)).toBe(`Installing 100% | 100% ${LONG}`);
  });
});
