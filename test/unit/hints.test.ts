// Hints: every code gets one that names its real cause, in the words of its audience, and no
// generic hint stands in for a code whose meaning says something specific.
import { describe, expect, it } from 'vitest';

import { describeHresult, WindowsUpdateError } from '../../lib/errors.js';
import { hintFor, hintSource } from '../../lib/hints.js';
import { AGENT_HRESULTS, SYSTEM_HRESULTS } from '../../lib/hresult-table.js';
import type { ErrorCategory } from '../../lib/types.js';

const ROWS = [...AGENT_HRESULTS, ...SYSTEM_HRESULTS];
const hint = (name: string, audience: 'api' | 'cli' = 'api') => {
  const row = ROWS.find((r) => r[1] === name);
  if (!row) throw new Error(`${name} is not in the table`);
  return hintFor({ name, category: row[3] }, audience);
};

// The components wuerror.h and winerror.h name by prefix. Codes outside them (the general
// 0x80240xxx codes, plain Win32 and COM codes) have no family: each says its own thing.
const FAMILIES = [
  'WU_S_', 'WU_E_PT_', 'WU_E_REDIRECTOR_', 'WU_E_SIH_', 'WU_E_DM_', 'WU_E_UH_', 'WU_E_MSI_', 'WU_E_MSP_', 'WU_E_DS_',
  'WU_E_INVENTORY_', 'WU_E_AU_', 'WU_E_WUTASK_', 'WU_E_DRV_', 'WU_E_SETUP_', 'WU_E_SELFUPDATE_', 'WU_E_EE_', 'WU_E_REPORTER_',
  'WU_E_OL_', 'WU_E_METADATA', 'WU_E_IDLESHUTDOWN_', 'WU_E_FILETRUST_', 'WU_E_TRUST_', 'WU_E_INSTALLATION_RESULTS_',
  'CBS_E_', 'PSFX_E_', 'ERROR_SXS_', 'ERROR_INSTALL_', 'ERROR_WINHTTP_', 'ERROR_INTERNET_', 'WSA', 'ERROR_SERVICE_',
  'CERT_E_', 'SEC_E_', 'CRYPT_E_', 'TRUST_E_', 'RPC_', 'BG_E_',
];
const familyOf = (name: string) => FAMILIES.filter((p) => name.startsWith(p)).sort((a, b) => b.length - a.length)[0];

// A hint said of more codes than this must be a family's hint, true of every member.
const MAX_SHARED_OUTSIDE_A_FAMILY = 4;

