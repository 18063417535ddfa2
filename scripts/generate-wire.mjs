#!/usr/bin/env node
// `npm run generate:wire`: after a change to the field table (src/wire/fields.h), writes the JS
// decoder that follows it and, on Linux, the golden chunks of the codec's tests (test/wire/golden),
// written by the addon's own writer (test/wire/golden.cc, cross-built and run under Wine).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './lib/paths.mjs';
import { generateDecoderFrom, OUTPUT } from './lib/wire-fields.mjs';

writeFileSync(path.join(ROOT, OUTPUT), generateDecoderFrom(ROOT));
console.log(`wrote ${OUTPUT}`);
if (process.platform !== 'win32') {
  const { writeGoldenChunks } = await import('./lib/golden.mjs');
  console.log(`wrote ${await writeGoldenChunks()}`);
}
