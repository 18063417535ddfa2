// The criteria language has three implementations: the facade's validator and builder
// (lib/criteria.ts), the simulator's parser and evaluator (test/sim/src/criteria.cc, our picture of
// the agent's) and the fake agent's search (lib/testing/native-session.ts). This part puts the same
// generated strings to all three and counts where they disagree: on the verdict (accepted or
// rejected) and, for an accepted string, on the updates it selects from a generated catalog. The
// builder's strings are also evaluated here from the typed criteria they were built from, a fourth
// reading that shares no parser with the others. A disagreement is a bug in one of them.
//
// The simulator's parser runs as one batch program under Wine (build/sim/criteria-batch.exe, built
// with the simulator: test/stress/native/criteria_batch.cc), once per run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import fc from 'fast-check';

import {
  ClassificationCategory, criteriaText, INVALID_CRITERIA_CODE, validateCriteria, type ClassificationCategoryName,
  type CriteriaGroup,
} from '../../lib/criteria.js';
import { InvalidArgumentError } from '../../lib/errors.js';
import { UpdateSession } from '../../lib/session.js';
import { FakeAgent } from '../../lib/testing/index.js';
import type { Scenario } from '../../lib/testing/scenario.generated.js';
import type { StressFigures, StressLevel } from './figures.js';

export const CRITERIA_BATCH_EXE = path.resolve(__dirname, '..', '..', 'build', 'sim', 'criteria-batch.exe');

/** Strings per run: the floor for a full run is 10,000. */
const STRINGS: Record<StressLevel, number> = { quick: 1_000, full: 10_000 };
/** Strings evaluated against one generated catalog. */
const PER_CATALOG = 100;

// ---------------------------------------------------------------------------------------------
// The catalog: what a criterion can look at, for each update (test/sim/src/criteria.h, UpdateFacts).

const DEPLOYMENT_ACTIONS = ['Installation', 'Uninstallation', 'OptionalInstallation', 'Detection', 'None'] as const;
const FLAGS = ['isAssigned', 'browseOnly', 'autoSelectOnWebSites', 'isInstalled', 'isHidden', 'isPresent', 'rebootRequired'] as const;
type Flag = typeof FLAGS[number];

export interface UpdateFacts extends Record<Flag, boolean> {
  id: string;
  type: 'Software' | 'Driver';
  deploymentAction: typeof DEPLOYMENT_ACTIONS[number];
  revisionNumber: number;
  categoryIds: string[];
}

const CLASSIFICATION_NAMES = Object.keys(ClassificationCategory) as ClassificationCategoryName[];
/** Categories the updates belong to: a few classifications and two of a product's own. */
const CATEGORY_POOL = [
  ...CLASSIFICATION_NAMES.slice(0, 4).map((name) => ClassificationCategory[name]),
  'a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002',
];

const guid = fc.uuid({ version: [1, 2, 3, 4, 5] });

const factsArb: fc.Arbitrary<UpdateFacts> = fc.record({
  id: guid,
  type: fc.constantFrom('Software' as const, 'Driver' as const),
  deploymentAction: fc.constantFrom(...DEPLOYMENT_ACTIONS),
  revisionNumber: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 0x7fffffff })),
  categoryIds: fc.subarray(CATEGORY_POOL, { maxLength: 3 }),
  isAssigned: fc.boolean(), browseOnly: fc.boolean(), autoSelectOnWebSites: fc.boolean(), isInstalled: fc.boolean(),
  isHidden: fc.boolean(), isPresent: fc.boolean(), rebootRequired: fc.boolean(),
});

const catalogArb = fc.uniqueArray(factsArb, { minLength: 4, maxLength: 14, selector: (u) => u.id });

// ---------------------------------------------------------------------------------------------
// Typed criteria, and their meaning read straight from the types.

