// The built package (dist/) as its consumers use it: from CommonJS and from ESM, by its name, and on
// a platform where the agent does not exist.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const scratch = path.join(root, 'build', 'consumers');

// Runs a consumer script with Windows Node; files under the package folder resolve the package by
// its own name through its "exports".
function runConsumer(fileName: string, source: string): unknown {
  mkdirSync(scratch, { recursive: true });
  const file = path.join(scratch, fileName);
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const report = `({
  exports: Object.keys(pkg).sort(),
  supported: pkg.isSupported(),
  sessionIsClass: typeof pkg.UpdateSession === 'function',
})`;

describe('package consumers', () => {
  it('loads from CommonJS by name', () => {
    const result = runConsumer('consumer.cjs', `
      const pkg = require('windows-update-agent');
      process.stdout.write(JSON.stringify(${report}));`) as Record<string, unknown>;
    expect(result).toMatchObject({ supported: true, sessionIsClass: true });
    expect(result.exports).toEqual(expect.arrayContaining(['UpdateSession', 'isSupported', 'WindowsUpdateError']));
    // Internal helpers stay out of the package's surface, at run time as in its types.
    expect(result.exports).not.toContain('fromNativeError');
    expect(result.exports).toEqual(expect.arrayContaining(['SessionClosedError', 'AddonLoadError', 'supportStatus', 'describeHresult']));
  });

  it('loads from ESM by name, with the same named exports', () => {
    const cjs = runConsumer('names.cjs', `
      process.stdout.write(JSON.stringify(Object.keys(require('windows-update-agent')).sort()));`);
    const result = runConsumer('consumer.mjs', `
      import * as namespace from 'windows-update-agent';
      const pkg = { ...namespace }; delete pkg.default; delete pkg.__esModule; // interop names, not exports
      process.stdout.write(JSON.stringify(${report}));`) as Record<string, unknown>;
    expect(result).toMatchObject({ supported: true, sessionIsClass: true });
    expect(result.exports).toEqual(cjs);
  });

  it('imports off Windows, says it is unsupported, and rejects every call with a typed error', () => {
    const result = runConsumer('elsewhere.cjs', `
      Object.defineProperty(process, 'platform', { value: 'linux' });
      const pkg = require('windows-update-agent');
      const session = new pkg.UpdateSession({ clientApplicationId: 'elsewhere' });
      const id = '11111111-1111-4111-8111-111111111111';
      const calls = [session.describe(), session.search(), session.download([id]), session.install([id]),
        session.uninstall([id]), session.agentInfo()];
      Promise.allSettled(calls).then((outcomes) => process.stdout.write(JSON.stringify({
        supported: pkg.isSupported(),
        outcomes: outcomes.map((o) => o.status === 'rejected'
          ? { name: o.reason.name, code: o.reason.code, typed: o.reason instanceof pkg.UnsupportedPlatformError }
          : { resolved: true }),
      })));`);
    const rejected = { name: 'UnsupportedPlatformError', code: 'ERR_WUA_UNSUPPORTED_PLATFORM', typed: true };
    expect(result).toEqual({ supported: false, outcomes: Array(6).fill(rejected) });
  });

  // A copy of the package whose addon is missing or damaged: what a user sees when a prebuild is
  // absent for the architecture, or when a download or an antivirus left a broken file.
  it.each([
    ['missing', undefined, /prebuilds.win32-x64: no addon built for win32-x64/],
    ['damaged', Buffer.from('not a DLL'), /windows-update-agent\.napi\.node: /],
  ])('says which addon file failed to load and why when it is %s', (kind, contents, reason) => {
    const copy = path.join(scratch, `${kind}-addon`);
    rmSync(copy, { recursive: true, force: true });
    for (const part of ['package.json', 'dist', path.join('node_modules', 'node-gyp-build')]) {
      cpSync(path.join(root, part), path.join(copy, part), { recursive: true });
    }
    if (contents) {
      mkdirSync(path.join(copy, 'prebuilds', 'win32-x64'), { recursive: true });
      writeFileSync(path.join(copy, 'prebuilds', 'win32-x64', 'windows-update-agent.napi.node'), contents);
    }
    const result = runConsumer(`${kind}-addon.cjs`, `
      const pkg = require(${JSON.stringify(path.join(copy, 'dist', 'index.js'))});
      const status = pkg.supportStatus();
      new pkg.UpdateSession().search().catch((error) => process.stdout.write(JSON.stringify({
        supported: pkg.isSupported(), statusSupported: status.supported, reason: status.reason,
        statusTyped: status.error instanceof pkg.AddonLoadError,
        rejected: { name: error.name, code: error.code, file: error.file, typed: error instanceof pkg.AddonLoadError },
      })));`) as { reason: string; rejected: { file: string } };
    expect(result).toMatchObject({
      supported: false, statusSupported: false, statusTyped: true,
      rejected: { name: 'AddonLoadError', code: 'ERR_WUA_ADDON_LOAD', typed: true },
    });
    expect(result.reason).toMatch(reason);
    expect(result.rejected.file.startsWith(copy)).toBe(true);
  });
});
