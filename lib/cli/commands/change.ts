// `wua download`, `wua install`, `wua uninstall`: search, choose, then act, with progress. Every
// ending (done, nothing to do, partly failed, failed, aborted) gives the same document, so that
// nothing the agent reported is lost on the way out.
import { describeHresult, isAbortError, WindowsUpdateError } from '../../errors.js';
import type { UpdateSession } from '../../session.js';
import type {
  ChangeResult, DownloadOptions, DownloadPriority, InstallOptions, OperationResultCode, PlannedStep, UninstallOptions,
  UpdateOutcome, UpdateRecord, UpdateWarning,
} from '../../types.js';
import { ExitCode, exitCodeOf } from '../exit-codes.js';
import { type Output, table, warningLine } from '../output.js';
import { progressView } from '../progress-view.js';
import type { NetworkFlags } from '../network-flags.js';
import { errorBody, printError } from '../report-error.js';
import {
  type ChangeKind, defaultInstalled, planChange, selectUpdates, type SelectFlags, SKIP_TEXT, type Skipped,
} from '../selection.js';
import { findUpdates, kbText, updatesTable } from './search.js';

export type { ChangeKind } from '../selection.js';

export interface ChangeFlags extends SelectFlags, NetworkFlags {
  dryRun?: boolean;
  priority?: DownloadPriority;
  acceptEulas?: boolean;
  forceQuiet?: boolean;
}

/** The JSON document of download, install and uninstall (see the README). */
export interface ChangeDocument {
  operation: ChangeKind;
  dryRun: boolean;
  /** The job's result code; 'succeeded' when there was nothing to do, 'notStarted' for a dry run. */
  resultCode: OperationResultCode;
  hresult: number;
  code: string;
  /**
   * A restart is needed: for what this run installed, for a selected update installed earlier,
   * or because the machine already waits for one (`restartPending`).
   */
  rebootRequired: boolean;
  /**
   * Installs and uninstalls: the machine waits for a restart (ISystemInformation::RebootRequired,
   * read after the job), so that a fleet re-run with nothing left to do still says so. False
   * where the agent does not tell (a remote session).
   */
  restartPending: boolean;
  /** What the agent reported per update (or, for a dry run, what it would be asked to do). */
  updates: UpdateOutcome[];
  /** Selected updates already as asked, left alone. */
  skipped: Skipped[];
  /** What the search said beside its updates (e.g. context 'searchIncomplete'). */
  warnings: UpdateWarning[];
  /** Why the job failed or ended early; its outcomes so far are in `updates`. */
  error?: Record<string, unknown>;
  /**
   * A dry run: the agent jobs the command would run, in order (an install's downloads first,
   * each exclusive update by itself, then the rest).
   */
  steps?: PlannedStep[];
  exitCode: ExitCode;
}

const VERBS: Record<ChangeKind, string> = { download: 'Downloading', install: 'Installing', uninstall: 'Uninstalling' };

const NOTHING_DONE: Pick<ChangeDocument, 'resultCode' | 'hresult' | 'code'> = { resultCode: 'succeeded', hresult: 0, code: 'S_OK' };

function pendingOutcome(kind: ChangeKind, update: UpdateRecord): UpdateOutcome {
  return {
    updateId: update.identity.updateId, title: update.title, kbArticleIds: update.kbArticleIds,
    resultCode: 'notStarted', hresult: 0, code: 'S_OK', rebootRequired: false, step: kind,
  };
}

// An install downloads first what is not downloaded; an outcome from that step says so, since
// "failed" alone would read as a failed installation.
function resultText(doc: ChangeDocument, outcome: UpdateOutcome): string {
  return outcome.step && outcome.step !== doc.operation ? `${outcome.resultCode} (${outcome.step})` : outcome.resultCode;
}

