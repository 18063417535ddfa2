// UpdateSession's Automatic Updates calls against the simulated agent: the settings and results
// read and typed, DetectNow and EnableService with and without administrator rights, and the
// members that do nothing since Windows 10 never called.
import { describe, expect, it } from 'vitest';

import { PermissionError, SessionClosedError, WindowsUpdateError } from '../../lib/index.js';
import { automaticUpdatesState, calls, hresult, useScenario } from './backend.js';
import { sessionsPerTest } from '../core/sessions.js';

const sessions = sessionsPerTest({ clientApplicationId: 'automatic updates tests' });

function machine(automaticUpdates: object, agent: object = {}): object {
  return { name: 'automatic-updates', agent: { automaticUpdates, ...agent } };
}

// Members a client gains nothing by calling on Windows 10 and later.
const DOING_NOTHING = ['IAutomaticUpdates::Pause', 'IAutomaticUpdates::Resume', 'IAutomaticUpdates::ShowSettingsDialog',
  'IAutomaticUpdatesSettings::Save'];

describe('automaticUpdates()', () => {
  it('reads the settings, the results and the service as typed values', async () => {
    useScenario(machine({
      notificationLevel: 2, required: true, serviceEnabled: true,
      lastSearchSuccessDate: '2026-11-10T17:00:00Z', lastInstallationSuccessDate: '2026-11-08T03:15:30Z',
    }));
    const status = await sessions.open().automaticUpdates();
    expect(status).toEqual({
      settings: {
        notificationLevel: 'notifyBeforeDownload',
        required: true,
        readOnly: false,
        includeRecommendedUpdates: true,
        nonAdministratorsElevated: true,
        featuredUpdatesEnabled: false,
      },
      results: {
        lastSearchSuccessDate: new Date('2026-11-10T17:00:00Z'),
        lastInstallationSuccessDate: new Date('2026-11-08T03:15:30Z'),
      },
      serviceEnabled: true,
    });
    expect(calls()).toEqual(expect.arrayContaining(['IAutomaticUpdates::get_ServiceEnabled', 'IAutomaticUpdates::get_Settings']));
    expect(calls().filter((call) => DOING_NOTHING.includes(call))).toEqual([]);
  });

  it('gives null for the dates Automatic Updates does not have (VT_EMPTY), and names every notification level', async () => {
    const levels = ['notConfigured', 'disabled', 'notifyBeforeDownload', 'notifyBeforeInstallation', 'scheduledInstallation'];
    for (const [value, name] of levels.entries()) {
      useScenario(machine({ notificationLevel: value, serviceEnabled: value !== 1 }));
      const session = sessions.open();
      const status = await session.automaticUpdates();
      expect(status.settings.notificationLevel).toBe(name);
      expect(status.serviceEnabled).toBe(value !== 1);
      expect(status.results).toEqual({ lastSearchSuccessDate: null, lastInstallationSuccessDate: null });
      await session.close();
    }
  });

  it('reports the same settings to a caller who is not an administrator: Windows 10 reports them read-write to everyone', async () => {
    useScenario(machine({ notificationLevel: 4 }, { isAdministrator: false }));
    const status = await sessions.open().automaticUpdates();
    expect(status.settings).toMatchObject({ notificationLevel: 'scheduledInstallation', readOnly: false });
  });

  it('rejects with a permission error where the agent denies the settings to a remote session', async () => {
    useScenario(machine({}, { logon: { remote: true } }));
    const error = await sessions.open().automaticUpdates().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission', operation: 'automaticUpdates' });
  });
});

describe('detectNow()', () => {
  it('starts a detection, for administrators and other users alike', async () => {
    for (const isAdministrator of [true, false]) {
      useScenario(machine({ serviceEnabled: true }, { isAdministrator }));
      const session = sessions.open();
      await expect(session.detectNow()).resolves.toBeUndefined();
      expect(automaticUpdatesState().detections).toBe(1);
      expect(calls()).toContain('IAutomaticUpdates::DetectNow');
      await session.close();
    }
  });

  it('rejects with WU_E_AU_NOSERVICE while the service is disabled, and starts nothing', async () => {
    useScenario(machine({ serviceEnabled: false }));
    const error = await sessions.open().detectNow().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'WU_E_AU_NOSERVICE', hresult: Number(hresult('WU_E_AU_NOSERVICE')), operation: 'detectNow' });
    expect(automaticUpdatesState().detections).toBe(0);
  });
});

describe('enableAutomaticUpdatesService()', () => {
  it('enables the service for an administrator, after which a detection can start', async () => {
    useScenario(machine({ serviceEnabled: false }));
    const session = sessions.open();
    expect((await session.automaticUpdates()).serviceEnabled).toBe(false);
    await session.enableAutomaticUpdatesService();
    expect((await session.automaticUpdates()).serviceEnabled).toBe(true);
    expect(automaticUpdatesState().serviceEnabled).toBe(true);
    await session.detectNow();
    expect(automaticUpdatesState().detections).toBe(1);
  });

  it('rejects a caller who is not an administrator with a permission error, and changes nothing', async () => {
    useScenario(machine({ serviceEnabled: false }, { isAdministrator: false }));
    const session = sessions.open();
    const error = await session.enableAutomaticUpdatesService().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission', retryable: false, operation: 'enableAutomaticUpdatesService' });
    expect((error as WindowsUpdateError).hint).toMatch(/administrator/);
    expect(automaticUpdatesState().serviceEnabled).toBe(false);
    expect((await session.automaticUpdates()).serviceEnabled).toBe(false);
  });
});

describe('a closed session', () => {
  it('rejects every Automatic Updates call with SessionClosedError, without reaching the agent', async () => {
    useScenario(machine({}));
    const session = sessions.open();
    await session.close();
    await expect(session.automaticUpdates()).rejects.toBeInstanceOf(SessionClosedError);
    await expect(session.detectNow()).rejects.toBeInstanceOf(SessionClosedError);
    await expect(session.enableAutomaticUpdatesService()).rejects.toBeInstanceOf(SessionClosedError);
    expect(calls().filter((call) => call.startsWith('IAutomaticUpdates'))).toEqual([]);
  });
});
