// From command-line flags to the agent's criteria, and from a search result to the updates a
// command acts on.
import { ClassificationCategory, type Criteria, type CriteriaGroup } from '../criteria.js';
import type { UpdateRecord } from '../types.js';
import { UsageError } from './report-error.js';
import { isGuid } from '../ids.js';

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
}

const FILTER_FLAGS = ['installed', 'hidden', 'type', 'category', 'id'] as const;

/** The criteria the filter flags ask for; KB numbers are matched after the search (not a criterion). */
export function criteriaFromFlags(flags: FilterFlags, defaults: { installed: boolean }): Criteria {
  if (flags.criteria !== undefined) {
    const mixed = FILTER_FLAGS.filter((name) => flags[name] !== undefined);
    if (mixed.length) throw new UsageError(`raw criteria cannot be combined with --${mixed.join(', --')}`);
    return flags.criteria;
  }
  if (flags.type !== undefined && flags.type !== 'software' && flags.type !== 'driver') {
    throw new UsageError(`--type must be 'software' or 'driver', not '${flags.type}'`);
  }
  const categories = (flags.category ?? []).map((category) => {
    if (category in ClassificationCategory) return category;
    if (isGuid(category)) return category;
    throw new UsageError(`--category must be a GUID or one of ${Object.keys(ClassificationCategory).join(', ')}; not '${category}'`);
  });
  const group: CriteriaGroup = {
    isInstalled: flags.installed ?? defaults.installed,
    isHidden: flags.hidden ?? false,
    ...(flags.type ? { type: flags.type as 'software' | 'driver' } : {}),
    ...(categories.length ? { categoryIds: categories } : {}),
  };
  return flags.id?.length ? flags.id.map((updateId) => ({ ...group, updateId })) : group;
}

function normalizeKb(kb: string): string {
  return kb.replace(/^kb/i, '');
}

/** Updates matching --kb, when given. */
export function filterByKb(updates: UpdateRecord[], kbs: string[] | undefined): UpdateRecord[] {
  if (!kbs?.length) return updates;
  const wanted = new Set(kbs.map(normalizeKb));
  return updates.filter((update) => update.kbArticleIds.some((kb) => wanted.has(normalizeKb(kb))));
}

/**
 * What download, install and uninstall act on: never "everything" by accident, so one of --all,
 * --kb or --id is required, and a KB or ID that the search did not find is an error.
 */
export function selectUpdates(found: UpdateRecord[], flags: SelectFlags): UpdateRecord[] {
  if (!flags.all && !flags.kb?.length && !flags.id?.length) {
    throw new UsageError('say which updates: --all, --kb <number...> or --id <update-id...>');
  }
  const selected = filterByKb(found, flags.kb);
  for (const kb of flags.kb ?? []) {
    if (!selected.some((update) => update.kbArticleIds.map(normalizeKb).includes(normalizeKb(kb)))) {
      throw new UsageError(`no update found for KB${normalizeKb(kb)}`);
    }
  }
  for (const id of flags.id ?? []) {
    if (!selected.some((update) => update.identity.updateId === id.toLowerCase())) {
      throw new UsageError(`no update found with ID ${id}`);
    }
  }
  return selected;
}
