#!/usr/bin/env node
// `npm test`. On Windows: vitest, directly. On Linux: provisions Wine, MinGW-w64 and Windows
// Node.js (cached in .cache/), builds the addon and the simulated agent, and runs the same vitest
// suite inside Wine under Windows Node.js. Extra arguments go to vitest (`npm test -- test/rig`).
// The exit status is vitest's; the last line is "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { BUILD_DIR, ROOT } from './lib/paths.mjs';

const RESULTS_FILE = path.join(BUILD_DIR, 'test-results.json');
const vitestArgs = process.argv.slice(2);

function runStreaming(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function vitestCommand(nodeExecutable) {
  return [nodeExecutable, path.join('node_modules', 'vitest', 'vitest.mjs'), 'run',
    '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(ROOT, RESULTS_FILE)}`,
    ...vitestArgs];
}

// Windows Node under Wine fails its first console write (EBADF) when stdout is a Linux pipe, and
// trips a libuv assertion on a pseudo-terminal, so its output goes to a file that is streamed here
// while it runs.
async function runUnderWine(args, env) {
  const logFile = path.join(BUILD_DIR, 'test-output.log');
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

// Counts from vitest's JSON report: the closing line CI reads.
function summary(exitCode) {
  if (!existsSync(RESULTS_FILE)) return `0 passed, ${exitCode === 0 ? 0 : 1} failed`;
  const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no failed test of its own, but it is a failure.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed'
    && !file.assertionResults.some((test) => test.status === 'failed')).length;
  const failed = report.numFailedTests + brokenFiles;
  return `${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

async function prepareLinuxRig() {
  const wine = await import('./lib/wine.mjs');
  await wine.ensureSystemPackages();
  if (!existsSync(path.join(ROOT, 'node_modules', 'vitest'))) {
    throw new Error('node_modules is missing: run `npm install` first');
  }
  const { buildTypeScript } = await import('./build.mjs');
  const { buildAddon } = await import('./lib/native-build.mjs');
  const [windowsNode] = await Promise.all([
    wine.ensureWindowsNode(),
    wine.ensureWindowsBundlerBinding(),
    wine.ensurePrefix(),
    buildTypeScript(),
    buildAddon(),
  ]);
  const simulatorSetup = path.join(ROOT, 'test', 'sim', 'setup.mjs');
  if (existsSync(simulatorSetup)) {
    const { buildSimulator, registerSimulator } = await import(pathToFileURL(simulatorSetup).href);
    await buildSimulator({ root: ROOT });
    await registerSimulator({ root: ROOT, env: wine.wineEnv() });
  }
  return { windowsNode, env: wine.wineEnv({ WUA_TEST_RIG: 'wine' }) };
}

async function main() {
  rmSync(RESULTS_FILE, { force: true });
  let exitCode;
  if (process.platform === 'win32') {
    exitCode = await runStreaming(process.execPath, vitestCommand(process.execPath).slice(1), process.env);
  } else {
    const { windowsNode, env } = await prepareLinuxRig();
    exitCode = await runUnderWine(vitestCommand(windowsNode), env);
  }
  console.log(summary(exitCode));
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(`npm test could not run: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
