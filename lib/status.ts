// The machine's update state (UpdateSession.status()) from the addon's plain values: the restart
// sources summed up, and each failed agent member as a warning beside the values that remain.
import { describeHresult, WindowsUpdateError } from './errors.js';
import type { NativeStatus, NativeStatusFailure } from './native.js';
import type { AgentInfo, StatusField, StatusWarning, UpdateStatus } from './types.js';

/** The addon's names for the values that UpdateStatus names otherwise. */
const FIELD_OF: Record<string, StatusField> = { rebootRequired: 'rebootRequiredBy.agent' };

function warningOf(failure: NativeStatusFailure): StatusWarning {
  const info = describeHresult(failure.hresult);
  return {
    field: FIELD_OF[failure.field] ?? (failure.field as StatusField),
    member: failure.member,
    hresult: info.hresult,
    code: info.name,
    message: failure.description || info.meaning,
  };
}

/**
 * One answer from several sources: yes when any says yes (a restart one source wants is needed
 * whatever the others say), no only when every one was read and says no, unknown otherwise.
 */
export function anyOf(sources: Record<string, boolean | null>): boolean | null {
  const values = Object.values(sources);
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

export function statusFrom(native: NativeStatus): UpdateStatus {
  const rebootRequiredBy = { agent: native.rebootRequired };
  return {
    rebootRequired: anyOf(rebootRequiredBy),
    rebootRequiredBy,
    installerBusy: native.installerBusy,
    rebootRequiredBeforeInstallation: native.rebootRequiredBeforeInstallation,
    apiMajorVersion: native.apiMajorVersion,
    apiMinorVersion: native.apiMinorVersion,
    productVersion: native.productVersion,
    oemHardwareSupportLink: native.oemHardwareSupportLink,
    readOnly: native.readOnly,
    warnings: native.failures.map(warningOf),
  };
}

/** The status values agentInfo() returns: a failure behind any other value does not bear on it. */
export const AGENT_INFO_FIELDS: readonly StatusField[] = ['apiMajorVersion', 'apiMinorVersion', 'productVersion', 'rebootRequiredBy.agent'];

/**
 * The part of the status agentInfo() has always returned, which it returned whole or not at
 * all: a value the agent did not give rejects, with that member's error, as it did.
 */
export function agentInfoFrom(native: NativeStatus): AgentInfo {
  const failed = native.failures.find((failure) => AGENT_INFO_FIELDS.includes(warningOf(failure).field));
  if (failed) throw new WindowsUpdateError(failed.hresult, 'agentInfo', { description: failed.description || failed.member });
  return {
    apiMajorVersion: native.apiMajorVersion!,
    apiMinorVersion: native.apiMinorVersion!,
    productVersion: native.productVersion!,
    rebootRequired: native.rebootRequired!,
  };
}
