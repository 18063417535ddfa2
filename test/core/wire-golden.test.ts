// The golden chunks that the plain-Node codec tests decode (test/unit/wire.test.ts) are what the
// addon's writer writes now: a change to the field table or the writer must come with new ones
// (npm run generate:wire).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const golden = path.join(root, 'test', 'wire', 'golden');
// Cross-built by the rig (scripts/lib/golden.mjs); a Windows machine without MinGW has none.
const writer = path.join(root, 'build', 'wire', 'golden.exe');

describe('the golden chunks', () => {
  it.skipIf(!existsSync(writer))('are what the writer writes now', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wua-golden-'));
    try {
      const run = spawnSync(writer, [out], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const names = readdirSync(golden).sort();
      expect(readdirSync(out).sort()).toEqual(names);
      for (const name of names) {
        expect(readFileSync(path.join(out, name)).equals(readFileSync(path.join(golden, name))), name).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
