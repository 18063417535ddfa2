// Jobs: download, install and uninstall commands that the broker's agent host runs for a client
// and that outlive its connection (`wua install --detach`). Each job is one run of the package's
// own command (job-runner.ts) in a process of the host's, from the protected folder, with
// arguments checked against the command's flags: no path, no program, nothing but the flags below.
// Its JSON lines are kept (progress events, then the document), and so is its result: until a
// client has read it and KEEP_READ_MS more, or else KEEP_UNREAD_MS after it finished. While a job
// runs, or a result waits to be read, the host does not leave when idle.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** How long a finished job's result is kept when nobody has read it (ms): a day. */
export const KEEP_UNREAD_MS = 24 * 60 * 60 * 1000;
/** How long a result is kept once read (ms), for a second look. */
export const KEEP_READ_MS = 10 * 60 * 1000;
/** Events kept per job: the first and the newest; a follower sees the last of them. */
const MAX_EVENTS = 1000;

export type JobRequest = 'start' | 'list' | 'status' | 'follow' | 'abort';

export type JobState = 'running' | 'finished';

/** A job as `wua job status` reports it. */
export interface JobInfo {
  /** 16 hex digits. */
  id: string;
  command: 'download' | 'install' | 'uninstall';
  /** The command's flags as given (never a proxy's credentials: the broker takes none). */
  args: string[];
  state: JobState;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string | null;
  /** The command's exit status (see `wua --help`), once finished. */
  exitCode: number | null;
  /** Whether an abort was asked for. */
  abortRequested: boolean;
  /** The newest progress event, as `--json --progress` writes it. */
  lastProgress: Record<string, unknown> | null;
  /** The command's JSON document (its `exitCode` included), once finished. */
  result: Record<string, unknown> | null;
  /** When the result is dropped (ISO 8601), once finished. */
  keptUntil: string | null;
}

export type JobReply =
  | { job: JobInfo }
  | { jobs: JobInfo[] }
  | { event: Record<string, unknown> }
  | { error: { name: string; message: string; code: string } };

const COMMANDS = new Set(['download', 'install', 'uninstall']);
/** The change commands' flags a job takes, and whether each takes a value (lib/cli/program.ts). */
const FLAGS = new Map<string, boolean>([
  ['--kb', true], ['--id', true], ['--category', true], ['--type', true], ['--installed', false], ['--hidden', false],
  ['--all', false], ['--priority', true], ['--force', false], ['--accept-eulas', false], ['--force-quiet', false],
  ['--server', true], ['--service-id', true], ['--offline', false], ['--proxy', true], ['--client-id', true],
  ['--timeout', true], ['--grace', true],
]);

class JobError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'BrokerJobError';
  }
}

/** The problem with a job's arguments, or undefined: a command, then known flags and their values. */
export function checkJobArguments(argv: unknown): string | undefined {
  if (!Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) return 'a job needs its command and flags as strings';
  const [command, ...rest] = argv as string[];
  if (!command || !COMMANDS.has(command)) return 'a job is a download, install or uninstall';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!FLAGS.has(arg)) return `a job does not take ${arg.startsWith('-') ? arg : `'${arg}'`}`;
    if (!FLAGS.get(arg)) continue;
    // A flag's values run to the next flag (commander's variadic --kb and --id take several).
    if (i + 1 >= rest.length || rest[i + 1]!.startsWith('-')) return `${arg} needs a value`;
    while (i + 1 < rest.length && !rest[i + 1]!.startsWith('-')) {
      if (rest[i + 1]!.length > 512) return `a value of ${arg} is too long`;
      i++;
    }
  }
  return undefined;
}

interface Job {
  info: JobInfo;
  process: ChildProcess | undefined;
  events: Record<string, unknown>[];
  followers: Set<(reply: JobReply) => void>;
  read: boolean;
  dropTimer?: NodeJS.Timeout;
}

function runnerScript(): string {
  return path.join(__dirname, 'job-runner.js');
}

export class BrokerJobs {
  readonly #jobs = new Map<string, Job>();
  readonly #changed: () => void;

  constructor(changed: () => void) {
    this.#changed = changed;
  }

