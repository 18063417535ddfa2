// The criteria language's three implementations against the same generated strings (criteria.ts):
// quick in npm test, 10,000 strings with WUA_STRESS_LEVEL=full.
import { describe, expect, it } from 'vitest';

import { runCriteria } from './criteria.js';
import { reportFigures, stressLevel } from './figures.js';

describe('criteria: the facade, the simulator and the fake agent', () => {
  it('agree on every generated string', async () => {
    const result = await runCriteria(stressLevel());
    reportFigures(result);
    console.log(result.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
    expect(result.problems).toEqual([]);
    const { stringsGenerated, builderStrings, mutatedStrings, accepted, rejected } = result.figures;
    expect(stringsGenerated).toBeGreaterThanOrEqual(result.level === 'full' ? 10_000 : 1_000);
    for (const count of [builderStrings, mutatedStrings, accepted, rejected]) expect(count).toBeGreaterThan(0);
  }, 600_000);
});
