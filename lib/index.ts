// The package's public surface. Only re-exports: every piece lives in the module named after it.
export { UpdateSession, type SessionInfo } from './session.js';
export { isSupported, supportStatus, type SupportStatus } from './platform.js';
export { UpdateOperation } from './operation.js';
export {
  AbortError, AddonLoadError, AgentUnresponsiveError, describeHresult, HistoryChangedError, hresultHex, type HresultInfo,
  InvalidArgumentError, isAbortError, PermissionError, SessionClosedError, type UnresponsiveReason, UnsupportedPlatformError,
  WindowsUpdateError,
} from './errors.js';
export * from './types.js';
export * from './criteria.js';
export { UpdateHistory } from './history.js';
export { MICROSOFT_UPDATE_SERVICE_ID, WINDOWS_UPDATE_SERVICE_ID } from './services.js';
// The broker service for remote shells (lib/broker/): isolation: 'broker' sessions use it.
export { BrokerUnavailableError } from './errors.js';
export {
  brokerStatus, installBroker, uninstallBroker, DEFAULT_IDLE_SECONDS as BROKER_DEFAULT_IDLE_SECONDS,
  type BrokerInstallOptions, type BrokerStatus,
} from './broker/service.js';
export type { JobInfo as BrokerJob, JobState as BrokerJobState } from './broker/jobs.js';
export { exportScenario } from './scenario-export.js';
export { projectRecord, UPDATE_FIELDS } from './records/projection.js';
export { BROKER_SERVICE, preflightReport } from './preflight.js';
export { gatherOperationLogs, type LogLine, type LogSource, type OperationLogOptions, type OperationLogs } from './operation-logs.js';
