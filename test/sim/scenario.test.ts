// The simulator's scenario files and state file: validation that names the bad field, and
// machine state that a second process sees.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { UpdateSession } from '../../lib/index.js';
import { simulatorStatus, useScenario } from './harness.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const entry = path.resolve(__dirname, '..', '..', 'dist', 'index.js');

let session: UpdateSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('scenario validation', () => {
  it.each([
    [{ updates: [{ id: A, titel: 'x' }] }, "updates[0].titel: unknown field (did you mean 'title'?)"],
    [{ updates: [{ id: A }] }, 'updates[0].title: missing required field'],
    [{ updates: [{ id: 'KB123', title: 'x' }] }, 'updates[0].id: expected a GUID'],
    [{ updates: [{ id: A, title: 'x', type: 'firmware' }] }, "updates[0].type: expected one of 'software', 'driver'"],
    [{ updates: [{ id: A, title: 'x', maxDownloadSize: 'big' }] }, 'updates[0].maxDownloadSize: expected'],
    [{ updates: [{ id: A, title: 'x', msrcSeverity: 'Severe' }] }, 'updates[0].msrcSeverity: expected one of'],
    [{ updates: [{ id: A, title: 'x', categories: [B] }] }, "updates[0].categories[0]: names a category that is not in 'categories'"],
    [{ updates: [{ id: A, title: 'x', bundledUpdates: [B] }] }, "updates[0].bundledUpdates[0]: names an update that is not in 'updates'"],
    [{ updates: [{ id: A, title: 'x' }, { id: A, title: 'y' }] }, 'updates[1].id: is the ID of an earlier update too'],
    [{ updates: [{ id: A, title: 'x', isMandatory: true, state: { isHidden: true } }] }, 'updates[0].state.isHidden: a mandatory update cannot be hidden'],
    [{ updates: [{ id: A, title: 'x', driver: { class: 'Net' } }] }, "updates[0].driver: only a driver update (type 'driver') has driver properties"],
    [{ updates: [{ id: A, title: 'x', deadline: 'next week' }] }, 'updates[0].deadline: expected an ISO 8601 date'],
    [{ download: { hresult: 'oops' } }, 'download.hresult: expected an HRESULT'],
    [{ download: { failCall: true } }, 'download.hresult: failCall needs a failure HRESULT'],
    [{ install: { progressSteps: 0 } }, 'install.progressSteps: must be from 1 to 1000'],
    [{ agent: { faults: { 'IUpdateSearcher::Search': 0 } } }, "agent.faults.IUpdateSearcher::Search: a fault must be a failure HRESULT"],
    [{ agent: { automaticUpdates: { notificationLevel: 9 } } }, 'agent.automaticUpdates.notificationLevel: must be from 0 to 4'],
    [{ search: { warnings: [{ context: 'everywhere' }] } }, 'search.warnings[0].context: expected one of'],
    [{ categories: [{ id: B, name: 'c', type: 'Product', parent: A }] }, "categories[0].parent: names a category that is not in 'categories'"],
    [{ surprise: true }, 'surprise: unknown field'],
    // A member name nothing checks would be a fault or delay that never happens.
    [{ agent: { faults: { 'IUpdateSearcher::Serch': '0x80004005' } } },
      "agent.faults.IUpdateSearcher::Serch: names no member the simulator checks here (did you mean 'IUpdateSearcher::Search'?)"],
    [{ agent: { delays: { 'IUpdateInstaller::Instal': 10 } } },
      "agent.delays.IUpdateInstaller::Instal: names no member the simulator checks here (did you mean 'IUpdateInstaller::Install'?)"],
    [{ agent: { faults: { 'IUpdate::get_Title': '0x8007000E' } } },
      "agent.faults.IUpdate::get_Title: is a getter of an update: name it in that update's 'faults'"],
    [{ updates: [{ id: A, title: 'x', faults: { 'IUpdate::get_Titel': '0x8007000E' } }] },
      "updates[0].faults.IUpdate::get_Titel: names no member the simulator checks here (did you mean 'IUpdate::get_Title'?)"],
    [{ updates: [{ id: A, title: 'x', faults: { 'IUpdateSearcher::Search': '0x8007000E' } }] },
      'updates[0].faults.IUpdateSearcher::Search: is a call, not a getter of an update: name it in agent.faults'],
    [{ updates: [{ id: A, title: 'x', faults: { 'IWindowsDriverUpdate::get_DriverClass': '0x8007000E' } }] },
      "updates[0].faults.IWindowsDriverUpdate::get_DriverClass: only a driver update (type 'driver') has this member"],
    [{ updates: [{ id: A, title: 'x', faults: { 'IUpdate::get_Title': 0 } }] }, 'updates[0].faults.IUpdate::get_Title: a fault must be a failure HRESULT'],
    [{ agent: { logon: { remote: true, deniedCalls: ['IUpdateSearcher::Searhc'] } } },
      "agent.logon.deniedCalls[0]: names no member the simulator checks here (did you mean 'IUpdateSearcher::Search'?)"],
    [{ agent: { logon: { deniedCalls: ['IUpdateSearcher::Search'] } } }, "agent.logon.deniedCalls: applies only to a remote logon ('remote': true)"],
    [{ agent: { logon: { remote: true, interactiveUsr: false } } }, "agent.logon.interactiveUsr: unknown field (did you mean 'interactiveUser'?)"],
    // A bundle is a container: its payload, installer and state are its children's.
    [{ updates: [{ id: A, title: 'x', bundledUpdates: [B], downloadContents: [{ url: 'https://example/a.cab' }] }, { id: B, title: 'y' }] },
      'updates[0].downloadContents: a bundle has no payload or installer of its own'],
    [{ updates: [{ id: A, title: 'x', bundledUpdates: [B], installationBehavior: { impact: 'minor' } }, { id: B, title: 'y' }] },
      'updates[0].installationBehavior: a bundle has no payload or installer of its own'],
    [{ updates: [{ id: A, title: 'x', bundledUpdates: [B], state: { isInstalled: true } }, { id: B, title: 'y' }] },
      "updates[0].state.isInstalled: a bundle's state follows its bundled updates"],
    [{ updates: [{ id: A, title: 'x', bundledUpdates: [B] }, { id: B, title: 'y', bundledUpdates: [C] }, { id: C, title: 'z' }] },
      'updates[0].bundledUpdates[0]: names an update that is itself a bundle'],
    [{ updates: [{ id: A, title: 'x', install: { jobHresult: '0x80240022' } }] }, 'updates[0].install.jobHresult: unknown field'],
    [{ install: { jobHresult: 'all failed' } }, 'install.jobHresult: expected an HRESULT'],
    [{ search: { listBundledUpdates: 'yes' } }, 'search.listBundledUpdates: expected a boolean'],
    // What every Windows 10 machine reports the same is no scenario's to set.
    [{ agent: { automaticUpdates: { includeRecommendedUpdates: false } } }, 'agent.automaticUpdates.includeRecommendedUpdates: unknown field'],
    [{ agent: { network: { hresult: 0 } } }, 'agent.network.hresult: must be a failure HRESULT'],
    [{ agent: { network: { online: false } } }, "agent.network.online: unknown field"],
    [{ agent: { network: { proxy: { userName: 'u' } } } }, 'agent.network.proxy.address: missing required field'],
    [{ agent: { network: { proxy: { address: 'proxy:8080', password: 'p' } } } }, "agent.network.proxy.password: needs a 'userName'"],
    // Scan packages and update services.
    [{ scanPackages: { 'wsusscn2.cab': { updates: [A] } } }, "scanPackages.wsusscn2.cab.updates[0]: names an update that is not in 'updates'"],
    [{ scanPackages: { 'C:\\wsusscn2.cab': { updates: [] } } }, 'must be a file name, without a folder'],
    [{ scanPackages: { 'wsusscn2.cab': { update: [] } } }, "scanPackages.wsusscn2.cab.update: unknown field (did you mean 'updates'?)"],
    [{ agent: { services: [{ id: A, name: 'x', scanPackage: 'wsusscn2.cab' }] } },
      "agent.services[0].scanPackage: only a scan package service ('isScanPackageService': true) has a package"],
    [{ agent: { services: [{ id: A, name: 'x', isScanPackageService: true, scanPackage: 'wsusscn2.cab' }] } },
      "agent.services[0].scanPackage: names no package of 'scanPackages'"],
    [{ agent: { serviceRegistration: { hresult: 1 } } }, 'agent.serviceRegistration.hresult: must be a failure HRESULT, or 0 for none'],
    [{ agent: { serviceRegistration: { offered: ['Microsoft Update'] } } }, 'agent.serviceRegistration.offered[0]: expected a GUID'],
    // A wedge ignores RequestAbort, which hangUntilAbort waits for.
    [{ install: { wedged: true, hangUntilAbort: true } }, 'install.wedged: a wedged call ignores RequestAbort: not with hangUntilAbort'],
    [{ search: { wedged: 'forever' } }, 'search.wedged: expected a boolean'],
    [{ agent: { wedgedCalls: ['IUpdateServiceManager2::AddServce2'] } },
      "agent.wedgedCalls[0]: names no member the simulator checks here (did you mean 'IUpdateServiceManager2::AddService2'?)"],
    [{ agent: { wedgedCalls: ['IUpdate::get_Title'] } }, "agent.wedgedCalls[0]: is a getter of an update: name it in that update's 'faults'"],
  ])('rejects %j', (scenario, message) => {
    expect(() => useScenario({ name: 'bad', ...scenario })).toThrow(message);
  });

  it('makes every call fail, naming the problem, when the scenario in the environment is broken', () => {
    const script = `
      const { UpdateSession } = require(${JSON.stringify(entry)});
      new UpdateSession().search().then(() => process.stdout.write('found'),
        (error) => process.stdout.write(JSON.stringify({ code: error.code, description: error.description })));`;
    const { scenarioFile, env } = useScenario('basic');
    const broken = { ...process.env, ...env, WUA_SIMULATOR_SCENARIO: scenarioFile.replace('basic.json', 'missing.json') };
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: broken, timeout: 60_000 });
    const outcome = JSON.parse(run.stdout) as { code: string; description: string };
    expect(outcome.code).toBe('E_FAIL');
    expect(outcome.description).toMatch(/scenario did not load: .*missing\.json: cannot open the scenario file/);
  });
});

