// Hiding, showing and license terms (UpdateSession.hide, unhide, acceptEulas) against the
// simulated agent: per-update outcomes, the agent's refusals, the caller's rights.
import { describe, expect, it } from 'vitest';

import {
  describeHresult, InvalidArgumentError, PermissionError, SessionClosedError, type UpdateSession, WindowsUpdateError,
} from '../../lib/index.js';
import { calls, clearCalls, hresult, useScenario } from './backend.js';
import { sessionsPerTest } from '../core/sessions.js';

const A = 'a1a1a1a1-0000-4000-8000-000000000001';
const B = 'b2b2b2b2-0000-4000-8000-000000000002';
const MANDATORY = 'c3c3c3c3-0000-4000-8000-000000000003';
const DEADLINE = 'd4d4d4d4-0000-4000-8000-000000000004';
const HIDDEN = 'e5e5e5e5-0000-4000-8000-000000000005';
const LICENSED = 'f6f6f6f6-0000-4000-8000-000000000006';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';
const DECLINED = 0x80248016;

const sessions = sessionsPerTest({ clientApplicationId: 'hiding tests' });
const open = (): UpdateSession => sessions.open();

function scenario(agent: object = {}): object {
  return {
    name: 'hiding',
    agent,
    updates: [
      { id: A, title: 'Optional A', kbArticleIds: ['9100001'] },
      { id: B, title: 'Optional B', kbArticleIds: ['9200002'] },
      { id: MANDATORY, title: 'Mandatory update', kbArticleIds: ['9300003'], isMandatory: true },
      { id: DEADLINE, title: 'Update with a deadline', kbArticleIds: ['9400004'], deadline: '2026-12-01T00:00:00Z' },
      { id: HIDDEN, title: 'Hidden update', kbArticleIds: ['9500005'], state: { isHidden: true } },
      { id: LICENSED, title: 'Redistributable with terms', kbArticleIds: ['9600006'], eulaText: 'The license terms.', state: { isDownloaded: true } },
    ],
  };
}

async function hiddenIds(session: UpdateSession): Promise<string[]> {
  const { updates } = await session.search({ isHidden: true });
  return updates.map((update) => update.identity.updateId).sort();
}

async function shownIds(session: UpdateSession): Promise<string[]> {
  const { updates } = await session.search();
  return updates.map((update) => update.identity.updateId).sort();
}

