// The `wua` tool's exit statuses and the order in which they win: documented in the README and
// in `wua --help`.
export const ExitCode = {
  success: 0,
  failure: 1,
  usage: 2,
  /** Some updates failed, others succeeded (the agent's "succeeded with errors"). */
  partial: 4,
  /** The operation succeeded and the machine must restart to finish (Windows' ERROR_SUCCESS_REBOOT_REQUIRED). */
  rebootRequired: 3010,
  /** Ctrl-C or --timeout ended the operation, after the agent confirmed the abort. */
  aborted: 130,
  /** `wua doctor`: a check failed, so updates cannot work here as things are. */
  notReady: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a command found out, each of which may call for its own status. */
export interface Outcome {
  usage?: boolean;
  aborted?: boolean;
  failed?: boolean;
  partial?: boolean;
  rebootRequired?: boolean;
  notReady?: boolean;
}

/**
 * One status for everything that happened, the most urgent first: a status can say only one
 * thing, so it says what a script must react to first (its own mistake, then an interrupted
 * run, then failures), and the restart need is always in the output and the JSON besides.
 */
export function exitCodeOf(outcome: Outcome): ExitCode {
  if (outcome.usage) return ExitCode.usage;
  if (outcome.aborted) return ExitCode.aborted;
  if (outcome.failed) return ExitCode.failure;
  if (outcome.partial) return ExitCode.partial;
  if (outcome.notReady) return ExitCode.notReady;
  if (outcome.rebootRequired) return ExitCode.rebootRequired;
  return ExitCode.success;
}

export const EXIT_CODE_HELP = `Exit status (when several apply, the first in this list wins):
  2     usage error (bad arguments; nothing reached the agent)
  130   aborted (Ctrl-C or --timeout), once the agent confirmed
  1     failure (the agent or the package reported an error; nothing succeeded; or the agent did
        not confirm an abort within --grace seconds, and wua ended without it)
  4     partly failed: some updates failed, others succeeded
  5     wua doctor: not ready (a check failed)
  3010  success, and a restart is needed to finish
  0     success (also: nothing to do, or already installed)
Whatever the status, a restart need prints a notice and sets "rebootRequired": true in the JSON.
wua never restarts the machine and never accepts license terms unless told to (--accept-eulas, or wua accept-eulas).`;
