// What to do about a failure: a hint for each family of codes, and hints of their own for the codes
// users meet most and for those a family's hint would not fit. A hint names the cause and a next
// step, and is true wherever its code can arise. A hint that names an option exists twice, once for
// callers of the API and once for people at the `wua` command line, which speaks in flags.
import type { ErrorCategory } from './types.js';

/** Who reads a hint: a program calling the API, or a person running `wua`. */
export type HintAudience = 'api' | 'cli';

type Hint = string | { readonly api: string; readonly cli: string };

// The last resort, for codes the table does not know (HRESULT_0x...) and nothing else: every code
// in the table has a hint of its own or its family's, because a category says too little.
const CATEGORY_HINTS: Readonly<Record<ErrorCategory, Hint>> = {
  success: 'not a failure: nothing needs doing',
  network: 'check the connection to the update server (proxy, firewall, WSUS address), then retry',
  permission: 'run from an elevated (administrator) process on the machine itself: downloads, installs and hiding need it',
  busy: 'another update operation is running; wait for it to finish and retry',
  reboot: 'restart Windows to finish the pending work, then retry',
  'invalid-input': 'check the arguments: criteria, selected updates and options',
  aborted: 'the operation was cancelled before it finished',
  disk: 'free space on the system drive, then retry',
  policy: 'a policy or setting blocks this; check Group Policy and the Windows Update settings',
  download: 'the download failed; retry, or clear the download cache (SoftwareDistribution\\Download)',
  install: 'the update\'s installer failed; see the update history and the CBS/WindowsUpdate logs',
  corrupt: 'a store the update depends on is damaged: run DISM /Online /Cleanup-Image /RestoreHealth, then sfc /scannow, and retry',
  agent: 'the Windows Update service failed; check that it is running (wuauserv) and retry',
  unknown: 'see the HRESULT in Microsoft\'s Windows Update error reference',
};

// Shared wording, so that codes with one cause say it the same way.
const REPAIR_STORE = 'run DISM /Online /Cleanup-Image /RestoreHealth, then sfc /scannow, restart and retry';
const RESET_DATASTORE = 'stop wuauserv, rename C:\\Windows\\SoftwareDistribution, start wuauserv and search again'
  + ' (the local update history is lost)';
const LOCAL_ONLY = 'run it on the machine itself, e.g. as a scheduled task under SYSTEM';
// The broker service runs the calls as a local service for administrators (lib/broker/).
const THROUGH_BROKER = { api: `open the session with isolation: 'broker' (after wua broker install), or ${LOCAL_ONLY}`,
  cli: `run it with --via broker (after wua broker install), or ${LOCAL_ONLY}` };
const TLS = 'check the clock, the root certificates (an outdated root store or a TLS inspection proxy'
  + ' whose root the machine does not trust) and that TLS 1.2 is enabled';
const WSUS_OR_PROXY = 'check the WSUS address (WUServer policy) or the proxy, and that the server is up';
const AGENT_UPDATE = 'install the latest servicing stack and cumulative update, which carry the current Windows Update Agent';
const RESTART = 'restart Windows to finish the pending work, then run the operation again';
const NEW_SESSION = {
  api: 'open a new UpdateSession and retry',
  cli: 'run the command again',
} as const;

// By name prefix; the longest prefix that matches wins. Each hint must be true of every code
// whose name starts with its prefix, or that code needs a hint of its own below.
const FAMILY_HINTS: ReadonlyArray<readonly [prefix: string, hint: Hint]> = [
  ['WU_S_', 'not a failure: the agent reports how the operation went; nothing needs doing'],

  // Protocol: the agent talking to Windows Update, Microsoft Update or WSUS.
  ['WU_E_PT_', `talking to the update server failed: ${WSUS_OR_PROXY}, then retry`],
  ['WU_E_PT_HTTP_STATUS_', `the update server or a proxy answered with an HTTP error: ${WSUS_OR_PROXY}; on WSUS see its IIS logs`],
  ['WU_E_PT_SOAP', 'the update server could not serve the request (a SOAP failure): on WSUS check its health and'
    + ' event log (IIS, WsusPool), then retry; elsewhere retry later'],
  ['WU_E_PT_ECP_', 'the update metadata (cab files) from the server could not be processed; a web filter or proxy'
    + ' that alters downloads is a common cause: exempt the update servers from it, then retry'],
  ['WU_E_PT_ENDPOINT', 'the agent could not reach an endpoint of the update service: check the connection, proxy and'
    + ' firewall (the Windows Update endpoints must be reachable), then retry'],
  ['WU_E_REDIRECTOR_', 'the agent could not get or read the service locator (redirector) data it needs: check that the'
    + ' Windows Update endpoints are reachable through the proxy and firewall, then retry'],
  ['WU_E_SIH_', 'a background repair of Windows Update itself (server-initiated healing) failed; it tries again on'
    + ` its own. If update jobs fail as well, ${AGENT_UPDATE}`],

  // Download manager: BITS and Delivery Optimization.
  ['WU_E_DM_', 'the download failed: retry; if it keeps failing, check BITS and Delivery Optimization (DoSvc), the'
    + ' connection, and clear SoftwareDistribution\\Download'],
  ['WU_E_DM_UNAUTHORIZED', 'the update service refused this content to this user or device: run the download from an'
    + ' administrator account or SYSTEM, and check the account may download it'],

  // Update handlers: the installers the agent runs (CBS, MSI, drivers, apps, ...).
  ['WU_E_UH_', 'the update\'s installer (its handler) failed: see the update history, then CBS.log'
    + ' (C:\\Windows\\Logs\\CBS) and the Windows Update log for the underlying error'],
  ['WU_E_UH_POSTREBOOT', `part of the update runs during a restart: ${RESTART}`],
  ['WU_E_UH_APPX_', 'the app update could not be placed: the volume that holds apps (or the app\'s package family)'
    + ' is missing; check that drive, then update the app from the Microsoft Store'],
  ['WU_E_MSI_', 'Windows Installer is missing or misconfigured, so updates for MSI-installed products may be missed:'
    + ' check the Windows Installer service (msiserver) is not disabled, then search again'],
  ['WU_E_MSP_', 'Windows Installer patching failed or is blocked, so updates for MSI-installed products may be'
    + ' missed: check the msiserver service and the DisablePatch/DisableMSI policies, then search again'],

  // The agent's own datastore (C:\Windows\SoftwareDistribution\DataStore).
  ['WU_E_DS_', `the agent's datastore is damaged or inconsistent: ${RESET_DATASTORE}`],
  ['WU_E_DS_NODATA', 'the agent\'s datastore lacks data the operation needs (it was never synced, or was cleaned'
    + ' up): search online again; if the error stays, the datastore is damaged: '
    + RESET_DATASTORE],

  ['WU_E_INVENTORY_', 'the agent could not collect or upload the inventory its server asked for: check the WMI'
    + ' service (winmgmt) and the connection to the server, then retry'],
  ['WU_E_AU_', 'Automatic Updates, the scheduling part of the service, cannot take this request now: check that'
    + ' wuauserv is running and the Windows Update settings and policies, then retry'],
  ['WU_E_WUTASK_', 'a Windows Update scheduled task is in a state that does not allow this; wait for it and retry'],
  ['WU_E_DRV_', 'a driver update could not be matched to or checked against its device: see the device in Device'
    + ' Manager; hiding that driver update stops the retries'],
  ['WU_E_SETUP_', `the Windows Update Agent could not update itself: ${AGENT_UPDATE}, then retry`],
  ['WU_E_SELFUPDATE_', `the Windows Update Agent must update itself first: ${AGENT_UPDATE}, then retry`],
  ['WU_E_EE_', 'the agent could not evaluate an update\'s applicability rules, which this agent may be too old to'
    + ` read: ${AGENT_UPDATE}; if one update alone fails, hide it`],
  ['WU_E_REPORTER_', 'the agent could not keep or send its reporting events; this does not decide whether updates'
    + ` install. If it persists, ${RESET_DATASTORE}`],
  ['WU_E_OL_', 'the offline scan package (e.g. wsusscn2.cab) could not be used: download a fresh copy, stage it on a'
    + ' local drive, and keep the agent current'],
  ['WU_E_METADATA', 'the agent could not verify the signature of the update metadata: '
    + `${TLS}, and that no proxy alters the traffic; then retry`],
  ['WU_E_FILETRUST_', 'a file from Windows Update lacks a valid signature: check that no proxy or filter alters'
    + ' downloads, clear SoftwareDistribution\\Download and retry'],
  ['WU_E_TRUST_', 'Windows Update does not trust this file for this action: check that no proxy or filter alters'
    + ' downloads, and that the agent is current'],
  ['WU_E_IDLESHUTDOWN_', 'the service stopped for being idle while this call was on its way; retry'],
  ['WU_E_INSTALLATION_RESULTS_', 'the stored results of an earlier installation cannot be read: check the update'
    + ' history for that installation, then search again'],

  // System codes, by the component that names them.
  ['CBS_E_', `the servicing stack (CBS) failed to apply a package: see C:\\Windows\\Logs\\CBS\\CBS.log; ${REPAIR_STORE}`],
  ['PSFX_E_', 'an express (delta) update does not fit the components installed, usually after component store'
    + ` damage: ${REPAIR_STORE}; if it fails again, install the full update from the Microsoft Update Catalog`],
  ['ERROR_SXS_', `the component store (WinSxS) is damaged or lacks a component the update needs: ${REPAIR_STORE}`],
  ['ERROR_INSTALL_', 'the update\'s Windows Installer (MSI) package failed: see the product\'s MSI log'
    + ' (%TEMP%\\MSI*.log or the installer\'s own log) and the Application event log (MsiInstaller)'],
  ['ERROR_WINHTTP_', 'the agent\'s HTTP stack (WinHTTP) failed to reach the update server: check the proxy'
    + ' (netsh winhttp show proxy), firewall and DNS, then retry'],
  ['ERROR_WINHTTP_SECURE_', `the TLS connection to the update server failed: ${TLS}`],
  ['ERROR_INTERNET_', 'the connection to the update server failed: check the proxy (netsh winhttp show proxy),'
    + ' firewall and DNS, then retry'],
  ['WSA', 'the connection to the update server failed at the network level: check the proxy, firewall, DNS and'
    + ' routing to the server, then retry'],
  ['ERROR_SERVICE_', 'a service the update needs (wuauserv, BITS, CryptSvc, TrustedInstaller, msiserver) cannot run:'
    + ' set it to Manual (or its default start type) in services.msc, check the System event log, then retry'],
  ['CERT_E_', `a certificate could not be trusted: ${TLS}`],
  ['SEC_E_', `Windows' TLS layer (SChannel) rejected the connection to the update server: ${TLS}`],
  ['CRYPT_E_', 'a signature or certificate could not be checked: check the clock, the root certificates, that the'
    + ' Cryptographic Services (CryptSvc) run, and that certificate revocation lists are reachable'],
  ['TRUST_E_', 'a file\'s signature could not be verified: the file is damaged or altered; clear'
    + ' SoftwareDistribution\\Download, check that no proxy or filter alters downloads, then retry'],
  ['RPC_', 'the call to the Windows Update service failed: check that wuauserv is running, then'
    + ' retry from a new session'],
  ['BG_E_', 'BITS, which downloads for the agent, failed: check the connection, that BITS is not disabled, and'
    + ' that no proxy or filter alters downloads, then retry'],
];