describe('machine state', () => {
  const catalog = {
    name: 'persistence',
    updates: [
      { id: A, title: 'Update A', isUninstallable: true, state: { isDownloaded: true } },
      { id: B, title: 'Update B', state: { isDownloaded: true } },
    ],
  };

  it('persists installs to the state file, where another process sees them, with history', async () => {
    const { env } = useScenario(catalog);
    const script = `
      const { UpdateSession } = require(${JSON.stringify(entry)});
      const session = new UpdateSession({ clientApplicationId: 'second process' });
      session.install([${JSON.stringify(A)}]).then((result) => session.close().then(() => process.stdout.write(result.resultCode)),
        (error) => { process.stdout.write(String(error)); process.exitCode = 1; });`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    expect(run.stdout).toBe('succeeded');
    // This process read the state before the child changed it; it must see the change now.
    session = new UpdateSession();
    const installed = await session.search('IsInstalled=1');
    expect(installed.updates.map((u) => u.identity.updateId)).toEqual([A]);
    expect(simulatorStatus().scenario).toBe('persistence');
  });

  it('starts from the scenario again on reset, and keeps the state file when asked', async () => {
    const first = useScenario(catalog);
    session = new UpdateSession();
    await session.install([B]);
    await session.close();
    useScenario(catalog, { stateFile: first.stateFile, keepState: true });
    session = new UpdateSession();
    expect((await session.search('IsInstalled=1')).updates).toHaveLength(1);
    await session.close();
    useScenario(catalog, { stateFile: first.stateFile });
    session = new UpdateSession();
    expect((await session.search('IsInstalled=1')).updates).toHaveLength(0);
  });
});
