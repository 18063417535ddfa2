// A NativeSession whose agent session lives in a child process that it starts and owns
// (isolation: 'process'). Every call is forwarded by method name, with the functions among its
// arguments kept here, so that each method of NativeSession works isolated as it does in
// process. What in process nothing can do, this can: when the agent does not confirm an abort
// within the grace period, the child is ended, every call waiting for it rejects with an
// AgentUnresponsiveError, and the next call starts a fresh child.
import { AgentUnresponsiveError, type UnresponsiveReason } from '../errors.js';
import type { NativeSession, NativeSessionOptions } from '../native.js';
import { type ChildExit, type ChildProcessHandle, startChild, type StartChild } from './host.js';
import { deserializeError, type FromChild } from './protocol.js';

/** How long an ended child has to be gone before its calls reject all the same (ms). */
const EXIT_WAIT_MS = 5_000;

interface PendingCall {
  method: string;
  /** The facade's ID of the operation, for the calls that take one (its first argument). */
  operationId: number | undefined;
  functions: Map<number, (value: unknown) => void>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Why a child is being ended. */
interface Ending {
  reason: UnresponsiveReason;
  graceMs?: number;
}

/** One child process and the calls it runs; a session has one at a time, started on demand. */
class Child {
  readonly calls = new Map<number, PendingCall>();
  readonly graceTimers = new Set<NodeJS.Timeout>();
  readonly process: ChildProcessHandle;
  ending: Ending | undefined;
  exit: ChildExit | undefined;
  /** Settles when the process has ended. */
  readonly gone: Promise<void>;
  #nextCall = 1;
  #markGone!: () => void;

