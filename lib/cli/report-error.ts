// How failures reach the person or the program running `wua`: the symbolic name, the meaning
// and a hint worded for the command line; a stack only with --verbose.
import { CommanderError } from 'commander';

import { AgentUnresponsiveError, InvalidArgumentError, isAbortError, WindowsUpdateError } from '../errors.js';
import { hintFor } from '../hints.js';
import { ExitCode, exitCodeOf } from './exit-codes.js';
import type { Output } from './output.js';

export class UsageError extends Error {
  override name = 'UsageError';
  readonly code = 'ERR_USAGE';
}

/** A KB or update ID named on the command line that the agent does not offer this machine. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly code = 'ERR_WUA_NOT_FOUND';
  constructor(message: string, readonly missing: string[]) {
    super(message);
  }
}

function isUsage(error: unknown): boolean {
  return error instanceof UsageError || error instanceof InvalidArgumentError || error instanceof CommanderError;
}

export function exitCodeFor(error: unknown): ExitCode {
  return exitCodeOf({ usage: isUsage(error), aborted: isAbortError(error), failed: true });
}

/** The hint a person at the command line can act on (flags rather than API options). */
export function hintOf(error: unknown): string | undefined {
  if (error instanceof WindowsUpdateError) return hintFor({ name: error.code, category: error.category }, 'cli');
  if (isUsage(error)) return 'see wua --help';
  if (error instanceof NotFoundError) return 'wua search --json (with --installed or --hidden) lists what the agent offers';
  if (error instanceof AgentUnresponsiveError) {
    return 'the Windows Update service did not answer; restarting it (net stop wuauserv, net start wuauserv) or repairing its data store may help';
  }
  return undefined;
}

// Commander's messages start with "error: ", which the JSON's key already says.
function messageOf(error: unknown): string {
  const message = (error as Error | null)?.message ?? String(error);
  return error instanceof CommanderError ? message.replace(/^error: /, '') : message;
}

/**
 * The error as JSON: always name, message and code; the agent's fields for a
 * WindowsUpdateError. A job's result is left out: a change command's document carries it.
 */
export function errorBody(error: unknown): Record<string, unknown> {
  const hint = hintOf(error);
  if (error instanceof WindowsUpdateError) {
    const { result: _result, ...body } = error.toJSON();
    return { ...body, hint };
  }
  if (error instanceof AgentUnresponsiveError) return { ...error.toJSON(), hint };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    name: isUsage(error) ? 'UsageError' : (error as Error | null)?.name ?? 'Error',
    message: messageOf(error),
    ...(code === undefined ? {} : { code }),
    ...(error instanceof NotFoundError ? { missing: error.missing } : {}),
    ...(hint ? { hint } : {}),
  };
}

/** The error in words on stderr, for people. */
export function printError(error: unknown, output: Output): void {
  const c = output.colors;
  if (isAbortError(error)) {
    process.stderr.write(`${c.yellow('aborted')}: ${messageOf(error)}\n`);
  } else {
    process.stderr.write(`${c.red('error')}: ${messageOf(error)}\n`);
    if (error instanceof WindowsUpdateError && error.description && !error.message.includes(error.description)) {
      process.stderr.write(`  ${error.description}\n`);
    }
  }
  const hint = hintOf(error);
  if (hint) process.stderr.write(`  ${c.dim('hint:')} ${hint}\n`);
  if (output.verbose && error instanceof Error && error.stack) process.stderr.write(`${c.dim(error.stack)}\n`);
}

/** An error that left no result of the command: the error document `{ error, exitCode }`. */
export function reportError(error: unknown, output: Output): ExitCode {
  const exitCode = exitCodeFor(error);
  if (output.json) output.result({ error: errorBody(error), exitCode }, () => '', 'error');
  else printError(error, output);
  return exitCode;
}
