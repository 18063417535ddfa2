#!/usr/bin/env node
// `npm test`. On Windows: vitest, directly. On Linux: provisions Wine, MinGW-w64 and Windows
// Node.js (cached in .cache/), builds the addon and the simulated agent, and runs the same vitest
// suite inside Wine under Windows Node.js. Extra arguments go to vitest (`npm test -- test/rig`).
// The exit status is vitest's; the last line is "N passed, N failed[, N skipped]".
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { BUILD_DIR, ROOT } from './lib/paths.mjs';
import { prepareLinuxRig, runNative, runUnderWine } from './lib/rig.mjs';

const RESULTS_FILE = path.join(BUILD_DIR, 'test-results.json');

function vitestArgs() {
  return [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run',
    '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(ROOT, RESULTS_FILE)}`,
    ...process.argv.slice(2)];
}

// Counts from vitest's JSON report: the closing line CI reads.
function summary(exitCode, failedChecks) {
  if (!existsSync(RESULTS_FILE)) return `0 passed, ${(exitCode === 0 ? 0 : 1) + failedChecks} failed`;
  const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no failed test of its own, but it is a failure.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed'
    && !file.assertionResults.some((test) => test.status === 'failed')).length;
  let failed = report.numFailedTests + brokenFiles + failedChecks;
  // Vitest fails the run for errors outside any test (an unhandled rejection); so does the count.
  if (exitCode !== 0 && failed === 0) failed = 1;
  return `${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

async function main() {
  rmSync(RESULTS_FILE, { force: true });
  let exitCode;
  let failedChecks = 0;
  if (process.platform === 'win32') {
    exitCode = await runNative(process.execPath, vitestArgs());
  } else {
    const { windowsNode, env, typeErrors } = await prepareLinuxRig();
    exitCode = await runUnderWine([windowsNode, ...vitestArgs()], env, 'test-output.log');
    // The TypeScript build is a check of its own: its errors fail the run like a failed test.
    if (typeErrors) {
      failedChecks = 1;
      console.error('the TypeScript build failed (see above): counted as 1 failed');
      if (exitCode === 0) exitCode = 1;
    }
  }
  console.log(summary(exitCode, failedChecks));
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(`npm test could not run: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
