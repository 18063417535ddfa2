// Download, install and uninstall as a caller asks for them, over the agent jobs they take. An
// install first downloads what is not downloaded (as PSWindowsUpdate and Salt do: the agent
// itself fails an update that was never downloaded), and an update whose installation impact is
// `requiresExclusiveHandling` gets an agent job of its own, since the agent refuses a batch that
// mixes it with others (InstallationImpact; WU_E_EXCLUSIVE_INSTALL_CONFLICT). The jobs make one
// operation: one stream of progress, one merged result.
import { DOWNLOAD_PHASES, INSTALLATION_IMPACTS, nameOf, OPERATION_RESULT_CODES } from './enums.js';
import {
  AbortError, agentError, AgentUnresponsiveError, describeHresult, isAbortError, outcomeLabel, WindowsUpdateError,
} from './errors.js';
import type { NativeBehavior, NativeChangeOptions, NativeChangeResult, NativeInspected, NativeProgress } from './native.js';
import type { CheckedChangeOptions } from './options.js';
import type {
  ChangeKind, ChangePlan, ChangeResult, PlannedStep, PlannedUpdate, PlanRefusal, Progress, UpdateOutcome,
} from './types.js';

export type { ChangeKind };

const WU_E_EULAS_DECLINED = 0x80240023;
const WU_E_INSTALL_NOT_ALLOWED = 0x80240016;
const E_FAIL = 0x80004005;

/** What the operation needs from its session. */
export interface JobRunner {
  /** Runs one agent job under the operation's signal; resolves with the agent's result, an aborted one included. */
  run(step: ChangeKind, updateIds: string[], options: NativeChangeOptions,
    onProgress: (progress: NativeProgress) => void): Promise<NativeChangeResult>;
  inspect(updateIds: string[]): Promise<NativeInspected[]>;
  /** Why the operation was aborted: its signal's reason, or the session's close(). */
  abortReason(): unknown;
}

/** A job's result as the facade names it. */
export function changeResultFrom(step: ChangeKind, native: NativeChangeResult): ChangeResult {
  return {
    resultCode: nameOf(OPERATION_RESULT_CODES, native.resultCode),
    hresult: native.hresult >>> 0,
    code: describeHresult(native.hresult).name,
    // An update that needs a restart makes the job need one, whatever the job says: an aborted
    // job must not hide the restart that what it installed before the abort needs.
    rebootRequired: native.rebootRequired || native.updates.some((outcome) => outcome.rebootRequired),
    updates: native.updates.map((outcome) => ({
      updateId: outcome.updateId,
      title: outcome.title,
      kbArticleIds: outcome.kbArticleIds,
      resultCode: nameOf(OPERATION_RESULT_CODES, outcome.resultCode),
      hresult: outcome.hresult >>> 0,
      code: describeHresult(outcome.hresult).name,
      rebootRequired: outcome.rebootRequired,
      step,
    })),
  };
}

/** What download([]), install([]) and uninstall([]) resolve with: nothing to do is no error. */
export function nothingToDo(): ChangeResult {
  return { resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false, updates: [] };
}

function isExclusive(behavior: NativeBehavior | null): boolean {
  return behavior !== null && nameOf(INSTALLATION_IMPACTS, behavior.impact) === 'requiresExclusiveHandling';
}

/** The agent jobs a change takes, in order, from the updates' state now. */
export function planFrom(kind: ChangeKind, inspected: NativeInspected[], options: CheckedChangeOptions): ChangePlan {
  const updates: PlannedUpdate[] = inspected.map((update) => ({
    updateId: update.updateId,
    title: update.title,
    kbArticleIds: update.kbArticleIds,
    isDownloaded: update.isDownloaded,
    isInstalled: update.isInstalled,
    eulaAccepted: update.eulaAccepted,
    exclusive: isExclusive(kind === 'uninstall' ? update.uninstallationBehavior : update.installationBehavior),
    bundledUpdateCount: update.bundledUpdateCount,
  }));
  if (kind === 'download') return { operation: kind, steps: [{ step: kind, exclusive: false, updates }] };
  const refusal = licenseRefusal(kind, updates, options);
  const steps: PlannedStep[] = [];
  if (kind === 'install' && options.downloadFirst) {
    // An installed update is not installed again without `force`, so it needs no download.
    const missing = updates.filter((update) => !update.isDownloaded && (!update.isInstalled || options.native.force));
    if (missing.length) steps.push({ step: 'download', exclusive: false, updates: missing });
  }
  for (const update of updates.filter((u) => u.exclusive)) steps.push({ step: kind, exclusive: true, updates: [update] });
  const rest = updates.filter((u) => !u.exclusive);
  if (rest.length) steps.push({ step: kind, exclusive: false, updates: rest });
  return { operation: kind, steps, ...(refusal ? { refusal } : {}) };
}