const CODE_HINTS: Readonly<Record<string, Hint>> = {
  // ----- success codes that still ask for something -----
  WU_S_UPDATE_ERROR: 'some updates failed: see each update\'s outcome (its code and HRESULT) for why',
  WU_S_REBOOT_REQUIRED: 'restart Windows to finish installing',
  WU_S_SOME_UPDATES_SKIPPED_ON_BATTERY: 'connect the machine to AC power and run the operation again for the skipped updates',
  WU_S_SEARCH_CRITERIA_NOT_SUPPORTED: 'one service skipped the search because it does not support these criteria; the other services\' results stand',
  WU_S_UH_INSTALLSTILLPENDING: 'the installation goes on in the background: wait, then check the update history',

  // ----- the general codes (0x80240xxx) -----
  WU_E_NO_SERVICE: 'the agent could not start the service it needs: check that wuauserv is running, then retry',
  WU_E_MAX_CAPACITY_REACHED: 'the agent holds too many operations or objects: let running operations finish, release sessions, and retry',
  WU_E_UNKNOWN_ID: 'an update, category or service ID was not found: take IDs from a current search result',
  WU_E_NOT_INITIALIZED: 'an agent object was used before it was set up: recreate it (a new session) and retry',
  WU_E_RANGEOVERLAP: 'an update\'s installer asked for overlapping parts of a file: a defect of that update; hide it or report it to its publisher',
  WU_E_TOOMANYRANGES: 'an update\'s installer asked for too many parts of a file: a defect of that update; hide it or report it to its publisher',
  WU_E_INVALIDINDEX: 'an index into a collection of the agent was out of range: check the indexes passed',
  WU_E_ITEMNOTFOUND: 'an item asked for by key was not found: search again for current data',
  WU_E_OPERATIONINPROGRESS: 'another update operation (a search, download or install, perhaps by Windows itself) holds the agent: wait for it to finish, then retry',
  WU_E_COULDNOTCANCEL: 'the operation is past the point where it can be cancelled: wait for it to finish',
  WU_E_CALL_CANCELLED: 'the operation was cancelled by a caller or the service; run it again if it is still wanted',
  WU_E_NOOP: 'there was nothing to do: the updates are already in the state asked for',
  WU_E_XML_MISSINGDATA: 'an update\'s metadata lacks data the agent needs: on WSUS, re-sync the server; otherwise hide that update or wait for its publisher to fix it',
  WU_E_XML_INVALID: 'an update\'s metadata is invalid for this agent (some driver metadata is): keep the agent current, and hide the update if it persists',
  WU_E_CYCLE_DETECTED: 'update relationships in the metadata form a cycle: on WSUS, decline the updates involved and re-sync; otherwise retry later',
  WU_E_TOO_DEEP_RELATION: 'update relationships in the metadata nest too deeply: on WSUS, decline superseded updates and re-sync; otherwise retry later',
  WU_E_INVALID_RELATIONSHIP: 'an update\'s relationships in the metadata are invalid: on WSUS, re-sync the server; otherwise retry later',
  WU_E_REG_VALUE_INVALID: 'a Windows Update registry value (often a policy under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate) has an invalid value: correct or remove it',
  WU_E_DUPLICATE_ITEM: 'the same item was added twice to a collection: pass each update once',
  WU_E_INVALID_INSTALL_REQUESTED: 'some of the updates cannot be installed by this caller (e.g. per-user updates for another user): select updates for this context',
  WU_E_INSTALL_NOT_ALLOWED: 'the agent will not install now: an installation is already running or a restart is pending; wait for it, or restart Windows, then retry',
  WU_E_NOT_APPLICABLE: 'none of the updates applies to this machine any more (already installed, superseded, or not for this system): search again',
  WU_E_NO_USERTOKEN: 'the operation needs a user token the caller does not have: run it from a logged-on user session or as SYSTEM on the machine itself',
  WU_E_EXCLUSIVE_INSTALL_CONFLICT: {
    api: 'an exclusive update (e.g. a servicing stack update) must be installed on its own: install it alone in a separate install() call, then the rest',
    cli: 'an exclusive update (e.g. a servicing stack update) must be installed on its own: install it alone (wua install --id <its id>), then the rest',
  },
  WU_E_POLICY_NOT_SET: 'a policy value the operation needs is not set: configure it in Group Policy (Windows Update) or the registry',
  WU_E_SELFUPDATE_IN_PROGRESS: 'the Windows Update Agent is updating itself: wait a few minutes and retry',
  WU_E_INVALID_UPDATE: 'an update\'s metadata is invalid: on WSUS, re-sync the server; otherwise hide that update or retry later',
  WU_E_SERVICE_STOP: 'the Windows Update service stopped, or Windows is shutting down, during the operation: retry once the service is running again',
  WU_E_NO_CONNECTION: 'the machine has no network connection: connect it (or wait for the connection), then retry',
  WU_E_NO_INTERACTIVE_USER: {
    api: 'the update needs a logged-on interactive user and this process has none; Microsoft documents this for processes started through Secondary Logon (RunAs), and services and remote sessions have none either: run from the signed-in user\'s own session, or skip updates whose installationBehavior.canRequestUserInput is true',
    cli: 'the update needs a logged-on interactive user and this process has none; Microsoft documents this for processes started through Secondary Logon (RunAs), and services and remote sessions have none either: run from the signed-in user\'s own session, or leave out updates that can request user input (wua search --json shows canRequestUserInput)',
  },
  WU_E_TIME_OUT: 'the agent gave up waiting on one of its own steps: retry; if it recurs, check that the machine is not overloaded',
  WU_E_ALL_UPDATES_FAILED: 'every update failed, each for its own reason: see each update\'s outcome (its code and HRESULT) in the result',
  WU_E_EULAS_DECLINED: {
    api: 'read the license terms (eulaText), then install with { acceptEulas: true }',
    cli: 'read the license terms (wua search --json shows eulaText), then add --accept-eulas',
  },
  WU_E_NO_UPDATE: 'pass at least one update, taken from a search result',
  WU_E_USER_ACCESS_DISABLED: 'Group Policy removes access to Windows Update (\'Remove access to use all Windows Update features\'): ask the administrator, or use the managed channel (WSUS, Intune)',
  WU_E_INVALID_UPDATE_TYPE: 'the update type is not valid for this operation: check the selected updates',
  WU_E_URL_TOO_LONG: 'a URL (the WSUS address or a content location) is too long: shorten it',
  WU_E_UNINSTALL_NOT_ALLOWED: 'the agent uninstalls only updates approved for removal by WSUS: uninstall it with wusa /uninstall /kb:<number> or DISM /Online /Remove-Package instead',
  WU_E_INVALID_PRODUCT_LICENSE: 'the search may be incomplete because an application on this machine is not licensed: activate or remove it',
  WU_E_MISSING_HANDLER: 'a component needed to check whether an update applies is missing: keep the agent current; if one update alone is affected, hide it',
  WU_E_LEGACYSERVER: 'the update server is too old for this agent: point the machine at a current WSUS server',
  WU_E_BIN_SOURCE_ABSENT: 'the update is a delta of a file this machine does not have: download the full update from the Microsoft Update Catalog, or repair the component store',
  WU_E_SOURCE_ABSENT: 'the update replaces a file this machine does not have: download the full update from the Microsoft Update Catalog, or repair the component store',
  WU_E_WU_DISABLED: 'policy allows only the managed server (WSUS), not Windows Update: search the managed server, or ask the administrator to allow Windows Update',
  WU_E_CALL_CANCELLED_BY_POLICY: 'the DisableWindowsUpdateAccess policy cancelled the call: ask the administrator, or use the managed channel',
  WU_E_INVALID_PROXY_SERVER: 'the proxy list is malformed: fix the proxy setting (netsh winhttp show proxy, or the proxy policy)',
  WU_E_INVALID_FILE: 'a file has the wrong format (a damaged or altered download): clear SoftwareDistribution\\Download and retry',
  WU_E_INVALID_CRITERIA: {
    api: 'the criteria string is not valid WUA syntax; build it from typed groups (criteriaText) instead',
    cli: 'the criteria string is not valid WUA syntax; use the filter flags (--installed, --type, --category, --id) instead',
  },
  WU_E_EULA_UNAVAILABLE: 'the license terms could not be downloaded: check the connection to the update server, then retry',
  WU_E_DOWNLOAD_FAILED: 'the download failed: retry; if it keeps failing, check the connection, BITS and Delivery Optimization, and clear SoftwareDistribution\\Download',
  WU_E_UPDATE_NOT_PROCESSED: 'the agent did not get to this update (an earlier one failed or the job stopped): see the other updates\' outcomes and run it again',
  WU_E_INVALID_OPERATION: 'the object is not in a state for this call (e.g. results read twice, or a locked-down object): use a new object or session',
  WU_E_NOT_SUPPORTED: 'the agent does not support this operation here (e.g. changing a read-only collection): copy the updates into a new collection',
  WU_E_WINHTTP_INVALID_FILE: 'the server returned content of an unexpected type (often a proxy or captive portal page): check the proxy, then retry',
  WU_E_TOO_MANY_RESYNC: 'the server asked for too many resynchronisations: retry later; on WSUS, check the server\'s health',
  WU_E_NO_SERVER_CORE_SUPPORT: 'this call is not available on Server Core',
  WU_E_SYSPREP_IN_PROGRESS: 'Sysprep is running: retry after it has finished',
  WU_E_UNKNOWN_SERVICE: 'the update service is no longer registered with Automatic Updates: register it again, or use another service',
  WU_E_NO_UI_SUPPORT: 'the Windows Update UI is not available here: use the API or the command line',
  WU_E_PER_MACHINE_UPDATE_ACCESS_DENIED: {
    api: `only administrators may act on per-machine updates: run from an elevated process; over SSH, WinRM or other remote logons ${THROUGH_BROKER.api}`,
    cli: `only administrators may act on per-machine updates: run from an elevated process; over SSH, WinRM or other remote logons ${THROUGH_BROKER.cli}`,
  },
  WU_E_UNSUPPORTED_SEARCHSCOPE: 'the search scope is not supported for this search: use the default scope',
  WU_E_BAD_FILE_URL: 'the URL does not point to a file: give the path of the file itself',
  WU_E_REVERT_NOT_ALLOWED: 'this update cannot be reverted',
  WU_E_INVALID_NOTIFICATION_INFO: 'the server sent invalid notification data for a featured update: retry later',
  WU_E_OUTOFRANGE: 'a value the agent read is out of range: keep the agent current; on WSUS, re-sync the server',
  WU_E_SETUP_IN_PROGRESS: 'Windows setup (an upgrade or OOBE) is running: retry after it has finished',
  WU_E_ORPHANED_DOWNLOAD_JOB: 'the caller of a download went away and left its job behind: run the download again',
  WU_E_LOW_BATTERY: 'the battery is too low to install: connect the machine to AC power, then retry',
  WU_E_INFRASTRUCTUREFILE_INVALID_FORMAT: 'a file of the agent\'s own infrastructure arrived malformed: check that no proxy alters downloads, then retry',
  WU_E_INFRASTRUCTUREFILE_REQUIRES_SSL: 'the agent\'s infrastructure files must come over HTTPS: configure the WSUS server and the WUServer policy for HTTPS',
  WU_E_INTERACTIVE_CALL_CANCELLED: 'a user cancelled the operation in the Windows Update UI; run it again if it is still wanted',
  WU_E_AU_CALL_CANCELLED: 'Automatic Updates cancelled the operation because the update no longer applies: search again',
  WU_E_SYSTEM_UNSUPPORTED: 'this Windows version or edition lacks what the operation needs',
  WU_E_NO_SUCH_HANDLER_PLUGIN: 'a handler or evaluator plug-in for this kind of update is missing: keep the agent current',
  WU_E_INVALID_SERIALIZATION_VERSION: 'serialised agent data has a version this agent cannot read: keep the agent current',
  WU_E_NETWORK_COST_EXCEEDS_POLICY: 'the connection is metered and policy forbids this download on it: use an unmetered connection, or allow downloads over metered connections',
  WU_E_CALL_CANCELLED_BY_HIDE: 'the operation was cancelled because the update was hidden meanwhile: unhide it to install it',
  WU_E_CALL_CANCELLED_BY_INVALID: 'the update became invalid (revised or expired) while the operation ran: search again',
  WU_E_INVALID_VOLUMEID: 'the volume given for the download is not valid: pick an existing local volume',
  WU_E_UNRECOGNIZED_VOLUMEID: 'the volume given for the download is not recognised: pick an existing local volume',
  WU_E_EXTENDEDERROR_NOTSET: 'the installer gave no detail about its failure: see the update history and CBS.log',
  WU_E_EXTENDEDERROR_FAILED: 'the installer reported a general failure: see the update history and CBS.log for the underlying error',
  WU_E_FILETRUST_SHA2SIGNATURE_MISSING: 'this machine cannot check SHA-2 signatures, which updates need: install the SHA-2 code signing support update, then retry',
  WU_E_UPDATE_NOT_APPROVED: 'the update is not on the servicing approval list: approve it (WSUS or Windows Update for Business), then search again',
  WU_E_CALL_CANCELLED_BY_INTERACTIVE_SEARCH: 'an interactive search on the same service replaced this one: search again',
  WU_E_INSTALL_JOB_RESUME_NOT_ALLOWED: 'another installation is running, so the suspended one cannot resume: wait for it, then retry',
  WU_E_INSTALL_JOB_NOT_SUSPENDED: 'the installation is not suspended, so there is nothing to resume',
  WU_E_INSTALL_USERCONTEXT_ACCESSDENIED: 'only an administrator process may install in another user\'s context: run elevated, or install in the caller\'s own context',
  WU_E_STANDBY_ACTIVITY_NOT_ALLOWED: 'the machine is in disconnected standby on battery: connect it to AC power or wake it, then retry',
  WU_E_COULD_NOT_EVALUATE_PROPERTY: 'the agent could not evaluate an update\'s property: keep the agent current; on WSUS, re-sync the server',
  WU_E_SERVICE_UNEXPECTED_EXIT: 'the Windows Update service crashed: retry; if it recurs, see the Application event log and keep the agent current',
  WU_E_ACCESS_DENIED_CALLER_IDENTITY: 'the agent does not accept calls from this caller\'s identity: run as an administrator or SYSTEM on the machine itself',
  WU_E_SERVICE_REENABLE_ACCESS_DENIED: 'the Windows Update service is disabled and this caller may not enable it: set wuauserv to Manual as an administrator',
  WU_E_UNEXPECTED: `the agent failed without a specific reason: see the Windows Update log; retry, and if it recurs ${RESET_DATASTORE}`,

  // ----- protocol codes users meet most (ansible, PSWindowsUpdate and Microsoft's own lists) -----
  WU_E_PT_WINHTTP_NAME_NOT_RESOLVED: 'the name of the update server or the proxy does not resolve: check DNS and the WSUS address (WUServer policy) or the proxy setting (netsh winhttp show proxy); a machine on an isolated network cannot reach Windows Update',
  WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ: 'the proxy requires authentication, which the agent (running as SYSTEM) cannot give: let the update servers through the proxy without authentication, or set a proxy that needs none',
  WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT: 'the request to the update server timed out (HTTP 408), often on an isolated network or behind a slow proxy: check the connection and the proxy, then retry',
  WU_E_PT_HTTP_STATUS_NOT_FOUND: `the update server has no such file or service (HTTP 404): ${WSUS_OR_PROXY}, and on WSUS that the content was downloaded`,
  WU_E_PT_HTTP_STATUS_DENIED: 'the update server or proxy refused the credentials (HTTP 401): check the WSUS site\'s authentication and the proxy',
  WU_E_PT_HTTP_STATUS_FORBIDDEN: 'the update server or proxy forbids this request (HTTP 403): check the proxy or web filter rules and the WSUS site\'s permissions',
  WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL: 'the update server is unavailable (HTTP 503), often an overloaded WSUS application pool: retry later; on WSUS, check the WsusPool in IIS',
  WU_E_PT_SOAPCLIENT_SOAPFAULT: 'the update server returned a fault, on WSUS typically because the agent\'s cookie could not be renewed (Microsoft\'s KB 2883975): check the WSUS server\'s health, then retry',
  WU_E_PT_ENDPOINT_UNREACHABLE: 'the agent could not reach the update service\'s endpoint: check the connection, proxy and firewall; on a fresh machine or under SYSTEM it can clear once a user has logged on, so retry later',
  WU_E_PT_SUS_SERVER_NOT_SET: 'policy says to use WSUS but no server is set: set the WUServer policy, or stop using WSUS',
  WU_E_PT_LOAD_SHEDDING: 'the update service is shedding load: retry later',
  WU_E_PT_CLIENT_ENFORCED_LOAD_SHEDDING: 'the update service asked clients to back off for a while: retry later',
  WU_E_PT_REFRESH_CACHE_REQUIRED: 'the server changed and the agent\'s cached data is stale: search again',
  WU_E_PT_FILE_LOCATIONS_CHANGED: 'the server moved the update files: search again and retry',
  WU_E_PT_REGISTRATION_NOT_SUPPORTED: 'registration works only with a WSUS server: check the server address',
  WU_E_PT_INVALID_URL: 'the update server\'s URL is not valid: correct the WUServer policy',
  WU_E_PT_PROXY_AUTH_SCHEME_NOT_SUPPORTED: 'the proxy asks for an authentication scheme the agent does not support: let the update servers through without authentication',
  WU_E_PT_INVALID_OPERATION: 'the agent\'s protocol layer was in the wrong state: retry',
  WU_E_PT_OPERATION_ABORTED: 'the request to the update server was aborted: run it again if it is still wanted',
  WU_E_PT_DOUBLE_INITIALIZATION: 'the agent\'s protocol layer was set up twice (an internal fault): retry from a new session',
  WU_E_PT_INVALID_COMPUTER_NAME: 'the agent could not determine the computer\'s name: check the computer name and domain membership',
  WU_E_PT_NO_MANAGED_RECOVER: 'recovery is skipped because a WSUS server manages this machine: check the WSUS server',
  WU_E_PT_DATA_BOUNDARY_RESTRICTED: 'this device is restricted to a data boundary and must use its restricted endpoint: check the data-boundary configuration',
  WU_E_PT_GENERAL_AAD_CLIENT_ERROR: 'the agent could not get an Entra ID (Azure AD) device ticket: check the device\'s join state (dsregcmd /status) and its connection',
  WU_E_PT_HTTP_STATUS_NOT_SUPPORTED: 'the server does not support this request (HTTP 501): check that the address is a WSUS server',
  WU_E_REDIRECTOR_UNKNOWN_SERVICE: 'the service ID is not supported in this service environment: use a registered service',
  WU_E_REDIRECTOR_CONNECT_POLICY: 'policy blocks the agent\'s connections to the service locator: ask the administrator',
  WU_E_REDIRECTOR_ONLINE_DISALLOWED: {
    api: 'the agent needed to go online for its service data, but the search was offline: search with { online: true }',
    cli: 'the agent needed to go online for its service data, but the search was offline: search online',
  },
  WU_E_SERVICEPROP_NOTAVAIL: 'the update service does not offer the property asked for: use another service or retry later',

  // ----- the download manager -----
  WU_E_DM_NONETWORK: 'the machine has no network connection for the download: connect it, then retry',
  WU_E_DM_NOTDOWNLOADED: {
    api: 'the update has not been downloaded: download() it first, then install',
    cli: 'the update has not been downloaded: run wua download for it first, then install',
  },
  WU_E_DM_FAILTOCONNECTTOBITS: 'the agent could not reach BITS: set the BITS service to Manual (not Disabled), then retry',
  WU_E_DM_WRONGBITSVERSION: 'BITS is too old or damaged for the agent: install the latest cumulative update, then retry',
  WU_E_DM_INCORRECTFILEHASH: 'a downloaded file does not match its hash (altered on the way, or damaged): check that no proxy or filter alters downloads, clear SoftwareDistribution\\Download, then retry',
  WU_E_DM_DOSVC_REQUIRED: 'the update must come through Delivery Optimization: set the DoSvc service to its default start type and allow it in policy',
  WU_E_DM_DOWNLOADLIMITEDBYUPDATESIZE: 'the connection limits downloads by size (metered): use an unmetered connection, or allow downloads over metered connections',
  WU_E_DM_BG_ERROR_TOKEN_REQUIRED: 'the user who started the download has logged off: run the download again from a current session or as SYSTEM',
  WU_E_DM_UNAUTHORIZED_NO_USER: 'the content is licensed to a user and no user is logged on: sign in, then retry',

  // ----- update handlers users meet most -----
  WU_E_UH_NEEDANOTHERDOWNLOAD: {
    api: 'the installer needs files that are not on this machine (the update was never downloaded, or only in part): download() the update (again) first, then install',
    cli: 'the installer needs files that are not on this machine (the update was never downloaded, or only in part): run wua download for it (again, with --force) first, then install',
  },
  WU_E_UH_FALLBACKTOSELFCONTAINED: {
    api: 'the express (delta) content did not apply; the full update is needed: download() the update again, then install',
    cli: 'the express (delta) content did not apply; the full update is needed: run wua download --force for it, then install',
  },
  WU_E_UH_CANREQUIREINPUT: {
    api: 'the update may ask for user input, so it cannot install silently: install it from the signed-in user\'s session, or leave it out when installing with { forceQuiet: true }',
    cli: 'the update may ask for user input, so it cannot install silently: install it from the signed-in user\'s session, or leave it out when installing with --force-quiet',
  },
  WU_E_UH_INSTALLERHUNG: 'the update\'s installer ran past its time limit: restart Windows and install it again; if it hangs again, check CBS.log',
  WU_E_UH_NEW_SERVICING_STACK_REQUIRED: 'the update needs a newer servicing stack: install the latest servicing stack update first, then this one',
  WU_E_UH_RESERVICING_REQUIRED_BASELINE: 'the update needs an earlier baseline update installed first: install the baseline, then this one',
  WU_E_UH_HANDLER_DISABLEDUNTILREBOOT: `the installer for this kind of update is disabled until Windows restarts: ${RESTART}`,
  WU_E_UH_OPERATIONCANCELLED: 'the installer\'s operation was cancelled; run it again if it is still wanted',
  WU_E_UH_WRONGHANDLER: 'the update names a handler that does not fit it: a defect of the update\'s metadata; hide it',
  WU_E_UH_UA_SESSION_INFO_VERSION_NOT_SUPPORTED: 'the installer does not support this session information version: keep the agent current',
  WU_E_UH_INVALIDMETADATA: `the update's metadata is invalid: ${RESET_DATASTORE}, then rename C:\\Windows\\System32\\catroot2 and download again (Microsoft's own mitigation)`,
  WU_E_UH_NOTREADYTOCOMMIT: 'the update was not installed or staged before, so there is nothing to commit: install it first',

  // ----- the datastore -----
  WU_E_DS_SHUTDOWN: 'the Windows Update service is shutting down: retry once it runs again',
  WU_E_DS_INUSE: 'another process uses the agent\'s datastore: wait for it and retry',
  WU_E_DS_STOREFILELOCKED: 'another process has locked the agent\'s datastore file (often a backup or antivirus scan of SoftwareDistribution): wait and retry, or exclude that folder',
  WU_E_DS_LOCKTIMEOUTEXPIRED: 'a lock on the agent\'s datastore was held too long: wait for other update operations to finish, then retry',
  WU_E_DS_UNKNOWNHANDLER: 'an update needs a handler this agent does not know, so it is skipped: keep the agent current',
  WU_E_DS_CANTDELETE: 'the update is still referenced by a registered service, so it was not deleted: remove it from that service first',
  WU_E_DS_CANNOTREGISTER: 'the datastore cannot be registered in this process: run the call through the Windows Update service, not in-process',
  WU_E_DS_UNABLETOSTART: 'the agent\'s datastore could not be started: restart the Windows Update service (wuauserv), then retry',
  WU_E_DS_DUPLICATEUPDATEID: 'the server sent one update under two revisions: on WSUS, re-sync the server; otherwise retry later',
  WU_E_DS_UNKNOWNSERVICE: {
    api: 'the update service asked for is not registered on this machine: pick a registered one (serverSelection, serviceId), or register it first',
    cli: 'the update service asked for is not registered on this machine: register it first, or search the default service',
  },
  WU_E_DS_SERVICEEXPIRED: 'the registration of the update service expired: register the service again',
  WU_E_DS_DECLINENOTALLOWED: 'the update is mandatory or has a deadline, so it cannot be hidden',
  WU_E_DS_TABLESESSIONMISMATCH: 'an internal datastore session fault: retry from a new session',
  WU_E_DS_SESSIONLOCKMISMATCH: 'an internal datastore session fault: retry from a new session',
  WU_E_DS_NEEDWINDOWSSERVICE: 'the built-in Windows Update service cannot be removed while no other service is registered with Automatic Updates',
  WU_E_DS_INVALIDOPERATION: 'the datastore refused the change (e.g. an Automatic Updates state its configuration forbids): check the service registration and policies',
  WU_E_DS_RESETREQUIRED: NEW_SESSION,
  WU_E_DS_IMPERSONATED: 'the datastore refuses calls made under an impersonated identity: call under the process\'s own identity',
  WU_E_DS_DATANOTAVAILABLE: 'the metadata was never received from the server: search online again',
  WU_E_DS_DATANOTLOADED: 'the metadata is on disk but not loaded: search again',

  // ----- automatic updates, tasks, self-update -----
  WU_E_AU_PAUSED: 'updates are paused (in Settings or by policy): resume them, then retry',
  WU_E_AU_NOSERVICE: 'Automatic Updates cannot serve requests: it is disabled, still starting, or not configured; check that wuauserv runs and the Windows Update policies',
  WU_E_AU_DETECT_SVCID_MISMATCH: 'the default update service changed during the search: search again',
  WU_E_AU_OOBE_IN_PROGRESS: 'Windows Welcome (OOBE) is still running: retry after it has finished',
  WU_E_AU_NO_REGISTERED_SERVICE: 'no unmanaged update service is registered with Automatic Updates: register Windows Update or Microsoft Update',
  WU_E_AU_LEGACYCLIENTDISABLED: 'this old Automatic Updates client is disabled: update the Windows Update Agent',
  WU_E_AU_NONLEGACYSERVER: 'the WSUS server was upgraded and this old client stopped: update the Windows Update Agent',
  WU_E_REBOOT_IN_PROGRESS: 'Windows is restarting: retry after the restart',
  WU_E_WUTASK_RETRY: 'the task stopped and needs another run: run the operation again',
  WU_E_WUTASK_STATUS_DISABLED: 'the Windows Update task is disabled: enable it (Task Scheduler, Microsoft\\Windows\\WindowsUpdate) or ask the administrator',
  WU_E_WUTASK_CANCELINSTALL_DISALLOWED: 'only a scheduled installation can be cancelled, and this one is not',
  WU_E_SETUP_REBOOT_TO_FIX: `the agent's self-update needs a restart first: ${RESTART}`,
  WU_E_SETUP_REBOOTREQUIRED: `the agent's self-update needs a restart to finish: ${RESTART}`,
  WU_E_SETUP_DEFERRABLE_REBOOT_PENDING: `the agent updated itself and a restart is pending: ${RESTART}`,
  WU_E_SETUP_NON_DEFERRABLE_REBOOT_PENDING: `the agent updated itself and needs a restart now: ${RESTART}`,
  WU_E_SETUP_ALREADYRUNNING: 'the agent\'s setup is already running: wait for it and retry',
  WU_E_SETUP_SKIP_UPDATE: 'the server told the agent to skip its self-update; on WSUS, the self-update may not be offered (Microsoft\'s KB 920659)',
  WU_E_SETUP_BLOCKED_CONFIGURATION: 'the configuration of this machine blocks the agent\'s self-update: check the Windows Update policies',
  WU_E_SETUP_WRONG_SERVER_VERSION: 'the server has no agent update for this Windows version: on WSUS, update the server; otherwise retry later',
  WU_E_SELFUPDATE_REQUIRED_ADMIN: 'the agent must update itself first and that needs an administrator: run the search once from an elevated process',
  WU_E_SELFUPDATE_SKIP_ON_FAILURE: `the agent's self-update is skipped after earlier failures: ${AGENT_UPDATE}`,
  WU_E_EE_CLUSTER_ERROR: 'the agent could not determine the state of this machine\'s cluster: check the Cluster service, then retry',

  // ----- reporter and other codes outside the families' prefixes -----
  WU_E_INVALID_EVENT: 'the agent could not record an event; this does not decide whether updates install. Keep the agent current',
  WU_E_SERVER_BUSY: 'the server was too busy to accept the agent\'s events: nothing to do, they are sent later',
  WU_E_CALLBACK_COOKIE_NOT_FOUND: 'the agent lost track of a registered callback: retry from a new session',
  WU_E_INVALID_EVENT_PAYLOAD: 'the agent could not record an event; this does not decide whether updates install. Keep the agent current',
  WU_E_INVALID_EVENT_PAYLOADSIZE: 'the agent could not record an event; this does not decide whether updates install. Keep the agent current',
  WU_E_SERVICE_NOT_REGISTERED: 'the update service is not registered: register it first, or use the default service',
  WU_E_UNKNOWN_HARDWARECAPABILITY: 'the metadata of a hardware capability was not found after the sync: search online again',
  WU_E_BAD_XML_HARDWARECAPABILITY: 'the metadata of a hardware capability is malformed: retry later; on WSUS, re-sync the server',
  WU_E_WMI_NOT_SUPPORTED: 'this operation needs WMI, which this platform does not support',
  WU_E_UPDATE_MERGE_NOT_ALLOWED: 'these updates cannot be merged into one installation: install them separately',
  WU_E_SKIPPED_UPDATE_INSTALLATION: 'updates that cannot be merged were skipped by a merged-only installation: install them separately',
  WU_E_SLS_INVALID_REVISION: 'the service locator returned an invalid revision: retry later',

  // ----- the notification area and the Windows Update UI (0x80243xxx) -----
  WU_E_TRAYICON_FAILURE: 'the Windows Update icon could not be shown in the notification area; updates are not affected, nothing to do',
  WU_E_NON_UI_MODE: 'the agent cannot show UI here (no desktop, or its UI modules are missing): use the API or the command line',
  WU_E_WUCLTUI_UNSUPPORTED_VERSION: 'the Windows Update UI and the agent are of different versions: install the latest cumulative update',
  WU_E_AUCLIENT_UNEXPECTED: 'the Windows Update UI failed: use the API or the command line; keep the agent current',
  WU_E_PT_NWS_NOT_LOADED: `the Windows Web Services runtime (webservices.dll) could not be loaded: ${REPAIR_STORE}`,
  WU_E_PT_CATALOG_SYNC_REQUIRED: 'the server cannot answer this search without a full catalog sync: search again, which runs one',
  WU_E_PT_WMI_ERROR: 'a WMI query of the agent failed: check the WMI service (winmgmt), then retry',
  WU_E_PT_NO_TRANSLATION_AVAILABLE: 'the server has no text in the language asked for: search with the machine\'s default language',
  WU_E_UH_DOESNOTSUPPORTACTION: 'the update does not support this action (e.g. it cannot be uninstalled): remove it by other means (wusa, DISM) or leave it',
  WU_E_METADATA_NOOP: 'there was no metadata to verify: nothing to do',

  // ----- system codes users meet most -----
  E_ACCESSDENIED: {
    api: 'access denied: run from an elevated (administrator) process. Elevated but remote, it is expected: Microsoft'
      + ' denies downloads, installs, EULA acceptance and hiding to remote callers, and users meet the same over SSH and'
      + ` WinRM sessions; ${THROUGH_BROKER.api}`,
    cli: 'access denied: run from an elevated (administrator) process. Elevated but remote, it is expected: Microsoft'
      + ' denies downloads, installs, EULA acceptance and hiding to remote callers, and users meet the same over SSH and'
      + ` WinRM sessions; ${THROUGH_BROKER.cli}`,
  },
  E_ABORT: 'the operation was aborted; run it again if it is still wanted',
  E_FAIL: 'the agent reported an unspecified failure: see the update history and the Windows Update log',
  E_UNEXPECTED: 'the agent reported an unexpected failure: retry from a new session; see the Windows Update log if it recurs',
  E_NOTIMPL: 'the installed Windows Update Agent does not implement this call: keep the agent current',
  E_NOINTERFACE: 'the installed Windows Update Agent is older than this call needs: keep the agent current',
  E_POINTER: 'a required value was missing from the call: check the arguments',
  E_INVALIDARG: 'an argument was not valid: check the criteria, the selected updates and the options',
  E_OUTOFMEMORY: 'the agent ran out of memory (large or offline searches can): close other work, search with narrower criteria, and retry',
  RPC_E_DISCONNECTED: 'the Windows Update service restarted during the call; open a new session and retry',
  RPC_E_WRONG_THREAD: 'an agent object was used from a thread other than its own: use each session from the thread that made it',
  RPC_E_CALL_REJECTED: 'the Windows Update service is busy and rejected the call: retry shortly',
  RPC_E_SERVERCALL_RETRYLATER: 'the Windows Update service is busy: retry shortly',
  EPT_S_NOT_REGISTERED: 'the service called has no endpoint registered; Microsoft ties this to the Windows Firewall service being stopped: start the Windows Defender Firewall service (mpssvc), then retry',
  REGDB_E_CLASSNOTREG: 'the Windows Update Agent is missing from this system',
  CLASS_E_CLASSNOTAVAILABLE: 'the Windows Update Agent\'s classes are not available: repair Windows (DISM RestoreHealth, sfc /scannow)',
  CO_E_NOTINITIALIZED: 'COM was not initialised on the calling thread: use the session from the thread the package set up',
  CO_E_SERVER_EXEC_FAILURE: 'the Windows Update service could not be started for the call: check that wuauserv is not disabled and the System event log, then retry',
  ERROR_FILE_NOT_FOUND: `a file the operation needs is missing; for installs this is usually the component store or a download: ${REPAIR_STORE}, and clear SoftwareDistribution\\Download`,
  ERROR_PATH_NOT_FOUND: 'a path the operation needs does not exist: see CBS.log (C:\\Windows\\Logs\\CBS) for which one, and check folders such as SoftwareDistribution were not moved or removed',
  ERROR_NOT_ENOUGH_MEMORY: 'not enough memory: close other work and retry',
  ERROR_INVALID_DATA: 'the data is not valid, usually a damaged download or store entry: download the update again and install it; if it recurs, '
    + REPAIR_STORE,
  ERROR_SHARING_VIOLATION: 'another process holds a file the update needs open, usually antivirus or another filter driver: retry after a clean boot, or find the process with Process Monitor',
  ERROR_NOT_SUPPORTED: 'the request is not supported on this system',
  ERROR_INVALID_NAME: 'a file or folder name is not valid; a scan package on a UNC path is a known cause: copy it to a local drive',
  ERROR_MOD_NOT_FOUND: `a DLL the operation needs is missing: ${REPAIR_STORE}`,
  ERROR_BAD_EXE_FORMAT: 'the update runs a program that is not valid for this system (wrong architecture, or a damaged file): clear SoftwareDistribution\\Download and download it again',
  ERROR_OPERATION_ABORTED: 'an I/O operation was aborted (a cancelled request or a dropped connection): retry',
  ERROR_SHUTDOWN_IN_PROGRESS: 'Windows is shutting down: retry after the restart',
  ERROR_NOT_FOUND: `an element was not found; when an update fails to install with it, the component store usually lacks an entry: ${REPAIR_STORE}`,
  ERROR_INTERNAL_ERROR: 'an internal error occurred: restart Windows and retry; see CBS.log if it recurs',
  ERROR_PRIVILEGE_NOT_HELD: 'the process lacks a privilege the operation needs: run from an elevated (administrator) process or as SYSTEM',
  ERROR_NO_SYSTEM_RESOURCES: 'Windows ran short of system resources: close other work or restart, then retry',
  ERROR_COMMITMENT_LIMIT: 'the paging file is too small: free space on the system drive or enlarge the paging file, then retry',
  ERROR_CANCELLED: 'the operation was cancelled; run it again if it is still wanted',
  ERROR_TIMEOUT: 'the operation timed out: check the connection to the update server, then retry',
  ERROR_SUCCESS_REBOOT_REQUIRED: `a restart is needed to finish: ${RESTART}`,
  ERROR_FAIL_REBOOT_REQUIRED: 'the operation failed and a restart is needed to roll it back: restart, then retry; Microsoft'
    + ' points at policies that set the start type of the Windows Modules Installer (TrustedInstaller): leave it to Windows',
  ERROR_SUCCESS_REBOOT_INITIATED: 'the installer is restarting Windows to finish: run the operation again after the restart',
  ERROR_DISK_FULL: 'the disk is full: free space on the system drive (Disk Cleanup, DISM /Online /Cleanup-Image /StartComponentCleanup), then retry',
  ERROR_HANDLE_DISK_FULL: 'the disk is full: free space on the system drive (Disk Cleanup, DISM /Online /Cleanup-Image /StartComponentCleanup), then retry',
  STG_E_MEDIUMFULL: 'there is not enough space on the disk: free space on the system drive, then retry',
  ERROR_CRC: 'the disk returned bad data: run chkdsk /f on the system drive and check the drive\'s health, then retry',
  ERROR_GEN_FAILURE: 'a device (often the disk) is not working: check the drive and its driver, run chkdsk, then retry',
  ERROR_IO_DEVICE: 'an I/O device error: check the drive\'s health (chkdsk, the System event log), then retry',
  ERROR_FILE_CORRUPT: `a file is corrupted and unreadable: ${REPAIR_STORE}; if the disk is failing, run chkdsk /f first`,
  ERROR_DISK_CORRUPT: 'the disk\'s structure is corrupted: run chkdsk /f on the drive, then retry',
  ERROR_SERVICE_DISABLED: 'a service the update needs is disabled (wuauserv, BITS, CryptSvc, TrustedInstaller or msiserver): set it to Manual in services.msc, then retry; if a policy disables it, ask the administrator',
  ERROR_SERVICE_NOT_ACTIVE: 'a service the update needs is not running: start it (wuauserv, BITS), then retry',
  ERROR_INSTALL_ALREADY_RUNNING: 'another Windows Installer (MSI) installation is running: wait for it (an msiexec process) to finish, then retry',
  ERROR_INSTALL_FAILURE: 'the update\'s installer failed (for Windows Installer packages, a fatal MSI error): see the product\'s MSI'
    + ' log and the Application event log (MsiInstaller); check that no other msiexec runs, then retry',
  ERROR_INSTALL_USEREXIT: 'the installation was cancelled by the user; run it again if it is still wanted',
  ERROR_INSTALL_PLATFORM_UNSUPPORTED: 'the package is for another processor architecture: pick the update for this system',
  ERROR_INSTALL_PACKAGE_REJECTED: 'policy (Software Restriction or AppLocker) prohibits this installation: ask the administrator',
  ERROR_UNKNOWN_PRODUCT: 'the product the update is for is not installed (or its registration is damaged): hide the update, or repair the product',
  ERROR_PRODUCT_VERSION: 'another version of the product is installed: remove it or install the update meant for that version',
  ERROR_PATCH_TARGET_NOT_FOUND: 'the program to patch is missing or a different version: repair or reinstall the product, then retry',
  ERROR_PATCH_PACKAGE_INVALID: 'the patch package is damaged: clear SoftwareDistribution\\Download and download it again',
  ERROR_FUNCTION_FAILED: 'a custom action of the installer failed: see the product\'s MSI log for which one',
  ERROR_UNSUPPORTED_TYPE: `the installer or servicing stack met data it does not support, often damaged servicing data: ${REPAIR_STORE}`,
  ERROR_XML_PARSE_ERROR: `a servicing manifest cannot be parsed: ${REPAIR_STORE}`,
  ERROR_ILLEGAL_CHARACTER: `a servicing manifest contains an invalid character: ${REPAIR_STORE}`,
  ERROR_NETWORK_UNREACHABLE: 'the network of the update server is unreachable: check the connection and routing, then retry',
  CBS_E_SOURCE_MISSING: 'the files of the package or feature are not reachable (not in the component store, nor on the source the machine may use):'
    + ' run DISM /Online /Cleanup-Image /RestoreHealth with /Source: pointing at matching install media; on a WSUS-managed machine enable the'
    + ' policy "Specify settings for optional component installation and component repair" to allow Windows Update',
  CBS_E_INSTALLERS_FAILED: 'an advanced installer of the update failed and the update was rolled back: CBS.log names the installer;'
    + ' common causes are a full System Reserved/EFI partition, a disabled service (App Readiness) and damaged scheduled tasks; then '
    + REPAIR_STORE,
  CBS_E_STORE_CORRUPTION: `the component store is corrupted: ${REPAIR_STORE}`,
  CBS_E_NOT_APPLICABLE: 'the package does not apply to this system (wrong edition, architecture or version, or already superseded): pick the package for this system',
  CBS_E_CANCEL: 'the servicing operation was cancelled; run it again if it is still wanted',
  CBS_E_ABORT: 'the servicing operation was aborted when it ran past the servicing stack\'s timeout: give the machine more CPU and memory (for a VM, more vCPUs), restart, then retry',
  CBS_E_HANG_DETECTED: 'the servicing stack gave up on an operation it took for hung (after CBS_E_ABORT): give the machine more CPU and memory, restart, then retry',
  CBS_E_NEW_SERVICING_STACK_REQUIRED: 'the package needs a newer servicing stack: install the latest servicing stack update first, then this one',
  CBS_E_BUSY: 'the servicing stack is busy with another operation (perhaps a pending restart): wait for it, or restart, then retry',
  CBS_E_DOWNLOAD_FAILURE: 'the feature\'s files could not be downloaded from Windows Update: check the connection; on a WSUS-managed machine enable'
    + ' "Specify settings for optional component installation and component repair", or give a /Source:',
  CBS_E_GROUPPOLICY_DISALLOWED: 'policy does not let the machine fetch feature files from Windows Update: enable "Specify settings for optional'
    + ' component installation and component repair" (or give a /Source: with matching install media)',
  CBS_E_INVALID_WINDOWS_UPDATE_COUNT_WSUS: 'the WSUS server does not carry the feature\'s files: enable "Specify settings for optional'
    + ' component installation and component repair" with "download repair content and optional features directly from Windows Update",'
    + ' or give a /Source: with matching install media',
  CBS_E_CANNOT_UNINSTALL: `the package cannot be removed, typically because a component is only partly installed: ${REPAIR_STORE}`,
  CBS_E_IMAGE_UNSERVICEABLE: 'this Windows installation can no longer be serviced: repair it with an in-place upgrade from matching install media',
  ERROR_INTERNET_TIMEOUT: 'the connection to the update server timed out: check that the machine can reach the update server (Windows Update, WSUS or Configuration Manager) through its proxy and firewall, then retry',
  ERROR_INTERNET_NAME_NOT_RESOLVED: 'the name of the update server or proxy does not resolve: check DNS, the WSUS address and the proxy (netsh winhttp show proxy)',
  ERROR_INTERNET_CONNECTION_ABORTED: 'the connection dropped during a download: check the proxy and firewall for the update URLs (bitsadmin /list /allusers /verbose shows the failing file), then retry',
  ERROR_WINHTTP_SECURE_FAILURE: `the TLS connection to the update server failed: ${TLS}`,
  ERROR_WINHTTP_OPERATION_CANCELLED: 'the HTTP request was cancelled; run the operation again if it is still wanted',
  ERROR_WINHTTP_INVALID_URL: 'the update server\'s URL is not valid: correct the WUServer policy',
  ERROR_WINHTTP_UNRECOGNIZED_SCHEME: 'the update server\'s URL must start with http:// or https://: correct the WUServer policy',
  ERROR_WINHTTP_LOGIN_FAILURE: 'the server or proxy refused the logon: let the update servers through the proxy without authentication',
  ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED: 'the server or proxy wants a client certificate the agent cannot give: exempt the update servers from client-certificate authentication',
  ERROR_WINHTTP_SECURE_CERT_REV_FAILED: 'the revocation of the server\'s certificate could not be checked: let the machine reach the certificate revocation lists (CRL and OCSP URLs) through the proxy',
  ERROR_WINHTTP_SECURE_CERT_DATE_INVALID: 'the server\'s certificate is outside its validity period, or this machine\'s clock is wrong: correct the date, time and time zone, then retry',
  BG_E_VALIDATION_FAILED: 'BITS got content that failed validation, typically from a firewall or filter that alters downloads: exempt the update servers from it, then retry',
  BG_E_DESTINATION_LOCKED: 'another process locks the file BITS downloads to (often antivirus): retry; exclude SoftwareDistribution\\Download if it recurs',
  BG_E_NETWORK_DISCONNECTED: 'BITS found no network connection: connect the machine, then retry',
  CERT_E_EXPIRED: 'a certificate is outside its validity period, or this machine\'s clock is wrong: correct the date, time and time zone, then retry',
  SEC_E_CERT_EXPIRED: 'the server\'s certificate has expired, or this machine\'s clock is wrong: correct the date, time and time zone, then retry',
  CERT_E_REVOCATION_FAILURE: 'the revocation of a certificate could not be checked: let the machine reach the certificate revocation lists (CRL and OCSP URLs), then retry',
  CRYPT_E_REVOCATION_OFFLINE: 'the certificate revocation server could not be reached: let the machine reach the CRL and OCSP URLs through the proxy, then retry',
  CRYPT_E_NO_REVOCATION_CHECK: 'the revocation of a certificate could not be checked: let the machine reach the CRL and OCSP URLs through the proxy, then retry',
  CRYPT_E_FILE_ERROR: `a file could not be read or written while its signature was checked: ${REPAIR_STORE}`,
  CRYPT_E_NOT_FOUND: 'a catalog or certificate the check needs was not found: make sure Cryptographic Services (CryptSvc) run; rename C:\\Windows\\System32\\catroot2 and retry',
  CRYPT_E_HASH_VALUE: 'a file does not match its hash (damaged or altered): clear SoftwareDistribution\\Download, check no proxy alters downloads, then retry',
  TRUST_E_PROVIDER_UNKNOWN: `the signature of the file cannot be checked on this system: ${REPAIR_STORE}`,
  SEC_E_ALGORITHM_MISMATCH: 'this machine and the server share no TLS version or cipher suite: enable TLS 1.2 (and its cipher suites) for WinHTTP and SChannel',
  NTE_BAD_SIGNATURE: 'a signature is not valid (a damaged or altered file): clear SoftwareDistribution\\Download, check no proxy alters downloads, then retry',
  SEC_E_WRONG_PRINCIPAL: 'the server answered under another name than the one it was reached by: check the WSUS address and any TLS inspection proxy',
};

