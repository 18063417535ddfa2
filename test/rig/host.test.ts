// The addon must load in hosts whose executable is not node.exe (Electron, apps with their own
// exe name). A renamed copy of Windows node.exe, alone in its folder, stands in for them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const hostDir = mkdtempSync(path.join(tmpdir(), 'wua-host-'));
const host = path.join(hostDir, 'app-host.exe');

afterAll(() => rmSync(hostDir, { recursive: true, force: true }));

describe('addon loading', () => {
  it('loads in a host process not called node.exe', () => {
    copyFileSync(process.execPath, host);
    expect(existsSync(path.join(hostDir, 'node.exe'))).toBe(false);
    const script = `
      const binding = require('node-gyp-build')(${JSON.stringify(root)});
      process.stdout.write(JSON.stringify(binding.diagnostics()));`;
    const run = spawnSync(host, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const diagnostics = JSON.parse(run.stdout) as { hostExecutable: string; napiVersion: number };
    expect(path.win32.basename(diagnostics.hostExecutable).toLowerCase()).toBe('app-host.exe');
    expect(diagnostics.napiVersion).toBeGreaterThanOrEqual(8);
  });

  it('is the prebuilt binary node-gyp-build selects for win32-x64', () => {
    const nodeGypBuild = createRequire(path.join(root, 'package.json'))('node-gyp-build') as { resolve(dir: string): string };
    const resolved = nodeGypBuild.resolve(root);
    expect(path.relative(root, resolved).split(path.sep)).toEqual(
      ['prebuilds', 'win32-x64', 'windows-update-agent.napi.node']);
  });
});
