// `wua download`, `wua install`, `wua uninstall`: search, choose, then act, with progress.
import type { UpdateSession } from '../../session.js';
import type { ChangeResult, DownloadPriority, UpdateRecord } from '../../types.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';
import { progressView } from '../progress-view.js';
import { selectUpdates, type SelectFlags } from '../selection.js';
import { findUpdates, updatesTable } from './search.js';

export type ChangeKind = 'download' | 'install' | 'uninstall';

export interface ChangeFlags extends SelectFlags {
  dryRun?: boolean;
  priority?: DownloadPriority;
  force?: boolean;
  acceptEulas?: boolean;
  forceQuiet?: boolean;
}

const VERBS: Record<ChangeKind, string> = { download: 'Downloading', install: 'Installing', uninstall: 'Uninstalling' };

function resultTable(result: ChangeResult, updates: UpdateRecord[]): string {
  const titles = new Map(updates.map((update) => [update.identity.updateId, update]));
  const rows = result.updates.map((outcome) => {
    const update = titles.get(outcome.updateId);
    return [
      update?.kbArticleIds.map((kb) => `KB${kb}`).join(',') || '-',
      update?.title ?? outcome.updateId,
      outcome.resultCode,
      outcome.hresult ? outcome.code : '-',
      outcome.rebootRequired ? 'yes' : '-',
    ];
  });
  const lines = [table(['KB', 'TITLE', 'RESULT', 'ERROR', 'RESTART'], rows, [12, 60])];
  lines.push(`Result: ${result.resultCode}.`);
  if (result.rebootRequired) lines.push('A restart is needed to finish. wua never restarts the machine.');
  return lines.join('\n');
}

export async function changeCommand(kind: ChangeKind, session: UpdateSession, flags: ChangeFlags, output: Output,
  signal: AbortSignal): Promise<ExitCode> {
  const found = await findUpdates(session, flags, output, signal, { installed: kind === 'uninstall' });
  const updates = selectUpdates(found.updates, flags);
  if (!updates.length) {
    output.result({ resultCode: 'succeeded', updates: [], dryRun: Boolean(flags.dryRun) }, () => 'Nothing to do: no update matches.');
    return ExitCode.success;
  }
  if (flags.dryRun) {
    output.result({ dryRun: true, operation: kind, updates }, () => `Would ${kind}:\n${updatesTable(updates)}`);
    return ExitCode.success;
  }
  const view = progressView(output, VERBS[kind], updates);
  const common = { signal, onProgress: (progress: Parameters<typeof view.update>[0]) => view.update(progress) };
  let result: ChangeResult;
  try {
    if (kind === 'download') {
      result = await session.download(updates, { ...common, priority: flags.priority, force: flags.force });
    } else if (kind === 'install') {
      result = await session.install(updates, {
        ...common, acceptEulas: flags.acceptEulas, forceQuiet: flags.forceQuiet, force: flags.force,
      });
    } else {
      result = await session.uninstall(updates, { ...common, forceQuiet: flags.forceQuiet });
    }
  } finally {
    view.stop();
  }
  output.result(result, () => resultTable(result, updates));
  if (result.resultCode !== 'succeeded') return ExitCode.failure;
  return result.rebootRequired ? ExitCode.rebootRequired : ExitCode.success;
}
