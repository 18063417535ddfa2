// Where the tool writes: results on stdout (a table, one JSON document, or JSON lines with
// --progress), everything else on stderr, and nothing decorative when stdout is not a terminal.
import pc from 'picocolors';

import { hresultHex } from '../errors.js';
import type { UpdateWarning } from '../types.js';
import { outputWidth } from './layout.js';

export { table } from './layout.js';

export interface OutputOptions {
  json: boolean;
  progress: boolean;
  verbose: boolean;
}

export class Output {
  readonly json: boolean;
  /** JSON lines: progress events as they come, then the result. */
  readonly jsonLines: boolean;
  readonly verbose: boolean;
  /** Spinners and progress bars only when a person is watching. */
  readonly interactive: boolean;
  /** --progress without --json off a terminal: one plain line per step, for logs. */
  readonly progressLines: boolean;
  readonly colors = pc.createColors(!process.env.NO_COLOR && (process.stderr.isTTY ?? false));
  /** The width tables are fitted to (undefined: no limit); see outputWidth. */
  readonly tableWidth = outputWidth(process.stdout);
  /** The width progress bars and progress lines are fitted to. */
  readonly progressWidth = outputWidth(process.stderr);

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.jsonLines = options.json && options.progress;
    this.verbose = options.verbose;
    this.interactive = !options.json && (process.stderr.isTTY ?? false) && (process.stdout.isTTY ?? false);
    this.progressLines = !options.json && options.progress && !this.interactive;
  }

  /**
   * The command's one document: a table or text for people, JSON for programs. With
   * --json --progress it is the last JSON line, typed 'result' (or 'error' for an error document).
   */
  result(value: object, render: () => string, type: 'result' | 'error' = 'result'): void {
    if (this.jsonLines) this.line({ type, ...value });
    else if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else process.stdout.write(`${render()}\n`);
  }

  /** One JSON line (--json --progress). */
  line(event: object): void {
    process.stdout.write(`${JSON.stringify(event)}\n`);
  }

  note(text: string): void {
    if (!this.json) process.stderr.write(`${text}\n`);
  }
}

/** A warning of the agent's, with where it applies ("searchIncomplete": the search may have missed updates). */
export function warningLine(warning: UpdateWarning): string {
  return `warning (${warning.context}): ${warning.code} (${hresultHex(warning.hresult)}): ${warning.message}`;
}

export function formatBytes(bytes: number): string {
  if (bytes <= 0) return '-';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
