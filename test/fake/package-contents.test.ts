// What `npm pack` puts in the tarball, judged against the tree: every prebuilt binary, the built
// facade, every file a source build with binding.gyp reads, the legal and user documents; and
// nothing of the project's own (tests, build output, caches, benches, scripts but the install
// step), nor a source map whose sources are not shipped.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

interface PackedFile { path: string; size: number }

let packed: Set<string>;
let manifest: Record<string, unknown>;

beforeAll(() => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [report] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 })) as { files: PackedFile[] }[];
  packed = new Set(report!.files.map((file) => file.path.replaceAll('\\', '/')));
  manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
}, 150_000);

function filesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).replaceAll('\\', '/')];
  });
}

/** A .gyp or .gypi file: a Python literal that JSON reads once its `#` comment lines are gone. */
function readGyp(file: string): Record<string, unknown> {
  const text = readFileSync(path.join(root, file), 'utf8').split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The files binding.gyp's target compiles: its own `sources` (under any condition), with each
 * `<@(list)` taken from the variables of the files it includes, and what those sources
 * `#include "..."` in turn, found beside the including file or under the target's include_dirs.
 */
function sourceBuildFiles(): { gypFiles: string[]; sources: string[]; closure: string[] } {
  const binding = readGyp('binding.gyp');
  const includes = (binding.includes as string[] | undefined) ?? [];
  const variables: Record<string, unknown> = {};
  for (const include of includes) Object.assign(variables, (readGyp(include).variables as Record<string, unknown> | undefined) ?? {});
  const sources: string[] = [];
  const includeDirs = new Set<string>();
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      if (key === 'sources') {
        for (const entry of node as string[]) {
          const list = /^<@\((\w+)\)$/.exec(entry);
          sources.push(...(list ? variables[list[1]!] as string[] : [entry]));
        }
      } else if (key === 'include_dirs') {
        for (const dir of node as string[]) includeDirs.add(dir);
      } else {
        for (const item of node) visit(item);
      }
    } else if (node && typeof node === 'object') {
      for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
    }
  };
  visit(binding.targets);
  const closure = new Set<string>();
  const queue = [...sources];
  while (queue.length) {
    const file = queue.pop()!;
    if (closure.has(file)) continue;
    closure.add(file);
    for (const [, name] of readFileSync(path.join(root, file), 'utf8').matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
      const candidates = [path.posix.join(path.posix.dirname(file), name!), ...[...includeDirs].map((dir) => path.posix.join(dir, name!))];
      const found = candidates.find((candidate) => existsSync(path.join(root, candidate)));
      expect(found, `${file} includes "${name}", which is in no folder the build searches`).toBeDefined();
      queue.push(found!);
    }
  }
  return { gypFiles: ['binding.gyp', ...includes], sources, closure: [...closure].sort() };
}

