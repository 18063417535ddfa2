// `wua hide`, `wua unhide` and `wua accept-eulas` as a child process, the way scripts run them:
// the outcome table, one JSON document with --json, dry runs and exit statuses.
import { describe, expect, it } from 'vitest';

import { useScenario } from '../sim/harness.js';
import { type WuaRun as Run, wua } from './spawn-wua.js';

const A = 'a1a1a1a1-0000-4000-8000-000000000001';
const B = 'b2b2b2b2-0000-4000-8000-000000000002';
const MANDATORY = 'c3c3c3c3-0000-4000-8000-000000000003';
const DEADLINE = 'd4d4d4d4-0000-4000-8000-000000000004';
const HIDDEN = 'e5e5e5e5-0000-4000-8000-000000000005';
const LICENSED = 'f6f6f6f6-0000-4000-8000-000000000006';
const TERMS = ['MICROSOFT SOFTWARE LICENSE TERMS', ...Array.from({ length: 12 }, (_, i) => `${i + 1}. Clause ${i + 1} of the terms, `
  + 'which says what may be done with the software and what may not.')].join('\n');

interface Line {
  updateId: string;
  title: string;
  kbArticleIds: string[];
  status: string;
  hresult: number;
  code: string;
  meaning: string;
  isHidden?: boolean;
  eulaAccepted?: boolean;
  eulaText?: string | null;
  reason?: string;
}

interface MarkDoc {
  operation: string;
  dryRun: boolean;
  resultCode: string;
  updates: Line[];
  warnings: unknown[];
  error?: { name: string; code: string; category: string; hresult: number; description?: string; hint?: string };
  exitCode: number;
}

function doc(run: Run): MarkDoc {
  const parsed = JSON.parse(run.stdout) as MarkDoc;
  expect(parsed.exitCode).toBe(run.status);
  // One document, whole: what it says survives a round trip.
  expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
  return parsed;
}

function scenario(agent: object = {}): object {
  return {
    name: 'cli-hiding',
    agent,
    updates: [
      { id: A, title: 'Optional A', kbArticleIds: ['1001'] },
      { id: B, title: 'Optional B', kbArticleIds: ['1002'] },
      { id: MANDATORY, title: 'Mandatory update', kbArticleIds: ['1003'], isMandatory: true },
      { id: DEADLINE, title: 'Update with a deadline', kbArticleIds: ['1004'], deadline: '2026-12-01T00:00:00Z' },
      { id: HIDDEN, title: 'Hidden update', kbArticleIds: ['1005'], state: { isHidden: true } },
      { id: LICENSED, title: 'Redistributable with terms', kbArticleIds: ['1006'], eulaText: TERMS, state: { isDownloaded: true } },
    ],
  };
}

function hiddenKbs(): string[] {
  const run = wua('search', '--hidden', '--json');
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as { updates: { kbArticleIds: string[] }[] }).updates.flatMap((u) => u.kbArticleIds).sort();
}

