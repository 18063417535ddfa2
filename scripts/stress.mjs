#!/usr/bin/env node
// `npm run stress`: the reliability suite (test/stress/) at its full level, one file at a time,
// under Wine on Linux (the rig `npm test` prepares) or directly on Windows. Each part writes its
// figures to build/stress/<part>.json; this script then prints every part's rows as one table,
// the problems found, and, last, one JSON line of every part's figures. The exit status is
// non-zero when a part found problems, its test failed, or a part's test wrote no figures.
// Extra arguments go to vitest (`npm run stress -- test/stress/soak.test.ts`); `--quick` runs
// the quick level that `npm test` runs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { BUILD_DIR, ROOT } from './lib/paths.mjs';
import { prepareLinuxRig, runNative, runUnderWine } from './lib/rig.mjs';
import { toWindowsPath } from './lib/wine.mjs';

const STRESS_DIR = 'test/stress';
const OUT_DIR = path.join(BUILD_DIR, 'stress');
const RESULTS_FILE = path.join(BUILD_DIR, 'stress-results.json');
// A full part may take many minutes on a loaded machine; each test sets its own bound below this.
const TIMEOUT_MS = 2 * 60 * 60 * 1000;

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const rest = argv.filter((arg) => arg !== '--quick');
  const paths = rest.filter((arg) => !arg.startsWith('-'));
  return { level: quick ? 'quick' : 'full', options: rest.filter((arg) => arg.startsWith('-')), paths: paths.length ? paths : [STRESS_DIR] };
}

function vitestArgs({ options, paths }) {
  return [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json',
    `--outputFile.json=${path.relative(ROOT, RESULTS_FILE)}`, '--no-file-parallelism', '--maxWorkers=1',
    `--testTimeout=${TIMEOUT_MS}`, `--hookTimeout=${TIMEOUT_MS}`, ...options, ...paths];
}

/** The part a test file reports: test/stress/<part>.test.ts. */
const partOf = (file) => path.basename(file.replaceAll('\\', '/')).replace(/\.test\.[cm]?[jt]s$/, '');

/** Which stress test files vitest ran, and whether each passed. */
function testOutcomes() {
  if (!existsSync(RESULTS_FILE)) return new Map();
  const report = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
  return new Map(report.testResults.map((file) => [partOf(file.name), {
    passed: file.status === 'passed',
    failures: file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
    message: file.message,
  }]));
}

/** The parts the run should report: every test file under the paths vitest was given. */
function expectedParts(paths) {
  const parts = new Set();
  const visit = (target) => {
    const full = path.resolve(ROOT, target);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full)) visit(path.join(full, name));
    } else if (/\.test\.[cm]?[jt]s$/.test(full)) {
      parts.add(partOf(full));
    }
  };
  for (const target of paths) visit(target);
  return parts;
}

/** Every <part>.json the run wrote, whatever parts there are. */
function readFigures() {
  if (!existsSync(OUT_DIR)) return [];
  return readdirSync(OUT_DIR).filter((name) => name.endsWith('.json')).sort().map((name) => {
    const file = path.join(OUT_DIR, name);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      return { part: name.replace(/\.json$/, ''), figures: {}, rows: [], problems: [`its figures do not parse: ${error.message}`] };
    }
  });
}

function printTable(rows) {
  const header = ['part', 'label', 'value'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  rmSync(OUT_DIR, { recursive: true, force: true });
  rmSync(RESULTS_FILE, { force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const started = Date.now();
  let exitCode;
  if (process.platform === 'win32') {
    exitCode = await runNative(process.execPath, vitestArgs(args),
      { ...process.env, WUA_STRESS_LEVEL: args.level, WUA_STRESS_OUT: OUT_DIR });
  } else {
    const { windowsNode, env, typeErrors } = await prepareLinuxRig();
    if (typeErrors) throw new Error('the TypeScript build failed (see above)');
    exitCode = await runUnderWine([windowsNode, ...vitestArgs(args)],
      { ...env, WUA_STRESS_LEVEL: args.level, WUA_STRESS_OUT: toWindowsPath(OUT_DIR) }, 'stress-output.log');
  }

  const parts = readFigures();
  const outcomes = testOutcomes();
  const rows = [];
  const problems = [];
  for (const figures of parts) {
    for (const [label, value] of figures.rows ?? []) rows.push([figures.part, String(label), String(value)]);
    for (const problem of figures.problems ?? []) problems.push(`${figures.part}: ${problem}`);
  }
  const failed = [];
  for (const [part, outcome] of outcomes) {
    if (outcome.passed) continue;
    failed.push(part);
    rows.push([part, 'test', 'FAILED']);
    for (const name of outcome.failures) problems.push(`${part}: test failed: ${name}`);
    if (!outcome.failures.length) problems.push(`${part}: the test file failed${outcome.message ? `: ${outcome.message.split('\n')[0]}` : ''}`);
    if (!parts.some((figures) => figures.part === part)) problems.push(`${part}: no figures were written`);
  }
  // A part whose test never finished (its process crashed, say) has neither a result nor figures.
  for (const part of expectedParts(args.paths)) {
    if (outcomes.has(part)) continue;
    failed.push(part);
    rows.push([part, 'test', 'DID NOT FINISH']);
    problems.push(`${part}: its test did not finish${parts.some((figures) => figures.part === part) ? '' : ' and wrote no figures'} (see the output above)`);
  }
  if (exitCode !== 0 && !problems.length) problems.push(`vitest exited with ${exitCode} (see the output above)`);

  console.log(`\nThe reliability suite (${args.level}):\n`);
  printTable(rows);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.log(`  ${problem}`);
  }
  console.log(JSON.stringify({
    level: args.level,
    parts: Object.fromEntries(parts.map((figures) => [figures.part, figures.figures])),
    problems: problems.length,
    failedParts: failed,
    elapsedS: Math.round((Date.now() - started) / 1000),
  }));
  process.exit(problems.length || failed.length || exitCode !== 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`npm run stress could not run: ${error.message}`);
  console.log(JSON.stringify({ parts: {}, problems: 1, error: error.message }));
  process.exit(1);
});
