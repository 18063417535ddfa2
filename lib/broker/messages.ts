// What a broker client and the broker's agent host say beyond the isolation protocol
// (lib/isolation/protocol.ts): a client may ask the host to end its child (as an isolated session
// ends an unresponsive one) and ask about jobs; the host tells the client when its child ended.
import type { FromChild, ToChild } from '../isolation/protocol.js';
import type { JobRequest, JobReply } from './jobs.js';

export interface KillMessage {
  type: 'kill';
}

export interface JobsMessage {
  type: 'jobs';
  request: JobRequest;
  /** The job a status, follow or abort request is about; the arguments of a start. */
  jobId?: string;
  argv?: string[];
}

export type ClientMessage = ToChild | KillMessage | JobsMessage;

export interface ExitMessage {
  type: 'exit';
  exitCode: number | null;
  signal: string | null;
}

export interface JobsReplyMessage {
  type: 'jobs';
  request: JobRequest;
  value: JobReply;
}

export type ToClient = FromChild | ExitMessage | JobsReplyMessage;

/**
 * The NativeSession methods (lib/native.ts) the broker forwards. A method added there is refused
 * here until it is added to this list: the list is what the broker lets a client run as SYSTEM.
 * Left out: scanPackage and driveType, which take a path a client names (a catalog file, a
 * volume); addService is forwarded only without an authorization cab (checked by the host).
 */
export const FORWARDED_METHODS: ReadonlySet<string> = new Set([
  'describe', 'search', 'inspect', 'download', 'install', 'uninstall', 'abort', 'forget', 'status', 'close',
  'historyPage', 'historyOf', 'historyCount', 'automaticUpdates', 'detectNow', 'enableAutomaticUpdatesService',
  'setHidden', 'acceptEulas', 'services', 'addService', 'removeService', 'setServiceWithAu', 'serviceRegistration',
]);
