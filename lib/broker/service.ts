// `wua broker install|uninstall|status`: the broker service's files and registration. What the
// service runs is copied into a folder only administrators can change (by default under
// %ProgramFiles%), never run from where the package was installed: an npm folder a user can write
// would hand SYSTEM to that user. The service host checks that folder (and its parent) and sets its
// DACL (src/broker/broker_service.cc, --secure-folder); the install refuses when any step fails.
import { cpSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { BrokerUnavailableError, InvalidArgumentError, PermissionError, UnsupportedPlatformError } from '../errors.js';
import { BROKER_SERVICE_NAME, jobRequest } from './client.js';
import type { JobInfo } from './jobs.js';
import { type Ran, runTool } from './run-tool.js';

const SERVICE_KEY = `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${BROKER_SERVICE_NAME}`;
const PARAMETERS_KEY = `${SERVICE_KEY}\\Parameters`;
/** How long the service waits with no connection, no running job and no unread result before it stops (s). */
export const DEFAULT_IDLE_SECONDS = 300;
const STOP_WAIT_MS = 60_000;
const E_ACCESSDENIED = 0x80070005;

export interface BrokerInstallOptions {
  /**
   * The folder the service runs from; `%ProgramFiles%\windows-update-agent\broker` by default. Its
   * parent must be a folder only administrators can change.
   */
  folder?: string;
  /** Seconds the service stays up with nothing to do; 300 by default (1 to 86,400). */
  idleSeconds?: number;
}

export interface BrokerStatus {
  installed: boolean;
  /** The service's state as the service control manager reports it: 'stopped', 'running', ... */
  state: string | null;
  /** The package version installed in the service's folder. */
  version: string | null;
  folder: string | null;
  /** The service's command line (quoted). */
  imagePath: string | null;
  idleSeconds: number | null;
  /** The broker's jobs, when it runs (asking a stopped broker would start it). */
  jobs: JobInfo[] | null;
}

async function mustRun(step: string, file: string, args: string[]): Promise<Ran> {
  const ran = await runTool(file, args);
  if (ran.code !== 0) {
    const said = `${ran.stdout}${ran.stderr}`.trim();
    // sc.exe reports a refusal as "FAILED 5" with exit status 5 (ERROR_ACCESS_DENIED).
    if (ran.code === 5 || /FAILED 5\b/.test(said)) {
      throw new PermissionError(E_ACCESSDENIED, step, { description: 'run it from an elevated administrator\'s shell' });
    }
    throw new BrokerUnavailableError(`${step} failed (${file} exited with ${ran.code}${said ? `: ${said}` : ''})`);
  }
  return ran;
}

function packageRoot(): string {
  // lib/broker and dist/broker both sit two levels below the package root.
  return path.join(__dirname, '..', '..');
}

function defaultFolder(): string {
  const programFiles = process.env.ProgramW6432 ?? process.env.ProgramFiles ?? 'C:\\Program Files';
  return path.win32.join(programFiles, 'windows-update-agent', 'broker');
}

function requireWindows(): void {
  if (process.platform !== 'win32') throw new UnsupportedPlatformError();
}

/** A registry value as reg.exe prints it, or null. */
async function registryValue(key: string, name: string): Promise<string | null> {
  const ran = await runTool('reg.exe', ['query', key, '/v', name]);
  if (ran.code !== 0) return null;
  const line = ran.stdout.split(/\r?\n/).find((text) => text.trim().toLowerCase().startsWith(name.toLowerCase()));
  const match = line?.trim().match(/^\S+\s+(REG_\w+)\s+(.*)$/);
  if (!match) return null;
  return match[1] === 'REG_DWORD' ? String(Number(match[2])) : match[2]!;
}

/** Whether the service is registered (its key has an ImagePath). */
export async function brokerInstalled(): Promise<boolean> {
  requireWindows();
  return (await registryValue(SERVICE_KEY, 'ImagePath')) !== null;
}

async function serviceState(): Promise<string | null> {
  const ran = await runTool('sc.exe', ['query', BROKER_SERVICE_NAME]);
  const match = ran.stdout.match(/STATE\s*:\s*\d+\s+(\w+)/);
  return match ? match[1]!.toLowerCase() : null;
}

async function stopService(): Promise<void> {
  const state = await serviceState();
  if (state === null || state === 'stopped') return;
  await runTool('sc.exe', ['stop', BROKER_SERVICE_NAME]);
  const deadline = Date.now() + STOP_WAIT_MS;
  while (Date.now() < deadline) {
    if ((await serviceState()) === 'stopped') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new BrokerUnavailableError(`the broker service did not stop within ${STOP_WAIT_MS / 1000} s`);
}

/** Where Node finds package `name` from folder `from`: the nearest node_modules up the tree that has it. */
function packageFolder(from: string, name: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(folder) === folder) throw new BrokerUnavailableError(`the package's dependency ${name} is not installed`);
  }
}

