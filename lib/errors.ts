// The package's typed errors. Every failure the agent reports becomes a WindowsUpdateError that
// names its HRESULT, says what it means in one line and how to react; the HRESULT data itself lives
// in hresult-table.ts.
import { AGENT_HRESULTS, SYSTEM_HRESULTS, type HresultRow } from './hresult-table.js';
import type { ErrorCategory } from './types.js';

export interface HresultInfo {
  hresult: number;
  /** The symbolic name, e.g. WU_E_INVALID_CRITERIA; `HRESULT_0x...` for a code we do not know. */
  name: string;
  meaning: string;
  category: ErrorCategory;
  /** Whether the same call may succeed later without anything else changing. */
  retryable: boolean;
}

const HINTS: Record<ErrorCategory, string> = {
  success: '',
  network: 'check the connection to the update server (proxy, firewall, WSUS address), then retry',
  permission: 'run from an elevated (administrator) process: downloads, installs and hiding need it',
  busy: 'another update operation is running; wait for it to finish and retry',
  reboot: 'restart Windows to finish the pending work, then retry',
  'invalid-input': 'check the arguments: criteria, selected updates and options',
  aborted: 'the operation was cancelled before it finished',
  disk: 'free space on the system drive, then retry',
  policy: 'a policy or setting blocks this; check Group Policy and the Windows Update settings',
  download: 'the download failed; retry, or clear the download cache (SoftwareDistribution\\Download)',
  install: 'the update\'s installer failed; see the update history and the CBS/WindowsUpdate logs',
  agent: 'the Windows Update service failed; check that it is running (wuauserv) and retry',
  unknown: 'see the HRESULT in Microsoft\'s Windows Update error reference',
};

const SPECIFIC_HINTS: Readonly<Record<string, string>> = {
  WU_E_INVALID_CRITERIA: 'the criteria string is not valid WUA syntax; build it with criteria() instead',
  WU_E_NO_UPDATE: 'pass at least one update, taken from a search result',
  WU_E_EULAS_DECLINED: 'read the license terms, then pass { acceptEulas: true }',
  WU_E_INSTALL_NOT_ALLOWED: 'an installation is already running, or a restart is pending: wait or restart',
  WU_E_SERVICE_STOP: 'the Windows Update service stopped; retry once it is running again',
  RPC_E_DISCONNECTED: 'the Windows Update service restarted during the call; open a new session and retry',
  E_ACCESSDENIED: HINTS.permission,
  REGDB_E_CLASSNOTREG: 'the Windows Update Agent is missing from this system',
};

const TABLE = new Map<number, HresultRow>([...AGENT_HRESULTS, ...SYSTEM_HRESULTS].map((row) => [row[0], row]));

export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** What the package knows about an HRESULT (signed or unsigned). Never throws. */
export function describeHresult(hresult: number): HresultInfo {
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

/** A failure reported by the Windows Update Agent (or COM on its behalf). */
export class WindowsUpdateError extends Error {
  readonly hresult: number;
  readonly code: string;
  readonly meaning: string;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly hint: string;
  /** The facade operation that failed: 'search', 'install', ... */
  readonly operation: string;
  /** Text the agent itself supplied (IErrorInfo), when it did. */
  readonly description: string | undefined;

  constructor(hresult: number, operation: string, options?: { description?: string; cause?: unknown }) {
    const info = describeHresult(hresult);
    super(`${operation} failed: ${info.name} (${hresultHex(info.hresult)}): ${info.meaning}`,
      options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WindowsUpdateError';
    this.hresult = info.hresult;
    this.code = info.name;
    this.meaning = info.meaning;
    this.category = info.category;
    this.retryable = info.retryable;
    this.hint = SPECIFIC_HINTS[info.name] ?? HINTS[info.category];
    this.operation = operation;
    this.description = options?.description || undefined;
  }

  get hresultHex(): string {
    return hresultHex(this.hresult);
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, message: this.message, hresult: this.hresult, hresultHex: this.hresultHex, code: this.code,
      meaning: this.meaning, category: this.category, retryable: this.retryable, hint: this.hint,
      operation: this.operation, ...(this.description ? { description: this.description } : {}),
    };
  }
}

/** The operation ended because its AbortSignal fired and the agent confirmed the abort. */
export class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  constructor(operation: string, reason?: unknown) {
    super(`${operation} was aborted`, reason === undefined ? undefined : { cause: reason });
    this.name = reason instanceof Error && reason.name === 'TimeoutError' ? 'TimeoutError' : 'AbortError';
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

/** Turns what the addon throws (an Error with a numeric `hresult`) into a WindowsUpdateError. */
export function fromNativeError(error: unknown, operation: string): Error {
  const native = error as { hresult?: unknown; description?: unknown; operation?: unknown } | null;
  if (native && typeof native.hresult === 'number') {
    // Without text from the agent, the failing agent call (or the addon's own check) says most.
    const description = typeof native.description === 'string' ? native.description
      : typeof native.operation === 'string' ? native.operation : undefined;
    return new WindowsUpdateError(native.hresult, operation, {
      description,
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
