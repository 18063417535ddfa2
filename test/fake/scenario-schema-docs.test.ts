// The scenario schema ships with the package (windows-update-agent/testing/scenario.schema.json)
// and is the reference a user of the fake agent has: an editor shows each field's description
// from it. Every field has one, and each agrees with the simulator's README table that lists it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'lib', 'testing', 'scenario.schema.json'), 'utf8')) as SchemaNode;

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  $defs?: Record<string, SchemaNode>;
}

/** Every property of every object the schema declares, with its path. */
function properties(node: SchemaNode, at: string): { at: string; node: SchemaNode }[] {
  const found: { at: string; node: SchemaNode }[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    found.push({ at: `${at}.${key}`, node: child }, ...properties(child, `${at}.${key}`));
  }
  if (node.items) found.push(...properties(node.items, `${at}[]`));
  if (node.additionalProperties && typeof node.additionalProperties === 'object') found.push(...properties(node.additionalProperties, `${at}{}`));
  for (const [name, def] of Object.entries(node.$defs ?? {})) found.push(...properties(def, `#${name}`));
  return found;
}

describe('the scenario schema', () => {
  it('describes every field it declares', () => {
    const all = properties(schema, '');
    expect(all.length).toBeGreaterThan(150);
    expect(all.filter(({ node }) => !node.description?.trim()).map(({ at }) => at)).toEqual([]);
  });

  it('says what the simulator README\'s tables say of each field they list', () => {
    const readme = readFileSync(path.join(root, 'test', 'sim', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Scenario schema'), readme.indexOf('### Cross-checks'));
    const descriptions = new Map<string, string[]>();
    for (const { at, node } of properties(schema, '')) {
      const key = at.slice(at.lastIndexOf('.') + 1);
      descriptions.set(key, [...descriptions.get(key) ?? [], node.description ?? '']);
    }
    let rows = 0;
    for (const line of section.split('\n').filter((text) => text.startsWith('| `'))) {
      const cells = line.replaceAll('\\|', '\u0001').split('|').slice(1, -1).map((cell) => cell.trim().replaceAll('\u0001', '|'));
      const meaning = (cells[3] ?? '').replaceAll('`', '').replaceAll('*', '').trim();
      for (const [, key] of cells[0]!.matchAll(/`([^`]+)`/g)) {
        rows++;
        const texts = descriptions.get(key!);
        expect(texts, `${key} is in the README's tables but not in the schema`).toBeDefined();
        if (meaning) expect(texts!.some((text) => text.startsWith(meaning.replace(/\.$/, ''))), `${key}: ${meaning}`).toBe(true);
      }
    }
    expect(rows).toBeGreaterThan(120);
  });
});
