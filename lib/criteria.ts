// The search-criteria language of IUpdateSearcher::Search, checked here so that a malformed string
// fails with a message naming the position and the problem, instead of the agent's bare
// WU_E_INVALID_CRITERIA after a round trip through COM.
import { InvalidArgumentError } from './errors.js';
import { isGuid } from './ids.js';

/** The `code` of every InvalidArgumentError thrown by {@link validateCriteria}. */
export const INVALID_CRITERIA_CODE = 'ERR_WUA_INVALID_CRITERIA';

/**
 * The well-known update classifications, by name. Each is a category GUID usable as
 * `CategoryIDs contains '...'`, and each name is accepted in {@link CriteriaGroup.categoryIds}.
 */
export const ClassificationCategory = Object.freeze({
  critical: 'e6cf1350-c01b-414d-a61f-263d14d133b4',
  security: '0fa1201d-4330-4fa8-8ae9-b877473b6441',
  definition: 'e0789628-ce08-4437-be74-2495b842f43b',
  drivers: 'ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0',
  featurePacks: 'b54e7d24-7add-428f-8b75-90a396fa584f',
  servicePacks: '68c5b0a3-d1a6-4553-ae49-01d3a7827828',
  tools: 'b4832bd8-e735-4761-8daf-37f882276dab',
  updateRollups: '28bc880e-0592-4cbf-8f95-c79b17911d5f',
  updates: 'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83',
  upgrades: '3689bdc8-b205-4af4-8d4a-a63924c5e9d5',
  guidance: '9511d615-35b2-47bb-927f-f73d8e9260bb',
} as const);

/** A name of {@link ClassificationCategory}, e.g. `'security'`. */
export type ClassificationCategoryName = keyof typeof ClassificationCategory;

/**
 * One AND group of the criteria: every property present must match. Absent (or `undefined`)
 * properties do not constrain the search. An empty group stands for the agent's default,
 * `IsInstalled=0 and IsHidden=0`.
 */
export interface CriteriaGroup {
  /** `Type='Software'` / `Type='Driver'`; `{ not: 'driver' }` gives `Type!='Driver'`. */
  type?: 'software' | 'driver' | { not: 'software' | 'driver' };
  /** `DeploymentAction='Installation'` etc.; `'any'` gives `DeploymentAction=*`. */
  deploymentAction?: 'installation' | 'uninstallation' | 'optionalInstallation' | 'detection' | 'any';
  /** `IsAssigned=1|0`: whether the update is intended for automatic updates. */
  isAssigned?: boolean;
  /** `BrowseOnly=1|0`: whether the update is optional (offered for browsing only). */
  browseOnly?: boolean;
  /** `AutoSelectOnWebSites=1|0`. */
  autoSelectOnWebSites?: boolean;
  /** `IsInstalled=1|0`. */
  isInstalled?: boolean;
  /** `IsHidden=1|0`. */
  isHidden?: boolean;
  /** `IsPresent=1|0`: installed for at least one product or user. */
  isPresent?: boolean;
  /** `RebootRequired=1|0`. */
  rebootRequired?: boolean;
  /** `UpdateID='<guid>'`; `{ not: guid }` gives `UpdateID!='<guid>'`. */
  updateId?: string | { not: string };
  /** `RevisionNumber=<n>`; the agent accepts it only next to a positive `updateId`. */
  revisionNumber?: number;
  /**
   * One `CategoryIDs contains '<guid>'` per entry, all of which must match. An entry is a GUID
   * or a {@link ClassificationCategoryName}.
   */
  categoryIds?: readonly (ClassificationCategoryName | (string & {}))[];
}

/** A raw criteria string, one AND group, or an OR of AND groups. */
export type Criteria = string | CriteriaGroup | readonly CriteriaGroup[];

// ---------------------------------------------------------------------------------------------
// The language's property table, shared by the builder (output spelling) and the parser.

type Operator = '=' | '!=' | 'contains';
type ValueKind = 'type' | 'deploymentAction' | 'flag' | 'guid' | 'integer';