/**
 * Licenses are accepted only when the caller says so: an install with an unaccepted license is
 * refused before any of its jobs, downloads included, changes anything.
 */
function licenseRefusal(kind: ChangeKind, updates: PlannedUpdate[], options: CheckedChangeOptions): PlanRefusal | undefined {
  if (kind !== 'install' || options.native.acceptEulas) return undefined;
  const refused = updates.filter((update) => !update.eulaAccepted && (!update.isInstalled || options.native.force));
  if (!refused.length) return undefined;
  return {
    hresult: WU_E_EULAS_DECLINED, code: describeHresult(WU_E_EULAS_DECLINED).name,
    reason: `license terms not accepted for ${refused.map(outcomeLabel).join(', ')}`, updateIds: refused.map((update) => update.updateId),
  };
}

/** The refused operation's error: every update not started, and why. */
function refusalError(kind: ChangeKind, plan: ChangePlan, refusal: PlanRefusal, order: string[]): WindowsUpdateError {
  const updates = new Map(plan.steps.flatMap((step) => step.updates).map((update) => [update.updateId, update]));
  const outcomes = order.map((id) => notRun(updates.get(id)!, kind, 'notStarted', refusal.hresult,
    refusal.updateIds.includes(id) ? refusal.reason : `held back: the ${kind} was refused (${refusal.reason})`));
  return new WindowsUpdateError(refusal.hresult, kind, {
    description: refusal.reason,
    result: { resultCode: 'failed', hresult: refusal.hresult, code: refusal.code, rebootRequired: false, updates: outcomes },
  });
}

/** A job's progress as part of the whole operation, each update of each job weighing the same. */
function progressFrom(operation: ChangeKind, step: ChangeKind, jobIds: string[], native: NativeProgress,
  position: { before: number; weight: number; total: number; indexOf: ReadonlyMap<string, number> }): Progress {
  const isDownload = native.phase !== undefined;
  const updateId = jobIds[native.currentIndex] ?? '';
  const done = position.before + (native.percentComplete / 100) * position.weight;
  return {
    operation,
    step,
    percentComplete: Math.min(100, Math.round((done / position.total) * 100)),
    current: {
      updateId,
      index: position.indexOf.get(updateId) ?? native.currentIndex,
      percentComplete: native.currentPercentComplete,
      ...(isDownload ? {
        phase: nameOf(DOWNLOAD_PHASES, native.phase!),
        bytesDownloaded: native.currentBytesDone,
        bytesTotal: native.currentBytesTotal,
      } : {}),
    },
    ...(isDownload ? { totalBytesDownloaded: native.totalBytesDone, totalBytesToDownload: native.totalBytesTotal } : {}),
  };
}

function notRun(update: PlannedUpdate, step: ChangeKind, resultCode: 'notStarted' | 'aborted', hresult = 0,
  reason?: string): UpdateOutcome {
  return {
    updateId: update.updateId, title: update.title, kbArticleIds: update.kbArticleIds, resultCode,
    hresult, code: describeHresult(hresult).name, rebootRequired: false, step, ...(reason ? { reason } : {}),
  };
}

function succeeded(outcome: UpdateOutcome): boolean {
  return outcome.resultCode === 'succeeded' || outcome.resultCode === 'succeededWithErrors';
}

/** The result of several jobs as one, in the caller's order, with the agent's rules for the overall code. */
function merge(order: string[], outcomes: Map<string, UpdateOutcome>, jobs: ChangeResult[]): ChangeResult {
  const updates = order.map((id) => outcomes.get(id)!);
  const resultCode = updates.some((o) => o.resultCode === 'aborted') ? 'aborted'
    : !updates.some(succeeded) ? 'failed'
      : updates.every((o) => o.resultCode === 'succeeded') ? 'succeeded' : 'succeededWithErrors';
  const failedJob = jobs.find((job) => job.hresult !== 0 && job.resultCode !== 'succeeded');
  const failedUpdate = updates.find((o) => !succeeded(o) && o.hresult !== 0);
  const hresult = failedJob?.hresult ?? failedUpdate?.hresult ?? 0;
  return {
    resultCode, hresult, code: describeHresult(hresult).name,
    rebootRequired: jobs.some((job) => job.rebootRequired), updates,
  };
}

/** Settles a finished operation: an abort and a job where nothing succeeded reject, with the result. */
function settle(kind: ChangeKind, result: ChangeResult, runner: JobRunner): ChangeResult {
  if (result.resultCode === 'aborted') throw new AbortError(kind, runner.abortReason(), result);
  if (result.resultCode === 'failed') {
    const failed = result.updates.find((outcome) => !succeeded(outcome) && outcome.hresult !== 0);
    throw agentError(result.hresult || failed?.hresult || E_FAIL, kind, { result });
  }
  return result;
}

