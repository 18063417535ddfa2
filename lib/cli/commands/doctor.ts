// `wua doctor`: whether updates can work here, one line per check with its status in colour,
// or the whole report as one JSON document; the exit status says whether the machine is ready.
import pc from 'picocolors';

import { gatherOperationLogs, type OperationLogs } from '../../operation-logs.js';
import type { UpdateSession } from '../../session.js';
import type { PreflightCheck, PreflightReport, PreflightStatus } from '../../types.js';
import { ExitCode, exitCodeOf } from '../exit-codes.js';
import { type Output, table } from '../output.js';

export type DoctorDocument = PreflightReport & { logs?: OperationLogs; exitCode: ExitCode };

export interface DoctorFlags {
  /** A client application ID: also gather the log lines of the operations that ran under it. */
  logs?: string;
  windowsUpdateLog?: string;
  cbsLog?: string;
}

// picocolors' own test: stdout a terminal, NO_COLOR unset (or FORCE_COLOR set).
const colors = pc.createColors(pc.isColorSupported);

const PAINT: Record<PreflightStatus, (text: string) => string> = {
  ok: colors.green, warning: colors.yellow, failure: colors.red, unknown: colors.magenta,
};

function finding(check: PreflightCheck): string {
  const predicted = check.predictedError;
  return predicted ? `${check.hint} (predicts ${predicted.code} on ${predicted.operations.join(', ')})` : check.hint;
}

export function renderDoctor(doc: DoctorDocument, width?: number): string {
  // Padding is worked out on the plain word; the colour goes round it afterwards.
  const rows = doc.checks.map((check) => [check.status, check.title, finding(check)]);
  const lines = table(['STATUS', 'CHECK', 'FINDING'], rows, { width, flex: 2 }).split('\n');
  const painted = lines.map((line, i) => {
    if (i === 0) return line;
    const status = doc.checks[i - 1]!.status;
    return PAINT[status](status) + line.slice(status.length);
  });
  const failed = doc.checks.filter((check) => check.status === 'failure').length;
  const unknown = doc.checks.filter((check) => check.status === 'unknown').length;
  painted.push('', doc.ready
    ? `Ready: no check failed${unknown ? ` (${unknown} could not be read)` : ''}.`
    : `Not ready: ${failed} check${failed === 1 ? '' : 's'} failed.`);
  if (doc.logs) painted.push('', ...renderLogs(doc.logs));
  return painted.join('\n');
}

function renderLogs(logs: OperationLogs): string[] {
  const lines = [`Log lines of client ${logs.clientApplicationId}:`];
  for (const source of logs.sources) {
    const found = source.log === 'cbs' ? logs.cbs : logs.windowsUpdate;
    lines.push(source.read ? `${source.path}: ${found.length} line${found.length === 1 ? '' : 's'}` : `${source.path}: not read (${source.error})`);
    for (const line of found) lines.push(`  ${line.lineNumber}: ${line.text}`);
  }
  if (!logs.windows.length) lines.push('No line of the Windows Update log names this client.');
  return lines;
}

export async function doctorCommand(session: UpdateSession, output: Output, flags: DoctorFlags = {}): Promise<ExitCode> {
  const report = await session.preflight();
  const logs = flags.logs === undefined ? undefined
    : await gatherOperationLogs({ clientApplicationId: flags.logs, windowsUpdateLog: flags.windowsUpdateLog, cbsLog: flags.cbsLog });
  const doc: DoctorDocument = { ...report, ...(logs ? { logs } : {}), exitCode: exitCodeOf({ notReady: !report.ready }) };
  output.result(doc, () => renderDoctor(doc, output.tableWidth));
  return doc.exitCode;
}
