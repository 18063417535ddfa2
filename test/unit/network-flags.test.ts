// The proxy and server flags of `wua`, as plain functions: what each value becomes, what is
// refused, and that a refusal never quotes what it refuses.
import { describe, expect, it } from 'vitest';

import { UsageError } from '../../lib/cli/report-error.js';
import { proxyAddress, searchSource, webProxyFromFlags } from '../../lib/cli/network-flags.js';
import { isProxyAddress } from '../../lib/web-proxy.js';

describe('proxyAddress', () => {
  it.each([
    ['http://proxy.corp.example:8080', 'proxy.corp.example:8080'],
    ['http://proxy.corp.example', 'proxy.corp.example:80'],
    ['HTTP://Proxy.Corp.Example:3128/', 'proxy.corp.example:3128'],
    ['proxy.corp.example:8080', 'proxy.corp.example:8080'],
    ['http://10.1.2.3:8080', '10.1.2.3:8080'],
    ['http://[2001:db8::1]:8080', '[2001:db8::1]:8080'],
    ['[2001:db8::1]:3128', '[2001:db8::1]:3128'],
  ])('takes %s as %s', (value, address) => {
    expect(proxyAddress(value)).toBe(address);
  });

  it.each(['http://user:s3cr3t@proxy:8080', 'user:s3cr3t@proxy:8080', 'http://user@proxy:8080', 'https://proxy:8443', 'socks5://proxy:1080',
    'http://proxy:8080/path', 'http://proxy:8080?x=s3cr3t', 'proxyhost', 'proxy:0', 'proxy:70000', 'http://[s3cr3t', 'pro xy:80', ''])(
    'refuses %j with a usage error that does not quote it',
    (value) => {
      let error: unknown;
      try {
        proxyAddress(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(/^--proxy /);
      if (value) expect((error as Error).message).not.toContain(value);
      expect((error as Error).message).not.toContain('s3cr3t');
    },
  );
});

describe('isProxyAddress', () => {
  it.each(['proxy:1', 'proxy.corp.example:65535', '192.168.0.1:8080', '[::1]:80', 'a-b.c:8080'])('takes %s', (address) => {
    expect(isProxyAddress(address)).toBe(true);
  });
  it.each(['proxy', ':8080', 'proxy:', '-proxy:80', 'proxy-:80', 'pro_xy:80', '[::1:80', '::1:80', '999.1.1.1:80', 'proxy:08080x'])(
    'refuses %s', (address) => {
      expect(isProxyAddress(address)).toBe(false);
    },
  );
});

describe('webProxyFromFlags', () => {
  it('takes the credentials from the environment and removes the password from it', () => {
    const env: NodeJS.ProcessEnv = { WUA_PROXY_USER: 'CORP\\svc', WUA_PROXY_PASSWORD: 'pw', OTHER: 'kept' };
    expect(webProxyFromFlags({ proxy: 'http://proxy:8080' }, env)).toEqual({ address: 'proxy:8080', userName: 'CORP\\svc', password: 'pw' });
    expect(env).toEqual({ WUA_PROXY_USER: 'CORP\\svc', OTHER: 'kept' });
  });

  it('gives no proxy without --proxy, whatever the environment holds, and a proxy without credentials without them', () => {
    const env: NodeJS.ProcessEnv = { WUA_PROXY_USER: 'u', WUA_PROXY_PASSWORD: 'pw' };
    expect(webProxyFromFlags({}, env)).toBeUndefined();
    expect(env.WUA_PROXY_PASSWORD).toBe('pw');
    expect(webProxyFromFlags({ proxy: 'proxy:8080' }, {})).toEqual({ address: 'proxy:8080' });
  });

  it('refuses a password without a user', () => {
    expect(() => webProxyFromFlags({ proxy: 'proxy:8080' }, { WUA_PROXY_PASSWORD: 'pw' })).toThrow(UsageError);
  });
});

describe('searchSource', () => {
  it('maps the flags to the search options', () => {
    expect(searchSource({})).toEqual({});
    expect(searchSource({ server: 'windows-update' })).toEqual({ serverSelection: 'windowsUpdate' });
    expect(searchSource({ server: 'managed', offline: true })).toEqual({ serverSelection: 'managedServer', online: false });
    expect(searchSource({ server: 'default' })).toEqual({ serverSelection: 'default' });
    expect(searchSource({ serviceId: 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D', offline: true }))
      .toEqual({ serverSelection: 'others', serviceId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', online: false });
  });

  it('refuses a service ID that is not a GUID, and one with --server', () => {
    expect(() => searchSource({ serviceId: 'wsusscn2' })).toThrow(/--service-id takes an update service ID/);
    expect(() => searchSource({ serviceId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', server: 'managed' })).toThrow(/cannot be combined with --server/);
  });
});
