// Update services through the facade (IUpdateServiceManager2, made by the session): listing,
// opting in to Microsoft Update, adding, removing, Automatic Updates' service and registrations,
// against the simulated agent's service manager (test/sim/README.md, rule 8).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  InvalidArgumentError, MICROSOFT_UPDATE_SERVICE_ID, WINDOWS_UPDATE_SERVICE_ID, WindowsUpdateError, type ServiceRecord,
} from '../../lib/index.js';
import { BACKEND, calls, expectNoLiveObjects, hresult, useScenario } from './backend.js';
import { sessionsPerTest } from '../core/sessions.js';

const WSUS = '3da21691-e39d-4da6-8a4b-b43877bcb1b7';
const UNKNOWN = '0badc0de-0000-4000-8000-000000000000';
const sessions = sessionsPerTest({ clientApplicationId: 'services tests' });

const windowsUpdate = {
  id: WINDOWS_UPDATE_SERVICE_ID, name: 'Windows Update', isRegisteredWithAu: true, isDefaultAuService: true, canRegisterWithAu: true,
};
const wsus = {
  id: WSUS, name: 'Windows Server Update Service', isManaged: true, canRegisterWithAu: false, offersWindowsUpdates: true,
  serviceUrl: 'https://wsus.example.test:8531', setupPrefix: 'wsus', contentValidationCert: 'MIIB',
  issueDate: '2026-01-05T10:00:00Z', expirationDate: '2027-01-05T10:00:00Z',
  redirectUrls: ['https://wsus.example.test/redirect', 'https://backup.example.test/redirect'],
};

function scenario(agent: Record<string, unknown> = {}): object {
  return { name: 'services', agent: { services: [windowsUpdate, wsus], ...agent } };
}

const byId = (services: ServiceRecord[], id: string): ServiceRecord | undefined => services.find((s) => s.serviceId === id);

/** Calls that reached the service manager (the session makes it: IUpdateSession3::CreateUpdateServiceManager). */
const managerCalls = (): string[] => calls().filter((call) => call.startsWith('IUpdateServiceManager'));

describe('services()', () => {
  it('lists every registered service with every IUpdateService2 property, from the session\'s service manager', async () => {
    useScenario(scenario());
    const services = await sessions.open().services();
    expect(services).toEqual([
      {
        serviceId: WINDOWS_UPDATE_SERVICE_ID, name: 'Windows Update', serviceUrl: '', setupPrefix: '', isManaged: false,
        isRegisteredWithAu: true, isDefaultAuService: true, canRegisterWithAu: true, offersWindowsUpdates: true,
        isScanPackageService: false, issueDate: null, expirationDate: null, redirectUrls: [], hasContentValidationCert: false,
      },
      {
        serviceId: WSUS, name: 'Windows Server Update Service', serviceUrl: 'https://wsus.example.test:8531', setupPrefix: 'wsus',
        isManaged: true, isRegisteredWithAu: false, isDefaultAuService: false, canRegisterWithAu: false, offersWindowsUpdates: true,
        isScanPackageService: false, issueDate: new Date('2026-01-05T10:00:00Z'), expirationDate: new Date('2027-01-05T10:00:00Z'),
        redirectUrls: ['https://wsus.example.test/redirect', 'https://backup.example.test/redirect'], hasContentValidationCert: true,
      },
    ]);
    expect(calls()).toContain('IUpdateSession3::CreateUpdateServiceManager');
    expect(JSON.parse(JSON.stringify(services))[1].issueDate).toBe('2026-01-05T10:00:00.000Z');
  });

  it('reads without an administrator, and leaves no agent object behind', async () => {
    useScenario(scenario({ isAdministrator: false }));
    const session = sessions.open();
    expect((await session.services()).map((s) => s.name)).toEqual(['Windows Update', 'Windows Server Update Service']);
    await session.close();
    await expectNoLiveObjects();
  });
});

