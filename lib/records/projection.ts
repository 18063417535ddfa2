// A search's projection (`fields`): which of an update record's fields a caller asked for. Plain
// TypeScript, with no addon behind it, so that anything that makes update records (the addon's
// decoder, a fake agent) keeps the same fields for the same request.
import { InvalidArgumentError } from '../errors.js';
import type { UpdateField, UpdateRecord } from '../types.js';
import { WIRE_FIELDS } from './fields.generated.js';

/** Every field of an update record, in the wire table's order (src/wire/fields.h). */
export const UPDATE_FIELDS: readonly UpdateField[] = Object.freeze(WIRE_FIELDS.Update.map(([name]) => name));

const PLACES: ReadonlyMap<string, number> = new Map(UPDATE_FIELDS.map((name, place) => [name, place]));

/**
 * The fields a projection keeps: `identity` and those named, once each, in the table's order (the
 * order the addon sends them in). Undefined (every field) when `fields` is. Throws
 * InvalidArgumentError for anything but an array of field names.
 */
export function projectionOf(fields: unknown, argument = 'options.fields'): readonly UpdateField[] | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) {
    throw new InvalidArgumentError(argument, 'must be an array of update field names', 'ERR_INVALID_ARG_TYPE');
  }
  const wanted = new Set<number>([PLACES.get('identity')!]);
  fields.forEach((name: unknown, index) => {
    const place = typeof name === 'string' ? PLACES.get(name) : undefined;
    if (place === undefined) {
      throw new InvalidArgumentError(`${argument}[${index}]`,
        `must be the name of an update field (${UPDATE_FIELDS.join(', ')})`);
    }
    wanted.add(place);
  });
  return [...wanted].sort((a, b) => a - b).map((place) => UPDATE_FIELDS[place]!);
}

/**
 * A record with only the projection's fields and `identity`, as a search with `fields` gives it
 * (all of them without one). Throws InvalidArgumentError for a record that is not an object or a
 * projection that is not an array of field names.
 */
export function projectRecord<F extends UpdateField>(record: UpdateRecord, projection: readonly F[] | undefined):
  Pick<UpdateRecord, 'identity' | F> {
  // Checked as a search's `fields`: a bad projection threw a TypeError, or kept a string's letters.
  if (typeof record !== 'object' || record === null) {
    throw new InvalidArgumentError('record', 'must be an update record', 'ERR_INVALID_ARG_TYPE');
  }
  const fields = projectionOf(projection, 'projection');
  if (!fields) return record;
  const out: Partial<UpdateRecord> = {};
  for (const name of fields) (out as Record<string, unknown>)[name] = record[name];
  return out as Pick<UpdateRecord, 'identity' | F>;
}

/** Where each field of a projection sits in a full record's tuple (src/wire/fields.h). */
export function projectionPlaces(projection: readonly string[]): number[] {
  return projection.map((name) => PLACES.get(name)!);
}
