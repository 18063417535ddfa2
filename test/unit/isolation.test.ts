// Process isolation's parts that need no agent: its options, checked when the session is made,
// the errors that cross from the child process, and the platform check that comes before any
// child is started.
import type { ChildProcess } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import {
  AddonLoadError, AgentUnresponsiveError, InvalidArgumentError, UnsupportedPlatformError, UpdateSession,
} from '../../lib/index.js';
import { fromNativeError } from '../../lib/errors.js';
import { forkRetrying } from '../../lib/isolation/host.js';
import { DEFAULT_GRACE_MS, isolationSettings } from '../../lib/isolation/options.js';
import { deserializeError, serializeError } from '../../lib/isolation/protocol.js';

describe('isolation options', () => {
  it('are none by default, and process with a grace of 10 s', () => {
    expect(isolationSettings(undefined)).toEqual({ isolation: 'none', graceMs: DEFAULT_GRACE_MS });
    expect(isolationSettings({ isolation: 'process' })).toEqual({ isolation: 'process', graceMs: 10_000 });
    expect(isolationSettings({ isolation: 'process', graceMs: 0 })).toEqual({ isolation: 'process', graceMs: 0 });
    expect(isolationSettings({ isolation: 'broker', graceMs: 2_000 })).toEqual({ isolation: 'broker', graceMs: 2_000 });
  });

  it.each([
    [{ isolation: 'thread' }, "options.isolation must be 'none', 'process' or 'broker'"],
    [{ isolation: true }, "options.isolation must be 'none', 'process' or 'broker'"],
    [{ isolation: 'process', graceMs: '5s' }, 'options.graceMs must be a number of milliseconds'],
    [{ isolation: 'process', graceMs: -1 }, 'options.graceMs must be from 0 to 2147483647 milliseconds'],
    [{ isolation: 'process', graceMs: Number.NaN }, 'options.graceMs must be from 0 to 2147483647 milliseconds'],
    [{ isolation: 'process', graceMs: 2 ** 31 }, 'options.graceMs must be from 0 to 2147483647 milliseconds'],
    [{ graceMs: 1_000 }, "options.graceMs is only used with isolation 'process'"],
    [{ isolation: 'none', graceMs: 1_000 }, "options.graceMs is only used with isolation 'process'"],
  ])('rejects %j when the session is made', (options, message) => {
    expect(() => new UpdateSession(options as never)).toThrow(InvalidArgumentError);
    expect(() => new UpdateSession(options as never)).toThrow(message);
  });
});

describe('an isolated session off Windows', () => {
  it('rejects every call with UnsupportedPlatformError, as in process, and starts no child', async () => {
    // Under Wine too: this file's process never loads the addon, which is where the platform is checked.
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      // A broker session too: no pipe is tried, and the error is not the broker's absence.
      for (const isolation of ['process', 'broker'] as const) {
        const session = new UpdateSession({ isolation });
        await expect(session.search()).rejects.toBeInstanceOf(UnsupportedPlatformError);
        await expect(session.describe()).rejects.toThrow('the Windows Update Agent is only available on Windows (this is linux)');
        expect(session.processId).toBeUndefined();
        await session.close();
      }
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('errors from the child process', () => {
  it('keep what the facade types them by: an agent failure is the same WindowsUpdateError', () => {
    const native = Object.assign(new Error('IUpdateSearcher::BeginSearch failed with 0x80240032'),
      { hresult: 0x80240032, operation: 'IUpdateSearcher::BeginSearch', description: 'bad criteria at position 3' });
    const crossed = deserializeError(structuredClone(serializeError(native)));
    expect(crossed).toMatchObject({ message: native.message, hresult: 0x80240032, description: 'bad criteria at position 3' });
    expect(crossed.stack).toBe(native.stack);
    expect(fromNativeError(crossed, 'search')).toEqual(fromNativeError(native, 'search'));
    expect(fromNativeError(crossed, 'search')).toMatchObject({ name: 'WindowsUpdateError', code: 'WU_E_INVALID_CRITERIA' });
  });

  it('are of the package\'s own classes where they were', () => {
    const addon = deserializeError(serializeError(new AddonLoadError('C:\\\\app\\\\wua.node', 'the specified module could not be found')));
    expect(addon).toBeInstanceOf(AddonLoadError);
    expect(addon).toMatchObject({ file: 'C:\\\\app\\\\wua.node', reason: 'the specified module could not be found' });
    expect(deserializeError(serializeError(new UnsupportedPlatformError('darwin')))).toMatchObject({ name: 'UnsupportedPlatformError', platform: 'darwin' });
    const type = deserializeError(serializeError(new TypeError('operation id must be a number')));
    expect(type).toBeInstanceOf(TypeError);
    expect(deserializeError(serializeError('not an Error'))).toMatchObject({ message: 'not an Error' });
  });
});

describe('AgentUnresponsiveError', () => {
  it('says which call went unanswered, why, and how the process ended', () => {
    const abort = new AgentUnresponsiveError('search', { reason: 'abortIgnored', graceMs: 2_000, exitCode: 1, signal: 'SIGTERM' });
    expect(abort.message).toBe('search: no answer from the agent: the agent did not confirm the abort within 2000 ms, '
      + 'so the process holding the session was ended');
    expect(abort).toMatchObject({ code: 'ERR_WUA_AGENT_UNRESPONSIVE', operation: 'search', reason: 'abortIgnored', exitCode: 1 });
    const exited = new AgentUnresponsiveError('install', { reason: 'exited', exitCode: 3221225477 });
    expect(exited.message).toBe('install: no answer from the agent: the process holding the session ended (exit code 3221225477) '
      + 'before the agent answered');
    const reason = new Error('deadline');
    const named = abort.withContext('install', { cause: reason });
    expect(named).toMatchObject({ operation: 'install', reason: 'abortIgnored', graceMs: 2_000, cause: reason });
    expect(JSON.parse(JSON.stringify(named))).toEqual({
      name: 'AgentUnresponsiveError', message: named.message, code: 'ERR_WUA_AGENT_UNRESPONSIVE', operation: 'install',
      reason: 'abortIgnored', graceMs: 2_000, exitCode: 1, signal: 'SIGTERM',
    });
  });
});

describe('starting a child', () => {
  it('tries a start that CreateProcess refuses for a moment again, and fails with the third refusal', () => {
    const refusal = Object.assign(new Error('spawn UNKNOWN'), { code: 'UNKNOWN' });
    let attempts = 0;
    const child = { pid: 42 } as unknown as ChildProcess;
    expect(forkRetrying(() => {
      attempts += 1;
      if (attempts < 3) throw refusal;
      return child;
    })).toBe(child);
    expect(attempts).toBe(3);
    attempts = 0;
    expect(() => forkRetrying(() => {
      attempts += 1;
      throw refusal;
    })).toThrow(refusal);
    expect(attempts).toBe(3);
  });
});
