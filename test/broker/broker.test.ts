// The broker service under Wine's service control manager: `wua broker install` copies and
// registers it, sessions with isolation: 'broker' and `wua --via broker` reach the agent through
// its pipe (search, download and install with progress, abort, the client's ID in the history),
// jobs outlive their client (--detach, wua job follow|status|abort, a client killed mid-install),
// the token check refuses a client (through its seam: Wine gives every process an administrator's
// token), and uninstall leaves nothing behind. The service is machine-wide, so this one file
// holds every test of it; it is removed after the file whatever happened.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { brokerStatus, installBroker, uninstallBroker } from '../../lib/broker/service.js';
import { AbortError, type HistoryEntry, PermissionError, type Progress, UpdateSession } from '../../lib/index.js';
import { jsonOf, wuaWith } from '../cli/spawn-wua.js';
import { FAILURE_CLASSES, type Target } from '../stress/fault-matrix.js';
import {
  classSample, inProcessTarget, MATRIX_GRACE_MS, memberClassSample, planMatrix, runMatrixCells, tallyFigures,
} from '../stress/faults.js';
import { reportFigures, stressLevel } from '../stress/figures.js';
import {
  clearMachineScenario, processes, type ScenarioInUse, SCENARIO_DIR, useScenario, useScenarioMachineWide,
} from '../sim/harness.js';

const SERVICE_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\WindowsUpdateAgentBroker';
const PARAMETERS_KEY = `${SERVICE_KEY}\\Parameters`;
const CLIENT_ID = 'broker tests';
const DEFENDER_KB = '2267602';
const CUMULATIVE_KB = '5068781';
const OCTOBER_KB = '5066791';
const LICENSED_KB = '5012170';

/** basic.json with installs slow enough to be caught halfway: progress, abort, a client killed. */
function slowScenario(): object {
  const basic = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'basic.json'), 'utf8')) as Record<string, unknown>;
  // The licensed update's install is long: a detached job of it is still running when aborted.
  const updates = (basic.updates as { kbArticleIds?: string[] }[]).map((update) => (update.kbArticleIds?.includes(LICENSED_KB)
    ? { ...update, install: { durationMs: 60_000, progressSteps: 60 } } : update));
  return { ...basic, updates, download: { durationMs: 600, progressSteps: 4 }, install: { durationMs: 4_000, progressSteps: 8 } };
}

function registryValue(key: string, name: string): string | null {
  try {
    const out = execFileSync('reg.exe', ['query', key, '/v', name], { encoding: 'utf8' });
    return out.split(/\r?\n/).find((line) => line.trim().startsWith(name))?.trim().split(/\s{2,}|\t/).at(-1) ?? null;
  } catch {
    return null;
  }
}

/** Processes run from the service's folder: its host, its Node, their children. */
function brokerProcesses(): string[] {
  return processes().filter((listed) => /wua-broker\.exe$/i.test(listed.executable)).map((listed) => listed.executable);
}

async function historyOf(session: UpdateSession): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const entry of session.history()) entries.push(entry);
  return entries;
}

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let scenario: ScenarioInUse;
let folder: string;
const opened: UpdateSession[] = [];

function brokerSession(): UpdateSession {
  const session = new UpdateSession({ clientApplicationId: CLIENT_ID, isolation: 'broker', graceMs: 15_000 });
  opened.push(session);
  return session;
}

beforeAll(async () => {
  await uninstallBroker();
  scenario = useScenario(slowScenario());
  useScenarioMachineWide(scenario);
  const status = await installBroker({ idleSeconds: 60 });
  folder = status.folder!;
}, 300_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((session) => session.close()));
  try {
    await uninstallBroker();
  } finally {
    clearMachineScenario();
  }
}, 300_000);

