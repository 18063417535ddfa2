#!/usr/bin/env node
// `npm run generate:scenario`: after a change to the scenario schema
// (lib/testing/scenario.schema.json), writes the TypeScript types that follow it, so that the
// scenario format is written once.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { compile } from 'json-schema-to-typescript';

import { ROOT } from './lib/paths.mjs';

const SCHEMA = 'lib/testing/scenario.schema.json';
const OUTPUT = 'lib/testing/scenario.generated.ts';

const schema = JSON.parse(readFileSync(path.join(ROOT, SCHEMA), 'utf8'));
const types = await compile(schema, 'Scenario', {
  bannerComment: `// Generated from ${SCHEMA} by \`npm run generate:scenario\`: edit the schema, not this file.`,
  additionalProperties: false,
  strictIndexSignatures: true,
  format: false,
});
writeFileSync(path.join(ROOT, OUTPUT), types);
console.log(`wrote ${OUTPUT}`);
