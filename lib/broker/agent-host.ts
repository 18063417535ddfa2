// The broker's agent host: the Node process the service host (src/broker/broker_service.cc) runs as
// LocalSystem from the protected folder. Every connection the service host admitted (an
// administrator's or SYSTEM's) reaches it as frames on stdin; each opens one isolated child
// (lib/isolation/child.ts, started as an isolated session starts it) whose agent session runs that
// client's calls, forwarded as the isolation protocol's messages. The host checks every message
// first: only the agent session's own methods, by name, with data for arguments, and none that
// takes a path (a catalog to scan, a drive to test), since a file a client names would be read as
// SYSTEM. A client that leaves does not end what it started: the child finishes its running calls
// (a download or an install) and is closed after them. The host leaves after an idle period with no
// connection, no child and no job (the service then stops), or when its stdin ends (a stop).
import { type ChildProcessHandle, startChild } from '../isolation/host.js';
import { type CallMessage, type FromChild, type OpenMessage, serializeError } from '../isolation/protocol.js';
import { BrokerJobs, type JobReply, type JobRequest } from './jobs.js';
import {
  encodeFrame, encodeMessage, FRAME_CLOSE, FRAME_DATA, FRAME_OPEN, FrameReader, MessageReader,
} from './frames.js';
import { type ClientMessage, FORWARDED_METHODS, type ToClient } from './messages.js';

const idleArgument = process.argv.find((arg) => arg.startsWith('--idle-seconds='));
const IDLE_MS = Math.max(1, Number(idleArgument?.slice('--idle-seconds='.length) ?? 300) || 300) * 1000;
/** How long children have to close their agent sessions when the service stops (ms). */
const STOP_GRACE_MS = 20_000;
/** How long the agent has to close a session whose client left (ms); as an isolated session's default grace. */
const CHILD_GRACE_MS = 10_000;

function log(text: string): void {
  process.stderr.write(`${new Date().toISOString()} ${text}\n`);
}

function sendFrame(connection: number, kind: number, data?: Buffer): void {
  for (const piece of encodeFrame(connection, kind, data)) process.stdout.write(piece);
}

class RefusedCall extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** One admitted client and the isolated child that runs its calls. */
class Connection {
  readonly #reader = new MessageReader();
  #child: ChildProcessHandle | undefined;
  #childGone = false;
  /** The client's calls the child has not answered yet. */
  readonly #running = new Set<number>();
  #left = false;
  #closing = false;
  readonly #followers = new Set<(reply: JobReply) => void>();

  constructor(readonly id: number) {}

  get active(): boolean {
    return !this.#left || (this.#child !== undefined && !this.#childGone);
  }

