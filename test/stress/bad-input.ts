// Bad input everywhere: generated values (wrong types, NaN, huge numbers, empty, very long and
// NUL-holding strings, bad GUIDs, objects with extra keys, proxies and getters that throw, mixed
// arrays, signals already aborted) for every argument and option of every public call, and for
// every flag of `wua`. Each must end in the documented typed error before anything reaches the
// agent: the simulator logs no call and its state file stays as it was. A getter or a proxy that
// throws gives the caller's own error back, unchanged, as Node's own APIs do with such options;
// a value a call takes (or one only the agent can judge, as a cab's path) is counted, not failed.
//
// The calls come from the code: UpdateSession.prototype's methods, lib/index.ts' and
// windows-update-agent/testing's exported functions, the option tables of lib/options.ts
// (OPTION_NAMES) and the commander program's own commands and options. A call or an option the
// plans below do not know fails the run, so that a new one is not left out unseen.
import { readFileSync } from 'node:fs';

import { Command, type Option } from 'commander';
import fc from 'fast-check';

import * as api from '../../lib/index.js';
import { runCli } from '../../lib/cli/program.js';
import { OPTION_NAMES } from '../../lib/options.js';
import * as testing from '../../lib/testing/index.js';
import { jsonOf, wua } from '../cli/spawn-wua.js';
import { calls, clearCalls, useScenario } from '../sim/harness.js';
import type { StressFigures, StressLevel } from './figures.js';

const { InvalidArgumentError, UpdateSession, isAbortError } = api;

/** Values per argument or option (facade), and CLI runs (each a process under Wine, ~1 s). */
const RUNS: Record<StressLevel, { perSlot: number; cli: number }> = { quick: { perSlot: 6, cli: 8 }, full: { perSlot: 60, cli: 80 } };

/** What a throwing getter or proxy throws: the caller's own error, which must come back as it is. */
class CallerError extends Error {}
const CALLER_ERROR = new CallerError('thrown by the caller\'s getter');

const proxies = new WeakSet<object>();
const throwingProxy = (): object => remember(new Proxy({}, {
  get: () => { throw CALLER_ERROR; },
  ownKeys: () => { throw CALLER_ERROR; },
  has: () => { throw CALLER_ERROR; },
  getOwnPropertyDescriptor: () => { throw CALLER_ERROR; },
  getPrototypeOf: () => { throw CALLER_ERROR; },
}));

function remember(proxy: object): object {
  proxies.add(proxy);
  return proxy;
}

const BAD_GUIDS = [
  '', 'not-a-guid', '{6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b}', '6a3b8f2e1c4d4e5f9a0b1c2d3e4f5a6b', '6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6',
  '6a3b8f2g-1c4d-4e5f-9a0b-1c2d3e4f5a6b', ' 6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b', '6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b\0',
];

/**
 * Values no argument or option of the package takes (a few may be valid for one: those count as
 * accepted), each made when it is used: fast-check looks into the values it generates, and a
 * throwing proxy would throw in fast-check itself.
 */
const badValueArb: fc.Arbitrary<() => unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, -0, NaN, Infinity, -Infinity, 2 ** 53, 1e308, -(2 ** 31) - 1, 2 ** 32, 0.5,
    '', ' ', '\0', 'a\0b', 'x'.repeat(100_000), 'KB', 'KBabc', [], [1, 'a', null, {}], {}, { extra: 1 }, new Date(Number.NaN),
    10n, Symbol('bad'), ...BAD_GUIDS).map((value) => () => value),
  fc.constant(() => AbortSignal.abort()),
  fc.constant(throwingProxy),
  fc.string({ maxLength: 30 }).map((key) => () => Object.defineProperty({}, key || 'x', { enumerable: true, get: () => { throw CALLER_ERROR; } })),
  fc.constant(() => () => undefined),
  fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.array(fc.anything(), { maxLength: 4 }), fc.anything({ maxDepth: 2 }))
    .map((value) => () => value),
);

function containsAbortedSignal(value: unknown, depth = 0): boolean {
  if (depth > 2 || typeof value !== 'object' || value === null || isProxy(value)) return false;
  if (value instanceof AbortSignal) return value.aborted;
  try {
    return Object.values(value).some((inner) => containsAbortedSignal(inner, depth + 1));
  } catch {
    return false;
  }
}

