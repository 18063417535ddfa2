// The projection of a search (`fields`), as a plain module: which fields it keeps, in which order,
// and what it refuses.
import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../lib/errors.js';
import { UPDATE_FIELD_VALUES, WIRE_FIELDS } from '../../lib/records/fields.generated.js';
import { projectionOf, projectRecord, UPDATE_FIELDS } from '../../lib/records/projection.js';
import type { UpdateRecord } from '../../lib/types.js';

describe('projectionOf', () => {
  it('names every field of the wire table, in its order, and the decoder has a value for each', () => {
    expect(UPDATE_FIELDS).toEqual(WIRE_FIELDS.Update.map(([name]) => name));
    expect(Object.keys(UPDATE_FIELD_VALUES)).toEqual(UPDATE_FIELDS);
  });

  it('keeps the identity and the fields named, once each, in the table\'s order', () => {
    expect(projectionOf(['msrcSeverity', 'title', 'title', 'identity'])).toEqual(['identity', 'title', 'msrcSeverity']);
    expect(projectionOf([])).toEqual(['identity']);
    expect(projectionOf(undefined)).toBeUndefined();
    for (const field of UPDATE_FIELDS) expect(projectionOf([field])).toEqual([...new Set(['identity', field])]);
  });

  it('refuses anything but a list of field names, naming the bad entry', () => {
    expect(() => projectionOf('title')).toThrow(InvalidArgumentError);
    expect(() => projectionOf(['title', 'Title'])).toThrow(/options\.fields\[1\] must be the name of an update field/);
    expect(() => projectionOf([null])).toThrow(InvalidArgumentError);
    expect(() => projectionOf(['toString'])).toThrow(InvalidArgumentError);
  });

  it('projects a whole record to the same fields', () => {
    const record = { identity: { updateId: 'x', revisionNumber: 1 }, title: 't', msrcSeverity: null, isHidden: true } as unknown as UpdateRecord;
    expect(projectRecord(record, projectionOf(['msrcSeverity']))).toEqual({ identity: record.identity, msrcSeverity: null });
  });
});