describe('wua broker install', () => {
  it('copies what the service runs into its own folder and registers it as LocalSystem, demand start, with a quoted command line', async () => {
    expect(folder).toBe(path.win32.join(process.env.ProgramW6432 ?? process.env.ProgramFiles!, 'windows-update-agent', 'broker'));
    for (const file of ['wua-broker.exe', 'node.exe', 'package\\dist\\broker\\agent-host.js', 'package\\package.json',
      'package\\prebuilds\\win32-x64\\windows-update-agent.napi.node', 'package\\node_modules\\node-gyp-build\\package.json',
      'package\\node_modules\\commander\\package.json']) {
      expect(existsSync(path.win32.join(folder, file)), file).toBe(true);
    }
    expect(registryValue(SERVICE_KEY, 'ImagePath')).toBe(`"${folder}\\wua-broker.exe"`);
    expect(registryValue(SERVICE_KEY, 'ObjectName')).toBe('LocalSystem');
    expect(Number(registryValue(SERVICE_KEY, 'Start'))).toBe(3);  // SERVICE_DEMAND_START
    expect(Number(registryValue(PARAMETERS_KEY, 'IdleSeconds'))).toBe(60);
    const status = await brokerStatus();
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(status).toMatchObject({ installed: true, version, folder, idleSeconds: 60 });
  });

  it('refuses a folder that is not an absolute path on a local drive, before anything changes', async () => {
    const before = registryValue(SERVICE_KEY, 'ImagePath');
    for (const bad of ['broker', '\\\\server\\share\\broker', 'C:\\Program Files\\"quoted"']) {
      await expect(installBroker({ folder: bad })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'options.folder' });
    }
    await expect(installBroker({ idleSeconds: 0 })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'options.idleSeconds' });
    expect(registryValue(SERVICE_KEY, 'ImagePath')).toBe(before);
  });
});

describe('isolation: broker', () => {
  it('searches, downloads and installs through the broker, with progress, and the history records the client', async () => {
    const session = brokerSession();
    const found = await session.search(`IsInstalled=0`);
    const update = found.updates.find((candidate) => candidate.kbArticleIds.includes(DEFENDER_KB))!;
    expect(update).toBeDefined();
    const progress: Progress[] = [];
    const downloaded = await session.download(update, { onProgress: (step) => progress.push(step) });
    expect(downloaded.resultCode).toBe('succeeded');
    expect(progress.length).toBeGreaterThan(0);
    progress.length = 0;
    const installed = await session.install(update, { onProgress: (step) => progress.push(step) });
    expect(installed.resultCode).toBe('succeeded');
    expect(progress.map((step) => step.step)).toContain('install');
    expect(progress.at(-1)!.percentComplete).toBeGreaterThan(50);
    const history = await historyOf(session);
    const entry = history.find((candidate) => candidate.identity.updateId === update.identity.updateId);
    expect(entry).toMatchObject({ operation: 'installation', resultCode: 'succeeded', clientApplicationId: CLIENT_ID });
  });

  it('aborts an install through the broker', async () => {
    const session = brokerSession();
    const found = await session.search(`IsInstalled=0`);
    // The driver: nothing else here installs it.
    const update = found.updates.find((candidate) => candidate.type === 'driver')!;
    await session.download(update);
    const controller = new AbortController();
    const outcome = session.install(update, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('enough')),
    });
    await expect(outcome).rejects.toThrow(AbortError);
    const again = await session.search(`IsInstalled=0`);
    expect(again.updates.some((candidate) => candidate.identity.updateId === update.identity.updateId)).toBe(true);
  });

  it('refuses what reads a file a client names (an offline scan) with a typed error', async () => {
    const session = brokerSession();
    await expect(session.scanOffline('C:\\windows\\win.ini')).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });

  it('refuses a client whose token is not an administrator\'s (the TestRefuseClients seam) with a PermissionError', async () => {
    execFileSync('reg.exe', ['add', PARAMETERS_KEY, '/v', 'TestRefuseClients', '/t', 'REG_DWORD', '/d', '1', '/f']);
    try {
      const error = await brokerSession().agentInfo().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ hresult: 0x80070005, code: 'E_ACCESSDENIED' });
    } finally {
      execFileSync('reg.exe', ['delete', PARAMETERS_KEY, '/v', 'TestRefuseClients', '/f']);
    }
    await expect(brokerSession().agentInfo()).resolves.toMatchObject({ apiMajorVersion: expect.any(Number) });
  });

  it('is found by a preflight: running and admitting this process, or refusing it (the TestRefuseClients seam)', async () => {
    await brokerSession().agentInfo();
    const local = new UpdateSession({ clientApplicationId: CLIENT_ID });
    opened.push(local);
    const broker = async () => (await local.preflight({ timeoutMs: 20_000 })).checks.find((check) => check.id === 'broker.installed')!;
    // The service control manager of a loaded Wine prefix can fail a query for a moment (the
    // check is then unknown, with the call that failed in its hint): asked again, twice at most.
    let found = await broker();
    for (let attempt = 1; attempt < 3 && found.status === 'unknown'; attempt++) found = await broker();
    expect(found, found.hint).toMatchObject({ status: 'ok', facts: { installed: true, state: 'running', reachable: true } });
    execFileSync('reg.exe', ['add', PARAMETERS_KEY, '/v', 'TestRefuseClients', '/t', 'REG_DWORD', '/d', '1', '/f']);
    try {
      // Wine's logon is interactive, so a refusing broker warns: from a network logon it fails.
      expect(await broker()).toMatchObject({
        status: 'warning', facts: { reachable: false }, predictedError: { code: 'E_ACCESSDENIED', operations: ['broker'] },
      });
    } finally {
      execFileSync('reg.exe', ['delete', PARAMETERS_KEY, '/v', 'TestRefuseClients', '/f']);
    }
  });

  it('lets an install finish when its client is killed halfway', async () => {
    const script = [
      `const { UpdateSession } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'dist', 'index.js'))});`,
      `const session = new UpdateSession({ clientApplicationId: 'killed client', isolation: 'broker' });`,
      `session.search('IsInstalled=0').then((found) => {`,
      `  const update = found.updates.find((u) => u.kbArticleIds.includes('${CUMULATIVE_KB}'));`,
      // Downloaded first: the client, not the broker, runs an install's steps, so the step it is
      // killed in is the one that goes on.
      `  return session.download(update).then(() => session.install(update, { onProgress: (p) => console.log(JSON.stringify(p)) }));`,
      `});`,
    ].join('\n');
    const client = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      client.stdout.on('data', () => resolve());
      client.on('exit', (code) => reject(new Error(`the client ended (${code}) before any progress`)));
    });
    client.kill();
    const session = brokerSession();
    const history = await until(() => historyOf(session),
      (entries) => entries.some((entry) => entry.title.includes(CUMULATIVE_KB) && entry.clientApplicationId === 'killed client'),
      'the install of the killed client to be in the history');
    client.kill();
    const entry = history.find((candidate) => candidate.title.includes(CUMULATIVE_KB))!;
    expect(entry).toMatchObject({ operation: 'installation', resultCode: 'succeeded' });
  });
});

