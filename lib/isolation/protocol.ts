// What an isolated session and the child process holding its agent session say to each other.
// Calls go by the name of a NativeSession method, so that every method of that interface works
// isolated without code of its own here; a function among a call's arguments (progress, a
// search's chunks) stays in the parent, and the child sends each of its calls back as an event.
// Values cross as they are: a search's chunks are the wire format's JSON text, never re-encoded.
import { AddonLoadError, UnsupportedPlatformError } from '../errors.js';
import type { NativeSessionOptions } from '../native.js';

export interface OpenMessage {
  type: 'open';
  options: NativeSessionOptions;
  /** How long the child gives the agent to close the session when its parent is gone (ms). */
  graceMs: number;
}

export interface CallMessage {
  type: 'call';
  /** Numbers the call in this child's life. */
  call: number;
  method: string;
  /** The arguments, with null where the parent holds a function. */
  args: unknown[];
  /** The places of those functions in `args`. */
  functions: number[];
}

export type ToChild = OpenMessage | CallMessage;

export interface EventMessage {
  type: 'event';
  call: number;
  /** The place in the call's arguments of the function to call. */
  function: number;
  value: unknown;
}

export interface ResultMessage {
  type: 'result';
  call: number;
  value: unknown;
}

export interface ErrorMessage {
  type: 'error';
  call: number;
  error: SerializedError;
}

export type FromChild = EventMessage | ResultMessage | ErrorMessage;

/** An error as data: the addon's errors carry `hresult`, `operation` and `description`. */
export interface SerializedError {
  name: string;
  message: string;
  stack: string | undefined;
  properties: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined, properties: {} };
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (['string', 'number', 'boolean'].includes(typeof value) || value === null) properties[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, properties };
}

/** The error again, of the package's own class where it is one, so that callers see no difference. */
export function deserializeError(serialized: SerializedError): Error {
  const { name, message, stack, properties } = serialized;
  let error: Error;
  if (name === 'AddonLoadError') {
    error = new AddonLoadError(String(properties.file), String(properties.reason));
  } else if (name === 'UnsupportedPlatformError') {
    error = new UnsupportedPlatformError(String(properties.platform));
  } else {
    error = name === 'TypeError' ? new TypeError(message) : new Error(message);
    Object.assign(error, properties);
    if (error.name !== name) error.name = name;
  }
  if (stack) error.stack = stack;
  return error;
}
