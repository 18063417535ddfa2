// `wua broker install|uninstall|status`, `wua job list|status|follow|abort`, and `--detach` on
// download, install and uninstall: the broker service (lib/broker/) from the command line.
import { jobInfo, jobRequest } from '../../broker/client.js';
import type { JobInfo } from '../../broker/jobs.js';
import { type BrokerStatus, brokerStatus, installBroker, uninstallBroker } from '../../broker/service.js';
import { ExitCode } from '../exit-codes.js';
import { PROXY_PASSWORD_VARIABLE, PROXY_USER_VARIABLE } from '../network-flags.js';
import type { Output } from '../output.js';
import { UsageError } from '../report-error.js';

export interface BrokerInstallFlags {
  folder?: string;
  idle?: number;
}

function statusText(status: BrokerStatus): string {
  if (!status.installed) return 'The broker service is not installed (wua broker install, as an administrator).';
  const lines = [
    `Service:   WindowsUpdateAgentBroker (${status.state ?? 'state unknown'})`,
    `Version:   ${status.version ?? 'unknown'}`,
    `Folder:    ${status.folder ?? '-'}`,
    `Command:   ${status.imagePath ?? '-'}`,
    `Idle stop: after ${status.idleSeconds ?? '?'} s with no client, no running job and no unread result`,
  ];
  if (status.jobs) lines.push(`Jobs:      ${status.jobs.length} (${status.jobs.filter((job) => job.state === 'running').length} running)`);
  return lines.join('\n');
}

export async function brokerInstallCommand(flags: BrokerInstallFlags, output: Output): Promise<ExitCode> {
  const status = await installBroker({
    ...(flags.folder !== undefined ? { folder: flags.folder } : {}),
    ...(flags.idle !== undefined ? { idleSeconds: flags.idle } : {}),
  });
  output.result({ ...status, exitCode: ExitCode.success }, () => `Installed.\n${statusText(status)}`);
  return ExitCode.success;
}

export async function brokerUninstallCommand(output: Output): Promise<ExitCode> {
  const removed = await uninstallBroker();
  output.result({ ...removed, exitCode: ExitCode.success },
    () => (removed.removed ? `Removed the broker service and ${removed.folder}.` : 'The broker service was not installed: nothing to remove.'));
  return ExitCode.success;
}

export async function brokerStatusCommand(output: Output): Promise<ExitCode> {
  const status = await brokerStatus();
  output.result({ ...status, exitCode: ExitCode.success }, () => statusText(status));
  return ExitCode.success;
}

function jobText(job: JobInfo): string {
  const lines = [`Job ${job.id}: ${job.command} ${job.args.join(' ')}`.trimEnd(), `State:    ${job.state}${job.abortRequested ? ' (abort asked)' : ''}`,
    `Started:  ${job.startedAt}`];
  if (job.state === 'running' && job.lastProgress) lines.push(`Progress: ${String(job.lastProgress.percentComplete ?? '?')}% (${String(job.lastProgress.step ?? '')})`);
  if (job.finishedAt) lines.push(`Finished: ${job.finishedAt}`, `Result:   ${String(job.result?.resultCode ?? 'none')} (exit status ${job.exitCode})`);
  if (job.keptUntil) lines.push(`Kept until ${job.keptUntil}`);
  return lines.join('\n');
}

/** A finished job's exit status is its command's; a running one's is 0. */
function jobExitCode(job: JobInfo): ExitCode {
  return job.state === 'finished' ? (job.exitCode ?? ExitCode.failure) as ExitCode : ExitCode.success;
}

export async function jobListCommand(output: Output): Promise<ExitCode> {
  let jobs: JobInfo[] = [];
  await jobRequest({ type: 'jobs', request: 'list' }, (reply) => {
    if ('jobs' in reply) jobs = reply.jobs;
    return 'jobs' in reply;
  });
  output.result({ jobs, exitCode: ExitCode.success }, () => (jobs.length
    ? jobs.map((job) => `${job.id}  ${job.state.padEnd(8)}  ${job.command} ${job.args.join(' ')}`).join('\n') : 'No jobs.'));
  return ExitCode.success;
}

