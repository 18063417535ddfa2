// The simulator's C++ scenario loader against the shared corpus (test/scenarios-corpus/): the
// same verdicts and field paths as the fake agent's loader (test/fake/scenario-corpus.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { useScenario } from './harness.js';

const CORPUS = path.join(__dirname, '..', 'scenarios-corpus');
const expected = JSON.parse(readFileSync(path.join(CORPUS, 'expected-errors.json'), 'utf8')) as Record<string, string>;
const files = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const read = (folder: string, name: string): object => JSON.parse(readFileSync(path.join(CORPUS, folder, name), 'utf8')) as object;

describe('the scenario corpus in the simulator', () => {
  it.each(files(path.join(CORPUS, 'valid')))('loads valid/%s', (name) => {
    expect(() => useScenario(read('valid', name))).not.toThrow();
  });

  it.each(files(path.join(CORPUS, 'invalid')))('refuses invalid/%s, naming the file and the field', (name) => {
    let message = '';
    try {
      useScenario(read('invalid', name));
    } catch (error) {
      message = (error as Error).message;
    }
    // "<file>: <path>: <reason>", the file being the copy the harness wrote.
    const match = /\.json: (.*?): /.exec(message);
    expect(match?.[1], message).toBe(expected[name]);
  });
});