function groupArb(catalog: readonly UpdateFacts[]): fc.Arbitrary<CriteriaGroup> {
  const ids = catalog.map((u) => u.id);
  const someId = fc.oneof(fc.constantFrom(...ids), guid, fc.constantFrom(...ids).map((id) => id.toUpperCase()));
  const revisions = [...new Set(catalog.map((u) => u.revisionNumber))];
  const category = fc.oneof(fc.constantFrom(...CLASSIFICATION_NAMES), fc.constantFrom(...CATEGORY_POOL),
    fc.constantFrom(...CATEGORY_POOL).map((id) => id.toUpperCase()));
  const flags = Object.fromEntries(FLAGS.map((flag) => [flag, fc.boolean()])) as Record<Flag, fc.Arbitrary<boolean>>;
  const base = fc.record({
    type: fc.oneof(fc.constantFrom('software' as const, 'driver' as const),
      fc.constantFrom('software' as const, 'driver' as const).map((not) => ({ not }))),
    deploymentAction: fc.constantFrom('installation' as const, 'uninstallation' as const, 'optionalInstallation' as const,
      'detection' as const, 'any' as const),
    ...flags,
    updateId: fc.oneof(someId, someId.map((not) => ({ not }))),
    categoryIds: fc.array(category, { minLength: 1, maxLength: 3 }),
  }, { requiredKeys: [] });
  // RevisionNumber only beside a positive updateId: the builder refuses it otherwise.
  return fc.tuple(base, fc.option(fc.oneof(fc.constantFrom(...revisions), fc.integer({ min: 0, max: 0x7fffffff })), { nil: undefined }))
    .map(([group, revision]) => (typeof group.updateId === 'string' && revision !== undefined
      ? { ...group, revisionNumber: revision } : group));
}

function categoryGuid(entry: string): string {
  return (Object.hasOwn(ClassificationCategory, entry) ? ClassificationCategory[entry as ClassificationCategoryName] : entry).toLowerCase();
}

/**
 * Whether `update` meets `group`, read from the typed group as the documentation states it:
 * every property present must hold, `{}` stands for IsInstalled=0 and IsHidden=0, and a group
 * without a deployment action searches installations only ([MS-UAMG] 2.2.1: "DeploymentAction
 * ... If this criterion is not explicitly specified, ... 'Installation' is assumed").
 */
export function groupMatches(group: CriteriaGroup, update: UpdateFacts): boolean {
  const present = Object.values(group).some((value) => value !== undefined);
  const effective: CriteriaGroup = present ? group : { isInstalled: false, isHidden: false };
  const holds = (cond: boolean, negated: boolean): boolean => (negated ? !cond : cond);
  const { type, deploymentAction, updateId, revisionNumber, categoryIds } = effective;
  if (type !== undefined) {
    const [negated, name] = typeof type === 'string' ? [false, type] : [true, type.not];
    if (!holds(update.type.toLowerCase() === name, negated)) return false;
  }
  const action = deploymentAction ?? 'installation';
  if (action !== 'any' && update.deploymentAction.toLowerCase() !== action.toLowerCase()) return false;
  for (const flag of FLAGS) {
    const wanted = effective[flag];
    if (wanted !== undefined && update[flag] !== wanted) return false;
  }
  if (updateId !== undefined) {
    const [negated, id] = typeof updateId === 'string' ? [false, updateId] : [true, updateId.not];
    if (!holds(update.id === id.toLowerCase(), negated)) return false;
  }
  if (revisionNumber !== undefined && update.revisionNumber !== revisionNumber) return false;
  for (const entry of categoryIds ?? []) if (!update.categoryIds.includes(categoryGuid(entry))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Strings from the grammar ([MS-UAMG] 2.2.1; IUpdateSearcher::Search in the WUA reference), and
// their mutations.

const SPACE = fc.constantFrom('', ' ', ' ', '  ', '\t');
const JOIN_SPACE = fc.constantFrom(' ', ' ', '  ', '\t', '\r\n');

function anyCase(word: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(word) },
    fc.constant(word.toLowerCase()), fc.constant(word.toUpperCase()),
    fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length })
      .map((upper) => [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join('')),
  );
}

