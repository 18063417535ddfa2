// The fake agent's scenario loader (the JSON Schema with ajv, and the checks in code) against the
// shared corpus: the same verdicts and field paths as the simulator's loader
// (test/sim/scenario-corpus.test.ts checks that one on the same files).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { FakeAgent, type Scenario, ScenarioError } from '../../lib/testing/index.js';
// @ts-expect-error: a plain ES module without type declarations
import { generateCatalog } from '../sim/generate-catalog.mjs';

const CORPUS = path.join(__dirname, '..', 'scenarios-corpus');
const SCENARIOS = path.join(__dirname, '..', 'sim', 'scenarios');
const expected = JSON.parse(readFileSync(path.join(CORPUS, 'expected-errors.json'), 'utf8')) as Record<string, string>;
const files = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

describe('the scenario corpus in the fake agent', () => {
  it.each(files(path.join(CORPUS, 'valid')))('loads valid/%s', (name) => {
    expect(FakeAgent.fromScenario(path.join(CORPUS, 'valid', name)).file).toBe(path.join(CORPUS, 'valid', name));
  });

  it('has an expected path for every invalid file, and a file for every expected path', () => {
    expect(Object.keys(expected).sort()).toEqual(files(path.join(CORPUS, 'invalid')));
  });

  it.each(files(path.join(CORPUS, 'invalid')))('refuses invalid/%s, naming the file and the field', (name) => {
    const file = path.join(CORPUS, 'invalid', name);
    let error: unknown;
    try {
      FakeAgent.fromScenario(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toMatchObject({ code: 'ERR_WUA_SCENARIO', file, path: expected[name] });
    expect((error as Error).message.startsWith(`${file}: ${expected[name]}: `)).toBe(true);
  });
});

describe('the simulator\'s own scenarios', () => {
  it.each(files(SCENARIOS))('%s loads in the fake agent', (name) => {
    expect(() => FakeAgent.fromScenario(path.join(SCENARIOS, name))).not.toThrow();
  });

  it('a generated 2,000-update catalog loads', () => {
    const agent = FakeAgent.fromScenario(generateCatalog({ count: 2000, seed: 3 }) as Scenario);
    expect(Object.keys(agent.state.updates).length).toBeGreaterThanOrEqual(2000);
  });

  it('words a type error, an unknown key and a bad enumeration as the simulator does', () => {
    const message = (scenario: object): string => {
      try {
        FakeAgent.fromScenario(scenario as never);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    const id = '11111111-1111-4111-8111-111111111111';
    expect(message({ updates: [{ id, title: 3 }] })).toBe('<scenario>: updates[0].title: expected a string, got number');
    expect(message({ updates: [{ id, titel: 't' }] })).toBe("<scenario>: updates[0].titel: unknown field (did you mean 'title'?)");
    expect(message({ updates: [{ id, title: 't', type: 'Driver' }] })).toBe("<scenario>: updates[0].type: expected one of 'software', 'driver', got \"Driver\"");
    expect(message({ updates: [{ id }] })).toBe('<scenario>: updates[0].title: missing required field');
  });
});
