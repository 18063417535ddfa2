// From command-line flags to the agent's criteria, and from a search result to the updates a
// command acts on and those it leaves alone because they already are as asked.
import { ClassificationCategory, type ClassificationCategoryName, type Criteria, type CriteriaGroup } from '../criteria.js';
import { isGuid } from '../ids.js';
import type { ChangeKind, UpdateRecord } from '../types.js';
import { NotFoundError, UsageError } from './report-error.js';

export interface FilterFlags {
  /** Raw criteria: replaces every filter flag. */
  criteria?: string;
  installed?: boolean;
  hidden?: boolean;
  type?: string;
  category?: string[];
  kb?: string[];
  id?: string[];
}

export interface SelectFlags extends FilterFlags {
  all?: boolean;
  force?: boolean;
}

export type { ChangeKind };

const FILTER_FLAGS = ['installed', 'hidden', 'type', 'category', 'id'] as const;

/** `--kb 1,2 --kb 3` and `--kb 1 2 3` alike: every value, split at commas, blanks dropped. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

const CATEGORY_NAMES = new Map(Object.keys(ClassificationCategory).map((name) => [name.toLowerCase(), name]));

/** A classification name in any case ("Security", "featurepacks") or a GUID, as criteria take it. */
export function categoryOf(value: string): string {
  const name = CATEGORY_NAMES.get(value.toLowerCase());
  if (name) return name as ClassificationCategoryName;
  if (isGuid(value)) return value.toLowerCase();
  throw new UsageError(`--category must be a GUID or one of ${Object.keys(ClassificationCategory).join(', ')}; not '${value}'`);
}

/** A KB number as the agent writes it: digits, without "KB". */
export function kbNumber(value: string): string {
  const match = /^(?:kb)?(\d+)$/i.exec(value.trim());
  if (!match) throw new UsageError(`--kb takes KB numbers (5068781 or KB5068781), not '${value}'`);
  return match[1]!;
}

/**
 * The flags with their lists split and checked, so that a mistyped KB, ID or category is a
 * usage error before anything reaches the agent.
 */
export function normalizeFlags<T extends FilterFlags>(flags: T): T {
  const kb = splitList(flags.kb);
  const id = splitList(flags.id);
  const category = splitList(flags.category);
  for (const value of id ?? []) {
    if (!isGuid(value)) throw new UsageError(`--id takes update IDs (GUIDs such as 9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20), not '${value}'`);
  }
  if (flags.type !== undefined && flags.type !== 'software' && flags.type !== 'driver') {
    throw new UsageError(`--type must be 'software' or 'driver', not '${flags.type}'`);
  }
  return {
    ...flags,
    ...(kb ? { kb: [...new Set(kb.map(kbNumber))] } : {}),
    ...(id ? { id: [...new Set(id.map((value) => value.toLowerCase()))] } : {}),
    ...(category ? { category: category.map(categoryOf) } : {}),
  };
}

/**
 * Which updates a command searches by default: not installed ones to download or install,
 * installed ones to uninstall. Naming updates (--kb, --id) searches both, so that one already
 * as asked is reported rather than "not found"; install --force searches both too, to reinstall.
 */
export function defaultInstalled(kind: ChangeKind | 'search', flags: SelectFlags): boolean | undefined {
  const named = Boolean(flags.kb?.length || flags.id?.length);
  // Naming an update finds it whether or not it is installed, in a search as in a change.
  if (kind === 'search') return named ? undefined : false;
  if (kind === 'uninstall') return named ? undefined : true;
  if (named || (kind === 'install' && flags.force)) return undefined;
  return false;
}

