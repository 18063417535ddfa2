// UpdateSession.preflight(): whether updates can work from this process on this machine, and
// why not. The addon reads raw facts with the Windows API (src/platform/preflight.h) and the
// session's status call gives the agent's own; this module names them (factsFrom) and turns them
// into one check each (preflightReport), a pure function so that every state has its test, the
// ones Wine cannot produce (a network logon token) included.
import { BROKER_SERVICE_NAME, jobRequest } from './broker/client.js';
import { describeHresult, InvalidArgumentError, PermissionError } from './errors.js';
import type { NativeBinding, NativeFact, NativePreflightFacts, NativePreflightRequest, NativeRegistryValue } from './native.js';
import type {
  AgentFacts, BrokerReachFacts, FactFailure, FactReading, PredictedError, PreflightCheck, PreflightCheckId, PreflightFacts,
  PreflightOptions, PreflightReport, PreflightStatus, RegistryData, RegistryKeyFacts, ServiceFacts, TokenFacts, UpdateStatus,
} from './types.js';

/** The broker service for remote shells, by its service name. */
export const BROKER_SERVICE = BROKER_SERVICE_NAME;

/** The services updates depend on, by service name, with the check that names each. */
export const UPDATE_SERVICES = {
  wuauserv: 'service.wuauserv',
  BITS: 'service.bits',
  CryptSvc: 'service.cryptsvc',
  msiserver: 'service.msiserver',
  TrustedInstaller: 'service.trustedinstaller',
} as const satisfies Record<string, PreflightCheckId>;

/** The Configuration Manager client's service. */
export const CONFIGURATION_MANAGER_SERVICE = 'CcmExec';

/** Registry keys under HKEY_LOCAL_MACHINE that the checks read. */
export const KEYS = {
  windowsUpdatePolicy: 'SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate',
  automaticUpdatesPolicy: 'SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU',
  componentServicingRebootPending: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending',
  windowsUpdateRebootRequired: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired',
  sessionManager: 'SYSTEM\\CurrentControlSet\\Control\\Session Manager',
  configurationManagerClient: 'SOFTWARE\\Microsoft\\CCM',
} as const;

/** Only this value of the Session Manager key: its others are large and say nothing here. */
const SESSION_MANAGER_VALUES = ['PendingFileRenameOperations'];

/** Held by Windows Installer while any installation runs (documented as _MSIExecute). */
export const INSTALLER_MUTEX = 'Global\\_MSIExecute';

/** Below this, the system drive fails the check; below the second, it warns. In bytes. */
export const DISK_FAILURE_BYTES = 2 * 1024 ** 3;
export const DISK_WARNING_BYTES = 10 * 1024 ** 3;

export const DEFAULT_PREFLIGHT_TIMEOUT_MS = 5000;

export function preflightRequest(timeoutMs: number): NativePreflightRequest {
  return {
    services: [...Object.keys(UPDATE_SERVICES), CONFIGURATION_MANAGER_SERVICE, BROKER_SERVICE],
    keys: Object.values(KEYS).map((path) => ({ path, values: path === KEYS.sessionManager ? SESSION_MANAGER_VALUES : [] })),
    mutexes: [INSTALLER_MUTEX],
    timeoutMs,
  };
}

// ----- facts -----

function failureOf(failure: NonNullable<NativeFact<unknown>['failure']>): FactFailure {
  // HRESULT_FROM_WIN32, so that the package's one table names it.
  const info = describeHresult(failure.win32Error === 0 ? 0 : (0x80070000 | (failure.win32Error & 0xffff)) >>> 0);
  return {
    call: failure.call,
    hresult: info.hresult,
    code: info.name,
    message: failure.timedOut ? 'did not answer within the time bound' : info.meaning,
    timedOut: failure.timedOut,
  };
}

function reading<N, T>(fact: NativeFact<N>, convert: (value: N) => T): FactReading<T> {
  return { value: fact.value === null ? null : convert(fact.value), failure: fact.failure && failureOf(fact.failure) };
}

const ELEVATION_TYPES = { 1: 'default', 2: 'full', 3: 'limited' } as const;

