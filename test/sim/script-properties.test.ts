// Every property of every object the agent hands out, read by a VBScript client through IDispatch
// (scripts/read-properties.vbs) and compared with the scenario (scenarios/script-properties.json).
// The properties come from the simulator's type library itself: each object is read through the
// interface its type information names (the newest it implements), property by property.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { typeLibraryProperties, useScenario } from './harness.js';

const SCRIPT = path.join(__dirname, 'scripts', 'read-properties.vbs');
const CSCRIPT = path.join(process.env.SystemRoot ?? 'C:\\windows', 'system32', 'cscript.exe');

type Library = ReturnType<typeof typeLibraryProperties>;

/** The part of the script Wine's VBScript cannot do itself (it has no Execute): each property by name. */
function readerFor(library: Library): string {
  const lines = ['', 'Sub LoadProperties()'];
  for (const [kind, properties] of Object.entries(library)) {
    lines.push(`  properties.Add "${kind}", Array(${properties.map((p) => `"${p.name}"`).join(', ')})`);
  }
  lines.push('End Sub', '', 'Sub ReadNamed(target, kind, name, value)', '  Select Case kind & "." & name');
  for (const [kind, properties] of Object.entries(library)) {
    for (const { name, isObject } of properties.filter((p) => p.name !== '_NewEnum')) {
      // A collection's Item takes the index: the first item.
      lines.push(`    Case "${kind}.${name}": ${isObject ? 'Set ' : ''}value = target.${name === 'Item' ? 'Item(0)' : name}`);
    }
  }
  lines.push('    Case Else: Err.Raise 438', '  End Select', 'End Sub', '');
  return lines.join('\r\n');
}

interface Read {
  type: string;
  value: string;
}

let library: Library;
let objects: Map<string, string>;
let reads: Map<string, Read>;
let failures: string[];
let unknown: string[];
let end: number | undefined;
let output: string;

beforeAll(() => {
  useScenario('script-properties'); // the child inherits WUA_SIMULATOR_SCENARIO and WUA_SIMULATOR_STATE
  library = typeLibraryProperties();
  const script = path.join(mkdtempSync(path.join(os.tmpdir(), 'wua-script-')), 'read-properties.vbs');
  writeFileSync(script, readFileSync(SCRIPT, 'utf8').replace(/\r?\n/g, '\r\n') + readerFor(library));
  writeFileSync('Z:\\tmp\\w14\\combined.vbs', readFileSync(script, 'utf8'));
  const run = spawnSync(CSCRIPT, ['//nologo', script], { encoding: 'utf8', timeout: 120_000 });
  output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  objects = new Map();
  reads = new Map();
  failures = [];
  unknown = [];
  for (const line of (run.stdout ?? '').split(/\r?\n/)) {
    const [tag, first, ...rest] = line.split(' ');
    if (tag === 'OBJECT') objects.set(first, rest[0]);
    else if (tag === 'READ') reads.set(first, { type: rest[0], value: rest.slice(1).join(' ') });
    else if (tag === 'FAIL') failures.push(`${first} ${rest[0]}`);
    else if (tag === 'UNKNOWN') unknown.push(`${first} ${rest[0]}`);
    else if (tag === 'END') end = Number(first);
  }
});

describe('a VBScript client reading every property', () => {
  it('runs to its end', () => {
    expect(end, output).toBeDefined();
    expect(unknown).toEqual([]);
  });

  it('prints everything', () => {
    console.log(output);
  });
});