/** The document of a job's result (or of none, when nothing was left to do), with its exit status. */
export function changeDocument(base: Pick<ChangeDocument, 'operation' | 'dryRun' | 'skipped' | 'warnings' | 'restartPending'>,
  result: Pick<ChangeResult, 'resultCode' | 'hresult' | 'code' | 'updates'> & { rebootRequired?: boolean } | undefined,
  error?: unknown): ChangeDocument {
  const job = result ?? { ...NOTHING_DONE, updates: [] };
  const rebootRequired = Boolean(job.rebootRequired) || job.updates.some((outcome) => outcome.rebootRequired)
    || base.skipped.some((skipped) => skipped.rebootRequired) || base.restartPending;
  const aborted = job.resultCode === 'aborted' || isAbortError(error);
  const exitCode = exitCodeOf({
    aborted,
    failed: job.resultCode === 'failed' || (error !== undefined && !aborted),
    partial: job.resultCode === 'succeededWithErrors' || job.updates.some((outcome) => outcome.resultCode === 'failed'),
    rebootRequired,
  });
  return {
    operation: base.operation, dryRun: base.dryRun, resultCode: job.resultCode, hresult: job.hresult, code: job.code,
    rebootRequired, restartPending: base.restartPending, updates: [...job.updates], skipped: base.skipped, warnings: base.warnings,
    ...(error === undefined ? {} : { error: errorBody(error) }), exitCode,
  };
}

const RESTART_NOTICE = 'A restart is needed to finish. wua never restarts the machine.';

/** The document for people: outcomes and skipped updates in one table, warnings, result, restart notice. */
export function renderChange(doc: ChangeDocument, width: number | undefined): string {
  const rows = [
    ...doc.updates.map((outcome) => [kbText(outcome.kbArticleIds), outcome.title || outcome.updateId, resultText(doc, outcome),
      outcome.hresult ? outcome.code : '-', outcome.rebootRequired ? 'yes' : '-']),
    ...doc.skipped.map((skipped) => [kbText(skipped.kbArticleIds), skipped.title || skipped.updateId, SKIP_TEXT[skipped.reason],
      '-', skipped.rebootRequired ? 'yes' : '-']),
  ];
  const lines: string[] = [];
  if (rows.length) lines.push(table(['KB', 'TITLE', 'RESULT', 'ERROR', 'RESTART'], rows, { width, flex: 1 }));
  for (const outcome of doc.updates) {
    if (outcome.reason) lines.push(`${kbText(outcome.kbArticleIds)} ${outcome.resultCode}: ${outcome.reason}`);
  }
  lines.push(...doc.warnings.map(warningLine));
  const nothingRan = !doc.updates.length && doc.error === undefined && !doc.dryRun;
  if (nothingRan) {
    lines.push(doc.skipped.length ? 'Nothing to do: every selected update is already as asked.' : 'Nothing to do: no update matches.');
  } else {
    const skipped = doc.skipped.length ? ` (${doc.skipped.length} left alone: already as asked)` : '';
    lines.push(`Result: ${doc.resultCode}${skipped}.`);
  }
  if (doc.rebootRequired) lines.push(RESTART_NOTICE);
  return lines.join('\n');
}

function stepHeading(step: PlannedStep): string {
  if (step.step === 'download') return 'Would download first (not downloaded yet):';
  return step.exclusive ? `Would ${step.step} by itself (it must be installed alone):` : `Would ${step.step}:`;
}

function renderDryRun(act: UpdateRecord[], doc: ChangeDocument, width: number | undefined): string {
  const lines: string[] = doc.error ? [`Would be refused, and change nothing: ${String(doc.error.description ?? doc.error.message)}.`] : [];
  for (const step of doc.steps ?? []) {
    const ids = new Set(step.updates.map((update) => update.updateId));
    lines.push(stepHeading(step), updatesTable(act.filter((update) => ids.has(update.identity.updateId)), width));
  }
  for (const skipped of doc.skipped) lines.push(`Would leave alone: ${kbText(skipped.kbArticleIds)} ${skipped.title} (${SKIP_TEXT[skipped.reason]})`);
  lines.push(...doc.warnings.map(warningLine));
  if (doc.rebootRequired) lines.push(RESTART_NOTICE);
  return lines.join('\n');
}