function integrityLevel(rid: number): TokenFacts['integrityLevel'] {
  if (rid >= 0x5000) return 'protected';
  if (rid >= 0x4000) return 'system';
  if (rid >= 0x3000) return 'high';
  if (rid >= 0x2100) return 'mediumPlus';
  if (rid >= 0x2000) return 'medium';
  if (rid >= 0x1000) return 'low';
  return 'untrusted';
}

function tokenFrom(token: NonNullable<NativePreflightFacts['token']['value']>): TokenFacts {
  // A network logon wins: a shell reached over SSH or WinRM may hold other groups too.
  let logonType: TokenFacts['logonType'] = 'unknown';
  if (token.network) logonType = 'network';
  else if (token.localSystem || token.service) logonType = 'service';
  else if (token.batch) logonType = 'batch';
  else if (token.remoteInteractive) logonType = 'remoteInteractive';
  else if (token.interactive) logonType = 'interactive';
  return {
    elevated: token.elevated,
    elevationType: ELEVATION_TYPES[token.elevationType as 1 | 2 | 3] ?? 'default',
    integrityLevel: integrityLevel(token.integrityRid),
    administrators: token.administrators,
    logonType,
    sessionId: token.sessionId,
    localSystem: token.localSystem,
    user: token.user,
  };
}

const START_TYPES = ['boot', 'system', 'automatic', 'manual', 'disabled'] as const;
const STATES = ['stopped', 'startPending', 'stopPending', 'running', 'continuePending', 'pausePending', 'paused'] as const;

function serviceFrom(service: NonNullable<NativePreflightFacts['services'][number]['value']>): ServiceFacts {
  if (!service.installed) return { installed: false, startType: null, delayedAutoStart: false, state: null };
  return {
    installed: true,
    startType: START_TYPES[service.startType] ?? null,
    delayedAutoStart: service.delayedAutoStart,
    state: STATES[service.state - 1] ?? null,
  };
}

function dataOf(value: NativeRegistryValue): RegistryData {
  if (value.number !== undefined) return value.number;
  if (value.text !== undefined) return value.text;
  if (value.type === 7) return value.texts ?? [];
  return { type: value.type, size: value.size };
}

function keyFrom(key: NonNullable<NativePreflightFacts['keys'][number]['value']>): RegistryKeyFacts {
  return { exists: key.exists, values: Object.fromEntries(key.values.map((value) => [value.name, dataOf(value)])) };
}

const ACCESS_TYPES = { 0: 'default', 1: 'direct', 3: 'named', 4: 'automatic' } as const;

function agentFrom(status: UpdateStatus): AgentFacts {
  return {
    productVersion: status.productVersion,
    apiMajorVersion: status.apiMajorVersion,
    apiMinorVersion: status.apiMinorVersion,
    rebootRequired: status.rebootRequiredBy.agent,
    installerBusy: status.installerBusy,
    warnings: status.warnings,
  };
}

/** The agent's facts from its status call, or the failure of the whole call. */
export function agentReading(status: UpdateStatus | { failure: FactFailure }): FactReading<AgentFacts> {
  return 'failure' in status ? { value: null, failure: status.failure } : { value: agentFrom(status), failure: null };
}

export function factsFrom(native: NativePreflightFacts, request: NativePreflightRequest, agent: FactReading<AgentFacts>): PreflightFacts {
  return {
    token: reading(native.token, tokenFrom),
    logonSession: reading(native.logonSession, (value) => value),
    services: Object.fromEntries(request.services.map((name, i) => [name, reading(native.services[i]!, serviceFrom)])),
    registry: Object.fromEntries(request.keys.map((key, i) => [key.path, reading(native.keys[i]!, keyFrom)])),
    mutexes: Object.fromEntries(request.mutexes.map((name, i) => [name, reading(native.mutexes[i]!, (value) => value)])),
    proxy: reading(native.proxy, (value) => ({
      accessType: ACCESS_TYPES[value.accessType as 0 | 1 | 3 | 4] ?? 'default', proxy: value.proxy, bypass: value.bypass,
    })),
    disk: reading(native.disk, (value) => value),
    agent,
  };
}

