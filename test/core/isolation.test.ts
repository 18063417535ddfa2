// Process isolation: a call the agent never answers, in a child process the session owns, ends
// with an AgentUnresponsiveError once the grace period after its abort has passed; the child is
// gone from the process list, the event loop never stalls, and the same session's next call runs
// in a fresh child. The wedges are the simulated agent's (test/sim/README.md, "Wedges"): calls
// that ignore RequestAbort and never return, as the real agent's have been reported to.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  AbortError, AgentUnresponsiveError, type Progress, type SearchResult, UpdateSession, WindowsUpdateError,
} from '../../lib/index.js';
import { sessionsPerTest } from './sessions.js';
// @ts-expect-error: a plain ES module without type declarations
import { generateCatalog } from '../sim/generate-catalog.mjs';
import { processes, releaseWedges, simulatorStatus, useScenario } from '../sim/harness.js';
import { scanPackageFile } from '../stress/fault-matrix.js';

const root = path.resolve(__dirname, '..', '..');
// Short, so that the tests do not wait long; the bounds below on time are generous on purpose,
// since the machine may be busy: what is asserted is the order of what happens.
const GRACE_MS = 800;
const LATE_MS = 30_000;

const QUICK = '71717171-7171-4171-8171-717171717171';
const WEDGED = '72727272-7272-4272-8272-727272727272';
const EXCLUSIVE = '73737373-7373-4373-8373-737373737373';

const isolated = sessionsPerTest({ clientApplicationId: 'isolation tests', isolation: 'process', graceMs: GRACE_MS });
const inProcess = sessionsPerTest({ clientApplicationId: 'isolation tests' });

/** The process IDs the system lists now. */
function listedProcessIds(): Set<number> {
  const ids = new Set(processes().map((listed) => listed.pid));
  if (!ids.has(process.pid)) throw new Error('the process list does not have this process');
  return ids;
}

/** The longest gap between ticks of a 10 ms timer while it runs: how long the event loop was held. */
function watchEventLoop(): { stop(): { longestGapMs: number; ticks: number } } {
  let last = performance.now();
  let longestGapMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks += 1;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { longestGapMs, ticks };
    },
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = LATE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A session whose child runs and answers: its first call starts the child. */
async function started(session: UpdateSession): Promise<number> {
  // A call that reads neither IUpdateSession::ReadOnly (which a test wedges) nor an update.
  await session.historyCount();
  const pid = session.processId;
  if (pid === undefined) throw new Error('no child process runs');
  expect(pid).not.toBe(process.pid);
  expect(listedProcessIds().has(pid)).toBe(true);
  return pid;
}

function catalog(): object {
  return {
    name: 'isolation',
    updates: [
      { id: QUICK, title: 'Quick update', kbArticleIds: ['7100001'], state: { isDownloaded: true },
        install: { durationMs: 100, progressSteps: 2 } },
      { id: WEDGED, title: 'Update whose installer never ends', kbArticleIds: ['7200002'], state: { isDownloaded: true },
        install: { wedged: true } },
      { id: EXCLUSIVE, title: 'Servicing stack update', kbArticleIds: ['7300003'], state: { isDownloaded: true },
        installationBehavior: { impact: 'requiresExclusiveHandling' } },
    ],
  };
}

