// The facade's side of status(): the addon's values and failures into UpdateStatus, the restart
// sources summed up, and agentInfo() as the part of it that fails whole.
import { describe, expect, it } from 'vitest';

import { WindowsUpdateError } from '../../lib/errors.js';
import type { NativeStatus } from '../../lib/native.js';
import { agentInfoFrom, anyOf, statusFrom } from '../../lib/status.js';

const READ: NativeStatus = {
  rebootRequired: false, oemHardwareSupportLink: '', installerBusy: false, rebootRequiredBeforeInstallation: false,
  apiMajorVersion: 8, apiMinorVersion: 0, productVersion: '10.0.19041.3636', readOnly: false, failures: [],
};

describe('anyOf', () => {
  it('is true when any source says so, false only when all were read and say no, null otherwise', () => {
    expect(anyOf({ a: true, b: null })).toBe(true);
    expect(anyOf({ a: false, b: true })).toBe(true);
    expect(anyOf({ a: false, b: false })).toBe(false);
    expect(anyOf({ a: false, b: null })).toBeNull();
    expect(anyOf({ a: null })).toBeNull();
  });
});

describe('statusFrom', () => {
  it('names the agent\'s restart source apart and sums the sources up', () => {
    expect(statusFrom({ ...READ, rebootRequired: true })).toMatchObject({ rebootRequired: true, rebootRequiredBy: { agent: true } });
    expect(statusFrom(READ)).toMatchObject({ rebootRequired: false, rebootRequiredBy: { agent: false } });
  });

  it('turns each failure into a warning with the code\'s name, and the agent\'s text or the meaning', () => {
    const status = statusFrom({
      ...READ, rebootRequired: null, productVersion: null,
      failures: [
        { field: 'rebootRequired', member: 'ISystemInformation::RebootRequired', hresult: 0x80070005, description: 'refused' },
        { field: 'productVersion', member: 'IWindowsUpdateAgentInfo::GetInfo', hresult: 0x8024001e },
      ],
    });
    expect(status.rebootRequired).toBeNull();
    expect(status.warnings).toEqual([
      { field: 'rebootRequiredBy.agent', member: 'ISystemInformation::RebootRequired', hresult: 0x80070005, code: 'E_ACCESSDENIED',
        message: 'refused' },
      { field: 'productVersion', member: 'IWindowsUpdateAgentInfo::GetInfo', hresult: 0x8024001e, code: 'WU_E_SERVICE_STOP',
        message: expect.stringMatching(/service/i) },
    ]);
  });
});

describe('agentInfoFrom', () => {
  it('is the four values agentInfo() has always returned', () => {
    expect(agentInfoFrom({ ...READ, rebootRequired: true, installerBusy: true })).toEqual({
      apiMajorVersion: 8, apiMinorVersion: 0, productVersion: '10.0.19041.3636', rebootRequired: true,
    });
  });

  it('rejects with the first of its values the agent did not give, and ignores the others', () => {
    const failures = [
      { field: 'installerBusy', member: 'IUpdateSession::CreateUpdateInstaller', hresult: 0x80070005 },
      { field: 'rebootRequired', member: 'ISystemInformation::RebootRequired', hresult: 0x80070005, description: 'not remotely' },
    ];
    const error = (() => {
      try {
        return agentInfoFrom({ ...READ, rebootRequired: null, installerBusy: null, failures });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'E_ACCESSDENIED', operation: 'agentInfo', description: 'not remotely' });
    expect(agentInfoFrom({ ...READ, installerBusy: null, failures: failures.slice(0, 1) })).toMatchObject({ rebootRequired: false });
  });
});