// ----- checks -----

type Facts = PreflightCheck['facts'];

function predicted(code: number, operations: string[]): PredictedError {
  const info = describeHresult(code);
  return { hresult: info.hresult, code: info.name, operations };
}

const E_ACCESSDENIED = 0x80070005;
const ERROR_SERVICE_DISABLED = 0x80070422;
const WU_E_WU_DISABLED = 0x8024002e;
const WU_E_NO_INTERACTIVE_USER = 0x80240020;
const WU_E_OPERATIONINPROGRESS = 0x80240009;
const ERROR_DISK_FULL = 0x80070070;

function check(id: PreflightCheckId, title: string, status: PreflightStatus, facts: Facts, hint: string,
  predictedError?: PredictedError): PreflightCheck {
  return predictedError ? { id, title, status, facts, hint, predictedError } : { id, title, status, facts, hint };
}

/** A check whose fact could not be read: unknown, with the call that failed and why. */
function unknownCheck(id: PreflightCheckId, title: string, failure: FactFailure | null): PreflightCheck {
  const why = failure ? `${failure.call} failed with ${failure.code}: ${failure.message}` : 'not read';
  return check(id, title, 'unknown', {}, `Could not be read: ${why}.`);
}

function tokenChecks(facts: PreflightFacts): PreflightCheck[] {
  const { value: token, failure } = facts.token;
  if (!token) {
    return [unknownCheck('token.elevation', 'Elevation', failure), unknownCheck('token.logon', 'Logon type', failure),
      unknownCheck('token.secondaryLogon', 'Secondary Logon', failure)];
  }
  const tokenFacts = { elevated: token.elevated, elevationType: token.elevationType, integrityLevel: token.integrityLevel,
    administrators: token.administrators };
  const elevated = token.elevated || token.localSystem;
  const elevation = elevated
    ? check('token.elevation', 'Elevation', 'ok', tokenFacts, 'The process is elevated: the agent gives it a session that may install.')
    // IUpdateSession::ReadOnly: "a session for a non-administrator user is read-only" (WUA reference).
    : check('token.elevation', 'Elevation', 'failure', tokenFacts,
      token.elevationType === 'limited'
        ? 'The process runs with the limited token of an administrator (UAC): run it elevated (Run as administrator).'
        : 'The process is not elevated: the agent gives it a read-only session. Run it as an administrator or as SYSTEM.',
      predicted(E_ACCESSDENIED, ['download', 'install', 'uninstall', 'hide']));

  const logonFacts = { logonType: token.logonType, sessionId: token.sessionId, localSystem: token.localSystem, user: token.user };
  let logon: PreflightCheck;
  if (token.logonType === 'network') {
    // "This method returns E_ACCESSDENIED if it is called from a remote computer" (IUpdateDownloader::Download,
    // IUpdateInstaller::Install, IUpdate::put_IsHidden in the WUA reference).
    logon = check('token.logon', 'Logon type', 'failure', logonFacts,
      'A network logon (SSH, WinRM, PsExec without -s): the agent refuses downloads, installs and hiding to it. '
      + 'Run the work as a scheduled task or as SYSTEM, or through the broker service.',
      predicted(E_ACCESSDENIED, ['download', 'install', 'uninstall', 'hide']));
  } else if (token.logonType === 'unknown') {
    logon = check('token.logon', 'Logon type', 'warning', logonFacts, 'The token has none of the logon groups Windows gives a logon.');
  } else {
    logon = check('token.logon', 'Logon type', 'ok', logonFacts,
      token.sessionId === 0 ? 'Session 0 (services, scheduled tasks): installs cannot ask a user anything.' : 'A local logon.');
  }

  const { value: session, failure: sessionFailure } = facts.logonSession;
  let secondary: PreflightCheck;
  if (!session) {
    secondary = unknownCheck('token.secondaryLogon', 'Secondary Logon', sessionFailure);
  } else {
    const sameUser = session.sessionUser.toLowerCase() === token.user.toLowerCase();
    const secondaryFacts = { user: token.user, sessionUser: session.sessionUser, sessionId: token.sessionId };
    if (token.logonType === 'service' || token.logonType === 'network' || token.logonType === 'batch' || sameUser) {
      secondary = check('token.secondaryLogon', 'Secondary Logon', 'ok', secondaryFacts, 'Not a Run As process.');
    } else if (!session.sessionUser) {
      // "Using WUA From a Secondary Logon (Run As) Process" (WUA SDK): with no interactive user,
      // updates that may ask for input fail with WU_E_NO_INTERACTIVE_USER.
      secondary = check('token.secondaryLogon', 'Secondary Logon', 'failure', secondaryFacts,
        'A Run As process with no user logged on interactively: installs of updates that may ask for input fail.',
        predicted(WU_E_NO_INTERACTIVE_USER, ['install']));
    } else {
      secondary = check('token.secondaryLogon', 'Secondary Logon', 'warning', secondaryFacts,
        `A Run As process in ${session.sessionUser}'s session: the agent shows any prompt to that user.`);
    }
  }
  return [elevation, logon, secondary];
}

