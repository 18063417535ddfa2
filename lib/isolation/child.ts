// The child process of an isolated session (started by host.ts): it loads the addon, opens one
// agent session and runs the parent's calls on it by method name, sending back what the
// functions among their arguments receive, then each call's result or error. Its JS thread never
// waits for the agent (the addon's threads do), so it hears an abort or a close at any time.
import { loadBinding, type NativeSession } from '../native.js';
import { type FromChild, serializeError, type ToChild } from './protocol.js';

/** How the parent reaches this process: Node's IPC channel, or Electron's utility-process port. */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const electronPort = (process as { parentPort?: ParentPort }).parentPort;

/** Sends a message; `sent` runs once it is handed to the channel. */
function post(message: FromChild, sent?: () => void): void {
  if (electronPort) {
    electronPort.postMessage(message);
    if (sent) setImmediate(sent);
  } else if (process.connected) {
    process.send!(message, undefined, undefined, () => sent?.());
  } else {
    sent?.();
  }
}

let session: NativeSession | undefined;
let openFailure: unknown;
let graceMs = 10_000;
let closing = false;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function run(message: Extract<ToChild, { type: 'call' }>): void {
  const { call, method, args, functions } = message;
  for (const place of functions) args[place] = (value: unknown) => post({ type: 'event', call, function: place, value });
  if (method === 'close') closing = true;
  let returned: unknown;
  try {
    if (!session) throw openFailure;
    const member = (session as unknown as Record<string, unknown>)[method];
    if (typeof member !== 'function') throw new TypeError(`the agent session has no method ${method}`);
    returned = (member as (...values: unknown[]) => unknown).apply(session, args);
  } catch (error) {
    post({ type: 'error', call, error: serializeError(error) });
    return;
  }
  // After close() there is nothing left to do here: the process ends once the answer is out.
  const then = method === 'close' ? () => leave() : undefined;
  if (!isThenable(returned)) {
    post({ type: 'result', call, value: returned }, then);
    return;
  }
  Promise.resolve(returned).then((value) => post({ type: 'result', call, value }, then),
    (error: unknown) => post({ type: 'error', call, error: serializeError(error) }, then));
}

function receive(message: ToChild): void {
  if (message.type === 'open') {
    graceMs = message.graceMs;
    try {
      session = new (loadBinding().Session)(message.options);
    } catch (error) {
      openFailure = error;
    }
    return;
  }
  run(message);
}

/**
 * Ends this process without waiting for the addon's threads: process.exit() does not run the
 * environment's cleanup, where the addon joins them, and one may be held by a call the agent
 * never answers.
 */
function leave(code = 0): never {
  process.exit(code);
}

/** The parent went away without closing: end the agent session as close() would, within the grace. */
function orphaned(): void {
  if (closing) return;
  closing = true;
  const closed = session ? session.close().catch(() => {}) : Promise.resolve();
  setTimeout(() => leave(1), graceMs);
  void closed.then(() => leave(0));
}

if (electronPort) {
  electronPort.on('message', ({ data }) => receive(data as ToChild));
} else {
  process.on('message', (message) => receive(message as ToChild));
  process.on('disconnect', orphaned);
}