function isProxy(value: object): boolean {
  return proxies.has(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}... (${value.length} chars)` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  if (typeof value === 'object' && value !== null && isProxy(value)) return 'a proxy that throws';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

type Outcome = 'typed' | 'callerError' | 'accepted' | 'agentRefused' | 'untyped';

/** The package's errors of the agent's side: a value the facade let through that the agent then refused. */
const AGENT_ERRORS = [api.WindowsUpdateError, api.PermissionError, api.SessionClosedError, api.AgentUnresponsiveError,
  api.HistoryChangedError, api.UnsupportedPlatformError, api.AddonLoadError];

/** Runs a call to its end: a promise, an operation or a stream (its first item) settles. */
async function settle(run: () => unknown): Promise<void> {
  const result = run();
  if (result && typeof result === 'object' && Symbol.asyncIterator in result && !('then' in result)) {
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    try {
      await iterator.next();
    } finally {
      await iterator.return?.();
    }
    return;
  }
  await result;
}

async function outcomeOf(value: unknown, run: () => unknown): Promise<{ outcome: Outcome; error?: unknown }> {
  try {
    await settle(run);
    return { outcome: 'accepted' };
  } catch (error) {
    if (error instanceof InvalidArgumentError) return { outcome: 'typed', error };
    if (error instanceof testing.ScenarioError) return { outcome: 'typed', error };
    if (isAbortError(error) && containsAbortedSignal(value)) return { outcome: 'typed', error };
    if (error === CALLER_ERROR) return { outcome: 'callerError', error };
    if (AGENT_ERRORS.some((type) => error instanceof type)) return { outcome: 'agentRefused', error };
    return { outcome: 'untyped', error };
  }
}

// ---------------------------------------------------------------------------------------------
// The facade's calls.

interface Context {
  updateId: string;
  installedId: string;
}

/** A valid call of each UpdateSession method: the bad value replaces one argument or option at a time. */
const SESSION_CALLS: Record<string, (c: Context) => unknown[]> = {
  describe: () => [],
  search: () => ['', {}],
  searchStream: () => ['', {}],
  download: (c) => [c.updateId, {}],
  install: (c) => [c.updateId, {}],
  uninstall: (c) => [c.installedId, {}],
  plan: (c) => ['install', c.updateId, {}],
  status: () => [],
  agentInfo: () => [],
  preflight: () => [{}],
  hide: (c) => [c.updateId],
  unhide: (c) => [c.updateId],
  acceptEulas: (c) => [c.updateId],
  history: () => [{}],
  historyCount: () => [],
  historyOf: (c) => [c.updateId, {}],
  close: () => [],
  automaticUpdates: () => [],
  detectNow: () => [],
  enableAutomaticUpdatesService: () => [],
  toJSON: () => [],
  services: () => [],
  addService: () => [api.MICROSOFT_UPDATE_SERVICE_ID, {}],
  enableMicrosoftUpdate: () => [{}],
  removeService: () => [api.MICROSOFT_UPDATE_SERVICE_ID],
  registerServiceWithAU: () => [api.MICROSOFT_UPDATE_SERVICE_ID],
  unregisterServiceWithAU: () => [api.MICROSOFT_UPDATE_SERVICE_ID],
  serviceRegistration: () => [api.MICROSOFT_UPDATE_SERVICE_ID],
  scanOffline: () => ['C:\\wsusscn2.cab', '', {}],
};

/** Where a method's options table is, when it is not the method's own name. */
const OPTIONS_OF: Record<string, (args: readonly unknown[]) => string> = { plan: (args) => String(args[0]) };

/** The exported functions, each with a valid call; the bad value replaces one argument at a time. */
const FUNCTION_CALLS: Record<string, () => unknown[]> = {
  isSupported: () => [],
  supportStatus: () => [],
  describeHresult: () => [0x80240024],
  hresultHex: () => [0x80240024],
  criteria: () => [{ isInstalled: false }],
  criteriaText: () => [{ isInstalled: false }],
  escapeCriteriaValue: () => ["it's"],
  parseCriteria: () => ['IsInstalled=0'],
  validateCriteria: () => ['IsInstalled=0'],
  projectRecord: () => [{ identity: { updateId: '6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b', revisionNumber: 1 }, title: 'x' }, ['title']],
  installFakeAgent: () => [testing.FakeAgent.fromScenario({ name: 'empty' } as never)],
  restore: () => [],
  isFakeAgentInstalled: () => [],
  'FakeAgent.fromScenario': () => [{ name: 'empty' }],
};

/**
 * Exported functions left out, and why: each takes any value by design, or acts on the machine
 * outside the agent (a service, files) where bad input is the broker's own tests' matter.
 */
const NOT_TRIED: Record<string, string> = {
  isAbortError: 'a predicate over any value',
  installBroker: "installs a Windows service (the broker's tests check its options)",
  uninstallBroker: 'removes a Windows service; takes no input',
  brokerStatus: "queries the service manager (the broker's tests check its options)",
  exportScenario: 'takes a session; its search is search()',
  preflightReport: 'reads facts the package gathered, not caller input',
  gatherOperationLogs: "reads the machine's log files (its options are checked by test/core/operation-logs.test.ts)",
};

function exportedFunctions(): Record<string, (...args: unknown[]) => unknown> {
  const isClass = (fn: unknown): boolean => typeof fn === 'function' && /^class\b/.test(Function.prototype.toString.call(fn));
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, value] of [...Object.entries(api), ...Object.entries(testing)]) {
    if (typeof value === 'function' && !isClass(value)) out[name] = value as (...args: unknown[]) => unknown;
  }
  out['FakeAgent.fromScenario'] = (...args: unknown[]) => testing.FakeAgent.fromScenario(args[0] as never);
  return out;
}

interface Slot {
  call: string;
  argument: string;
  run(value: unknown): Promise<{ outcome: Outcome; error?: unknown }>;
}

function withOption(options: unknown, key: string, value: unknown): unknown {
  return { ...(options as object), [key]: value };
}

function sessionSlots(session: InstanceType<typeof UpdateSession>, context: Context, problems: string[]): Slot[] {
  const slots: Slot[] = [];
  const methods = Object.getOwnPropertyNames(UpdateSession.prototype)
    .filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(UpdateSession.prototype, name)?.value === 'function');
  for (const method of methods) {
    const plan = SESSION_CALLS[method];
    if (!plan) {
      problems.push(`UpdateSession.${method}: no plan for its arguments (add one to SESSION_CALLS)`);
      continue;
    }
    if (method === 'close') continue;  // takes nothing, and would close the session the others use
    const args = plan(context);
    const call = (given: unknown[]) => () => (session as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...given);
    args.forEach((_, index) => {
      slots.push({
        call: `UpdateSession.${method}`, argument: `argument ${index}`,
        run: (value) => outcomeOf(value, call(args.map((arg, i) => (i === index ? value : arg)))),
      });
    });
    const optionsAt = args.findIndex((arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    const table = OPTION_NAMES[OPTIONS_OF[method]?.(args) ?? method];
    if (optionsAt < 0) continue;
    if (!table) {
      problems.push(`UpdateSession.${method}: takes options, but lib/options.ts' OPTION_NAMES has no table for it`);
      continue;
    }
    for (const key of [...table, 'notAnOption']) {
      slots.push({
        call: `UpdateSession.${method}`, argument: `options.${key}`,
        run: (value) => outcomeOf(value, call(args.map((arg, i) => (i === optionsAt ? withOption(arg, key, value) : arg)))),
      });
    }
  }
  for (const key of [...(OPTION_NAMES['UpdateSession'] ?? []), 'notAnOption']) {
    slots.push({
      call: 'new UpdateSession', argument: `options.${key}`,
      run: (value) => outcomeOf(value, () => { void new UpdateSession({ [key]: value } as never); }),
    });
  }
  slots.push({ call: 'new UpdateSession', argument: 'options', run: (value) => outcomeOf(value, () => { void new UpdateSession(value as never); }) });
  return slots;
}