function serviceChecks(facts: PreflightFacts): PreflightCheck[] {
  return Object.entries(UPDATE_SERVICES).map(([name, id]) => {
    const title = `Service ${name}`;
    const { value, failure } = facts.services[name] ?? { value: null, failure: null };
    if (!value) return unknownCheck(id, title, failure);
    const serviceFacts = { installed: value.installed, startType: value.startType, state: value.state };
    if (!value.installed) {
      return check(id, title, 'failure', serviceFacts, `${name} is not installed: Windows Update needs it.`,
        predicted(ERROR_SERVICE_DISABLED, ['search', 'download', 'install']));
    }
    if (value.startType === 'disabled') {
      return check(id, title, 'failure', serviceFacts,
        `${name} is disabled: calls that need it fail. Set it back to manual (sc config ${name} start= demand).`,
        predicted(ERROR_SERVICE_DISABLED, name === 'BITS' ? ['download'] : ['search', 'download', 'install']));
    }
    return check(id, title, 'ok', serviceFacts,
      value.state === 'running' ? `${name} is running.` : `${name} starts when a call needs it.`);
  });
}

function keyValues(facts: PreflightFacts, path: string): { key: RegistryKeyFacts | null; failure: FactFailure | null } {
  const fact = facts.registry[path] ?? { value: null, failure: null };
  return { key: fact.value, failure: fact.failure };
}

function numberOf(key: RegistryKeyFacts, name: string): number | null {
  const value = key.values[name];
  return typeof value === 'number' ? value : null;
}

function textOf(key: RegistryKeyFacts, name: string): string | null {
  const value = key.values[name];
  return typeof value === 'string' ? value : null;
}