function criterionArb(catalog: readonly UpdateFacts[]): fc.Arbitrary<string[]> {
  const ids = catalog.map((u) => u.id);
  const quotedGuid = fc.oneof(fc.constantFrom(...ids), guid, fc.constantFrom(...CATEGORY_POOL)).chain(anyCase).map((g) => `'${g}'`);
  const flag = fc.constantFrom('IsAssigned', 'BrowseOnly', 'AutoSelectOnWebSites', 'IsInstalled', 'IsHidden', 'IsPresent', 'RebootRequired');
  const pick = fc.oneof(
    fc.tuple(anyCase('Type'), fc.constantFrom('=', '!='), fc.constantFrom('Software', 'Driver').chain(anyCase).map((v) => `'${v}'`)),
    fc.tuple(anyCase('DeploymentAction'), fc.constant('='),
      fc.oneof(fc.constant('*'), fc.constantFrom(...DEPLOYMENT_ACTIONS.slice(0, 4)).chain(anyCase).map((v) => `'${v}'`))),
    fc.tuple(flag.chain(anyCase), fc.constant('='), fc.constantFrom('0', '1')),
    fc.tuple(anyCase('UpdateID'), fc.constantFrom('=', '!='), quotedGuid),
    fc.tuple(anyCase('CategoryIDs'), anyCase('contains').map((c) => ` ${c} `), quotedGuid),
  );
  return fc.tuple(pick, SPACE, SPACE).map(([[name, op, value], s1, s2]) => (op.trim() === 'contains' ? [name, op, value] : [name, s1 + op + s2, value]));
}

/** A valid string as tokens: OR of AND groups, terms parenthesised now and then. */
function grammarTokensArb(catalog: readonly UpdateFacts[]): fc.Arbitrary<string[]> {
  const criterion = criterionArb(catalog);
  const andGroup = (depth: number): fc.Arbitrary<string[]> => fc.array(
    depth > 0 ? fc.oneof({ weight: 4, arbitrary: criterion }, andGroup(depth - 1).map((t) => ['(', ...t, ')'])) : criterion,
    { minLength: 1, maxLength: 3 },
  ).chain((terms) => fc.tuple(...terms.map(() => fc.tuple(JOIN_SPACE, anyCase('and'), JOIN_SPACE))).map((joins) =>
    terms.flatMap((term, i) => (i === 0 ? term : [joins[i]![0] + joins[i]![1] + joins[i]![2], ...term]))));
  return fc.array(fc.tuple(andGroup(2), fc.boolean()), { minLength: 1, maxLength: 3 })
    .chain((groups) => fc.tuple(...groups.map(() => fc.tuple(JOIN_SPACE, anyCase('or'), JOIN_SPACE))).map((joins) =>
      groups.flatMap(([tokens, wrap], i) => {
        const group = wrap ? ['(', ...tokens, ')'] : tokens;
        return i === 0 ? group : [joins[i]![0] + joins[i]![1] + joins[i]![2], ...group];
      })));
}

