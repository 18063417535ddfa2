// --server, --service-id, --offline and --proxy on the commands that search, as a child process:
// the simulated agent records where each search and download went and through which proxy, and
// plays an air-gapped machine and one behind an authenticating proxy. A proxy password comes
// from the environment and shows up nowhere, whatever goes wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { NAME_NOT_RESOLVED, networkMachine, OTHER_SERVICE, UPDATE } from '../core/network-machine.js';
import { hresult, networkRequests, useScenario } from '../sim/harness.js';
import { wua, wuaWith } from './spawn-wua.js';

const PASSWORD = 'Pr0xy-S3cret-in-the-env';
const PROXY = { address: 'proxy.corp.example:8080', userName: 'CORP\\svc-wua', password: PASSWORD };

function machine(network: object): object {
  return networkMachine('cli-network', network);
}

const where = (): { call: string; online: boolean; serverSelection: number; serviceId: string }[] =>
  networkRequests().map(({ call, online, serverSelection, serviceId }) => ({ call, online, serverSelection, serviceId }));

describe('--offline', () => {
  it('keeps a search on an air-gapped machine off the network, where the same search without it fails', () => {
    useScenario(machine({ reachable: false }));
    const offline = wua('search', '--offline', '--json');
    expect(offline.status).toBe(0);
    expect((JSON.parse(offline.stdout) as { updates: unknown[] }).updates).toHaveLength(2);
    expect(where()).toEqual([{ call: 'search', online: false, serverSelection: 0, serviceId: '' }]);
    const online = wua('search');
    expect(online.status).toBe(1);
    expect(online.stderr).toMatch(/WU_E_PT_WINHTTP_NAME_NOT_RESOLVED \(0x8024402C\)/);
    expect(networkRequests().at(-1)).toMatchObject({ online: true, hresult: NAME_NOT_RESOLVED });
  });

  it('installs a downloaded update without the network; a download still needs it, and goes to the server the search used', () => {
    useScenario(machine({ reachable: false }));
    const install = wua('install', '--kb', '5091002', '--offline', '--server', 'windows-update', '--json');
    expect(install.status).toBe(0);
    expect(JSON.parse(install.stdout)).toMatchObject({ resultCode: 'succeeded', updates: [{ kbArticleIds: ['5091002'], resultCode: 'succeeded' }] });
    expect(where()).toEqual([{ call: 'search', online: false, serverSelection: 2, serviceId: '' }]);
    const download = wua('download', '--kb', '5091001', '--offline', '--server', 'windows-update', '--json');
    expect(download.status).toBe(1);
    expect(JSON.parse(download.stdout)).toMatchObject({ resultCode: 'failed', updates: [{ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED' }] });
    expect(where().slice(1)).toEqual([
      { call: 'search', online: false, serverSelection: 2, serviceId: '' },
      { call: 'download', online: true, serverSelection: 2, serviceId: '' },
    ]);
  });
});

describe('--server and --service-id', () => {
  it('reach the search as the agent\'s server selection, and --service-id as "others" with that service', () => {
    useScenario(machine({ reachable: true }));
    expect(wua('search', '--server', 'windows-update').status).toBe(0);
    expect(wua('search', '--server', 'managed').status).toBe(0);
    expect(wua('search', '--server', 'default').status).toBe(0);
    expect(wua('search', '--service-id', OTHER_SERVICE.toUpperCase(), '--offline').status).toBe(0);
    expect(wua('uninstall', '--all', '--dry-run', '--server', 'managed').status).toBe(0);
    expect(where()).toEqual([
      { call: 'search', online: true, serverSelection: 2, serviceId: '' },
      { call: 'search', online: true, serverSelection: 1, serviceId: '' },
      { call: 'search', online: true, serverSelection: 0, serviceId: '' },
      { call: 'search', online: false, serverSelection: 3, serviceId: OTHER_SERVICE },
      { call: 'search', online: true, serverSelection: 1, serviceId: '' },
    ]);
  });

  it('fails a service the agent does not know with the agent\'s error (status 1)', () => {
    useScenario(machine({ reachable: true }));
    const run = wua('search', '--service-id', '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/WU_E_DS_UNKNOWNSERVICE/);
  });

  it.each<[string[], RegExp]>([
    [['search', '--server', 'wsus'], /argument 'wsus' is invalid. Allowed choices are windows-update, managed, default/],
    [['search', '--service-id', 'scan-package'], /--service-id takes an update service ID \(a GUID/],
    [['download', '--all', '--service-id', OTHER_SERVICE, '--server', 'managed'], /--service-id picks the service to search; it cannot be combined with --server/],
    [['search', '--proxy'], /option '--proxy <url>' argument missing/],
  ])('are usage errors (status 2) when wrong: %j, before anything reaches the agent', (args, message) => {
    useScenario(machine({ reachable: true }));
    const run = wua(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    const json = wua(...args, '--json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { name: 'UsageError' }, exitCode: 2 });
    expect(networkRequests()).toEqual([]);
  });
});

describe('--proxy', () => {
  const credentials = { WUA_PROXY_USER: PROXY.userName, WUA_PROXY_PASSWORD: PASSWORD };

  it('takes the proxy from the flag and its credentials from the environment, and the agent\'s searches and downloads go through it', () => {
    const { stateFile } = useScenario(machine({ proxy: PROXY }));
    const run = wuaWith(credentials, 'download', '--kb', '5091001', '--proxy', 'http://proxy.corp.example:8080', '--json');
    expect(run.status).toBe(0);
    const proxy = { address: PROXY.address, userName: PROXY.userName, bypassList: [], bypassProxyOnLocal: false, autoDetect: false, passwordSet: true };
    expect(networkRequests()).toMatchObject([
      { call: 'search', online: true, proxy, hresult: 0 },
      { call: 'download', online: true, updateId: UPDATE, proxy, hresult: 0 },
    ]);
    expect(wua('search', '--proxy', 'proxy.corp.example:8080').status).toBe(1);  // no credentials: HTTP 407
    expect(networkRequests().at(-1)).toMatchObject({ proxy: { passwordSet: false }, hresult: Number(hresult('WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ')) });
    for (const text of [run.stdout, run.stderr, readFileSync(stateFile, 'utf8'), readFileSync(`${stateFile}.network`, 'utf8')]) {
      expect(text).not.toContain(PASSWORD);
    }
  });

  it('shows no password when the proxy refuses it, as text, with --verbose, and as JSON', () => {
    useScenario(machine({ proxy: PROXY }));
    const wrong = { ...credentials, WUA_PROXY_PASSWORD: `${PASSWORD}-wrong` };
    for (const extra of [[], ['--verbose'], ['--json'], ['--json', '--progress', '--verbose']]) {
      const run = wuaWith(wrong, 'search', '--proxy', 'http://proxy.corp.example:8080', ...extra);
      expect(run.status).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toMatch(/WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ/);
      expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    }
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['http://svc-wua:hunter2-in-argv@proxy.corp.example:8080', {}, /--proxy must not carry credentials \(user:password@\): set WUA_PROXY_USER and WUA_PROXY_PASSWORD instead/],
    ['svc-wua:hunter2-in-argv@proxy.corp.example:8080', {}, /--proxy must not carry credentials/],
    ['https://proxy.corp.example:8443', {}, /--proxy takes an http:\/\/ proxy/],
    ['ftp://hunter2-in-argv', {}, /--proxy takes an http:\/\/ proxy/],
    ['http://proxy.corp.example:8080/path', {}, /--proxy takes an HTTP proxy as http:\/\/host:port or host:port/],
    ['proxy.corp.example', {}, /--proxy takes an HTTP proxy as http:\/\/host:port or host:port/],
    ['http://[hunter2-in-argv', {}, /--proxy takes an HTTP proxy/],
    ['http://proxy.corp.example:8080', { WUA_PROXY_PASSWORD: 'hunter2-in-argv' }, /WUA_PROXY_PASSWORD is set but WUA_PROXY_USER is not/],
  ])('rejects --proxy %s as a usage error (status 2) that quotes nothing of it', (value, env, message) => {
    useScenario(machine({ proxy: PROXY }));
    for (const extra of [[], ['--verbose'], ['--json']]) {
      const run = wuaWith(env, 'search', '--proxy', value, ...extra);
      expect(run.status).toBe(2);
      expect(extra.includes('--json') ? (JSON.parse(run.stdout) as { error: { message: string } }).error.message : run.stderr).toMatch(message);
      expect(`${run.stdout}${run.stderr}`).not.toContain('hunter2');
    }
    expect(networkRequests()).toEqual([]);
  });
});
