// Processes that share one state file and change the machine at the same moment: each save must
// reach the file whole, since every process after them reads it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { UpdateSession } from '../../lib/index.js';
import { useScenario } from './harness.js';

const ENTRY = path.resolve(__dirname, '..', '..', 'dist', 'index.js');
const ID = (n: number): string => `${String(n).padStart(8, '0')}-0000-4000-8000-00000000beef`;
const catalog = {
  name: 'state-writers',
  updates: Array.from({ length: 30 }, (_, i) => ({ id: ID(i + 1), title: `Update ${i + 1}`, description: 'x'.repeat(200) })),
};

// Hides and unhides the updates over and over: every change is a save of the whole state.
const WRITER = `
  const { UpdateSession } = require(process.env.WRITER_ENTRY);
  const ids = JSON.parse(process.env.WRITER_IDS);
  (async () => {
    const session = new UpdateSession();
    for (let round = 0; round < 6; round++) {
      await session.hide(ids);
      await session.unhide(ids);
    }
    await session.close();
    process.stdout.write('done');
  })().catch((error) => { process.stdout.write('failed ' + error.message); process.exitCode = 1; });
`;

function writer(env: Record<string, string>, ids: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', WRITER], {
      env: { ...process.env, ...env, WRITER_ENTRY: ENTRY, WRITER_IDS: JSON.stringify(ids) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('a state file shared by processes', () => {
  it('stays whole when several processes save it at once', async () => {
    const scenario = useScenario(catalog);
    const ids = catalog.updates.map((update) => update.id);
    const runs = await Promise.all([writer(scenario.env, ids.slice(0, 15)), writer(scenario.env, ids.slice(15)),
      writer(scenario.env, ids.slice(5, 25))]);
    for (const run of runs) expect(run, run.output).toMatchObject({ code: 0, output: 'done' });
    expect(() => JSON.parse(readFileSync(scenario.stateFile, 'utf8'))).not.toThrow();
    // The next process reads it. (Which process's save came last is a race of theirs: the
    // updates' flags are not compared.)
    useScenario(catalog, { stateFile: scenario.stateFile, keepState: true });
    const session = new UpdateSession();
    try {
      await expect(session.search('IsInstalled=0')).resolves.toMatchObject({ resultCode: 'succeeded' });
    } finally {
      await session.close();
    }
  }, 120_000);
});
