// The broker's byte layouts (src/broker/broker_frames.h is the native side's copy of the first
// two): the client's hello and the service host's one-byte answer; the frames between the service
// host and the agent host (which connection, what happened, its bytes); and, inside a
// connection, the messages of lib/isolation/protocol.ts, each a little-endian length and its V8
// serialization, the encoding an isolated child's IPC channel uses.
import { deserialize, serialize } from 'node:v8';

export const HELLO = Buffer.from('WUABRK01', 'latin1');
export const ADMITTED = 0x41;  // 'A'
export const REFUSED = 0x52;  // 'R'

export const FRAME_OPEN = 1;
export const FRAME_DATA = 2;
export const FRAME_CLOSE = 3;
const FRAME_HEADER = 9;
/** The largest frame the service host takes (bytes). */
export const MAX_FRAME = 16 * 1024 * 1024;

export interface Frame {
  connection: number;
  kind: number;
  data: Buffer;
}

export function encodeFrame(connection: number, kind: number, data: Buffer = Buffer.alloc(0)): Buffer[] {
  const header = Buffer.alloc(FRAME_HEADER);
  header.writeUInt32LE(connection, 0);
  header.writeUInt8(kind, 4);
  header.writeUInt32LE(data.length, 5);
  return data.length ? [header, data] : [header];
}

/** Cuts a byte stream into pieces that start with a 32-bit length (`headerSize` bytes in all). */
class Splitter {
  #pending: Buffer[] = [];
  #size = 0;

  constructor(readonly headerSize: number, readonly lengthAt: number) {}

  *push(chunk: Buffer): Generator<{ header: Buffer; body: Buffer }> {
    this.#pending.push(chunk);
    this.#size += chunk.length;
    while (this.#size >= this.headerSize) {
      const joined = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
      this.#pending = [joined];
      const length = joined.readUInt32LE(this.lengthAt);
      if (length > MAX_FRAME) throw new RangeError(`a frame of ${length} bytes is more than the broker takes`);
      if (joined.length < this.headerSize + length) return;
      const header = joined.subarray(0, this.headerSize);
      const body = joined.subarray(this.headerSize, this.headerSize + length);
      const rest = joined.subarray(this.headerSize + length);
      this.#pending = rest.length ? [rest] : [];
      this.#size = rest.length;
      yield { header, body };
    }
  }
}

export class FrameReader {
  readonly #splitter = new Splitter(FRAME_HEADER, 5);

  *push(chunk: Buffer): Generator<Frame> {
    for (const { header, body } of this.#splitter.push(chunk)) {
      yield { connection: header.readUInt32LE(0), kind: header.readUInt8(4), data: body };
    }
  }
}

export function encodeMessage(message: unknown): Buffer {
  const body = serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

export class MessageReader {
  readonly #splitter = new Splitter(4, 0);

  *push(chunk: Buffer): Generator<unknown> {
    for (const { body } of this.#splitter.push(chunk)) yield deserialize(body);
  }
}