  receive(data: Buffer): void {
    try {
      for (const message of this.#reader.push(data)) this.#handle(message as ClientMessage);
    } catch (error) {
      log(`connection ${this.id}: unreadable traffic (${(error as Error).message}); disconnected`);
      sendFrame(this.id, FRAME_CLOSE);
      this.left();
    }
  }

  /** The client is gone: its running calls go on, and the child is closed once they have finished. */
  left(): void {
    if (this.#left) return;
    this.#left = true;
    for (const follower of this.#followers) jobs.unfollow(follower);
    log(`connection ${this.id}: client left${this.#running.size ? ` with ${this.#running.size} call(s) running` : ''}`);
    this.#closeWhenDone();
    host.check();
  }

  /** The service stops: the child closes its session now. */
  stop(): void {
    this.#left = true;
    this.#closeChild();
  }

  /** Where a job request's answers go; a follow's stop with the connection. */
  #jobReplies(request: JobRequest): (reply: JobReply) => void {
    const send = (reply: JobReply): void => this.#send({ type: 'jobs', request, value: reply });
    this.#followers.add(send);
    return send;
  }

  #send(message: ToClient): void {
    if (!this.#left) sendFrame(this.id, FRAME_DATA, encodeMessage(message));
  }

  #handle(message: ClientMessage): void {
    if (typeof message !== 'object' || message === null) throw new RefusedCall('a message must be an object');
    switch (message.type) {
      case 'open':
        this.#open(message);
        return;
      case 'call':
        this.#call(message);
        return;
      case 'kill':
        // The client's grace period passed with the agent silent: as an isolated session does, end the child.
        log(`connection ${this.id}: the client ended its child`);
        this.#child?.kill();
        return;
      case 'jobs':
        jobs.request(message.request, message.jobId, message.argv, this.#jobReplies(message.request));
        return;
      default:
        throw new RefusedCall('unknown message');
    }
  }

  #open(message: OpenMessage): void {
    if (this.#child) throw new RefusedCall('a connection opens one session');
    const options = message.options as unknown;
    if (typeof options !== 'object' || options === null) throw new RefusedCall('open needs options');
    const { clientApplicationId, webProxy } = options as { clientApplicationId?: unknown; webProxy?: unknown };
    if (clientApplicationId !== undefined && typeof clientApplicationId !== 'string') throw new RefusedCall('clientApplicationId must be a string');
    if (webProxy !== undefined && (typeof webProxy !== 'object' || webProxy === null)) throw new RefusedCall('webProxy must be an object');
    // The client's own grace decides when it gives up; the child's is the host's.
    const open: OpenMessage = { type: 'open', options: { clientApplicationId, ...(webProxy ? { webProxy } : {}) } as OpenMessage['options'], graceMs: CHILD_GRACE_MS };
    log(`connection ${this.id}: session opened for ${JSON.stringify(clientApplicationId ?? '')}`);
    this.#child = startChild({
      message: (reply) => this.#fromChild(reply),
      exit: (exit) => {
        this.#childGone = true;
        log(`connection ${this.id}: child ended (exit code ${exit.exitCode ?? 'none'})`);
        this.#send({ type: 'exit', exitCode: exit.exitCode, signal: exit.signal });
        if (!this.#left) sendFrame(this.id, FRAME_CLOSE);
        this.#running.clear();
        host.check();
      },
    });
    this.#child.send(open);
  }

  #call(message: CallMessage): void {
    const { call, method, args, functions } = message;
    if (!Number.isSafeInteger(call) || call <= 0) throw new RefusedCall('a call needs a positive number');
    const refuse = (problem: string): void => this.#send({ type: 'error', call, error: serializeError(new RefusedCall(`${String(method)}: ${problem}`)) });
    if (!this.#child || this.#childGone) {
      refuse('the session is not open');
      return;
    }
    if (typeof method !== 'string' || !FORWARDED_METHODS.has(method)) {
      refuse('the broker runs only the agent session\'s own operations, and none that reads a file a client names');
      return;
    }
    if (!Array.isArray(args) || !Array.isArray(functions)
      || !functions.every((place) => Number.isInteger(place) && place >= 0 && place < args.length && args[place] === null)) {
      refuse('malformed arguments');
      return;
    }
    if (method === 'addService' && args[2] !== '') {
      refuse('a service with an authorization cab is registered in process, not through the broker');
      return;
    }
    if (method === 'close') this.#closing = true;
    this.#running.add(call);
    this.#child.send({ type: 'call', call, method, args, functions });
  }

  #fromChild(message: FromChild): void {
    if (message.type !== 'event') this.#running.delete(message.call);
    this.#send(message);
    if (message.type !== 'event') this.#closeWhenDone();
  }

  #closeWhenDone(): void {
    if (this.#left && !this.#running.size) this.#closeChild();
  }

  #closeChild(): void {
    if (!this.#child || this.#childGone || this.#closing) return;
    this.#closing = true;
    // A call number of the host's own: the client's are positive. The child leaves after answering.
    this.#child.send({ type: 'call', call: 0, method: 'close', args: [], functions: [] });
    const child = this.#child;
    setTimeout(() => { if (!this.#childGone) child.kill(); }, CHILD_GRACE_MS).unref();
  }
}

class Host {
  readonly connections = new Map<number, Connection>();
  #idleTimer: NodeJS.Timeout | undefined;
  #stopping = false;

  frame(connection: number, kind: number, data: Buffer): void {
    if (kind === FRAME_OPEN) {
      this.connections.set(connection, new Connection(connection));
      log(`connection ${connection}: admitted`);
    } else if (kind === FRAME_DATA) {
      this.connections.get(connection)?.receive(data);
    } else if (kind === FRAME_CLOSE) {
      this.connections.get(connection)?.left();
    }
    this.check();
  }

  /** Drops what has finished, and arms or disarms the idle timer. */
  check(): void {
    for (const [id, connection] of this.connections) if (!connection.active) this.connections.delete(id);
    const idle = !this.connections.size && !jobs.keepsHostAlive();
    if (this.#stopping) {
      if (!this.connections.size && !jobs.running()) process.exit(0);
      return;
    }
    if (!idle) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    } else if (!this.#idleTimer) {
      this.#idleTimer = setTimeout(() => {
        log('idle: leaving');
        process.exit(0);
      }, IDLE_MS);
    }
  }

  /** The service host closed stdin (a stop): sessions close, then the host leaves. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    log('stopping');
    for (const connection of this.connections.values()) connection.stop();
    jobs.abortAll();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    this.check();
  }
}

const host = new Host();
const jobs = new BrokerJobs(() => host.check());

const frames = new FrameReader();
process.stdin.on('data', (chunk: Buffer) => {
  for (const { connection, kind, data } of frames.push(chunk)) host.frame(connection, kind, data);
});
process.stdin.on('end', () => host.stop());
process.stdin.on('error', () => host.stop());
log(`agent host started (pid ${process.pid}, idle after ${IDLE_MS / 1000} s)`);
host.check();
