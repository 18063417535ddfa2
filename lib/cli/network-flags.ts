// Where a command's search goes and how it gets there: --server, --service-id, --offline and
// --proxy, checked before anything reaches the agent. The proxy's credentials come from the
// environment only, never from argv (which other users of the machine can read), and no message
// here quotes a --proxy value, since a password typed into it would be quoted with it.
import { type Command, Option } from 'commander';

import { isGuid } from '../ids.js';
import type { SearchOptions, ServerSelection, WebProxyOptions } from '../types.js';
import { isProxyAddress } from '../web-proxy.js';
import { UsageError } from './report-error.js';

export interface NetworkFlags {
  server?: 'windows-update' | 'managed' | 'default';
  serviceId?: string;
  offline?: boolean;
  proxy?: string;
}

/** The variables the proxy's credentials come from. */
export const PROXY_USER_VARIABLE = 'WUA_PROXY_USER';
export const PROXY_PASSWORD_VARIABLE = 'WUA_PROXY_PASSWORD';

const SERVERS: Record<NonNullable<NetworkFlags['server']>, ServerSelection> = {
  'windows-update': 'windowsUpdate',
  managed: 'managedServer',
  default: 'default',
};

export function addNetworkOptions(command: Command): Command {
  return command
    .addOption(new Option('--server <server>', 'the server to search: windows-update, managed (WSUS) or default (the agent\'s choice)')
      .choices(Object.keys(SERVERS)))
    .option('--service-id <id>', 'search this registered update service instead (server selection "others"), e.g. a scan package')
    .option('--offline', 'search only the data the agent already holds, for the --server or --service-id given: nothing goes to the network')
    .option('--proxy <url>', `HTTP proxy, http://host:port (credentials from ${PROXY_USER_VARIABLE} and ${PROXY_PASSWORD_VARIABLE}); `
      + 'Windows 10 and later use the system proxy instead');
}

/**
 * The search options the flags ask for. The downloads and installs that follow act on the update
 * objects this search returns, which carry its server selection: IUpdateDownloader and
 * IUpdateInstaller have none of their own.
 */
export function searchSource(flags: NetworkFlags): Pick<SearchOptions, 'serverSelection' | 'serviceId' | 'online'> {
  if (flags.serviceId !== undefined && flags.server !== undefined) {
    throw new UsageError('--service-id picks the service to search; it cannot be combined with --server');
  }
  if (flags.serviceId !== undefined && !isGuid(flags.serviceId)) {
    throw new UsageError(`--service-id takes an update service ID (a GUID such as 7971f918-a847-4430-9279-4a52d1efe18d), not '${flags.serviceId}'`);
  }
  return {
    ...(flags.serviceId !== undefined ? { serverSelection: 'others' as const, serviceId: flags.serviceId.toLowerCase() } : {}),
    ...(flags.server !== undefined ? { serverSelection: SERVERS[flags.server] } : {}),
    ...(flags.offline ? { online: false } : {}),
  };
}

const NOT_A_PROXY_URL = '--proxy takes an HTTP proxy as http://host:port or host:port (a host name, an IPv4 address or a bracketed IPv6 address)';
const NO_CREDENTIALS = `--proxy must not carry credentials (user:password@): set ${PROXY_USER_VARIABLE} and ${PROXY_PASSWORD_VARIABLE} instead`;

/** The `host:port` the agent takes, from --proxy. Throws UsageError without quoting the value. */
export function proxyAddress(value: string): string {
  if (value.includes('@')) throw new UsageError(NO_CREDENTIALS);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (!isProxyAddress(value)) throw new UsageError(NOT_A_PROXY_URL);
    return value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(NOT_A_PROXY_URL);
  }
  if (url.username || url.password) throw new UsageError(NO_CREDENTIALS);
  if (url.protocol !== 'http:') throw new UsageError('--proxy takes an http:// proxy: the agent speaks plain HTTP to its proxy');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw new UsageError(NOT_A_PROXY_URL);
  const address = `${url.hostname}:${url.port || '80'}`;
  if (!isProxyAddress(address)) throw new UsageError(NOT_A_PROXY_URL);
  return address;
}

/**
 * The session's proxy from --proxy and the credential variables, which are then removed from this
 * process's environment so that nothing it starts inherits them. Undefined without --proxy.
 */
export function webProxyFromFlags(flags: NetworkFlags, env: NodeJS.ProcessEnv = process.env): WebProxyOptions | undefined {
  if (flags.proxy === undefined) return undefined;
  const address = proxyAddress(flags.proxy);
  const userName = env[PROXY_USER_VARIABLE] || undefined;
  const password = env[PROXY_PASSWORD_VARIABLE] || undefined;
  delete env[PROXY_PASSWORD_VARIABLE];
  if (password !== undefined && userName === undefined) {
    throw new UsageError(`${PROXY_PASSWORD_VARIABLE} is set but ${PROXY_USER_VARIABLE} is not: the proxy needs both`);
  }
  return { address, ...(userName === undefined ? {} : { userName }), ...(password === undefined ? {} : { password }) };
}
