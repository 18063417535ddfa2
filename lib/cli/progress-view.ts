// What a person sees while the agent works: a spinner with elapsed time for searches, bars per
// update and overall for downloads and installs. Only on a terminal; --json --progress streams
// the same events as JSON lines instead.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { createSpinner } from 'nanospinner';

import type { Progress, UpdateRecord } from '../types.js';
import { barLayout, fitText, MIN_FLEX_WIDTH } from './layout.js';
import type { Output } from './output.js';

export async function withSpinner<T>(output: Output, text: string, work: Promise<T>): Promise<T> {
  if (!output.interactive) return work;
  const started = Date.now();
  const spinner = createSpinner(text, { stream: process.stderr }).start();
  const timer = setInterval(() => spinner.update({ text: `${text} ${Math.round((Date.now() - started) / 1000)}s` }), 1000);
  try {
    const result = await work;
    spinner.success({ text: `${text} done in ${((Date.now() - started) / 1000).toFixed(1)}s` });
    return result;
  } catch (error) {
    spinner.error({ text: `${text} failed` });
    throw error;
  } finally {
    clearInterval(timer);
  }
}

export interface ProgressView {
  update(progress: Progress): void;
  stop(): void;
}

export function progressView(output: Output, verb: string, updates: UpdateRecord[]): ProgressView {
  if (output.jsonLines) {
    return { update: (progress) => output.line({ type: 'progress', ...progress }), stop: () => {} };
  }
  if (output.progressLines) return progressLines(verb, updates, output.progressWidth);
  if (!output.interactive) return { update: () => {}, stop: () => {} };
  const { barsize, labelWidth } = barLayout(output.progressWidth);
  const bars = new MultiBar({
    stream: process.stderr,
    format: ' {bar} {percentage}% | {label}',
    barsize,
    hideCursor: true,
    clearOnComplete: false,
  }, Presets.shades_classic);
  const overall = bars.create(100, 0, { label: fitText(`${verb} ${updates.length} update${updates.length === 1 ? '' : 's'}`, labelWidth) });
  const perUpdate = new Map<string, SingleBar>();
  const titles = new Map(updates.map((update) => [update.identity.updateId, update.title]));
  // The phase goes first so that cutting the title to the width never hides it.
  const label = (id: string, phase: string | undefined): string =>
    fitText(`${phase ? `${phase}: ` : ''}${titles.get(id) ?? id}`, labelWidth);
  return {
    update(progress) {
      overall.update(progress.percentComplete);
      const id = progress.current.updateId;
      let bar = perUpdate.get(id);
      if (!bar) {
        bar = bars.create(100, 0, { label: label(id, undefined) });
        perUpdate.set(id, bar);
      }
      bar.update(progress.current.percentComplete, { label: label(id, progress.current.phase) });
    },
    stop: () => bars.stop(),
  };
}

/** One progress line for logs, its title cut to `width` (undefined: the whole title). */
export function progressLine(verb: string, progress: Progress, title: string, width: number | undefined): string {
  const phase = progress.current.phase ? ` ${progress.current.phase}` : '';
  const head = `${verb} ${String(progress.percentComplete).padStart(3)}% | ${String(progress.current.percentComplete).padStart(3)}%${phase} `;
  return head + fitText(title, width === undefined ? undefined : Math.max(MIN_FLEX_WIDTH, width - head.length));
}

// For logs: a line whenever an update starts, finishes, or advances by a quarter.
function progressLines(verb: string, updates: UpdateRecord[], width: number | undefined): ProgressView {
  const titles = new Map(updates.map((update) => [update.identity.updateId, update.title]));
  let last = { index: -1, quarter: -1 };
  return {
    update(progress) {
      const quarter = Math.floor(progress.current.percentComplete / 25);
      if (progress.current.index === last.index && quarter === last.quarter) return;
      last = { index: progress.current.index, quarter };
      process.stderr.write(`${progressLine(verb, progress, titles.get(progress.current.updateId) ?? progress.current.updateId, width)}\n`);
    },
    stop: () => {},
  };
}
