// The fault matrix at the level the run asks for: quick in `npm test` (every member and every
// failure class in process, every class isolated), every cell with WUA_STRESS_LEVEL=full.
import { describe, expect, it } from 'vitest';

import { FAILURE_CLASSES } from './fault-matrix.js';
import { runFaults } from './faults.js';
import { reportFigures, stressLevel } from './figures.js';

describe('the fault matrix', () => {
  it('holds in every cell it tries: a typed error or a partial result that keeps the failure, no hang, no leak, no stray change', async () => {
    const level = stressLevel();
    const result = await runFaults(level);
    reportFigures(result);
    console.log(result.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
    expect(result.problems).toEqual([]);
    const { figures } = result;
    expect(figures.cellsTried).toBeGreaterThan(0);
    expect(figures.cellsHeld).toBe(figures.cellsTried);
    // The quick sample still covers every member a call reaches and every class, in process, and every class isolated.
    expect(figures['none.membersCovered']).toBe(figures.membersReached);
    expect(figures['none.classesCovered']).toBe(FAILURE_CLASSES.length);
    expect(figures['process.classesCovered']).toBe(FAILURE_CLASSES.length);
  }, stressLevel() === 'full' ? 6 * 3_600_000 : 600_000);
});