interface PropertySpec {
  /** The agent's spelling, used in output and messages. */
  readonly name: string;
  readonly operators: readonly Operator[];
  readonly value: ValueKind;
}

const PROPERTY_LIST: readonly PropertySpec[] = [
  { name: 'Type', operators: ['=', '!='], value: 'type' },
  { name: 'DeploymentAction', operators: ['='], value: 'deploymentAction' },
  { name: 'IsAssigned', operators: ['='], value: 'flag' },
  { name: 'BrowseOnly', operators: ['='], value: 'flag' },
  { name: 'AutoSelectOnWebSites', operators: ['='], value: 'flag' },
  { name: 'IsInstalled', operators: ['='], value: 'flag' },
  { name: 'IsHidden', operators: ['='], value: 'flag' },
  { name: 'IsPresent', operators: ['='], value: 'flag' },
  { name: 'RebootRequired', operators: ['='], value: 'flag' },
  { name: 'UpdateID', operators: ['=', '!='], value: 'guid' },
  { name: 'RevisionNumber', operators: ['='], value: 'integer' },
  { name: 'CategoryIDs', operators: ['contains'], value: 'guid' },
];

// The agent matches names and keywords case-insensitively.
const PROPERTIES = new Map(PROPERTY_LIST.map((spec) => [spec.name.toLowerCase(), spec]));

const TYPE_VALUES = new Map([['software', 'Software'], ['driver', 'Driver']]);
const DEPLOYMENT_ACTIONS = new Map([
  ['installation', 'Installation'],
  ['uninstallation', 'Uninstallation'],
  ['optionalinstallation', 'OptionalInstallation'],
  ['detection', 'Detection'],
]);

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** What the agent searches for when given an empty string. */
const DEFAULT_GROUP_TEXT = 'IsInstalled=0 and IsHidden=0';

/**
 * Escapes a value for use between single quotes in a criteria string, as
 * IUpdateSearcher::EscapeString does: `'` becomes `[']`, `[` becomes `[[]`, `]` becomes `[]]`.
 * The result is not quoted.
 */