function policyChecks(facts: PreflightFacts): PreflightCheck[] {
  const wu = keyValues(facts, KEYS.windowsUpdatePolicy);
  const au = keyValues(facts, KEYS.automaticUpdatesPolicy);
  const checks: PreflightCheck[] = [];
  if (!wu.key || !au.key) {
    const failure = wu.failure ?? au.failure;
    return [unknownCheck('policy.server', 'Update server', failure), unknownCheck('policy.access', 'Windows Update access', failure),
      unknownCheck('policy.automaticUpdates', 'Automatic Updates policy', failure)];
  }
  const server = textOf(wu.key, 'WUServer');
  const statusServer = textOf(wu.key, 'WUStatusServer');
  const useServer = numberOf(au.key, 'UseWUServer') === 1;
  const serverFacts = { useWUServer: useServer, server, statusServer, targetGroup: textOf(wu.key, 'TargetGroup'),
    targetGroupEnabled: numberOf(wu.key, 'TargetGroupEnabled') === 1 };
  if (useServer && !server) {
    checks.push(check('policy.server', 'Update server', 'failure', serverFacts,
      'UseWUServer is set but WUServer is empty: the agent has no server to ask. Fix the policy or clear UseWUServer.'));
  } else if (useServer && server && !/^https?:\/\/[^\s/]+/i.test(server)) {
    checks.push(check('policy.server', 'Update server', 'failure', serverFacts,
      `WUServer is not an http(s) URL (${server}): the agent cannot reach it.`));
  } else if (useServer) {
    checks.push(check('policy.server', 'Update server', 'ok', serverFacts,
      `Searches go to ${server}${serverFacts.targetGroup ? ` (target group ${serverFacts.targetGroup})` : ''}; `
      + 'a search that fails with WU_E_PT_* errors points at that server.'));
  } else {
    checks.push(check('policy.server', 'Update server', 'ok', serverFacts,
      server ? `WUServer is set (${server}) but UseWUServer is not: searches go to Microsoft.` : 'No managed server: searches go to Microsoft.'));
  }

  const disableAccess = numberOf(wu.key, 'DisableWindowsUpdateAccess') === 1;
  const noInternet = numberOf(wu.key, 'DoNotConnectToWindowsUpdateInternetLocations') === 1;
  const accessFacts = { disableWindowsUpdateAccess: disableAccess, doNotConnectToWindowsUpdateInternetLocations: noInternet };
  if (disableAccess) {
    checks.push(check('policy.access', 'Windows Update access', 'failure', accessFacts,
      'DisableWindowsUpdateAccess is set: searches against Windows Update are refused. Remove the policy or search the managed server.',
      predicted(WU_E_WU_DISABLED, ['search'])));
  } else if (noInternet && !useServer) {
    checks.push(check('policy.access', 'Windows Update access', 'warning', accessFacts,
      'DoNotConnectToWindowsUpdateInternetLocations is set with no managed server: online searches may find nothing.'));
  } else {
    checks.push(check('policy.access', 'Windows Update access', 'ok', accessFacts, 'No policy denies access to Windows Update.'));
  }

  const auFacts: Facts = { noAutoUpdate: numberOf(au.key, 'NoAutoUpdate') === 1, auOptions: numberOf(au.key, 'AUOptions') };
  for (const name of ['DeferQualityUpdates', 'DeferQualityUpdatesPeriodInDays', 'DeferFeatureUpdates', 'DeferFeatureUpdatesPeriodInDays',
    'PauseQualityUpdatesStartTime', 'PauseFeatureUpdatesStartTime']) {
    const value = wu.key.values[name];
    if (typeof value === 'number' || typeof value === 'string') auFacts[name.charAt(0).toLowerCase() + name.slice(1)] = value;
  }
  checks.push(auFacts.noAutoUpdate
    ? check('policy.automaticUpdates', 'Automatic Updates policy', 'warning', auFacts,
      'NoAutoUpdate is set: Windows does not update by itself; calls made here still work.')
    : check('policy.automaticUpdates', 'Automatic Updates policy', 'ok', auFacts,
      'Automatic Updates are not turned off by policy; deferrals, if any, are listed.'));
  return checks;
}

function restartChecks(facts: PreflightFacts): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const agent = facts.agent.value;
  const agentFailure = agent?.warnings.find((warning) => warning.field === 'rebootRequiredBy.agent');
  if (!agent || agent.rebootRequired === null) {
    checks.push(unknownCheck('restart.agent', 'Restart (agent)', facts.agent.failure ?? (agentFailure
      ? { call: agentFailure.member, hresult: agentFailure.hresult, code: agentFailure.code, message: agentFailure.message, timedOut: false }
      : null)));
  } else {
    checks.push(check('restart.agent', 'Restart (agent)', agent.rebootRequired ? 'warning' : 'ok', { rebootRequired: agent.rebootRequired },
      agent.rebootRequired ? 'The agent waits for a restart (what status() reports): updates installed since need it to finish.'
        : 'The agent does not wait for a restart.'));
  }
  const byKey = (id: PreflightCheckId, title: string, path: string, source: string): PreflightCheck => {
    const { key, failure } = keyValues(facts, path);
    if (!key) return unknownCheck(id, title, failure);
    return check(id, title, key.exists ? 'warning' : 'ok', { pending: key.exists, key: `HKLM\\${path}` },
      key.exists ? `${source} waits for a restart: installs may fail or be held until the machine restarts.` : `${source} waits for no restart.`);
  };
  checks.push(byKey('restart.componentServicing', 'Restart (servicing)', KEYS.componentServicingRebootPending, 'Component Based Servicing'));
  checks.push(byKey('restart.windowsUpdate', 'Restart (Windows Update)', KEYS.windowsUpdateRebootRequired, 'Windows Update'));
  const { key, failure } = keyValues(facts, KEYS.sessionManager);
  if (!key) {
    checks.push(unknownCheck('restart.fileRenames', 'Restart (file renames)', failure));
  } else {
    const renames = key.values.PendingFileRenameOperations;
    // Pairs of source and target; an empty target is a deletion.
    const files = Array.isArray(renames) ? renames.filter((_, i) => i % 2 === 0) : [];
    checks.push(check('restart.fileRenames', 'Restart (file renames)', files.length ? 'warning' : 'ok',
      { pending: files.length > 0, files: files.slice(0, 20), count: files.length },
      files.length ? 'Files wait to be replaced at the next restart (PendingFileRenameOperations); any installer may have left them.'
        : 'No file waits to be replaced at restart.'));
  }
  return checks;
}

