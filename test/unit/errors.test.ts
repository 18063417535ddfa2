// The error model: every agent code has a name, a meaning, a category and a retry verdict.
import { describe, expect, it } from 'vitest';

import {
  AbortError, describeHresult, fromNativeError, hresultHex, InvalidArgumentError, isAbortError,
  UnsupportedPlatformError, WindowsUpdateError,
} from '../../lib/errors.js';
import { AGENT_HRESULTS, SYSTEM_HRESULTS } from '../../lib/hresult-table.js';

describe('the HRESULT table', () => {
  it('names all 477 codes of the agent once, each in the facility of Windows Update', () => {
    expect(AGENT_HRESULTS).toHaveLength(477);
    expect(new Set(AGENT_HRESULTS.map((row) => row[0])).size).toBe(477);
    expect(new Set(AGENT_HRESULTS.map((row) => row[1])).size).toBe(477);
    for (const [hresult, name, meaning] of AGENT_HRESULTS) {
      expect((hresult >>> 16) & 0x7fff, name).toBe(0x24);
      expect(name).toMatch(/^WU_[SE]_/);
      expect(name.startsWith('WU_S_'), name).toBe(hresult < 0x80000000);
      expect(meaning.length, name).toBeGreaterThan(3);
    }
  });

  it('names every code once and every value once', () => {
    const rows = [...AGENT_HRESULTS, ...SYSTEM_HRESULTS];
    const names = rows.map((row) => row[1]);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    const values = rows.map((row) => row[0]);
    expect(values.filter((value, i) => values.indexOf(value) !== i)).toEqual([]);
  });

  it('sets the failure bit exactly where the name says failure', () => {
    for (const [hresult, name, meaning, category] of [...AGENT_HRESULTS, ...SYSTEM_HRESULTS]) {
      const failed = hresult >= 0x80000000;
      // Win32 codes (facility 7) carry their Win32 names, ERROR_ or not (RPC_S_, WSA, EPT_S_): HRESULT_FROM_WIN32
      // always sets the bit. Elsewhere the name's _S_ or _E_ (NTE_ for CryptoAPI) says it.
      if ((hresult >>> 16) === 0x8007) expect(name, name).not.toMatch(/^(WU_)?S_/);
      else if (/(^|_)E_|^NTE_/.test(name)) expect(failed, name).toBe(true);
      else if (/(^|_)S_/.test(name)) expect(failed, name).toBe(false);
      else expect(name, name).toMatch(/^ERROR_/);
      if (category === 'success' || failed) expect(category === 'success', name).toBe(!failed);
      expect(meaning.length, name).toBeGreaterThan(3);
    }
  });

  it.each(([
    // Windows Installer
    [0x80070643, 'ERROR_INSTALL_FAILURE', 'install'],
    [0x80070652, 'ERROR_INSTALL_ALREADY_RUNNING', 'busy'],
    [0x80070659, 'ERROR_INSTALL_PACKAGE_REJECTED', 'policy'],
    // servicing and the component store
    [0x800F0922, 'CBS_E_INSTALLERS_FAILED', 'install'],
    [0x800F081F, 'CBS_E_SOURCE_MISSING', 'install'],
    [0x800F0831, 'CBS_E_STORE_CORRUPTION', 'corrupt'],
    [0x800F0954, 'CBS_E_INVALID_WINDOWS_UPDATE_COUNT_WSUS', 'policy'],
    [0x800F0988, 'PSFX_E_INVALID_DELTA_COMBINATION', 'corrupt'],
    [0x80073701, 'ERROR_SXS_ASSEMBLY_MISSING', 'corrupt'],
    [0x80073712, 'ERROR_SXS_COMPONENT_STORE_CORRUPT', 'corrupt'],
    [0x8007371B, 'ERROR_SXS_TRANSACTION_CLOSURE_INCOMPLETE', 'corrupt'],
    [0x80070490, 'ERROR_NOT_FOUND', 'corrupt'],
    // disk, services, restarts
    [0x80070070, 'ERROR_DISK_FULL', 'disk'],
    [0x80070027, 'ERROR_HANDLE_DISK_FULL', 'disk'],
    [0x80070422, 'ERROR_SERVICE_DISABLED', 'policy'],
    [0x8007042C, 'ERROR_SERVICE_DEPENDENCY_FAIL', 'agent'],
    [0x80070BC9, 'ERROR_FAIL_REBOOT_REQUIRED', 'reboot'],
    // network stack
    [0x80072EE2, 'ERROR_INTERNET_TIMEOUT', 'network'],
    [0x80072EFD, 'ERROR_INTERNET_CANNOT_CONNECT', 'network'],
    [0x80072F78, 'ERROR_WINHTTP_INVALID_SERVER_RESPONSE', 'network'],
    [0x80072F94, 'ERROR_WINHTTP_AUTODETECTION_FAILED', 'network'],
    [0x8007274C, 'WSAETIMEDOUT', 'network'],
    [0x80200053, 'BG_E_VALIDATION_FAILED', 'download'],
    // TLS, certificates, signatures
    [0x80072F8F, 'ERROR_WINHTTP_SECURE_FAILURE', 'network'],
    [0x80072F05, 'ERROR_WINHTTP_SECURE_CERT_DATE_INVALID', 'network'],
    [0x800B0101, 'CERT_E_EXPIRED', 'network'],
    [0x800B010A, 'CERT_E_CHAINING', 'network'],
    [0x80092013, 'CRYPT_E_REVOCATION_OFFLINE', 'network'],
    [0x80096010, 'TRUST_E_BAD_DIGEST', 'download'],
    [0x80090331, 'SEC_E_ALGORITHM_MISMATCH', 'network'],
  ] as const).map(([hresult, name, category]) => [hresultHex(hresult), name, category, hresult] as const))(
    'names %s %s (%s)', (_hex, name, category, hresult) => {
    expect(describeHresult(hresult)).toMatchObject({ hresult, name, category });
    expect(describeHresult(hresult | 0).name).toBe(name);
  });

  it('files agent codes under their real cause', () => {
    expect(describeHresult(0x80240019)).toMatchObject({ name: 'WU_E_EXCLUSIVE_INSTALL_CONFLICT', category: 'invalid-input' });
    expect(describeHresult(0x80240017)).toMatchObject({ name: 'WU_E_NOT_APPLICABLE', category: 'invalid-input' });
    expect(describeHresult(0x80248014)).toMatchObject({ name: 'WU_E_DS_UNKNOWNSERVICE', category: 'invalid-input' });
    expect(describeHresult(0x80248003)).toMatchObject({ name: 'WU_E_DS_TABLEMISSING', category: 'corrupt' });
    expect(describeHresult(0x8024401B)).toMatchObject({ name: 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', retryable: false });
    expect(describeHresult(0x8024200D)).toMatchObject({ name: 'WU_E_UH_NEEDANOTHERDOWNLOAD', category: 'download' });
  });

  it('knows the common system codes and keeps them apart from the agent codes', () => {
    const names = SYSTEM_HRESULTS.map((row) => row[1]);
    expect(names).toEqual(expect.arrayContaining(['E_ACCESSDENIED', 'RPC_E_DISCONNECTED', 'E_INVALIDARG', 'E_NOTIMPL']));
    const agentCodes = new Set(AGENT_HRESULTS.map((row) => row[0]));
    for (const [hresult, name] of SYSTEM_HRESULTS) expect(agentCodes.has(hresult), name).toBe(false);
  });
});

describe('describeHresult', () => {
  it('accepts signed and unsigned forms of the same code', () => {
    expect(describeHresult(-2145124302)).toEqual(describeHresult(0x80240032));
    expect(describeHresult(0x80240032)).toMatchObject({ name: 'WU_E_INVALID_CRITERIA', category: 'invalid-input', retryable: false });
  });

  it('classifies representative codes', () => {
    expect(describeHresult(0x80070005)).toMatchObject({ name: 'E_ACCESSDENIED', category: 'permission' });
    expect(describeHresult(0x80010108)).toMatchObject({ name: 'RPC_E_DISCONNECTED', category: 'agent', retryable: true });
    expect(describeHresult(0x8024001e)).toMatchObject({ name: 'WU_E_SERVICE_STOP', retryable: true });
    expect(describeHresult(0x00240005)).toMatchObject({ name: 'WU_S_REBOOT_REQUIRED', category: 'reboot' });
    expect(describeHresult(0x8024402c)).toMatchObject({ category: 'network', retryable: true });
    expect(describeHresult(0)).toMatchObject({ name: 'S_OK', category: 'success' });
  });

  it('gives an unknown code a stable synthetic name instead of failing', () => {
    expect(describeHresult(0x8badf00d)).toMatchObject({ name: 'HRESULT_0x8BADF00D', category: 'unknown' });
  });
});

describe('WindowsUpdateError', () => {
  it('carries the code, meaning, hint and serialises to JSON', () => {
    const error = new WindowsUpdateError(0x80240032, 'search', { description: 'bad criteria' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WindowsUpdateError');
    expect(error.hresultHex).toBe('0x80240032');
    expect(error.message).toContain('WU_E_INVALID_CRITERIA');
    expect(error.hint).toMatch(/criteria/);
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({ code: 'WU_E_INVALID_CRITERIA', hresult: 0x80240032, operation: 'search', description: 'bad criteria' });
  });

  it('is what fromNativeError makes of an addon error with an hresult', () => {
    const native = Object.assign(new Error('IUpdateSearcher::Search failed'), { hresult: 0x80070005 });
    const error = fromNativeError(native, 'search');
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission', cause: native });
    const plain = new RangeError('x');
    expect(fromNativeError(plain, 'search')).toBe(plain);
  });
});

describe('other typed errors', () => {
  it('AbortError and TimeoutError are recognised, whatever made them', () => {
    expect(isAbortError(new AbortError('install'))).toBe(true);
    expect(new AbortError('install', new DOMException('t', 'TimeoutError')).name).toBe('TimeoutError');
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('x'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });

  it('UnsupportedPlatformError and InvalidArgumentError carry codes', () => {
    expect(new UnsupportedPlatformError('linux')).toMatchObject({ code: 'ERR_WUA_UNSUPPORTED_PLATFORM', platform: 'linux' });
    const bad = new InvalidArgumentError('options.priority', 'must be one of low, normal, high, extraHigh');
    expect(bad).toBeInstanceOf(TypeError);
    expect(bad).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE', argument: 'options.priority' });
    expect(hresultHex(-1)).toBe('0xFFFFFFFF');
  });
});
