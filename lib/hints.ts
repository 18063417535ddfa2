// What to do about a failure: one hint per family of codes, and hints of their own for the codes
// users meet most. A hint that names an option exists twice, once for callers of the API and
// once for people at the `wua` command line, which speaks in flags.
import type { ErrorCategory } from './types.js';

/** Who reads a hint: a program calling the API, or a person running `wua`. */
export type HintAudience = 'api' | 'cli';

type Hint = string | { readonly api: string; readonly cli: string };

const CATEGORY_HINTS: Readonly<Record<ErrorCategory, Hint>> = {
  success: '',
  network: 'check the connection to the update server (proxy, firewall, WSUS address), then retry',
  permission: 'run from an elevated (administrator) process: downloads, installs and hiding need it',
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

const CODE_HINTS: Readonly<Record<string, Hint>> = {
  WU_E_INVALID_CRITERIA: {
    api: 'the criteria string is not valid WUA syntax; build it from typed groups (criteriaText) instead',
    cli: 'the criteria string is not valid WUA syntax; use the filter flags (--installed, --type, --category, --id) instead',
  },
  WU_E_NO_UPDATE: 'pass at least one update, taken from a search result',
  WU_E_EULAS_DECLINED: {
    api: 'read the license terms (eulaText), then install with { acceptEulas: true }',
    cli: 'read the license terms (wua search --json shows eulaText), then add --accept-eulas',
  },
  WU_E_INSTALL_NOT_ALLOWED: 'an installation is already running, or a restart is pending: wait or restart',
  WU_E_SERVICE_STOP: 'the Windows Update service stopped; retry once it is running again',
  RPC_E_DISCONNECTED: 'the Windows Update service restarted during the call; open a new session and retry',
  E_ACCESSDENIED: CATEGORY_HINTS.permission,
  REGDB_E_CLASSNOTREG: 'the Windows Update Agent is missing from this system',
};

function pick(hint: Hint, audience: HintAudience): string {
  return typeof hint === 'string' ? hint : hint[audience];
}

/** The hint for a code, by its symbolic name and category, worded for `audience`. */
export function hintFor(info: { readonly name: string; readonly category: ErrorCategory }, audience: HintAudience = 'api'): string {
  return pick(CODE_HINTS[info.name] ?? CATEGORY_HINTS[info.category], audience);
}