/** Replacements a mutation draws from: what a person or a program gets wrong in a criteria string. */
const ODD_TOKENS = [
  // operators
  '=', '!=', '==', '<>', '<', '>=', '!', ' contains ', 'contains', ' CONTAINS', ' in ',
  // keywords
  ' and ', ' or ', ' AND ', ' Or ', 'and', 'or', ' && ', ' || ', ' andd ', ' not ',
  // unknown and misspelt properties
  'Title', 'IsInstaled', 'UpdateId', 'CategoryID', 'KBArticleIDs', 'Type2', '_x', 'IsInstalled', 'RevisionNumber',
  // numbers, in and out of the 32-bit range
  '0', '1', '2', '-1', '-0', '007', '+1', '1.0', '1e3', '2147483647', '2147483648', '-2147483648', '-2147483649',
  '99999999999999999999', '0x1',
  // quotes and strings
  "'", "''", '"', "'Software", "Software'", "'Driver'", "'software'", '"Software"', "'Installation'", "'*'", '*',
  "'[']'", "'[[]'", "'[]]'", "'['", "']'", "'a[b'", "'a]b'",
  // GUIDs, good and bad
  "'6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b'", "'{6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b}'", "'6a3b8f2e1c4d4e5f9a0b1c2d3e4f5a6b'",
  "'6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6'", "'6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6bb'", "'6a3b8f2g-1c4d-4e5f-9a0b-1c2d3e4f5a6b'",
  "' 6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b'", "'0fa1201d-4330-4fa8-8ae9-b877473b6441'",
  // nesting and layout
  '(', ')', '((', '))', '()', ' ', '', '\t', '\r\n', '\n', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\0', 'é', '\u{1F600}',
];

type Mutation = (tokens: string[], rnd: { pick: number; at: number }) => string[];

