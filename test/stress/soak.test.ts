// Soak (test/stress/soak.ts), quick in `npm test`, 10,000 operations under `npm run stress`.
import { describe, expect, it } from 'vitest';

import { reportFigures, stressLevel } from './figures.js';
import { runSoak, SOAK_TARGETS } from './soak.js';

describe('soak', () => {
  it('keeps memory, handles and live agent objects flat over many mixed operations', async () => {
    const level = stressLevel();
    const figures = await runSoak(level);
    reportFigures(figures);
    expect(figures.problems).toEqual([]);
    expect(figures.figures.operations).toBeGreaterThanOrEqual(level === 'full' ? 10_000 : 500);
    expect(figures.figures.settled).toBe(figures.figures.operations! + figures.figures.sessions!);
    expect(figures.figures.fulfilled).toBeGreaterThan(0);
    expect(figures.figures.handlesAtStart).toBeGreaterThan(0);
    expect(figures.figures.rssGrowthMb).toBeLessThan(SOAK_TARGETS.memoryGrowthMb);
    expect(figures.figures.handleGrowth).toBeLessThanOrEqual(SOAK_TARGETS.handlesLeaked);
    expect(figures.figures.liveObjectsAfter).toBe(SOAK_TARGETS.liveObjects);
  }, stressLevel() === 'full' ? 3_600_000 : 120_000);
});