describe('the fault matrix through the broker', () => {
  // The fault matrix's cells (test/stress/faults.ts) with sessions through the broker: each cell's
  // scenario is played machine-wide, where the broker's child for that session reads it. Here,
  // since this file owns the service: quick, one cell per failure class; every member and class
  // with WUA_STRESS_LEVEL=full. A call the broker refuses for reading a file a client names (an
  // offline scan) has no cell here.
  it('holds in every cell it tries, as in process and isolated', async () => {
    const level = stressLevel();
    const plan = await planMatrix(30_000);
    const target: Target = {
      mode: 'broker',
      useScenario: (cellScenario) => {
        const inUse = useScenario(cellScenario);
        useScenarioMachineWide(inUse);
        return inUse;
      },
      open: (options) => new UpdateSession({ clientApplicationId: CLIENT_ID, isolation: 'broker', graceMs: MATRIX_GRACE_MS, ...options }),
    };
    const cells = plan.all.filter((cell) => cell.call.name !== 'scanOffline');
    try {
      const sample = level === 'full' ? memberClassSample(cells) : classSample(cells);
      // The same cells in process first: which never meet their fault, which only the
      // simulator in this process can say (runMatrixCells).
      const { notInjected } = await runMatrixCells(inProcessTarget(), sample, plan.settings);
      const { tally, problems } = await runMatrixCells(target, sample, plan.settings, notInjected);
      const { figures, rows } = tallyFigures('broker', tally);
      reportFigures({ part: 'faults-broker', level, figures, rows, problems });
      expect(problems).toEqual([]);
      expect(tally.cellsTried).toBeGreaterThanOrEqual(FAILURE_CLASSES.length);
      expect(tally.cellsHeld).toBe(tally.cellsTried);
    } finally {
      // The file's own scenario again, on the state its earlier tests left.
      scenario = useScenario(slowScenario(), { stateFile: scenario.stateFile, keepState: true });
      useScenarioMachineWide(scenario);
    }
  }, stressLevel() === 'full' ? 6 * 3_600_000 : 300_000);
});

