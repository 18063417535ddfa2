// Load and lifecycle (test/stress/load.ts), quick in `npm test`, full under `npm run stress`.
import { describe, expect, it } from 'vitest';

import { reportFigures, stressLevel } from './figures.js';
import { runLoad } from './load.js';

describe('load and lifecycle', () => {
  it('settles every call typed, leaves nothing unhandled and no agent object live', async () => {
    const figures = await runLoad(stressLevel());
    reportFigures(figures);
    expect(figures.problems).toEqual([]);
    for (const name of ['sessions', 'operationsStarted', 'settled', 'aborted', 'closedMidPhase', 'recordsCollected',
      'workers', 'workersTerminated', 'killedProcesses', 'stormAborted']) {
      expect(figures.figures[name], name).toBeGreaterThan(0);
    }
    expect(figures.figures.settled).toBe(figures.figures.operationsStarted);
    expect(figures.figures.liveObjectsAfter).toBe(0);
  }, stressLevel() === 'full' ? 1_800_000 : 120_000);
});