describe('hide() and unhide()', () => {
  it('hide an update, which then leaves the default search and joins the hidden ones', async () => {
    useScenario(scenario());
    const session = open();
    const { updates } = await session.search();
    const result = await session.hide(updates.filter((update) => update.identity.updateId === A));
    expect(result).toEqual({
      operation: 'hide', resultCode: 'succeeded',
      updates: [{
        updateId: A, title: 'Optional A', kbArticleIds: ['9100001'], status: 'changed', isHidden: true,
        hresult: 0, code: 'S_OK', meaning: 'success',
      }],
    });
    expect(await shownIds(session)).not.toContain(A);
    expect(await hiddenIds(session)).toEqual([A, HIDDEN].sort());
    // Another session, and so the agent's state rather than this session's objects, agrees.
    expect(await hiddenIds(open())).toEqual([A, HIDDEN].sort());

    const shown = await session.unhide([A]);
    expect(shown.updates).toEqual([expect.objectContaining({ updateId: A, status: 'changed', isHidden: false })]);
    expect(await shownIds(session)).toContain(A);
  });

  it('leave an update already as asked alone, without asking the agent', async () => {
    useScenario(scenario());
    const session = open();
    await session.search({ isHidden: true });
    clearCalls();
    const result = await session.hide([HIDDEN]);
    expect(result).toMatchObject({ resultCode: 'succeeded', updates: [{ updateId: HIDDEN, status: 'unchanged', isHidden: true, code: 'S_OK' }] });
    const again = await session.unhide([A]);
    expect(again.updates).toEqual([expect.objectContaining({ updateId: A, status: 'unchanged', isHidden: false })]);
    expect(calls()).not.toContain('IUpdate::put_IsHidden');
    const shown = await session.unhide([HIDDEN]);
    expect(shown.updates).toEqual([expect.objectContaining({ updateId: HIDDEN, status: 'changed', isHidden: false })]);
    expect(await shownIds(session)).toContain(HIDDEN);
  });

  it('hide the others when the agent refuses a mandatory update and one with a deadline', async () => {
    useScenario(scenario());
    const session = open();
    const result = await session.hide([A, MANDATORY, DEADLINE, B]);
    const declined = describeHresult(DECLINED);
    expect(declined.name).toBe('WU_E_DS_DECLINENOTALLOWED');
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.updates).toEqual([
      expect.objectContaining({ updateId: A, status: 'changed', isHidden: true, hresult: 0 }),
      {
        updateId: MANDATORY, title: 'Mandatory update', kbArticleIds: ['9300003'], status: 'failed', isHidden: false,
        hresult: DECLINED, code: declined.name, meaning: declined.meaning, description: expect.stringMatching(/mandatory/),
      },
      expect.objectContaining({ updateId: DEADLINE, status: 'failed', isHidden: false, hresult: DECLINED, code: declined.name }),
      expect.objectContaining({ updateId: B, status: 'changed', isHidden: true }),
    ]);
    expect(await hiddenIds(session)).toEqual([A, B, HIDDEN].sort());
  });

  it('resolve with every outcome when the agent refuses every update', async () => {
    useScenario(scenario());
    const result = await open().hide([MANDATORY, DEADLINE]);
    expect(result.resultCode).toBe('failed');
    expect(result.updates.map((update) => [update.updateId, update.status, update.code]))
      .toEqual([[MANDATORY, 'failed', 'WU_E_DS_DECLINENOTALLOWED'], [DEADLINE, 'failed', 'WU_E_DS_DECLINENOTALLOWED']]);
  });

  it('take update IDs in any case, the same records after a JSON round trip, and name each update once', async () => {
    useScenario(scenario());
    const { updates } = await open().search();
    const records = JSON.parse(JSON.stringify(updates.filter((update) => [A, B].includes(update.identity.updateId)))) as unknown[];
    // A session that never saw these records finds the updates again by ID.
    const result = await open().hide([...records, A.toUpperCase()] as never);
    expect(result.updates.map((update) => update.updateId)).toEqual([A, B]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(await hiddenIds(open())).toEqual([A, B, HIDDEN].sort());
  });
});

describe('acceptEulas()', () => {
  it('accepts license terms apart from installing: the install then needs no acceptEulas', async () => {
    useScenario(scenario());
    const session = open();
    const { updates } = await session.search();
    const licensed = updates.find((update) => update.identity.updateId === LICENSED)!;
    expect(licensed).toMatchObject({ eulaText: 'The license terms.', eulaAccepted: false });
    await expect(session.install([LICENSED])).rejects.toMatchObject({ code: 'WU_E_EULAS_DECLINED' });

    const result = await session.acceptEulas([licensed, A]);
    expect(result).toEqual({
      operation: 'acceptEulas', resultCode: 'succeeded',
      updates: [
        { updateId: LICENSED, title: 'Redistributable with terms', kbArticleIds: ['9600006'], status: 'changed', eulaAccepted: true,
          hresult: 0, code: 'S_OK', meaning: 'success' },
        // Without terms, nothing is left to accept.
        expect.objectContaining({ updateId: A, status: 'unchanged', eulaAccepted: true }),
      ],
    });
    expect(calls().filter((call) => call === 'IUpdate::AcceptEula')).toHaveLength(1);
    await expect(session.install([LICENSED])).resolves.toMatchObject({ resultCode: 'succeeded' });
    const again = await open().acceptEulas([LICENSED]);
    expect(again.updates).toEqual([expect.objectContaining({ status: 'unchanged', eulaAccepted: true })]);
  });

  it('gives an update whose terms the agent cannot accept its code', async () => {
    useScenario(scenario({ faults: { 'IUpdate::AcceptEula': hresult('WU_E_EULA_UNAVAILABLE') } }));
    const result = await open().acceptEulas([LICENSED]);
    expect(result).toMatchObject({
      resultCode: 'failed',
      updates: [{ updateId: LICENSED, status: 'failed', eulaAccepted: false, code: 'WU_E_EULA_UNAVAILABLE', hresult: 0x80240033 }],
    });
  });
});

