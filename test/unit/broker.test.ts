// The broker's byte layouts and its checks of a job's arguments, on plain data: frames cut anywhere
// reassemble, messages keep their values, and a job takes the change commands' flags and nothing else.
import { describe, expect, it } from 'vitest';

import {
  encodeFrame, encodeMessage, FRAME_DATA, FRAME_OPEN, FrameReader, MAX_FRAME, MessageReader,
} from '../../lib/broker/frames.js';
import { checkJobArguments } from '../../lib/broker/jobs.js';
import { FORWARDED_METHODS } from '../../lib/broker/messages.js';
import { jobArguments } from '../../lib/cli/commands/broker.js';

describe('broker frames', () => {
  it('reassemble frames cut at every byte', () => {
    const stream = Buffer.concat([...encodeFrame(7, FRAME_OPEN), ...encodeFrame(7, FRAME_DATA, Buffer.from('hello')),
      ...encodeFrame(8, FRAME_DATA, Buffer.from('x'))]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new FrameReader();
      const frames = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(frames.map((frame) => [frame.connection, frame.kind, frame.data.toString()])).toEqual([[7, FRAME_OPEN, ''], [7, FRAME_DATA, 'hello'], [8, FRAME_DATA, 'x']]);
    }
  });

  it('refuse a frame longer than the service host takes', () => {
    const header = Buffer.alloc(9);
    header.writeUInt32LE(MAX_FRAME + 1, 5);
    expect(() => [...new FrameReader().push(header)]).toThrow(RangeError);
  });

  it('carry messages with their values (dates, nulls, nested arrays) one byte at a time', () => {
    const message = { type: 'call', call: 3, method: 'search', args: ['IsInstalled=0', { online: false }, null], functions: [2], at: new Date(0) };
    const bytes = Buffer.concat([encodeMessage(message), encodeMessage({ type: 'kill' })]);
    const reader = new MessageReader();
    const got: unknown[] = [];
    for (const byte of bytes) got.push(...reader.push(Buffer.from([byte])));
    expect(got).toEqual([message, { type: 'kill' }]);
  });
});

describe('broker jobs', () => {
  it.each([
    [['install', '--kb', '5068781', '5066791', '--accept-eulas', '--client-id', 'fleet']],
    [['download', '--all', '--priority', 'high']],
    [['uninstall', '--id', '0c3a9c2e-61b7-4f3b-9a5a-9d0e5f1a7b10', '--force-quiet', '--timeout', '600']],
  ])('take %j', (argv) => {
    expect(checkJobArguments(argv)).toBeUndefined();
  });

  it.each([
    [['search'], 'a job is a download, install or uninstall'],
    [['install', '--cab', 'C:\\x.cab'], 'a job does not take --cab'],
    [['install', 'C:\\evil.exe'], "a job does not take 'C:\\evil.exe'"],
    [['install', '--kb'], '--kb needs a value'],
    [['install', '--kb', 'x'.repeat(513)], 'a value of --kb is too long'],
    ['install --all', 'a job needs its command and flags as strings'],
    [['install', 3], 'a job needs its command and flags as strings'],
  ])('refuse %j', (argv, problem) => {
    expect(checkJobArguments(argv)).toBe(problem);
  });

  it("are the change command's flags as given, without this run's own", () => {
    expect(jobArguments('install', ['--json', '--via', 'broker', 'install', '--kb=5068781', '--detach', '--accept-eulas', '--progress']))
      .toEqual(['install', '--kb', '5068781', '--accept-eulas']);
  });

  it('forward no method that reads a path a client names', () => {
    expect(FORWARDED_METHODS.has('scanPackage')).toBe(false);
    expect(FORWARDED_METHODS.has('driveType')).toBe(false);
    expect(FORWARDED_METHODS.has('install')).toBe(true);
  });
});
