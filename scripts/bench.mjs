#!/usr/bin/env node
// `npm run bench`: runs bench/index.mjs against the built package and the simulated agent, under
// Wine on Linux or directly on Windows. It prints a table and, last, one JSON line of figures.
import path from 'node:path';

import { prepareLinuxRig, runNative, runUnderWine } from './lib/rig.mjs';

const args = [path.join('bench', 'index.mjs'), ...process.argv.slice(2)];
let exitCode;
if (process.platform === 'win32') {
  exitCode = await runNative(process.execPath, ['--expose-gc', ...args]);
} else {
  const { windowsNode, env } = await prepareLinuxRig();
  exitCode = await runUnderWine([windowsNode, '--expose-gc', ...args], env, 'bench-output.log');
}
process.exit(exitCode);
