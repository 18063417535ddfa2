// `wua hide`, `wua unhide`, `wua accept-eulas`: search, choose, then ask the agent for each update
// (IUpdate::put_IsHidden, IUpdate::AcceptEula). Every ending (done, nothing to do, dry run,
// partly failed, failed) gives the same document, with each update's outcome.
import { type CriteriaGroup, type Criteria } from '../../criteria.js';
import { describeHresult, hresultHex, isAbortError } from '../../errors.js';
import type { UpdateSession } from '../../session.js';
import type { MarkOperation, MarkOutcome, MarkResult, MarkStatus, UpdateRecord, UpdateWarning } from '../../types.js';
import { type ExitCode, exitCodeOf } from '../exit-codes.js';
import { type Output, table, warningLine } from '../output.js';
import { withSpinner } from '../progress-view.js';
import { errorBody, printError } from '../report-error.js';
import { criteriaFromFlags, defaultInstalled, selectUpdates, type SelectFlags } from '../selection.js';
import { kbText } from './search.js';

export type MarkCommand = 'hide' | 'unhide' | 'accept-eulas';

export interface MarkFlags extends SelectFlags {
  dryRun?: boolean;
}

const OPERATIONS: Record<MarkCommand, MarkOperation> = { hide: 'hide', unhide: 'unhide', 'accept-eulas': 'acceptEulas' };

/** One update in the document: the facade's outcome, or for a dry run what the run would do. */
export interface MarkLine extends Omit<MarkOutcome, 'status'> {
  /** `notStarted`: a dry run, or a run the agent refused as a whole (see `error`). */
  status: MarkStatus | 'notStarted';
  /** hide and unhide: IUpdate::IsHidden after the run (before it, for a dry run). */
  isHidden?: boolean;
  /** accept-eulas: IUpdate::EulaAccepted after the run (before it, for a dry run). */
  eulaAccepted?: boolean;
  /** accept-eulas: the license terms, whole. */
  eulaText?: string | null;
  /** A dry run: why the agent would refuse this update. */
  reason?: string;
}

/** The JSON document of hide, unhide and accept-eulas (see the README). */
export interface MarkDocument {
  operation: MarkOperation;
  dryRun: boolean;
  /** 'succeeded' also when there was nothing to do; 'notStarted' for a dry run. */
  resultCode: MarkResult['resultCode'] | 'notStarted';
  updates: MarkLine[];
  /** What the search said beside its updates. */
  warnings: UpdateWarning[];
  /** Why the run failed as a whole (a PermissionError, say); every update is then `notStarted`. */
  error?: Record<string, unknown>;
  exitCode: ExitCode;
}

const RESULT_TEXT: Record<MarkOperation, Record<MarkStatus, string> & { would: string }> = {
  hide: { changed: 'hidden', unchanged: 'already hidden', failed: 'failed', would: 'would hide' },
  unhide: { changed: 'shown', unchanged: 'not hidden', failed: 'failed', would: 'would show' },
  acceptEulas: { changed: 'accepted', unchanged: 'already accepted', failed: 'failed', would: 'would accept' },
};

const WU_E_DS_DECLINENOTALLOWED = 0x80248016;

/** How far the text of license terms goes before `--verbose` is needed for the rest. */
const TERMS_PREVIEW_LINES = 6;
const TERMS_PREVIEW_CHARACTERS = 400;

/**
 * The criteria of the search a command chooses from. Naming updates (--kb, --id) searches hidden
 * and shown ones alike, so that one already as asked is reported rather than "not found"; else
 * hide looks at shown updates and unhide at hidden ones. accept-eulas searches as install does.
 */
function criteriaOf(command: MarkCommand, flags: MarkFlags): { criteria: Criteria; withHidden: boolean } {
  const criteria = criteriaFromFlags(flags, { installed: defaultInstalled('install', flags) });
  if (command === 'accept-eulas') return { criteria, withHidden: Boolean(flags.hidden) };
  const named = Boolean(flags.kb?.length || flags.id?.length);
  const hidden = flags.hidden ?? (named ? undefined : command === 'unhide');
  const groups = (Array.isArray(criteria) ? criteria : [criteria]) as CriteriaGroup[];
  // Either state is an OR of both: a group without IsHidden would be the agent's default group.
  const states = hidden === undefined ? [false, true] : [hidden];
  const out = groups.flatMap((group) => states.map((isHidden) => ({ ...group, isHidden })));
  return { criteria: out.length === 1 ? out[0]! : out, withHidden: hidden !== false };
}

