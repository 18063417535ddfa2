// What callers pass to download, install and uninstall, as the update IDs the addon takes.
import { InvalidArgumentError } from '../errors.js';
import { isGuid } from '../ids.js';
import type { UpdateReference } from '../types.js';

/**
 * The update IDs of what a caller passes to download, install or uninstall: records from a
 * search, the same records after a JSON round trip, or bare update IDs.
 */
export function updateIdsOf(updates: unknown, argument = 'updates'): string[] {
  const list = isIterable(updates) && typeof updates !== 'string' ? [...updates] : [updates];
  const ids = list.map((reference: unknown, index) => {
    const id = typeof reference === 'string'
      ? reference
      : (reference as { identity?: { updateId?: unknown } } | null)?.identity?.updateId;
    if (!isGuid(id)) {
      throw new InvalidArgumentError(`${argument}[${index}]`,
        'must be an update record, an object with identity.updateId, or an update ID (a GUID)');
    }
    return id.toLowerCase();
  });
  return [...new Set(ids)];
}

function isIterable(value: unknown): value is Iterable<UpdateReference> {
  return value !== null && typeof value === 'object' && Symbol.iterator in value;
}