function pick(hint: Hint, audience: HintAudience): string {
  return typeof hint === 'string' ? hint : hint[audience];
}

function familyOf(name: string): readonly [prefix: string, hint: Hint] | undefined {
  let best: readonly [string, Hint] | undefined;
  for (const family of FAMILY_HINTS) {
    if (name.startsWith(family[0]) && (!best || family[0].length > best[0].length)) best = family;
  }
  return best;
}

/**
 * Where a code's hint comes from: its own, its family's (by name prefix), or its category's.
 * Exported for the tests, which keep generic hints off codes whose meaning says something specific.
 */
export function hintSource(name: string): { readonly kind: 'code' } | { readonly kind: 'family'; readonly prefix: string }
  | { readonly kind: 'category' } {
  if (Object.hasOwn(CODE_HINTS, name)) return { kind: 'code' };
  const family = familyOf(name);
  return family ? { kind: 'family', prefix: family[0] } : { kind: 'category' };
}

/** The hint for a code, by its symbolic name and category, worded for `audience`. */
export function hintFor(info: { readonly name: string; readonly category: ErrorCategory }, audience: HintAudience = 'api'): string {
  const own = Object.hasOwn(CODE_HINTS, info.name) ? CODE_HINTS[info.name] : undefined;
  return pick(own ?? familyOf(info.name)?.[1] ?? CATEGORY_HINTS[info.category], audience);
}
