// README.md's example of the fake agent is the test readme-example.test.ts, word for word (with
// the package's name where the test imports the sources).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

it("README's \"Test your app without Windows\" shows readme-example.test.ts", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Test your app without Windows'));
  const shown = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const test = readFileSync(path.join(__dirname, 'readme-example.test.ts'), 'utf8')
    .split('\n').slice(2).join('\n')
    .replace("from '../../lib/index.js'", "from 'windows-update-agent'")
    .replace("from '../../lib/testing/index.js'", "from 'windows-update-agent/testing'");
  expect(shown).toBe(test);
});
