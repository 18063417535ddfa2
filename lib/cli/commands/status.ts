// `wua status`: whether the machine waits for a restart, the installer's state and the agent's
// version, as a list for people or one JSON document.
import { hresultHex } from '../../errors.js';
import type { UpdateSession } from '../../session.js';
import type { StatusWarning, UpdateStatus } from '../../types.js';
import { ExitCode, exitCodeOf } from '../exit-codes.js';
import { type Output, table } from '../output.js';

export type StatusDocument = UpdateStatus & { exitCode: ExitCode };

const RESTART_NOTICE = 'A restart is needed to finish. wua never restarts the machine.';

function yesNo(value: boolean | null): string {
  if (value === null) return 'unknown';
  return value ? 'yes' : 'no';
}

function statusWarningLine(warning: StatusWarning): string {
  return `warning (${warning.field}): ${warning.member} failed with ${warning.code} (${hresultHex(warning.hresult)}): ${warning.message}`;
}

export function renderStatus(doc: StatusDocument): string {
  const version = doc.apiMajorVersion === null || doc.apiMinorVersion === null ? 'unknown' : `${doc.apiMajorVersion}.${doc.apiMinorVersion}`;
  const sources = Object.entries(doc.rebootRequiredBy).map(([source, value]) => `${source}: ${yesNo(value)}`).join(', ');
  const rows = [
    ['Restart pending', `${yesNo(doc.rebootRequired)} (${sources})`],
    ['Restart required before installing', yesNo(doc.rebootRequiredBeforeInstallation)],
    ['Installer busy', yesNo(doc.installerBusy)],
    ['Agent version', doc.productVersion ?? 'unknown'],
    ['API version', version],
    ['OEM support link', doc.oemHardwareSupportLink === null ? 'unknown' : doc.oemHardwareSupportLink || '-'],
    ['Read-only session', yesNo(doc.readOnly)],
  ];
  const lines = [table(['', ''], rows).split('\n').slice(1).join('\n'), ...doc.warnings.map(statusWarningLine)];
  if (doc.rebootRequired) lines.push(RESTART_NOTICE);
  return lines.join('\n');
}

/**
 * A pending restart is what a script must act on, so it gives the status every command gives
 * it (3010); a value the agent would not give is a warning, as a search's warnings are, and
 * changes nothing.
 */
export async function statusCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  const status = await session.status();
  const doc: StatusDocument = { ...status, exitCode: exitCodeOf({ rebootRequired: status.rebootRequired === true }) };
  output.result(doc, () => renderStatus(doc));
  return doc.exitCode;
}