describe('the caller\'s rights', () => {
  it('a user who is not an administrator gets a PermissionError, and nothing changes', async () => {
    useScenario(scenario({ isAdministrator: false }));
    const session = open();
    for (const call of [() => session.hide([A, B]), () => session.unhide([HIDDEN]), () => session.acceptEulas([LICENSED])]) {
      const failure = await call().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermissionError);
      expect(failure).toBeInstanceOf(WindowsUpdateError);
      expect(failure).toMatchObject({ name: 'PermissionError', code: 'E_ACCESSDENIED', hresult: 0x80070005, category: 'permission' });
    }
    expect(await hiddenIds(session)).toEqual([HIDDEN]);
    // Nothing to do needs no rights.
    await expect(session.hide([HIDDEN])).resolves.toMatchObject({ updates: [{ status: 'unchanged' }] });
  });

  it('every call turns a permission code into a PermissionError', async () => {
    useScenario(scenario({ isAdministrator: false }));
    const download = await open().download([A]).catch((error: unknown) => error);
    expect(download).toBeInstanceOf(PermissionError);
    expect(download).toMatchObject({ code: 'WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED', operation: 'download' });
    useScenario(scenario({ faults: { 'IUpdateSession::get_ReadOnly': hresult('E_ACCESSDENIED') } }));
    await expect(open().describe()).rejects.toBeInstanceOf(PermissionError);
    useScenario(scenario({ faults: { 'IUpdateSession::get_ReadOnly': hresult('WU_E_SERVICE_STOP') } }));
    const other = await open().describe().catch((error: unknown) => error);
    expect(other).toBeInstanceOf(WindowsUpdateError);
    expect(other).not.toBeInstanceOf(PermissionError);
  });

  it.each([
    ['Microsoft\'s list', { remote: true }],
    ['a list of its own', { remote: true, deniedCalls: ['IUpdateSession::CreateUpdateInstaller'] }],
  ])('a remote logon (%s) may read but not hide or accept: PermissionError', async (_, logon) => {
    useScenario(scenario({ logon }));
    const session = open();
    for (const call of [() => session.hide([A]), () => session.acceptEulas([LICENSED])]) {
      const failure = await call().catch((error: unknown) => error) as PermissionError;
      expect(failure).toBeInstanceOf(PermissionError);
      expect(failure).toMatchObject({ code: 'E_ACCESSDENIED', description: expect.stringMatching(/remote session/) });
      expect(failure.hint).toMatch(/remote/i);
    }
    expect(await hiddenIds(session)).toEqual([HIDDEN]);
  });
});

describe('bad input and a closed session', () => {
  it.each([
    [['not-a-guid']],
    [[{ identity: {} }]],
    [[42]],
  ])('rejects %j before calling the agent', async (updates) => {
    useScenario(scenario());
    const session = open();
    clearCalls();
    for (const call of [() => session.hide(updates as never), () => session.unhide(updates as never), () => session.acceptEulas(updates as never)]) {
      await expect(call()).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(calls()).toEqual([]);
  });

  it('rejects an update the agent does not know, before changing any', async () => {
    useScenario(scenario());
    const session = open();
    const failure = await session.hide([A, UNKNOWN]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ code: 'WU_E_ITEMNOTFOUND', operation: 'hide', description: expect.stringContaining(UNKNOWN) });
    expect(calls()).not.toContain('IUpdate::put_IsHidden');
    expect(await hiddenIds(session)).toEqual([HIDDEN]);
  });

  it('has nothing to do for an empty list, without calling the agent', async () => {
    useScenario(scenario());
    const session = open();
    clearCalls();
    await expect(session.hide([])).resolves.toEqual({ operation: 'hide', resultCode: 'succeeded', updates: [] });
    await expect(session.unhide([])).resolves.toEqual({ operation: 'unhide', resultCode: 'succeeded', updates: [] });
    await expect(session.acceptEulas([])).resolves.toEqual({ operation: 'acceptEulas', resultCode: 'succeeded', updates: [] });
    expect(calls()).toEqual([]);
  });

  it('rejects every call after close(), an empty list included', async () => {
    useScenario(scenario());
    const session = open();
    await session.search();
    await session.close();
    for (const call of [() => session.hide([A]), () => session.unhide([]), () => session.acceptEulas([LICENSED])]) {
      await expect(call()).rejects.toBeInstanceOf(SessionClosedError);
    }
  });
});