describe('the packed tarball', () => {
  it('holds every prebuilt addon in the tree and the broker service host', () => {
    const prebuilt = filesUnder(path.join(root, 'prebuilds')).map((file) => `prebuilds/${file}`);
    const addons = prebuilt.filter((file) => /^prebuilds\/[^/]+\/[^/]+\.node$/.test(file));
    expect(addons, 'npm test (or npm run build) builds prebuilds/win32-x64').toContain('prebuilds/win32-x64/windows-update-agent.napi.node');
    for (const file of [...addons, 'prebuilds/win32-x64/wua-broker.exe']) expect(packed, file).toContain(file);
    // Each platform folder is one node-gyp-build looks in: <platform>-<arch> (win32-x64, win32-ia32).
    for (const file of [...packed].filter((name) => name.startsWith('prebuilds/'))) {
      expect(file).toMatch(/^prebuilds\/win32-(x64|ia32|arm64)\/[^/]+\.(node|exe)$/);
    }
  });

  it('holds the built facade: a module and its declarations for each source, and the scenario schema', () => {
    const modules = filesUnder(path.join(root, 'lib')).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(modules.length).toBeGreaterThan(40);
    for (const module of modules) {
      const base = `dist/${module.replace(/\.ts$/, '')}`;
      expect(packed, `${base}.js`).toContain(`${base}.js`);
      expect(packed, `${base}.d.ts`).toContain(`${base}.d.ts`);
    }
    expect(packed).toContain('dist/testing/scenario.schema.json');
    // Each entry point package.json names is in the tarball.
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect([manifest.main, manifest.types, manifest.exports, manifest.bin]);
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(packed, target).toContain(path.posix.normalize(target));
  });

  it('holds every file a source build reads, as binding.gyp lists them and their includes name them', () => {
    const { gypFiles, sources, closure } = sourceBuildFiles();
    expect(sources.length).toBeGreaterThan(20);
    // Headers are reached only through the sources: the closure must be wider than the list.
    expect(closure.length).toBeGreaterThan(sources.length);
    for (const file of [...gypFiles, ...closure]) expect(packed, file).toContain(file);
    expect(packed).toContain('scripts/install.js');
  });

  it('holds the license, the README and the changelog', () => {
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) expect(packed, file).toContain(file);
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(manifest.license).toBe('MIT');
  });

  it('names in its changelog the version package.json has, with Keep a Changelog\'s sections', () => {
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map(([, name]) => name!);
    expect(versions[0]).toBe('Unreleased');
    expect(versions[1]).toBe(manifest.version);
    // Newest first, and a link for each.
    const released = versions.slice(1).map((version) => version.split('.').map(Number));
    for (let i = 1; i < released.length; i++) {
      const [a, b] = [released[i - 1]!, released[i]!];
      expect(a[0]! * 1e6 + a[1]! * 1e3 + a[2]!, versions[i + 1]).toBeGreaterThan(b[0]! * 1e6 + b[1]! * 1e3 + b[2]!);
    }
    for (const version of versions) expect(changelog, version).toContain(`\n[${version}]: https://`);
    const headings = [...changelog.matchAll(/^### (.+)$/gm)].map(([, name]) => name!);
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security', 'Migration']).toContain(heading);
  });

  it('holds none of the project\'s own files', () => {
    const own = [...packed].filter((file) => /^(test|bench|build|coverage|node_modules|\.cache|\.github)\//.test(file)
      || (file.startsWith('scripts/') && file !== 'scripts/install.js')
      || /(^|\/)[^/]+\.test\.[cm]?[jt]s$/.test(file)
      || (file.endsWith('.ts') && !file.endsWith('.d.ts'))
      || /\.(log|tgz|tsbuildinfo)$/.test(file));
    expect(own).toEqual([]);
  });

  it('ships a source map only with the sources it points at', () => {
    const maps = [...packed].filter((file) => file.endsWith('.map'));
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(path.join(root, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(map), source));
        expect(packed, `${map} points at ${target}`).toContain(target);
      }
    }
    // Every built module that names a map names one that is shipped.
    for (const file of [...packed].filter((name) => /\.(js|d\.ts)$/.test(name))) {
      const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(path.join(root, file), 'utf8'));
      if (reference) expect(packed, `${file} names ${reference[1]}`).toContain(path.posix.join(path.posix.dirname(file), reference[1]!));
    }
  });

  it('runs its own install step, not the node-gyp rebuild npm would put in its place', () => {
    const scripts = manifest.scripts as Record<string, string>;
    expect(scripts.install).toBe('node scripts/install.js');
    // With a binding.gyp at the root npm makes up `node-gyp rebuild` for a package whose install
    // script it cannot see; false says that the package's own script is the only install step.
    expect(manifest.gypfile).toBe(false);
    const install = readFileSync(path.join(root, 'scripts', 'install.js'), 'utf8');
    expect(install).toMatch(/node-gyp-build/);
  });
});
