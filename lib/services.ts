// Update services (IUpdateServiceManager2): which services the agent knows and how a caller
// changes them, checked before anything reaches the agent, and their records as the addon sends
// them (one chunk of the wire format, src/wire/README.md).
import { InvalidArgumentError } from './errors.js';
import { isGuid } from './ids.js';
import { buildService, buildRegistration, WireTables } from './records/fields.generated.js';
import type { Tuple, WireChunk } from './records/values.js';
import type { ServiceRecord, ServiceRegistrationRecord } from './types.js';

/** The Windows Update service, built into the agent: it cannot be removed. */
export const WINDOWS_UPDATE_SERVICE_ID = '9482f4b4-e343-43b6-b170-9a65bc822c77';
/** Microsoft Update (Windows Update and other Microsoft products), as "Opt-In to Microsoft Update" registers it. */
export const MICROSOFT_UPDATE_SERVICE_ID = '7971f918-a847-4430-9279-4a52d1efe18d';

/** A service ID as the agent takes it: a GUID, lower case. */
export function checkServiceId(value: unknown, argument = 'serviceId'): string {
  if (!isGuid(value)) {
    throw new InvalidArgumentError(argument, `must be a service ID (a GUID such as ${MICROSOFT_UPDATE_SERVICE_ID})`,
      typeof value === 'string' ? 'ERR_INVALID_ARG_VALUE' : 'ERR_INVALID_ARG_TYPE');
  }
  return value.toLowerCase();
}

/**
 * The agent refuses to remove its built-in Windows Update service (RemoveService:
 * WU_E_DS_NEEDWINDOWSSERVICE); the package refuses before asking.
 */
export function refuseWindowsUpdateRemoval(serviceId: string): void {
  if (serviceId === WINDOWS_UPDATE_SERVICE_ID) {
    throw new InvalidArgumentError('serviceId', 'is the Windows Update service, which is built into the agent and cannot be removed',
      'ERR_WUA_BUILTIN_SERVICE');
  }
}

function recordsFromJson<T>(json: string, build: (tuple: Tuple, tables: WireTables) => T): T[] {
  const chunk = JSON.parse(json) as WireChunk;
  const tables = new WireTables();
  tables.add(chunk);
  return chunk.records.map((tuple) => build(tuple, tables));
}

export function servicesFromJson(json: string): ServiceRecord[] {
  return recordsFromJson(json, buildService);
}

export function registrationFromJson(json: string): ServiceRegistrationRecord {
  const [registration] = recordsFromJson(json, buildRegistration);
  if (!registration) throw new Error('the addon sent no service registration');
  return registration;
}
