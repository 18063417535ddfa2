// The rules the simulated agent takes from Microsoft's documentation (README.md, "Rules from
// Microsoft's documentation"), checked by a native COM client over vtables (src/com_selftest.cc,
// one section per rule) with nothing of the product in between: each section runs against the
// scenario written here, and shares these update IDs with it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { hresult, useScenario } from './harness.js';

const COM_SELFTEST = path.resolve(__dirname, '..', '..', 'build', 'sim', 'com-selftest.exe');

/** The ID com_selftest.cc's Id(n) gives: 100000NN-0000-4000-8000-000000000000. */
const id = (n: number) => `100000${String(n).padStart(2, '0')}-0000-4000-8000-000000000000`;
const CATEGORY = 'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83';
const downloaded = { state: { isDownloaded: true } };
const WINDOWS_UPDATE = {
  id: '9482f4b4-e343-43b6-b170-9a65bc822c77', name: 'Windows Update', isRegisteredWithAu: true, isDefaultAuService: true,
};
const MANAGED = '3da21691-e39d-4da6-8a4b-b43877bcb1b7';

const SECTIONS: Record<string, { scenario: object; minimumChecks: number }> = {
  exclusive: {
    minimumChecks: 25,
    scenario: {
      updates: [
        { id: id(1), title: 'Exclusive firmware update', installationBehavior: { impact: 'requiresExclusiveHandling' }, ...downloaded },
        { id: id(2), title: 'First update', ...downloaded },
        { id: id(3), title: 'Second update', ...downloaded },
        { id: id(4), title: 'Bundle with an exclusive child', bundledUpdates: [id(5), id(6)] },
        { id: id(5), title: 'Ordinary child', installationBehavior: { rebootBehavior: 'canRequestReboot' }, ...downloaded },
        {
          id: id(6), title: 'Exclusive child', ...downloaded,
          installationBehavior: { impact: 'requiresExclusiveHandling', rebootBehavior: 'alwaysRequiresReboot', canRequestUserInput: true },
        },
        { id: id(7), title: 'Third update', ...downloaded },
        { id: id(8), title: 'Another exclusive update', installationBehavior: { impact: 'requiresExclusiveHandling' }, ...downloaded },
        {
          id: id(9), title: 'Exclusive to remove', isUninstallable: true, state: { isInstalled: true },
          uninstallationBehavior: { impact: 'requiresExclusiveHandling' },
        },
      ],
    },
  },
  bundles: {
    minimumChecks: 25,
    scenario: {
      updates: [
        { id: id(10), title: 'Bundle', isUninstallable: true, bundledUpdates: [id(11), id(12)] },
        { id: id(11), title: 'Bundle, first child', maxDownloadSize: 100, isUninstallable: true, downloadContents: [{ url: 'https://example/11.cab' }] },
        {
          id: id(12), title: 'Bundle, second child', maxDownloadSize: 300, isUninstallable: true,
          installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' }, downloadContents: [{ url: 'https://example/12.cab' }],
        },
        { id: id(20), title: 'Bundle that fails', bundledUpdates: [id(21), id(22), id(23)] },
        { id: id(21), title: 'Child that installs', maxDownloadSize: 10 },
        { id: id(22), title: 'Child that fails', maxDownloadSize: 10, install: { hresult: '0x80070643' } },
        { id: id(23), title: 'Child never reached', maxDownloadSize: 10 },
        { id: id(30), title: 'Plain update', maxDownloadSize: 50 },
      ],
    },
  },
  faults: {
    minimumChecks: 10,
    scenario: {
      categories: [{ id: CATEGORY, name: 'Updates', type: 'UpdateClassification' }],
      updates: [
        {
          id: id(40), title: 'Faulty', categories: [CATEGORY], cveIds: ['CVE-2026-1'],
          faults: {
            'IUpdate::get_Title': '0x8007000E', 'IUpdate2::get_CveIDs': hresult('E_ACCESSDENIED'), 'ICategory::get_Name': '0x80004005',
            'IInstallationBehavior::get_Impact': '0x80240001', 'IUpdateIdentity::get_UpdateID': '0x80240001',
          },
        },
        { id: id(41), title: 'Healthy', categories: [CATEGORY] },
        { id: id(42), title: 'Faulty driver', type: 'driver', driver: { class: 'Net' }, faults: { 'IWindowsDriverUpdate::get_DriverClass': '0x80070005' } },
      ],
    },
  },
  runas: {
    minimumChecks: 8,
    scenario: {
      agent: { logon: { interactiveUser: false } },
      updates: [
        { id: id(50), title: 'Asks for input', installationBehavior: { canRequestUserInput: true }, ...downloaded },
        { id: id(51), title: 'Quiet', ...downloaded },
        { id: id(52), title: 'Bundle with a child that asks', bundledUpdates: [id(53), id(54)] },
        { id: id(53), title: 'Quiet child', ...downloaded },
        { id: id(54), title: 'Child that asks', installationBehavior: { canRequestUserInput: true }, ...downloaded },
      ],
    },
  },
  job: {
    minimumChecks: 6,
    scenario: {
      install: { jobHresult: hresult('WU_E_ALL_UPDATES_FAILED') },
      download: { jobHresult: '0x80240FFF' },
      updates: [
        { id: id(60), title: 'Fails with 0x80070643', install: { hresult: '0x80070643' }, ...downloaded },
        { id: id(61), title: 'Fails with 0x800F081F', install: { hresult: '0x800F081F' }, ...downloaded },
      ],
    },
  },
  remote: {
    minimumChecks: 74,
    scenario: {
      agent: { logon: { remote: true } },
      updates: [{ id: id(70), title: 'Pending', eulaText: 'terms' }],
    },
  },
  'remote-custom': {
    minimumChecks: 6,
    scenario: {
      agent: { logon: { remote: true, deniedCalls: ['IUpdateSearcher::Search', 'IUpdateSession3::QueryHistory'] } },
      updates: [{ id: id(70), title: 'Pending' }],
    },
  },
  services: {
    minimumChecks: 40,
    scenario: {
      agent: { services: [WINDOWS_UPDATE, { id: MANAGED, name: 'Windows Server Update Service', isManaged: true, canRegisterWithAu: false }] },
      updates: [{ id: id(70), title: 'Pending' }],
    },
  },
  'services-offline': {
    minimumChecks: 8,
    scenario: {
      agent: { services: [WINDOWS_UPDATE], serviceRegistration: { hresult: hresult('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED') } },
    },
  },
  'services-user': {
    minimumChecks: 8,
    scenario: { agent: { isAdministrator: false, services: [WINDOWS_UPDATE] } },
  },
  'scan-packages': {
    minimumChecks: 20,
    scenario: {
      updates: [{ id: id(70), title: 'In the package' }, { id: id(71), title: 'In the package too' }, { id: id(72), title: 'Not in it' }],
      scanPackages: { 'wsusscn2.cab': { updates: [id(70), id(71)] } },
    },
  },
  'scan-packages-network': {
    minimumChecks: 1,
    scenario: {
      agent: { acceptNetworkScanPackages: true },
      updates: [{ id: id(70), title: 'In the package' }],
      scanPackages: { 'wsusscn2.cab': { updates: [id(70)] } },
    },
  },
  status: {
    minimumChecks: 20,
    scenario: {
      agent: { apiMajorVersion: 9, apiMinorVersion: 2, productVersion: '10.0.26100.1', oemHardwareSupportLink: 'https://oem.example.com/support' },
      updates: [
        { id: id(80), title: 'Needs a restart', installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' }, ...downloaded },
        { id: id(81), title: 'Quiet', ...downloaded },
        { id: id(82), title: 'Slow', install: { durationMs: 400 }, ...downloaded },
      ],
    },
  },
  wua1: {
    minimumChecks: 6,
    scenario: {
      agent: { agentInfoAvailable: false, rebootRequired: true, rebootRequiredBeforeInstallation: false, installerBusy: true },
      updates: [{ id: id(81), title: 'Quiet', ...downloaded }],
    },
  },
  history: {
    minimumChecks: 20,
    scenario: {
      agent: {
        history: [
          {
            operation: 'installation', resultCode: 'failed', hresult: '0x80070643', unmappedResultCode: '0x80070652',
            date: '2026-10-01T08:00:00Z', updateId: id(80), title: 'Entry 80',
          },
          { operation: 'installation', date: '2026-11-01T08:00:00Z', updateId: id(81), title: 'Entry 81' },
          { operation: 'uninstallation', date: '2026-11-01T08:00:00Z', updateId: id(82), title: 'Entry 82' },
        ],
      },
    },
  },
  'history-empty': { minimumChecks: 10, scenario: {} },
  'automatic-updates': {
    minimumChecks: 40,
    scenario: {
      agent: {
        automaticUpdates: { notificationLevel: 3, scheduledInstallationDay: 3, scheduledInstallationTime: 5, required: true, serviceEnabled: false },
      },
    },
  },
  network: {
    minimumChecks: 16,
    scenario: {
      agent: { network: { proxy: { address: 'proxy.example:8080', userName: 'CORP\\svc', password: 'right' } } },
      updates: [{ id: id(80), title: 'Through the proxy', maxDownloadSize: 10 }],
    },
  },
  'network-unreachable': {
    minimumChecks: 3,
    scenario: {
      agent: { network: { reachable: false, hresult: '0x8024401C' } },
      updates: [{ id: id(81), title: 'Held by the agent' }],
    },
  },
};
// The same for a caller who is not an administrator.
SECTIONS['automatic-updates-user'] = {
  minimumChecks: 40,
  scenario: { agent: { ...(SECTIONS['automatic-updates']!.scenario as { agent: object }).agent, isAdministrator: false } },
};
SECTIONS['remote-never'] = {
  minimumChecks: 8,
  scenario: {
    agent: { logon: { remote: true, deniedCalls: ['IUpdateSession::CreateUpdateInstaller'] } },
    updates: [{ id: id(70), title: 'Pending', eulaText: 'terms' }],
  },
};
SECTIONS.hiding = {
  minimumChecks: 20,
  scenario: {
    updates: [
      { id: id(80), title: 'Mandatory', isMandatory: true },
      { id: id(81), title: 'With a deadline', deadline: '2026-12-01T00:00:00Z' },
      { id: id(82), title: 'Optional' },
      { id: id(83), title: 'With license terms', eulaText: 'The terms.' },
      { id: id(84), title: 'Hidden already', state: { isHidden: true } },
    ],
  },
};
// The same catalog for a caller who is not an administrator.
SECTIONS['hiding-user'] = {
  minimumChecks: 8,
  scenario: { ...SECTIONS.hiding.scenario, agent: { isAdministrator: false } },
};
// The same catalog, with the children listed as results of their own.
SECTIONS['bundles-listed'] = {
  minimumChecks: 1,
  scenario: { ...SECTIONS.bundles!.scenario, search: { listBundledUpdates: true } },
};

// A wedged agent (README.md, "Wedges"): the search and AddService2, then a download and an install.
SECTIONS['wedge-search'] = {
  minimumChecks: 6,
  scenario: {
    agent: { wedgedCalls: ['IUpdateServiceManager2::AddService2'] },
    search: { wedged: true },
  },
};
SECTIONS['wedge-jobs'] = {
  minimumChecks: 7,
  scenario: {
    updates: [
      { id: id(90), title: 'Download that never ends', download: { wedged: true } },
      { id: id(91), title: 'Install that never ends', install: { wedged: true }, ...downloaded },
    ],
  },
};

describe.each(Object.keys(SECTIONS))('the simulator rule section %s', (section) => {
  it('passes against its scenario', () => {
    const { scenario, minimumChecks } = SECTIONS[section]!;
    const { env } = useScenario({ name: `rules-${section}`, ...scenario });
    const run = spawnSync(COM_SELFTEST, [section], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
    const summary = /(\d+) passed, (\d+) failed/.exec(run.stdout);
    expect(summary, run.stdout + run.stderr).not.toBeNull();
    expect(Number(summary![2]), run.stdout).toBe(0);
    expect(Number(summary![1])).toBeGreaterThanOrEqual(minimumChecks);
    expect(run.status).toBe(0);
  });
});
