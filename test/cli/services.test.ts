// `wua services` and `wua scan` as a child process, the way scripts run them: tables, one JSON
// document, exit statuses, and the agent's refusals worded for the command line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { useScenario } from '../sim/harness.js';
import { type WuaRun as Run, wua } from './spawn-wua.js';

const WINDOWS_UPDATE = '9482f4b4-e343-43b6-b170-9a65bc822c77';
const MICROSOFT_UPDATE = '7971f918-a847-4430-9279-4a52d1efe18d';
const WSUS = '3da21691-e39d-4da6-8a4b-b43877bcb1b7';
const PENDING = 'c1c1c1c1-1111-4111-8111-c1c1c1c1c1c1';
const INSTALLED = 'c2c2c2c2-2222-4222-8222-c2c2c2c2c2c2';

const json = <T = Record<string, unknown>>(run: Run): T => JSON.parse(run.stdout) as T;

function scenario(agent: Record<string, unknown> = {}): object {
  return {
    name: 'cli-services',
    agent: {
      services: [
        { id: WINDOWS_UPDATE, name: 'Windows Update', isRegisteredWithAu: true, isDefaultAuService: true },
        { id: WSUS, name: 'Windows Server Update Service', isManaged: true, canRegisterWithAu: false },
      ],
      ...agent,
    },
    updates: [
      { id: PENDING, title: '2026-11 Security Update (KB5070001)', kbArticleIds: ['5070001'], maxDownloadSize: 1048576 },
      { id: INSTALLED, title: '2026-10 Security Update (KB5060001)', kbArticleIds: ['5060001'], state: { isInstalled: true } },
    ],
    scanPackages: { 'wsusscn2.cab': { updates: [PENDING, INSTALLED] } },
  };
}