/**
 * What an operation did when the agent stopped answering during one of its jobs: the finished
 * jobs' outcomes, the updates of the unanswered job `inProgress` (their outcome is unknown), and
 * those of later jobs `notStarted`.
 */
function unanswered(order: string[], finished: ReadonlyMap<string, UpdateOutcome>, jobs: ChangeResult[], steps: PlannedStep[],
  current: PlannedStep): ChangeResult {
  const outcomes = new Map(finished);
  let reached = false;
  for (const step of steps) {
    reached ||= step === current;
    if (!reached) continue;
    for (const update of step.updates) {
      if (outcomes.has(update.updateId)) continue;
      outcomes.set(update.updateId, step === current
        ? { ...notRun(update, step.step, 'notStarted'), resultCode: 'inProgress', reason: 'the agent stopped answering during its job: outcome unknown' }
        : notRun(update, step.step, 'notStarted', 0, 'the agent stopped answering during an earlier job'));
    }
  }
  const merged = merge(order, outcomes, jobs);
  return { ...merged, resultCode: 'inProgress' };
}

/**
 * Runs a download, install or uninstall of `updateIds` (not empty) to its end, reporting
 * progress to `emit`. Rejects as UpdateSession.download() documents.
 */
export async function runChange(kind: ChangeKind, updateIds: string[], options: CheckedChangeOptions,
  runner: JobRunner, emit: (progress: Progress) => void): Promise<ChangeResult> {
  // An isolated session whose agent stopped answering: the error names this operation, with its
  // last progress (the jobs' own results are added where they are known, below).
  let lastProgress: Progress | undefined;
  try {
    return await runJobs(kind, updateIds, options, runner, (progress) => {
      lastProgress = progress;
      emit(progress);
    });
  } catch (error) {
    if (!(error instanceof AgentUnresponsiveError)) throw error;
    throw error.withContext(kind, { lastProgress, cause: runner.abortReason() });
  }
}

