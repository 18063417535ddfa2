// The MinGW build reads the source lists that binding.gyp (MSVC) includes: as gyp reads them.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

async function parseGyp(text: string): Promise<unknown> {
  const build = await import(pathToFileURL(path.join(root, 'scripts', 'lib', 'native-build.mjs')).href) as {
    parseGyp: (text: string) => unknown;
  };
  return build.parseGyp(text);
}

describe('parseGyp', () => {
  it('takes the comments, single quotes and trailing commas that gyp allows', async () => {
    const text = `# the addon's sources
{
  'variables': {
    "addon_sources": ['src/a.cc', # the first
      "src/#not-a-comment.cc", 'it\\'s.cc',],
    'addon_defines': ["A=\\"1\\""],
  },
}`;
    await expect(parseGyp(text)).resolves.toEqual({
      variables: { addon_sources: ['src/a.cc', 'src/#not-a-comment.cc', "it's.cc"], addon_defines: ['A="1"'] },
    });
  });

  it('reads src/sources.gypi', async () => {
    const { readFileSync } = await import('node:fs');
    const gypi = await parseGyp(readFileSync(path.join(root, 'src', 'sources.gypi'), 'utf8')) as {
      variables: { addon_sources: string[] };
    };
    expect(gypi.variables.addon_sources).toContain('src/wire/chunk.cc');
  });
});