function installerCheck(facts: PreflightFacts): PreflightCheck {
  const mutex = facts.mutexes[INSTALLER_MUTEX] ?? { value: null, failure: null };
  const agentBusy = facts.agent.value?.installerBusy ?? null;
  if (mutex.value === null && agentBusy === null) return unknownCheck('installer.busy', 'Installer', mutex.failure ?? facts.agent.failure);
  const busyFacts = { windowsInstallerBusy: mutex.value, agentInstallerBusy: agentBusy };
  if (mutex.value || agentBusy) {
    return check('installer.busy', 'Installer', 'warning', busyFacts,
      agentBusy ? 'The agent is installing for another client: an install now waits or fails until it ends.'
        : 'Windows Installer is running an installation (_MSIExecute): installs of MSI-based updates wait for it.',
      predicted(WU_E_OPERATIONINPROGRESS, ['install', 'uninstall']));
  }
  return check('installer.busy', 'Installer', 'ok', busyFacts, 'No installation is running.');
}

function agentCheck(facts: PreflightFacts): PreflightCheck {
  const agent = facts.agent.value;
  if (!agent || agent.productVersion === null) {
    const warning = agent?.warnings.find((w) => w.field === 'productVersion');
    return unknownCheck('agent.version', 'Agent', facts.agent.failure ?? (warning
      ? { call: warning.member, hresult: warning.hresult, code: warning.code, message: warning.message, timedOut: false } : null));
  }
  const api = agent.apiMajorVersion === null ? null : `${agent.apiMajorVersion}.${agent.apiMinorVersion}`;
  return check('agent.version', 'Agent', 'ok', { productVersion: agent.productVersion, apiVersion: api },
    `Windows Update Agent ${agent.productVersion}${api ? `, API ${api}` : ''}.`);
}

function proxyCheck(facts: PreflightFacts): PreflightCheck {
  const { value, failure } = facts.proxy;
  if (!value) return unknownCheck('network.proxy', 'WinHTTP proxy', failure);
  const proxyFacts = { accessType: value.accessType, proxy: value.proxy || null, bypass: value.bypass || null };
  if (value.accessType === 'named' && !value.proxy) {
    return check('network.proxy', 'WinHTTP proxy', 'failure', proxyFacts, 'A named WinHTTP proxy with no address: the service cannot connect.');
  }
  return check('network.proxy', 'WinHTTP proxy', 'ok', proxyFacts, value.accessType === 'named'
    ? `The agent's service connects through ${value.proxy} (netsh winhttp show proxy).`
    : 'The agent\'s service connects directly (no WinHTTP proxy).');
}

