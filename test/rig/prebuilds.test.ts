// The prebuilt binaries the package ships, read as Windows would load them: each folder's files are
// of its architecture, and import nothing a bare Windows lacks. The 32-bit ones are never run by
// the rig (its Wine is 64-bit), so this is what proves them: the machine type, an import table of
// system DLLs only (the C++ runtime linked in), and Node-API functions delay-loaded from the host
// executable, each one a name node-api-headers lists (on ia32, __cdecl: undecorated).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

interface PeImport { dll: string; functions: string[] }
interface PeFile { machine: number; machineName: string; format: string; imports: PeImport[]; delayImports: PeImport[] }
interface PeModule {
  PE_MACHINES: Record<string, number>;
  readPe: (buffer: Buffer, options?: { delayLoadedDlls?: string[] }) => PeFile;
}

const loadPe = async (): Promise<PeModule> => await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'pe.mjs')).href) as PeModule;
const systemDlls = async (): Promise<Set<string>> => (await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'native-build.mjs')).href) as {
  SYSTEM_DLLS: Set<string>;
}).SYSTEM_DLLS;

// The Node-API functions node.exe exports, as node-api-headers lists them (the import libraries' source).
const nodeApiFunctions = new Set(readFileSync(path.join(root, 'node_modules', 'node-api-headers', 'def', 'node_api.def'), 'utf8')
  .split(/\r?\n/).slice(1).map((line) => line.trim()).filter(Boolean));

const ARCHES = [['x64', 'PE32+'], ['ia32', 'PE32']] as const;

function prebuilt(arch: string, file: string): Buffer {
  const full = path.join(root, 'prebuilds', `win32-${arch}`, file);
  expect(existsSync(full), `${path.relative(root, full)} is built (npm run build)`).toBe(true);
  return readFileSync(full);
}

describe.each(ARCHES)('the win32-%s prebuilds', (arch, format) => {
  it('hold an addon of that architecture that imports only system DLLs and Node-API from its host', async () => {
    const { PE_MACHINES, readPe } = await loadPe();
    const allowed = await systemDlls();
    const addon = readPe(prebuilt(arch, 'windows-update-agent.napi.node'), { delayLoadedDlls: ['node.exe'] });
    expect(addon).toMatchObject({ machine: PE_MACHINES[arch], machineName: arch, format });
    const dlls = addon.imports.map((entry) => entry.dll.toLowerCase());
    expect(dlls).toEqual(expect.arrayContaining(['kernel32.dll', 'ole32.dll', 'oleaut32.dll']));
    expect(dlls.filter((dll) => !allowed.has(dll))).toEqual([]);
    expect(dlls.filter((dll) => /^lib(stdc\+\+|gcc|winpthread)/.test(dll))).toEqual([]);
    // node.exe is never in the import table: a host of another name (electron.exe) could not load it.
    expect(dlls).not.toContain('node.exe');
    expect(addon.delayImports.map((entry) => entry.dll)).toEqual(['node.exe']);
    const napi = addon.delayImports[0]!.functions;
    expect(napi).toContain('napi_create_object');
    expect(napi.filter((name) => !nodeApiFunctions.has(name))).toEqual([]);
  });

  it('hold the broker\'s service host for that architecture, importing only system DLLs', async () => {
    const { PE_MACHINES, readPe } = await loadPe();
    const allowed = await systemDlls();
    const host = readPe(prebuilt(arch, 'wua-broker.exe'));
    expect(host).toMatchObject({ machine: PE_MACHINES[arch], format, delayImports: [] });
    const dlls = host.imports.map((entry) => entry.dll.toLowerCase());
    expect(dlls).toContain('advapi32.dll');
    expect(dlls.filter((dll) => !allowed.has(dll))).toEqual([]);
  });

  it('are the folder node-gyp-build resolves for a Node of that architecture', () => {
    const run = spawnSync(process.execPath, ['-e', `process.stdout.write(require('node-gyp-build').resolve(${JSON.stringify(root)}))`], {
      cwd: root, encoding: 'utf8',
      // PREBUILDS_ONLY: a build/Release of a source build would be preferred to any prebuild.
      env: { ...process.env, npm_config_arch: arch, npm_config_platform: 'win32', PREBUILDS_ONLY: '1' },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(path.join(root, 'prebuilds', `win32-${arch}`, 'windows-update-agent.napi.node'));
  });
});

describe('the PE reader', () => {
  it('refuses what is not a PE file', async () => {
    const { readPe } = await loadPe();
    expect(() => readPe(Buffer.from('not a DLL, long enough to hold the DOS header of one.........'))).toThrow(/no MZ header/);
    const dosOnly = Buffer.alloc(128);
    dosOnly.write('MZ', 0, 'latin1');
    dosOnly.writeUInt32LE(64, 0x3c);
    expect(() => readPe(dosOnly)).toThrow(/no PE signature/);
  });
});
