#!/usr/bin/env node
// `npm run build`: the TypeScript facade into dist/, and the native addon. On Linux the addon is
// cross-built with MinGW-w64 into prebuilds/win32-x64/ and prebuilds/win32-ia32/; on Windows
// node-gyp builds it with MSVC.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { run } from './lib/mingw.mjs';
import { buildAddon, buildBrokerHost } from './lib/native-build.mjs';
import { ROOT } from './lib/paths.mjs';

const require = createRequire(import.meta.url);

export async function buildTypeScript() {
  // dist/ is made anew: a module renamed or a map no longer emitted would otherwise stay behind and
  // ship, since package.json's files list takes the whole folder.
  rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
}

export async function buildNative() {
  if (process.platform === 'win32') {
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
    await run(process.execPath, [nodeGyp, 'rebuild'], { cwd: ROOT });
    return path.join(ROOT, 'build', 'Release', 'windows_update_agent.node');
  }
  await buildBrokerHost();
  // The package ships both Windows architectures MinGW-w64 can build: x64 and ia32 (i686).
  await Promise.all([buildBrokerHost({ arch: 'ia32' }), buildAddon({ arch: 'ia32' })]);
  return buildAddon();
}

// Run as a script (not imported by the rig). A file URL made by hand from argv[1] never matches on
// Windows, where the path has a drive letter and backslashes.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const nativeOnly = process.argv.includes('--native-only');
  try {
    if (!nativeOnly) await buildTypeScript();
    const addon = await buildNative();
    console.log(`built ${path.relative(ROOT, addon)}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
