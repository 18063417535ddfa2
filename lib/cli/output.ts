// Where the tool writes: results on stdout (a table, one JSON document, or JSON lines with
// --progress), everything else on stderr, and nothing decorative when stdout is not a terminal.
import pc from 'picocolors';

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

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.jsonLines = options.json && options.progress;
    this.verbose = options.verbose;
    this.interactive = !options.json && (process.stderr.isTTY ?? false) && (process.stdout.isTTY ?? false);
    this.progressLines = !options.json && options.progress && !this.interactive;
  }

  /** The final result: a table or text for people, one JSON document (or line) for programs. */
  result(value: unknown, render: () => string): void {
    if (this.jsonLines) this.line({ type: 'result', ...(value as object) });
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

/** A plain-text table: columns padded to their widest cell, long cells cut with an ellipsis. */
export function table(headers: string[], rows: string[][], maxWidths: number[] = []): string {
  const cut = (text: string, width: number | undefined): string =>
    width !== undefined && text.length > width ? `${text.slice(0, width - 1)}…` : text;
  const cells = [headers, ...rows].map((row) => row.map((cell, i) => cut(cell, maxWidths[i])));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
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