export async function jobStatusCommand(id: string, output: Output): Promise<ExitCode> {
  const job = await jobInfo({ type: 'jobs', request: 'status', jobId: id });
  const exitCode = jobExitCode(job);
  output.result({ job, exitCode }, () => jobText(job));
  return exitCode;
}

export async function jobAbortCommand(id: string, output: Output): Promise<ExitCode> {
  const job = await jobInfo({ type: 'jobs', request: 'abort', jobId: id });
  output.result({ job, exitCode: ExitCode.success }, () => (job.state === 'running'
    ? `Asked job ${job.id} to abort; wua job follow ${job.id} shows when the agent has confirmed it.` : `Job ${job.id} had already finished.`));
  return ExitCode.success;
}

/**
 * Progress as the job's command writes it (with --json --progress: its JSON lines), then the
 * command's document; the exit status is the job's.
 */
export async function jobFollowCommand(id: string, output: Output): Promise<ExitCode> {
  let job: JobInfo | undefined;
  let lastPercent = -1;
  await jobRequest({ type: 'jobs', request: 'follow', jobId: id }, (reply) => {
    if ('event' in reply) {
      if (output.jsonLines) {
        output.line(reply.event);
      } else {
        const percent = Number(reply.event.percentComplete);
        if (!output.json && Number.isFinite(percent) && percent !== lastPercent) output.note(`${String(reply.event.step ?? '')} ${percent}%`);
        lastPercent = percent;
      }
    }
    if ('job' in reply) job = reply.job;
    return job !== undefined;
  });
  const finished = job!;
  const exitCode = jobExitCode(finished);
  const { type: _type, ...document } = finished.result ?? {};
  output.result({ ...document, job: { ...finished, result: undefined }, exitCode },
    () => `${jobText(finished)}${finished.result?.rebootRequired ? '\nA restart is needed to finish. wua never restarts the machine.' : ''}`);
  return exitCode;
}

/** Global flags that are this process's, not the job's. */
const NOT_FOR_THE_JOB = new Set(['--json', '--progress', '--verbose', '--detach', '--no-color']);

/**
 * The job's command and flags from this run's arguments: the command, then its own flags as
 * given (`--flag=value` split in two), without the flags that only shape this process's output
 * or pick the broker.
 */
export function jobArguments(kind: string, argv: string[]): string[] {
  const args: string[] = [];
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!commandSeen && arg === kind) {
      commandSeen = true;
      continue;
    }
    if (arg === '--via') {
      i++;
      continue;
    }
    if (arg.startsWith('--via=') || NOT_FOR_THE_JOB.has(arg)) continue;
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (equals > 0) args.push(arg.slice(0, equals), arg.slice(equals + 1));
    else args.push(arg);
  }
  return [kind, ...args];
}

export interface DetachFlags {
  dryRun?: boolean;
  proxy?: string;
}

/** `wua install --detach ...`: the command runs as a broker job; this prints its ID and ends. */
export async function detachCommand(kind: string, argv: string[], flags: DetachFlags, output: Output): Promise<ExitCode> {
  if (flags.dryRun) throw new UsageError('--dry-run shows what would be done here and now: it cannot be detached');
  if (flags.proxy !== undefined && (process.env[PROXY_USER_VARIABLE] || process.env[PROXY_PASSWORD_VARIABLE])) {
    throw new UsageError(`a detached job takes no proxy credentials (${PROXY_USER_VARIABLE}, ${PROXY_PASSWORD_VARIABLE}): `
      + 'they would have to cross to the broker; run without --detach, or use a proxy that needs none');
  }
  const job = await jobInfo({ type: 'jobs', request: 'start', argv: jobArguments(kind, argv) });
  output.result({ job, exitCode: ExitCode.success },
    () => `Started job ${job.id} (${job.command}). Follow it with: wua job follow ${job.id}`);
  return ExitCode.success;
}