describe('enableMicrosoftUpdate() and addService()', () => {
  it('opts in to Microsoft Update as Automatic Updates\' service, as Microsoft\'s sample does (flags 7)', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const registration = await session.enableMicrosoftUpdate();
    expect(registration).toMatchObject({
      serviceId: MICROSOFT_UPDATE_SERVICE_ID, registrationState: 'registered', isPendingRegistrationWithAu: false,
      service: { serviceId: MICROSOFT_UPDATE_SERVICE_ID, name: 'Microsoft Update', isRegisteredWithAu: true, isDefaultAuService: true },
    });
    const services = await session.services();
    expect(byId(services, MICROSOFT_UPDATE_SERVICE_ID)).toMatchObject({ isDefaultAuService: true });
    expect(byId(services, WINDOWS_UPDATE_SERVICE_ID)).toMatchObject({ isRegisteredWithAu: true, isDefaultAuService: false });
    expect(await session.serviceRegistration(MICROSOFT_UPDATE_SERVICE_ID)).toEqual(registration);
  });

  it('without Automatic Updates when asked, leaving Windows Update its service', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const registration = await session.enableMicrosoftUpdate({ registerWithAutomaticUpdates: false });
    expect(registration.service).toMatchObject({ isRegisteredWithAu: false, isDefaultAuService: false });
    expect(byId(await session.services(), WINDOWS_UPDATE_SERVICE_ID)).toMatchObject({ isDefaultAuService: true });
  });

  it('leaves the registration pending when the online attempt fails, and says so', async () => {
    useScenario(scenario({ serviceRegistration: { hresult: hresult('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED') } }));
    const session = sessions.open();
    const failure = await session.enableMicrosoftUpdate().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WindowsUpdateError);
    expect(failure).toMatchObject({ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', category: 'network', operation: 'addService' });
    expect(await session.serviceRegistration(MICROSOFT_UPDATE_SERVICE_ID)).toEqual({
      serviceId: MICROSOFT_UPDATE_SERVICE_ID, registrationState: 'registrationPending', isPendingRegistrationWithAu: true, service: null,
    });
    // A pending service is not registered yet.
    expect(byId(await session.services(), MICROSOFT_UPDATE_SERVICE_ID)).toBeUndefined();
  });

  it('registers later only, when asked to (asfAllowPendingRegistration)', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const registration = await session.addService(MICROSOFT_UPDATE_SERVICE_ID.toUpperCase(), { allowOnlineRegistration: false });
    expect(registration).toEqual({
      serviceId: MICROSOFT_UPDATE_SERVICE_ID, registrationState: 'registrationPending', isPendingRegistrationWithAu: false, service: null,
    });
  });

  // The addon's own behaviour (or a cab file), below the facade: the simulator only.
  it.runIf(BACKEND === 'simulator')('registers from an authorization cab at once, and reports a cab that is not there', async () => {
    useScenario(scenario());
    const cab = path.join(tmpdir(), `authorization-${process.pid}.cab`);
    writeFileSync(cab, '');
    const session = sessions.open();
    const registration = await session.addService(UNKNOWN, { authorizationCab: cab, registerWithAutomaticUpdates: true });
    expect(registration).toMatchObject({ registrationState: 'registered', service: { serviceId: UNKNOWN, isDefaultAuService: true } });
    await expect(session.addService(UNKNOWN, { authorizationCab: `${cab}.missing` }))
      .rejects.toMatchObject({ name: 'WindowsUpdateError', code: 'ERROR_FILE_NOT_FOUND' });
  });

  it('reports a service the update service does not offer', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.addService(UNKNOWN, { allowPendingRegistration: false }))
      .rejects.toMatchObject({ name: 'WindowsUpdateError', code: 'WU_E_DS_UNKNOWNSERVICE', category: 'invalid-input' });
  });

  it('checks IDs and options before anything reaches the agent', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.addService('Microsoft Update')).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'serviceId' });
    await expect(session.addService(42 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    await expect(session.addService(UNKNOWN, { authorizationCab: 'a.cab', allowOnlineRegistration: true }))
      .rejects.toThrow(/takes neither online nor pending registration/);
    await expect(session.addService(UNKNOWN, { allowOnlineRegistration: false, allowPendingRegistration: false }))
      .rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(session.addService(UNKNOWN, { online: true } as never)).rejects.toThrow(/options.online is not an option of addService/);
    await expect(session.enableMicrosoftUpdate({ pending: true } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(managerCalls()).toEqual([]);
  });
});

