// The built `wua` as a child process, the way scripts run it, playing the scenario the test set
// (useScenario puts it in process.env, which the child inherits).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const WUA = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'wua.js');

export interface WuaRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `wua args...` with `env` on top of the test's; COLUMNS only when `env` sets it. */
export function wuaWith(env: Record<string, string>, ...args: string[]): WuaRun {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  if (!('COLUMNS' in env)) delete base.COLUMNS;
  let run = spawnSync(process.execPath, [WUA, ...args], { encoding: 'utf8', env: base, timeout: 60_000 });
  // CreateProcess refuses a start now and then on a loaded machine (spawn UNKNOWN): the package
  // itself tries such a start again (forkRetrying), and so does a test's run of the command.
  for (let attempt = 1; attempt < 3 && (run.error as { code?: string } | undefined)?.code === 'UNKNOWN'; attempt++) {
    run = spawnSync(process.execPath, [WUA, ...args], { encoding: 'utf8', env: base, timeout: 60_000 });
  }
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function wua(...args: string[]): WuaRun {
  return wuaWith({}, ...args);
}

/** stdout as the one JSON document a --json run writes. */
export function jsonOf<T = Record<string, unknown>>(run: WuaRun): T {
  return JSON.parse(run.stdout) as T;
}
