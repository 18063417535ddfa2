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
