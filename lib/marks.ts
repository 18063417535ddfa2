// Hiding updates and accepting their license terms: what the agent keeps per update at a
// caller's word (IUpdate::put_IsHidden, IUpdate::AcceptEula). Each update is a call of its own,
// so each has an outcome of its own: the agent refusing one (a mandatory update cannot be
// hidden) leaves the others done, as PSWindowsUpdate's Hide-WindowsUpdate reports them.
import { agentError, describeHresult, type WindowsUpdateError } from './errors.js';
import type { NativeMark } from './native.js';
import type { EulaOutcome, EulaResult, HideOutcome, HideResult, MarkOperation, MarkOutcome, MarkResult } from './types.js';

export type { MarkOperation };

function outcomeOf(mark: NativeMark): MarkOutcome {
  const info = describeHresult(mark.hresult);
  const status = mark.hresult !== 0 ? 'failed' : mark.before === mark.after ? 'unchanged' : 'changed';
  return {
    updateId: mark.updateId, title: mark.title, kbArticleIds: mark.kbArticleIds, status,
    hresult: info.hresult, code: info.name, meaning: info.meaning,
    ...(mark.description ? { description: mark.description } : {}),
  };
}

function resultCodeOf(outcomes: readonly MarkOutcome[]): MarkResult['resultCode'] {
  const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
  if (!failed) return 'succeeded';
  return failed === outcomes.length ? 'failed' : 'succeededWithErrors';
}

/**
 * A refusal of the caller's rights fails every update alike (not an administrator, a remote
 * caller), so it is the call's error rather than a list of identical outcomes: the call rejects
 * when an update was refused so and none was changed. Should the agent ever refuse one update's
 * rights after changing another, the result says so instead, since a rejection would hide what
 * was done.
 */
function permissionRefusal(operation: MarkOperation, outcomes: readonly MarkOutcome[]): WindowsUpdateError | undefined {
  if (outcomes.some((outcome) => outcome.status === 'changed')) return undefined;
  const refused = outcomes.find((outcome) => outcome.status === 'failed' && describeHresult(outcome.hresult).category === 'permission');
  return refused && agentError(refused.hresult, operation, { description: refused.description });
}

function resultOf<Outcome extends MarkOutcome>(operation: MarkOperation, marks: readonly NativeMark[],
  outcome: (mark: NativeMark) => Outcome): MarkResult<Outcome> {
  const updates = marks.map(outcome);
  const refusal = permissionRefusal(operation, updates);
  if (refusal) throw refusal;
  return { operation, resultCode: resultCodeOf(updates), updates };
}

/** What hide([]), unhide([]) and acceptEulas([]) resolve with: nothing to do is no error. */
export function nothingToMark<Outcome extends MarkOutcome>(operation: MarkOperation): MarkResult<Outcome> {
  return { operation, resultCode: 'succeeded', updates: [] };
}

/** The result of hide() or unhide() from the agent's answers. Throws the call's permission refusal. */
export function hideResultFrom(operation: 'hide' | 'unhide', marks: readonly NativeMark[]): HideResult {
  return resultOf<HideOutcome>(operation, marks, (mark) => ({ ...outcomeOf(mark), isHidden: mark.after }));
}

/** The result of acceptEulas() from the agent's answers. Throws the call's permission refusal. */
export function eulaResultFrom(marks: readonly NativeMark[]): EulaResult {
  return resultOf<EulaOutcome>('acceptEulas', marks, (mark) => ({ ...outcomeOf(mark), eulaAccepted: mark.after }));
}
