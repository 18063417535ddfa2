// How failures reach the person or the program running `wua`: the symbolic name, the meaning
// and a hint; a stack only with --verbose.
import { InvalidArgumentError, isAbortError, WindowsUpdateError } from '../errors.js';
import { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export function exitCodeFor(error: unknown): ExitCode {
  if (isAbortError(error)) return ExitCode.aborted;
  if (error instanceof UsageError || error instanceof InvalidArgumentError) return ExitCode.usage;
  return ExitCode.failure;
}

export function reportError(error: unknown, output: Output): ExitCode {
  const code = exitCodeFor(error);
  if (output.json) {
    const body = error instanceof WindowsUpdateError ? error.toJSON()
      : { name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error), code: (error as { code?: unknown })?.code };
    if (output.jsonLines) output.line({ type: 'error', ...body });
    else process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return code;
  }
  const c = output.colors;
  if (error instanceof WindowsUpdateError) {
    process.stderr.write(`${c.red('error')}: ${error.operation} failed: ${c.bold(error.code)} (${error.hresultHex}): ${error.meaning}\n`);
    if (error.description) process.stderr.write(`  ${error.description}\n`);
    process.stderr.write(`  ${c.dim('hint:')} ${error.hint}\n`);
  } else if (isAbortError(error)) {
    process.stderr.write(`${c.yellow('aborted')}: ${(error as Error).message}\n`);
  } else if (code === ExitCode.usage) {
    process.stderr.write(`${c.red('error')}: ${(error as Error).message}\n  ${c.dim('hint:')} see wua --help\n`);
  } else {
    process.stderr.write(`${c.red('error')}: ${(error as Error)?.message ?? String(error)}\n`);
  }
  if (output.verbose && error instanceof Error && error.stack) process.stderr.write(`${c.dim(error.stack)}\n`);
  return code;
}
