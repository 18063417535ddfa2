// The agent's enumerations and the facade's names for them: the one map in each direction.
// Index = the agent's numeric value (SDK wuapi.h); a hole means the agent has no such value.
import type {
  AutoDownloadMode, AutomaticUpdatesNotificationLevel, AutoSelectionMode, DeploymentAction, DownloadPhase, DownloadPriority,
  HistoryOperation, InstallationImpact, OperationResultCode, RebootBehavior, SearchScope, ServerSelection, ServiceRegistrationState,
  UpdateExceptionContext, UpdateType,
} from './types.js';

type Names<T extends string> = readonly (T | undefined)[];

export const UPDATE_TYPES: Names<UpdateType> = [undefined, 'software', 'driver'];
export const DEPLOYMENT_ACTIONS: Names<DeploymentAction> = ['none', 'installation', 'uninstallation', 'detection', 'optionalInstallation'];
export const DOWNLOAD_PRIORITIES: Names<DownloadPriority> = [undefined, 'low', 'normal', 'high', 'extraHigh'];
export const OPERATION_RESULT_CODES: Names<OperationResultCode> = ['notStarted', 'inProgress', 'succeeded', 'succeededWithErrors', 'failed', 'aborted'];
export const SERVER_SELECTIONS: Names<ServerSelection> = ['default', 'managedServer', 'windowsUpdate', 'others'];
export const INSTALLATION_IMPACTS: Names<InstallationImpact> = ['normal', 'minor', 'requiresExclusiveHandling'];
export const REBOOT_BEHAVIORS: Names<RebootBehavior> = ['neverReboots', 'alwaysRequiresReboot', 'canRequestReboot'];
export const DOWNLOAD_PHASES: Names<DownloadPhase> = [undefined, 'initializing', 'downloading', 'verifying'];
export const AUTO_SELECTION_MODES: Names<AutoSelectionMode> = ['letWindowsUpdateDecide', 'autoSelectIfDownloaded', 'neverAutoSelect', 'alwaysAutoSelect'];
export const AUTO_DOWNLOAD_MODES: Names<AutoDownloadMode> = ['letWindowsUpdateDecide', 'neverAutoDownload', 'alwaysAutoDownload'];
export const EXCEPTION_CONTEXTS: Names<UpdateExceptionContext> = [undefined, 'general', 'windowsDriver', 'windowsInstaller', 'searchIncomplete'];
export const SEARCH_SCOPES: Names<SearchScope> = ['default', 'machineOnly', 'currentUserOnly', 'machineAndCurrentUser', 'machineAndAllUsers', 'allUsers'];
export const UPDATE_OPERATIONS: Names<HistoryOperation> = [undefined, 'installation', 'uninstallation'];
export const NOTIFICATION_LEVELS: Names<AutomaticUpdatesNotificationLevel> = [
  'notConfigured', 'disabled', 'notifyBeforeDownload', 'notifyBeforeInstallation', 'scheduledInstallation',
];
export const SERVICE_REGISTRATION_STATES: Names<ServiceRegistrationState> = [undefined, 'notRegistered', 'registrationPending', 'registered'];

/** The facade's name for an agent value; a value newer than this package keeps its number. */
export function nameOf<T extends string>(names: Names<T>, value: number): T {
  return names[value] ?? (`unknown(${value})` as T);
}

/** The agent's value for a facade name, or undefined when the name is not one of them. */
export function valueOf<T extends string>(names: Names<T>, name: unknown): number | undefined {
  const index = typeof name === 'string' ? names.indexOf(name as T) : -1;
  return index < 0 ? undefined : index;
}

/** The names a caller may pass, for error messages. */
export function choices<T extends string>(names: Names<T>): string {
  return names.filter((name) => name !== undefined).map((name) => `'${name}'`).join(', ');
}