/** The updates the command acts on, and what the search said beside them. */
async function chooseUpdates(command: MarkCommand, session: UpdateSession, flags: MarkFlags, output: Output,
  signal: AbortSignal): Promise<{ updates: UpdateRecord[]; warnings: UpdateWarning[] }> {
  const { criteria, withHidden } = criteriaOf(command, flags);
  // A hidden update is often one a newer update supersedes, which a search leaves out unless
  // asked for superseded updates too.
  const found = await withSpinner(output, 'Searching for updates',
    session.search(criteria, { signal, ...(withHidden ? { includePotentiallySupersededUpdates: true } : {}) }));
  // hide and unhide searched hidden updates already: a missing one is missing, not hidden.
  const selected = selectUpdates(found.updates, command === 'accept-eulas' ? flags : { ...flags, hidden: true });
  // --all accepts what has terms to accept; an update named without terms is reported as such.
  const named = Boolean(flags.kb?.length || flags.id?.length);
  const updates = command === 'accept-eulas' && !named
    ? selected.filter((update) => update.eulaText || !update.eulaAccepted) : selected;
  return { updates, warnings: found.warnings };
}

function stateOf(operation: MarkOperation, update: UpdateRecord): Pick<MarkLine, 'isHidden' | 'eulaAccepted' | 'eulaText'> {
  return operation === 'acceptEulas'
    ? { eulaAccepted: update.eulaAccepted, eulaText: update.eulaText } : { isHidden: update.isHidden };
}

function lineOf(update: UpdateRecord, status: MarkLine['status'], hresult = 0): MarkLine {
  const info = describeHresult(hresult);
  return {
    updateId: update.identity.updateId, title: update.title, kbArticleIds: update.kbArticleIds, status,
    hresult: info.hresult, code: info.name, meaning: info.meaning,
  };
}

function alreadyAsAsked(operation: MarkOperation, update: UpdateRecord): boolean {
  if (operation === 'hide') return update.isHidden;
  if (operation === 'unhide') return !update.isHidden;
  return update.eulaAccepted;
}

/**
 * A dry run: what the run would do, from the search's records. The agent declines to hide a
 * mandatory update or one with a deadline (WU_E_DS_DECLINENOTALLOWED), so the dry run says so.
 */
function dryRunLines(operation: MarkOperation, updates: UpdateRecord[]): MarkLine[] {
  return updates.map((update) => {
    const state = stateOf(operation, update);
    if (alreadyAsAsked(operation, update)) return { ...lineOf(update, 'unchanged'), ...state };
    const declined = operation === 'hide' && (update.isMandatory || update.deadline !== null);
    if (!declined) return { ...lineOf(update, 'notStarted'), ...state };
    return {
      ...lineOf(update, 'notStarted', WU_E_DS_DECLINENOTALLOWED), ...state,
      reason: `the agent declines to hide ${update.isMandatory ? 'a mandatory update' : 'an update with a deadline'}`,
    };
  });
}

function documentOf(operation: MarkOperation, dryRun: boolean, resultCode: MarkDocument['resultCode'], updates: MarkLine[],
  warnings: UpdateWarning[], error?: unknown): MarkDocument {
  const failures = updates.filter((line) => line.status === 'failed' || (dryRun && line.hresult !== 0)).length;
  const exitCode = exitCodeOf({
    aborted: isAbortError(error),
    failed: error !== undefined || (failures > 0 && failures === updates.length),
    partial: failures > 0,
  });
  return {
    operation, dryRun, resultCode, updates, warnings, ...(error === undefined ? {} : { error: errorBody(error) }), exitCode,
  };
}

function resultText(doc: MarkDocument, line: MarkLine): string {
  const texts = RESULT_TEXT[doc.operation];
  if (line.status !== 'notStarted') {
    // accept-eulas: an update without terms had nothing to accept.
    return doc.operation === 'acceptEulas' && line.status === 'unchanged' && !line.eulaText ? 'no license terms' : texts[line.status];
  }
  if (!doc.dryRun) return 'not started';
  return line.hresult ? 'would fail' : texts.would;
}

