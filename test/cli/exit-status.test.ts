// The exit-status precedence, rung by rung and in combination, and the change document that
// decides it from a job's result.
import { describe, expect, it } from 'vitest';

import { changeDocument, renderChange } from '../../lib/cli/commands/change.js';
import { ExitCode, exitCodeOf, EXIT_CODE_HELP } from '../../lib/cli/exit-codes.js';
import { AbortError, WindowsUpdateError } from '../../lib/errors.js';
import type { ChangeResult, UpdateOutcome } from '../../lib/types.js';

describe('exitCodeOf', () => {
  it('gives each rung its status', () => {
    expect(exitCodeOf({})).toBe(0);
    expect(exitCodeOf({ rebootRequired: true })).toBe(3010);
    expect(exitCodeOf({ partial: true })).toBe(4);
    expect(exitCodeOf({ failed: true })).toBe(1);
    expect(exitCodeOf({ aborted: true })).toBe(130);
    expect(exitCodeOf({ usage: true })).toBe(2);
    expect(exitCodeOf({ notReady: true })).toBe(5);
  });

  it('lets the more urgent status win in every combination', () => {
    const rungs = ['usage', 'aborted', 'failed', 'partial', 'notReady', 'rebootRequired'] as const;
    const statuses = [2, 130, 1, 4, 5, 3010];
    for (let mask = 1; mask < 1 << rungs.length; mask += 1) {
      const outcome = Object.fromEntries(rungs.map((rung, i) => [rung, (mask & (1 << i)) !== 0]));
      const first = rungs.findIndex((_, i) => (mask & (1 << i)) !== 0);
      expect(exitCodeOf(outcome), JSON.stringify(outcome)).toBe(statuses[first]);
    }
  });

  it('is documented in the same order in the help', () => {
    const order = EXIT_CODE_HELP.split('\n').map((line) => /^\s+(\d+)\s/.exec(line)?.[1]).filter(Boolean).map(Number);
    expect(order).toEqual([ExitCode.usage, ExitCode.aborted, ExitCode.failure, ExitCode.partial, ExitCode.notReady, ExitCode.rebootRequired, ExitCode.success]);
  });
});

const base = { operation: 'install' as const, dryRun: false, skipped: [], warnings: [], restartPending: false };

function outcome(resultCode: UpdateOutcome['resultCode'], rebootRequired = false, hresult = 0): UpdateOutcome {
  return { updateId: `id-${resultCode}`, title: `Update ${resultCode}`, kbArticleIds: ['123'], resultCode, hresult,
    code: hresult ? 'WU_E_INSTALL_NOT_ALLOWED' : 'S_OK', rebootRequired, step: 'install' };
}

function result(resultCode: ChangeResult['resultCode'], updates: UpdateOutcome[], rebootRequired = false): ChangeResult {
  return { resultCode, hresult: 0, code: 'S_OK', rebootRequired, updates };
}

describe('changeDocument', () => {
  it('succeeded, with and without a restart', () => {
    expect(changeDocument(base, result('succeeded', [outcome('succeeded')])).exitCode).toBe(0);
    const restart = changeDocument(base, result('succeeded', [outcome('succeeded', true)], true));
    expect(restart).toMatchObject({ exitCode: 3010, rebootRequired: true });
    expect(renderChange(restart, 80)).toContain('A restart is needed to finish');
  });

  it('partly failed, with a restart: status 4, the restart still said', () => {
    const doc = changeDocument(base, result('succeededWithErrors', [outcome('succeeded', true), outcome('failed', false, 0x80240016)], true));
    expect(doc).toMatchObject({ exitCode: 4, rebootRequired: true, resultCode: 'succeededWithErrors' });
    const text = renderChange(doc, undefined);
    expect(text).toMatch(/KB123\s+Update failed\s+failed\s+WU_E_INSTALL_NOT_ALLOWED/);
    expect(text).toContain('A restart is needed to finish');
  });

  it('aborted after an update that needs a restart: status 130, outcomes and restart kept', () => {
    const job = result('aborted', [outcome('succeeded', true), outcome('aborted')], true);
    const doc = changeDocument(base, job, new AbortError('install', undefined, job));
    expect(doc).toMatchObject({ exitCode: 130, rebootRequired: true, updates: job.updates });
    expect(doc.error).toMatchObject({ name: 'AbortError' });
    expect(renderChange(doc, 80)).toContain('A restart is needed to finish');
  });

  it('failed, with a restart pending for an update left alone: status 1, the restart still said', () => {
    const job = result('failed', [outcome('failed', false, 0x80240016)]);
    const skipped = [{ updateId: 'x', title: 'Installed earlier', kbArticleIds: ['9'], reason: 'alreadyInstalled' as const, rebootRequired: true }];
    const error = new WindowsUpdateError(0x80240016, 'install', { result: job });
    const doc = changeDocument({ ...base, skipped }, job, error);
    expect(doc).toMatchObject({ exitCode: 1, rebootRequired: true });
    expect(doc.error).toMatchObject({ code: 'WU_E_INSTALL_NOT_ALLOWED', hint: expect.any(String) });
    expect(doc.error).not.toHaveProperty('result');
    const text = renderChange(doc, 120);
    expect(text).toMatch(/KB9\s+Installed earlier\s+already installed\s+-\s+yes/);
    expect(text).toContain('A restart is needed to finish');
  });

  it('says which step an outcome comes from when it is not the operation itself, and why an update did not start', () => {
    const download = { ...outcome('failed', false, 0x80240016), step: 'download' as const };
    const blocked = { ...outcome('notStarted'), updateId: 'other', kbArticleIds: ['456'], reason: 'the agent requires a restart first' };
    const text = renderChange(changeDocument(base, result('failed', [download, blocked])), undefined);
    expect(text).toMatch(/KB123\s+Update failed\s+failed \(download\)\s+WU_E_INSTALL_NOT_ALLOWED/);
    expect(text).toContain('KB456 notStarted: the agent requires a restart first');
  });

  it('never calls a job that ended without outcomes "nothing to do"', () => {
    const doc = changeDocument(base, result('aborted', []), new AbortError('install'));
    expect(doc.exitCode).toBe(130);
    expect(renderChange(doc, 80)).toBe('Result: aborted.');
  });

  it('nothing to do is a success, and names the updates left alone', () => {
    const skipped = [{ updateId: 'x', title: 'Installed earlier', kbArticleIds: ['9'], reason: 'alreadyInstalled' as const, rebootRequired: false }];
    const doc = changeDocument({ ...base, skipped }, undefined);
    expect(doc).toMatchObject({ exitCode: 0, resultCode: 'succeeded', updates: [], skipped });
    expect(renderChange(doc, 80)).toContain('Nothing to do');
    expect(renderChange(changeDocument(base, undefined), 80)).toBe('Nothing to do: no update matches.');
    // A fleet re-run with nothing left to do still says that the machine waits for a restart.
    const waiting = changeDocument({ ...base, restartPending: true }, undefined);
    expect(waiting).toMatchObject({ rebootRequired: true, restartPending: true, exitCode: 3010 });
    expect(renderChange(waiting, 80)).toBe('Nothing to do: no update matches.\nA restart is needed to finish. wua never restarts the machine.');
  });
});
