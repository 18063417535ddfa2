// A scenario (the simulator's format, lib/testing/scenario.schema.json) read, checked and given
// its defaults: the shape by the schema, with ajv; what a schema cannot say (references between
// entries, sizes, a hidden mandatory update) in code, as the simulator's loader
// (test/sim/src/scenario.cc) checks it. Errors name the file and the field's path.
import { readFileSync } from 'node:fs';

import Ajv, { type ErrorObject } from 'ajv';

import type { Scenario } from './scenario.generated.js';
import schema from './scenario.schema.json';

export type { Scenario };

/** A scenario the loader refuses: `path` is the field's, as `updates[3].title` ('' for the document). */
export class ScenarioError extends Error {
  readonly code = 'ERR_WUA_SCENARIO';
  /** The scenario file, or `<scenario>` for one given as an object or JSON text. */
  readonly file: string;
  readonly path: string;
  /** What is wrong with the field, without the file and path. */
  readonly reason: string;
  constructor(file: string, path: string, reason: string) {
    super(`${file}: ${path ? `${path}: ` : ''}${reason}`);
    this.name = 'ScenarioError';
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}

// Every error, so that an unknown key wins over what it hides: the simulator's loader checks an
// object's keys before its fields (a misspelt required field is an unknown key, not a missing one).
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile<Scenario>(schema);

/** `/updates/3/title` as the simulator's loader writes it: `updates[3].title`. */
function fieldPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^[0-9]+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

/** Edit distance with transpositions, ignoring case, as the simulator's loader suggests a key (test/sim/src/json.cc). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]![j]!;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'number' && Number.isInteger(value) ? 'number' : typeof value;
}

/** The first error ajv found, worded as the simulator's loader words it. */
function schemaError(file: string, error: ErrorObject, document: unknown): ScenarioError {
  let path = fieldPath(error.instancePath);
  const value = error.instancePath.split('/').slice(1).reduce<unknown>(
    (at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${key}` : key;
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const tolerance = Math.max(1, Math.floor(key.length / 3));
      let near: string | undefined;
      let nearest = tolerance + 1;
      for (const name of allowed) {
        const d = distance(key.toLowerCase(), name.toLowerCase());
        if (d < nearest) [near, nearest] = [name, d];
      }
      return new ScenarioError(file, path, `unknown field${near ? ` (did you mean '${near}'?)` : ''}`);
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return new ScenarioError(file, path ? `${path}.${key}` : key, 'missing required field');
    }
    case 'type':
      return new ScenarioError(file, path, `expected ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)
        .replace('integer', 'integer').replace('array', 'array')}, got ${describe(value)}`);
    case 'enum':
      return new ScenarioError(file, path, `expected one of ${(error.params as { allowedValues: string[] }).allowedValues
        .map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(value)}`);
    case 'pattern':
      return new ScenarioError(file, path, `is not ${patternName(error.schemaPath)}: ${JSON.stringify(value)}`);
    case 'oneOf':
      return new ScenarioError(file, path, `is not an HRESULT (a 32-bit number or a '0x' hexadecimal string): ${JSON.stringify(value)}`);
    default:
      return new ScenarioError(file, path, error.message ?? 'is not valid');
  }
}

function patternName(schemaPath: string): string {
  if (schemaPath.includes('guid')) return 'a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
  if (schemaPath.includes('isoDate')) return 'an ISO 8601 UTC date';
  if (schemaPath.includes('hresult')) return "an HRESULT ('0x' and up to 8 hexadecimal digits)";
  return 'in the expected form';
}

/** Null means "the default", as in the simulator's loader: drop it before the schema sees it. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null) out[key] = withoutNulls(inner);
  return out;
}

/** A scenario as given to FakeAgent.fromScenario: an object, JSON text, or the path of a JSON file. */
export type ScenarioSource = Scenario | string;

/** Reads and checks a scenario; throws ScenarioError naming the file and the field's path. */
export function readScenario(source: ScenarioSource): { scenario: Scenario; file: string } {
  let file = '<scenario>';
  let document: unknown = source;
  if (typeof source === 'string') {
    let text = source;
    if (!source.trimStart().startsWith('{')) {
      file = source;
      try {
        text = readFileSync(source, 'utf8');
      } catch (error) {
        throw new ScenarioError(file, '', `cannot open the scenario file (${(error as Error).message})`);
      }
    }
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new ScenarioError(file, '', `is not JSON: ${(error as Error).message}`);
    }
  }
  const cleaned = withoutNulls(document);
  if (!validate(cleaned)) {
    const errors = validate.errors!;
    throw schemaError(file, errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0]!, cleaned);
  }
  checkReferences(file, cleaned);
  return { scenario: cleaned, file };
}

const lower = (id: string): string => id.toLowerCase();

/** What the schema cannot say, checked as test/sim/src/scenario.cc checks it, with the same paths. */
function checkReferences(file: string, s: Scenario): void {
  const fail = (path: string, reason: string): never => { throw new ScenarioError(file, path, reason); };
  const categories = new Set((s.categories ?? []).map((c) => lower(c.id)));
  const updates = new Map<string, number>();
  (s.updates ?? []).forEach((u, i) => { if (!updates.has(lower(u.id))) updates.set(lower(u.id), i); });
  const isBundle = (id: string): boolean => (s.updates?.[updates.get(lower(id)) ?? -1]?.bundledUpdates?.length ?? 0) > 0;
  const behaviors = (at: string, b: { failCall?: boolean; hresult?: number | string; wedged?: boolean; hangUntilAbort?: boolean } | undefined): void => {
    if (!b) return;
    if (b.failCall === true && !isFailure(b.hresult)) fail(`${at}.hresult`, 'failCall needs a failure HRESULT');
    if (b.wedged === true && b.hangUntilAbort === true) fail(`${at}.wedged`, 'a wedged call ignores RequestAbort: not with hangUntilAbort');
  };
  for (const key of ['search', 'download', 'install', 'uninstall'] as const) behaviors(key, s[key]);
  (s.updates ?? []).forEach((u, i) => {
    const at = `updates[${i}]`;
    if (u.type !== 'driver' && u.driver) fail(`${at}.driver`, "only a driver update (type 'driver') has driver properties");
    if (u.minDownloadSize !== undefined && u.minDownloadSize > (u.maxDownloadSize ?? 0)) {
      fail(`${at}.minDownloadSize`, 'must not be larger than maxDownloadSize');
    }
    if (u.isMandatory && u.state?.isHidden) fail(`${at}.state.isHidden`, 'a mandatory update cannot be hidden');
    if (u.bundledUpdates?.length) {
      if (u.installationBehavior) fail(`${at}.installationBehavior`, 'a bundle has no payload or installer of its own');
      if (u.uninstallationBehavior) fail(`${at}.uninstallationBehavior`, 'a bundle has no payload or installer of its own');
      if (u.downloadContents?.length) fail(`${at}.downloadContents`, 'a bundle has no payload or installer of its own');
      for (const followed of ['isInstalled', 'isDownloaded', 'isPresent', 'rebootRequired'] as const) {
        if (u.state?.[followed] !== undefined) fail(`${at}.state.${followed}`, "a bundle's state follows its bundled updates");
      }
    }
    for (const key of ['download', 'install', 'uninstall'] as const) behaviors(`${at}.${key}`, u[key]);
  });
  (s.agent?.services ?? []).forEach((service, i) => {
    if (service.scanPackage !== undefined && !service.isScanPackageService) {
      fail(`agent.services[${i}].scanPackage`, "only a scan package service (isScanPackageService) has a package");
    }
  });
  if (s.agent?.logon?.deniedCalls && !s.agent.logon.remote) {
    fail('agent.logon.deniedCalls', "applies only to a remote logon ('remote': true)");
  }
  const packages = new Set<string>();
  for (const [name, pkg] of Object.entries(s.scanPackages ?? {})) {
    if (!name || /[\\/:]/.test(name)) fail(`scanPackages.${name}`, 'must be a file name, without a folder');
    packages.add(name.toLowerCase());
    (pkg?.updates ?? []).forEach((id, i) => {
      if (!updates.has(lower(id))) fail(`scanPackages.${name}.updates[${i}]`, "names an update that is not in 'updates'");
    });
  }
  (s.agent?.services ?? []).forEach((service, i) => {
    if (service.scanPackage && !packages.has(service.scanPackage.toLowerCase())) {
      fail(`agent.services[${i}].scanPackage`, "names no package of 'scanPackages'");
    }
  });
  (s.categories ?? []).forEach((c, i) => {
    if (c.parent !== undefined && !categories.has(lower(c.parent))) {
      fail(`categories[${i}].parent`, "names a category that is not in 'categories'");
    }
  });
  (s.updates ?? []).forEach((u, i) => {
    if (updates.get(lower(u.id)) !== i) fail(`updates[${i}].id`, 'is the ID of an earlier update too');
    (u.categories ?? []).forEach((c, j) => {
      if (!categories.has(lower(c))) fail(`updates[${i}].categories[${j}]`, "names a category that is not in 'categories'");
    });
    (u.bundledUpdates ?? []).forEach((b, j) => {
      if (!updates.has(lower(b)) || lower(b) === lower(u.id)) {
        fail(`updates[${i}].bundledUpdates[${j}]`, "names an update that is not in 'updates'");
      }
      if (isBundle(b)) fail(`updates[${i}].bundledUpdates[${j}]`, 'names an update that is itself a bundle');
    });
  });
}

/** An HRESULT of the scenario (a number, or '0x' text) as a signed 32-bit value. */
export function hresultOf(value: number | string | undefined): number {
  if (value === undefined) return 0;
  return (typeof value === 'number' ? value : Number.parseInt(value.slice(2), 16)) | 0;
}

function isFailure(value: unknown): boolean {
  return (typeof value === 'number' || typeof value === 'string') && hresultOf(value) < 0;
}

const OLE_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An ISO 8601 UTC date of the scenario as an OLE DATE (days since 1899-12-30), as the wire sends it. */
export function oleDateOf(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const ole = (ms - OLE_EPOCH_MS) / 86_400_000;
  return ole === 0 ? null : ole;
}

/** Now, as an OLE DATE. */
export function oleNow(): number {
  return (Date.now() - OLE_EPOCH_MS) / 86_400_000;
}
