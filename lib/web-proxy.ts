// The session's web proxy: its options checked before anything reaches the agent, and its
// password kept out of sight until the native session takes it. No message here ever quotes a
// value the caller gave, since a misplaced password would be quoted with it.
import { InvalidArgumentError } from './errors.js';
import type { NativeWebProxyOptions } from './native.js';
import type { WebProxyOptions, WebProxySettings } from './types.js';

const OPTIONS = ['address', 'bypassList', 'bypassProxyOnLocal', 'autoDetect', 'userName', 'password'];

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

function isHost(host: string): boolean {
  if (host.startsWith('[') && host.endsWith(']')) return IPV6.test(host.slice(1, -1)) && host.includes(':');
  if (IPV4.test(host)) return true;
  // All digits and dots is meant as an IPv4 address, and this one is not.
  if (/^[\d.]+$/.test(host)) return false;
  return host.length <= 253 && host.split('.').every((label) => HOST_LABEL.test(label));
}

/** Whether `address` is `host:port` as IWebProxy::Address takes it; never throws. */
export function isProxyAddress(address: string): boolean {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return false;
  const host = address.slice(0, colon);
  const port = address.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return false;
  return isHost(host);
}

function fail(name: string, problem: string, code = 'ERR_INVALID_ARG_VALUE'): never {
  throw new InvalidArgumentError(`options.webProxy.${name}`, problem, code);
}

function optionalBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') fail(name, 'must be a boolean', 'ERR_INVALID_ARG_TYPE');
  return value;
}

function checkAddress(value: unknown): string {
  if (typeof value !== 'string') fail('address', 'must be a string', 'ERR_INVALID_ARG_TYPE');
  if (value.includes('@')) fail('address', 'must not carry credentials: give userName and password instead');
  if (value.includes('://')) fail('address', 'must be host:port, without a scheme');
  if (!isProxyAddress(value)) fail('address', 'must be host:port (a host name, an IPv4 address or a bracketed IPv6 address, and a port from 1 to 65535)');
  return value;
}

function checkBypassList(value: unknown): string[] {
  if (!Array.isArray(value)) fail('bypassList', 'must be an array of strings', 'ERR_INVALID_ARG_TYPE');
  return value.map((entry: unknown, index) => {
    if (typeof entry !== 'string') fail(`bypassList[${index}]`, 'must be a string', 'ERR_INVALID_ARG_TYPE');
    // WinHTTP separates bypass entries with semicolons and white space.
    if (!entry || /[\s;]/.test(entry)) fail(`bypassList[${index}]`, 'must be a host pattern without spaces or semicolons');
    return entry;
  });
}

/**
 * A session's proxy: its settings (which may be shown) and, until the session opens, its password,
 * held in a private field that nothing can list, print or serialise.
 */
export class SessionWebProxy {
  readonly settings: WebProxySettings;
  #password: string | undefined;

  private constructor(settings: WebProxySettings, password: string | undefined) {
    this.settings = settings;
    this.#password = password;
  }

  /** Checks the `webProxy` option; undefined for none. Throws InvalidArgumentError. */
  static from(value: unknown): SessionWebProxy | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidArgumentError('options.webProxy', 'must be an object', 'ERR_INVALID_ARG_TYPE');
    }
    for (const key of Object.keys(value)) {
      if (!OPTIONS.includes(key)) throw new InvalidArgumentError(`options.webProxy.${key}`, 'is not an option of webProxy');
    }
    const given = value as WebProxyOptions;
    const autoDetect = optionalBoolean(given.autoDetect, 'autoDetect');
    const address = given.address === undefined ? undefined : checkAddress(given.address);
    if (address === undefined && !autoDetect) fail('address', 'is required unless autoDetect is true');
    const bypassList = given.bypassList === undefined ? [] : checkBypassList(given.bypassList);
    const bypassProxyOnLocal = optionalBoolean(given.bypassProxyOnLocal, 'bypassProxyOnLocal');
    const { userName, password } = given;
    if (userName !== undefined && typeof userName !== 'string') fail('userName', 'must be a string', 'ERR_INVALID_ARG_TYPE');
    if (userName !== undefined && (!userName || [...userName].some((c) => c.charCodeAt(0) < 0x20))) {
      fail('userName', 'must be a non-empty name without control characters');
    }
    if (password !== undefined && typeof password !== 'string') fail('password', 'must be a string', 'ERR_INVALID_ARG_TYPE');
    if (password !== undefined && !password) fail('password', 'must not be empty (leave it out for none)');
    if (password !== undefined && userName === undefined) fail('password', 'needs a userName');
    return new SessionWebProxy(Object.freeze({
      address: address ?? null,
      bypassList: Object.freeze(bypassList),
      bypassProxyOnLocal,
      autoDetect,
      userName: userName ?? null,
      passwordSet: password !== undefined,
    }), password);
  }

  /** Drops the password without handing it over (the session closed before it opened). */
  forgetPassword(): void {
    this.#password = undefined;
  }

  /**
   * The options for the native session, with the password, which this object forgets at once: it
   * is handed to the agent once, when the session opens.
   */
  handOver(): NativeWebProxyOptions {
    const { address, bypassList, bypassProxyOnLocal, autoDetect, userName } = this.settings;
    const password = this.#password;
    this.#password = undefined;
    return {
      ...(address === null ? {} : { address }),
      bypassList: [...bypassList],
      bypassProxyOnLocal,
      autoDetect,
      ...(userName === null ? {} : { userName }),
      ...(password === undefined ? {} : { password }),
    };
  }
}
