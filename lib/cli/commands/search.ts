// `wua search`: the updates the agent finds, as a table or JSON.
import type { UpdateSession } from '../../session.js';
import type { SearchResult, UpdateRecord } from '../../types.js';
import { ExitCode } from '../exit-codes.js';
import { formatBytes, type Output, table, warningLine } from '../output.js';
import { withSpinner } from '../progress-view.js';
import { criteriaFromFlags, defaultInstalled, type FilterFlags, filterByKb } from '../selection.js';
import { type NetworkFlags, searchSource } from '../network-flags.js';

export function statusOf(update: UpdateRecord): string {
  const flags = [
    update.isInstalled ? 'installed' : update.isDownloaded ? 'downloaded' : '',
    update.isHidden ? 'hidden' : '',
    update.eulaText && !update.eulaAccepted ? 'license' : '',
    update.rebootRequired ? 'restart' : '',
  ];
  return flags.filter(Boolean).join(',') || '-';
}

export function kbText(kbArticleIds: readonly string[]): string {
  return kbArticleIds.map((kb) => `KB${kb}`).join(',') || '-';
}

/** The search table, its titles cut to `width` (undefined: whole titles). */
export function updatesTable(updates: UpdateRecord[], width: number | undefined): string {
  if (!updates.length) return 'No updates found.';
  return table(['KB', 'TITLE', 'SIZE', 'SEVERITY', 'STATUS'], updates.map((update) => [
    kbText(update.kbArticleIds),
    update.title,
    formatBytes(update.maxDownloadSize),
    update.msrcSeverity ?? '-',
    statusOf(update),
  ]), { width, flex: 1 });
}

/** The search a command runs before choosing updates, with --kb applied. */
export async function findUpdates(session: UpdateSession, flags: FilterFlags & NetworkFlags, output: Output, signal: AbortSignal,
  defaults: { installed: boolean | undefined }): Promise<SearchResult> {
  const criteria = criteriaFromFlags(flags, defaults);
  const source = searchSource(flags);
  const result = await withSpinner(output, 'Searching for updates', session.search(criteria, { signal, ...source }));
  return { ...result, updates: filterByKb(result.updates, flags.kb) };
}

export async function searchCommand(session: UpdateSession, flags: FilterFlags & NetworkFlags, output: Output,
  signal: AbortSignal): Promise<ExitCode> {
  const result = await findUpdates(session, flags, output, signal, { installed: defaultInstalled('search', flags) });
  const exitCode = ExitCode.success;
  output.result({ ...result, exitCode }, () =>
    [updatesTable(result.updates, output.tableWidth), ...result.warnings.map(warningLine)].join('\n'));
  return exitCode;
}
