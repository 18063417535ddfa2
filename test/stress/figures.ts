// What each part of the reliability suite reports: the same part runs quick in `npm test` and in
// full under `npm run stress`, which prints every part's rows as one table and its figures in one
// JSON line. A part never passes by trying nothing: its counts are figures, and its problems
// (a crash, a hang, an untyped error, a leak, a disagreement) fail the test that ran it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `quick`: the version `npm test` runs (seconds); `full`: the figures `npm run stress` prints. */
export type StressLevel = 'quick' | 'full';

export interface StressFigures {
  /** The part's name, also its key in the JSON line: `faults`, `criteria`, `bad-input`, `load`, `soak`. */
  part: string;
  level: StressLevel;
  /** Counts and measures, by name (`cellsTried`, `cellsHeld`, `disagreements`, `rssGrowthMb`, ...). */
  figures: Record<string, number>;
  /** The table's rows for this part: a label and its value as printed. */
  rows: Array<[label: string, value: string]>;
  /** Every failure found, each one line naming the input that caused it; empty when all held. */
  problems: string[];
}

/** The level a test runs at: `WUA_STRESS_LEVEL=full` under `npm run stress`, quick otherwise. */
export function stressLevel(): StressLevel {
  return process.env.WUA_STRESS_LEVEL === 'full' ? 'full' : 'quick';
}

/** Writes a part's figures where `npm run stress` collects them (`WUA_STRESS_OUT`), if it asked. */
export function reportFigures(figures: StressFigures): void {
  const dir = process.env.WUA_STRESS_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${figures.part}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