function diskCheck(facts: PreflightFacts): PreflightCheck {
  const { value, failure } = facts.disk;
  if (!value) return unknownCheck('disk.system', 'System drive', failure);
  const diskFacts = { root: value.root, freeBytes: value.freeBytes, totalBytes: value.totalBytes };
  const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (value.freeBytes < DISK_FAILURE_BYTES) {
    return check('disk.system', 'System drive', 'failure', diskFacts,
      `${gb(value.freeBytes)} free on ${value.root}: downloads and installs fail. Free space (cleanmgr, Storage Sense).`,
      predicted(ERROR_DISK_FULL, ['download', 'install']));
  }
  if (value.freeBytes < DISK_WARNING_BYTES) {
    return check('disk.system', 'System drive', 'warning', diskFacts,
      `${gb(value.freeBytes)} free on ${value.root}: enough for small updates, not for a cumulative or feature update.`);
  }
  return check('disk.system', 'System drive', 'ok', diskFacts, `${gb(value.freeBytes)} free on ${value.root}.`);
}

function configurationManagerCheck(facts: PreflightFacts): PreflightCheck {
  const service = facts.services[CONFIGURATION_MANAGER_SERVICE] ?? { value: null, failure: null };
  const { key, failure } = keyValues(facts, KEYS.configurationManagerClient);
  if (!service.value && !key) return unknownCheck('management.configurationManager', 'Configuration Manager', service.failure ?? failure);
  const present = Boolean(service.value?.installed) || Boolean(key?.exists);
  const cmFacts = { serviceInstalled: service.value?.installed ?? null, clientKey: key?.exists ?? null };
  return present
    ? check('management.configurationManager', 'Configuration Manager', 'warning', cmFacts,
      'A Configuration Manager client (CcmExec) manages updates here: installing around it surprises its administrators '
      + 'and its compliance reports. Deploy through it unless they agree.')
    : check('management.configurationManager', 'Configuration Manager', 'ok', cmFacts, 'No Configuration Manager client.');
}

function brokerCheck(facts: PreflightFacts): PreflightCheck {
  const { value, failure } = facts.services[BROKER_SERVICE] ?? { value: null, failure: null };
  if (!value) return unknownCheck('broker.installed', 'Broker service', failure);
  const brokerFacts = { service: BROKER_SERVICE, installed: value.installed, startType: value.startType, state: value.state };
  const network = facts.token.value?.logonType === 'network';
  if (!value.installed) {
    return check('broker.installed', 'Broker service', network ? 'warning' : 'ok', brokerFacts, network
      ? `${BROKER_SERVICE} is not installed: from a network logon, installs need it (or a scheduled task).`
      : `${BROKER_SERVICE} is not installed; only remote shells need it.`);
  }
  if (value.startType === 'disabled') {
    return check('broker.installed', 'Broker service', network ? 'failure' : 'warning', brokerFacts, `${BROKER_SERVICE} is installed but disabled.`);
  }
  const reach = facts.broker;
  if (reach?.failure) {
    const refused = reach.failure.hresult === E_ACCESSDENIED;
    return check('broker.installed', 'Broker service', network ? 'failure' : 'warning', { ...brokerFacts, reachable: false },
      refused
        ? `${BROKER_SERVICE} runs but refused this process: it admits only members of Administrators and SYSTEM.`
        : `${BROKER_SERVICE} runs but did not answer on its pipe (${reach.failure.code}: ${reach.failure.message}).`,
      refused ? predicted(E_ACCESSDENIED, ['broker']) : undefined);
  }
  const probed = reach?.value?.probed ?? false;
  return check('broker.installed', 'Broker service', 'ok', probed ? { ...brokerFacts, reachable: true } : brokerFacts, probed
    ? `${BROKER_SERVICE} is installed, runs and admits this process.`
    : `${BROKER_SERVICE} is installed (${value.state ?? 'state unknown'}); it starts on demand.`);
}

/**
 * The report for a set of facts: one check per PreflightCheckId, in its order, and ready when
 * none failed. Pure: the same facts always give the same report.
 */
export function preflightReport(facts: PreflightFacts): PreflightReport {
  const checks = [
    ...tokenChecks(facts), ...serviceChecks(facts), ...policyChecks(facts), ...restartChecks(facts),
    installerCheck(facts), agentCheck(facts), proxyCheck(facts), diskCheck(facts), configurationManagerCheck(facts), brokerCheck(facts),
  ];
  return { ready: !checks.some((c) => c.status === 'failure'), checks, facts };
}

