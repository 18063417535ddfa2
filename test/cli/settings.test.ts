// `wua settings` and `wua detect` as a child process: the Automatic Updates state as a table and
// as JSON, the detection the simulator saw start, and the errors with their statuses.
import { describe, expect, it } from 'vitest';

import { automaticUpdatesState, useScenario } from '../sim/harness.js';
import { wua } from './spawn-wua.js';


function machine(automaticUpdates: object, agent: object = {}): object {
  return { name: 'cli-automatic-updates', agent: { automaticUpdates, ...agent } };
}

describe('wua settings', () => {
  it('shows the Automatic Updates state as a table, and says on stderr that it is read only', () => {
    useScenario(machine({ notificationLevel: 3, required: true, lastSearchSuccessDate: '2026-11-10T17:00:00Z' }));
    const run = wua('settings');
    expect(run.status).toBe(0);
    const rows = run.stdout.trim().split('\n').map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ['Service enabled', 'yes'],
      ['Notification level', 'notifyBeforeInstallation'],
      ['Required by policy', 'yes'],
      ['Read only', 'no'],
      ['Recommended updates', 'yes'],
      ['Non-administrators elevated', 'yes'],
      ['Featured updates', 'no (not supported by the agent)'],
      ['Last search', '2026-11-10T17:00:00Z'],
      ['Last installation', 'never'],
    ]);
    expect(run.stderr).toBe('Read only: since Windows 10 the agent accepts changes to these settings and keeps none;'
      + ' change them in Settings or with Group Policy.\n');
  });

  it('writes one JSON document with --json, dates as ISO strings, and nothing on stderr', () => {
    useScenario(machine({ notificationLevel: 1, serviceEnabled: false, lastInstallationSuccessDate: '2026-11-08T03:15:30Z' }));
    const run = wua('settings', '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      settings: {
        notificationLevel: 'disabled', required: false, readOnly: false, includeRecommendedUpdates: true,
        nonAdministratorsElevated: true, featuredUpdatesEnabled: false,
      },
      results: { lastSearchSuccessDate: null, lastInstallationSuccessDate: '2026-11-08T03:15:30.000Z' },
      serviceEnabled: false,
      exitCode: 0,
    });
  });

  it('fails with status 1 and a hint where the agent denies the settings, as text, with --verbose and as JSON', () => {
    useScenario(machine({}, { logon: { remote: true } }));
    const text = wua('settings');
    expect(text.status).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/^error: automaticUpdates failed: E_ACCESSDENIED \(0x80070005\)/);
    expect(text.stderr).toMatch(/hint: /);
    expect(text.stderr).not.toMatch(/\n\s+at /);
    const verbose = wua('settings', '--verbose');
    expect(verbose.status).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    const json = wua('settings', '--json');
    expect(json.status).toBe(1);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { name: 'PermissionError', code: 'E_ACCESSDENIED', category: 'permission', operation: 'automaticUpdates' },
      exitCode: 1,
    });
  });

  it('takes no arguments (status 2)', () => {
    useScenario(machine({}));
    const run = wua('settings', 'save');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/too many arguments/);
  });
});

describe('wua detect', () => {
  it('starts a detection: the simulated agent counts it', () => {
    useScenario(machine({ serviceEnabled: true }, { isAdministrator: false }));
    const run = wua('detect');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Automatic Updates started a detection/);
    expect(run.stderr).toBe('');
    expect(automaticUpdatesState().detections).toBe(1);
    const json = wua('detect', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ detectionStarted: true, exitCode: 0 });
    expect(automaticUpdatesState().detections).toBe(2);
  });

  it('fails with status 1, WU_E_AU_NOSERVICE and a hint while the service is disabled', () => {
    useScenario(machine({ serviceEnabled: false }));
    const run = wua('detect');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: detectNow failed: WU_E_AU_NOSERVICE \(0x8024A000\)/);
    expect(run.stderr).toMatch(/hint: .*disabled/);
    const json = wua('detect', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'WU_E_AU_NOSERVICE', category: 'agent' }, exitCode: 1 });
    expect(automaticUpdatesState().detections).toBe(0);
  });
});
