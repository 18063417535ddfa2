// `wua status` (and `wua info`, the part of it older scripts read) as a child process: the list
// for people, the JSON document, and the exit status a pending restart gives.
import { describe, expect, it } from 'vitest';

import type { UpdateStatus } from '../../lib/index.js';
import { useScenario } from '../sim/harness.js';
import { jsonOf, wua } from './spawn-wua.js';

const RESTARTS = 'b2b2b2b2-0000-4000-8000-000000000001';

type StatusDoc = UpdateStatus & { exitCode: number };

function scenario(agent: Record<string, unknown>): object {
  return {
    name: 'cli-status',
    agent: { productVersion: '10.0.26100.4061', apiMajorVersion: 8, apiMinorVersion: 1, ...agent },
    updates: [{
      id: RESTARTS, title: 'Needs a restart', kbArticleIds: ['5200001'], state: { isDownloaded: true },
      installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' },
    }],
  };
}

describe('wua status', () => {
  it('says nothing is pending with status 0, and every value in one JSON document', () => {
    useScenario(scenario({ oemHardwareSupportLink: 'https://oem.example.com/support' }));
    const run = wua('status', '--json');
    expect(run.status).toBe(0);
    expect(jsonOf<StatusDoc>(run)).toEqual({
      rebootRequired: false, rebootRequiredBy: { agent: false }, installerBusy: false, rebootRequiredBeforeInstallation: false,
      apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.26100.4061',
      oemHardwareSupportLink: 'https://oem.example.com/support', readOnly: false, warnings: [], exitCode: 0,
    });
    const text = wua('status');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Restart pending\s+no \(agent: no\)$/m);
    expect(text.stdout).toMatch(/^Installer busy\s+no$/m);
    expect(text.stdout).toMatch(/^Agent version\s+10\.0\.26100\.4061$/m);
    expect(text.stdout).toMatch(/^API version\s+8\.1$/m);
    expect(text.stdout).toMatch(/^OEM support link\s+https:\/\/oem\.example\.com\/support$/m);
    expect(text.stdout).not.toContain('A restart is needed');
  });

  it('exits 3010 once an install leaves a restart pending, as the other commands do', () => {
    useScenario(scenario({}));
    expect(wua('install', '--kb', '5200001').status).toBe(3010);
    const run = wua('status', '--json');
    expect(run.status).toBe(3010);
    expect(jsonOf<StatusDoc>(run)).toMatchObject({
      rebootRequired: true, rebootRequiredBy: { agent: true }, rebootRequiredBeforeInstallation: true, exitCode: 3010,
    });
    const text = wua('status');
    expect(text.status).toBe(3010);
    expect(text.stdout).toMatch(/^Restart pending\s+yes \(agent: yes\)$/m);
    expect(text.stdout).toMatch(/^Restart required before installing\s+yes$/m);
    expect(text.stdout).toContain('A restart is needed to finish. wua never restarts the machine.');
  });

  it('shows a busy installer and a read-only session', () => {
    useScenario(scenario({ installerBusy: true, isAdministrator: false }));
    const run = wua('status', '--json');
    expect(run.status).toBe(0);
    expect(jsonOf<StatusDoc>(run)).toMatchObject({ installerBusy: true, readOnly: true });
  });

  it('keeps the rest, with a warning per value, when a network logon is refused ISystemInformation', () => {
    useScenario(scenario({ rebootRequired: true, logon: { remote: true } }));
    const run = wua('status', '--json');
    // Whether a restart is pending is unknown, not "no": no 3010, and the warnings say why.
    expect(run.status).toBe(0);
    const doc = jsonOf<StatusDoc>(run);
    expect(doc).toMatchObject({ rebootRequired: null, rebootRequiredBy: { agent: null }, productVersion: '10.0.26100.4061', exitCode: 0 });
    expect(doc.warnings.map((w) => [w.field, w.member, w.code])).toEqual([
      ['rebootRequiredBy.agent', 'ISystemInformation::RebootRequired', 'E_ACCESSDENIED'],
      ['oemHardwareSupportLink', 'ISystemInformation::OemHardwareSupportLink', 'E_ACCESSDENIED'],
      ['installerBusy', 'IUpdateSession::CreateUpdateInstaller', 'E_ACCESSDENIED'],
      ['rebootRequiredBeforeInstallation', 'IUpdateSession::CreateUpdateInstaller', 'E_ACCESSDENIED'],
    ]);
    const text = wua('status');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Restart pending\s+unknown \(agent: unknown\)$/m);
    expect(text.stdout).toContain('warning (rebootRequiredBy.agent): ISystemInformation::RebootRequired failed with E_ACCESSDENIED (0x80070005)');
  });
});

describe('wua info, kept for the scripts written for it', () => {
  it('still prints its three values and exits 0 with a restart pending', () => {
    useScenario(scenario({ rebootRequired: true, installerBusy: true }));
    const run = wua('info', '--json');
    expect(run.status).toBe(0);
    expect(jsonOf(run)).toEqual({
      apiMajorVersion: 8, apiMinorVersion: 1, productVersion: '10.0.26100.4061', rebootRequired: true, exitCode: 0,
    });
    const text = wua('info');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Restart pending\s+yes$/m);
  });

  it('is listed beside status and show in the help', () => {
    const run = wua('--help');
    expect(run.status).toBe(0);
    for (const command of ['status', 'show', 'info']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    const bare = wua();
    expect(bare.status).toBe(2);
    const named = /say which command: (.*)/.exec(bare.stderr)?.[1] ?? '';
    for (const command of ['search', 'install', 'info', 'status', 'show']) expect(named).toMatch(new RegExp(`\\b${command}\\b`));
  });
});