// ----- the call -----

/** @internal preflight()'s option names. */
export const PREFLIGHT_OPTIONS: readonly string[] = ['timeoutMs'];

export function preflightOptions(options: PreflightOptions | undefined): { timeoutMs: number } {
  if (options === undefined) return { timeoutMs: DEFAULT_PREFLIGHT_TIMEOUT_MS };
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'must be an object');
  // By name, as every call's options: a misspelt `timeout` was silently dropped.
  for (const key of Object.keys(options)) {
    if (!PREFLIGHT_OPTIONS.includes(key)) throw new InvalidArgumentError(`options.${key}`, 'is not an option of preflight');
  }
  const { timeoutMs = DEFAULT_PREFLIGHT_TIMEOUT_MS } = options;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new InvalidArgumentError('options.timeoutMs', 'must be a whole number of ms from 1 to 600000');
  }
  return { timeoutMs };
}

const WAIT_TIMEOUT = 0x80070102;

function failureOfError(error: unknown, call: string): FactFailure {
  const hresult = typeof (error as { hresult?: unknown }).hresult === 'number' ? (error as { hresult: number }).hresult : 0x80004005;
  const info = describeHresult(hresult);
  return { call, hresult: info.hresult, code: info.name, message: error instanceof Error ? error.message : info.meaning, timedOut: false };
}

/**
 * The agent's part, within the same bound: a wedged agent's status call goes on in the
 * background (the agent offers no abort for it), and the report says it did not answer.
 */
function agentWithin(status: () => Promise<UpdateStatus>, timeoutMs: number): Promise<FactReading<AgentFacts>> {
  const read = status().then((value) => agentReading(value), (error: unknown) => agentReading({ failure: failureOfError(error, 'UpdateSession.status') }));
  return within(read, 'UpdateSession.status', timeoutMs);
}

/** A reading within the preflight's bound, or a timed-out failure of `call`. */
async function within<T>(read: Promise<FactReading<T>>, call: string, timeoutMs: number): Promise<FactReading<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<FactReading<T>>((resolve) => {
    timer = setTimeout(() => resolve({ value: null, failure: {
      call, hresult: WAIT_TIMEOUT, code: describeHresult(WAIT_TIMEOUT).name,
      message: 'did not answer within the time bound', timedOut: true,
    } }), timeoutMs);
  });
  try {
    return await Promise.race([read, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a running broker admits this process: its pipe asked for the job list, the request
 * `wua broker status` makes. A stopped broker is not asked, since asking would start it.
 */
function brokerWithin(facts: PreflightFacts, timeoutMs: number): Promise<FactReading<BrokerReachFacts>> {
  if (facts.services[BROKER_SERVICE]?.value?.state !== 'running') {
    return Promise.resolve({ value: { probed: false, reachable: false }, failure: null });
  }
  const read = jobRequest({ type: 'jobs', request: 'list' }, (reply) => 'jobs' in reply).then(
    () => ({ value: { probed: true, reachable: true }, failure: null }),
    (error: unknown) => ({ value: null, failure: error instanceof PermissionError
      ? { ...failureOfError(error, 'connect to the broker'), hresult: E_ACCESSDENIED }
      : failureOfError(error, 'connect to the broker') }));
  return within(read, 'connect to the broker', timeoutMs);
}

/**
 * The preflight of a machine: `machine` reads its facts (the addon, or a fake agent from its
 * scenario, which has no broker to ask).
 */
export async function runPreflight(machine: Pick<NativeBinding, 'preflightFacts'>, status: () => Promise<UpdateStatus>,
  options: { timeoutMs: number; askBroker: boolean }): Promise<PreflightReport> {
  const request = preflightRequest(options.timeoutMs);
  const [raw, agent] = await Promise.all([machine.preflightFacts(request), agentWithin(status, options.timeoutMs)]);
  const facts = factsFrom(raw, request, agent);
  if (options.askBroker) facts.broker = await brokerWithin(facts, options.timeoutMs);
  return preflightReport(facts);
}
