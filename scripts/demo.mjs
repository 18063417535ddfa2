#!/usr/bin/env node
// `npm run demo`: the `wua` tool doing a whole job against the simulated agent's demo scenario:
// find updates, download them, install them, see the restart they need and what the history
// recorded. Under Wine on Linux; on Windows it prints the same commands for the real agent
// instead of running them.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { BUILD_DIR, ROOT } from './lib/paths.mjs';
import { prepareLinuxRig, runUnderWine } from './lib/rig.mjs';
import { toWindowsPath } from './lib/wine.mjs';

const STEPS = [
  ['status'],
  ['search'],
  ['show', 'KB5012170'],
  ['download', '--all', '--progress'],
  ['install', '--all', '--accept-eulas', '--progress'],
  ['status'],
  ['history'],
];

if (process.platform === 'win32') {
  console.log('On Windows, the demo is the real agent. Run, from an elevated prompt:');
  for (const step of STEPS) console.log(`  npx wua ${step.join(' ')}`);
  process.exit(0);
}

const { windowsNode, env } = await prepareLinuxRig();
const stateDir = path.join(BUILD_DIR, 'demo');
rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir, { recursive: true });
const demoEnv = {
  ...env,
  WUA_SIMULATOR_SCENARIO: toWindowsPath(path.join(ROOT, 'test', 'sim', 'scenarios', 'demo.json')),
  // A fresh state file: every demo starts from the same machine.
  WUA_SIMULATOR_STATE: toWindowsPath(path.join(stateDir, 'state.json')),
};
// Windows exit statuses are 32 bits; the Linux side of Wine sees only the low 8, so 3010
// (restart needed) arrives as 194.
const REBOOT_REQUIRED = 3010;
const windowsStatus = (status) => (status === (REBOOT_REQUIRED & 0xff) ? REBOOT_REQUIRED : status);
let status = 0;
for (const step of STEPS) {
  console.log(`\n> wua ${step.join(' ')}`);
  status = windowsStatus(await runUnderWine([windowsNode, path.join('dist', 'cli', 'wua.js'), ...step], demoEnv,
    'demo-output.log'));
  console.log(`(exit status ${status}${status === REBOOT_REQUIRED ? ': restart needed' : ''})`);
}
process.exit(status === REBOOT_REQUIRED ? 0 : status);