function functionSlots(problems: string[]): { slots: Slot[]; notTried: string[] } {
  const slots: Slot[] = [];
  const notTried: string[] = [];
  for (const [name, fn] of Object.entries(exportedFunctions())) {
    if (NOT_TRIED[name]) {
      notTried.push(name);
      continue;
    }
    const plan = FUNCTION_CALLS[name];
    if (!plan) {
      problems.push(`${name}: an exported function with no plan for its arguments (add one to FUNCTION_CALLS or NOT_TRIED)`);
      continue;
    }
    plan().forEach((_, index) => {
      slots.push({
        call: name, argument: `argument ${index}`,
        run: (value) => { const args = plan(); args[index] = value; return outcomeOf(value, () => fn(...args)); },
      });
    });
  }
  testing.restore();
  return { slots, notTried };
}

// ---------------------------------------------------------------------------------------------
// The command line.

interface CliSlot {
  command: string[];
  flag: string;
  values: fc.Arbitrary<string>;
  /** Arguments that make the command valid without the flag. */
  base: string[];
  /** Whether the flag refuses values itself (choices, a parser, no value at all): then only a usage error will do. */
  strict: boolean;
  option?: Option;
}

/** Whether commander's own check of the flag (its choices, its parser) takes `value`. */
function flagTakes(option: Option | undefined, value: string): boolean {
  if (!option) return false;
  if (option.argChoices) return option.argChoices.includes(value);
  try {
    option.parseArg?.(value, undefined);
    return true;
  } catch {
    return false;
  }
}

