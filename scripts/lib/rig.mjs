// The Linux side of the Windows-on-Linux rig, shared by `npm test`, `npm run bench` and
// `npm run demo`: provisioning, builds, the simulated agent, and running Windows Node under Wine.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { BUILD_DIR, ROOT } from './paths.mjs';

/**
 * Makes everything the Windows-side run needs: Debian packages, Windows Node, the Wine prefix, the
 * TypeScript build, the addon, the codec's golden writer, and the simulated agent registered in the prefix.
 * Returns the Windows node.exe, the environment to run it with, and the type errors of the
 * TypeScript build (the tests still run; the caller counts the build as a failed check).
 */
export async function prepareLinuxRig() {
  const wine = await import('./wine.mjs');
  await wine.ensureSystemPackages();
  if (!existsSync(path.join(ROOT, 'node_modules', 'vitest'))) {
    throw new Error('node_modules is missing: run `npm install` first');
  }
  const { buildTypeScript } = await import('../build.mjs');
  const { buildAddon, buildBrokerHost } = await import('./native-build.mjs');
  const { buildGoldenWriter } = await import('./golden.mjs');
  let typeErrors = '';
  const [windowsNode] = await Promise.all([
    wine.ensureWindowsNode(),
    wine.ensureWindowsBundlerBinding(),
    wine.ensurePrefix(),
    buildTypeScript().catch((error) => { typeErrors = error.message; }),
    buildAddon(),
    buildBrokerHost(),
    // The 32-bit prebuilds are checked (test/rig/prebuilds.test.ts), not run: the rig's Wine is 64-bit.
    buildAddon({ arch: 'ia32' }),
    buildBrokerHost({ arch: 'ia32' }),
    buildGoldenWriter(),
  ]);
  if (typeErrors) console.error(`[rig] the TypeScript build failed:\n${typeErrors}`);
  const simulatorSetup = path.join(ROOT, 'test', 'sim', 'setup.mjs');
  if (existsSync(simulatorSetup)) {
    const { buildSimulator, registerSimulator } = await import(pathToFileURL(simulatorSetup).href);
    await buildSimulator({ root: ROOT });
    await registerSimulator({ root: ROOT, env: wine.wineEnv() });
  }
  return { windowsNode, env: wine.wineEnv({ WUA_TEST_RIG: 'wine' }), typeErrors };
}

// Windows Node under Wine fails its first console write (EBADF) when stdout is a Linux pipe, and
// trips a libuv assertion on a pseudo-terminal, so its output goes to a file that is streamed to
// this process's stdout while it runs.
export async function runUnderWine(args, env, logName = 'wine-output.log') {
  const logFile = path.join(BUILD_DIR, logName);
  const fd = openSync(logFile, 'w');
  const reader = openSync(logFile, 'r');
  const buffer = Buffer.alloc(64 * 1024);
  const drain = () => {
    for (let n; (n = readSync(reader, buffer, 0, buffer.length, null)) > 0;) process.stdout.write(buffer.subarray(0, n));
  };
  const timer = setInterval(drain, 100);
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn('wine', args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  } finally {
    clearInterval(timer);
    drain();
    closeSync(fd);
    closeSync(reader);
  }
}

export function runNative(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
