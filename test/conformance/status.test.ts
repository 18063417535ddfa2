// The machine's update state (UpdateSession.status()) read from the simulated agent: each value
// from the scenario, how installs change it, and what is left when one source fails.
import { describe, expect, it } from 'vitest';

import { SessionClosedError, type UpdateStatus, WindowsUpdateError } from '../../lib/index.js';
import { sessionsPerTest } from '../core/sessions.js';
import { calls, expectNoLiveObjects, useScenario } from './backend.js';

const RESTARTS = 'a1a1a1a1-0000-4000-8000-000000000001';  // needs a restart once installed
const QUIET = 'a1a1a1a1-0000-4000-8000-000000000002';     // does not

const sessions = sessionsPerTest({ clientApplicationId: 'status tests' });

function scenario(agent: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): object {
  return {
    name: 'status',
    agent,
    updates: [
      { id: RESTARTS, title: 'Needs a restart', kbArticleIds: ['5100001'], state: { isDownloaded: true },
        installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } },
      { id: QUIET, title: 'Quiet', kbArticleIds: ['5100002'], state: { isDownloaded: true } },
    ],
    ...extra,
  };
}

describe('status', () => {
  it('reads every value from the agent', async () => {
    useScenario(scenario({
      apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.26100.4061',
      oemHardwareSupportLink: 'https://oem.example.com/support', rebootRequired: true,
      rebootRequiredBeforeInstallation: false, installerBusy: true, isAdministrator: false,
    }));
    const status = await sessions.open().status();
    expect(status).toEqual<UpdateStatus>({
      rebootRequired: true,
      rebootRequiredBy: { agent: true },
      installerBusy: true,
      rebootRequiredBeforeInstallation: false,
      apiMajorVersion: 8,
      apiMinorVersion: 1,
      productVersion: '10.0.26100.4061',
      oemHardwareSupportLink: 'https://oem.example.com/support',
      readOnly: true,
      warnings: [],
    });
    // A plain record: it survives a JSON round trip (Electron IPC) unchanged.
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('reads the other value of each, so that no value is a constant', async () => {
    useScenario(scenario({
      apiMajorVersion: 7, apiMinorVersion: 9, productVersion: '7.6.7600.256', rebootRequired: false,
      rebootRequiredBeforeInstallation: true,
    }));
    expect(await sessions.open().status()).toEqual<UpdateStatus>({
      rebootRequired: false,
      rebootRequiredBy: { agent: false },
      installerBusy: false,
      rebootRequiredBeforeInstallation: true,
      apiMajorVersion: 7,
      apiMinorVersion: 9,
      productVersion: '7.6.7600.256',
      oemHardwareSupportLink: '',
      readOnly: false,
      warnings: [],
    });
  });

  it('changes nothing on the machine', async () => {
    useScenario(scenario());
    await sessions.open().status();
    // Getters only, besides naming the session's client.
    expect(calls()).toEqual([
      'IUpdateSession::put_ClientApplicationID', 'IUpdateSession::get_ReadOnly', 'ISystemInformation::get_RebootRequired',
      'ISystemInformation::get_OemHardwareSupportLink', 'IUpdateSession::CreateUpdateInstaller', 'IUpdateInstaller::get_IsBusy',
      'IUpdateInstaller::get_RebootRequiredBeforeInstallation', 'IWindowsUpdateAgentInfo::GetInfo', 'IWindowsUpdateAgentInfo::GetInfo',
      'IWindowsUpdateAgentInfo::GetInfo',
    ]);
    const { updates } = await sessions.last.search('IsInstalled=1');
    expect(updates).toEqual([]);
  });

  it('says a restart is pending after an install that needs one, and not after one that does not', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.status()).resolves.toMatchObject({ rebootRequired: false, rebootRequiredBeforeInstallation: false });
    await session.install([QUIET]);
    await expect(session.status()).resolves.toMatchObject({ rebootRequired: false, rebootRequiredBeforeInstallation: false });
    const result = await session.install([RESTARTS]);
    expect(result).toMatchObject({ rebootRequired: true });
    await expect(session.status()).resolves.toMatchObject({
      rebootRequired: true, rebootRequiredBy: { agent: true }, rebootRequiredBeforeInstallation: true, warnings: [],
    });
    // Another session (another client) sees the same machine.
    await expect(sessions.open().status()).resolves.toMatchObject({ rebootRequired: true });
  });

  it('reports the installer busy while an installation runs, and free once it ends', async () => {
    useScenario(scenario({}, { install: { hangUntilAbort: true } }));
    const session = sessions.open();
    const controller = new AbortController();
    const install = session.install([QUIET], { signal: controller.signal });
    // The session's thread is free while the agent installs: the same session answers.
    let status = await session.status();
    for (let tries = 0; !status.installerBusy && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await session.status();
    }
    expect(status.installerBusy).toBe(true);
    await expect(sessions.open().status()).resolves.toMatchObject({ installerBusy: true });
    controller.abort();
    await expect(install).rejects.toMatchObject({ name: 'AbortError' });
    await expect(session.status()).resolves.toMatchObject({ installerBusy: false });
  });

  it('keeps the rest when a network logon is refused ISystemInformation and the installer', async () => {
    useScenario(scenario({ rebootRequired: true, oemHardwareSupportLink: 'https://oem.example.com', logon: { remote: true } }));
    const status = await sessions.open().status();
    expect(status).toMatchObject({
      rebootRequired: null, rebootRequiredBy: { agent: null }, oemHardwareSupportLink: null,
      installerBusy: null, rebootRequiredBeforeInstallation: null,
      apiMajorVersion: 8, apiMinorVersion: 0, productVersion: '10.0.19041.3636', readOnly: false,
    });
    const denied = { hresult: 0x80070005, code: 'E_ACCESSDENIED' };
    expect(status.warnings).toEqual([
      { field: 'rebootRequiredBy.agent', member: 'ISystemInformation::RebootRequired', ...denied,
        message: 'ISystemInformation::get_RebootRequired is not allowed from a remote session' },
      { field: 'oemHardwareSupportLink', member: 'ISystemInformation::OemHardwareSupportLink', ...denied,
        message: 'ISystemInformation::get_OemHardwareSupportLink is not allowed from a remote session' },
      { field: 'installerBusy', member: 'IUpdateSession::CreateUpdateInstaller', ...denied,
        message: 'IUpdateSession::CreateUpdateInstaller is not allowed from a remote session' },
      { field: 'rebootRequiredBeforeInstallation', member: 'IUpdateSession::CreateUpdateInstaller', ...denied,
        message: 'IUpdateSession::CreateUpdateInstaller is not allowed from a remote session' },
    ]);
  });

  it('keeps the rest on an agent without IWindowsUpdateAgentInfo (WUA 1.0)', async () => {
    useScenario(scenario({ agentInfoAvailable: false, rebootRequired: true }));
    const status = await sessions.open().status();
    expect(status).toMatchObject({
      rebootRequired: true, installerBusy: false, readOnly: false,
      apiMajorVersion: null, apiMinorVersion: null, productVersion: null,
    });
    expect(status.warnings.map((w) => [w.field, w.member, w.code])).toEqual([
      ['apiMajorVersion', 'CoCreateInstance(WindowsUpdateAgentInfo)', 'REGDB_E_CLASSNOTREG'],
      ['apiMinorVersion', 'CoCreateInstance(WindowsUpdateAgentInfo)', 'REGDB_E_CLASSNOTREG'],
      ['productVersion', 'CoCreateInstance(WindowsUpdateAgentInfo)', 'REGDB_E_CLASSNOTREG'],
    ]);
    expect(status.warnings[0]!.hresult).toBe(0x80040154);
  });

  it('names the one member that failed, with the agent\'s own text', async () => {
    useScenario(scenario({ faults: { 'IUpdateInstaller::get_IsBusy': '0x8024001E' } }));
    const status = await sessions.open().status();
    expect(status).toMatchObject({ installerBusy: null, rebootRequiredBeforeInstallation: false, rebootRequired: false, apiMajorVersion: 8 });
    expect(status.warnings).toEqual([{
      field: 'installerBusy', member: 'IUpdateInstaller::IsBusy', hresult: 0x8024001e, code: 'WU_E_SERVICE_STOP',
      message: 'fault injected by the scenario at IUpdateInstaller::get_IsBusy',
    }]);
  });

  it('says it does not know whether a restart is pending when no source could be read', async () => {
    useScenario(scenario({ faults: { 'ISystemInformation::get_RebootRequired': '0x80004005' } }));
    const status = await sessions.open().status();
    expect(status.rebootRequired).toBeNull();
    expect(status.rebootRequiredBy).toEqual({ agent: null });
    expect(status.oemHardwareSupportLink).toBe('');
    expect(status.warnings).toMatchObject([{ field: 'rebootRequiredBy.agent', code: 'E_FAIL' }]);
  });

  it('rejects after close(), and leaves no agent object alive', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await session.status();
    await session.close();
    await expect(session.status()).rejects.toBeInstanceOf(SessionClosedError);
    await expect(session.agentInfo()).rejects.toBeInstanceOf(SessionClosedError);
    await expectNoLiveObjects();
  });
});

describe('agentInfo, the part of status it has always returned', () => {
  it('still gives the version and the restart state', async () => {
    useScenario(scenario({ apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.22621.1', rebootRequired: true, installerBusy: true }));
    await expect(sessions.open().agentInfo()).resolves.toEqual({
      apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.22621.1', rebootRequired: true,
    });
  });

  it('still rejects when the agent does not give one of its values', async () => {
    useScenario(scenario({ agentInfoAvailable: false }));
    const error = await sessions.open().agentInfo().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'REGDB_E_CLASSNOTREG', operation: 'agentInfo' });
    // What agentInfo never returned does not make it fail.
    useScenario(scenario({ faults: { 'IUpdateInstaller::get_IsBusy': '0x8024001E' } }));
    await expect(sessions.open().agentInfo()).resolves.toMatchObject({ apiMajorVersion: 8 });
  });
});