/** The commander program runCli builds, read without running a command. */
async function cliProgram(): Promise<Command> {
  const built: Command[] = [];
  const original = Command.prototype.parseAsync;
  Command.prototype.parseAsync = function capture(this: Command) {
    built.push(this);
    return Promise.resolve(this);
  };
  try {
    await runCli([]);
  } finally {
    Command.prototype.parseAsync = original;
  }
  const [program] = built;
  if (!program) throw new Error('runCli built no commander program');
  return program;
}

/**
 * Positional arguments that make a command valid, by its path; a command with required ones not
 * here is not tried (the broker's job commands: a job ID names the broker's work, not the agent's).
 */
const CLI_BASE: Record<string, string[]> = {
  show: ['KB5068781'],
  'services remove': [api.MICROSOFT_UPDATE_SERVICE_ID],
  'services register': [api.MICROSOFT_UPDATE_SERVICE_ID],
  'services unregister': [api.MICROSOFT_UPDATE_SERVICE_ID],
  'services registration': [api.MICROSOFT_UPDATE_SERVICE_ID],
  'services register-au': [api.MICROSOFT_UPDATE_SERVICE_ID],
  'services unregister-au': [api.MICROSOFT_UPDATE_SERVICE_ID],
};

const BAD_FLAG_VALUES = fc.oneof(
  fc.constantFrom('', ' ', '-1', '0', 'NaN', 'Infinity', '1e999', '99999999999999999999', 'abc', 'KBabc', '{not-a-guid}', 'x'.repeat(5000),
    ...BAD_GUIDS.filter((g) => !g.includes('\0'))),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\0') && !s.startsWith('-')),
);

function cliSlots(program: Command): { slots: CliSlot[]; skipped: string[] } {
  const slots: CliSlot[] = [];
  const skipped: string[] = [];
  const visit = (command: Command, path: string[]): void => {
    if (command.commands.length) {
      for (const sub of command.commands) visit(sub, [...path, sub.name()]);
      return;
    }
    const key = path.join(' ');
    const required = command.registeredArguments.filter((a) => a.required);
    const base = CLI_BASE[key] ?? [];
    if (required.length > base.length) {
      skipped.push(key);
      return;
    }
    const options: readonly Option[] = [...command.options, ...program.options];
    for (const option of options) {
      const flag = option.long ?? option.short ?? '';
      if (!flag || flag === '--help' || flag === '--version' || flag === '--json' || flag === '--progress') continue;
      if (option.required || option.optional) {
        // Values it takes: choices outside its list, a parser's refusals, or a format's.
        slots.push({ command: path, flag, base, values: BAD_FLAG_VALUES, strict: Boolean(option.argChoices || option.parseArg), option });
      } else {
        // A switch given a value.
        slots.push({ command: path, flag: `${flag}=yes`, base, values: fc.constant(''), strict: true });
      }
    }
    slots.push({ command: path, flag: '--not-a-flag', base, values: fc.constant(''), strict: true });
  };
  visit(program, []);
  return { slots, skipped };
}

// ---------------------------------------------------------------------------------------------

/**
 * Puts generated bad values to every argument and option of the facade and to `wua`'s flags.
 * `WUA_STRESS_SEED` replays a run; every problem names the call, the argument, the value and the seed.
 */