describe('a call the agent never answers, isolated', () => {
  it('a wedged search ends with AgentUnresponsiveError once the grace after its abort has passed, and the session goes on', async () => {
    useScenario({ name: 'wedged-search', search: { wedged: true } });
    const session = isolated.open();
    const wedgedChild = await started(session);
    const loop = watchEventLoop();
    const events: string[] = [];
    const controller = new AbortController();
    let abortedAt = 0;
    let settledAt = 0;
    const search = session.search(undefined, { signal: controller.signal }).then(
      () => { events.push('resolved'); },
      (error: unknown) => {
        settledAt = performance.now();
        events.push('rejected');
        return error;
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    events.push('abort');
    abortedAt = performance.now();
    controller.abort(new Error('the caller gave up'));
    const failure = await search;
    const { longestGapMs, ticks } = loop.stop();

    expect(events).toEqual(['abort', 'rejected']);
    expect(failure).toBeInstanceOf(AgentUnresponsiveError);
    expect(failure).toMatchObject({
      name: 'AgentUnresponsiveError', code: 'ERR_WUA_AGENT_UNRESPONSIVE', operation: 'search', reason: 'abortIgnored',
      graceMs: GRACE_MS, message: expect.stringMatching(/^search: no answer from the agent: the agent did not confirm the abort within 800 ms/),
    });
    // Not before the grace has passed, and not long after.
    expect(settledAt - abortedAt).toBeGreaterThanOrEqual(GRACE_MS - 20);
    expect(settledAt - abortedAt).toBeLessThan(GRACE_MS + LATE_MS);
    // The event loop went on all along.
    expect(ticks).toBeGreaterThan(10);
    expect(longestGapMs).toBeLessThan(1_000);
    // When the call rejects, its process is gone.
    expect(listedProcessIds().has(wedgedChild)).toBe(false);
    expect(session.processId).toBeUndefined();

    // The same session's next call runs in a fresh child, against an agent that answers.
    useScenario('basic');
    const { updates } = await session.search();
    expect(updates.length).toBeGreaterThan(0);
    expect(session.processId).not.toBe(wedgedChild);
    expect(listedProcessIds().has(session.processId!)).toBe(true);
  });

  it('an aborted install or offline scan whose step before the job never answers ends the same way, and its call does not hang', async () => {
    // The agent's search for the updates (before any job) and its service manager (before the scan) never answer.
    useScenario({ ...catalog(), name: 'wedged-steps', agent: { wedgedCalls: ['IUpdateSearcher::Search', 'IUpdateSession3::CreateUpdateServiceManager'] } });
    for (const run of [
      (session: UpdateSession, signal: AbortSignal) => session.install([QUICK], { signal }),
      (session: UpdateSession, signal: AbortSignal) => session.scanOffline(scanPackageFile(), '', { signal }),
    ]) {
      const session = isolated.open();
      const child = await started(session);
      const controller = new AbortController();
      const call = run(session, controller.signal).then(() => 'resolved', (error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const abortedAt = performance.now();
      controller.abort(new Error('the caller gave up'));
      const failure = await call;
      expect(failure).toBeInstanceOf(AgentUnresponsiveError);
      expect(failure).toMatchObject({ reason: 'abortIgnored', graceMs: GRACE_MS });
      expect(performance.now() - abortedAt).toBeLessThan(GRACE_MS + LATE_MS);
      expect(listedProcessIds().has(child)).toBe(false);
      releaseWedges();
    }
  });

  it('a wedged install ends the same way, after the progress the agent reported, which the error keeps', async () => {
    useScenario(catalog());
    const session = isolated.open();
    const wedgedChild = await started(session);
    const events: string[] = [];
    const controller = new AbortController();
    const install = session.install([QUICK, WEDGED], {
      signal: controller.signal,
      onProgress: (progress) => {
        events.push(`progress ${progress.current.updateId === WEDGED ? 'wedged' : 'quick'} ${progress.percentComplete}%`);
        // The wedged update's installer started: the caller gives up on it.
        if (progress.current.updateId === WEDGED && !controller.signal.aborted) {
          events.push('abort');
          controller.abort(new Error('maintenance window closed'));
        }
      },
    }).catch((error: unknown) => {
      events.push('rejected');
      return error;
    });
    const failure = await install as AgentUnresponsiveError;

    // The quick update's progress, the wedged one's start, the abort, and only then the end.
    expect(events[0]).toMatch(/^progress quick/);
    expect(events.slice(-3)).toEqual([expect.stringMatching(/^progress wedged/), 'abort', 'rejected']);
    expect(failure).toBeInstanceOf(AgentUnresponsiveError);
    expect(failure).toMatchObject({
      operation: 'install', reason: 'abortIgnored', graceMs: GRACE_MS, result: undefined,
      lastProgress: { operation: 'install', step: 'install', current: { updateId: WEDGED, index: 1 } },
    });
    expect(failure.cause).toEqual(new Error('maintenance window closed'));
    expect(listedProcessIds().has(wedgedChild)).toBe(false);
    // The next call runs in a fresh child; the quick update was installed before the wedge.
    const { updates } = await session.search('IsInstalled=1');
    expect(updates.map((update) => update.identity.updateId)).toEqual([QUICK]);
  });

  it('an install of several jobs keeps what the finished jobs did, and marks what the agent left unanswered', async () => {
    useScenario(catalog());
    const session = isolated.open();
    await started(session);
    const controller = new AbortController();
    const deadline = new DOMException('the deadline passed', 'TimeoutError');
    const failure = await session.install([WEDGED, EXCLUSIVE], {
      signal: controller.signal,
      onProgress: (progress) => { if (progress.current.updateId === WEDGED) controller.abort(deadline); },
    }).catch((error: unknown) => error) as AgentUnresponsiveError;
    expect(failure).toBeInstanceOf(AgentUnresponsiveError);
    expect(failure.cause).toBe(deadline);
    // The exclusive update's own job came first and finished; the other job never answered.
    expect(failure.result).toMatchObject({
      resultCode: 'inProgress', rebootRequired: false,
      updates: [
        { updateId: WEDGED, title: 'Update whose installer never ends', resultCode: 'inProgress', step: 'install',
          reason: 'the agent stopped answering during its job: outcome unknown' },
        { updateId: EXCLUSIVE, kbArticleIds: ['7300003'], resultCode: 'succeeded', step: 'install' },
      ],
    });
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({ name: 'AgentUnresponsiveError', reason: 'abortIgnored', result: { resultCode: 'inProgress' } });
  });

  it('a child killed from outside mid-search rejects its call with the same error, and the next call starts another', async () => {
    useScenario({ name: 'long-search', search: { durationMs: 60_000 } });
    const session = isolated.open();
    const child = await started(session);
    const search = session.search().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const kill = spawnSync('taskkill', ['/F', '/PID', String(child)], { encoding: 'utf8', timeout: 30_000 });
    expect(kill.status, kill.stdout + kill.stderr).toBe(0);
    const failure = await search;
    expect(failure).toBeInstanceOf(AgentUnresponsiveError);
    expect(failure).toMatchObject({ operation: 'search', reason: 'exited', graceMs: undefined });
    expect(listedProcessIds().has(child)).toBe(false);

    useScenario('basic');
    await expect(session.search()).resolves.toMatchObject({ resultCode: 'succeeded' });
    expect(session.processId).not.toBe(child);
  });

  it('close() ends a child whose agent does not answer a call that takes no signal, within the grace', async () => {
    useScenario({ name: 'wedged-session', agent: { wedgedCalls: ['IUpdateSession::get_ReadOnly'] } });
    const session = isolated.open();
    const child = await started(session);
    const events: string[] = [];
    const describeCall = session.describe().catch((error: unknown) => {
      events.push('describe rejected');
      return error;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    events.push('close');
    const closing = performance.now();
    await session.close();
    events.push('closed');
    expect(performance.now() - closing).toBeGreaterThanOrEqual(GRACE_MS - 20);
    const failure = await describeCall;
    expect(events).toEqual(['close', 'describe rejected', 'closed']);
    expect(failure).toMatchObject({ name: 'AgentUnresponsiveError', operation: 'describe', reason: 'closeIgnored' });
    expect(listedProcessIds().has(child)).toBe(false);
    expect(session.processId).toBeUndefined();
  });

  it('leaves no child behind when the process that owns the session is killed', async () => {
    const { env } = useScenario({ name: 'wedged-search', search: { wedged: true } });
    const script = `
      const { UpdateSession } = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
      const session = new UpdateSession({ isolation: 'process', graceMs: ${GRACE_MS} });
      session.agentInfo().then(() => {
        session.search().catch(() => {});
        process.stdout.write(String(session.processId) + '\\n');
      });`;
    const owner = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const child = Number(await new Promise<string>((resolve) => owner.stdout.once('data', (data: Buffer) => resolve(String(data)))));
    expect(listedProcessIds().has(child)).toBe(true);
    const kill = spawnSync('taskkill', ['/F', '/PID', String(owner.pid)], { encoding: 'utf8', timeout: 30_000 });
    expect(kill.status, kill.stdout + kill.stderr).toBe(0);
    // The child hears its channel close, ends its agent session (a wedged search does not hold
    // that up: its abort is asked, and the agent's thread is not the session's) and exits.
    await until(() => !listedProcessIds().has(child), `process ${child} to exit`);
  });
});

describe('in process, by contrast', () => {
  it('nothing ends a wedged search: its abort is never confirmed while the agent holds it', async () => {
    useScenario({ name: 'wedged-search', search: { wedged: true } });
    const session = inProcess.open();
    const controller = new AbortController();
    let settled = false;
    const search = session.search(undefined, { signal: controller.signal }).finally(() => { settled = true; }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 3 * GRACE_MS));
    expect(settled).toBe(false);
    expect(simulatorStatus().wedgedCalls).toBe(1);
    // Only the test can let the agent go; the call then fails as if the agent had gone away.
    expect(releaseWedges()).toBe(1);
    const failure = await search;
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ code: 'RPC_E_DISCONNECTED' });
  });
});

describe('isolated, the same as in process', () => {
  // Both sessions read the same catalog from the same initial state, once their agent session is
  // open (an isolated one's child takes a moment to start, which a deadline must not include).
  async function both<T>(scenario: string | object, run: (session: UpdateSession) => Promise<T>): Promise<[T, T]> {
    const results: T[] = [];
    for (const sessions of [inProcess, isolated]) {
      useScenario(scenario);
      const session = sessions.open();
      await session.agentInfo();
      results.push(await run(session));
    }
    return [results[0]!, results[1]!];
  }

  it('gives the same records, categories and warnings', async () => {
    const generated = { ...(generateCatalog({ count: 600, seed: 11 }) as object), search: { warnings: [{ context: 'windowsDriver', hresult: '0x80240001', message: 'a driver could not be read' }] } };
    const criteria = 'IsInstalled=0 and DeploymentAction=* or IsInstalled=1 and DeploymentAction=*';
    const [here, there] = await both<SearchResult>(generated,
      (session) => session.search(criteria, { includePotentiallySupersededUpdates: true }));
    expect(here.updates.length).toBe(600);
    expect(there).toEqual(here);
  });

  it('gives the same progress, in the same order, and the same result', async () => {
    const scenario = {
      name: 'progress',
      updates: [
        { id: QUICK, title: 'First', kbArticleIds: ['7100001'], maxDownloadSize: 4_000, download: { durationMs: 80, progressSteps: 4 },
          install: { durationMs: 80, progressSteps: 4 }, installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } },
        { id: EXCLUSIVE, title: 'Second', kbArticleIds: ['7300003'], maxDownloadSize: 2_000, download: { durationMs: 80, progressSteps: 2 },
          installationBehavior: { impact: 'requiresExclusiveHandling' } },
      ],
    };
    const [here, there] = await both(scenario, async (session) => {
      const events: Progress[] = [];
      const result = await session.install([QUICK, EXCLUSIVE], { onProgress: (progress) => events.push(progress) });
      return { events, result };
    });
    expect(here.events.length).toBeGreaterThan(8);
    expect(there).toEqual(here);
  });

  it('rejects with the same typed errors', async () => {
    const failedSearch = { name: 'failed-search', search: { hresult: '0x8024402C' } };
    const notAdministrator = { name: 'not-administrator', agent: { isAdministrator: false }, updates: [{ id: QUICK, title: 'Quick update' }] };
    const failures = [
      await both(failedSearch, (session) => session.search().catch((error: unknown) => error)),
      await both(notAdministrator, (session) => session.download([QUICK]).catch((error: unknown) => error)),
      await both('basic', (session) => session.install(['00000000-0000-4000-8000-000000000000']).catch((error: unknown) => error)),
    ];
    for (const [here, there] of failures) {
      expect(there).toBeInstanceOf(WindowsUpdateError);
      expect(there!.constructor).toBe(here!.constructor);
      expect((there as WindowsUpdateError).toJSON()).toEqual((here as WindowsUpdateError).toJSON());
    }
    expect(failures.map(([, there]) => [(there as Error).name, (there as WindowsUpdateError).code])).toEqual([
      ['WindowsUpdateError', 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED'],
      ['PermissionError', 'WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED'],
      ['WindowsUpdateError', 'WU_E_ITEMNOTFOUND'],
    ]);
  });

  it('an abort the agent confirms is an AbortError with the finished outcomes, as in process', async () => {
    const scenario = {
      name: 'abort',
      updates: [
        { id: QUICK, title: 'First', state: { isDownloaded: true } },
        { id: WEDGED, title: 'Hangs until aborted', state: { isDownloaded: true }, install: { hangUntilAbort: true } },
      ],
    };
    const [here, there] = await both(scenario, (session) => session.install([QUICK, WEDGED], { signal: AbortSignal.timeout(500) })
      .catch((error: unknown) => error));
    expect(there).toBeInstanceOf(AbortError);
    expect(there).toMatchObject({ name: 'TimeoutError', result: { resultCode: 'aborted' } });
    expect((there as AbortError).result).toEqual((here as AbortError).result);
    expect((there as AbortError).message).toBe((here as AbortError).message);
  });
});