describe('removeService()', () => {
  it('removes a service, and then knows it no more', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await session.enableMicrosoftUpdate();
    await session.removeService(MICROSOFT_UPDATE_SERVICE_ID);
    const services = await session.services();
    expect(byId(services, MICROSOFT_UPDATE_SERVICE_ID)).toBeUndefined();
    // Automatic Updates falls back to Windows Update.
    expect(byId(services, WINDOWS_UPDATE_SERVICE_ID)).toMatchObject({ isDefaultAuService: true });
    await expect(session.removeService(MICROSOFT_UPDATE_SERVICE_ID))
      .rejects.toMatchObject({ name: 'WindowsUpdateError', code: 'WU_E_DS_UNKNOWNSERVICE', operation: 'removeService' });
  });

  it('refuses the Windows Update service itself before calling the agent', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const refused = await session.removeService(WINDOWS_UPDATE_SERVICE_ID.toUpperCase()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect(refused).toMatchObject({ code: 'ERR_WUA_BUILTIN_SERVICE', argument: 'serviceId' });
    await expect(session.removeService('not-a-guid')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(managerCalls()).toEqual([]);
  });
});

describe('registerServiceWithAU() and unregisterServiceWithAU()', () => {
  it('make a service Automatic Updates\' service, and fall back to Windows Update', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await session.enableMicrosoftUpdate({ registerWithAutomaticUpdates: false });
    await session.registerServiceWithAU(MICROSOFT_UPDATE_SERVICE_ID);
    expect(byId(await session.services(), MICROSOFT_UPDATE_SERVICE_ID)).toMatchObject({ isRegisteredWithAu: true, isDefaultAuService: true });
    await session.unregisterServiceWithAU(MICROSOFT_UPDATE_SERVICE_ID);
    const services = await session.services();
    expect(byId(services, MICROSOFT_UPDATE_SERVICE_ID)).toMatchObject({ isRegisteredWithAu: false, isDefaultAuService: false });
    expect(byId(services, WINDOWS_UPDATE_SERVICE_ID)).toMatchObject({ isDefaultAuService: true });
  });

  it('turn the agent\'s refusals into typed errors', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.registerServiceWithAU(WSUS)).rejects.toMatchObject({ code: 'WU_E_INVALID_OPERATION', operation: 'registerServiceWithAU' });
    await expect(session.registerServiceWithAU(UNKNOWN)).rejects.toMatchObject({ code: 'WU_E_DS_UNKNOWNSERVICE' });
    await expect(session.unregisterServiceWithAU(UNKNOWN)).rejects.toMatchObject({ code: 'WU_E_DS_UNKNOWNSERVICE' });
    // Automatic Updates needs a service: Windows Update stays while it is the only one.
    const refused = await session.unregisterServiceWithAU(WINDOWS_UPDATE_SERVICE_ID).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WindowsUpdateError);
    expect(refused).toMatchObject({ code: 'WU_E_DS_NEEDWINDOWSSERVICE', hresult: 0x80248019 });
    await expect(session.registerServiceWithAU('wsus')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('serviceRegistration()', () => {
  it('reads a registration, and reports a service the agent does not know', async () => {
    useScenario(scenario());
    const session = sessions.open();
    expect(await session.serviceRegistration(WINDOWS_UPDATE_SERVICE_ID)).toMatchObject({
      serviceId: WINDOWS_UPDATE_SERVICE_ID, registrationState: 'registered', isPendingRegistrationWithAu: false,
      service: { name: 'Windows Update', isDefaultAuService: true },
    });
    await expect(session.serviceRegistration(UNKNOWN))
      .rejects.toMatchObject({ name: 'WindowsUpdateError', code: 'WU_E_DS_UNKNOWNSERVICE', operation: 'serviceRegistration' });
  });
});

describe('rights', () => {
  it('every change needs an administrator: a typed permission error otherwise', async () => {
    useScenario(scenario({ isAdministrator: false }));
    const session = sessions.open();
    const changes: [string, () => Promise<unknown>][] = [
      ['addService', () => session.enableMicrosoftUpdate()],
      ['removeService', () => session.removeService(WSUS)],
      ['registerServiceWithAU', () => session.registerServiceWithAU(WINDOWS_UPDATE_SERVICE_ID)],
      ['unregisterServiceWithAU', () => session.unregisterServiceWithAU(WINDOWS_UPDATE_SERVICE_ID)],
    ];
    for (const [operation, change] of changes) {
      const error = await change().catch((failure: unknown) => failure);
      expect(error, operation).toBeInstanceOf(WindowsUpdateError);
      expect(error, operation).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission', operation });
    }
    expect((await session.services()).length).toBe(2);
  });

  it('a remote caller may not remove a service, as the agent documents', async () => {
    useScenario(scenario({ logon: { remote: true } }));
    await expect(sessions.open().removeService(WSUS)).rejects.toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission' });
  });
});
