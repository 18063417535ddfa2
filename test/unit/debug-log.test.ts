// The debug log's wrapper over an addon of its own making, in a child Node process (util.debuglog
// reads NODE_DEBUG when a process starts): what the wrapper passes through (the addon's other
// exports, which are not enumerable, callbacks, results) and what it writes for each call.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { expect, it } from 'vitest';

const DEBUG_LOG = path.resolve(__dirname, '..', '..', 'dist', 'debug-log.js');

const SCRIPT = `
const { withDebugLog } = require(${JSON.stringify(DEBUG_LOG)});
const failure = Object.assign(new Error('refused'), { hresult: 0x80240044 });
class Session {
  constructor(options) { this.options = options; }
  search(id, criteria, options, onChunk) { onChunk('[chunk]'); return Promise.resolve('{"resultCode":2}'); }
  install(id, ids, options) { return Promise.resolve({ resultCode: 4, hresult: 0x80240022, updates: [] }); }
  acceptEulas(ids) { return Promise.reject(failure); }
  abort(id) { return undefined; }
  forget(ids) { return undefined; }
}
const addon = { Session };
Object.defineProperty(addon, 'diagnostics', { value: () => ({ napiVersion: 8 }), enumerable: false });
addon.preflightFacts = () => Promise.resolve({});
(async () => {
  const binding = withDebugLog(addon);
  const session = new binding.Session({ webProxy: { userName: 'svc', password: 'S3cret-password' } });
  const chunks = [];
  const searched = await session.search(1, 'IsInstalled=0 and Title=\\'secret criteria\\'', {}, (chunk) => chunks.push(chunk));
  const installed = await session.install(2, ['a', 'b'], { acceptEulas: true });
  const refused = await session.acceptEulas(['a']).catch((error) => error);
  session.abort(2);
  session.forget('a');
  await binding.preflightFacts({ services: [] });
  process.stdout.write(JSON.stringify({ chunks, searched, installed: installed.resultCode, refused: refused === failure,
    diagnostics: binding.diagnostics(), options: session.options }));
})();
`;

function run(env: Record<string, string>): { stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['-e', SCRIPT], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  expect(child.status, child.stderr).toBe(0);
  return { stdout: child.stdout, stderr: child.stderr };
}

it('logs each call with its members, time and HRESULT, and passes everything else through', () => {
  const { stdout, stderr } = run({ NODE_DEBUG: 'windows-update-agent' });
  expect(JSON.parse(stdout)).toEqual({
    chunks: ['[chunk]'], searched: '{"resultCode":2}', installed: 4, refused: true, diagnostics: { napiVersion: 8 },
    options: { webProxy: { userName: 'svc', password: 'S3cret-password' } },
  });
  const lines = stderr.trim().split(/\r?\n/).map((line) => line.replace(/^WINDOWS-UPDATE-AGENT \d+: /, '').replace(/\d+\.\d ms/, 'N ms'));
  expect(lines).toEqual([
    'open [CoCreateInstance(UpdateSession), IUpdateSession::put_ClientApplicationID, put_WebProxy] N ms hresult 0',
    'search (op 1) [IUpdateSearcher::BeginSearch, EndSearch] N ms hresult 0',
    'install (op 2, 2 updates) [IUpdateInstaller::BeginInstall, EndInstall] N ms hresult 0x80240022 WU_E_ALL_UPDATES_FAILED',
    'acceptEulas (1 update) [IUpdate::AcceptEula] N ms hresult 0x80240044 WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED',
    'abort (op 2) [ISearchJob/IDownloadJob/IInstallationJob::RequestAbort] N ms hresult 0',
    expect.stringMatching(/^preflightFacts \[OpenProcessToken, .*\] N ms hresult 0$/),
  ]);
  // Neither the proxy's password nor the criteria's text reach the log.
  expect(stderr).not.toContain('S3cret');
  expect(stderr).not.toContain('secret criteria');
});

it('leaves the addon as it is without NODE_DEBUG', () => {
  const { stdout, stderr } = run({ NODE_DEBUG: '' });
  expect(JSON.parse(stdout)).toMatchObject({ refused: true, diagnostics: { napiVersion: 8 } });
  expect(stderr).toBe('');
});