/**
 * The package's runtime dependencies, each with the folder it is in: copied beside the package
 * so that the service loads nothing from outside its folder.
 */
function dependencyFolders(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (from: string): void => {
    const manifest = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (found.has(name)) continue;
      const resolved = packageFolder(from, name);
      found.set(name, resolved);
      visit(resolved);
    }
  };
  visit(root);
  return found;
}

async function secureFolder(host: string, folder: string): Promise<void> {
  const ran = await runTool(host, ['--secure-folder', folder]);
  if (ran.code !== 0) {
    throw new PermissionError(E_ACCESSDENIED, 'secure the broker\'s folder', {
      description: `${ran.stderr.trim() || `the folder check exited with ${ran.code}`}; the service was not installed`,
    });
  }
}

function checkInstallOptions(options: BrokerInstallOptions): { folder: string; idleSeconds: number } {
  const { folder = defaultFolder(), idleSeconds = DEFAULT_IDLE_SECONDS } = options;
  if (typeof folder !== 'string' || !path.win32.isAbsolute(folder) || !/^[A-Za-z]:\\/.test(folder)) {
    throw new InvalidArgumentError('options.folder', 'must be an absolute path on a local drive (C:\\...)');
  }
  if (/["%]/.test(folder)) throw new InvalidArgumentError('options.folder', 'must not contain quotes or %');
  if (!Number.isInteger(idleSeconds) || idleSeconds < 1 || idleSeconds > 86_400) {
    throw new InvalidArgumentError('options.idleSeconds', 'must be a whole number of seconds from 1 to 86400');
  }
  return { folder: path.win32.normalize(folder), idleSeconds };
}

/**
 * Installs (or upgrades) the broker service: copies the service host, this Node runtime and the
 * package (dist, its prebuilt addon, its dependencies) into `folder`, sets and checks the folder's
 * DACL, and registers the service: LocalSystem, demand start, quoted command line. Needs an
 * elevated administrator. Rejects with a PermissionError when a step is refused or the folder
 * cannot be made administrators-only (nothing is registered then), an InvalidArgumentError for
 * bad options, an UnsupportedPlatformError off Windows.
 */
export async function installBroker(options: BrokerInstallOptions = {}): Promise<BrokerStatus> {
  requireWindows();
  const { folder, idleSeconds } = checkInstallOptions(options);
  if (process.versions.electron) {
    throw new InvalidArgumentError('the runtime', 'must be Node.js: the service runs the node.exe that installs it, and Electron is not one');
  }
  const root = packageRoot();
  const built = path.join(root, 'dist', 'broker', 'agent-host.js');
  // The Node that installs is the one the service runs: its architecture's prebuilds (x64, ia32).
  const prebuilds = `win32-${process.arch}`;
  const serviceHost = path.join(root, 'prebuilds', prebuilds, 'wua-broker.exe');
  const addon = path.join(root, 'prebuilds', prebuilds, 'windows-update-agent.napi.node');
  for (const file of [built, serviceHost, addon]) {
    if (!existsSync(file)) throw new BrokerUnavailableError(`the package has no ${path.relative(root, file)}: it cannot be installed as a service`);
  }
  // An installed service runs files this install replaces: it stops first.
  if (await brokerInstalled()) await stopService();
  mkdirSync(folder, { recursive: true });
  const installedHost = path.win32.join(folder, 'wua-broker.exe');
  // The folder is made administrators-only while empty, then checked again with everything in it.
  cpSync(serviceHost, installedHost);
  await secureFolder(installedHost, folder);
  const target = path.win32.join(folder, 'package');
  rmSync(target, { recursive: true, force: true });
  cpSync(process.execPath, path.win32.join(folder, 'node.exe'));
  cpSync(path.join(root, 'dist'), path.win32.join(target, 'dist'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.win32.join(target, 'package.json'));
  cpSync(addon, path.win32.join(target, 'prebuilds', prebuilds, path.basename(addon)));
  for (const [name, from] of dependencyFolders(root)) {
    cpSync(from, path.win32.join(target, 'node_modules', name), { recursive: true, dereference: true });
  }
  await secureFolder(installedHost, folder);

  const imagePath = `"${installedHost}"`;
  if (await brokerInstalled()) {
    await mustRun('update the broker service', 'sc.exe', ['config', BROKER_SERVICE_NAME, 'binPath=', imagePath, 'start=', 'demand', 'obj=', 'LocalSystem']);
  } else {
    await mustRun('register the broker service', 'sc.exe', ['create', BROKER_SERVICE_NAME, 'binPath=', imagePath, 'start=', 'demand',
      'obj=', 'LocalSystem', 'DisplayName=', 'Windows Update Agent broker']);
  }
  await mustRun('describe the broker service', 'sc.exe', ['description', BROKER_SERVICE_NAME,
    'Runs Windows Update Agent operations for administrators in remote and non-interactive shells (windows-update-agent).']);
  await mustRun('set the broker\'s idle period', 'reg.exe', ['add', PARAMETERS_KEY, '/v', 'IdleSeconds', '/t', 'REG_DWORD', '/d', String(idleSeconds), '/f']);
  // What the service control manager will run must be the quoted program in the folder checked above.
  const registered = await registryValue(SERVICE_KEY, 'ImagePath');
  if (registered !== imagePath) {
    await uninstallBroker().catch(() => {});
    throw new PermissionError(E_ACCESSDENIED, 'register the broker service', {
      description: `the service's command line reads ${String(registered)}, not ${imagePath}; the service was removed`,
    });
  }
  return brokerStatus({ askJobs: false });
}

/**
 * Stops and removes the broker service and its folder, and every registry key it made (its
 * service key, Parameters included). Rejects with a PermissionError when refused.
 */
export async function uninstallBroker(): Promise<{ removed: boolean; folder: string | null }> {
  requireWindows();
  const imagePath = await registryValue(SERVICE_KEY, 'ImagePath');
  if (imagePath === null) return { removed: false, folder: null };
  await stopService();
  await mustRun('remove the broker service', 'sc.exe', ['delete', BROKER_SERVICE_NAME]);
  // Wine's service manager leaves the key behind; Windows removes it with the service.
  if ((await registryValue(SERVICE_KEY, 'ImagePath')) !== null) await mustRun('remove the broker\'s registry key', 'reg.exe', ['delete', SERVICE_KEY, '/f']);
  const folder = path.win32.dirname(imagePath.replace(/^"|"$/g, ''));
  // The host's files may stay locked for a moment after it stopped.
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(folder, { recursive: true, force: true });
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  // The parent made for it, when it is now empty (%ProgramFiles%\windows-update-agent).
  const parent = path.win32.dirname(folder);
  if (path.win32.basename(parent) === 'windows-update-agent') {
    try {
      rmdirSync(parent);
    } catch {
      // Not empty: something else lives there, and stays.
    }
  }
  return { removed: true, folder };
}

/** The service as the service control manager and its folder tell; `askJobs` lists jobs of a running broker. */
export async function brokerStatus(options: { askJobs?: boolean } = {}): Promise<BrokerStatus> {
  requireWindows();
  const imagePath = await registryValue(SERVICE_KEY, 'ImagePath');
  if (imagePath === null) return { installed: false, state: null, version: null, folder: null, imagePath: null, idleSeconds: null, jobs: null };
  const folder = path.win32.dirname(imagePath.replace(/^"|"$/g, ''));
  let version: string | null = null;
  try {
    version = (JSON.parse(readFileSync(path.win32.join(folder, 'package', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    version = null;
  }
  const idle = await registryValue(PARAMETERS_KEY, 'IdleSeconds');
  const state = await serviceState();
  let jobs: JobInfo[] | null = null;
  if (state === 'running' && options.askJobs !== false) {
    await jobRequest({ type: 'jobs', request: 'list' }, (reply) => {
      if ('jobs' in reply) jobs = reply.jobs;
      return jobs !== null;
    }).catch(() => {});
  }
  return { installed: true, state, version, folder, imagePath, idleSeconds: idle === null ? null : Number(idle), jobs };
}