export function escapeCriteriaValue(raw: string): string {
  if (typeof raw !== 'string') {
    throw new InvalidArgumentError('raw', `must be a string, got ${describeType(raw)}`, 'ERR_INVALID_ARG_TYPE');
  }
  // One pass, so the brackets an escape introduces are never escaped again.
  return raw.replace(/['[\]]/g, (ch) => `[${ch}]`);
}

// ---------------------------------------------------------------------------------------------
// The builder.

type FlagKey = 'isAssigned' | 'browseOnly' | 'autoSelectOnWebSites' | 'isInstalled' | 'isHidden' | 'isPresent' | 'rebootRequired';

const FLAG_PROPERTIES: readonly (readonly [FlagKey, string])[] = [
  ['isAssigned', 'IsAssigned'],
  ['browseOnly', 'BrowseOnly'],
  ['autoSelectOnWebSites', 'AutoSelectOnWebSites'],
  ['isInstalled', 'IsInstalled'],
  ['isHidden', 'IsHidden'],
  ['isPresent', 'IsPresent'],
  ['rebootRequired', 'RebootRequired'],
];

/** Every key of CriteriaGroup, in the order their criteria appear in the output. */
const GROUP_KEYS: readonly (keyof CriteriaGroup)[] = [
  'type', 'deploymentAction', ...FLAG_PROPERTIES.map(([key]) => key), 'updateId', 'revisionNumber', 'categoryIds',
];
const GROUP_KEY_SET: ReadonlySet<string> = new Set(GROUP_KEYS);

/**
 * The exact criteria string for `criteria`.
 *
 * - A string is checked with {@link validateCriteria} and returned unchanged.
 * - A {@link CriteriaGroup} becomes its criteria joined by ` and `, in a fixed order (the order of
 *   the interface's properties), booleans as `0`/`1`, GUIDs lower-cased. `{}` becomes the
 *   agent's default, `IsInstalled=0 and IsHidden=0`.
 * - An array of groups becomes their OR; with more than one group each is parenthesised.
 *
 * @throws InvalidArgumentError naming the offending path (e.g. `criteria[1].isHidden`).
 */
export function criteriaText(criteria: Criteria): string {
  if (typeof criteria === 'string') {
    validateCriteria(criteria);
    return criteria;
  }
  if (Array.isArray(criteria)) {
    const groups: readonly unknown[] = criteria;
    if (groups.length === 0) {
      throw new InvalidArgumentError('criteria', 'must hold at least one group: an empty OR matches nothing');
    }
    const texts = groups.map((group, index) => groupText(group, `criteria[${index}]`));
    return texts.length === 1 ? texts[0] ?? '' : texts.map((text) => `(${text})`).join(' or ');
  }
  if (isRecord(criteria)) return groupText(criteria, 'criteria');
  throw new InvalidArgumentError('criteria',
    `must be a string, a criteria group or an array of groups, got ${describeType(criteria)}`, 'ERR_INVALID_ARG_TYPE');
}

/**
 * Shorthand for {@link criteriaText} over groups: one group gives its AND, several their OR,
 * none the agent's default (`IsInstalled=0 and IsHidden=0`).
 *
 * @example criteria({ isInstalled: false, categoryIds: ['security'] })
 *   // "IsInstalled=0 and CategoryIDs contains '0fa1201d-4330-4fa8-8ae9-b877473b6441'"
 */
export function criteria(...groups: CriteriaGroup[]): string {
  return criteriaText(groups.length === 0 ? {} : groups);
}

function groupText(group: unknown, path: string): string {
  if (!isRecord(group)) {
    throw new InvalidArgumentError(path, `must be a criteria group (an object), got ${describeType(group)}`, 'ERR_INVALID_ARG_TYPE');
  }
  for (const key of Object.keys(group)) {
    if (!GROUP_KEY_SET.has(key)) {
      throw new InvalidArgumentError(`${path}.${key}`, `is not a criteria property (known: ${GROUP_KEYS.join(', ')})`);
    }
  }
  const parts: string[] = [];

  const type = group['type'];
  if (type !== undefined) {
    const [negated, name] = negatable(type, `${path}.type`, (value, at) => pickWord(value, at, TYPE_VALUES, "'software' or 'driver'"));
    parts.push(`Type${negated ? '!=' : '='}'${name}'`);
  }

  const action = group['deploymentAction'];
  if (action !== undefined) {
    if (action === 'any') parts.push('DeploymentAction=*');
    else {
      const actions = "'installation', 'uninstallation', 'optionalInstallation', 'detection' or 'any'";
      parts.push(`DeploymentAction='${pickWord(action, `${path}.deploymentAction`, DEPLOYMENT_ACTIONS, actions)}'`);
    }
  }

  for (const [key, name] of FLAG_PROPERTIES) {
    const value = group[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') {
      throw new InvalidArgumentError(`${path}.${key}`, `must be a boolean, got ${describeType(value)}`, 'ERR_INVALID_ARG_TYPE');
    }
    parts.push(`${name}=${value ? 1 : 0}`);
  }

  const updateId = group['updateId'];
  let positiveUpdateId = false;
  if (updateId !== undefined) {
    const [negated, guid] = negatable(updateId, `${path}.updateId`, guidValue);
    positiveUpdateId = !negated;
    parts.push(`UpdateID${negated ? '!=' : '='}'${guid}'`);
  }

  const revision = group['revisionNumber'];
  if (revision !== undefined) {
    const at = `${path}.revisionNumber`;
    if (typeof revision !== 'number') {
      throw new InvalidArgumentError(at, `must be a number, got ${describeType(revision)}`, 'ERR_INVALID_ARG_TYPE');
    }
    if (!Number.isInteger(revision) || revision < 0 || revision > INT32_MAX) {
      throw new InvalidArgumentError(at, `must be an integer from 0 to ${INT32_MAX}, got ${revision}`);
    }
    // The agent only takes a revision as a refinement of one update's identity.
    if (!positiveUpdateId) {
      throw new InvalidArgumentError(at, `needs updateId in the same group (as a GUID, not { not: ... })`);
    }
    parts.push(`RevisionNumber=${revision}`);
  }

  const categories = group['categoryIds'];
  if (categories !== undefined) {
    const at = `${path}.categoryIds`;
    if (!Array.isArray(categories)) {
      throw new InvalidArgumentError(at, `must be an array of GUIDs or classification names, got ${describeType(categories)}`, 'ERR_INVALID_ARG_TYPE');
    }
    const entries: readonly unknown[] = categories;
    // An empty list is more likely an unfilled selection than a deliberate "no constraint".
    if (entries.length === 0) throw new InvalidArgumentError(at, 'must not be empty; leave it out to match every category');
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const guid = categoryValue(entry, `${at}[${index}]`);
      if (seen.has(guid)) return;
      seen.add(guid);
      parts.push(`CategoryIDs contains '${guid}'`);
    });
  }

  return parts.length === 0 ? DEFAULT_GROUP_TEXT : parts.join(' and ');
}