async function runJobs(kind: ChangeKind, updateIds: string[], options: CheckedChangeOptions,
  runner: JobRunner, emit: (progress: Progress) => void): Promise<ChangeResult> {
  const indexOf = new Map(updateIds.map((id, index) => [id, index]));
  // `weight`: the updates the job stands for in the overall percentage, those a failed download
  // keeps out of it included, so that the last job still ends at 100%. `blocked`: the agent
  // installs nothing more until the machine restarts.
  const job = async (step: ChangeKind, ids: string[], before: number, weight: number, total: number):
    Promise<{ result: ChangeResult; blocked: boolean }> => {
    const native = await runner.run(step, ids, options.native,
      (progress) => emit(progressFrom(kind, step, ids, progress, { before, weight, total, indexOf })))
      .catch((error: unknown) => { throw withheldResultError(kind, step, ids, error, known); });
    return { result: changeResultFrom(step, native), blocked: step !== 'download' && native.rebootRequiredBeforeInstallation };
  };
  // What the plan read of each update, for outcomes the agent did not give.
  const known = new Map<string, PlannedUpdate>();
  const all = updateIds.length;
  if (kind === 'download') return settle(kind, (await job(kind, updateIds, 0, all, all)).result, runner);

  const plan = planFrom(kind, await runner.inspect(updateIds), options);
  if (plan.refusal) throw refusalError(kind, plan, plan.refusal, updateIds);
  for (const update of plan.steps.flatMap((step) => step.updates)) known.set(update.updateId, update);
  // The common case, one job, is the agent's result as it is: its own overall code included.
  if (plan.steps.length === 1) return settle(kind, (await job(kind, updateIds, 0, all, all)).result, runner);

  const total = plan.steps.reduce((count, step) => count + step.updates.length, 0);
  const outcomes = new Map<string, UpdateOutcome>();
  const jobs: ChangeResult[] = [];
  const failedDownloads = new Set<string>();
  const downloaded = new Set<string>();
  // Why an update did not run: an update whose download ran before the stop says so first.
  const reasonOf = (updateId: string, reason: string | undefined): string | undefined => (downloaded.has(updateId)
    ? `downloaded; ${reason ?? 'aborted before its install started'}` : reason);
  let before = 0;
  // Once set, the jobs left do not run, and their updates get this outcome.
  let stop: { resultCode: 'notStarted' | 'aborted'; hresult?: number; reason?: string } | undefined;
  let refusal: WindowsUpdateError | undefined;
  for (const step of plan.steps) {
    const waiting = step.updates.filter((update) => !failedDownloads.has(update.updateId));
    if (stop) {
      for (const update of waiting) {
        // An update aborted in its download keeps that outcome; one downloaded says so.
        if (stop.resultCode === 'aborted' && outcomes.has(update.updateId)) continue;
        outcomes.set(update.updateId, notRun(update, step.step, stop.resultCode, stop.hresult, reasonOf(update.updateId, stop.reason)));
      }
      continue;
    }
    if (!waiting.length) {
      before += step.updates.length;
      continue;
    }
    let done: { result: ChangeResult; blocked: boolean };
    try {
      done = await job(step.step, waiting.map((update) => update.updateId), before, step.updates.length, total);
    } catch (error) {
      if (error instanceof AgentUnresponsiveError && jobs.length) {
        throw error.withContext(kind, { result: unanswered(updateIds, outcomes, jobs, plan.steps, step) });
      }
      if (!jobs.length) throw error;
      // Aborted between two jobs: what the earlier ones did stays in the result.
      if (isAbortError(error)) {
        stop = { resultCode: 'aborted' };
        for (const update of waiting) {
          outcomes.set(update.updateId, notRun(update, step.step, 'aborted', 0, reasonOf(update.updateId, undefined)));
        }
        continue;
      }
      // The agent refused this job. What earlier jobs did still happened, so the error carries it.
      if (!(error instanceof WindowsUpdateError)) throw error;
      refusal = error;
      stop = { resultCode: 'notStarted', hresult: error.hresult, reason: `the agent refused the job: ${error.code}` };
      for (const update of waiting) {
        // A job whose result the agent withheld may have run: its updates' outcomes are unknown.
        const unknown = error.result?.updates.find((outcome) => outcome.updateId === update.updateId);
        outcomes.set(update.updateId, unknown ?? notRun(update, step.step, stop.resultCode, stop.hresult,
          reasonOf(update.updateId, stop.reason)));
      }
      continue;
    }
    const { result, blocked } = done;
    before += step.updates.length;
    jobs.push(result);
    for (const outcome of result.updates) {
      // A download that worked is not the update's outcome: its install is.
      if (step.step === 'download' && succeeded(outcome)) {
        downloaded.add(outcome.updateId);
        continue;
      }
      if (step.step === 'download' && outcome.resultCode !== 'aborted') failedDownloads.add(outcome.updateId);
      outcomes.set(outcome.updateId, outcome);
    }
    if (result.resultCode === 'aborted') stop = { resultCode: 'aborted' };
    else if (blocked) {
      stop = {
        resultCode: 'notStarted', hresult: WU_E_INSTALL_NOT_ALLOWED,
        reason: 'the agent requires a restart before it installs anything more',
      };
    }
  }
  const merged = merge(updateIds, outcomes, jobs);
  if (refusal) {
    throw agentError(refusal.hresult, kind, { description: refusal.description, cause: refusal, result: merged });
  }
  return settle(kind, merged, runner);
}

// The members that give a job's result once the agent has run it: the End call, the result's
// codes and restart flags, each update's result, and whether the agent now waits for a restart.
const JOB_RESULT_MEMBERS = new RegExp('^(IUpdate(Downloader|Installer)::(End(Download|Install|Uninstall)'
  + '|RebootRequiredBeforeInstallation)|I(Update)?(Download|Installation)Result::\\w+)$');

/**
 * The agent ran a job but a call that gives its result failed (IUpdateInstaller::EndInstall,
 * IInstallationResult::ResultCode, IUpdateInstallationResult::HResult, ...): the job may have
 * changed the machine, so the error says each update's outcome is unknown ('inProgress' with a
 * reason) rather than that nothing happened. Other errors pass.
 */
function withheldResultError(kind: ChangeKind, step: ChangeKind, ids: string[], error: unknown,
  known: ReadonlyMap<string, PlannedUpdate>): unknown {
  const call = (error as { cause?: { operation?: unknown } } | null)?.cause?.operation;
  if (!(error instanceof WindowsUpdateError) || error.result || typeof call !== 'string'
    || !JOB_RESULT_MEMBERS.test(call)) return error;
  const updates = ids.map((updateId): UpdateOutcome => ({
    updateId, title: known.get(updateId)?.title ?? '', kbArticleIds: known.get(updateId)?.kbArticleIds ?? [],
    resultCode: 'inProgress', hresult: error.hresult, code: error.code, rebootRequired: false, step,
    reason: `the agent ran the job but ${call} failed: outcome unknown`,
  }));
  return agentError(error.hresult, kind, {
    description: error.description, cause: error.cause,
    result: { resultCode: 'failed', hresult: error.hresult, code: error.code, rebootRequired: false, updates },
  });
}
