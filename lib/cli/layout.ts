// How wide the tool may write, and text cut to fit. Pure functions of a given width, so the
// layout can be tested without a terminal.

/** The part of a stream the width depends on (process.stdout, process.stderr). */
export interface WidthSource {
  isTTY?: boolean;
  columns?: number;
}

/**
 * The width to fit lines to: the terminal's on a terminal, else the COLUMNS variable, else
 * undefined, meaning "no limit": a pipe into a file or a log keeps whole titles, since nothing
 * wraps there and a cut title cannot be recovered.
 */
export function outputWidth(stream: WidthSource, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

// Lengths in code points, so a cut never splits a surrogate pair. Wide (East Asian) characters
// count as one column: close enough for update titles, which are almost always Latin.
function length(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** `text`, cut with an ellipsis when longer than `width`; whole when `width` is undefined. */
export function fitText(text: string, width: number | undefined): string {
  if (width === undefined || length(text) <= width) return text;
  if (width <= 0) return '';
  return `${Array.from(text).slice(0, width - 1).join('')}…`;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - length(text)));
}

/** The narrowest the flexible column gets before a table is allowed to overflow the width. */
export const MIN_FLEX_WIDTH = 12;
const GAP = '  ';

export interface TableLayout {
  /** The line width to fit; undefined for no limit (no cell is cut). */
  width?: number;
  /** The column that gives up room (the title); the others keep their natural widths. */
  flex?: number;
}

/**
 * A plain-text table: columns padded to their widest cell, separated by two spaces. With a
 * width, the flexible column is cut to what the other columns leave, down to MIN_FLEX_WIDTH.
 */
export function table(headers: string[], rows: string[][], layout: TableLayout = {}): string {
  const all = [headers, ...rows];
  const natural = headers.map((_, i) => Math.max(...all.map((row) => length(row[i] ?? ''))));
  const widths = [...natural];
  if (layout.width !== undefined && layout.flex !== undefined) {
    const others = natural.reduce((sum, width, i) => (i === layout.flex ? sum : sum + width), 0)
      + GAP.length * (headers.length - 1);
    widths[layout.flex] = Math.min(natural[layout.flex]!, Math.max(MIN_FLEX_WIDTH, layout.width - others));
  }
  return all.map((row) => row.map((cell, i) => {
    const text = i === layout.flex ? fitText(cell, widths[i]) : cell;
    return i === row.length - 1 ? text : padEnd(text, widths[i]!);
  }).join(GAP).trimEnd()).join('\n');
}

/** The bar and label widths of a progress line ` {bar} {percentage}% | {label}` in `width`. */
export function barLayout(width: number | undefined): { barsize: number; labelWidth: number | undefined } {
  if (width === undefined) return { barsize: 40, labelWidth: undefined };
  const barsize = Math.max(10, Math.min(40, Math.floor(width / 4)));
  // ' ' + bar + ' ' + '100%' + ' | ', and one column spare: a line that fills the last column
  // makes some terminals wrap, which breaks the bars' redraw.
  const fixed = 1 + barsize + 1 + 4 + 3 + 1;
  return { barsize, labelWidth: Math.max(MIN_FLEX_WIDTH, width - fixed) };
}