describe('hints', () => {
  it('exist for every code, for both audiences', () => {
    for (const [, name, , category] of ROWS) {
      for (const audience of ['api', 'cli'] as const) {
        expect(hintFor({ name, category }, audience).length, `${name} (${audience})`).toBeGreaterThan(10);
      }
    }
    expect(hintFor({ name: 'HRESULT_0x8BADF00D', category: 'unknown' })).toMatch(/HRESULT/);
  });

  it('speak the language of their audience: no flags in API hints, no option objects in CLI hints', () => {
    for (const [, name, , category] of ROWS) {
      expect(hintFor({ name, category }, 'api'), name).not.toMatch(/(^|\s)--[a-z]/);
      expect(hintFor({ name, category }, 'cli'), name).not.toMatch(/\{ /);
    }
    expect(hint('WU_E_EULAS_DECLINED', 'api')).toContain('{ acceptEulas: true }');
    expect(hint('WU_E_EULAS_DECLINED', 'cli')).toContain('--accept-eulas');
  });

  it('come from a code\'s own hint or its family\'s, never from its category alone', () => {
    // A category says too little: the old table gave 212 codes "the Windows Update service failed".
    const byCategory = ROWS.filter((row) => hintSource(row[1]).kind === 'category').map((row) => row[1]);
    expect(byCategory).toEqual([]);
  });

  it(`are shared by more than ${MAX_SHARED_OUTSIDE_A_FAMILY} codes only within one family`, () => {
    const byText = new Map<string, string[]>();
    for (const [, name, , category] of ROWS) {
      const text = hintFor({ name, category });
      byText.set(text, [...(byText.get(text) ?? []), name]);
    }
    for (const [text, names] of byText) {
      if (names.length <= MAX_SHARED_OUTSIDE_A_FAMILY) continue;
      const families = new Set(names.map(familyOf));
      expect([...families], `"${text}" is shared by ${names.join(', ')}`).toHaveLength(1);
      expect([...families][0], `"${text}" is shared by ${names.join(', ')}`).toBeDefined();
    }
  });

  it('fit their code\'s category', () => {
    const says: Partial<Record<ErrorCategory, RegExp>> = {
      reboot: /restart/i,
      disk: /space|chkdsk|drive|disk|paging/i,
      busy: /wait|retry|another|later/i,
      corrupt: /DISM|sfc|chkdsk|rename|again|repair|catroot2/i,
      network: /connect|proxy|server|DNS|TLS|certificate|firewall|network|revocation|clock/i,
      aborted: /cancel|abort|again/i,
    };
    const misfits = ROWS.filter(([, name, , category]) => says[category] && !says[category].test(hintFor({ name, category })))
      .map(([, name, , category]) => `${name} (${category})`);
    expect(misfits).toEqual([]);
  });

  it('tell only codes about rights to elevate', () => {
    for (const [, name, , category] of ROWS) {
      if (category !== 'permission') expect(hintFor({ name, category }), name).not.toMatch(/elevat/i);
    }
  });

  it('WU_E_NO_INTERACTIVE_USER names Secondary Logon (RunAs), not elevation', () => {
    for (const audience of ['api', 'cli'] as const) {
      const text = hint('WU_E_NO_INTERACTIVE_USER', audience);
      expect(text).toMatch(/Secondary Logon/);
      expect(text).toMatch(/RunAs/);
      expect(text).not.toMatch(/elevat|administrator/i);
    }
    expect(describeHresult(0x80240020).meaning).toMatch(/RunAs/);
  });

  it('E_ACCESSDENIED names elevation, remote callers and remote shells', () => {
    const text = hint('E_ACCESSDENIED');
    expect(text).toMatch(/elevated/);
    expect(text).toMatch(/remote callers/);
    expect(text).toMatch(/SSH/);
    expect(text).toMatch(/WinRM/);
    expect(text).toMatch(/scheduled task/);
    expect(new WindowsUpdateError(0x80070005, 'install').hint).toBe(text);
    expect(hint('WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED')).toMatch(/SSH, WinRM/);
  });

  it('give the codes users meet most a hint of their own', () => {
    const own = [
      'WU_E_NO_INTERACTIVE_USER', 'WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED', 'WU_E_EXCLUSIVE_INSTALL_CONFLICT',
      'WU_E_DS_UNKNOWNSERVICE', 'WU_E_NOT_APPLICABLE', 'WU_E_UH_NEEDANOTHERDOWNLOAD', 'WU_E_INSTALL_NOT_ALLOWED',
      'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', 'WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT',
      'WU_E_PT_SOAPCLIENT_SOAPFAULT', 'WU_E_PT_ENDPOINT_UNREACHABLE', 'WU_E_PT_HTTP_STATUS_NOT_FOUND',
      'WU_E_ALL_UPDATES_FAILED', 'WU_E_OPERATIONINPROGRESS', 'WU_E_SERVICE_STOP', 'WU_E_NO_CONNECTION',
      'E_ACCESSDENIED', 'ERROR_INSTALL_FAILURE', 'CBS_E_INSTALLERS_FAILED', 'CBS_E_SOURCE_MISSING',
      'CBS_E_STORE_CORRUPTION', 'ERROR_SERVICE_DISABLED', 'ERROR_DISK_FULL', 'ERROR_WINHTTP_SECURE_FAILURE',
    ];
    for (const name of own) expect(hintSource(name), name).toEqual({ kind: 'code' });
  });

  it('say what the code means in each context it arises in', () => {
    // Never downloaded, or downloaded in part: either way the fix is to download (again) first.
    expect(hint('WU_E_UH_NEEDANOTHERDOWNLOAD', 'api')).toMatch(/never downloaded.*download\(\) the update \(again\) first/);
    expect(hint('WU_E_UH_NEEDANOTHERDOWNLOAD', 'cli')).toMatch(/wua download/);
    expect(hint('WU_E_ALL_UPDATES_FAILED')).toMatch(/each update's outcome/);
    expect(hint('WU_E_EXCLUSIVE_INSTALL_CONFLICT', 'api')).toMatch(/on its own/);
    expect(hint('WU_E_NOT_APPLICABLE')).not.toMatch(/service/);
    expect(hint('WU_E_DS_UNKNOWNSERVICE')).toMatch(/not registered/);
    expect(hint('ERROR_SXS_COMPONENT_STORE_CORRUPT')).toMatch(/DISM \/Online \/Cleanup-Image \/RestoreHealth, then sfc \/scannow/);
    expect(hint('CBS_E_SOURCE_MISSING')).toMatch(/Specify settings for optional component installation/);
    expect(hint('ERROR_SERVICE_DISABLED')).toMatch(/Manual/);
    expect(hint('ERROR_WINHTTP_SECURE_FAILURE')).toMatch(/clock.*root certificates.*TLS inspection proxy/);
    expect(hint('ERROR_INSTALL_FAILURE')).toMatch(/msiexec/);
    expect(hint('ERROR_DISK_FULL')).toMatch(/free space on the system drive/);
    expect(hint('WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ')).toMatch(/proxy requires authentication/);
  });

  it('resolve by family, the longest prefix first', () => {
    expect(hintSource('WU_E_PT_HTTP_STATUS_BAD_GATEWAY')).toEqual({ kind: 'family', prefix: 'WU_E_PT_HTTP_STATUS_' });
    expect(hintSource('WU_E_PT_SOAP_SERVER')).toEqual({ kind: 'family', prefix: 'WU_E_PT_SOAP' });
    expect(hintSource('WU_E_DS_NODATA_EULA')).toEqual({ kind: 'family', prefix: 'WU_E_DS_NODATA' });
    expect(hintSource('WU_E_DS_TABLEMISSING')).toEqual({ kind: 'family', prefix: 'WU_E_DS_' });
    expect(hintSource('ERROR_WINHTTP_SECURE_CERT_REVOKED')).toEqual({ kind: 'family', prefix: 'ERROR_WINHTTP_SECURE_' });
    expect(hintSource('HRESULT_0x8BADF00D')).toEqual({ kind: 'category' });
  });
});
