// Update, category and service IDs: GUIDs in the 8-4-4-4-12 form, without braces, as the agent
// writes and accepts them.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
