// Ctrl-C and --timeout ask the agent to abort and wait for it to confirm; an agent that never
// does (a wedged search or install, which ignores RequestAbort) would keep `wua` running for good,
// and a script or a fleet tool that runs it has no second Ctrl-C to give. So the agent has
// --grace seconds, after which `wua` reports an AgentUnresponsiveError and ends: this process's
// end is what ends a call the agent never returns from, as an isolated session's child's end is.
import { AgentUnresponsiveError } from '../errors.js';
import type { Output } from './output.js';
import { reportError } from './report-error.js';

export const DEFAULT_GRACE_SECONDS = 30;

/** Arms the grace period when `signal` fires; `cancel()` once the command has finished. */
export function hardDeadline(signal: AbortSignal, graceSeconds: number, operation: string, output: Output): { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    timer = setTimeout(() => {
      const error = new AgentUnresponsiveError(operation, { reason: 'abortIgnored', graceMs: graceSeconds * 1000, cause: signal.reason });
      process.exit(reportError(error, output));
    }, graceSeconds * 1000);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return {
    cancel() {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    },
  };
}
