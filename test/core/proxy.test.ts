// The session's web proxy: checked before anything reaches the agent, carried to the agent's
// searches and downloads (the simulator records what each one carried, and its network asks for
// the proxy's credentials), and its password shown nowhere: not in errors, toJSON, util.inspect,
// the simulator's records or its state file.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

import { InvalidArgumentError, UpdateSession, type UpdateSessionOptions, type WebProxyOptions, WindowsUpdateError } from '../../lib/index.js';
import { calls, hresult, networkRequests, useScenario } from '../sim/harness.js';

const UPDATE = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PASSWORD = 'S3cret-Pr0xy-Passw0rd';
const PROXY = { address: 'proxy.corp.example:8080', userName: 'CORP\\svc-wua', password: PASSWORD };

// The sessions a test opens, closed after it whatever its outcome.
const opened: UpdateSession[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((session) => session.close()));
});

function open(options: UpdateSessionOptions = {}): UpdateSession {
  const session = new UpdateSession({ clientApplicationId: 'proxy tests', ...options });
  opened.push(session);
  return session;
}

/** A network whose update servers are reached only through an authenticating proxy. */
function behindProxy(extra: object = {}): object {
  return {
    name: 'behind-a-proxy',
    agent: { network: { proxy: PROXY }, ...extra },
    updates: [{ id: UPDATE, title: 'An update', kbArticleIds: ['5090001'], maxDownloadSize: 1000 }],
  };
}

function openWith(webProxy: WebProxyOptions): UpdateSession {
  return open({ webProxy });
}

/** Every text a failure can show a person or a log. */
function everythingShown(error: unknown): string {
  const typed = error as Error & { description?: string; toJSON?: () => unknown };
  return [String(error), typed.message, typed.stack, typed.description, JSON.stringify(typed.toJSON?.() ?? typed),
    inspect(error, { depth: Infinity, showHidden: true })].join('\n');
}

