// The real-agent lane's checks (test/real-agent/invariants.ts), here where no real agent is: the
// fake agent's answers pass them, and answers broken on purpose fail them with a line that names
// what is wrong. Without this, a check that can never fail would pass on every real machine.
import { afterAll, describe, expect, it } from 'vitest';

import { UpdateSession, type HistoryEntry, type SearchResult, type UpdateRecord } from '../../lib/index.js';
import { FakeAgent } from '../../lib/testing/index.js';
import {
  automaticUpdatesProblems, historyProblems, overlap, preflightProblems, searchProblems, servicesProblems, statusProblems, updateProblems,
} from '../real-agent/invariants.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const agent = FakeAgent.fromScenario({
  name: 'invariants',
  agent: {
    services: [
      { id: '7971f918-a847-4430-9279-4a52d1efe18d', name: 'Microsoft Update', isRegisteredWithAu: true },
      { id: '9482f4b4-e343-43b6-b170-9a65bc822c77', name: 'Windows Update' },
    ],
  },
  updates: [
    { id: A, title: 'Installed update (KB5000001)', kbArticleIds: ['5000001'], state: { isInstalled: true } },
    { id: B, title: 'Offered update (KB5000002)', kbArticleIds: ['5000002'], state: { isDownloaded: true } },
  ],
});
const session = new UpdateSession({ agent });
afterAll(() => session.close());

const copy = <T>(value: T): T => structuredClone(value);
const offline = { online: false } as const;

describe('the real-agent lane\'s checks', () => {
  it('pass the fake agent\'s search, and find a record broken in each way they look for', async () => {
    const installed = await session.search('IsInstalled=1', offline);
    const offered = await session.search('IsInstalled=0', offline);
    expect(searchProblems(installed, { isInstalled: true })).toEqual([]);
    expect(searchProblems(offered, { isInstalled: false })).toEqual([]);
    expect(overlap(installed, offered)).toEqual([]);
    expect(overlap(installed, installed)).toEqual([A]);

    const good = offered.updates[0]!;
    const broken = (change: (update: UpdateRecord & Record<string, unknown>) => void): string[] => {
      const update = copy(good) as UpdateRecord & Record<string, unknown>;
      change(update);
      return updateProblems(update);
    };
    expect(broken((u) => { u.identity = { updateId: 'ABCDEF12-2222-4222-8222-222222222222', revisionNumber: 1 }; })).toEqual([expect.stringMatching(/identity.updateId is not a lower-case GUID/)]);
    expect(broken((u) => { u.deploymentAction = 'unknown(9)' as never; })).toEqual([expect.stringMatching(/deploymentAction is none of none, installation/)]);
    expect(broken((u) => { u.lastDeploymentChangeTime = new Date(Number.NaN); })).toEqual([expect.stringMatching(/lastDeploymentChangeTime is neither a valid Date/)]);
    expect(broken((u) => { u.kbArticleIds = ['KB5000002']; })).toEqual([expect.stringMatching(/kbArticleIds\[0\] is not digits/)]);
    expect(broken((u) => { u.minDownloadSize = u.maxDownloadSize + 1; })).toEqual([expect.stringMatching(/minDownloadSize exceeds maxDownloadSize/)]);
    expect(broken((u) => { u.installationBehavior = { ...u.installationBehavior, impact: 'huge' as never }; }))
      .toEqual([expect.stringMatching(/installationBehavior.impact is none of/)]);

    const twice: SearchResult = { ...offered, updates: [good, good] };
    expect(searchProblems(twice)).toEqual([expect.stringMatching(/hold an update twice/)]);
    expect(searchProblems(offered, { isInstalled: true })).toEqual([expect.stringMatching(/isInstalled is not true, as the criteria asked/)]);
    expect(searchProblems({ ...offered, resultCode: 'failed' })).toEqual([expect.stringMatching(/resultCode is neither succeeded/)]);
  });

  it('pass the fake agent\'s history, and find entries out of order or out of range', async () => {
    await session.install([B], { acceptEulas: true });
    const entries: HistoryEntry[] = [];
    for await (const entry of session.history()) entries.push(entry);
    expect(entries).toHaveLength(1);
    expect(historyProblems(entries)).toEqual([]);
    const [entry] = entries;
    const older = { ...entry!, date: new Date(entry!.date.getTime() - 60_000) };
    const newer = { ...entry!, date: new Date(entry!.date.getTime() + 60_000) };
    expect(historyProblems([entry!, older])).toEqual([]);
    expect(historyProblems([entry!, newer])).toEqual([expect.stringMatching(/entries\[1\].date is newer than the entry before it/)]);
    expect(historyProblems([{ ...entry!, hresult: 0x80240022 }])).toEqual([expect.stringMatching(/hresult is not 0 for a succeeded entry/)]);
    expect(historyProblems([{ ...entry!, resultCode: 'failed', hresult: -2145124318 }])).toEqual([expect.stringMatching(/hresult is not a whole number from 0 to 4294967295/)]);
  });

  it('pass the fake agent\'s status, services, settings and preflight, and find what contradicts itself', async () => {
    const status = await session.status();
    expect(statusProblems(status)).toEqual([]);
    expect(statusProblems({ ...status, installerBusy: null })).toEqual([expect.stringMatching(/installerBusy is null with no warning naming it/)]);
    expect(statusProblems({ ...status, rebootRequired: !status.rebootRequired })).toEqual([expect.stringMatching(/rebootRequired is not/)]);
    expect(statusProblems({ ...status, productVersion: 'ten' })).toEqual([expect.stringMatching(/productVersion is not a dotted version/)]);

    const services = await session.services();
    expect(services).toHaveLength(2);
    expect(servicesProblems(services)).toEqual([]);
    expect(servicesProblems(services.map((service) => ({ ...service, isDefaultAuService: true }))))
      .toEqual([expect.stringMatching(/isDefaultAuService is true for more than one service/)]);
    expect(servicesProblems([...services, ...services])).toEqual(expect.arrayContaining([expect.stringMatching(/is listed twice/)]));

    const settings = await session.automaticUpdates();
    expect(automaticUpdatesProblems(settings)).toEqual([]);
    expect(automaticUpdatesProblems({ ...settings, settings: { ...settings.settings, notificationLevel: 'sometimes' as never } }))
      .toEqual([expect.stringMatching(/notificationLevel is none of/)]);

    const report = await session.preflight();
    expect(preflightProblems(report)).toEqual([]);
    expect(preflightProblems({ ...report, ready: !report.ready })).toEqual([expect.stringMatching(/ready is not/)]);
    expect(preflightProblems({ ...report, checks: report.checks.filter((check) => check.id !== 'service.wuauserv') }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/lack service.wuauserv/)]));
  });
});
