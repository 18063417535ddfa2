// The API behaves as a JS developer expects: nothing to do is no error, a throwing progress
// callback is the caller's bug and never the operation's, every loop sees every event, unknown
// options and closed sessions are typed errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

import {
  InvalidArgumentError, SessionClosedError, type Progress,
} from '../../lib/index.js';
import { sessionsPerTest } from './sessions.js';
import { calls, useScenario } from '../sim/harness.js';

const root = path.resolve(__dirname, '..', '..');
const A = '61616161-6161-4161-8161-616161616161';
const B = '62626262-6262-4262-8262-626262626262';

function scenario(): object {
  return {
    name: 'api',
    updates: [
      { id: A, title: 'A', kbArticleIds: ['6100001'], maxDownloadSize: 1000, download: { durationMs: 60, progressSteps: 4 },
        installationBehavior: { rebootBehavior: 'alwaysRequiresReboot' } },
      { id: B, title: 'B', kbArticleIds: ['6200002'], maxDownloadSize: 1000, download: { durationMs: 60, progressSteps: 4 } },
    ],
  };
}

const sessions = sessionsPerTest();

describe('an empty selection', () => {
  it.each(['download', 'install', 'uninstall'] as const)('%s([]) resolves with nothing done, without calling the agent', async (kind) => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session[kind]([])).resolves.toEqual({ resultCode: 'succeeded', hresult: 0, code: 'S_OK', rebootRequired: false, updates: [] });
    await expect(session[kind](new Set<string>())).resolves.toMatchObject({ updates: [] });
    expect(calls().filter((call) => /Downloader|Installer/.test(call))).toEqual([]);
  });

  it('still rejects bad options and a closed session', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.install([], { acceptEula: true } as never)).rejects.toThrow(/options.acceptEula is not an option of install/);
    await session.close();
    await expect(session.download([])).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('runs the README example twice against the same machine: once with work to do, once up to date', async () => {
    useScenario(scenario());
    // The README's first TypeScript example, as written, with the package imported from its source.
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!
      .replace("from 'windows-update-agent'", `from ${JSON.stringify(path.join(root, 'lib', 'index.js'))}`);
    expect(example).toContain('session.install(updates');
    const dir = path.join(root, 'build', 'readme-example');
    mkdirSync(dir, { recursive: true });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      for (const run of [1, 2]) {
        const file = path.join(dir, `run-${run}.ts`);
        writeFileSync(file, `${example}\nexport {};\n`);
        await import(file);
      }
      const lines = log.mock.calls.map((args) => String(args[0]));
      const restart = lines.indexOf('restart to finish');
      expect(restart).toBeGreaterThan(0);
      expect(lines.slice(0, restart)).toContain('100%');
      // The second run found nothing to install, and said nothing: no progress, no restart.
      expect(lines.slice(restart + 1)).toEqual([]);
    } finally {
      log.mockRestore();
    }
    const session = sessions.open();
    expect((await session.search({ isInstalled: false })).updates).toEqual([]);
  });
});

describe('a progress callback that throws', () => {
  it('surfaces as an uncaught exception and never stops or fails the operation', () => {
    const { env } = useScenario(scenario());
    // In a process of its own: an uncaught exception is what the test looks for.
    const script = `
      const { UpdateSession } = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
      const uncaught = [];
      const warnings = [];
      process.on('uncaughtException', (error) => uncaught.push(error.message));
      process.on('warning', (warning) => warnings.push(warning.name + ': ' + warning.message));
      const session = new UpdateSession();
      let calls = 0;
      session.download([${JSON.stringify(A)}, ${JSON.stringify(B)}], {
        onProgress() { calls += 1; throw new Error('the progress bar broke ' + calls); },
      }).then(async (result) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await session.close();
        process.stdout.write(JSON.stringify({ resultCode: result.resultCode, calls, uncaught, warnings }));
      }, (error) => process.stdout.write(JSON.stringify({ rejected: String(error) })));`;
    const dir = path.join(root, 'build', 'consumers');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'throwing-progress.cjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { env, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { resultCode: string; calls: number; uncaught: string[]; warnings: string[] };
    expect(report.resultCode).toBe('succeeded');
    expect(report.calls).toBeGreaterThanOrEqual(8);
    expect(report.uncaught).toHaveLength(report.calls);
    expect(report.uncaught[0]).toBe('the progress bar broke 1');
    expect(report.warnings).toEqual([]);
  });
});

describe('iterating over an operation', () => {
  it('gives every loop every event from its creation on, and break stops only that loop', async () => {
    useScenario(scenario());
    const session = sessions.open();
    const download = session.download([A, B]);
    const collect = async (stopAfter = Infinity): Promise<Progress[]> => {
      const seen: Progress[] = [];
      for await (const event of download) {
        seen.push(event);
        if (seen.length >= stopAfter) break;
      }
      return seen;
    };
    const [first, second, early] = await Promise.all([collect(), collect(), collect(2)]);
    expect(first.length).toBeGreaterThanOrEqual(8);
    expect(second).toEqual(first);
    expect(early).toEqual(first.slice(0, 2));
    // The loop that broke off did not stop the download.
    await expect(download).resolves.toMatchObject({ resultCode: 'succeeded' });
    // A loop made once the operation is over ends at once.
    expect(await collect()).toEqual([]);
  });

  it('a loop made later sees the events from then on, and a failed operation throws in every loop', async () => {
    useScenario({ name: 'fails', updates: [{ id: A, title: 'A', download: { durationMs: 80, progressSteps: 8, hresult: '0x80244019' } }] });
    const session = sessions.open();
    const download = session.download([A]);
    const early: number[] = [];
    const earlyLoop = (async () => { for await (const event of download) early.push(event.current.percentComplete); })();
    await new Promise<void>((resolve) => { const poll = setInterval(() => { if (early.length) { clearInterval(poll); resolve(); } }, 1); });
    const late: number[] = [];
    const lateLoop = (async () => { for await (const event of download) late.push(event.current.percentComplete); })();
    await expect(earlyLoop).rejects.toMatchObject({ code: 'WU_E_PT_HTTP_STATUS_NOT_FOUND' });
    await expect(lateLoop).rejects.toMatchObject({ code: 'WU_E_PT_HTTP_STATUS_NOT_FOUND' });
    expect(late.length).toBeLessThan(early.length);
    expect(early.slice(early.length - late.length)).toEqual(late);
  });
});

describe('options and state', () => {
  it('search() rejects unknown options before calling the agent, as download() and install() do', async () => {
    useScenario(scenario());
    const session = sessions.open();
    await expect(session.search('', { onlin: false } as never)).rejects.toThrow(/options.onlin is not an option of search/);
    await expect(session.search('', { acceptEulas: true } as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(session.install([A], { priority: 'high' } as never)).rejects.toThrow(/options.priority is not an option of install/);
    expect(calls().filter((call) => call.includes('Search'))).toEqual([]);
  });
});
