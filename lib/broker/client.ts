// A broker client: a connection to the broker's pipe that an isolated session uses in place of a
// child process (isolation: 'broker'), and the one-request connections of `wua job`. The service
// is started on demand when the pipe is not there; the service host checks the caller's token,
// and an answer of "refused" becomes a PermissionError.
import net from 'node:net';

import { BrokerUnavailableError, InvalidArgumentError, PermissionError } from '../errors.js';
import type { ChildEvents, ChildExit, ChildProcessHandle } from '../isolation/host.js';
import type { FromChild, ToChild } from '../isolation/protocol.js';
import { ADMITTED, encodeMessage, HELLO, MessageReader } from './frames.js';
import type { JobInfo, JobReply } from './jobs.js';
import type { ClientMessage, ToClient } from './messages.js';
import { runTool } from './run-tool.js';

export const BROKER_SERVICE_NAME = 'WindowsUpdateAgentBroker';
export const BROKER_PIPE = '\\\\.\\pipe\\windows-update-agent-broker';
/** How long a client waits for the service to start and open its pipe (ms). */
const START_WAIT_MS = 60_000;
const RETRY_MS = 250;
// E_ACCESSDENIED: what the agent itself answers a caller it refuses.
const E_ACCESSDENIED = 0x80070005;

async function exitStatus(file: string, args: string[]): Promise<number> {
  return (await runTool(file, args)).code;
}

/** Starts the service (demand start); resolves once asked, rejects when it is not installed. */
async function startService(): Promise<void> {
  const key = `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${BROKER_SERVICE_NAME}`;
  if (await exitStatus('reg.exe', ['query', key, '/v', 'ImagePath']) !== 0) {
    throw new BrokerUnavailableError('the broker service is not installed (run `wua broker install` as an administrator)');
  }
  // Already running (1056) or starting: either way the pipe comes, or the wait below ends.
  await exitStatus('sc.exe', ['start', BROKER_SERVICE_NAME]);
}

/** Opens a connection the service host has admitted, starting the service when its pipe is missing. */
export async function connectBroker(): Promise<net.Socket> {
  const deadline = Date.now() + START_WAIT_MS;
  let started = false;
  for (;;) {
    try {
      return await admitted();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'EBUSY' && code !== 'ECONNREFUSED' && code !== 'ECONNRESET') throw error;
      if (Date.now() > deadline) {
        throw new BrokerUnavailableError(`the broker service did not open its pipe within ${START_WAIT_MS / 1000} s`, { cause: error });
      }
      if (!started) {
        started = true;
        await startService();
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

function admitted(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(BROKER_PIPE);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    const closed = (): void => fail(Object.assign(new Error('the broker closed the connection'), { code: 'ECONNRESET' }));
    socket.once('error', fail);
    socket.once('close', closed);
    socket.once('connect', () => socket.write(HELLO));
    socket.once('data', (answer: Buffer) => {
      socket.off('error', fail);
      socket.off('close', closed);
      // Nothing more is read until the caller listens.
      socket.pause();
      if (answer[0] !== ADMITTED) {
        fail(new PermissionError(E_ACCESSDENIED, 'connect to the broker', {
          description: 'the broker admits only members of Administrators and SYSTEM',
        }));
        return;
      }
      if (answer.length > 1) socket.unshift(answer.subarray(1));
      resolve(socket);
    });
  });
}

/**
 * An isolated session's "child" that is a broker connection: messages are queued until the broker
 * has admitted this process, then cross the pipe; the connection's end is the child's exit. A
 * broker that is missing, or refuses, ends it with that error (ChildExit.failure).
 */
export function startBrokerConnection(events: ChildEvents): ChildProcessHandle {
  const queue: ClientMessage[] = [];
  let socket: net.Socket | undefined;
  let exited = false;
  let referenced = true;
  let lastExit: Omit<ChildExit, 'error'> = { exitCode: null, signal: null };
  const exit = (details: ChildExit): void => {
    if (exited) return;
    exited = true;
    events.exit(details);
  };
  const reader = new MessageReader();
  connectBroker().then((connected) => {
    socket = connected;
    if (!referenced) socket.unref();
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk) as Generator<ToClient>) {
        if (message.type === 'exit') lastExit = { exitCode: message.exitCode, signal: message.signal };
        else if (message.type !== 'jobs') events.message(message as FromChild);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => exit(lastExit));
    socket.resume();
    for (const message of queue.splice(0)) socket.write(encodeMessage(message));
  }, (error: Error) => exit({ exitCode: null, signal: null, error, failure: error }));
  return {
    pid: undefined,
    send(message: ToChild): void {
      if (!socket) queue.push(message);
      else if (!socket.destroyed) socket.write(encodeMessage(message));
    },
    kill(): void {
      // The broker ends the child (whose agent did not answer); closing alone would let it finish.
      if (socket && !socket.destroyed) socket.end(encodeMessage({ type: 'kill' }));
      else queue.splice(0);
    },
    setReferenced(value: boolean): void {
      referenced = value;
      if (value) socket?.ref();
      else socket?.unref();
    },
  };
}

/** Sends one job request and hands every answer to `onReply` until it returns true; then closes. */
export async function jobRequest(message: Extract<ClientMessage, { type: 'jobs' }>,
  onReply: (reply: JobReply) => boolean): Promise<void> {
  const socket = await connectBroker();
  const reader = new MessageReader();
  await new Promise<void>((resolve, reject) => {
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      for (const answer of reader.push(chunk) as Generator<ToClient>) {
        if (done || answer.type !== 'jobs') continue;
        if ('error' in answer.value) {
          done = true;
          const { message: text, code, name } = answer.value.error;
          reject(code === 'ERR_INVALID_ARG_VALUE' ? new InvalidArgumentError('the job', text) : Object.assign(new Error(text), { code, name }));
        } else if (onReply(answer.value)) {
          done = true;
          resolve();
        }
        if (done) socket.end();
      }
    });
    socket.on('error', (error) => { if (!done) reject(error); });
    socket.on('close', () => {
      if (!done) reject(new BrokerUnavailableError('the broker closed the connection before it answered'));
    });
    socket.resume();
    socket.write(encodeMessage(message));
  });
}

/** The answer to a request that has one job for an answer. */
export async function jobInfo(message: Extract<ClientMessage, { type: 'jobs' }>): Promise<JobInfo> {
  let job: JobInfo | undefined;
  await jobRequest(message, (reply) => {
    if ('job' in reply) job = reply.job;
    return job !== undefined;
  });
  return job!;
}