  constructor(start: (child: Child) => ChildProcessHandle) {
    this.gone = new Promise((resolve) => { this.#markGone = resolve; });
    this.process = start(this);
  }

  ended(exit: ChildExit): void {
    this.exit = exit;
    for (const timer of this.graceTimers) clearTimeout(timer);
    this.graceTimers.clear();
    this.#markGone();
  }

  nextCall(): number {
    return this.#nextCall++;
  }
}

export interface IsolationHooks {
  /**
   * The child is gone (ended, crashed, closed): whatever it held (the agent's objects behind
   * records) went with it.
   */
  childLost(): void;
}

export class IsolatedSession {
  #options: NativeSessionOptions;
  readonly #graceMs: number;
  readonly #hooks: IsolationHooks;
  readonly #start: StartChild;
  #child: Child | undefined;

  constructor(options: NativeSessionOptions, graceMs: number, hooks: IsolationHooks, start: StartChild = startChild) {
    this.#options = options;
    this.#graceMs = graceMs;
    this.#hooks = hooks;
    this.#start = start;
  }

  /** The process ID of the child that runs this session's calls now, if one runs. */
  get processId(): number | undefined {
    return this.#child && !this.#child.ending ? this.#child.process.pid : undefined;
  }

  /** Forwards a call to the child, starting one when none runs. */
  call(method: string, args: unknown[]): Promise<unknown> {
    const child = this.#current();
    const call = child.nextCall();
    const functions = new Map<number, (value: unknown) => void>();
    const sent = args.map((arg, place) => {
      if (typeof arg !== 'function') return arg;
      functions.set(place, arg as (value: unknown) => void);
      return null;
    });
    const operationId = typeof args[0] === 'number' ? args[0] : undefined;
    const settled = new Promise<unknown>((resolve, reject) => {
      child.calls.set(call, { method, operationId, functions, resolve, reject });
    });
    child.process.setReferenced(true);
    child.process.send({ type: 'call', call, method, args: sent, functions: [...functions.keys()] });
    return settled;
  }

  /**
   * Asks the agent to abort an operation, and gives it the grace period to confirm: when the
   * operation has not settled by then, the child is ended.
   */
  abort(operationId: number): void {
    const child = this.#child;
    if (!child || child.ending) return;
    const running = () => [...child.calls.values()].some((call) => call.operationId === operationId && call.method !== 'abort');
    if (!running()) return;
    this.call('abort', [operationId]).catch(() => {});
    const timer = setTimeout(() => {
      child.graceTimers.delete(timer);
      if (running()) this.#end(child, { reason: 'abortIgnored', graceMs: this.#graceMs });
    }, this.#graceMs);
    // While the operation runs, its call keeps this process alive; once it has settled, the
    // timer has nothing left to do and must not hold the process up.
    timer.unref();
    child.graceTimers.add(timer);
  }

  /** The calls waiting for the child's answer, by ID. */
  pendingCalls(): number[] {
    return [...this.#child?.calls.keys() ?? []];
  }

  /**
   * The caller gave up on these calls, which are no abortable operation of the agent (the
   * one-shot calls an install or an offline scan makes before its job): they get the grace
   * period to settle, and the child is ended if any is still waiting then, as for an abort the
   * agent ignored.
   */
  abandon(calls: readonly number[]): void {
    const child = this.#child;
    if (!child || child.ending || !calls.some((call) => child.calls.has(call))) return;
    const timer = setTimeout(() => {
      child.graceTimers.delete(timer);
      if (calls.some((call) => child.calls.has(call))) this.#end(child, { reason: 'abortIgnored', graceMs: this.#graceMs });
    }, this.#graceMs);
    timer.unref();
    child.graceTimers.add(timer);
  }

  /** Records of a child that is gone have nothing left to release. */
  forget(updateIds: string): void {
    if (!this.#child || this.#child.ending) return;
    this.call('forget', [updateIds]).catch(() => {});
  }

  /**
   * Closes the agent session and ends the child: at once when the agent answers, else once the
   * grace period has passed (which is no failure: nothing is left running).
   */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child || child.ending) return;
    const timer = setTimeout(() => this.#end(child, { reason: 'closeIgnored', graceMs: this.#graceMs }), this.#graceMs);
    child.graceTimers.add(timer);
    try {
      await this.call('close', []);
    } catch (error) {
      if (!(error instanceof AgentUnresponsiveError)) throw error;
    } finally {
      clearTimeout(timer);
      child.graceTimers.delete(timer);
    }
    // The child leaves once it has answered; one that does not is ended.
    if (!child.exit) {
      await new Promise<void>((resolve) => {
        const gone = setTimeout(() => {
          this.#end(child, { reason: 'closeIgnored', graceMs: this.#graceMs });
          resolve();
        }, this.#graceMs);
        child.graceTimers.add(gone);
        void child.gone.then(() => {
          clearTimeout(gone);
          resolve();
        });
      });
    }
  }

  #current(): Child {
    if (this.#child && !this.#child.ending) return this.#child;
    const child = new Child((self) => this.#start({
      message: (message) => this.#receive(self, message),
      exit: (exit) => this.#exited(self, exit),
    }));
    this.#child = child;
    child.process.send({ type: 'open', options: this.#options, graceMs: this.#graceMs });
    // A proxy password crosses once, to the first child: the session keeps no copy (as in process),
    // so a child started after a kill opens without it and a proxy that asks for it answers 407.
    if (this.#options.webProxy?.password !== undefined) {
      const { password: _dropped, ...webProxy } = this.#options.webProxy;
      this.#options = { ...this.#options, webProxy };
    }
    return child;
  }

  #receive(child: Child, message: FromChild): void {
    const call = child.calls.get(message.call);
    if (!call) return;
    if (message.type === 'event') {
      call.functions.get(message.function)?.(message.value);
      return;
    }
    child.calls.delete(message.call);
    if (!child.calls.size) child.process.setReferenced(false);
    if (message.type === 'result') call.resolve(message.value);
    else call.reject(deserializeError(message.error));
  }

  /** Ends a child that does not answer; its calls reject once it is gone. */
  #end(child: Child, ending: Ending): void {
    if (child.ending || child.exit) return;
    child.ending = ending;
    this.#lose(child);
    child.process.kill();
    const timer = setTimeout(() => this.#exited(child, { exitCode: null, signal: null }), EXIT_WAIT_MS);
    child.graceTimers.add(timer);
  }

  /** The child is no longer this session's: the next call starts another. */
  #lose(child: Child): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#hooks.childLost();
  }

  /** The child has ended (or its end was given up waiting for): its calls reject, none answered. */
  #exited(child: Child, exit: ChildExit): void {
    if (child.exit) return;
    child.ended(exit);
    this.#lose(child);
    const ending: Ending = child.ending ?? { reason: 'exited' };
    const calls = [...child.calls.values()];
    child.calls.clear();
    child.process.setReferenced(false);
    for (const call of calls) {
      if (exit.failure) {
        call.reject(exit.failure);
        continue;
      }
      call.reject(new AgentUnresponsiveError(call.method, {
        reason: ending.reason, graceMs: ending.graceMs, exitCode: exit.exitCode, signal: exit.signal, cause: exit.error,
      }));
    }
  }
}

/** The names that are not calls of the agent session: promise resolution and inspection look them up. */
const NOT_CALLS = new Set(['then', 'catch', 'finally', 'constructor', 'toJSON', 'valueOf', 'toString']);

/**
 * An isolated session as the NativeSession the facade uses: abort, forget and close as above,
 * and every other method forwarded by name.
 */
export function openIsolatedSession(options: NativeSessionOptions, graceMs: number, hooks: IsolationHooks,
  start?: StartChild): NativeSession {
  const session = new IsolatedSession(options, graceMs, hooks, start);
  const own: Record<string, unknown> = {
    abort: (operationId: number) => session.abort(operationId),
    pendingCalls: () => session.pendingCalls(),
    abandon: (calls: readonly number[]) => session.abandon(calls),
    forget: (updateIds: string) => session.forget(updateIds),
    close: () => session.close(),
  };
  return new Proxy(session, {
    get(target, name) {
      if (typeof name !== 'string' || NOT_CALLS.has(name)) return undefined;
      if (name === 'processId') return target.processId;
      return own[name] ?? ((...args: unknown[]) => target.call(name, args));
    },
  }) as unknown as NativeSession;
}
