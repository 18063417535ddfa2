// The package's typed errors. Every failure the agent reports becomes a WindowsUpdateError that
// names its HRESULT, says what it means in one line and how to react; the HRESULT data itself lives
// in hresult-table.ts.
import { AGENT_HRESULTS, SYSTEM_HRESULTS, type HresultRow } from './hresult-table.js';
import { hintFor } from './hints.js';
import type { ChangeResult, ErrorCategory, Progress } from './types.js';

// A bigint or a symbol threw a TypeError from `>>>`, and any other value passed as whatever number it converted to.
function checkHresultType(hresult: unknown): void {
  if (typeof hresult !== 'number') {
    throw new InvalidArgumentError('hresult', 'must be a number (an HRESULT, signed or unsigned)', 'ERR_INVALID_ARG_TYPE');
  }
}

export interface HresultInfo {
  hresult: number;
  /** The symbolic name, e.g. WU_E_INVALID_CRITERIA; `HRESULT_0x...` for a code we do not know. */
  name: string;
  meaning: string;
  category: ErrorCategory;
  /** Whether the same call may succeed later without anything else changing. */
  retryable: boolean;
}

const TABLE = new Map<number, HresultRow>([...AGENT_HRESULTS, ...SYSTEM_HRESULTS].map((row) => [row[0], row]));

/** An HRESULT as `0x` and eight upper-case hex digits. Throws InvalidArgumentError for a non-number. */
export function hresultHex(hresult: number): string {
  checkHresultType(hresult);
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * What the package knows about an HRESULT (signed or unsigned). Never throws for a number; a
 * value of another type is an InvalidArgumentError.
 */
export function describeHresult(hresult: number): HresultInfo {
  checkHresultType(hresult);
  const code = hresult >>> 0;
  if (code === 0) return { hresult: 0, name: 'S_OK', meaning: 'success', category: 'success', retryable: false };
  const row = TABLE.get(code);
  if (row) return { hresult: code, name: row[1], meaning: row[2], category: row[3], retryable: row[4] };
  const failed = (code & 0x80000000) !== 0;
  return {
    hresult: code,
    name: `HRESULT_${hresultHex(code)}`,
    meaning: failed ? 'a failure the package does not know by name' : 'a success code the package does not know by name',
    category: failed ? 'unknown' : 'success',
    retryable: false,
  };
}

/** How a message names an update: its KBs, else its title, else its ID. */
export function outcomeLabel(outcome: { updateId: string; title?: string; kbArticleIds?: readonly string[] }): string {
  const kbs = outcome.kbArticleIds?.map((kb) => `KB${kb}`).join(',');
  return kbs || outcome.title || outcome.updateId;
}

function failedOutcomes(result: ChangeResult | undefined): ChangeResult['updates'] {
  return result?.updates.filter((outcome) => outcome.resultCode === 'failed' || outcome.resultCode === 'succeededWithErrors'
    && outcome.hresult !== 0) ?? [];
}

/** A failure reported by the Windows Update Agent (or COM on its behalf). */
export class WindowsUpdateError extends Error {
  /** The HRESULT, unsigned. */
  readonly hresult: number;
  /** Its symbolic name: WU_E_..., a Win32 or COM name, or `HRESULT_0x...` for a code the package does not know. */
  readonly code: string;
  /** One line on what the code means. */
  readonly meaning: string;
  readonly category: ErrorCategory;
  /** Whether the same call may succeed later without anything else changing. */
  readonly retryable: boolean;
  /** What to do about it, for a caller of the API (`wua` words its own for the command line). */
  readonly hint: string;
  /** The facade operation that failed: 'search', 'install', ... */
  readonly operation: string;
  /** Text the agent itself supplied (IErrorInfo), or the per-update causes of a failed job. */
  readonly description: string | undefined;
  /**
   * For a download, install or uninstall that the agent ran to the end and where nothing
   * succeeded: the job's result, with every update's outcome (ID, title, KBs, code, HRESULT).
   */
  readonly result: ChangeResult | undefined;

  constructor(hresult: number, operation: string,
    options?: { description?: string; cause?: unknown; result?: ChangeResult }) {
    const info = describeHresult(hresult);
    const failed = failedOutcomes(options?.result);
    const causes = failed.map((outcome) => `${outcomeLabel(outcome)}: ${outcome.code} (${hresultHex(outcome.hresult)})`
      + `: ${describeHresult(outcome.hresult).meaning}`);
    const own = `${info.name} (${hresultHex(info.hresult)}): ${info.meaning}`;
    // A failed job leads with what failed per update, which is what a reader can act on; the
    // job's own code follows when it is none of those (a summary such as WU_E_ALL_UPDATES_FAILED).
    const message = !causes.length ? `${operation} failed: ${own}`
      : `${operation} failed: ${causes.join('; ')}${failed.some((o) => o.hresult === info.hresult) ? '' : ` (the agent reported ${own})`}`;
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WindowsUpdateError';
    this.hresult = info.hresult;
    this.code = info.name;
    this.meaning = info.meaning;
    this.category = info.category;
    this.retryable = info.retryable;
    this.hint = hintFor(info);
    this.operation = operation;
    this.description = options?.description || (causes.length ? causes.join('; ') : undefined);
    this.result = options?.result;
  }

  get hresultHex(): string {
    return hresultHex(this.hresult);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, message: this.message, hresult: this.hresult, hresultHex: this.hresultHex, code: this.code,
      meaning: this.meaning, category: this.category, retryable: this.retryable, hint: this.hint,
      operation: this.operation, ...(this.description ? { description: this.description } : {}),
      ...(this.result ? { result: this.result } : {}),
    };
  }
}

