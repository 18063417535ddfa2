// `wua` never waits for good: after --timeout (or Ctrl-C) the agent has --grace seconds to
// confirm the abort, and an agent that ignores it (a wedge: test/sim/README.md) leaves `wua` to
// end on its own with an AgentUnresponsiveError, exit status 1, the process's end ending the call.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { useScenario } from '../sim/harness.js';

const WUA = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'wua.js');
const WEDGED = '81818181-8181-4181-8181-818181818181';

function wua(...args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [WUA, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

describe('wua and an agent that ignores an abort', () => {
  it('ends once the grace after --timeout has passed, with the error document and status 1', () => {
    useScenario({ name: 'wedged-search', search: { wedged: true } });
    const run = wua('search', '--timeout', '1', '--grace', '1', '--json');
    expect(run.status, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      error: {
        name: 'AgentUnresponsiveError', code: 'ERR_WUA_AGENT_UNRESPONSIVE', operation: 'search', reason: 'abortIgnored', graceMs: 1000,
        message: expect.stringContaining('the agent did not confirm the abort within 1000 ms'), hint: expect.stringContaining('wuauserv'),
      },
      exitCode: 1,
    });
    // The timeout, then the grace: not before both have passed.
    expect(run.ms).toBeGreaterThanOrEqual(2_000);
  });

  it('says so in words on a terminal-less stderr, for a wedged install too', () => {
    useScenario({ name: 'wedged-install', updates: [{ id: WEDGED, title: 'Never ends', kbArticleIds: ['8100001'], state: { isDownloaded: true },
      install: { wedged: true } }] });
    const run = wua('install', '--kb', '8100001', '--timeout', '1', '--grace', '1');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: install: no answer from the agent: the agent did not confirm the abort within 1000 ms/m);
    expect(run.stderr).toContain('hint: the Windows Update service did not answer');
  });

  it('an agent that confirms within the grace gives the abort as before (status 130)', () => {
    useScenario({ name: 'hang', updates: [{ id: WEDGED, title: 'Hangs until aborted', kbArticleIds: ['8100001'] }], download: { hangUntilAbort: true } });
    const run = wua('download', '--all', '--timeout', '0.5', '--grace', '30');
    expect(run.status).toBe(130);
    expect(run.stderr).toContain('aborted');
  });
});