/** The result an error carries, or what can be said without one (the agent reported no outcomes). */
function resultOfError(error: unknown): ChangeResult | undefined {
  const carried = (error as { result?: ChangeResult } | null)?.result;
  if (carried) return carried;
  if (isAbortError(error)) return { resultCode: 'aborted', hresult: 0, code: 'S_OK', rebootRequired: false, updates: [] };
  if (error instanceof WindowsUpdateError) {
    return { resultCode: 'failed', hresult: error.hresult, code: describeHresult(error.hresult).name, rebootRequired: false, updates: [] };
  }
  return undefined;
}

/** Whether the machine waits for a restart; downloads do not ask, and a refusal to say is no. */
async function restartPending(kind: ChangeKind, session: UpdateSession): Promise<boolean> {
  if (kind === 'download') return false;
  return session.status().then((status) => status.rebootRequired === true, () => false);
}

/** The flags of a command as the facade's options for the same operation. */
function optionsOf(kind: ChangeKind, flags: ChangeFlags): DownloadOptions & InstallOptions & UninstallOptions {
  if (kind === 'download') return { priority: flags.priority, force: flags.force };
  if (kind === 'install') return { acceptEulas: flags.acceptEulas, forceQuiet: flags.forceQuiet, force: flags.force };
  return { forceQuiet: flags.forceQuiet };
}

export async function changeCommand(kind: ChangeKind, session: UpdateSession, flags: ChangeFlags, output: Output,
  signal: AbortSignal): Promise<ExitCode> {
  const found = await findUpdates(session, flags, output, signal, { installed: defaultInstalled(kind, flags) });
  const plan = planChange(kind, selectUpdates(found.updates, flags), flags);
  const base = { operation: kind, dryRun: Boolean(flags.dryRun), skipped: plan.skipped, warnings: found.warnings, restartPending: false };
  // Read once the command has done its work: what the machine waits for then.
  const pending = async (): Promise<typeof base> => ({ ...base, restartPending: await restartPending(kind, session) });
  if (!plan.act.length) {
    const doc = changeDocument(await pending(), undefined);
    output.result(doc, () => renderChange(doc, output.tableWidth));
    return doc.exitCode;
  }
  if (flags.dryRun) {
    // The facade's own plan, read from the agent now: what an install downloads first and which
    // updates it installs alone, so that the dry run shows what the real run will do.
    const jobs = await session.plan(kind, plan.act, optionsOf(kind, flags));
    // What the real run would be refused for is the dry run's answer too, with the same status.
    const refused = jobs.refusal && new WindowsUpdateError(jobs.refusal.hresult, kind, { description: jobs.refusal.reason });
    const doc = {
      ...changeDocument(await pending(), { resultCode: 'notStarted', hresult: 0, code: 'S_OK', updates: plan.act.map((update) => pendingOutcome(kind, update)) },
        refused),
      steps: jobs.steps,
    };
    output.result(doc, () => renderDryRun(plan.act, doc, output.tableWidth));
    if (refused && !output.json) printError(refused, output);
    return doc.exitCode;
  }
  const view = progressView(output, VERBS[kind], plan.act);
  const common = { signal, onProgress: (progress: Parameters<typeof view.update>[0]) => view.update(progress) };
  let result: ChangeResult | undefined;
  let error: unknown;
  try {
    result = await session[kind](plan.act, { ...optionsOf(kind, flags), ...common });
  } catch (caught) {
    // A failed or aborted job still reports what happened to each update (some may be
    // installed and need a restart); only errors with nothing to report go up as they are.
    result = resultOfError(caught);
    if (!result) throw caught;
    error = caught;
  } finally {
    view.stop();
  }
  const doc = changeDocument(await pending(), result, error);
  output.result(doc, () => renderChange(doc, output.tableWidth));
  if (error !== undefined && !output.json) printError(error, output);
  return doc.exitCode;
}
