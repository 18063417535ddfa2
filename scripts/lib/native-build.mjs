// The MinGW-w64 cross-build of the addon, from the source and define lists binding.gyp uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildDll, buildExe, ensureDir, importedDlls, nodeApiImportLibraries, run, TOOL_PREFIX } from './mingw.mjs';
import { BROKER_FILE, BUILD_DIR, PREBUILD_FILE, ROOT } from './paths.mjs';

// DLLs that ship with every Windows; anything else would make require() fail on some machine.
const SYSTEM_DLLS = new Set(['kernel32.dll', 'msvcrt.dll', 'ole32.dll', 'oleaut32.dll', 'user32.dll',
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

export async function buildAddon() {
  const { addon_sources: sources, addon_defines: defines, addon_libraries: libraries } = gypLists();
  const outDir = ensureDir(path.join(BUILD_DIR, 'addon'));
  const nodeApi = await nodeApiImportLibraries({ root: ROOT, outDir });
  const dll = await buildDll({
    name: 'windows-update-agent.node',
    root: ROOT,
    sources,
    outDir,
    includeDirs: [path.join(ROOT, 'src'), nodeApi.includeDir, path.join(ROOT, 'node_modules', 'node-addon-api')],
    defines: [...defines, 'BUILDING_NODE_EXTENSION', 'NODE_GYP_MODULE_NAME=windows_update_agent'],
    libs: [nodeApi.delayed, ...libraries.map((l) => l.replace(/^-l/, ''))],
    extraInputs: [path.join(ROOT, 'src', 'sources.gypi')],
  });
  const unexpected = (await importedDlls(dll)).filter((name) => !SYSTEM_DLLS.has(name.toLowerCase()));
  if (unexpected.length) {
    throw new Error(`the addon imports DLLs that are not part of Windows: ${unexpected.join(', ')}`);
  }
  ensureDir(path.dirname(PREBUILD_FILE));
  await run(`${TOOL_PREFIX}strip`, ['--strip-unneeded', '-o', PREBUILD_FILE, dll]);
  return PREBUILD_FILE;
}

/**
 * The broker's service host (src/broker/), shipped beside the addon: `wua broker install` copies it
 * into the folder the service runs from. Like the addon, it may import only DLLs every Windows has.
 */
export async function buildBrokerHost() {
  const outDir = ensureDir(path.join(BUILD_DIR, 'broker'));
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
  });
  const unexpected = (await importedDlls(exe)).filter((name) => !SYSTEM_DLLS.has(name.toLowerCase()));
  if (unexpected.length) throw new Error(`the broker's service host imports DLLs that are not part of Windows: ${unexpected.join(', ')}`);
  ensureDir(path.dirname(BROKER_FILE));
  await run(`${TOOL_PREFIX}strip`, ['--strip-unneeded', '-o', BROKER_FILE, exe]);
  return BROKER_FILE;
}