/** The document for people: one line per update, the reasons for failures, the result. */
export function renderMarks(doc: MarkDocument, width: number | undefined): string {
  const lines: string[] = [];
  if (doc.updates.length) {
    lines.push(table(['KB', 'TITLE', 'RESULT', 'ERROR'], doc.updates.map((line) => [
      kbText(line.kbArticleIds), line.title || line.updateId, resultText(doc, line), line.hresult ? line.code : '-',
    ]), { width, flex: 1 }));
  }
  for (const line of doc.updates.filter((l) => l.hresult !== 0)) {
    const why = line.reason ?? line.description ?? line.meaning;
    lines.push(`${kbText(line.kbArticleIds)} ${line.code} (${hresultHex(line.hresult)}): ${why}`);
  }
  lines.push(...doc.warnings.map(warningLine));
  if (!doc.updates.length) lines.push('Nothing to do: no update matches.');
  else if (doc.updates.every((line) => line.status === 'unchanged')) lines.push('Nothing to do: every selected update is already as asked.');
  else if (doc.dryRun) lines.push('Dry run: nothing was changed.');
  else if (!doc.error) lines.push(`Result: ${doc.resultCode}.`);
  return lines.join('\n');
}

/** The start of license terms (all of them with --verbose), to read before they are accepted. */
export function termsText(update: UpdateRecord, verbose: boolean): string {
  const terms = (update.eulaText ?? '').trim();
  const heading = `License terms of ${kbText(update.kbArticleIds)} ${update.title}:`;
  const start = terms.split(/\r?\n/).slice(0, TERMS_PREVIEW_LINES).join('\n').slice(0, TERMS_PREVIEW_CHARACTERS);
  if (verbose || start.length >= terms.length) return `${heading}\n${indent(terms)}\n`;
  return `${heading}\n${indent(start)}\n  … (${terms.length - start.length} more characters: --verbose shows them all)\n`;
}

function indent(text: string): string {
  return text.split(/\r?\n/).map((line) => `  ${line}`).join('\n');
}

export async function markCommand(command: MarkCommand, session: UpdateSession, flags: MarkFlags, output: Output,
  signal: AbortSignal): Promise<ExitCode> {
  const operation = OPERATIONS[command];
  const { updates, warnings } = await chooseUpdates(command, session, flags, output, signal);
  const act = updates.filter((update) => !alreadyAsAsked(operation, update));
  // Terms are shown before they are accepted (or would be), to whoever reads the tool's text.
  if (operation === 'acceptEulas' && !output.json) {
    for (const update of act) process.stdout.write(termsText(update, output.verbose));
  }
  if (flags.dryRun) {
    const doc = documentOf(operation, true, 'notStarted', dryRunLines(operation, updates), warnings);
    output.result(doc, () => renderMarks(doc, output.tableWidth));
    return doc.exitCode;
  }
  const terms = new Map(updates.map((update) => [update.identity.updateId, update.eulaText]));
  let doc: MarkDocument;
  try {
    const result = operation === 'acceptEulas' ? await session.acceptEulas(updates)
      : operation === 'hide' ? await session.hide(updates) : await session.unhide(updates);
    const lines: MarkLine[] = result.updates.map((outcome) =>
      (operation === 'acceptEulas' ? { ...outcome, eulaText: terms.get(outcome.updateId) ?? null } : outcome));
    doc = documentOf(operation, false, result.resultCode, lines, warnings);
  } catch (error) {
    // Refused as a whole (the caller's rights, an update the agent no longer knows): nothing
    // was done, and the document still says which updates were asked for.
    const lines = updates.map((update) => ({ ...lineOf(update, 'notStarted'), ...stateOf(operation, update) }));
    doc = documentOf(operation, false, 'failed', lines, warnings, error);
    output.result(doc, () => renderMarks(doc, output.tableWidth));
    if (!output.json) printError(error, output);
    return doc.exitCode;
  }
  output.result(doc, () => renderMarks(doc, output.tableWidth));
  return doc.exitCode;
}
