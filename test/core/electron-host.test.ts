// In an Electron main process the isolated session's child is a utility process
// (electronjs.org/docs/latest/api/utility-process), which needs no ELECTRON_RUN_AS_NODE and so
// works when an app turns the RunAsNode fuse off. Electron does not run here, so its documented
// API is played over child_process: utilityProcess.fork() with 'message' and 'exit' events,
// postMessage() and kill() on the parent's side, process.parentPort on the child's
// (fixtures/parent-port.cjs). The package's code on both sides is its own: host.ts's utility
// process host and child.ts's parent port.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { AgentUnresponsiveError } from '../../lib/index.js';
import { type ElectronMain, startUtilityProcess, type UtilityProcess } from '../../lib/isolation/host.js';
import { openIsolatedSession } from '../../lib/isolation/isolated-session.js';
import { processes, useScenario } from '../sim/harness.js';

const PARENT_PORT = path.join(__dirname, 'fixtures', 'parent-port.cjs');

function emulatedElectron(started: UtilityProcess[]): ElectronMain {
  return {
    utilityProcess: {
      fork(modulePath, args) {
        const child = fork(modulePath, args ?? [], {
          execArgv: ['--require', PARENT_PORT], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const utility = Object.assign(new EventEmitter(), {
          get pid() { return child.pid; },
          postMessage: (message: unknown) => { child.send(message as never); },
          kill: () => child.kill(),
        }) as unknown as UtilityProcess;
        child.on('message', (message) => (utility as unknown as EventEmitter).emit('message', message));
        child.on('exit', (code) => (utility as unknown as EventEmitter).emit('exit', code ?? 1));
        started.push(utility);
        return utility;
      },
    },
  };
}

describe('an isolated session in an Electron main process', () => {
  it('runs its calls in a utility process, and ends one whose agent does not confirm an abort', async () => {
    const started: UtilityProcess[] = [];
    let lost = 0;
    const native = openIsolatedSession({ clientApplicationId: 'electron' }, 500, { childLost: () => { lost += 1; } },
      (events) => startUtilityProcess(emulatedElectron(started), events));

    useScenario('basic');
    const chunks: string[] = [];
    const result = JSON.parse(await native.search(1, '', {}, (chunk) => chunks.push(chunk))) as { resultCode: number };
    expect(result.resultCode).toBe(2);
    expect(JSON.parse(chunks[0]!)).toMatchObject({ records: expect.any(Array) });
    expect(started).toHaveLength(1);
    const first = started[0]!.pid!;

    // A new child plays the wedge: the old one is closed first.
    await native.close();
    expect(processes().some((listed) => listed.pid === first)).toBe(false);
    useScenario({ name: 'wedged-search', search: { wedged: true } });
    const native2 = openIsolatedSession({ clientApplicationId: 'electron' }, 500, { childLost: () => { lost += 1; } },
      (events) => startUtilityProcess(emulatedElectron(started), events));
    await native2.status();
    const wedged = native2.search(2, '', {}, () => {}).catch((error: unknown) => error);
    native2.abort(2);
    const failure = await wedged;
    expect(failure).toBeInstanceOf(AgentUnresponsiveError);
    expect(failure).toMatchObject({ operation: 'search', reason: 'abortIgnored', graceMs: 500 });
    expect(processes().some((listed) => listed.pid === started[1]!.pid)).toBe(false);
    expect(lost).toBe(2);
    await native2.close();
  });
});
