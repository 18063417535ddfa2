// The log lines of one operation by its client application ID, read from sample
// WindowsUpdate.log and CBS.log files in the formats Windows writes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { gatherOperationLogs, InvalidArgumentError } from '../../lib/index.js';
import { jsonOf, wua } from '../cli/spawn-wua.js';
import { useScenario } from '../sim/harness.js';

const LOGS = path.join(__dirname, 'fixtures', 'logs');
const windowsUpdateLog = path.join(LOGS, 'WindowsUpdate.log');
const cbsLog = path.join(LOGS, 'CBS.log');
const work = mkdtempSync(path.join(tmpdir(), 'wua-logs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('gatherOperationLogs', () => {
  it('takes the agent\'s lines that name the client, the lines between them, and the CBS lines of those spans', async () => {
    const logs = await gatherOperationLogs({ clientApplicationId: 'patch-run-42', windowsUpdateLog, cbsLog });
    expect(logs.windows).toEqual([{ from: '2026-11-03T10:05:38.411', to: '2026-11-03T10:07:40.250' }]);
    expect(logs.windowsUpdate.map((line) => line.lineNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // The other client's START falls in the span and is kept, but not as this client's own line.
    expect(logs.windowsUpdate.find((line) => line.lineNumber === 7)).toMatchObject({ named: false });
    expect(logs.windowsUpdate.filter((line) => line.named).map((line) => line.lineNumber)).toEqual([3, 6, 9, 10, 11, 12]);
    // 10:06:20 and 10:07:35 are inside; 10:09:05 is within the two minutes after; 09:58 and 11:45 are not.
    expect(logs.cbs.map((line) => line.time)).toEqual(['2026-11-03T10:06:20.000', '2026-11-03T10:07:35.000', '2026-11-03T10:09:05.000']);
    expect(logs.sources).toEqual([
      { log: 'windowsUpdate', path: windowsUpdateLog, read: true }, { log: 'cbs', path: cbsLog, read: true },
    ]);
  });

  it('matches the whole ID, not one that starts the same, and finds nothing for a client that never ran', async () => {
    const shorter = await gatherOperationLogs({ clientApplicationId: 'patch-run-4', windowsUpdateLog, cbsLog, marginMs: 0 });
    expect(shorter.windowsUpdate.filter((line) => line.named).map((line) => line.lineNumber)).toEqual([7]);
    expect(shorter.cbs).toEqual([]);
    const none = await gatherOperationLogs({ clientApplicationId: 'never', windowsUpdateLog, cbsLog });
    expect(none).toMatchObject({ windows: [], windowsUpdate: [], cbs: [] });
  });

  it('reads the text Get-WindowsUpdateLog writes on Windows 10 and later', async () => {
    const decoded = path.join(work, 'decoded.log');
    writeFileSync(decoded, [
      '2026/11/03 10:05:38.4110000 964   3688  ComApi          * START *   Search ClientId = patch-run-42',
      '2026/11/03 10:05:52.9010000 964   6944  Agent           Found 1 updates',
      '2026/11/03 10:05:53.0100000 964   3688  ComApi          * END *   Search ClientId = patch-run-42',
    ].join('\r\n'));
    const logs = await gatherOperationLogs({ clientApplicationId: 'patch-run-42', windowsUpdateLog: decoded, cbsLog });
    expect(logs.windowsUpdate.map((line) => [line.lineNumber, line.named])).toEqual([[1, true], [2, false], [3, true]]);
    expect(logs.windows).toEqual([{ from: '2026-11-03T10:05:38.411', to: '2026-11-03T10:05:53.010' }]);
  });

  it('says which log it could not read and still reads the other; bad options are refused', async () => {
    const missing = path.join(work, 'missing.log');
    const logs = await gatherOperationLogs({ clientApplicationId: 'patch-run-42', windowsUpdateLog, cbsLog: missing });
    expect(logs.windowsUpdate).toHaveLength(11);
    expect(logs.sources[1]).toMatchObject({ log: 'cbs', path: missing, read: false, error: expect.stringContaining('ENOENT') });
    await expect(gatherOperationLogs({ clientApplicationId: ' ' })).rejects.toThrow(InvalidArgumentError);
    await expect(gatherOperationLogs({ clientApplicationId: 'x', marginMs: -1 })).rejects.toThrow(/options\.marginMs/);
  });

  it('wua doctor --logs adds them to the report and its JSON, and the exit status is still the report\'s', () => {
    useScenario({ name: 'logs', agent: {}, updates: [] });
    const args = ['doctor', '--logs', 'patch-run-42', '--windows-update-log', windowsUpdateLog, '--cbs-log', cbsLog];
    const run = wua(...args, '--json');
    const doc = jsonOf<{ exitCode: number; ready: boolean; logs: { cbs: unknown[]; windowsUpdate: unknown[] } }>(run);
    expect(run.status).toBe(doc.exitCode);
    expect(doc.logs.cbs).toHaveLength(3);
    expect(doc.logs.windowsUpdate).toHaveLength(11);
    const text = wua(...args);
    expect(text.stdout).toContain('Log lines of client patch-run-42:');
    expect(text.stdout).toContain(`${cbsLog}: 3 lines`);
    expect(text.stdout).toContain('  3: 2026-11-03\t10:05:38:411\t 964\te68\tCOMAPI\t-- START --  COMAPI: Search [ClientId = patch-run-42]');
  });
});
