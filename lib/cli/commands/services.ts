// `wua services`: the update services the agent knows, and the changes to them (Microsoft Update,
// removal, Automatic Updates' service), as a table or one JSON document.
import type { UpdateSession } from '../../session.js';
import type { ServiceRecord, ServiceRegistrationRecord } from '../../types.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';

/** What a service is to Automatic Updates: its service, registered with it, or neither. */
function automaticUpdates(service: ServiceRecord): string {
  return service.isDefaultAuService ? 'default' : service.isRegisteredWithAu ? 'registered' : '-';
}

function kind(service: ServiceRecord): string {
  return service.isScanPackageService ? 'scan package' : service.isManaged ? 'managed (WSUS)' : '-';
}

export function servicesTable(services: ServiceRecord[], width: number | undefined): string {
  if (!services.length) return 'No update services registered.';
  return table(['SERVICE ID', 'NAME', 'AUTOMATIC UPDATES', 'KIND'],
    services.map((service) => [service.serviceId, service.name, automaticUpdates(service), kind(service)]), { width, flex: 1 });
}

export async function listServicesCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  const services = await session.services();
  const exitCode = ExitCode.success;
  output.result({ services, exitCode }, () => servicesTable(services, output.tableWidth));
  return exitCode;
}

/** A registration in words: registered now, or pending until the agent's next online search. */
export function registrationText(registration: ServiceRegistrationRecord): string {
  const name = registration.service?.name ?? registration.serviceId;
  switch (registration.registrationState) {
    case 'registered':
      return `${name} is registered${registration.service?.isDefaultAuService ? ', as the Automatic Updates service' : ''}.`;
    case 'registrationPending':
      return `${name} is pending registration: the agent registers it at its next online search`
        + `${registration.isPendingRegistrationWithAu ? ', as the Automatic Updates service' : ''}.`;
    default:
      return `${name} is not registered.`;
  }
}

export async function addMicrosoftUpdateCommand(session: UpdateSession, output: Output,
  flags: { registerAu: boolean }): Promise<ExitCode> {
  const registration = await session.enableMicrosoftUpdate({ registerWithAutomaticUpdates: flags.registerAu });
  const exitCode = ExitCode.success;
  output.result({ registration, exitCode }, () => registrationText(registration));
  return exitCode;
}

export async function registrationCommand(session: UpdateSession, output: Output, serviceId: string): Promise<ExitCode> {
  const registration = await session.serviceRegistration(serviceId);
  const exitCode = ExitCode.success;
  output.result({ registration, exitCode }, () => registrationText(registration));
  return exitCode;
}

export async function removeServiceCommand(session: UpdateSession, output: Output, serviceId: string): Promise<ExitCode> {
  await session.removeService(serviceId);
  const exitCode = ExitCode.success;
  output.result({ removed: serviceId.toLowerCase(), exitCode }, () => `Removed the update service ${serviceId.toLowerCase()}.`);
  return exitCode;
}

export async function automaticUpdatesCommand(session: UpdateSession, output: Output, serviceId: string,
  register: boolean): Promise<ExitCode> {
  if (register) await session.registerServiceWithAU(serviceId);
  else await session.unregisterServiceWithAU(serviceId);
  const id = serviceId.toLowerCase();
  const exitCode = ExitCode.success;
  output.result({ serviceId: id, registeredWithAutomaticUpdates: register, exitCode }, () => (register
    ? `The update service ${id} is now the Automatic Updates service.`
    : `The update service ${id} is no longer registered with Automatic Updates.`));
  return exitCode;
}
