// Hiding and license outcomes from the addon's per-update answers, and the permission rule, in
// plain Node: the decisions lib/marks.ts makes, whatever the agent.
import { describe, expect, it } from 'vitest';

import { renderMarks, termsText, type MarkDocument } from '../../lib/cli/commands/marks.js';
import { agentError, fromNativeError, PermissionError, WindowsUpdateError } from '../../lib/errors.js';
import { AGENT_HRESULTS, SYSTEM_HRESULTS } from '../../lib/hresult-table.js';
import { eulaResultFrom, hideResultFrom, nothingToMark } from '../../lib/marks.js';
import type { NativeMark } from '../../lib/native.js';
import type { UpdateRecord } from '../../lib/types.js';

const E_ACCESSDENIED = 0x80070005;
const DECLINED = 0x80248016;

function mark(n: number, before: boolean, after: boolean, hresult = 0, description?: string): NativeMark {
  return {
    updateId: `0000000${n}-0000-4000-8000-000000000000`, title: `Update ${n}`, kbArticleIds: [`100${n}`], before, after, hresult,
    ...(description ? { description } : {}),
  };
}

describe('hide and unhide results', () => {
  it('name each outcome by what the agent did', () => {
    const result = hideResultFrom('hide', [mark(1, false, true), mark(2, true, true), mark(3, false, false, DECLINED, 'mandatory')]);
    expect(result).toEqual({
      operation: 'hide', resultCode: 'succeededWithErrors',
      updates: [
        { updateId: mark(1, false, true).updateId, title: 'Update 1', kbArticleIds: ['1001'], status: 'changed', isHidden: true,
          hresult: 0, code: 'S_OK', meaning: 'success' },
        expect.objectContaining({ status: 'unchanged', isHidden: true, hresult: 0 }),
        expect.objectContaining({ status: 'failed', isHidden: false, hresult: DECLINED, code: 'WU_E_DS_DECLINENOTALLOWED',
          meaning: 'cannot hide: update mandatory or has deadline', description: 'mandatory' }),
      ],
    });
  });

  it('succeed when nothing failed, fail when everything did', () => {
    expect(hideResultFrom('unhide', [mark(1, true, false), mark(2, false, false)]).resultCode).toBe('succeeded');
    expect(hideResultFrom('hide', [mark(1, false, false, DECLINED), mark(2, false, false, DECLINED)]).resultCode).toBe('failed');
    expect(nothingToMark('unhide')).toEqual({ operation: 'unhide', resultCode: 'succeeded', updates: [] });
  });

  it('reject a refusal of the caller\'s rights that left everything as it was', () => {
    const refusal = (() => {
      try {
        hideResultFrom('hide', [mark(1, true, true), mark(2, false, false, E_ACCESSDENIED, 'no rights'), mark(3, false, false, DECLINED)]);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(PermissionError);
    expect(refusal).toMatchObject({ code: 'E_ACCESSDENIED', operation: 'hide', description: 'no rights' });
    expect(() => eulaResultFrom([mark(1, false, false, 0x80240044)])).toThrow(PermissionError);
  });

  it('keep what was changed in the result rather than reject, should rights be refused after a change', () => {
    const result = hideResultFrom('hide', [mark(1, false, true), mark(2, false, false, E_ACCESSDENIED)]);
    expect(result.resultCode).toBe('succeededWithErrors');
    expect(result.updates.map((u) => u.status)).toEqual(['changed', 'failed']);
  });
});

describe('PermissionError', () => {
  it('is the error of every code whose category is permission, and only of those', () => {
    for (const [hresult, name, , category] of [...AGENT_HRESULTS, ...SYSTEM_HRESULTS]) {
      if (category === 'success') continue;
      const error = agentError(hresult, 'call');
      expect(error, name).toBeInstanceOf(WindowsUpdateError);
      expect(error instanceof PermissionError, name).toBe(category === 'permission');
    }
    const fromAddon = fromNativeError(Object.assign(new Error('denied'), { hresult: E_ACCESSDENIED }), 'search');
    expect(fromAddon).toBeInstanceOf(PermissionError);
    expect(fromAddon).toMatchObject({ name: 'PermissionError', category: 'permission', operation: 'search' });
    expect((fromAddon as PermissionError).toJSON()).toMatchObject({ name: 'PermissionError', code: 'E_ACCESSDENIED' });
  });
});

describe('the accept-eulas text', () => {
  const update = {
    identity: { updateId: mark(1, false, false).updateId, revisionNumber: 1 }, title: 'Update 1', kbArticleIds: ['1001'],
    eulaText: Array.from({ length: 10 }, (_, i) => `Line ${i + 1} of the terms.`).join('\r\n'), eulaAccepted: false,
  } as unknown as UpdateRecord;

  it('shows the start of the terms, and all of them when asked', () => {
    const start = termsText(update, false);
    expect(start).toContain('License terms of KB1001 Update 1:\n  Line 1 of the terms.');
    expect(start).toContain('  Line 6 of the terms.');
    expect(start).not.toContain('Line 7');
    expect(start).toMatch(/… \(\d+ more characters: --verbose shows them all\)/);
    const all = termsText(update, true);
    expect(all).toContain('  Line 10 of the terms.');
    expect(all).not.toContain('more characters');
  });

  it('says "no license terms" for an update without any', () => {
    const doc: MarkDocument = {
      operation: 'acceptEulas', dryRun: false, resultCode: 'succeeded', warnings: [], exitCode: 0,
      updates: [{ ...eulaResultFrom([mark(1, true, true)]).updates[0]!, eulaText: null }],
    };
    expect(renderMarks(doc, undefined)).toMatch(/KB1001\s+Update 1\s+no license terms[\s\S]*Nothing to do: every selected update is already as asked/);
  });
});