const work: string[] = [];
afterEach(() => {
  for (const dir of work.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function catalog(name = 'wsusscn2.cab'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wua-cli-scan-'));
  work.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, 'MSCF');
  return file;
}

describe('wua services', () => {
  it('lists the services as a table', () => {
    useScenario(scenario());
    const run = wua('services');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SERVICE ID\s+NAME\s+AUTOMATIC UPDATES\s+KIND$/);
    expect(lines[1]).toMatch(new RegExp(`^${WINDOWS_UPDATE}\\s+Windows Update\\s+default\\s+-$`));
    expect(lines[2]).toMatch(new RegExp(`^${WSUS}\\s+Windows Server Update Service\\s+-\\s+managed \\(WSUS\\)$`));
  });

  it('lists them as one JSON document, every field of each', () => {
    useScenario(scenario());
    const doc = json<{ services: Record<string, unknown>[]; exitCode: number }>(wua('services', '--json'));
    expect(doc.exitCode).toBe(0);
    expect(doc.services).toHaveLength(2);
    expect(doc.services[1]).toEqual({
      serviceId: WSUS, name: 'Windows Server Update Service', serviceUrl: '', setupPrefix: '', isManaged: true,
      isRegisteredWithAu: false, isDefaultAuService: false, canRegisterWithAu: false, offersWindowsUpdates: true,
      isScanPackageService: false, issueDate: null, expirationDate: null, redirectUrls: [], hasContentValidationCert: false,
    });
  });

  it('add-microsoft-update opts in, as the Automatic Updates service unless told not to', () => {
    useScenario(scenario());
    const run = wua('services', 'add-microsoft-update');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('Microsoft Update is registered, as the Automatic Updates service.\n');
    expect(wua('services').stdout).toMatch(new RegExp(`${MICROSOFT_UPDATE}\\s+Microsoft Update\\s+default`));

    useScenario(scenario());
    const doc = json<{ registration: { registrationState: string; service: { isDefaultAuService: boolean } }; exitCode: number }>(
      wua('services', 'add-microsoft-update', '--no-register-au', '--json'));
    expect(doc).toMatchObject({ registration: { registrationState: 'registered', service: { isDefaultAuService: false } }, exitCode: 0 });
  });

  it('says when the registration is pending, after the online attempt failed', () => {
    useScenario(scenario({ serviceRegistration: { hresult: '0x8024402C' } }));
    const failed = wua('services', 'add-microsoft-update');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED');
    const run = wua('services', 'registration', MICROSOFT_UPDATE);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${MICROSOFT_UPDATE} is pending registration: the agent registers it at its next online search,`
      + ' as the Automatic Updates service.\n');
  });

  it('remove removes a service; the Windows Update service is a usage error, an unknown one a failure', () => {
    useScenario(scenario());
    const removed = wua('services', 'remove', WSUS.toUpperCase(), '--json');
    expect(json(removed)).toEqual({ removed: WSUS, exitCode: 0 });
    expect(wua('services').stdout).not.toContain(WSUS);

    const builtIn = wua('services', 'remove', WINDOWS_UPDATE, '--json');
    expect(builtIn.status).toBe(2);
    expect(json(builtIn)).toMatchObject({ error: { name: 'UsageError', code: 'ERR_WUA_BUILTIN_SERVICE' }, exitCode: 2 });

    const unknown = wua('services', 'remove', WSUS, '--json');
    expect(unknown.status).toBe(1);
    expect(json(unknown)).toMatchObject({ error: { name: 'WindowsUpdateError', code: 'WU_E_DS_UNKNOWNSERVICE', hint: expect.any(String) } });

    expect(wua('services', 'remove', 'wsus').status).toBe(2);
    expect(wua('services', 'remove').status).toBe(2);
  });

  it('register-au and unregister-au change the Automatic Updates service', () => {
    useScenario(scenario());
    expect(wua('services', 'add-microsoft-update', '--no-register-au').status).toBe(0);
    const registered = wua('services', 'register-au', MICROSOFT_UPDATE);
    expect(registered.status).toBe(0);
    expect(registered.stdout).toBe(`The update service ${MICROSOFT_UPDATE} is now the Automatic Updates service.\n`);
    expect(json(wua('services', 'unregister-au', MICROSOFT_UPDATE, '--json')))
      .toEqual({ serviceId: MICROSOFT_UPDATE, registeredWithAutomaticUpdates: false, exitCode: 0 });
    const refused = wua('services', 'register-au', WSUS, '--json');
    expect(refused.status).toBe(1);
    expect(json(refused)).toMatchObject({ error: { code: 'WU_E_INVALID_OPERATION' }, exitCode: 1 });
  });

  it('a change without an administrator fails with a permission error and a hint', () => {
    useScenario(scenario({ isAdministrator: false }));
    const run = wua('services', 'add-microsoft-update');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/E_ACCESSDENIED/);
    expect(run.stderr).toMatch(/hint: .*administrator/);
    expect(json(wua('services', 'remove', WSUS, '--json'))).toMatchObject({ error: { code: 'E_ACCESSDENIED', category: 'permission' } });
    expect(wua('services').status).toBe(0);
  });
});

describe('wua', () => {
  it('names the new commands when told none', () => {
    useScenario(scenario());
    const bare = wua();
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/error: say which command: .*\bservices\b.*\bscan\b/);
    expect(bare.stderr).toMatch(/^ {2}services +list the update services/m);
    expect(bare.stderr).toMatch(/^ {2}scan \[options\] \[criteria\] +find updates in an offline catalog/m);
  });
});

describe('wua scan', () => {
  it('prints what an offline catalog says is missing, as wua search does', () => {
    useScenario(scenario());
    const file = catalog();
    const run = wua('scan', '--cab', file);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KB\s+TITLE\s+SIZE\s+SEVERITY\s+STATUS$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^KB5070001\s+2026-11 Security Update \(KB5070001\)\s+1\.0 MB\s+-\s+-$/)]);
    expect(run.stderr).toContain(`Scanned offline: ${file}`);
  });

  it('takes the search filters and raw criteria, and writes one JSON document', () => {
    useScenario(scenario());
    const file = catalog();
    expect(wua('scan', '--cab', file, '--installed').stdout).toContain('KB5060001');
    const doc = json<{ offline: boolean; updates: { kbArticleIds: string[] }[]; service: { name: string }; cleanup: object; exitCode: number }>(
      wua('scan', 'IsInstalled=0 or IsInstalled=1', '--cab', file, '--kb', '5060001', '--json'));
    expect(doc.offline).toBe(true);
    expect(doc.updates.map((update) => update.kbArticleIds)).toEqual([['5060001']]);
    expect(doc.service.name).toMatch(/^windows-update-agent offline scan, process \d+$/);
    expect(doc.cleanup).toEqual({ serviceRemoved: true, copyRemoved: false, sweptServices: [], sweptCopies: [] });
    expect(doc.exitCode).toBe(0);
  });

  it('needs --cab, and reports a file that is not a signed catalog', () => {
    useScenario(scenario());
    const missing = wua('scan', '--json');
    expect(missing.status).toBe(2);
    expect(json(missing)).toMatchObject({ error: { name: 'UsageError' }, exitCode: 2 });
    const unsigned = wua('scan', '--cab', catalog('other.cab'), '--json');
    expect(unsigned.status).toBe(1);
    expect(json(unsigned)).toMatchObject({ error: { code: 'TRUST_E_NOSIGNATURE' }, exitCode: 1 });
  });

  it('stops at --timeout once the agent confirms, leaving no scan service behind', () => {
    useScenario({ ...scenario(), search: { hangUntilAbort: true } });
    const run = wua('scan', '--cab', catalog(), '--timeout', '1', '--json');
    expect(run.status).toBe(130);
    expect(json(run)).toMatchObject({ error: { name: 'TimeoutError' }, exitCode: 130 });
    const services = json<{ services: { isScanPackageService: boolean }[] }>(wua('services', '--json')).services;
    expect(services.filter((service) => service.isScanPackageService)).toEqual([]);
  });
});
