// NODE_DEBUG=windows-update-agent, as a user sets it for the built `wua`: a line per call into
// the addon with the agent members behind it, its duration and its HRESULT, from the process that
// holds the agent session (the child, with --via process); never a proxy password or a licence.
import { describe, expect, it } from 'vitest';

import { networkMachine } from '../core/network-machine.js';
import { useScenario } from '../sim/harness.js';
import { type WuaRun, wuaWith } from './spawn-wua.js';

const DEBUG = { NODE_DEBUG: 'windows-update-agent' };
const PASSWORD = 'Pr0xy-S3cret-for-the-debug-log';
const TERMS = 'LICENSE TERMS OF THE DEBUG LOG TEST: clause one, clause two, clause three.';
const LICENSED = '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b';
const OTHER = '4a2f3e5d-6c7b-48a9-9bac-1d2e3f4a5b6c';

/** The debug lines (util.debuglog's "WINDOWS-UPDATE-AGENT <pid>: " prefix) of a run's stderr. */
function debugLines(run: WuaRun): { pid: number; text: string }[] {
  return [...run.stderr.matchAll(/^WINDOWS-UPDATE-AGENT (\d+): (.*)$/gm)].map(([, pid, text]) => ({ pid: Number(pid), text: text! }));
}

const CALL = /^(\w+)(?: \(([^)]*)\))? \[([^\]]+)\] (\d+\.\d) ms (hresult 0|hresult 0x[0-9A-F]{8} \w+)$/;

function parsed(run: WuaRun): { call: string; args: string; members: string; ms: number; outcome: string; pid: number }[] {
  return debugLines(run).map(({ pid, text }) => {
    const match = CALL.exec(text);
    expect(match, text).not.toBeNull();
    return { call: match![1]!, args: match![2] ?? '', members: match![3]!, ms: Number(match![4]), outcome: match![5]!, pid };
  });
}

describe('NODE_DEBUG=windows-update-agent', () => {
  it('logs a search: the session opened, the search with its agent members, its time and HRESULT 0', () => {
    useScenario('basic');
    const run = wuaWith(DEBUG, 'search', '--json');
    expect(run.status).toBe(0);
    const lines = parsed(run);
    expect(lines.map((line) => line.call)).toEqual(expect.arrayContaining(['open', 'search', 'close']));
    const search = lines.find((line) => line.call === 'search')!;
    expect(search).toMatchObject({ args: 'op 1', members: 'IUpdateSearcher::BeginSearch, EndSearch', outcome: 'hresult 0' });
    expect(search.ms).toBeGreaterThanOrEqual(0);
    // No record reaches the log: the JSON document's titles are on stdout only.
    const { updates } = JSON.parse(run.stdout) as { updates: { title: string }[] };
    expect(updates.length).toBeGreaterThan(0);
    for (const { title } of updates) expect(run.stderr).not.toContain(title);
    // Without NODE_DEBUG, nothing.
    expect(debugLines(wuaWith({ NODE_DEBUG: '' }, 'search', '--json'))).toEqual([]);
  });

  it('logs an install with its licence accepted, and no word of the licence', () => {
    useScenario({
      name: 'debug-log-install',
      updates: [
        { id: LICENSED, title: 'Update with terms', kbArticleIds: ['5093001'], eulaText: TERMS, state: { isDownloaded: true } },
        { id: OTHER, title: 'Update without terms', kbArticleIds: ['5093002'], state: { isDownloaded: true } },
      ],
    });
    const run = wuaWith(DEBUG, 'install', '--kb', '5093001', '--accept-eulas', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ resultCode: 'succeeded' });
    const lines = parsed(run);
    const install = lines.find((line) => line.call === 'install')!;
    expect(install).toMatchObject({ members: 'IUpdateInstaller::BeginInstall, EndInstall', outcome: 'hresult 0' });
    expect(install.args).toMatch(/^op \d+, 1 update$/);
    expect(lines.map((line) => line.call)).toContain('search');
    const debug = debugLines(run).map((line) => line.text).join('\n');
    expect(debug).not.toContain('LICENSE TERMS');
    expect(debug).not.toContain('clause');
  });

  it('logs a failing call with its HRESULT and name', () => {
    useScenario(networkMachine('debug-log-offline', { reachable: false }));
    const run = wuaWith(DEBUG, 'search');
    expect(run.status).toBe(1);
    const search = parsed(run).find((line) => line.call === 'search')!;
    expect(search.outcome).toBe('hresult 0x8024402C WU_E_PT_WINHTTP_NAME_NOT_RESOLVED');
  });

  it('logs the calls of a session behind an authenticating proxy without its password', () => {
    useScenario(networkMachine('debug-log-proxy', { proxy: { address: 'proxy.corp.example:8080', userName: 'CORP\\svc-wua', password: PASSWORD } }));
    const credentials = { WUA_PROXY_USER: 'CORP\\svc-wua', WUA_PROXY_PASSWORD: PASSWORD };
    const run = wuaWith({ ...DEBUG, ...credentials }, 'search', '--proxy', 'http://proxy.corp.example:8080', '--verbose');
    expect(run.status, run.stderr).toBe(0);
    const lines = parsed(run);
    expect(lines.map((line) => line.call)).toEqual(expect.arrayContaining(['open', 'search']));
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    // A password the agent refuses is not logged either.
    const refused = wuaWith({ ...DEBUG, ...credentials, WUA_PROXY_PASSWORD: `${PASSWORD}-wrong` }, 'search', '--proxy', 'http://proxy.corp.example:8080');
    expect(refused.status).not.toBe(0);
    expect(parsed(refused).find((line) => line.call === 'search')!.outcome).toMatch(/^hresult 0x[0-9A-F]{8} WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ$/);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(PASSWORD);
  });

  it('logs an isolated session\'s calls from its child, on the parent\'s stderr', () => {
    useScenario('basic');
    const run = wuaWith(DEBUG, 'search', '--via', 'process', '--json');
    expect(run.status, run.stderr).toBe(0);
    const lines = parsed(run);
    const search = lines.find((line) => line.call === 'search')!;
    expect(search).toMatchObject({ members: 'IUpdateSearcher::BeginSearch, EndSearch', outcome: 'hresult 0' });
    // The child opened the session: the parent holds no addon session of its own.
    expect(lines.find((line) => line.call === 'open')!.pid).toBe(search.pid);
  });
});