/** Unwraps `value` or `{ not: value }`, returning whether it was negated and the checked value. */
function negatable(value: unknown, path: string, check: (inner: unknown, at: string) => string): [boolean, string] {
  if (!isRecord(value)) return [false, check(value, path)];
  const keys = Object.keys(value);
  const extra = keys.find((key) => key !== 'not');
  if (extra !== undefined) throw new InvalidArgumentError(`${path}.${extra}`, 'is not allowed; the only key is not');
  if (!keys.includes('not')) throw new InvalidArgumentError(`${path}.not`, 'is missing');
  return [true, check(value['not'], `${path}.not`)];
}

function pickWord(value: unknown, path: string, words: ReadonlyMap<string, string>, expected: string): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(path, `must be ${expected}, got ${describeType(value)}`, 'ERR_INVALID_ARG_TYPE');
  }
  // The builder takes the documented camelCase spelling only, so typos surface instead of passing.
  const spelled = words.get(value.toLowerCase());
  if (spelled === undefined || value !== spelled.charAt(0).toLowerCase() + spelled.slice(1)) {
    throw new InvalidArgumentError(path, `must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return spelled;
}

function guidValue(value: unknown, path: string): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(path, `must be a GUID string, got ${describeType(value)}`, 'ERR_INVALID_ARG_TYPE');
  }
  if (!isGuid(value)) {
    throw new InvalidArgumentError(path, `must be a GUID (8-4-4-4-12 hex digits, no braces), got ${JSON.stringify(value)}`);
  }
  return value.toLowerCase();
}

function categoryValue(value: unknown, path: string): string {
  if (typeof value === 'string' && Object.hasOwn(ClassificationCategory, value)) {
    return ClassificationCategory[value as ClassificationCategoryName];
  }
  if (typeof value === 'string' && !isGuid(value)) {
    throw new InvalidArgumentError(path,
      `must be a GUID or a classification name (${Object.keys(ClassificationCategory).join(', ')}), got ${JSON.stringify(value)}`);
  }
  return guidValue(value, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

// ---------------------------------------------------------------------------------------------
// The parser.
//
// The grammar (MS-UAMG 3.38.4.11), with OR confined to the top level because parentheses may
// only wrap an AND group or a single criterion:
//   criteria  = andgroup *(WSP "or" WSP andgroup)
//   andgroup  = term *(WSP "and" WSP term)
//   term      = "(" andgroup ")" / criterion
//   criterion = propertyname operator value
//   value     = "'" escaped-string "'" / ["-"] 1*DIGIT / "*" (DeploymentAction only)

type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly pos: number }
  | { readonly kind: 'op'; readonly text: '=' | '!='; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'integer'; readonly text: string; readonly pos: number }
  | { readonly kind: '(' | ')' | '*' | 'end'; readonly pos: number };

interface ParsedCriterion {
  readonly spec: PropertySpec;
  readonly operator: Operator;
  readonly pos: number;
  /** The value as written: a string's text unescaped, an integer's digits, or '*'. */
  readonly value: string;
}

/** One condition of parsed criteria: the agent's property name, its operator and its value. */
export interface CriteriaCondition {
  readonly property: string;
  readonly operator: Operator;
  readonly value: string;
}

/**
 * Parses criteria as validateCriteria() checks them, into the AND groups of their top-level OR;
 * an empty string gives no group (the agent's default applies). Throws as validateCriteria().
 */
export function parseCriteria(text: string): CriteriaCondition[][] {
  if (typeof text !== 'string') validateCriteria(text);
  return new Parser(text).parse().map((group) => group.map(({ spec, operator, value }) => ({ property: spec.name, operator, value })));
}

/**
 * Checks `text` against the criteria language exactly as the agent parses it, so a bad string
 * fails here rather than as WU_E_INVALID_CRITERIA from the search. An empty (or all-blank)
 * string is valid: the agent then searches with `IsInstalled=0 and IsHidden=0`.
 *
 * @throws InvalidArgumentError with code `ERR_WUA_INVALID_CRITERIA` and a message naming the
 *   problem and its 1-based position, e.g. `'!=' is not allowed for IsInstalled at position 12`.
 */
export function validateCriteria(text: string): void {
  if (typeof text !== 'string') {
    throw new InvalidArgumentError('criteria', `must be a string, got ${describeType(text)}`, 'ERR_INVALID_ARG_TYPE');
  }
  new Parser(text).parse();
}

class Parser {
  private index = 0;
  private lookahead: Token | undefined;
  /** Whether whitespace stood before the lookahead token: "and" and "or" need it on both sides. */
  private lookaheadSpaced = false;
  private lastSpaced = false;

  constructor(private readonly text: string) {}

  parse(): ParsedCriterion[][] {
    const groups: ParsedCriterion[][] = [];
    if (this.peek().kind === 'end') return groups;
    for (;;) {
      const group = this.andGroup(0);
      checkRevisionNumbers(group, (message, pos) => this.fail(message, pos));
      groups.push(group);
      const token = this.peek();
      if (isKeyword(token, 'or')) {
        this.joiner(token);
        continue;
      }
      if (token.kind === 'end') return groups;
      if (token.kind === ')') this.fail("unbalanced parentheses: ')' has no matching '('", token.pos);
      this.fail(`unexpected trailing text ${this.snippet(token.pos)}`, token.pos, "expected 'and', 'or' or the end");
    }
  }

  /** An AND group; `depth` counts the parentheses around it, inside which OR is not allowed. */
  private andGroup(depth: number): ParsedCriterion[] {
    const criteria = this.term(depth);
    for (;;) {
      const token = this.peek();
      if (isKeyword(token, 'and')) {
        this.joiner(token);
        criteria.push(...this.term(depth));
        continue;
      }
      if (isKeyword(token, 'or') && depth > 0) this.fail('OR is only allowed at the top level', token.pos);
      return criteria;
    }
  }

  private term(depth: number): ParsedCriterion[] {
    const open = this.peek();
    if (open.kind !== '(') return [this.criterion()];
    this.next();
    const criteria = this.andGroup(depth + 1);
    const close = this.peek();
    if (close.kind === ')') {
      this.next();
      return criteria;
    }
    if (close.kind === 'end') this.fail(`unbalanced parentheses: '(' at position ${open.pos + 1} is never closed`, close.pos);
    this.fail(`expected 'and', 'or' or ')' but found ${this.snippet(close.pos)}`, close.pos);
  }

  private criterion(): ParsedCriterion {
    const nameToken = this.next();
    if (nameToken.kind !== 'ident') this.fail(`expected a property name but found ${this.describe(nameToken)}`, nameToken.pos);
    if (isKeyword(nameToken, 'and') || isKeyword(nameToken, 'or')) {
      this.fail(`expected a property name but found the keyword '${nameToken.text}'`, nameToken.pos);
    }
    const spec = PROPERTIES.get(nameToken.text.toLowerCase());
    if (spec === undefined) {
      this.fail(`unknown property '${nameToken.text}'`, nameToken.pos, `known: ${PROPERTY_LIST.map((p) => p.name).join(', ')}`);
    }

    const opToken = this.next();
    let operator: Operator;
    if (opToken.kind === 'op') operator = opToken.text;
    else if (isKeyword(opToken, 'contains')) operator = 'contains';
    else this.fail(`expected an operator (=, != or contains) after ${spec.name} but found ${this.describe(opToken)}`, opToken.pos);
    if (!spec.operators.includes(operator)) {
      this.fail(`'${operator}' is not allowed for ${spec.name}`, opToken.pos, `allowed: ${spec.operators.join(', ')}`);
    }

    const valueToken = this.next();
    this.value(spec, valueToken);
    const value = valueToken.kind === 'string' ? valueToken.value : valueToken.kind === 'integer' ? valueToken.text : '*';
    return { spec, operator, pos: nameToken.pos, value };
  }

  private value(spec: PropertySpec, token: Token): void {
    const { name } = spec;
    if (token.kind === '*') {
      if (spec.value !== 'deploymentAction') this.fail(`'*' is only allowed as the value of DeploymentAction, not ${name}`, token.pos);
      return;
    }
    if (token.kind !== 'string' && token.kind !== 'integer') {
      this.fail(`expected a value for ${name} but found ${this.describe(token)}`, token.pos);
    }
    switch (spec.value) {
      case 'type':
        if (token.kind !== 'string' || !TYPE_VALUES.has(token.value.toLowerCase())) {
          this.fail(`Type must be 'Software' or 'Driver', got ${this.shown(token)}`, token.pos);
        }
        return;
      case 'deploymentAction':
        if (token.kind !== 'string' || !DEPLOYMENT_ACTIONS.has(token.value.toLowerCase())) {
          this.fail(`DeploymentAction must be 'Installation', 'Uninstallation', 'OptionalInstallation', 'Detection' or *, got ${this.shown(token)}`, token.pos);
        }
        return;
      case 'guid':
        if (token.kind !== 'string') this.fail(`${name} takes a quoted GUID, not the integer ${token.text}`, token.pos);
        if (!isGuid(token.value)) this.fail(`${name} must be a GUID (8-4-4-4-12 hex digits), got ${this.shown(token)}`, token.pos);
        return;
      case 'flag':
        if (token.kind !== 'integer') this.fail(`${name} takes the integer 0 or 1, not the string ${this.shown(token)}`, token.pos);
        if (Number(token.text) !== 0 && Number(token.text) !== 1) this.fail(`${name} must be 0 or 1, got ${token.text}`, token.pos);
        return;
      case 'integer':
        if (token.kind !== 'integer') this.fail(`${name} takes an integer, not the string ${this.shown(token)}`, token.pos);
        return;
    }
  }

  private peek(): Token {
    if (this.lookahead === undefined) {
      this.lookahead = this.lex();
      this.lookaheadSpaced = this.lastSpaced;
    }
    return this.lookahead;
  }

  /**
   * Consumes the joiner `keyword` (the lookahead). [MS-UAMG] 2.2.1 puts whitespace on both sides
   * of "and" and "or", and the agent (as the simulator, test/sim/src/criteria.cc) refuses
   * "IsInstalled=0and IsHidden=0" or "(IsInstalled=0)and(IsHidden=0)".
   */
  private joiner(keyword: Token): void {
    const name = `'${keyword.kind === 'ident' ? keyword.text.toLowerCase() : keyword.kind}'`;
    if (!this.lookaheadSpaced) this.fail(`${name} must be preceded by whitespace`, keyword.pos);
    this.next();
    const after = this.peek();
    if (after.kind !== 'end' && !this.lookaheadSpaced) this.fail(`${name} must be followed by whitespace`, after.pos);
  }

  private next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  private lex(): Token {
    const { text } = this;
    const start = this.index;
    // The language's whitespace is the simulator's (test/sim/src/criteria.cc): space, tab, CR and
    // LF. [MS-UAMG] 2.2.1's WSP is space and tab; a no-break or other Unicode space is none.
    while (this.index < text.length && CRITERIA_WHITESPACE.has(text.charAt(this.index))) this.index++;
    this.lastSpaced = this.index > start;
    const pos = this.index;
    if (pos >= text.length) return { kind: 'end', pos };
    const ch = text.charAt(pos);
    if (ch === '(' || ch === ')' || ch === '*' || ch === '=') {
      this.index++;
      return ch === '=' ? { kind: 'op', text: '=', pos } : { kind: ch, pos };
    }
    if (ch === '!') {
      if (text.charAt(pos + 1) !== '=') this.fail("expected '!=' but found a lone '!'", pos);
      this.index += 2;
      return { kind: 'op', text: '!=', pos };
    }
    if (ch === "'") return this.lexString(pos);
    const integer = /^-?[0-9]+/.exec(text.slice(pos));
    if (integer) {
      this.index += integer[0].length;
      const value = Number(integer[0]);
      // The agent holds integers as 32-bit LONGs.
      if (value < INT32_MIN || value > INT32_MAX) this.fail(`the integer ${integer[0]} is out of range (32-bit)`, pos);
      return { kind: 'integer', text: integer[0], pos };
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (ident) {
      this.index += ident[0].length;
      return { kind: 'ident', text: ident[0], pos };
    }
    this.fail(`unexpected character ${JSON.stringify(ch)}`, pos);
  }

  private lexString(start: number): Token {
    const { text } = this;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string', start);
      const ch = text.charAt(i);
      if (ch === "'") break;
      if (ch === '[') {
        const escaped = text.slice(i, i + 3);
        if (escaped !== "[']" && escaped !== '[[]' && escaped !== '[]]') {
          this.fail("invalid escape in string: '[' must start ['], [[] or []]", i);
        }
        value += escaped.charAt(1);
        i += 3;
        continue;
      }
      if (ch === ']') this.fail("unescaped ']' in string (write []])", i);
      value += ch;
      i++;
    }
    this.index = i + 1;
    return { kind: 'string', value, pos: start };
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case 'end': return 'the end of the criteria';
      case 'ident': return `'${token.text}'`;
      case 'op': return `'${token.text}'`;
      case 'string': return `the string '${escapeCriteriaValue(token.value)}'`;
      case 'integer': return `the integer ${token.text}`;
      default: return `'${token.kind}'`;
    }
  }

  private shown(token: Token): string {
    if (token.kind === 'string') return `'${escapeCriteriaValue(token.value)}'`;
    if (token.kind === 'integer') return token.text;
    return this.describe(token);
  }

  private snippet(pos: number): string {
    const rest = this.text.slice(pos);
    return JSON.stringify(rest.length > 24 ? `${rest.slice(0, 24)}...` : rest);
  }

  /** `hint` follows the position, so every message reads "<problem> at position <n>" first. */
  private fail(message: string, pos: number, hint?: string): never {
    const suffix = hint === undefined ? '' : ` (${hint})`;
    throw new InvalidArgumentError('criteria', `is not valid: ${message} at position ${pos + 1}${suffix}`, INVALID_CRITERIA_CODE);
  }
}

const CRITERIA_WHITESPACE: ReadonlySet<string> = new Set([' ', '\t', '\r', '\n']);

function isKeyword(token: Token, keyword: 'and' | 'or' | 'contains'): boolean {
  return token.kind === 'ident' && token.text.toLowerCase() === keyword;
}

/** RevisionNumber narrows an UpdateID= of the same top-level group; alone, the agent rejects it. */
function checkRevisionNumbers(group: readonly ParsedCriterion[], fail: (message: string, pos: number) => never): void {
  const hasUpdateId = group.some((c) => c.spec.name === 'UpdateID' && c.operator === '=');
  const revision = group.find((c) => c.spec.name === 'RevisionNumber');
  if (revision && !hasUpdateId) fail('RevisionNumber needs UpdateID= in the same AND group', revision.pos);
}