/** The criteria the filter flags ask for; KB numbers are matched after the search (not a criterion). */
export function criteriaFromFlags(flags: FilterFlags, defaults: { installed: boolean | undefined }): Criteria {
  if (flags.criteria !== undefined) {
    const mixed = FILTER_FLAGS.filter((name) => flags[name] !== undefined);
    if (mixed.length) throw new UsageError(`raw criteria cannot be combined with --${mixed.join(', --')}`);
    return flags.criteria;
  }
  const { category, type } = normalizeFlags(flags);
  const installed = flags.installed ?? defaults.installed;
  const group: CriteriaGroup = {
    ...(installed === undefined ? {} : { isInstalled: installed }),
    isHidden: flags.hidden ?? false,
    ...(type ? { type: type as 'software' | 'driver' } : {}),
  };
  // Several categories or IDs mean any of them (as several KBs do): one OR-ed group each.
  const byCategory: CriteriaGroup[] = category?.length ? category.map((id) => ({ ...group, categoryIds: [id] })) : [group];
  const groups = flags.id?.length
    ? byCategory.flatMap((g) => flags.id!.map((updateId) => ({ ...g, updateId: updateId.toLowerCase() })))
    : byCategory;
  return groups.length === 1 ? groups[0]! : groups;
}

/** Updates matching --kb, when given. */
export function filterByKb(updates: UpdateRecord[], kbs: string[] | undefined): UpdateRecord[] {
  if (!kbs?.length) return updates;
  const wanted = new Set(kbs.map(kbNumber));
  return updates.filter((update) => update.kbArticleIds.some((kb) => wanted.has(kb)));
}

/**
 * What download, install and uninstall consider: never "everything" by accident, so one of
 * --all, --kb or --id is required, and a KB or ID that the search did not find is an error
 * (before anything changes, so a typo in a list does not leave half of it done).
 */
export function selectUpdates(found: UpdateRecord[], flags: SelectFlags): UpdateRecord[] {
  if (!flags.all && !flags.kb?.length && !flags.id?.length) {
    throw new UsageError('say which updates: --all, --kb <number...> or --id <update-id...>');
  }
  const selected = filterByKb(found, flags.kb);
  const hiddenNote = flags.hidden ? '' : ' (hidden updates are searched with --hidden)';
  const missingKbs = (flags.kb ?? []).map(kbNumber).filter((kb) => !selected.some((update) => update.kbArticleIds.includes(kb)));
  const missingIds = (flags.id ?? []).filter((id) => !selected.some((update) => update.identity.updateId === id.toLowerCase()));
  const missing = [...missingKbs.map((kb) => `KB${kb}`), ...missingIds];
  if (missing.length) throw new NotFoundError(`no update found for ${missing.join(', ')}${hiddenNote}`, missing);
  return selected;
}

/** Why a selected update is left alone. */
export type SkipReason = 'alreadyInstalled' | 'alreadyDownloaded' | 'notInstalled';

export const SKIP_TEXT: Record<SkipReason, string> = {
  alreadyInstalled: 'already installed',
  alreadyDownloaded: 'already downloaded',
  notInstalled: 'not installed',
};

export interface Skipped {
  updateId: string;
  title: string;
  kbArticleIds: readonly string[];
  reason: SkipReason;
  /** The update is installed and waits for a restart to finish. */
  rebootRequired: boolean;
}

export interface ChangeSelection {
  act: UpdateRecord[];
  skipped: Skipped[];
}

function skipReason(kind: ChangeKind, update: UpdateRecord, force: boolean): SkipReason | undefined {
  if (kind === 'uninstall') return update.isInstalled ? undefined : 'notInstalled';
  if (force) return undefined;
  if (update.isInstalled) return 'alreadyInstalled';
  if (kind === 'download' && update.isDownloaded) return 'alreadyDownloaded';
  return undefined;
}

/**
 * Splits the selection into the updates to hand to the agent and those already as asked, so
 * that running the same command twice (as fleets do) is a success that changes nothing.
 */
export function planChange(kind: ChangeKind, selected: UpdateRecord[], flags: SelectFlags): ChangeSelection {
  const plan: ChangeSelection = { act: [], skipped: [] };
  for (const update of selected) {
    const reason = skipReason(kind, update, Boolean(flags.force));
    if (reason === undefined) plan.act.push(update);
    else {
      plan.skipped.push({
        updateId: update.identity.updateId, title: update.title, kbArticleIds: update.kbArticleIds, reason,
        rebootRequired: kind === 'install' && update.isInstalled && update.rebootRequired,
      });
    }
  }
  return plan;
}
