// `wua history`: what the agent installed and uninstalled, newest first, as a table or JSON.
import { OPERATION_RESULT_CODES } from '../../enums.js';
import { kbNumbersOf } from '../../history.js';
import type { UpdateSession } from '../../session.js';
import type { HistoryEntry, HistoryOperation, HistoryOptions, OperationResultCode } from '../../types.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';
import { withSpinner } from '../progress-view.js';
import { UsageError } from '../report-error.js';
import { kbNumber, splitList } from '../selection.js';

export interface HistoryFlags {
  last?: string;
  since?: string;
  kb?: string[];
  result?: string[];
  operation?: string;
}

/** The JSON document of `wua history` (see the README). */
export interface HistoryDocument {
  /** The entries, newest first, after the filters. */
  entries: HistoryEntry[];
  /** The number of entries in the agent's history when it was read, whatever the filters left out. */
  total: number;
  exitCode: ExitCode;
}

// The words a person types for an operation, and the agent's names.
const OPERATION_WORDS: Readonly<Record<string, HistoryOperation>> = {
  install: 'installation', installation: 'installation', uninstall: 'uninstallation', uninstallation: 'uninstallation',
};
const RESULT_WORDS = new Map(OPERATION_RESULT_CODES.filter((name) => name !== undefined).map((name) => [name.toLowerCase(), name]));

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(`${flag} takes a whole number of entries, 1 or more; not '${value}'`);
  }
  return number;
}

/**
 * A date as people write it, in UTC unless it says otherwise: 2026-11-01 (midnight),
 * 2026-11-01T08:30, 2026-11-01 08:30:15, 2026-11-01T08:30:00+02:00.
 */
export function sinceDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:\d{2})?)?$/i.exec(value.trim());
  const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00:00'}${match[5] ?? 'Z'}`) : new Date(NaN);
  // The engine rolls 2026-02-30 over into March: a day the month lacks is a mistake, not a date.
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  const real = day?.getUTCDate() === Number(match?.[3]) && day.getUTCMonth() === Number(match?.[2]) - 1;
  if (!real || Number.isNaN(date.getTime())) throw new UsageError(`--since takes a date such as 2026-11-01 or 2026-11-01T08:00 (UTC); not '${value}'`);
  return date;
}

/** The flags as history() options, checked, so that a bad value is a usage error before the agent is asked. */
export function historyOptionsFromFlags(flags: HistoryFlags): HistoryOptions {
  const kb = splitList(flags.kb)?.map(kbNumber);
  const resultCode = splitList(flags.result)?.map((value): OperationResultCode => {
    const name = RESULT_WORDS.get(value.toLowerCase());
    if (!name) throw new UsageError(`--result takes ${[...RESULT_WORDS.values()].join(', ')}; not '${value}'`);
    return name;
  });
  const operation = flags.operation === undefined ? undefined : OPERATION_WORDS[flags.operation.trim().toLowerCase()];
  if (flags.operation !== undefined && !operation) {
    throw new UsageError(`--operation takes install or uninstall; not '${flags.operation}'`);
  }
  return {
    ...(flags.last === undefined ? {} : { count: positiveInteger(flags.last, '--last') }),
    ...(flags.since === undefined ? {} : { since: sinceDate(flags.since) }),
    ...(kb?.length ? { kb } : {}),
    ...(resultCode?.length ? { resultCode } : {}),
    ...(operation ? { operation } : {}),
  };
}

// Minutes are enough to tell entries apart for a person; the JSON has the exact time.
function dateText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/** The history table, its titles cut to `width` (undefined: whole titles). */
export function historyTable(entries: readonly HistoryEntry[], width: number | undefined): string {
  if (!entries.length) return 'No history entries.';
  return table(['DATE (UTC)', 'KB', 'TITLE', 'OPERATION', 'RESULT', 'ERROR'], entries.map((entry) => [
    dateText(entry.date),
    kbNumbersOf(entry.title).map((kb) => `KB${kb}`).join(',') || '-',
    entry.title,
    entry.operation === 'uninstallation' ? 'uninstall' : entry.operation === 'installation' ? 'install' : entry.operation,
    entry.resultCode,
    entry.hresult === 0 ? '-' : entry.code,
  ]), { width, flex: 2 });
}

export async function historyCommand(session: UpdateSession, flags: HistoryFlags, output: Output, signal: AbortSignal): Promise<ExitCode> {
  const read = session.history({ ...historyOptionsFromFlags(flags), signal });
  const entries = await withSpinner(output, 'Reading the update history', (async () => {
    const all: HistoryEntry[] = [];
    for await (const entry of read) all.push(entry);
    return all;
  })());
  const exitCode = ExitCode.success;
  const doc: HistoryDocument = { entries, total: await read.total, exitCode };
  output.result(doc, () => {
    const shown = entries.length === doc.total ? '' : `\n${entries.length} of ${doc.total} entries.`;
    return `${historyTable(entries, output.tableWidth)}${entries.length ? shown : ''}`;
  });
  return exitCode;
}
