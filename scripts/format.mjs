#!/usr/bin/env node
// `npm run format` formats the C++ of src/, bench/native/, test/wire/, the simulated agent
// (test/sim/src) and the stress suite's (test/stress/native) with clang-format (the npm package, which ships the binary for Linux, macOS and
// Windows); `--check` only reports.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT } from './lib/paths.mjs';

const FOLDERS = ['src', path.join('bench', 'native'), path.join('test', 'wire'), path.join('test', 'sim', 'src'),
  path.join('test', 'stress', 'native')];

function sources(dir) {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return /\.(cc|h)$/.test(entry.name) ? [relative] : [];
  });
}

const clangFormat = createRequire(import.meta.url).resolve('clang-format/index.js');
const check = process.argv.includes('--check');
const files = FOLDERS.flatMap(sources);
const run = spawnSync(process.execPath, [clangFormat, ...(check ? ['--dry-run', '-Werror'] : ['-i']), ...files],
  { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  if (check) console.error('C++ is not formatted: run `npm run format`');
  process.exit(run.status ?? 1);
}
console.log(`${check ? 'checked' : 'formatted'} ${files.length} C++ files`);