  /** Running jobs, and results nobody has read, keep the host (and so the service) running. */
  keepsHostAlive(): boolean {
    return [...this.#jobs.values()].some((job) => job.info.state === 'running' || !job.read);
  }

  running(): boolean {
    return [...this.#jobs.values()].some((job) => job.info.state === 'running');
  }

  /** Answers a request; a follow sends events to `send` until the job ends. */
  request(request: JobRequest, jobId: string | undefined, argv: unknown, send: (reply: JobReply) => void): void {
    try {
      if (request === 'start') {
        send({ job: this.#start(argv) });
        return;
      }
      if (request === 'list') {
        send({ jobs: [...this.#jobs.values()].map((job) => job.info) });
        return;
      }
      const job = typeof jobId === 'string' ? this.#jobs.get(jobId.toLowerCase()) : undefined;
      if (!job) throw new JobError(`no job ${String(jobId)}: it never ran, or its result was dropped (see wua job list)`, 'ERR_WUA_NO_SUCH_JOB');
      if (request === 'abort') {
        if (job.info.state === 'running') {
          job.info.abortRequested = true;
          job.process?.send('abort');
        }
        send({ job: job.info });
      } else if (request === 'status') {
        this.#markRead(job);
        send({ job: job.info });
      } else if (request === 'follow') {
        for (const event of job.events) send({ event });
        if (job.info.state === 'finished') {
          this.#markRead(job);
          send({ job: job.info });
        } else {
          job.followers.add(send);
        }
      } else {
        throw new JobError(`unknown job request ${String(request)}`, 'ERR_INVALID_ARG_VALUE');
      }
    } catch (error) {
      const { name, message } = error as Error;
      send({ error: { name, message, code: (error as { code?: string }).code ?? 'ERR_WUA_BROKER' } });
    }
  }

  /** A follower's connection is gone: nothing more is sent to it. */
  unfollow(send: (reply: JobReply) => void): void {
    for (const job of this.#jobs.values()) job.followers.delete(send);
  }

  /** Every running job is asked to abort (the service stops). */
  abortAll(): void {
    for (const job of this.#jobs.values()) {
      if (job.info.state === 'running') job.process?.send('abort');
    }
  }

  #start(argv: unknown): JobInfo {
    const problem = checkJobArguments(argv);
    if (problem) throw new JobError(problem, 'ERR_INVALID_ARG_VALUE');
    const [command, ...args] = argv as string[];
    const id = randomBytes(8).toString('hex');
    const info: JobInfo = {
      id, command: command as JobInfo['command'], args, state: 'running', startedAt: new Date().toISOString(),
      finishedAt: null, exitCode: null, abortRequested: false, lastProgress: null, result: null, keptUntil: null,
    };
    const job: Job = { info, process: undefined, events: [], followers: new Set(), read: false };
    this.#jobs.set(id, job);
    const child = fork(runnerScript(), [command!, '--json', '--progress', ...args], {
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      windowsHide: true,
    });
    job.process = child;
    let pending = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      pending += text;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end).trim();
        pending = pending.slice(end + 1);
        if (line) this.#line(job, line);
      }
    });
    // The command's stderr holds no document; it is the host's log's (the job's ID before each line).
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) process.stderr.write(`job ${id}: ${line}\n`);
    });
    child.on('error', () => {});
    child.on('exit', (code) => {
      if (pending.trim()) this.#line(job, pending.trim());
      this.#finish(job, code);
    });
    this.#changed();
    return info;
  }

  #line(job: Job, line: string): void {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    // The last line of --json --progress is the document, typed 'result' or 'error'.
    if (parsed.type === 'result' || parsed.type === 'error' || 'exitCode' in parsed) {
      job.info.result = parsed;
      return;
    }
    job.info.lastProgress = parsed;
    if (job.events.length >= MAX_EVENTS) job.events.splice(1, 1);
    job.events.push(parsed);
    for (const follower of job.followers) follower({ event: parsed });
  }

  #finish(job: Job, code: number | null): void {
    job.info.state = 'finished';
    job.info.finishedAt = new Date().toISOString();
    job.info.exitCode = code ?? (job.info.result?.exitCode as number | undefined) ?? 1;
    job.process = undefined;
    for (const follower of job.followers) follower({ job: job.info });
    if (job.followers.size) this.#markRead(job);
    else this.#keep(job, KEEP_UNREAD_MS);
    job.followers.clear();
    this.#changed();
  }

  #markRead(job: Job): void {
    if (job.info.state !== 'finished' || job.read) return;
    job.read = true;
    this.#keep(job, KEEP_READ_MS);
    this.#changed();
  }

  #keep(job: Job, ms: number): void {
    clearTimeout(job.dropTimer);
    job.info.keptUntil = new Date(Date.now() + ms).toISOString();
    job.dropTimer = setTimeout(() => {
      this.#jobs.delete(job.info.id);
      this.#changed();
    }, ms);
    job.dropTimer.unref();
  }
}
