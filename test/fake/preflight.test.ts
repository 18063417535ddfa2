// UpdateSession.preflight() on the fake agent: the report comes from the scenario's state (its
// caller and logon), and what it predicts is what the fake agent then does.
import { afterEach, describe, expect, it } from 'vitest';

import { type PreflightCheckId, type PreflightReport, UpdateSession } from '../../lib/index.js';
import { FakeAgent } from '../../lib/testing/index.js';

const A = '11111111-1111-4111-8111-111111111111';
const opened: UpdateSession[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((session) => session.close()));
});

function sessionOn(agent: object = {}): UpdateSession {
  const fake = FakeAgent.fromScenario({
    name: 'preflight', agent, updates: [{ id: A, title: 'An update', installationBehavior: { canRequestUserInput: true } }],
  });
  const session = new UpdateSession({ agent: fake });
  opened.push(session);
  return session;
}

const statusOf = (report: PreflightReport, id: PreflightCheckId) => report.checks.find((check) => check.id === id)!;

describe('preflight() on the fake agent', () => {
  it('reports a ready machine for a scenario with an interactive administrator', async () => {
    const report = await sessionOn().preflight();
    expect(report.ready).toBe(true);
    expect(report.checks.filter((check) => check.status !== 'ok').map((check) => check.id)).toEqual([]);
    expect(report.facts.broker).toBeUndefined();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('predicts the E_ACCESSDENIED a remote logon then gets from download', async () => {
    const session = sessionOn({ logon: { remote: true } });
    const report = await session.preflight();
    expect(report.ready).toBe(false);
    expect(statusOf(report, 'token.logon')).toMatchObject({
      status: 'failure', facts: { logonType: 'network' }, predictedError: { code: 'E_ACCESSDENIED', operations: expect.arrayContaining(['download']) },
    });
    await expect(session.download([A])).rejects.toMatchObject({ hresult: 0x80070005 });
  });

  it('says a caller that is not an administrator is not elevated', async () => {
    const report = await sessionOn({ isAdministrator: false }).preflight();
    expect(statusOf(report, 'token.elevation')).toMatchObject({ status: 'failure', predictedError: { code: 'E_ACCESSDENIED' } });
  });

  it('predicts WU_E_NO_INTERACTIVE_USER for a Run As process with nobody logged on, as the install then fails', async () => {
    const session = sessionOn({ logon: { interactiveUser: false } });
    const report = await session.preflight();
    expect(statusOf(report, 'token.secondaryLogon')).toMatchObject({
      status: 'failure', predictedError: { code: 'WU_E_NO_INTERACTIVE_USER', operations: ['install'] },
    });
    await expect(session.install([A])).rejects.toMatchObject({ name: 'PermissionError', hresult: 0x80240020 });
  });
});
