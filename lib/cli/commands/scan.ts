// `wua scan --cab PATH`: the updates an offline catalog (wsusscn2.cab) says this machine needs,
// as `wua search` prints them.
import type { UpdateSession } from '../../session.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, warningLine } from '../output.js';
import { withSpinner } from '../progress-view.js';
import { criteriaFromFlags, defaultInstalled, type FilterFlags, filterByKb } from '../selection.js';
import { updatesTable } from './search.js';

export interface ScanFlags extends FilterFlags {
  cab: string;
  stagingDir?: string;
}

export async function scanCommand(session: UpdateSession, flags: ScanFlags, output: Output, signal: AbortSignal): Promise<ExitCode> {
  const criteria = criteriaFromFlags(flags, { installed: defaultInstalled('search', flags) });
  const scan = session.scanOffline(flags.cab, criteria, {
    signal, ...(flags.stagingDir === undefined ? {} : { stagingDirectory: flags.stagingDir }),
  });
  const result = await withSpinner(output, 'Scanning the offline catalog', scan);
  const filtered = { ...result, updates: filterByKb(result.updates, flags.kb) };
  const exitCode = ExitCode.success;
  output.result({ ...filtered, exitCode }, () => [
    updatesTable(filtered.updates, output.tableWidth),
    ...filtered.warnings.map(warningLine),
  ].join('\n'));
  output.note(`Scanned offline: ${result.catalogPath}${result.copied ? ' (through a local copy)' : ''}. `
    + 'The catalog holds no update files: install them online (wua install), or from the Microsoft Update Catalog.');
  return exitCode;
}
