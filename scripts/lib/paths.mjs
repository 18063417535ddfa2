// Where the project keeps what it builds and caches. All of it is ignored by git.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const CACHE_DIR = path.join(ROOT, '.cache');
export const PREBUILD_DIR = path.join(ROOT, 'prebuilds', 'win32-x64');
// node-gyp-build loads any `*.napi.node` in prebuilds/<platform>-<arch>/.
export const PREBUILD_FILE = path.join(PREBUILD_DIR, 'windows-update-agent.napi.node');
// The broker's service host (src/broker/), shipped in the package beside the addon.
export const BROKER_FILE = path.join(PREBUILD_DIR, 'wua-broker.exe');
// Each architecture's prebuild folder, as node-gyp-build names it: <platform>-<arch>.
export function prebuildDir(arch = 'x64') { return path.join(ROOT, 'prebuilds', `win32-${arch}`); }
