// The facade against the machine's real Windows Update Agent, read only (see lane.ts): what any
// machine's answers must satisfy, never which updates it has. Skipped unless WUA_REAL_AGENT=1 on
// Windows; the run under Wine leaves this folder out (the simulator is not a real agent).
import { describe, expect, it } from 'vitest';

import { UpdateSession, type UpdateField } from '../../lib/index.js';
import { sessionsPerTest } from '../core/sessions.js';
import {
  automaticUpdatesProblems, historyProblems, overlap, preflightProblems, searchProblems, servicesProblems, statusProblems,
} from './invariants.js';
import { isolation, onlineSearch, realAgent, SEARCH_TIMEOUT_MS } from './lane.js';

const sessions = sessionsPerTest({ clientApplicationId: 'windows-update-agent real-agent lane', isolation });
const offline = { online: false, signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) } as const;

describe.skipIf(!realAgent)('the real agent, read only', () => {
  it('describes the session it opened', async () => {
    const info = await sessions.open().describe();
    expect(info.clientApplicationId).toBe('windows-update-agent real-agent lane');
    expect(typeof info.readOnly).toBe('boolean');
  });

  it('reports a status whose every missing value is explained', async () => {
    const session = sessions.open();
    const status = await session.status();
    expect(statusProblems(status)).toEqual([]);
    // agentInfo() is the part of status() older callers read: the two agree.
    const { apiMajorVersion, apiMinorVersion, productVersion } = status;
    if (apiMajorVersion !== null && apiMinorVersion !== null && productVersion !== null && status.rebootRequiredBy.agent !== null) {
      await expect(session.agentInfo()).resolves.toEqual({ apiMajorVersion, apiMinorVersion, productVersion, rebootRequired: status.rebootRequiredBy.agent });
    }
  });

  it('searches offline: installed and not installed updates are well formed, and none is both', async () => {
    const session = sessions.open();
    const installed = await session.search('IsInstalled=1', offline);
    const notInstalled = await session.search('IsInstalled=0 and IsHidden=0', offline);
    expect(searchProblems(installed, { isInstalled: true })).toEqual([]);
    expect(searchProblems(notInstalled, { isInstalled: false, isHidden: false })).toEqual([]);
    expect(overlap(installed, notInstalled)).toEqual([]);
  }, SEARCH_TIMEOUT_MS);

  it('runs README\'s "Fewer fields" example offline: the records hold the fields asked for, and the stream the same updates', async () => {
    const session = sessions.open();
    const fields: UpdateField[] = ['title', 'kbArticleIds', 'msrcSeverity', 'isInstalled', 'deploymentAction'];
    const { updates } = await session.search({ isInstalled: false }, { ...offline, fields });
    for (const update of updates) expect(Object.keys(update).sort()).toEqual(['identity', ...fields].sort());
    const heartbeats: string[] = [];
    const streamed: string[] = [];
    for await (const update of session.searchStream({ isInstalled: false }, {
      ...offline, fields: ['title'], heartbeatIntervalMs: 250, onHeartbeat: ({ phase }) => heartbeats.push(phase),
    })) {
      expect(Object.keys(update).sort()).toEqual(['identity', 'title']);
      streamed.push(update.identity.updateId);
    }
    expect(new Set(streamed).size).toBe(streamed.length);
    expect(streamed.sort()).toEqual(updates.map((update) => update.identity.updateId).sort());
  }, SEARCH_TIMEOUT_MS);

  it.runIf(onlineSearch)('searches online (WUA_REAL_AGENT_ONLINE=1) with the same invariants', async () => {
    const result = await sessions.open().search(undefined, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS) });
    expect(searchProblems(result, { isInstalled: false, isHidden: false })).toEqual([]);
  }, SEARCH_TIMEOUT_MS);

  it('reads the history newest first, with a total that agrees with historyCount(), and each update\'s own entries', async () => {
    const session = sessions.open();
    const count = await session.historyCount();
    const read = session.history({ count: 500 });
    const entries = [];
    for await (const entry of read) entries.push(entry);
    expect(historyProblems(entries)).toEqual([]);
    const total = await read.total;
    expect(entries.length).toBe(Math.min(total, 500));
    // Automatic Updates may add an entry between the two reads; it never removes one.
    expect(total).toBeGreaterThanOrEqual(count);
    const first = entries[0];
    if (first) {
      const own = await session.historyOf(first.identity.updateId);
      expect(historyProblems(own)).toEqual([]);
      expect(own.every((entry) => entry.identity.updateId === first.identity.updateId)).toBe(true);
    }
  });

  it('runs README\'s History example: failed entries since a date, and the total', async () => {
    const since = new Date(Date.now() - 90 * 86_400_000);
    const read = sessions.open().history({ since, resultCode: 'failed' });
    const entries = [];
    for await (const entry of read) entries.push(entry);
    expect(historyProblems(entries)).toEqual([]);
    expect(entries.every((entry) => entry.resultCode === 'failed' && entry.date >= since)).toBe(true);
    expect(await read.total).toBeGreaterThanOrEqual(entries.length);
  });

  it('lists the update services', async () => {
    const services = await sessions.open().services();
    expect(services.length).toBeGreaterThan(0);
    expect(servicesProblems(services)).toEqual([]);
  });

  it('reads the Automatic Updates settings', async () => {
    expect(automaticUpdatesProblems(await sessions.open().automaticUpdates())).toEqual([]);
  });

  it('runs the preflight, whose verdict follows from its checks', async () => {
    const report = await sessions.open().preflight();
    expect(preflightProblems(report)).toEqual([]);
    // The lane's workflow starts the Windows Update service first: the check sees it.
    if (process.env.GITHUB_ACTIONS === 'true') {
      expect(report.checks.find((check) => check.id === 'service.wuauserv')?.status).not.toBe('failure');
    }
  });

  it('closes a session that was used, and refuses calls after', async () => {
    const session = new UpdateSession({ isolation });
    await session.status();
    await session.close();
    await expect(session.status()).rejects.toMatchObject({ name: 'SessionClosedError' });
  });
});