const MUTATIONS: readonly Mutation[] = [
  // drop a token
  (t, r) => t.filter((_, i) => i !== r.at % t.length),
  // duplicate a token
  (t, r) => t.flatMap((tok, i) => (i === r.at % t.length ? [tok, tok] : [tok])),
  // swap two neighbours
  (t, r) => { const i = r.at % t.length; const j = (i + 1) % t.length; const out = [...t]; [out[i], out[j]] = [t[j]!, t[i]!]; return out; },
  // replace a token
  (t, r) => t.map((tok, i) => (i === r.at % t.length ? ODD_TOKENS[r.pick % ODD_TOKENS.length]! : tok)),
  // insert a token
  (t, r) => { const i = r.at % (t.length + 1); return [...t.slice(0, i), ODD_TOKENS[r.pick % ODD_TOKENS.length]!, ...t.slice(i)]; },
  // change a token's case
  (t, r) => t.map((tok, i) => (i === r.at % t.length ? (r.pick % 2 ? tok.toUpperCase() : tok.toLowerCase()) : tok)),
  // take the whitespace out of a token, or double it
  (t, r) => t.map((tok, i) => (i === r.at % t.length ? (r.pick % 2 ? tok.replace(/\s+/g, '') : tok.replace(/\s/g, '  ')) : tok)),
  // break a token's quotes
  (t, r) => t.map((tok, i) => (i === r.at % t.length ? tok.replace(/'/, ['', '"', "''", '['][r.pick % 4]!) : tok)),
  // a character of a token replaced by an odd one
  (t, r) => t.map((tok, i) => {
    if (i !== r.at % t.length || tok.length === 0) return tok;
    const at = r.pick % tok.length;
    return tok.slice(0, at) + ODD_TOKENS[(r.pick >> 3) % ODD_TOKENS.length]!.charAt(0) + tok.slice(at + 1);
  }),
  // wrap the whole in parentheses (an OR inside them is not allowed)
  (t) => ['(', ...t, ')'],
];

function mutatedArb(catalog: readonly UpdateFacts[]): fc.Arbitrary<string> {
  const step = fc.record({ mutation: fc.nat(MUTATIONS.length - 1), pick: fc.nat(), at: fc.nat() });
  return fc.tuple(grammarTokensArb(catalog), fc.array(step, { minLength: 1, maxLength: 3 })).map(([tokens, steps]) =>
    wellFormed(steps.reduce((t, s) => (t.length ? MUTATIONS[s.mutation]!(t, s) : t), tokens).join('')));
}

/**
 * A lone surrogate (a mutation's cut through a pair) as U+FFFD: a BSTR could carry one, but the
 * batch program's input is JSON, which cannot.
 */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Strings nothing in particular shaped: any characters, or the language's characters in any order. */
const arbitraryArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.constantFrom(...ODD_TOKENS), { maxLength: 12 }).map((t) => t.join('')),
).map((text) => wellFormed(text));

// ---------------------------------------------------------------------------------------------
// The three readings.

interface Reading {
  /** `undefined`: the string was rejected. */
  matches: string[] | undefined;
  /** Set when the rejection was not the documented typed one. */
  untyped?: string;
}

function facadeVerdict(text: string): Reading & { accepted: boolean } {
  try {
    validateCriteria(text);
    return { accepted: true, matches: undefined };
  } catch (error) {
    if (error instanceof InvalidArgumentError && error.code === INVALID_CRITERIA_CODE) return { accepted: false, matches: undefined };
    return { accepted: false, matches: undefined, untyped: String(error) };
  }
}

interface SimulatorLine { ok?: boolean; matches?: string[]; position?: number; message?: string; error?: string; catalog?: number }

/** Runs the simulator's batch program once over every catalog and its strings. */
function simulatorReadings(batches: readonly { catalog: UpdateFacts[]; strings: string[] }[]): SimulatorLine[][] {
  const input = batches.flatMap(({ catalog, strings }) => [JSON.stringify({ catalog }), ...strings.map((criteria) => JSON.stringify({ criteria }))])
    .join('\n');
  const run = spawnSync(CRITERIA_BATCH_EXE, { input: `${input}\n`, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`criteria-batch.exe exited with ${run.status}: ${run.stderr}`);
  const lines = run.stdout.split(/\r?\n/).filter((line) => line.length > 0).map((line) => JSON.parse(line) as SimulatorLine);
  const expected = batches.reduce((n, b) => n + 1 + b.strings.length, 0);
  if (lines.length !== expected) throw new Error(`criteria-batch.exe answered ${lines.length} lines for ${expected}`);
  const out: SimulatorLine[][] = [];
  let at = 0;
  for (const batch of batches) {
    const header = lines[at++]!;
    if (header.catalog !== batch.catalog.length) throw new Error(`criteria-batch.exe read the catalog as ${JSON.stringify(header)}`);
    out.push(lines.slice(at, at + batch.strings.length));
    at += batch.strings.length;
  }
  return out;
}

/** The scenario a fake agent plays for a catalog, every fact the criteria see written out. */
export function scenarioOf(catalog: readonly UpdateFacts[]): Scenario {
  const categories = [...new Set(catalog.flatMap((u) => u.categoryIds))];
  return {
    name: 'criteria',
    categories: categories.map((id) => ({ id, name: `Category ${id.slice(0, 8)}`, type: 'UpdateClassification' })),
    updates: catalog.map((u) => ({
      id: u.id,
      title: `Update ${u.id.slice(0, 8)}`,
      type: u.type === 'Driver' ? 'driver' : 'software',
      deploymentAction: (u.deploymentAction.charAt(0).toLowerCase() + u.deploymentAction.slice(1)) as never,
      revision: u.revisionNumber,
      categories: u.categoryIds,
      isAssigned: u.isAssigned,
      browseOnly: u.browseOnly,
      autoSelectOnWebSites: u.autoSelectOnWebSites,
      state: { isInstalled: u.isInstalled, isHidden: u.isHidden, isPresent: u.isPresent, rebootRequired: u.rebootRequired },
    })),
  } as Scenario;
}

class FakeReader {
  readonly #agent: FakeAgent;
  readonly #session: UpdateSession;
  readonly #order: Map<string, number>;
  #operation = 0;

  constructor(catalog: readonly UpdateFacts[]) {
    this.#agent = FakeAgent.fromScenario(scenarioOf(catalog) as never);
    this.#session = new UpdateSession({ agent: this.#agent });
    this.#order = new Map(catalog.map((u, i) => [u.id, i]));
  }

  /** The fake's own verdict: its search as the addon would call it, with no facade in front. */
  async verdict(text: string): Promise<Reading & { accepted: boolean }> {
    const native = (this.#agent as unknown as { openSession(o: object): { search(...a: unknown[]): Promise<string>; close(): Promise<void> } })
      .openSession({});
    try {
      await native.search(++this.#operation, text, { includePotentiallySupersededUpdates: true }, () => {});
      return { accepted: true, matches: undefined };
    } catch (error) {
      if (error instanceof InvalidArgumentError && error.code === INVALID_CRITERIA_CODE) return { accepted: false, matches: undefined };
      if ((error as { hresult?: number }).hresult === 0x80240032) return { accepted: false, matches: undefined };
      return { accepted: false, matches: undefined, untyped: String(error) };
    } finally {
      await native.close();
    }
  }

  async matches(text: string): Promise<string[]> {
    const result = await this.#session.search(text, { includePotentiallySupersededUpdates: true });
    return result.updates.map((u) => u.identity.updateId).sort((a, b) => this.#order.get(a)! - this.#order.get(b)!);
  }

  close(): Promise<void> {
    return this.#session.close();
  }
}

// ---------------------------------------------------------------------------------------------

type Source = 'builder' | 'grammar' | 'mutated' | 'arbitrary';

interface Case {
  source: Source;
  text: string;
  /** For a builder string: the typed criteria it was built from. */
  typed?: CriteriaGroup[];
}

function casesFor(catalog: readonly UpdateFacts[], count: number, seed: number): Case[] {
  const builder = fc.array(groupArb(catalog), { minLength: 1, maxLength: 3 })
    .map((typed): Case => ({ source: 'builder', typed, text: criteriaText(typed) }));
  const arb = fc.oneof(
    { weight: 35, arbitrary: builder },
    { weight: 15, arbitrary: grammarTokensArb(catalog).map((t): Case => ({ source: 'grammar', text: t.join('') })) },
    { weight: 40, arbitrary: mutatedArb(catalog).map((text): Case => ({ source: 'mutated', text })) },
    { weight: 10, arbitrary: arbitraryArb.map((text): Case => ({ source: 'arbitrary', text })) },
  );
  return fc.sample(arb, { numRuns: count, seed });
}

const same = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Generates criteria strings (from the builder, the grammar, mutations of the grammar's strings
 * and arbitrary text) over generated catalogs and compares the three implementations' verdicts
 * and selections. `WUA_STRESS_SEED` replays a run; every problem names its string and the seed.
 */
export async function runCriteria(level: StressLevel): Promise<StressFigures> {
  const seed = process.env.WUA_STRESS_SEED ? Number(process.env.WUA_STRESS_SEED) : Date.now() % 0x7fffffff;
  const total = STRINGS[level];
  const catalogs = fc.sample(catalogArb, { numRuns: Math.ceil(total / PER_CATALOG), seed });
  const batches = catalogs.map((catalog, i) => ({ catalog, cases: casesFor(catalog, Math.min(PER_CATALOG, total - i * PER_CATALOG), seed + i + 1) }));
  const simulator = simulatorReadings(batches.map(({ catalog, cases }) => ({ catalog, strings: cases.map((c) => c.text) })));

  const counts = { builder: 0, grammar: 0, mutated: 0, arbitrary: 0, accepted: 0, rejected: 0 };
  const pairs = {
    verdictFacadeSimulator: 0, verdictFacadeFake: 0, verdictSimulatorFake: 0,
    selectionSimulatorFake: 0, selectionSimulatorTyped: 0, selectionFakeTyped: 0, builderRejected: 0, untyped: 0,
  };
  const problems: string[] = [];
  const report = (kind: keyof typeof pairs, c: Case, detail: string): void => {
    pairs[kind]++;
    if (problems.length < 50) problems.push(`${kind}: ${JSON.stringify(c.text)} (${c.source}, seed ${seed}): ${detail}`);
  };

  for (const [b, { catalog, cases }] of batches.entries()) {
    const fake = new FakeReader(catalog);
    try {
      for (const [i, c] of cases.entries()) {
        counts[c.source]++;
        const sim = simulator[b]![i]!;
        if (sim.error !== undefined) throw new Error(`criteria-batch.exe could not read ${JSON.stringify(c.text)}: ${sim.error}`);
        const facade = facadeVerdict(c.text);
        const fakeVerdict = await fake.verdict(c.text);
        if (facade.untyped) report('untyped', c, `the facade threw ${facade.untyped}`);
        if (fakeVerdict.untyped) report('untyped', c, `the fake threw ${fakeVerdict.untyped}`);
        const simAccepted = sim.ok === true;
        const simSays = simAccepted ? 'accepts' : `rejects (${sim.message} at ${sim.position})`;
        if (facade.accepted !== simAccepted) report('verdictFacadeSimulator', c, `the facade ${facade.accepted ? 'accepts' : 'rejects'}, the simulator ${simSays}`);
        if (facade.accepted !== fakeVerdict.accepted) report('verdictFacadeFake', c, `the facade ${facade.accepted ? 'accepts' : 'rejects'}, the fake ${fakeVerdict.accepted ? 'accepts' : 'rejects'}`);
        if (simAccepted !== fakeVerdict.accepted) report('verdictSimulatorFake', c, `the simulator ${simSays}, the fake ${fakeVerdict.accepted ? 'accepts' : 'rejects'}`);
        if (c.source === 'builder' && !simAccepted) report('builderRejected', c, `the simulator ${simSays}`);
        if (simAccepted && facade.accepted) counts.accepted++;
        else counts.rejected++;

        const typed = c.typed ? catalog.filter((u) => c.typed!.some((g) => groupMatches(g, u))).map((u) => u.id) : undefined;
        const fakeMatches = facade.accepted ? await fake.matches(c.text) : undefined;
        if (simAccepted && fakeMatches && !same(sim.matches, fakeMatches)) {
          report('selectionSimulatorFake', c, `the simulator selects ${JSON.stringify(sim.matches)}, the fake ${JSON.stringify(fakeMatches)}`);
        }
        if (typed && simAccepted && !same(sim.matches, typed)) {
          report('selectionSimulatorTyped', c, `the simulator selects ${JSON.stringify(sim.matches)}, the typed criteria ${JSON.stringify(typed)}`);
        }
        if (typed && fakeMatches && !same(fakeMatches, typed)) {
          report('selectionFakeTyped', c, `the fake selects ${JSON.stringify(fakeMatches)}, the typed criteria ${JSON.stringify(typed)}`);
        }
      }
    } finally {
      await fake.close();
    }
  }

  const stringsGenerated = counts.builder + counts.grammar + counts.mutated + counts.arbitrary;
  const disagreements = Object.values(pairs).reduce((n, v) => n + v, 0);
  const figures = {
    stringsGenerated, builderStrings: counts.builder, grammarStrings: counts.grammar, mutatedStrings: counts.mutated,
    arbitraryStrings: counts.arbitrary, accepted: counts.accepted, rejected: counts.rejected, catalogs: batches.length, seed,
    disagreements, ...pairs,
  };
  return {
    part: 'criteria',
    level,
    figures,
    rows: [
      ['criteria strings generated', String(stringsGenerated)],
      ['  from the builder / grammar / mutated / arbitrary', `${counts.builder} / ${counts.grammar} / ${counts.mutated} / ${counts.arbitrary}`],
      ['  accepted / rejected', `${counts.accepted} / ${counts.rejected}`],
      ['  verdict disagreements facade-sim / facade-fake / sim-fake',
        `${pairs.verdictFacadeSimulator} / ${pairs.verdictFacadeFake} / ${pairs.verdictSimulatorFake}`],
      ['  selection disagreements sim-fake / sim-typed / fake-typed',
        `${pairs.selectionSimulatorFake} / ${pairs.selectionSimulatorTyped} / ${pairs.selectionFakeTyped}`],
      ['  builder strings rejected, untyped errors', `${pairs.builderRejected}, ${pairs.untyped}`],
    ],
    problems,
  };
}
