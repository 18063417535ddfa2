// The Windows Update and CBS log lines of one operation, found by the client application ID the
// operation ran under (UpdateSessionOptions.clientApplicationId: one ID per operation makes its
// lines its own). The agent writes the ID into WindowsUpdate.log's START and END lines
// ("[ClientId = ...]", "[CallerId = ...]"); CBS.log does not know it, so its lines are taken by
// time, within the windows the agent's lines span. Windows 10 and later keep WindowsUpdate.log
// as ETW traces that only Get-WindowsUpdateLog decodes: give its output as `windowsUpdateLog`.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { InvalidArgumentError } from './errors.js';

export interface OperationLogOptions {
  /** The client application ID the operation's session was opened with. */
  clientApplicationId: string;
  /** Default: %windir%\WindowsUpdate.log (or the text Get-WindowsUpdateLog wrote). */
  windowsUpdateLog?: string;
  /** Default: %windir%\Logs\CBS\CBS.log. */
  cbsLog?: string;
  /** How long after the agent's last line of a window its CBS lines still count, in ms (default 120000). */
  marginMs?: number;
}

export interface LogLine {
  /** 1-based. */
  lineNumber: number;
  /** The line's own time as written (local time, ISO form without a zone), or null. */
  time: string | null;
  text: string;
  /** The line names the client application ID itself. */
  named: boolean;
}

export interface LogSource {
  log: 'windowsUpdate' | 'cbs';
  path: string;
  /** False when the file could not be read; `error` says why (a missing file is no failure). */
  read: boolean;
  error?: string;
}

export interface OperationLogs {
  clientApplicationId: string;
  /** The spans the operation's own lines cover, local time. */
  windows: { from: string; to: string }[];
  windowsUpdate: LogLine[];
  cbs: LogLine[];
  sources: LogSource[];
}

// 2012-03-08	10:05:38:411 (WindowsUpdate.log), 2024/01/15 10:12:41.1234567 (Get-WindowsUpdateLog),
// 2024-01-15 10:12:41, (CBS.log).
const TIME = /^(\d{4})[-/](\d{2})[-/](\d{2})[\tT ]+(\d{2}):(\d{2}):(\d{2})(?:[:.](\d{1,7}))?/;

function timeOf(line: string): number | null {
  const m = TIME.exec(line);
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}

function iso(time: number): string {
  return new Date(time).toISOString().replace('Z', '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function* linesOf(file: string): AsyncGenerator<string> {
  // CBS.log can be hundreds of MB: read it a line at a time.
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  yield* lines;
}

function checked(options: OperationLogOptions): Required<OperationLogOptions> {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'must be an object');
  const { clientApplicationId, marginMs = 120_000 } = options;
  if (typeof clientApplicationId !== 'string' || !clientApplicationId.trim()) {
    throw new InvalidArgumentError('options.clientApplicationId', 'must be a non-empty string');
  }
  if (!Number.isInteger(marginMs) || marginMs < 0) throw new InvalidArgumentError('options.marginMs', 'must be a whole number of ms, 0 or more');
  for (const name of ['windowsUpdateLog', 'cbsLog'] as const) {
    if (options[name] !== undefined && (typeof options[name] !== 'string' || !options[name])) {
      throw new InvalidArgumentError(`options.${name}`, 'must be a path');
    }
  }
  const windir = process.env.windir ?? process.env.SystemRoot ?? 'C:\\Windows';
  return {
    clientApplicationId,
    marginMs,
    windowsUpdateLog: options.windowsUpdateLog ?? path.win32.join(windir, 'WindowsUpdate.log'),
    cbsLog: options.cbsLog ?? path.win32.join(windir, 'Logs', 'CBS', 'CBS.log'),
  };
}

/**
 * The log lines of the operations that ran under `clientApplicationId`: every WindowsUpdate.log
 * line within the spans its own START..END lines cover (each marked `named` when it names the
 * ID), and the CBS.log lines of those spans and `marginMs` after. Reads only; a log that is
 * missing or unreadable is listed in `sources` with why, and the other is still read. Rejects
 * with InvalidArgumentError for bad options.
 */
export async function gatherOperationLogs(options: OperationLogOptions): Promise<OperationLogs> {
  const { clientApplicationId, windowsUpdateLog, cbsLog, marginMs } = checked(options);
  // "[ClientId = wua]", "ClientId = wua" at the end, or "CallerId = wua": the whole ID, not a prefix of another.
  const names = new RegExp(`(?:Client|Caller)Id\\s*=\\s*${escapeRegExp(clientApplicationId)}(?=\\s*(?:\\]|$|;|,))`, 'i');
  const sources: LogSource[] = [];
  const windowsUpdate: { line: LogLine; at: number | null }[] = [];
  try {
    let lineNumber = 0;
    for await (const text of linesOf(windowsUpdateLog)) {
      lineNumber += 1;
      const at = timeOf(text);
      windowsUpdate.push({ line: { lineNumber, time: at === null ? null : iso(at), text, named: names.test(text) }, at });
    }
    sources.push({ log: 'windowsUpdate', path: windowsUpdateLog, read: true });
  } catch (error) {
    sources.push({ log: 'windowsUpdate', path: windowsUpdateLog, read: false, error: (error as Error).message });
  }

  // Each span runs from a line naming the ID to the last one naming it before a gap of more
  // than the margin: a START, the agent's own lines for it, its END.
  const spans: { from: number; to: number }[] = [];
  for (const { line, at } of windowsUpdate) {
    if (!line.named || at === null) continue;
    const last = spans.at(-1);
    if (last && at - last.to <= marginMs) last.to = Math.max(last.to, at);
    else spans.push({ from: at, to: at });
  }
  const within = (at: number | null, margin: number): boolean => at !== null && spans.some((s) => at >= s.from && at <= s.to + margin);

  const cbs: LogLine[] = [];
  try {
    let lineNumber = 0;
    for await (const text of linesOf(cbsLog)) {
      lineNumber += 1;
      const at = timeOf(text);
      if (within(at, marginMs)) cbs.push({ lineNumber, time: iso(at!), text, named: false });
    }
    sources.push({ log: 'cbs', path: cbsLog, read: true });
  } catch (error) {
    sources.push({ log: 'cbs', path: cbsLog, read: false, error: (error as Error).message });
  }
  return {
    clientApplicationId,
    windows: spans.map((s) => ({ from: iso(s.from), to: iso(s.to) })),
    windowsUpdate: windowsUpdate.filter(({ line, at }) => line.named || within(at, 0)).map(({ line }) => line),
    cbs,
    sources,
  };
}