describe('wua hide and wua unhide', () => {
  it('hide a named update, then report it as already hidden (status 0 both times)', () => {
    useScenario(scenario());
    const run = wua('hide', '--kb', 'KB1001');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/KB1001\s+Optional A\s+hidden\s+-/);
    expect(run.stdout).toContain('Result: succeeded.');
    expect(hiddenKbs()).toEqual(['1001', '1005']);
    const again = wua('hide', '--kb', '1001', '--json');
    expect(doc(again)).toMatchObject({
      operation: 'hide', dryRun: false, resultCode: 'succeeded', exitCode: 0,
      updates: [{ updateId: A, kbArticleIds: ['1001'], status: 'unchanged', isHidden: true, code: 'S_OK' }],
    });
    expect(wua('hide', '--kb', '1001').stdout).toMatch(/already hidden[\s\S]*Nothing to do: every selected update is already as asked/);
  });

  it('hide the others when the agent declines a mandatory update and one with a deadline: partly failed (4)', () => {
    useScenario(scenario());
    const run = wua('hide', '--all', '--json');
    const mix = doc(run);
    expect(run.status).toBe(4);
    expect(mix).toMatchObject({ operation: 'hide', resultCode: 'succeededWithErrors', exitCode: 4, warnings: [] });
    const byId = new Map(mix.updates.map((line) => [line.updateId, line]));
    expect([...byId.keys()].sort()).toEqual([A, B, MANDATORY, DEADLINE, LICENSED].sort());
    for (const id of [A, B, LICENSED]) expect(byId.get(id)).toMatchObject({ status: 'changed', isHidden: true, hresult: 0 });
    for (const id of [MANDATORY, DEADLINE]) {
      expect(byId.get(id)).toMatchObject({ status: 'failed', isHidden: false, hresult: 0x80248016, code: 'WU_E_DS_DECLINENOTALLOWED',
        meaning: expect.any(String) });
    }
    expect(hiddenKbs()).toEqual(['1001', '1002', '1005', '1006']);
    // Only the declined one: nothing succeeded (1), and the text says why.
    const declined = wua('hide', '--kb', '1003');
    expect(declined.status).toBe(1);
    expect(declined.stdout).toMatch(/KB1003\s+Mandatory update\s+failed\s+WU_E_DS_DECLINENOTALLOWED/);
    expect(declined.stdout).toMatch(/KB1003 WU_E_DS_DECLINENOTALLOWED \(0x80248016\): .*mandatory/);
    expect(declined.stdout).toContain('Result: failed.');
  });

  it('unhide searches hidden updates by default, and leaves shown ones alone', () => {
    useScenario(scenario());
    const run = wua('unhide', '--all', '--json');
    expect(doc(run)).toMatchObject({
      operation: 'unhide', resultCode: 'succeeded', exitCode: 0,
      updates: [{ updateId: HIDDEN, kbArticleIds: ['1005'], status: 'changed', isHidden: false }],
    });
    expect(hiddenKbs()).toEqual([]);
    const shown = wua('unhide', '--id', A);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/KB1001\s+Optional A\s+not hidden/);
    expect(wua('unhide', '--all').stdout).toContain('Nothing to do: no update matches.');
  });

  it('--dry-run shows what would change, and what the agent would decline, and changes nothing', () => {
    useScenario(scenario());
    const run = wua('hide', '--kb', '1001,1003,1005', '--dry-run', '--json');
    const dry = doc(run);
    expect(run.status).toBe(4);
    expect(dry).toMatchObject({ operation: 'hide', dryRun: true, resultCode: 'notStarted' });
    const byKb = new Map(dry.updates.map((line) => [line.kbArticleIds[0], line]));
    expect(byKb.get('1001')).toMatchObject({ status: 'notStarted', hresult: 0, isHidden: false });
    expect(byKb.get('1003')).toMatchObject({ status: 'notStarted', code: 'WU_E_DS_DECLINENOTALLOWED', reason: expect.stringMatching(/mandatory/) });
    expect(byKb.get('1005')).toMatchObject({ status: 'unchanged', isHidden: true });
    const text = wua('hide', '--kb', '1001,1003', '--dry-run');
    expect(text.stdout).toMatch(/KB1001\s+Optional A\s+would hide/);
    expect(text.stdout).toMatch(/KB1003\s+Mandatory update\s+would fail\s+WU_E_DS_DECLINENOTALLOWED/);
    expect(text.stdout).toContain('Dry run: nothing was changed.');
    expect(hiddenKbs()).toEqual(['1005']);
  });

  it('a user who is not an administrator gets a permission error (status 1), with every update not started', () => {
    useScenario(scenario({ isAdministrator: false }));
    const run = wua('hide', '--kb', '1001,1002');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/KB1001\s+Optional A\s+not started/);
    expect(run.stderr).toMatch(/error: hide failed: E_ACCESSDENIED \(0x80070005\)/);
    expect(run.stderr).toContain('hint:');
    const asJson = doc(wua('hide', '--kb', '1001,1002', '--json'));
    expect(asJson).toMatchObject({
      resultCode: 'failed', exitCode: 1,
      error: { name: 'PermissionError', code: 'E_ACCESSDENIED', category: 'permission', hresult: 0x80070005 },
      updates: [{ updateId: A, status: 'notStarted' }, { updateId: B, status: 'notStarted' }],
    });
    expect(hiddenKbs()).toEqual(['1005']);
  });

  it('a remote logon may search but not hide: the refusal says why', () => {
    useScenario(scenario({ logon: { remote: true } }));
    const refused = doc(wua('unhide', '--kb', '1005', '--json'));
    expect(refused).toMatchObject({ exitCode: 1, error: { name: 'PermissionError', description: expect.stringMatching(/remote session/) } });
    expect(refused.error!.hint).toMatch(/remote/i);
    expect(hiddenKbs()).toEqual(['1005']);
  });

  it('a KB found nowhere is an error before anything is hidden; a missing selection is a usage error', () => {
    useScenario(scenario());
    const missing = wua('hide', '--kb', '1001,9999', '--json');
    expect(missing.status).toBe(1);
    const error = (JSON.parse(missing.stdout) as { error: { name: string; missing: string[]; message: string } }).error;
    expect(error).toMatchObject({ name: 'NotFoundError', missing: ['KB9999'] });
    // Hidden updates were searched too: the message does not send the reader to --hidden.
    expect(error.message).not.toMatch(/--hidden/);
    expect(hiddenKbs()).toEqual(['1005']);
    expect(wua('hide').status).toBe(2);
    expect(wua('unhide', '--id', 'not-a-guid').status).toBe(2);
    const help = wua('--help');
    for (const command of ['hide', 'unhide', 'accept-eulas']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command} \\[options\\]`, 'm'));
  });
});

describe('wua accept-eulas', () => {
  it('prints the start of each license before accepting it; the install then needs no --accept-eulas', () => {
    useScenario(scenario());
    const run = wua('accept-eulas', '--all');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('License terms of KB1006 Redistributable with terms:');
    expect(run.stdout).toContain('  MICROSOFT SOFTWARE LICENSE TERMS');
    expect(run.stdout).not.toContain('Clause 12 of the terms');
    expect(run.stdout).toMatch(/more characters: --verbose shows them all/);
    // --all accepts what has terms; the others are not listed.
    expect(run.stdout).toMatch(/KB1006\s+Redistributable with terms\s+accepted/);
    expect(run.stdout).not.toContain('KB1001');
    const install = wua('install', '--kb', '1006');
    expect(install.status).toBe(0);
    expect(install.stdout).toMatch(/KB1006\s+Redistributable with terms\s+succeeded/);
  });

  it('shows all the terms with --verbose, and carries them in the JSON document', () => {
    useScenario(scenario());
    const dry = wua('accept-eulas', '--kb', '1006', '--dry-run', '--verbose');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Clause 12 of the terms');
    expect(dry.stdout).toMatch(/KB1006\s+Redistributable with terms\s+would accept/);
    const run = wua('accept-eulas', '--kb', '1006,1001', '--json');
    expect(doc(run)).toMatchObject({
      operation: 'acceptEulas', resultCode: 'succeeded', exitCode: 0,
      updates: [
        { updateId: A, status: 'unchanged', eulaAccepted: true, eulaText: null },
        { updateId: LICENSED, status: 'changed', eulaAccepted: true, eulaText: TERMS },
      ],
    });
    expect(wua('accept-eulas', '--kb', '1001').stdout).toMatch(/KB1001\s+Optional A\s+no license terms/);
  });

  it('a user who is not an administrator accepts nothing (status 1)', () => {
    useScenario(scenario({ isAdministrator: false }));
    const run = wua('accept-eulas', '--kb', '1006', '--json');
    expect(doc(run)).toMatchObject({ exitCode: 1, error: { name: 'PermissionError', code: 'E_ACCESSDENIED' },
      updates: [{ updateId: LICENSED, status: 'notStarted', eulaAccepted: false }] });
  });
});
