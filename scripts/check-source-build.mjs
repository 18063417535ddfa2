#!/usr/bin/env node
// After `npm ci --build-from-source` on Windows: the addon node-gyp-build resolves is node-gyp's own
// build (build/Release), not a prebuild, and Node loads it. The Windows workflow runs this before
// its tests, so that they are known to test the MSVC build.
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT } from './lib/paths.mjs';

const require = createRequire(import.meta.url);
const expected = path.join(ROOT, 'build', 'Release', 'windows_update_agent.node');
let resolved;
try {
  resolved = require('node-gyp-build').resolve(ROOT);
} catch (error) {
  console.error(`no addon was built: ${error.message}`);
  process.exit(1);
}
if (path.resolve(resolved) !== expected) {
  console.error(`node-gyp-build resolves ${resolved}, not the source build ${expected}`);
  process.exit(1);
}
const addon = require(resolved);
console.log(`${path.relative(ROOT, resolved)} loads (${process.platform}-${process.arch}, Node ${process.versions.node}): ${Object.keys(addon).sort().join(', ')}`);
