// `wua show <KB or ID>...`: every field of the updates with these KBs or update IDs, installed or
// not, hidden or not, as a list for people or the full records in one JSON document.
import type { CriteriaGroup } from '../../criteria.js';
import { isGuid } from '../../ids.js';
import type { UpdateSession } from '../../session.js';
import type { UpdateRecord, UpdateWarning } from '../../types.js';
import { ExitCode, exitCodeOf } from '../exit-codes.js';
import { type Output, warningLine } from '../output.js';
import { withSpinner } from '../progress-view.js';
import { recordLines } from '../record-view.js';
import { errorBody, NotFoundError, printError, UsageError } from '../report-error.js';
import { splitList } from '../selection.js';

/** One KB (digits, as the agent writes it) or update ID (lower case) asked for, as the user wrote it first. */
export interface ShowName {
  kb?: string;
  id?: string;
  /** How messages name it: KBnnnn, or the ID. */
  label: string;
}

export interface ShowDocument {
  /** The matching updates, whole, in the order they were asked for. */
  updates: UpdateRecord[];
  /** For an update found only inside a bundle: its ID, and the bundle's. */
  bundledIn: Record<string, string>;
  /** What the search said beside its updates. */
  warnings: UpdateWarning[];
  /** The KBs (as KBnnnn) and IDs nothing matched. */
  missing: string[];
  /** Set when something asked for was not found: a NotFoundError naming it. */
  error?: Record<string, unknown>;
  exitCode: ExitCode;
}

/** The command's arguments as KBs and IDs; anything else is a usage error before the agent is asked. */
export function showNames(values: readonly string[]): ShowName[] {
  const names = new Map<string, ShowName>();
  for (const value of splitList(values) ?? []) {
    const kb = /^(?:kb)?(\d+)$/i.exec(value)?.[1];
    if (kb) names.set(`KB${kb}`, { kb, label: `KB${kb}` });
    else if (isGuid(value)) names.set(value.toLowerCase(), { id: value.toLowerCase(), label: value.toLowerCase() });
    else throw new UsageError(`wua show takes KB numbers (5068781, KB5068781) or update IDs (GUIDs), not '${value}'`);
  }
  if (!names.size) throw new UsageError('say which updates: KB numbers or update IDs');
  return [...names.values()];
}

/** Every update: hidden and not hidden alike, installed or not (no IsInstalled condition). */
const EVERY_UPDATE: CriteriaGroup[] = [{ isHidden: false }, { isHidden: true }];

/**
 * Hidden and not hidden alike, installed or not. KBs are no criterion of the agent's: with any
 * KB asked for, every update is searched and matched after.
 */
export function showCriteria(names: readonly ShowName[]): CriteriaGroup[] {
  if (names.some((name) => name.kb)) return EVERY_UPDATE;
  return names.flatMap((name) => EVERY_UPDATE.map((group) => ({ updateId: name.id, ...group })));
}

function matches(update: UpdateRecord, name: ShowName): boolean {
  return name.id ? update.identity.updateId === name.id : update.kbArticleIds.includes(name.kb!);
}

/**
 * The updates each name matches, in the order asked, each once. A search offers a bundle and not
 * what it bundles, so a name no offered update matches is looked for among their bundled updates.
 */
export function matchShowNames(found: readonly UpdateRecord[], names: readonly ShowName[]):
  Pick<ShowDocument, 'updates' | 'bundledIn' | 'missing'> {
  const updates: UpdateRecord[] = [];
  const bundledIn: Record<string, string> = {};
  const missing: string[] = [];
  const shown = new Set<string>();
  const show = (update: UpdateRecord, bundle?: UpdateRecord): void => {
    if (shown.has(update.identity.updateId)) return;
    shown.add(update.identity.updateId);
    updates.push(update);
    if (bundle) bundledIn[update.identity.updateId] = bundle.identity.updateId;
  };
  for (const name of names) {
    const direct = found.filter((update) => matches(update, name));
    const inBundles = direct.length ? []
      : found.flatMap((bundle) => bundle.bundledUpdates.filter((child) => matches(child, name)).map((child) => ({ child, bundle })));
    if (!direct.length && !inBundles.length) missing.push(name.label);
    for (const update of direct) show(update);
    for (const { child, bundle } of inBundles) show(child, bundle);
  }
  return { updates, bundledIn, missing };
}

function notFound(missing: string[]): NotFoundError {
  return new NotFoundError(`no update found for ${missing.join(', ')}`, missing);
}

export function renderShow(doc: ShowDocument, found: readonly UpdateRecord[], width: number | undefined): string {
  const blocks = doc.updates.map((update) => {
    const bundle = doc.bundledIn[update.identity.updateId];
    const parent = bundle && found.find((candidate) => candidate.identity.updateId === bundle);
    const heading = parent ? [update.title, `(bundled in: ${parent.title})`] : [update.title];
    return [...heading, ...recordLines('Update', update, width, '  ')].join('\n');
  });
  return [...blocks, ...doc.warnings.map(warningLine)].join('\n\n');
}

export async function showCommand(session: UpdateSession, values: readonly string[], output: Output,
  signal: AbortSignal): Promise<ExitCode> {
  const names = showNames(values);
  // Hidden updates are found only with IncludePotentiallySupersededUpdates, and a superseded one
  // is still an update someone may ask about.
  const search = (criteria: CriteriaGroup[]) => withSpinner(output, 'Searching for updates',
    session.search(criteria, { signal, includePotentiallySupersededUpdates: true }));
  const criteria = showCriteria(names);
  let result = await search(criteria);
  let { updates, bundledIn, missing } = matchShowNames(result.updates, names);
  const warnings = [...result.warnings];
  // A bundled update is offered only through its bundle, which a search by the bundled update's
  // own ID does not find: an ID not found is looked for in every update's bundle.
  if (missing.length && criteria !== EVERY_UPDATE) {
    result = await search(EVERY_UPDATE);
    warnings.push(...result.warnings);
    ({ updates, bundledIn, missing } = matchShowNames(result.updates, names));
  }
  // Nothing found leaves no result: the error document, as every command gives for it.
  if (!updates.length) throw notFound(missing);
  const error = missing.length ? notFound(missing) : undefined;
  const doc: ShowDocument = {
    updates, bundledIn, warnings, missing,
    ...(error ? { error: errorBody(error) } : {}),
    exitCode: exitCodeOf({ failed: Boolean(error) }),
  };
  output.result(doc, () => renderShow(doc, result.updates, output.tableWidth));
  if (error && !output.json) printError(error, output);
  return doc.exitCode;
}
