// The built package (dist/) as its consumers use it: from CommonJS and from ESM, by its name, and on
// a platform where the agent does not exist.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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
});