describe('a session with a web proxy', () => {
  it('hands the agent the proxy, with its bypass list and credentials, and its searches and downloads go through it', async () => {
    const { stateFile } = useScenario(behindProxy());
    const session = openWith({ ...PROXY, bypassList: ['*.corp.example', '<local>'], bypassProxyOnLocal: true });
    const { updates } = await session.search();
    expect(updates.map((update) => update.identity.updateId)).toEqual([UPDATE]);
    await expect(session.download(updates)).resolves.toMatchObject({ resultCode: 'succeeded' });
    await session.close();
    const proxy = {
      address: PROXY.address, userName: PROXY.userName, bypassList: ['*.corp.example', '<local>'], bypassProxyOnLocal: true,
      autoDetect: false, passwordSet: true,
    };
    expect(networkRequests()).toEqual([
      { call: 'search', online: true, serverSelection: 0, serviceId: '', updateId: '', proxy, hresult: 0 },
      { call: 'download', online: true, serverSelection: 0, serviceId: '', updateId: UPDATE, proxy, hresult: 0 },
    ]);
    expect(calls()).toEqual(expect.arrayContaining(['IWebProxy::SetPassword', 'IUpdateSession::put_WebProxy']));
    // The agent's records, its state file and its log of network requests have whether a password
    // was set, never the password.
    expect(JSON.stringify(networkRequests())).not.toContain(PASSWORD);
    expect(readFileSync(stateFile, 'utf8')).not.toContain(PASSWORD);
    expect(readFileSync(`${stateFile}.network`, 'utf8')).toContain('"passwordSet":true');
    expect(readFileSync(`${stateFile}.network`, 'utf8')).not.toContain(PASSWORD);
  });

  it('fails where the proxy refuses its credentials (HTTP 407), and no error shows the password', async () => {
    useScenario(behindProxy());
    const wrong = `${PASSWORD}-but-wrong`;
    const session = openWith({ ...PROXY, password: wrong });
    const error = await session.search().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', category: 'network', operation: 'search' });
    expect(everythingShown(error)).not.toContain(wrong);
    expect(everythingShown(error)).not.toContain(PASSWORD);
    expect(networkRequests()).toMatchObject([{ call: 'search', online: true, hresult: Number(hresult('WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ')),
      proxy: { userName: PROXY.userName, passwordSet: true } }]);
  });

  it('fails with the name not resolved without the proxy a network requires, and passes with the proxy the agent detects', async () => {
    useScenario(behindProxy());
    const direct = open();
    await expect(direct.search()).rejects.toMatchObject({ code: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', category: 'network', retryable: true });
    const detected = openWith({ autoDetect: true, userName: PROXY.userName, password: PASSWORD });
    await expect(detected.search()).resolves.toMatchObject({ resultCode: 'succeeded' });
    expect(networkRequests().map((request) => [request.proxy?.autoDetect ?? null, request.hresult])).toEqual([
      [null, Number(hresult('WU_E_PT_WINHTTP_NAME_NOT_RESOLVED'))],
      [true, 0],
    ]);
  });

  it('is refused to a remote session, where the agent denies IUpdateSession::put_WebProxy', async () => {
    useScenario(behindProxy({ logon: { remote: true } }));
    const session = openWith(PROXY);
    const error = await session.search().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WindowsUpdateError);
    expect(error).toMatchObject({ code: 'E_ACCESSDENIED', category: 'permission' });
    expect(everythingShown(error)).not.toContain(PASSWORD);
    expect(networkRequests()).toEqual([]);
  });
});

describe('what a session shows of its proxy', () => {
  it('has the settings and whether a password is set in webProxy, toJSON and util.inspect, before and after it opens', async () => {
    useScenario(behindProxy());
    const options = { clientApplicationId: 'shown', webProxy: { ...PROXY, bypassList: ['<local>'] } };
    const session = open(options);
    const expected = {
      address: PROXY.address, bypassList: ['<local>'], bypassProxyOnLocal: false, autoDetect: false, userName: PROXY.userName,
      passwordSet: true,
    };
    const check = (): void => {
      expect(session.webProxy).toEqual(expected);
      expect(session.toJSON()).toEqual({ clientApplicationId: 'shown', webProxy: expected, closed: false });
      for (const text of [JSON.stringify(session), inspect(session), inspect(session, { depth: Infinity, showHidden: true }),
        JSON.stringify(session.webProxy), String(session)]) {
        expect(text).not.toContain(PASSWORD);
      }
      expect(inspect(session)).toContain("address: 'proxy.corp.example:8080'");
      expect(inspect(session)).toMatch(/^UpdateSession \{/);
    };
    check();
    await session.search();
    check();
    // The caller's own options are left as they were given.
    expect(options.webProxy.password).toBe(PASSWORD);
    await session.close();
    expect(session.toJSON().closed).toBe(true);
    expect(JSON.stringify(session)).not.toContain(PASSWORD);
  });

  it('has null for a session without one', () => {
    const session = open({ clientApplicationId: undefined });
    expect(session.webProxy).toBeNull();
    expect(session.toJSON()).toEqual({ clientApplicationId: null, webProxy: null, closed: false });
  });
});

describe('checking the proxy options', () => {
  const secret = 'hunter2-secret';
  it.each<[string, unknown, string]>([
    ['not an object', 'proxy:8080', 'options.webProxy must be an object'],
    ['an unknown option', { address: 'proxy:8080', pasword: secret }, 'options.webProxy.pasword is not an option of webProxy'],
    ['no address and no autoDetect', { userName: 'u' }, 'options.webProxy.address is required unless autoDetect is true'],
    ['an address of another type', { address: 8080 }, 'options.webProxy.address must be a string'],
    ['credentials in the address', { address: `user:${secret}@proxy:8080` }, 'options.webProxy.address must not carry credentials'],
    ['a scheme in the address', { address: 'http://proxy:8080' }, 'options.webProxy.address must be host:port, without a scheme'],
    ['no port', { address: 'proxy.corp.example' }, 'options.webProxy.address must be host:port'],
    ['a port out of range', { address: 'proxy:65536' }, 'options.webProxy.address must be host:port'],
    ['a bad host', { address: `pro_xy${secret}:8080` }, 'options.webProxy.address must be host:port'],
    ['a bypass list of another type', { address: 'proxy:8080', bypassList: '<local>' }, 'options.webProxy.bypassList must be an array of strings'],
    ['a bypass entry with a semicolon', { address: 'proxy:8080', bypassList: ['a;b'] }, 'options.webProxy.bypassList[0] must be a host pattern'],
    ['a flag of another type', { address: 'proxy:8080', autoDetect: 'yes' }, 'options.webProxy.autoDetect must be a boolean'],
    ['a password without a user', { address: 'proxy:8080', password: secret }, 'options.webProxy.password needs a userName'],
    ['a password of another type', { address: 'proxy:8080', userName: 'u', password: 1234 }, 'options.webProxy.password must be a string'],
    ['an empty password', { address: 'proxy:8080', userName: 'u', password: '' }, 'options.webProxy.password must not be empty'],
    ['an empty user', { address: 'proxy:8080', userName: '' }, 'options.webProxy.userName must be a non-empty name'],
  ])('rejects %s with an InvalidArgumentError that quotes no value, before the agent is called', (_case, webProxy, message) => {
    useScenario(behindProxy());
    let error: unknown;
    try {
      new UpdateSession({ webProxy: webProxy as WebProxyOptions });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(message);
    expect(everythingShown(error)).not.toContain(secret);
    expect(calls()).toEqual([]);
  });

  it.each(['proxy:8080', 'proxy.corp.example:3128', '10.0.0.1:80', '[2001:db8::1]:8080', 'localhost:1'])('takes %s', (address) => {
    expect(open({ webProxy: { address } }).webProxy?.address).toBe(address);
  });
});
