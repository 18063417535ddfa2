// Bad input the reliability suite's generated values found getting through (test/stress/bad-input.ts),
// each now the typed error the rest of the package gives.
import { describe, expect, it } from 'vitest';

import { describeHresult, hresultHex, InvalidArgumentError, projectRecord, UpdateSession, type UpdateRecord } from '../../lib/index.js';

const RECORD = { identity: { updateId: '6a3b8f2e-1c4d-4e5f-9a0b-1c2d3e4f5a6b', revisionNumber: 1 }, title: 't' } as UpdateRecord;

/** The error `action` throws or rejects with; fails the test when it is not an InvalidArgumentError. */
async function rejection(action: () => unknown): Promise<InvalidArgumentError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError, but nothing was thrown');
}

describe('options are checked by name everywhere', () => {
  it('a misspelt session option is an error, not silently dropped', async () => {
    expect((await rejection(() => new UpdateSession({ clientApplicationID: 'x' } as never))).argument).toBe('options.clientApplicationID');
  });

  it("a misspelt preflight option is an error, before the agent is asked", async () => {
    const error = await rejection(() => new UpdateSession().preflight({ timeout: 5 } as never));
    expect(error.argument).toBe('options.timeout');
  });
});

describe('projectRecord checks what it is given, as a search checks `fields`', () => {
  it.each([
    ['a record that is null', () => projectRecord(null as never, ['title']), 'record'],
    ['a projection that is a string', () => projectRecord(RECORD, 'title' as never), 'projection'],
    ['a projection naming no field', () => projectRecord(RECORD, ['nope'] as never), 'projection[0]'],
  ])('%s', async (_, action, argument) => {
    expect((await rejection(action)).argument).toBe(argument);
  });

  it('keeps identity, as a search with fields does', () => {
    expect(projectRecord(RECORD, ['title'])).toEqual({ identity: RECORD.identity, title: 't' });
  });
});

describe('describeHresult and hresultHex take numbers only', () => {
  it.each([10n, Symbol('x'), '0x80240024', undefined, null])('%s is an InvalidArgumentError, not a TypeError or a made-up code', async (value) => {
    expect((await rejection(() => describeHresult(value as never))).argument).toBe('hresult');
    expect((await rejection(() => hresultHex(value as never))).code).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('still reads a signed or an unsigned number', () => {
    expect(describeHresult(-2145124316).name).toBe(describeHresult(0x80240024).name);
    expect(hresultHex(-2145124316)).toBe('0x80240024');
  });
});