/**
 * The agent refused the caller's rights: E_ACCESSDENIED (not an administrator, an unelevated
 * process, or a call Microsoft does not allow remote callers) and every other code whose
 * `category` is 'permission' (WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED, WU_E_NO_INTERACTIVE_USER,
 * ...). A WindowsUpdateError like any other, so `instanceof WindowsUpdateError` still holds.
 */
export class PermissionError extends WindowsUpdateError {
  constructor(hresult: number, operation: string, options?: { description?: string; cause?: unknown; result?: ChangeResult }) {
    super(hresult, operation, options);
    this.name = 'PermissionError';
  }
}

/**
 * @internal The typed error for a failure the agent reported: a PermissionError for a code whose
 * category is 'permission', else a WindowsUpdateError.
 */
export function agentError(hresult: number, operation: string,
  options?: { description?: string; cause?: unknown; result?: ChangeResult }): WindowsUpdateError {
  return describeHresult(hresult).category === 'permission'
    ? new PermissionError(hresult, operation, options) : new WindowsUpdateError(hresult, operation, options);
}

/**
 * The operation ended because its AbortSignal fired (or its session closed) and the agent
 * confirmed the abort. Named `TimeoutError` when the signal was `AbortSignal.timeout()`'s.
 */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  /**
   * For a download, install or uninstall: what happened before the abort. Updates that finished
   * keep their outcomes, and `rebootRequired` says whether they need a restart.
   */
  readonly result: ChangeResult | undefined;

  constructor(operation: string, reason?: unknown, result?: ChangeResult) {
    const done = result?.updates.filter((outcome) => outcome.resultCode !== 'aborted' && outcome.resultCode !== 'notStarted').length;
    const details = result ? ` after ${done} of ${result.updates.length} update${result.updates.length === 1 ? '' : 's'} finished`
      + `${result.rebootRequired ? '; a restart is needed to finish what was installed' : ''}` : '';
    super(`${operation} was aborted${details}`, reason === undefined ? undefined : { cause: reason });
    this.name = reason instanceof Error && reason.name === 'TimeoutError' ? 'TimeoutError' : 'AbortError';
    this.result = result;
  }
}

/** True for our AbortError and for any other AbortError/TimeoutError (DOMException included). */
export function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** Thrown by every call off Windows, where the agent does not exist. */
export class UnsupportedPlatformError extends Error {
  readonly code = 'ERR_WUA_UNSUPPORTED_PLATFORM';
  readonly platform: string;
  constructor(platform: string = process.platform) {
    super(`the Windows Update Agent is only available on Windows (this is ${platform})`);
    this.name = 'UnsupportedPlatformError';
    this.platform = platform;
  }
}

