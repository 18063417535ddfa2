// `wua settings` and `wua detect`: Automatic Updates as the agent reports it, and asking it to
// search now. Changing the settings is no command: since Windows 10 the agent accepts changes and
// keeps none (IAutomaticUpdatesSettings::Save).
import type { UpdateSession } from '../../session.js';
import type { AutomaticUpdatesStatus } from '../../types.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';

function yesNo(value: boolean | null, unknown = 'unknown'): string {
  return value === null ? unknown : value ? 'yes' : 'no';
}

function when(date: Date | null | undefined): string {
  if (date === undefined) return 'unknown';
  return date === null ? 'never' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function renderSettings(status: AutomaticUpdatesStatus): string {
  const { settings, results } = status;
  return table(['', ''], [
    ['Service enabled', yesNo(status.serviceEnabled)],
    ['Notification level', settings.notificationLevel],
    ['Required by policy', yesNo(settings.required)],
    ['Read only', yesNo(settings.readOnly)],
    ['Recommended updates', yesNo(settings.includeRecommendedUpdates)],
    ['Non-administrators elevated', yesNo(settings.nonAdministratorsElevated)],
    ['Featured updates', `${yesNo(settings.featuredUpdatesEnabled)} (not supported by the agent)`],
    ['Last search', when(results?.lastSearchSuccessDate)],
    ['Last installation', when(results?.lastInstallationSuccessDate)],
  ]).split('\n').slice(1).join('\n');
}

export async function settingsCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  const status = await session.automaticUpdates();
  const exitCode = ExitCode.success;
  output.result({ ...status, exitCode }, () => renderSettings(status));
  output.note('Read only: since Windows 10 the agent accepts changes to these settings and keeps none;'
    + ' change them in Settings or with Group Policy.');
  return exitCode;
}

export async function detectCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  await session.detectNow();
  const exitCode = ExitCode.success;
  output.result({ detectionStarted: true, exitCode }, () =>
    'Automatic Updates started a detection; it runs in the service and acts on what it finds as its notification level says.');
  return exitCode;
}