export async function runBadInput(level: StressLevel): Promise<StressFigures> {
  const seed = process.env.WUA_STRESS_SEED ? Number(process.env.WUA_STRESS_SEED) : Date.now() % 0x7fffffff;
  const problems: string[] = [];
  const counts = {
    facade: 0, cli: 0, typedRejections: 0, callerErrors: 0, accepted: 0, agentRefused: 0, reachedAgent: 0, untyped: 0, stateChanged: 0,
  };
  const problem = (line: string): void => { if (problems.length < 60) problems.push(`${line} (seed ${seed})`); };

  const scenario = useScenario('basic');
  const stateNow = (): string => { try { return readFileSync(scenario.stateFile, 'utf8'); } catch { return ''; } };
  const session = new UpdateSession();
  try {
    const { updates } = await session.search('DeploymentAction=*', { includePotentiallySupersededUpdates: true });
    const notInstalled = updates.find((u) => !u.isInstalled && !u.isHidden) ?? updates[0]!;
    const installed = updates.find((u) => u.isInstalled) ?? updates[0]!;
    const context: Context = { updateId: notInstalled.identity.updateId, installedId: installed.identity.updateId };
    const slots = [...sessionSlots(session, context, problems), ...functionSlots(problems).slots];
    const values = fc.sample(badValueArb, { numRuns: RUNS[level].perSlot * slots.length, seed });
    for (const [s, slot] of slots.entries()) {
      for (let n = 0; n < RUNS[level].perSlot; n++) {
        const value = values[s * RUNS[level].perSlot + n]!();
        const before = stateNow();
        clearCalls();
        const { outcome, error } = await slot.run(value);
        counts.facade++;
        const what = `${slot.call} ${slot.argument} = ${show(value)}`;
        if (outcome === 'accepted' || outcome === 'agentRefused') {
          // The value is one the call takes (or one only the agent can judge, as a cab's path).
          if (outcome === 'accepted') counts.accepted++;
          else counts.agentRefused++;
          continue;
        }
        if (outcome === 'untyped') {
          counts.untyped++;
          problem(`${what}: threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : show(error)}`);
          continue;
        }
        if (outcome === 'typed') counts.typedRejections++;
        else counts.callerErrors++;
        const reached = calls();
        if (reached.length) {
          counts.reachedAgent++;
          problem(`${what}: rejected, but the agent was called first: ${reached.join(', ')}`);
        }
        if (stateNow() !== before) {
          counts.stateChanged++;
          problem(`${what}: rejected, but the machine's state changed`);
        }
      }
    }
  } finally {
    await session.close();
  }

  // The command line: a few processes, each a bad value for one flag of one command.
  const program = await cliProgram();
  const { slots: cli, skipped } = cliSlots(program);
  const picks = fc.sample(fc.tuple(fc.nat(cli.length - 1), fc.nat()), { numRuns: RUNS[level].cli, seed });
  for (const [index, salt] of picks) {
    const slot = cli[index]!;
    const value = fc.sample(slot.values, { numRuns: 1, seed: seed + salt })[0]!;
    const argv = slot.flag.includes('=') || slot.flag === '--not-a-flag'
      ? [...slot.command, ...slot.base, slot.flag, '--json'] : [...slot.command, ...slot.base, slot.flag, value, '--json'];
    const before = stateNow();
    const run = wua(...argv);
    counts.cli++;
    const what = `wua ${argv.map((a) => (/[\s'"]|^$/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
    let document: { exitCode?: number; error?: { code?: string; message?: string } } | undefined;
    try {
      document = jsonOf(run);
    } catch {
      counts.untyped++;
      problem(`${what}: exit ${run.status} without one JSON document: ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`);
      continue;
    }
    if (typeof document?.exitCode !== 'number' || document.exitCode !== run.status) {
      counts.untyped++;
      problem(`${what}: exit ${run.status}, but the document says ${JSON.stringify(document?.exitCode)}`);
      continue;
    }
    if (run.status !== 2 && (!slot.strict || flagTakes(slot.option, value))) {
      // A free-form value (a client ID, a path) the command took: what followed is the command's.
      counts.accepted++;
      continue;
    }
    if (run.status !== 2 || !document.error) {
      counts.untyped++;
      problem(`${what}: exit ${run.status}, document ${JSON.stringify(document).slice(0, 300)}; a usage error (2) was expected`);
      continue;
    }
    counts.typedRejections++;
    if (stateNow() !== before) {
      counts.stateChanged++;
      problem(`${what}: rejected, but the machine's state changed`);
    }
  }

  const inputsTried = counts.facade + counts.cli;
  return {
    part: 'bad-input',
    level,
    figures: {
      inputsTried, facadeInputs: counts.facade, cliInputs: counts.cli, typedRejections: counts.typedRejections,
      callerErrors: counts.callerErrors, acceptedAsValid: counts.accepted, refusedByAgent: counts.agentRefused, reachedAgent: counts.reachedAgent, untyped: counts.untyped,
      stateChanged: counts.stateChanged, cliCommandsSkipped: skipped.length, seed,
    },
    rows: [
      ['bad inputs tried (facade / CLI)', `${inputsTried} (${counts.facade} / ${counts.cli})`],
      ['  typed rejections', String(counts.typedRejections)],
      ["  the caller's own error back (a throwing getter)", String(counts.callerErrors)],
      ['  accepted (the value was valid there) / refused by the agent', `${counts.accepted} / ${counts.agentRefused}`],
      ['  reached the agent / changed the state / untyped', `${counts.reachedAgent} / ${counts.stateChanged} / ${counts.untyped}`],
      ['  functions not tried', Object.keys(NOT_TRIED).join(', ')],
      ...(skipped.length ? [['  commands not tried (a required argument without a plan)', skipped.join(', ')] as [string, string]] : []),
    ],
    problems,
  };
}
