// The system tools the broker's install and its clients run (sc.exe, reg.exe, the service host).
import { execFile } from 'node:child_process';

import { forkRetrying } from '../isolation/host.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a tool to its end and gives its exit status (1 when it has none) and output. A start that
 * CreateProcess refuses for a moment (`spawn UNKNOWN` on a loaded machine) is tried again as a
 * child's start is (forkRetrying).
 */
export function runTool(file: string, args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    try {
      forkRetrying(() => execFile(file, args, { windowsHide: true }, (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ code: error ? (typeof code === 'number' ? code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      }));
    } catch (error) {
      reject(error);
    }
  });
}