/** Bad input, rejected before any call reaches the agent. */
export class InvalidArgumentError extends TypeError {
  readonly code: string;
  readonly argument: string;
  readonly problem: string;
  constructor(argument: string, problem: string, code = 'ERR_INVALID_ARG_VALUE') {
    super(`${argument} ${problem}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
    this.problem = problem;
    this.code = code;
  }
}

/**
 * The session was closed: a call made after close() rejects with it, and an operation that
 * close() aborted carries it as its AbortError's cause. Open a new UpdateSession.
 */
export class SessionClosedError extends Error {
  readonly code = 'ERR_WUA_SESSION_CLOSED';
  constructor(operation: string) {
    super(`${operation}: the UpdateSession is closed`);
    this.name = 'SessionClosedError';
  }
}

/** The native addon could not be loaded on Windows: which file, and why. */
export class AddonLoadError extends Error {
  readonly code = 'ERR_WUA_ADDON_LOAD';
  /** The addon file that was looked for or loaded. */
  readonly file: string;
  /** What the loader said. */
  readonly reason: string;
  constructor(file: string, reason: string, cause?: unknown) {
    super(`the windows-update-agent addon could not be loaded from ${file}: ${reason}`,
      cause === undefined ? undefined : { cause });
    this.name = 'AddonLoadError';
    this.file = file;
    this.reason = reason;
  }
}

/**
 * @internal Turns what the addon throws (an Error with a numeric `hresult`) into a
 * WindowsUpdateError (a PermissionError for a code of the 'permission' category).
 */
export function fromNativeError(error: unknown, operation: string): Error {
  const native = error as { hresult?: unknown; description?: unknown; operation?: unknown } | null;
  if (native && typeof native.hresult === 'number') {
    // Without text from the agent, the failing agent call (or the addon's own check) says most.
    const description = typeof native.description === 'string' ? native.description
      : typeof native.operation === 'string' ? native.operation : undefined;
    return agentError(native.hresult, operation, {
      description,
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A read of the history could not go on as it began: entries it had still to give were removed
 * meanwhile (the history was cleared or pruned), so that going on would skip or repeat some.
 * Entries added meanwhile are not a reason: a read gives the history as it stood at its first
 * page. Read it again from the start.
 */
export class HistoryChangedError extends Error {
  readonly code = 'ERR_WUA_HISTORY_CHANGED';
  /** The entries given before the read stopped. */
  readonly read: number;
  /** The entries the history held when the read began (IUpdateSearcher::GetTotalHistoryCount). */
  readonly total: number;
  constructor(read: number, total: number, detail: string) {
    super(`the update history changed while it was read: ${detail}, after ${read} entr${read === 1 ? 'y' : 'ies'} were given `
      + `(it held ${total} when the read began); read it again`);
    this.name = 'HistoryChangedError';
    this.read = read;
    this.total = total;
  }
}

/** Why an isolated session's process was ended while a call was waiting for the agent. */
export type UnresponsiveReason =
  /** The call's operation was aborted and the agent did not confirm within the grace period. */
  | 'abortIgnored'
  /** close() was called and the agent did not answer within the grace period. */
  | 'closeIgnored'
  /** The process ended by itself or was ended from outside (a crash, a task manager). */
  | 'exited';

/**
 * A session with `isolation: 'process'` ended the child process that held its agent session,
 * because the agent did not answer: an aborted operation that the agent did not confirm within
 * the grace period (`graceMs`), a close() it did not answer, or a process that ended on its own.
 * Every call that was waiting for that process rejects with this error; the session's next call
 * starts a fresh process. What the agent did with the call is unknown: the Windows Update service
 * may still finish an install that its client gave up on.
 */
export class AgentUnresponsiveError extends Error {
  readonly code = 'ERR_WUA_AGENT_UNRESPONSIVE';
  /** The facade operation, or the agent call, that was left without an answer. */
  readonly operation: string;
  readonly reason: UnresponsiveReason;
  /** The grace period that passed (ms), for 'abortIgnored' and 'closeIgnored'. */
  readonly graceMs: number | undefined;
  /** How the process ended: its exit code, or the signal that ended it. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /**
   * For an install or uninstall that ran several agent jobs: what the finished jobs did. The
   * updates of the job that did not answer are `inProgress`, with a `reason`; those of later jobs
   * are `notStarted`.
   */
  readonly result: ChangeResult | undefined;
  /** For a download, install or uninstall: the last progress the agent reported before it stopped answering. */
  readonly lastProgress: Progress | undefined;

  constructor(operation: string, details: {
    reason: UnresponsiveReason; graceMs?: number; exitCode?: number | null; signal?: string | null;
    result?: ChangeResult; lastProgress?: Progress; cause?: unknown;
  }) {
    const how = details.reason === 'abortIgnored'
      ? `the agent did not confirm the abort within ${details.graceMs} ms, so the process holding the session was ended`
      : details.reason === 'closeIgnored'
        ? `the agent did not answer close() within ${details.graceMs} ms, so the process holding the session was ended`
        : `the process holding the session ended (${details.signal ? `signal ${details.signal}` : `exit code ${details.exitCode ?? 'unknown'}`}) before the agent answered`;
    super(`${operation}: no answer from the agent: ${how}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AgentUnresponsiveError';
    this.operation = operation;
    this.reason = details.reason;
    this.graceMs = details.graceMs;
    this.exitCode = details.exitCode ?? null;
    this.signal = details.signal ?? null;
    this.result = details.result;
    this.lastProgress = details.lastProgress;
  }

  /** @internal The same failure, as the facade operation that met it reports it. */
  withContext(operation: string, extra: { result?: ChangeResult; lastProgress?: Progress; cause?: unknown }): AgentUnresponsiveError {
    return new AgentUnresponsiveError(operation, {
      reason: this.reason, graceMs: this.graceMs, exitCode: this.exitCode, signal: this.signal,
      result: extra.result ?? this.result, lastProgress: extra.lastProgress ?? this.lastProgress,
      cause: extra.cause ?? this.cause,
    });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, message: this.message, code: this.code, operation: this.operation, reason: this.reason,
      ...(this.graceMs === undefined ? {} : { graceMs: this.graceMs }), exitCode: this.exitCode, signal: this.signal,
      ...(this.result ? { result: this.result } : {}), ...(this.lastProgress ? { lastProgress: this.lastProgress } : {}),
    };
  }
}

/**
 * The broker service (`wua broker install`) is not installed, could not be started, or dropped the
 * connection before it answered. `isolation: 'broker'` sessions and `wua job` reject with it.
 */
export class BrokerUnavailableError extends Error {
  readonly code = 'ERR_WUA_BROKER_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BrokerUnavailableError';
  }
}
