// The MinGW-w64 cross-build of the addon, from the source and define lists binding.gyp uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildDll, buildExe, ensureDir, importedDlls, nodeApiImportLibraries, run, toolPrefix } from './mingw.mjs';
import { BUILD_DIR, prebuildDir, ROOT } from './paths.mjs';

// DLLs that ship with every Windows; anything else would make require() fail on some machine.
export const SYSTEM_DLLS = new Set(['kernel32.dll', 'msvcrt.dll', 'ole32.dll', 'oleaut32.dll', 'user32.dll',
  'advapi32.dll', 'api-ms-win-crt-runtime-l1-1-0.dll', 'winhttp.dll', 'wtsapi32.dll']);

/**
 * A .gyp or .gypi file's data. Gyp reads them as Python literals: `#` comments, single-quoted
 * strings and trailing commas are all allowed, and JSON.parse takes none of them.
 */
export function parseGyp(text) {
  let json = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      json += '\n';
    } else if (c === '"' || c === "'") {
      let value = '';
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\') value += text[i++];
        value += text[i];
      }
      json += JSON.stringify(c === "'" ? value.replace(/\\'/g, "'") : JSON.parse(`"${value}"`));
    } else {
      json += c;
    }
  }
  return JSON.parse(json.replace(/,(\s*[\]}])/g, '$1'));
}

export function gypLists() {
  return parseGyp(readFileSync(path.join(ROOT, 'src', 'sources.gypi'), 'utf8')).variables;
}

// Build output of x64 keeps its folders' old names; other architectures get a suffix.
const buildFolder = (name, arch) => path.join(BUILD_DIR, arch === 'x64' ? name : `${name}-${arch}`);

/**
 * The addon for `arch` (x64 or ia32), into prebuilds/win32-<arch>/windows-update-agent.napi.node.
 */
export async function buildAddon({ arch = 'x64' } = {}) {
  const { addon_sources: sources, addon_defines: defines, addon_libraries: libraries } = gypLists();
  const outDir = ensureDir(buildFolder('addon', arch));
  const nodeApi = await nodeApiImportLibraries({ root: ROOT, outDir, arch });
  const dll = await buildDll({
    name: 'windows-update-agent.node',
    root: ROOT,
    sources,
    outDir,
    includeDirs: [path.join(ROOT, 'src'), nodeApi.includeDir, path.join(ROOT, 'node_modules', 'node-addon-api')],
    defines: [...defines, 'BUILDING_NODE_EXTENSION', 'NODE_GYP_MODULE_NAME=windows_update_agent'],
    libs: [nodeApi.delayed, ...libraries.map((l) => l.replace(/^-l/, ''))],
    extraInputs: [path.join(ROOT, 'src', 'sources.gypi')],
    arch,
  });
  const unexpected = (await importedDlls(dll, arch)).filter((name) => !SYSTEM_DLLS.has(name.toLowerCase()));
  if (unexpected.length) {
    throw new Error(`the addon imports DLLs that are not part of Windows: ${unexpected.join(', ')}`);
  }
  const prebuild = path.join(ensureDir(prebuildDir(arch)), 'windows-update-agent.napi.node');
  await run(`${toolPrefix(arch)}strip`, ['--strip-unneeded', '-o', prebuild, dll]);
  return prebuild;
}

/**
 * The broker's service host (src/broker/), shipped beside the addon: `wua broker install` copies it
 * into the folder the service runs from. Like the addon, it may import only DLLs every Windows has.
 */
export async function buildBrokerHost({ arch = 'x64' } = {}) {
  const outDir = ensureDir(buildFolder('broker', arch));
  const exe = await buildExe({
    name: 'wua-broker.exe',
    root: ROOT,
    sources: ['src/broker/broker_service.cc'],
    outDir,
    includeDirs: [path.join(ROOT, 'src')],
    defines: ['UNICODE', '_UNICODE', 'WIN32_LEAN_AND_MEAN'],
    libs: ['advapi32'],
    linkArgs: ['-municode'],
    cxxflags: ['-municode'],
    arch,
  });
  const unexpected = (await importedDlls(exe, arch)).filter((name) => !SYSTEM_DLLS.has(name.toLowerCase()));
  if (unexpected.length) throw new Error(`the broker's service host imports DLLs that are not part of Windows: ${unexpected.join(', ')}`);
  const host = path.join(ensureDir(prebuildDir(arch)), 'wua-broker.exe');
  await run(`${toolPrefix(arch)}strip`, ['--strip-unneeded', '-o', host, exe]);
  return host;
}
