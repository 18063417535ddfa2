#!/usr/bin/env node
// The `wua` executable. All of it lives in program.ts; this only runs it and exits.
import { runCli } from './program.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`wua: ${String(error)}\n`);
  process.exitCode = 1;
});
