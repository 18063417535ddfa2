// Bad input everywhere (bad-input.ts): quick in npm test, the figures with WUA_STRESS_LEVEL=full.
import { describe, expect, it } from 'vitest';

import { runBadInput } from './bad-input.js';
import { reportFigures, stressLevel } from './figures.js';

describe('bad input to every public call and wua flag', () => {
  it('gets the documented typed error before anything reaches the agent', async () => {
    const result = await runBadInput(stressLevel());
    reportFigures(result);
    console.log(result.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
    expect(result.problems).toEqual([]);
    const { facadeInputs, cliInputs, typedRejections } = result.figures;
    for (const count of [facadeInputs, cliInputs, typedRejections]) expect(count).toBeGreaterThan(0);
  }, 900_000);
});
