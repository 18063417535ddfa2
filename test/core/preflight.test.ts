// UpdateSession.preflight() under Wine: each check in its ok and failing states. The prefix is
// set up for each state with reg.exe and sc.exe and put back after the test, passed or failed.
// What Wine cannot produce goes through the named seam, preflightReport(facts), fed the facts
// this machine gave with the one fact changed: each such test says which fact and why.
import { spawnSync } from 'node:child_process';

import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  BROKER_SERVICE, InvalidArgumentError, type PreflightCheck, type PreflightCheckId, type PreflightFacts, type PreflightReport,
  preflightReport, type WindowsUpdateError,
} from '../../lib/index.js';
import { KEYS } from '../../lib/preflight.js';
import { jsonOf, wua } from '../cli/spawn-wua.js';
import { sessionsPerTest } from './sessions.js';
import { releaseWedges, simulatorStatus, useScenario } from '../sim/harness.js';

const UPDATE = 'c3c3c3c3-0000-4000-8000-000000000001';
const sessions = sessionsPerTest({ clientApplicationId: 'preflight tests' });

const HKLM = 'HKLM\\';
const undo: (() => void)[] = [];
afterEach(() => {
  for (const step of undo.splice(0).reverse()) step();
});

function tool(command: string, ...args: string[]): void {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stdout}${run.stderr}`);
}

function tryTool(command: string, ...args: string[]): void {
  spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
}

/** A registry value under HKLM for this test only. The key is deleted after if the test made it. */
function regValue(key: string, name: string, type: string, data: string): void {
  const existed = spawnSync('reg', ['query', HKLM + key], { encoding: 'utf8' }).status === 0;
  tool('reg', 'add', HKLM + key, '/v', name, '/t', type, '/d', data, '/f');
  undo.push(() => (existed ? tryTool('reg', 'delete', HKLM + key, '/v', name, '/f') : tryTool('reg', 'delete', HKLM + key, '/f')));
}

function regKey(key: string): void {
  tool('reg', 'add', HKLM + key, '/f');
  undo.push(() => tryTool('reg', 'delete', HKLM + key, '/f'));
}

/** A service for this test only (Wine's prefix has no CryptSvc, TrustedInstaller or broker). */
function service(name: string, start: 'demand' | 'disabled'): void {
  tool('sc', 'create', name, 'binPath=', 'C:\\windows\\system32\\svchost.exe', 'start=', start);
  undo.push(() => tryTool('sc', 'delete', name));
}

function scenario(agent: Record<string, unknown> = {}): object {
  return {
    name: 'preflight',
    agent: { productVersion: '10.0.26100.4061', apiMajorVersion: 8, apiMinorVersion: 1, ...agent },
    updates: [{ id: UPDATE, title: 'An update', kbArticleIds: ['5300001'] }],
  };
}

async function preflight(): Promise<PreflightReport> {
  return sessions.open().preflight();
}

function checkOf(report: PreflightReport, id: PreflightCheckId): PreflightCheck {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** The facts this machine gave, with `change` applied: the seam for what Wine cannot produce. */
function changed(report: PreflightReport, change: (facts: PreflightFacts) => void): PreflightReport {
  const facts = structuredClone(report.facts);
  change(facts);
  return preflightReport(facts);
}

const ALL_CHECKS: PreflightCheckId[] = [
  'token.elevation', 'token.logon', 'token.secondaryLogon',
  'service.wuauserv', 'service.bits', 'service.cryptsvc', 'service.msiserver', 'service.trustedinstaller',
  'policy.server', 'policy.access', 'policy.automaticUpdates',
  'restart.agent', 'restart.componentServicing', 'restart.windowsUpdate', 'restart.fileRenames',
  'installer.busy', 'agent.version', 'network.proxy', 'disk.system', 'management.configurationManager', 'broker.installed',
];

describe('preflight on a machine that is ready', () => {
  it('reports every check ok, in order, as JSON that reads back the same', async () => {
    useScenario(scenario());
    service('CryptSvc', 'demand');
    service('TrustedInstaller', 'demand');
    const report = await preflight();
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS);
    expect(report.checks.filter((c) => c.status !== 'ok').map((c) => [c.id, c.status, c.hint])).toEqual([]);
    expect(report.ready).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    // The facts the checks were made from: the seam gives the same report back.
    expect(preflightReport(report.facts)).toEqual(report);
    expect(checkOf(report, 'token.elevation').facts).toMatchObject({ elevated: true, integrityLevel: 'high' });
    expect(checkOf(report, 'token.logon').facts).toMatchObject({ logonType: 'interactive' });
    expect(checkOf(report, 'agent.version').facts).toEqual({ productVersion: '10.0.26100.4061', apiVersion: '8.1' });
    expect(checkOf(report, 'disk.system').facts).toMatchObject({ root: 'C:\\' });
    expect(checkOf(report, 'service.wuauserv').facts).toEqual({ installed: true, startType: 'manual', state: 'stopped' });
  });

  it('rejects bad options before reading anything', async () => {
    const session = sessions.open();
    await expect(session.preflight({ timeoutMs: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(session.preflight({ timeoutMs: 1.5 })).rejects.toThrow(/options\.timeoutMs/);
  });
});

describe('services', () => {
  for (const [name, id] of [['CryptSvc', 'service.cryptsvc'], ['TrustedInstaller', 'service.trustedinstaller']] as const) {
    it(`${name}: not installed and disabled fail, installed on demand is ok`, async () => {
      useScenario(scenario());
      const absent = checkOf(await preflight(), id);
      expect(absent).toMatchObject({ status: 'failure', facts: { installed: false }, predictedError: { code: 'ERROR_SERVICE_DISABLED' } });
      service(name, 'disabled');
      const disabled = checkOf(await preflight(), id);
      expect(disabled).toMatchObject({ status: 'failure', facts: { installed: true, startType: 'disabled' } });
      expect(disabled.hint).toContain(`sc config ${name} start= demand`);
      undo.splice(0).forEach((step) => step());
      service(name, 'demand');
      expect(checkOf(await preflight(), id)).toMatchObject({ status: 'ok', facts: { installed: true, startType: 'manual' } });
    });
  }

  it('wuauserv, BITS and msiserver disabled fail (seam: Wine\'s sc config is not implemented, so the prefix cannot disable them)',
    async () => {
      useScenario(scenario());
      const report = await preflight();
      for (const [name, id] of [['wuauserv', 'service.wuauserv'], ['BITS', 'service.bits'], ['msiserver', 'service.msiserver']] as const) {
        expect(checkOf(report, id).status).toBe('ok');
        const disabled = checkOf(changed(report, (facts) => { facts.services[name]!.value!.startType = 'disabled'; }), id);
        expect(disabled).toMatchObject({ status: 'failure', predictedError: { code: 'ERROR_SERVICE_DISABLED' } });
      }
    });
});

describe('Windows Update policy', () => {
  it('a WSUS server in use is reported with its status server and target group', async () => {
    useScenario(scenario());
    regValue(KEYS.windowsUpdatePolicy, 'WUServer', 'REG_SZ', 'https://wsus.example.com:8531');
    regValue(KEYS.windowsUpdatePolicy, 'WUStatusServer', 'REG_SZ', 'https://wsus.example.com:8531');
    regValue(KEYS.windowsUpdatePolicy, 'TargetGroup', 'REG_SZ', 'Servers');
    regValue(KEYS.windowsUpdatePolicy, 'TargetGroupEnabled', 'REG_DWORD', '1');
    regValue(KEYS.automaticUpdatesPolicy, 'UseWUServer', 'REG_DWORD', '1');
    const check = checkOf(await preflight(), 'policy.server');
    expect(check).toEqual(expect.objectContaining({ status: 'ok', facts: {
      useWUServer: true, server: 'https://wsus.example.com:8531', statusServer: 'https://wsus.example.com:8531',
      targetGroup: 'Servers', targetGroupEnabled: true,
    } }));
    expect(check.hint).toContain('https://wsus.example.com:8531 (target group Servers)');
  });

  it('UseWUServer without a server, or with one that is no URL, fails', async () => {
    useScenario(scenario());
    regValue(KEYS.automaticUpdatesPolicy, 'UseWUServer', 'REG_DWORD', '1');
    expect(checkOf(await preflight(), 'policy.server')).toMatchObject({ status: 'failure', facts: { useWUServer: true, server: null } });
    regValue(KEYS.windowsUpdatePolicy, 'WUServer', 'REG_SZ', 'wsus01');
    const report = await preflight();
    expect(checkOf(report, 'policy.server').status).toBe('failure');
    expect(report.ready).toBe(false);
  });

  it('DisableWindowsUpdateAccess fails and predicts WU_E_WU_DISABLED on search', async () => {
    useScenario(scenario());
    expect(checkOf(await preflight(), 'policy.access').status).toBe('ok');
    regValue(KEYS.windowsUpdatePolicy, 'DisableWindowsUpdateAccess', 'REG_DWORD', '1');
    expect(checkOf(await preflight(), 'policy.access')).toMatchObject({
      status: 'failure', facts: { disableWindowsUpdateAccess: true },
      predictedError: { code: 'WU_E_WU_DISABLED', hresult: 0x8024002e, operations: ['search'] },
    });
  });

  it('wua doctor exits 5 and names the failed check, here DisableWindowsUpdateAccess', () => {
    useScenario(scenario());
    service('CryptSvc', 'demand');
    service('TrustedInstaller', 'demand');
    expect(wua('doctor').status).toBe(0);
    regValue(KEYS.windowsUpdatePolicy, 'DisableWindowsUpdateAccess', 'REG_DWORD', '1');
    const run = wua('doctor');
    expect(run.status).toBe(5);
    expect(run.stdout).toMatch(/^failure\s+Windows Update access\s+DisableWindowsUpdateAccess is set: .*\(predicts WU_E_WU_DISABLED on search\)$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Not ready: 1 check failed.');
    expect(jsonOf<{ exitCode: number; ready: boolean }>(wua('doctor', '--json'))).toMatchObject({ exitCode: 5, ready: false });
  });

  it('NoAutoUpdate warns, and deferrals are listed', async () => {
    useScenario(scenario());
    regValue(KEYS.automaticUpdatesPolicy, 'NoAutoUpdate', 'REG_DWORD', '1');
    regValue(KEYS.windowsUpdatePolicy, 'DeferQualityUpdates', 'REG_DWORD', '1');
    regValue(KEYS.windowsUpdatePolicy, 'DeferQualityUpdatesPeriodInDays', 'REG_DWORD', '7');
    const check = checkOf(await preflight(), 'policy.automaticUpdates');
    expect(check).toMatchObject({ status: 'warning', facts: { noAutoUpdate: true, deferQualityUpdates: 1, deferQualityUpdatesPeriodInDays: 7 } });
  });
});

describe('pending restarts, each source apart', () => {
  it('the agent\'s own flag comes from the agent (ISystemInformation::RebootRequired)', async () => {
    useScenario(scenario({ rebootRequired: true }));
    const report = await preflight();
    expect(checkOf(report, 'restart.agent')).toMatchObject({ status: 'warning', facts: { rebootRequired: true } });
    expect(checkOf(report, 'restart.componentServicing').status).toBe('ok');
  });

  it('Component Based Servicing\'s RebootPending key', async () => {
    useScenario(scenario());
    regKey(KEYS.componentServicingRebootPending);
    const report = await preflight();
    expect(checkOf(report, 'restart.componentServicing')).toMatchObject({ status: 'warning', facts: { pending: true } });
    expect(checkOf(report, 'restart.agent').status).toBe('ok');
  });

  it('Windows Update\'s RebootRequired key', async () => {
    useScenario(scenario());
    regKey(KEYS.windowsUpdateRebootRequired);
    expect(checkOf(await preflight(), 'restart.windowsUpdate')).toMatchObject({ status: 'warning', facts: { pending: true } });
  });

  it('PendingFileRenameOperations, with the files named', async () => {
    useScenario(scenario());
    // A deletion (empty target) of a file that does not exist: harmless if a restart ever runs it.
    regValue(KEYS.sessionManager, 'PendingFileRenameOperations', 'REG_MULTI_SZ', '\\??\\C:\\windows\\temp\\wua-preflight.tmp\\0');
    expect(checkOf(await preflight(), 'restart.fileRenames')).toMatchObject({
      status: 'warning', facts: { pending: true, count: 1, files: ['\\??\\C:\\windows\\temp\\wua-preflight.tmp'] },
    });
  });
});

describe('management and broker', () => {
  it('a Configuration Manager client (its CCM key, or its CcmExec service) warns', async () => {
    useScenario(scenario());
    regKey(KEYS.configurationManagerClient);
    expect(checkOf(await preflight(), 'management.configurationManager'))
      .toMatchObject({ status: 'warning', facts: { clientKey: true, serviceInstalled: false } });
    undo.splice(0).forEach((step) => step());
    service('CcmExec', 'demand');
    expect(checkOf(await preflight(), 'management.configurationManager'))
      .toMatchObject({ status: 'warning', facts: { clientKey: false, serviceInstalled: true } });
  });

  it('the broker service: installed is ok, disabled warns, and from a network logon it is needed', async () => {
    useScenario(scenario());
    const absent = await preflight();
    expect(checkOf(absent, 'broker.installed')).toMatchObject({ status: 'ok', facts: { service: BROKER_SERVICE, installed: false } });
    // Seam: Wine gives no network logon token.
    const network = (facts: PreflightFacts): void => { facts.token.value!.logonType = 'network'; };
    expect(checkOf(changed(absent, network), 'broker.installed').status).toBe('warning');
    service(BROKER_SERVICE, 'disabled');
    const disabled = await preflight();
    expect(checkOf(disabled, 'broker.installed')).toMatchObject({ status: 'warning', facts: { installed: true, startType: 'disabled' } });
    expect(checkOf(changed(disabled, network), 'broker.installed').status).toBe('failure');
    undo.splice(0).forEach((step) => step());
    service(BROKER_SERVICE, 'demand');
    expect(checkOf(await preflight(), 'broker.installed')).toMatchObject({ status: 'ok', facts: { installed: true, startType: 'manual' } });
  });
});

describe('what Wine cannot produce, through the seam', () => {
  it('a network logon token (Wine gives every process an interactive one) fails and predicts E_ACCESSDENIED on download and install', async () => {
    useScenario(scenario());
    const report = changed(await preflight(), (facts) => { facts.token.value!.logonType = 'network'; });
    expect(checkOf(report, 'token.logon')).toMatchObject({
      status: 'failure', predictedError: { code: 'E_ACCESSDENIED', hresult: 0x80070005, operations: ['download', 'install', 'uninstall', 'hide'] },
    });
    expect(report.ready).toBe(false);
  });

  it('a batch or service logon in session 0 is ok', async () => {
    useScenario(scenario());
    const base = await preflight();
    for (const logonType of ['batch', 'service'] as const) {
      const check = checkOf(changed(base, (facts) => { Object.assign(facts.token.value!, { logonType, sessionId: 0 }); }), 'token.logon');
      expect(check.status).toBe('ok');
      expect(check.hint).toContain('Session 0');
    }
  });

  it('a limited (UAC) or plain user token (Wine runs every process elevated) fails', async () => {
    useScenario(scenario());
    const base = await preflight();
    const limited = checkOf(changed(base, (facts) => {
      Object.assign(facts.token.value!, { elevated: false, elevationType: 'limited', integrityLevel: 'medium' });
    }), 'token.elevation');
    expect(limited).toMatchObject({ status: 'failure', predictedError: { code: 'E_ACCESSDENIED' } });
    expect(limited.hint).toContain('Run as administrator');
    const user = checkOf(changed(base, (facts) => { Object.assign(facts.token.value!, { elevated: false, elevationType: 'default' }); }),
      'token.elevation');
    expect(user.status).toBe('failure');
  });

  it('a Run As process with nobody logged on (Wine always has its user in session 1) predicts WU_E_NO_INTERACTIVE_USER', async () => {
    useScenario(scenario());
    const base = await preflight();
    expect(checkOf(base, 'token.secondaryLogon').status).toBe('ok');
    const other = (sessionUser: string) => (facts: PreflightFacts): void => {
      facts.token.value!.user = 'CONTOSO\\svc-patch';
      facts.logonSession.value!.sessionUser = sessionUser;
    };
    expect(checkOf(changed(base, other('')), 'token.secondaryLogon'))
      .toMatchObject({ status: 'failure', predictedError: { code: 'WU_E_NO_INTERACTIVE_USER', operations: ['install'] } });
    expect(checkOf(changed(base, other('CONTOSO\\alice')), 'token.secondaryLogon').status).toBe('warning');
  });

  it('Windows Installer busy (no process here can hold _MSIExecute) warns, as the agent\'s own busy installer does', async () => {
    useScenario(scenario());
    const base = await preflight();
    expect(checkOf(base, 'installer.busy')).toMatchObject({ status: 'ok', facts: { windowsInstallerBusy: false, agentInstallerBusy: false } });
    const msi = changed(base, (facts) => { facts.mutexes['Global\\_MSIExecute']!.value = true; });
    expect(checkOf(msi, 'installer.busy')).toMatchObject({ status: 'warning', predictedError: { code: 'WU_E_OPERATIONINPROGRESS' } });
    useScenario(scenario({ installerBusy: true }));
    expect(checkOf(await preflight(), 'installer.busy')).toMatchObject({ status: 'warning', facts: { agentInstallerBusy: true } });
  });

  it('a nearly full system drive (the prefix\'s drive is the host\'s) warns below 10 GB and fails below 2 GB', async () => {
    useScenario(scenario());
    const base = await preflight();
    const free = (bytes: number): PreflightCheck => checkOf(changed(base, (facts) => { facts.disk.value!.freeBytes = bytes; }), 'disk.system');
    expect(free(5 * 1024 ** 3).status).toBe('warning');
    expect(free(1024 ** 3)).toMatchObject({ status: 'failure', predictedError: { code: 'ERROR_DISK_FULL', operations: ['download', 'install'] } });
  });

  it('a named WinHTTP proxy is reported; one without an address fails (Wine has no netsh winhttp)', async () => {
    useScenario(scenario());
    const base = await preflight();
    expect(checkOf(base, 'network.proxy')).toMatchObject({ status: 'ok', facts: { accessType: 'direct', proxy: null } });
    const named = (proxy: string): PreflightCheck => checkOf(changed(base, (facts) => {
      Object.assign(facts.proxy.value!, { accessType: 'named', proxy });
    }), 'network.proxy');
    expect(named('proxy.example.com:3128')).toMatchObject({ status: 'ok', facts: { proxy: 'proxy.example.com:3128' } });
    expect(named('').status).toBe('failure');
  });

  it('a fact that could not be read makes its checks unknown, with the call and error, and the rest stand', async () => {
    useScenario(scenario());
    const report = changed(await preflight(), (facts) => {
      facts.token = { value: null, failure: { call: 'OpenProcessToken', hresult: 0x80070005, code: 'E_ACCESSDENIED', message: 'denied', timedOut: false } };
    });
    for (const id of ['token.elevation', 'token.logon', 'token.secondaryLogon'] as const) {
      expect(checkOf(report, id)).toMatchObject({ status: 'unknown', hint: 'Could not be read: OpenProcessToken failed with E_ACCESSDENIED: denied.' });
    }
    expect(checkOf(report, 'disk.system').status).toBe('ok');
  });
});

describe('the agent\'s part', () => {
  it('a network logon in the simulator: the scenario\'s logon fed through the seam predicts the E_ACCESSDENIED the agent then gives', async () => {
    useScenario(scenario({ logon: { remote: true } }));
    const base = await preflight();
    // The agent refuses ISystemInformation to a remote logon: its restart flag is unknown.
    expect(checkOf(base, 'restart.agent')).toMatchObject({ status: 'unknown' });
    expect(checkOf(base, 'restart.agent').hint).toContain('ISystemInformation::RebootRequired failed with E_ACCESSDENIED');
    // Seam: the scenario's logon state is the token Wine cannot give.
    const report = changed(base, (facts) => { facts.token.value!.logonType = 'network'; });
    const predicted = checkOf(report, 'token.logon').predictedError!;
    expect(predicted.operations).toContain('download');
    const session = sessions.last;
    const { updates } = await session.search();
    const error = await session.download(updates).then(() => null, (e: unknown) => e as WindowsUpdateError);
    expect(error).toMatchObject({ code: predicted.code, hresult: predicted.hresult });
  });

  it('an agent that does not answer leaves its checks unknown after the time bound, and the rest of the report', async () => {
    useScenario(scenario({ wedgedCalls: ['IWindowsUpdateAgentInfo::GetInfo'] }));
    const session = sessions.open();
    const started = Date.now();
    const report = await session.preflight({ timeoutMs: 1500 });
    try {
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(checkOf(report, 'agent.version')).toMatchObject({ status: 'unknown' });
      expect(report.facts.agent.failure).toMatchObject({ call: 'UpdateSession.status', timedOut: true });
      expect(checkOf(report, 'token.elevation').status).toBe('ok');
    } finally {
      // The status call asks GetInfo for three values, each wedged in turn, and may reach the
      // first only after the bound (the session opens first): let each go as it comes, until
      // none has come for a while.
      let released = 0;
      for (;;) {
        const held = await vi.waitFor(() => { expect(simulatorStatus().wedgedCalls).toBeGreaterThan(0); return true; },
          { timeout: released ? 10_000 : 60_000 }).catch(() => false);
        if (!held) break;
        released += releaseWedges();
      }
      expect(released).toBeGreaterThan(0);
    }
  });
});
