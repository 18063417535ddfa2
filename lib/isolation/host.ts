// Starting the child process of an isolated session with the runtime that runs this one: Node
// (child_process.fork with its IPC channel, V8 serialization), an Electron main process
// (Electron's utilityProcess, which needs no ELECTRON_RUN_AS_NODE and so works when an app turns
// the RunAsNode fuse off), or Electron run as Node (fork, with ELECTRON_RUN_AS_NODE kept).
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { FromChild, ToChild } from './protocol.js';

export interface ChildExit {
  exitCode: number | null;
  signal: string | null;
  /** Why the process could not be started, when it was not. */
  error?: Error;
  /**
   * An error every waiting call rejects with as it is, rather than an AgentUnresponsiveError: a
   * broker that is not installed, or that refused this caller (lib/broker/client.ts).
   */
  failure?: Error;
}

/** A started child process, whichever runtime started it. */
export interface ChildProcessHandle {
  readonly pid: number | undefined;
  send(message: ToChild): void;
  /** Ends the process at once (TerminateProcess on Windows). */
  kill(): void;
  /** Whether the child keeps this process's event loop alive: only while calls wait for it. */
  setReferenced(referenced: boolean): void;
}

export interface ChildEvents {
  message(message: FromChild): void;
  /** Once, when the process has ended or could not start. */
  exit(exit: ChildExit): void;
}

/**
 * The child's script: `child.js` beside this module in dist/. Inside an Electron app's asar
 * archive this path points into the archive, which both utilityProcess and Electron run as Node
 * read from. Run from the TypeScript sources (the package's own tests), the built script in
 * dist/ is the one to start, since Node does not run the sources.
 */
export function childScript(): string {
  if (path.extname(__filename) === '.ts') return path.join(__dirname, '..', '..', 'dist', 'isolation', 'child.js');
  return path.join(__dirname, 'child.js');
}

/** What the package uses of Electron's UtilityProcess (electronjs.org/docs/latest/api/utility-process). */
export interface UtilityProcess {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
}

export interface ElectronMain {
  utilityProcess: { fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: string }): UtilityProcess };
}

/** Electron's main process, where a utility process is the way to start a Node child. */
function electronMain(): ElectronMain | undefined {
  if (!process.versions.electron || (process as { type?: string }).type !== 'browser') return undefined;
  return createRequire(__filename)('electron') as ElectronMain;
}

/** How a session starts its child; the default picks by the runtime. */
export type StartChild = (events: ChildEvents) => ChildProcessHandle;

export const startChild: StartChild = (events) => {
  const electron = electronMain();
  return electron ? startUtilityProcess(electron, events) : startForked(events);
};

const FORK_ATTEMPTS = 3;
const FORK_RETRY_MS = 25;

/**
 * @internal CreateProcess now and then fails for a moment and throws at once (`spawn UNKNOWN`: a
 * scan of the executable, a loaded machine): a start is tried again twice, a moment apart, before
 * the call that needed the child fails with it.
 */
export function forkRetrying(start: () => ChildProcess): ChildProcess {
  for (let attempt = 1; ; attempt++) {
    try {
      return start();
    } catch (error) {
      if (attempt >= FORK_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FORK_RETRY_MS);
    }
  }
}

function startForked(events: ChildEvents): ChildProcessHandle {
  let exited = false;
  const exit = (details: ChildExit): void => {
    if (exited) return;
    exited = true;
    events.exit(details);
  };
  // The same runtime as this process (node.exe, or an Electron executable run as Node), without
  // this process's own flags (an inspector port, a test runner's loaders).
  const child = forkRetrying(() => fork(childScript(), [], {
    execPath: process.execPath,
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    windowsHide: true,
    env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
  }));
  child.on('message', (message) => events.message(message as FromChild));
  child.on('exit', (exitCode, signal) => exit({ exitCode, signal }));
  child.on('error', (error) => {
    // A failed start, or a message that could not be sent: only the first ends the child.
    if (child.pid === undefined) exit({ exitCode: null, signal: null, error });
  });
  return {
    get pid() { return child.pid; },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    kill: () => {
      child.kill();
    },
    setReferenced: (referenced) => {
      const channel = child.channel as { ref?(): void; unref?(): void } | null | undefined;
      if (referenced) {
        child.ref();
        channel?.ref?.();
      } else {
        child.unref();
        channel?.unref?.();
      }
    },
  };
}

export function startUtilityProcess(electron: ElectronMain, events: ChildEvents): ChildProcessHandle {
  const child = electron.utilityProcess.fork(childScript(), [], { serviceName: 'windows-update-agent', stdio: 'inherit' });
  child.on('message', (message) => events.message(message as FromChild));
  child.on('exit', (exitCode) => events.exit({ exitCode, signal: null }));
  return {
    get pid() { return child.pid; },
    send: (message) => child.postMessage(message),
    kill: () => { child.kill(); },
    // A utility process does not keep the main process alive; the app decides when it quits.
    setReferenced: () => {},
  };
}
