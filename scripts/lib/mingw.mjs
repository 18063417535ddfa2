// Cross-compiles Windows DLLs with MinGW-w64 on Linux. Used for the addon and for the test-only
// simulator, so both get the same flags, the same static runtime and the same incremental rules.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export const TOOL_PREFIX = 'x86_64-w64-mingw32-';
export const CXX = `${TOOL_PREFIX}g++-posix`;
export const CC = `${TOOL_PREFIX}gcc-posix`;

// The MinGW-w64 toolchain of each Windows architecture the package is cross-built for, by Node's
// name for it (process.arch). x64 is the default of every build below.
export const TOOL_PREFIXES = { x64: TOOL_PREFIX, ia32: 'i686-w64-mingw32-' };

/** The prefix of `arch`'s MinGW-w64 tools (`i686-w64-mingw32-` for ia32). */
export function toolPrefix(arch = 'x64') {
  const prefix = TOOL_PREFIXES[arch];
  if (!prefix) throw new Error(`no MinGW-w64 toolchain for ${arch}: the choices are ${Object.keys(TOOL_PREFIXES).join(', ')}`);
  return prefix;
}

// Windows defines (UNICODE, _WIN32_WINNT, ...) are the caller's: the addon's come from
// src/sources.gypi so that MSVC and MinGW builds agree.
const BASE_CXXFLAGS = ['-std=c++17', '-O2', '-g0', '-Wall', '-Wextra', '-Wno-unused-parameter',
  '-fexceptions'];
// -static keeps libstdc++, libgcc and winpthread inside the DLL: a dependency on
// libwinpthread-1.dll makes require() fail with ERR_DLOPEN_FAILED on a machine without MinGW.
const STATIC_RUNTIME = ['-static', '-static-libgcc', '-static-libstdc++'];
const DLL_LINKFLAGS = ['-shared', ...STATIC_RUNTIME, '-Wl,--exclude-all-symbols'];

export function run(cmd, args, { cwd, env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d) => { output += d; });
    child.stderr?.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

function mtime(file) {
  try { return statSync(file).mtimeMs; } catch { return -1; }
}

// An object is fresh when it is newer than its source and every header its .d file lists.
function isFresh(object, depFile, extraInputs) {
  const built = mtime(object);
  if (built < 0 || !existsSync(depFile)) return false;
  const deps = readFileSync(depFile, 'utf8').replace(/\\\n/g, ' ').split(':').slice(1).join(':')
    .split(/\s+/).filter(Boolean);
  return [...deps, ...extraInputs].every((dep) => { const t = mtime(dep); return t >= 0 && t <= built; });
}

async function inParallel(tasks, limit) {
  const queue = [...tasks];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  });
  await Promise.all(workers);
}

/**
 * Builds the DLL `outDir/name` from C/C++ sources. Objects go to `outDir/obj-<name>/`, so a second
 * build with nothing changed only stats files. Returns the DLL's path.
 */
export function buildDll(options) {
  return buildBinary(options, DLL_LINKFLAGS);
}

/** Builds a console program, with the same options and rules as buildDll. */
export function buildExe(options) {
  return buildBinary(options, STATIC_RUNTIME);
}

async function buildBinary({ name, sources, outDir, includeDirs = [], defines = [], libs = [],
  linkArgs = [], cxxflags = [], extraInputs = [], root = process.cwd(), arch = 'x64' }, linkFlags) {
  const cxx = `${toolPrefix(arch)}g++-posix`;
  const cc = `${toolPrefix(arch)}gcc-posix`;
  const objDir = path.join(outDir, `obj-${name}`);
  mkdirSync(objDir, { recursive: true });
  const flags = [...BASE_CXXFLAGS, ...cxxflags, ...includeDirs.map((d) => `-I${d}`),
    ...defines.map((d) => `-D${d}`)];
  const objects = [];
  const stale = [];
  for (const source of sources) {
    const rel = path.relative(root, path.resolve(root, source)).replace(/[\\/]/g, '__');
    const object = path.join(objDir, rel.replace(/\.(cc|cpp|c)$/, '.o'));
    const depFile = object.replace(/\.o$/, '.d');
    objects.push(object);
    if (isFresh(object, depFile, extraInputs)) continue;
    const compiler = source.endsWith('.c') ? cc : cxx;
    const langFlags = source.endsWith('.c') ? flags.filter((f) => !f.startsWith('-std=c++')) : flags;
    stale.push(() => run(compiler, [...langFlags, '-MMD', '-MF', depFile, '-c',
      path.resolve(root, source), '-o', object], { cwd: root }));
  }
  await inParallel(stale, availableParallelism());
  const dll = path.join(outDir, name);
  const newestInput = Math.max(...objects.map(mtime), ...libs.filter((l) => l.includes('/')).map(mtime));
  const libArgs = libs.map((l) => (l.includes('/') ? l : `-l${l}`));
  const command = ['-o', dll, ...objects, ...linkFlags, ...linkArgs, ...libArgs];
  // A changed link command relinks too: new flags or libraries do not make any input newer.
  const commandFile = `${dll}.link`;
  const lastCommand = existsSync(commandFile) ? readFileSync(commandFile, 'utf8') : '';
  if (stale.length || mtime(dll) < newestInput || lastCommand !== JSON.stringify(command)) {
    await run(cxx, command, { cwd: root });
    writeFileSync(commandFile, JSON.stringify(command));
  }
  return dll;
}

/**
 * Import libraries for the Node-API functions, made from node-api-headers' .def file. The delay-load
 * one lets the addon bind to whatever executable hosts it (electron.exe, an app's own exe), not only
 * to a module called node.exe; see src/napi/delay_load_hook.cc.
 */
export async function nodeApiImportLibraries({ root, outDir, arch = 'x64' }) {
  const def = path.join(root, 'node_modules', 'node-api-headers', 'def', 'node_api.def');
  mkdirSync(outDir, { recursive: true });
  const direct = path.join(outDir, 'libnode_api.a');
  const delayed = path.join(outDir, 'libnode_api_delay.a');
  if (mtime(delayed) < mtime(def) || mtime(direct) < mtime(def)) {
    // On ia32 the Node-API functions are __cdecl (NAPI_CDECL): the def file's plain names are
    // what node.exe exports, and i686 dlltool gives the import symbols C's leading underscore.
    await run(`${toolPrefix(arch)}dlltool`, ['-d', def, '-l', direct, '-y', delayed, '-D', 'node.exe'], { cwd: root });
  }
  return { direct, delayed, includeDir: path.join(root, 'node_modules', 'node-api-headers', 'include') };
}

/** The DLL names a PE file imports, read with objdump. */
export async function importedDlls(file, arch = 'x64') {
  const out = await run(`${toolPrefix(arch)}objdump`, ['-p', file], { quiet: true });
  return [...out.matchAll(/DLL Name: (\S+)/g)].map((m) => m[1]);
}

export function ensureDir(dir) { mkdirSync(dir, { recursive: true }); return dir; }