describe('wua --via broker and jobs', () => {
  const env = (): Record<string, string> => scenario.env;

  it('wua --via broker search finds what the agent offers', () => {
    const run = wuaWith(env(), '--via', 'broker', 'search', '--installed', '--json');
    expect(run.status, run.stderr).toBe(0);
    const doc = jsonOf<{ updates: { kbArticleIds: string[] }[] }>(run);
    expect(doc.updates.some((update) => update.kbArticleIds.includes(DEFENDER_KB))).toBe(true);
  });

  it('--detach prints a job ID; wua job follow shows its progress and result; wua job status and list know it', () => {
    const detached = wuaWith(env(), 'install', '--kb', OCTOBER_KB, '--detach', '--json', '--client-id', 'detached job');
    expect(detached.status, detached.stderr).toBe(0);
    const { job } = jsonOf<{ job: { id: string; state: string; command: string } }>(detached);
    expect(job).toMatchObject({ state: 'running', command: 'install' });
    expect(job.id).toMatch(/^[0-9a-f]{16}$/);

    const followed = wuaWith(env(), 'job', 'follow', job.id, '--json', '--progress');
    // The cumulative update needs a restart: 3010, as the command itself would end.
    expect(followed.status, followed.stdout + followed.stderr).toBe(3010);
    const lines = followed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.type === 'progress').map((line) => line.step)).toEqual(expect.arrayContaining(['download', 'install']));
    expect(lines.at(-1)).toMatchObject({ type: 'result', operation: 'install', resultCode: 'succeeded', rebootRequired: true, exitCode: 3010 });

    const status = wuaWith(env(), 'job', 'status', job.id, '--json');
    expect(jsonOf(status)).toMatchObject({ job: { id: job.id, state: 'finished', exitCode: 3010 }, exitCode: 3010 });
    const list = wuaWith(env(), 'job', 'list', '--json');
    expect(jsonOf<{ jobs: { id: string }[] }>(list).jobs.map((listed) => listed.id)).toContain(job.id);
  });

  it('wua job abort ends a running job as Ctrl-C would: the agent confirms, the job ends aborted', async () => {
    const detached = wuaWith(env(), 'install', '--kb', LICENSED_KB, '--accept-eulas', '--detach', '--json');
    const { job } = jsonOf<{ job: { id: string } }>(detached);
    await until(() => jsonOf<{ job: { lastProgress: unknown } }>(wuaWith(env(), 'job', 'status', job.id, '--json')).job.lastProgress,
      (progress) => progress !== null, 'the job to report progress');
    const aborted = wuaWith(env(), 'job', 'abort', job.id, '--json');
    expect(jsonOf(aborted)).toMatchObject({ job: { id: job.id, abortRequested: true } });
    const followed = wuaWith(env(), 'job', 'follow', job.id, '--json');
    expect(followed.status).toBe(130);
    expect(jsonOf(followed)).toMatchObject({ resultCode: 'aborted', exitCode: 130 });
  }, 120_000);

  it('refuses a job with a flag that is not the command\'s, and an unknown job', () => {
    const refused = wuaWith(env(), 'job', 'status', '0123456789abcdef', '--json');
    expect(refused.status).toBe(1);
    expect(jsonOf<{ error: { message: string } }>(refused).error.message).toMatch(/no job 0123456789abcdef/);
  });

  it('wua broker status reports the running service and its jobs', () => {
    const run = wuaWith(env(), 'broker', 'status', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(jsonOf(run)).toMatchObject({ installed: true, state: 'running', folder, jobs: expect.any(Array), exitCode: 0 });
  });
});

describe('wua broker uninstall', () => {
  it('stops and removes the service, its registry key and its folder, and no process of it is left', async () => {
    await Promise.allSettled(opened.splice(0).map((session) => session.close()));
    await expect(uninstallBroker()).resolves.toEqual({ removed: true, folder });
    expect(registryValue(SERVICE_KEY, 'ImagePath')).toBeNull();
    expect(existsSync(folder)).toBe(false);
    await until(() => brokerProcesses(), (left) => left.length === 0, 'the service host to be gone', 30_000);
    expect(jsonOf(wuaWith(scenario.env, 'broker', 'status', '--json'))).toMatchObject({ installed: false, exitCode: 0 });
    const missing = wuaWith(scenario.env, '--via', 'broker', 'info', '--json');
    expect(missing.status).toBe(1);
    expect(jsonOf<{ error: { name: string } }>(missing).error.name).toBe('BrokerUnavailableError');
    const again = wuaWith(scenario.env, 'broker', 'uninstall', '--json');
    expect(jsonOf(again)).toMatchObject({ removed: false, exitCode: 0 });
  }, 180_000);
});
