// The fake agent's own reading of criteria strings, which a caller's code reaches with no facade in
// front when it drives the fake's session directly: the cases where the facade, the simulator and
// the fake once disagreed (found by test/stress/criteria.ts), each as the simulator has it.
import { describe, expect, it } from 'vitest';

import { INVALID_CRITERIA_CODE, InvalidArgumentError, UpdateSession } from '../../lib/index.js';
import { FakeAgent } from '../../lib/testing/index.js';

const A = '11111111-1111-4111-8111-111111111111';
const agent = (): FakeAgent => FakeAgent.fromScenario({ name: 'criteria', updates: [{ id: A, title: 'A' }] });

/** The fake's search of `criteria` as the addon would call it: the updates' IDs, or the error. */
async function fakeSearch(criteria: string): Promise<string[] | unknown> {
  const native = (agent() as unknown as { openSession(o: object): { search(...a: unknown[]): Promise<string>; close(): Promise<void> } })
    .openSession({});
  const records: unknown[] = [];
  try {
    await native.search(1, criteria, {}, (chunk: { records: unknown[] }) => records.push(...chunk.records));
    return records;
  } catch (error) {
    return error;
  } finally {
    await native.close();
  }
}

describe("the fake's criteria", () => {
  it.each([
    'IsInstalled=0and IsHidden=0',
    "Type='Software'or IsHidden=1",
    '(IsInstalled=0)and (IsHidden=0)',
    'IsInstalled=0 and(IsHidden=0)',
    'IsInstalled=0\u00a0and IsHidden=0',
    '\u3000IsInstalled=0',
    'IsInstalled=0 or\vIsHidden=1',
  ])('refuses %j as the simulator does', async (criteria) => {
    const error = await fakeSearch(criteria);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe(INVALID_CRITERIA_CODE);
  });

  it.each(['IsInstalled=0\tand\r\nIsHidden=0', ' IsInstalled=0 and (IsHidden=0) ', '\r\n'])('finds the update for %j', async (criteria) => {
    expect(await fakeSearch(criteria)).toHaveLength(1);
    const session = new UpdateSession({ agent: agent() });
    expect((await session.search(criteria)).updates.map((u) => u.identity.updateId)).toEqual([A]);
    await session.close();
  });
});
