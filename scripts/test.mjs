#!/usr/bin/env node
// `npm test`. On Windows: vitest, directly. On Linux: provisions Wine, MinGW-w64 and Windows
// Node.js (cached in .cache/), builds the addon and the simulated agent, and runs the same vitest
// suite inside Wine under Windows Node.js. Extra arguments go to vitest (`npm test -- test/rig`).
// Then, on Linux, the conformance suite (test/conformance/) again against the fake agent of
// windows-update-agent/testing, in plain Node, with the fake's own tests (test/fake/): the
// vitest.fake.config.mts run. The exit status is the worse of the two; the last line,
// "N passed, N failed[, N skipped]", counts both.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { BUILD_DIR, ROOT } from './lib/paths.mjs';
import { prepareLinuxRig, runNative, runUnderWine } from './lib/rig.mjs';

const RESULTS_FILE = path.join(BUILD_DIR, 'test-results.json');
const FAKE_RESULTS_FILE = path.join(BUILD_DIR, 'test-results-fake.json');
const FAKE_CONFIG = 'vitest.fake.config.mts';
// The paths the fake run takes; the run under Wine takes every path but the fake's own tests.
const FAKE_PATHS = ['test/conformance', 'test/fake'];
// The real-agent lane (WUA_REAL_AGENT=1 on Windows); vitest.config.mts leaves it out under Wine.
const REAL_AGENT_PATH = 'test/real-agent';

function vitestArgs(resultsFile, args, config) {
  return [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run', ...(config ? ['--config', config] : []),
    '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(ROOT, resultsFile)}`, ...args];
}

/** Which runs the arguments ask for: paths pick them; with none (or options only), both. */
function runsFor(args) {
  const paths = args.filter((arg) => !arg.startsWith('-')).map((arg) => arg.replaceAll('\\', '/'));
  const options = args.filter((arg) => arg.startsWith('-'));
  if (!paths.length) return { wine: args, fake: args };
  const fakePaths = paths.filter((p) => FAKE_PATHS.some((root) => p.startsWith(root)));
  // The real-agent lane needs a real agent, which Wine's simulated one is not: Windows only.
  if (process.platform !== 'win32' && paths.some((p) => p.startsWith(REAL_AGENT_PATH))) {
    console.log(`${REAL_AGENT_PATH} runs on Windows only, with WUA_REAL_AGENT=1: left out here`);
  }
  const winePaths = paths.filter((p) => !p.startsWith('test/fake') && !p.startsWith(REAL_AGENT_PATH));
  return {
    wine: winePaths.length ? [...options, ...winePaths] : undefined,
    fake: fakePaths.length ? [...options, ...fakePaths] : undefined,
  };
}

// Counts from vitest's JSON report: the closing line CI reads.
function counts(resultsFile, exitCode) {
  if (!existsSync(resultsFile)) return { passed: 0, failed: exitCode === 0 ? 0 : 1, skipped: 0 };
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  // A test file that fails to load has no failed test of its own, but it is a failure.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed'
    && !file.assertionResults.some((test) => test.status === 'failed')).length;
  let failed = report.numFailedTests + brokenFiles;
  // Vitest fails the run for errors outside any test (an unhandled rejection); so does the count.
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

function summary(runs, failedChecks) {
  const total = runs.reduce((sum, run) => ({
    passed: sum.passed + run.passed, failed: sum.failed + run.failed, skipped: sum.skipped + run.skipped,
  }), { passed: 0, failed: failedChecks, skipped: 0 });
  return `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`;
}

async function main() {
  rmSync(RESULTS_FILE, { force: true });
  rmSync(FAKE_RESULTS_FILE, { force: true });
  const runs = runsFor(process.argv.slice(2));
  const results = [];
  let exitCode = 0;
  let failedChecks = 0;
  if (process.platform === 'win32') {
    exitCode = await runNative(process.execPath, vitestArgs(RESULTS_FILE, process.argv.slice(2)));
    results.push(counts(RESULTS_FILE, exitCode));
  } else {
    const { windowsNode, env, typeErrors } = await prepareLinuxRig();
    if (runs.wine) {
      exitCode = await runUnderWine([windowsNode, ...vitestArgs(RESULTS_FILE, runs.wine)], env, 'test-output.log');
      results.push(counts(RESULTS_FILE, exitCode));
    }
    if (runs.fake) {
      console.log('\nThe conformance suite against the fake agent, in plain Node:');
      const fakeExit = await runNative(process.execPath, vitestArgs(FAKE_RESULTS_FILE, runs.fake, FAKE_CONFIG));
      results.push(counts(FAKE_RESULTS_FILE, fakeExit));
      if (exitCode === 0) exitCode = fakeExit;
    }
    // The TypeScript build is a check of its own: its errors fail the run like a failed test.
    if (typeErrors) {
      failedChecks = 1;
      console.error('the TypeScript build failed (see above): counted as 1 failed');
      if (exitCode === 0) exitCode = 1;
    }
  }
  console.log(summary(results, failedChecks));
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(`npm test could not run: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
