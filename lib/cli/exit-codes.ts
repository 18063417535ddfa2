// The `wua` tool's exit statuses: documented in the README and in `wua --help`.
export const ExitCode = {
  success: 0,
  failure: 1,
  usage: 2,
  /** The operation succeeded and the machine must restart to finish (Windows' ERROR_SUCCESS_REBOOT_REQUIRED). */
  rebootRequired: 3010,
  /** Ctrl-C or --timeout ended the operation, after the agent confirmed the abort. */
  aborted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = `Exit status:
  0     success
  1     failure (the agent or the package reported an error)
  2     usage error (bad arguments)
  3010  success, and a restart is needed to finish
  130   aborted (Ctrl-C or --timeout), once the agent confirmed`;
