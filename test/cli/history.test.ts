// `wua history` as a child process, the way scripts run it: the table, the JSON document, the
// filters and the usage errors.
import { describe, expect, it } from 'vitest';

import { ENTRIES, historyScenario, newestFirst } from '../core/history-scenario.js';
import { hresult, useScenario } from '../sim/harness.js';
import { type WuaRun as Run, wua as wuaCommand } from './spawn-wua.js';


function wua(...args: string[]): Run {
  return wuaCommand('history', ...args);
}

interface HistoryDoc {
  entries: { title: string; date: string; resultCode: string; operation: string }[];
  total: number;
  exitCode: number;
}

const doc = (run: Run): HistoryDoc => JSON.parse(run.stdout) as HistoryDoc;
const titles = (run: Run): string[] => doc(run).entries.map((entry) => entry.title.slice(0, 16));

// Newest first: the driver (14 Oct), the uninstall and the failed Defender update (one date, 10
// Sep: the later-recorded first), the install (12 Aug).
const DRIVER = 'Realtek Semicond';
const UNINSTALL = '2026-08 Cumulati';
const DEFENDER = 'Security Intelli';
const INSTALL = '2026-08 Cumulati';

describe('wua history', () => {
  it('prints the entries newest first as a table, with the KB from the title and the error by name', () => {
    useScenario(historyScenario('cli-history-table'));
    const run = wua();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE \(UTC\)\s+KB\s+TITLE\s+OPERATION\s+RESULT\s+ERROR$/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2026-10-14 09:30Z\s+-\s+Realtek Semiconductor Corp\. - Net - 10\.68\.815\.2023\s+install\s+succeededWithErrors\s+WU_S_UPDATE_ERROR$/);
    expect(lines[2]).toMatch(/^2026-09-10 18:00Z\s+KB5063709\s+2026-08 Cumulative Update .*\(KB5063709\)\s+uninstall\s+succeeded\s+-$/);
    expect(lines[3]).toMatch(/^2026-09-10 18:00Z\s+KB2267602\s+Security Intelligence Update .*\s+install\s+failed\s+ERROR_INSTALL_FAILURE$/);
    expect(lines[4]).toMatch(/^2026-08-12 10:00Z\s+KB5063709\s+2026-08 Cumulative/);
  });

  it('writes one JSON document, the entries and the total, that round-trips to what the API gives', () => {
    useScenario(historyScenario('cli-history-json'));
    const run = wua('--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      entries: JSON.parse(JSON.stringify(newestFirst(ENTRIES))) as unknown,
      total: ENTRIES.length,
      exitCode: 0,
    });
    // Dates are ISO 8601 in UTC, and come back as the same instants.
    expect(doc(run).entries.map((entry) => new Date(entry.date).getTime())).toEqual(newestFirst(ENTRIES).map((e) => e.date.getTime()));
  });

  it('filters by --last, --since, --kb, --result and --operation, the total still the whole history\'s', () => {
    useScenario(historyScenario('cli-history-filters'));
    expect(titles(wua('--json', '--last', '2'))).toEqual([DRIVER, UNINSTALL]);
    const since = wua('--json', '--since', '2026-09-10');
    expect(titles(since)).toEqual([DRIVER, UNINSTALL, DEFENDER]);
    expect(doc(since).total).toBe(4);
    expect(titles(wua('--json', '--since', '2026-09-10T18:00:00.3'))).toEqual([DRIVER]);
    expect(titles(wua('--json', '--kb', '2267602,KB5063709', '--last', '2'))).toEqual([UNINSTALL, DEFENDER]);
    expect(titles(wua('--json', '--result', 'Failed', 'succeededWithErrors'))).toEqual([DRIVER, DEFENDER]);
    expect(titles(wua('--json', '--operation', 'install', '--result', 'succeeded'))).toEqual([INSTALL]);
    const some = wua('--operation', 'uninstall');
    expect(some.status).toBe(0);
    expect(some.stdout.trimEnd().split('\n').at(-1)).toBe('1 of 4 entries.');
  });

  it('treats a bad date, number, result or operation as a usage error before the agent is asked (status 2)', () => {
    // Every history call fails here, so a status of 2 (not 1) shows the agent was never asked.
    useScenario(historyScenario('cli-history-usage', ENTRIES,
      { agent: { faults: { 'IUpdateSearcher::GetTotalHistoryCount': hresult('WU_E_SERVICE_STOP') } } }));
    const failing = wua('--json');
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({ error: { name: 'WindowsUpdateError', code: 'WU_E_SERVICE_STOP' }, exitCode: 1 });
    for (const args of [['--since', '2026-02-30'], ['--since', 'yesterday'], ['--last', '0'], ['--last', '2x'],
      ['--result', 'ok'], ['--operation', 'remove'], ['--kb', 'KB12x']]) {
      const run = wua(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain('hint: see wua --help');
    }
    const asJson = wua('--json', '--since', 'soon');
    expect(asJson.status).toBe(2);
    expect(JSON.parse(asJson.stdout)).toEqual({
      error: { name: 'UsageError', code: 'ERR_USAGE', message: expect.stringContaining("--since takes a date such as 2026-11-01"), hint: 'see wua --help' },
      exitCode: 2,
    });
  });

  it('says so when the history is empty', () => {
    useScenario(historyScenario('cli-history-empty', []));
    const run = wua();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No history entries.\n');
    expect(JSON.parse(wua('--json').stdout)).toEqual({ entries: [], total: 0, exitCode: 0 });
  });
});
