// The packed package as a Linux user installs it: npm pack, npm install of the tarball into a
// project of its own, and README.md's example of the fake agent run there with vitest.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'wua-packed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string => execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args,
  { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

it('installs from the packed tarball and runs the README example of the fake agent', () => {
  expect(existsSync(path.join(root, 'dist', 'testing', 'index.js')), 'dist/ is built (npm run build:ts)').toBe(true);
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root)) as { filename: string }[];
  const project = path.join(work, 'app');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed!.filename)], project);
  // The test runner is the project's own copy: the app under test only installs the package.
  symlinkSync(path.join(root, 'node_modules', 'vitest'), path.join(project, 'node_modules', 'vitest'), 'junction');
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Test your app without Windows')))![1]!;
  writeFileSync(path.join(project, 'update.test.ts'), example);
  const output = execFileSync(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', project],
    { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  expect(output).toMatch(/2 passed/);
  // The example type-checks against the shipped declarations as a strict TypeScript project does,
  // without skipLibCheck: a declaration naming a type the build left out fails here.
  mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
  symlinkSync(path.join(root, 'node_modules', '@types', 'node'), path.join(project, 'node_modules', '@types', 'node'), 'junction');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const checked = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'es2022,esnext.disposable', '--types', 'node', 'update.test.ts'], { cwd: project, encoding: 'utf8' });
  expect(`${checked.stdout}${checked.stderr}`).toBe('');
  expect(checked.status).toBe(0);
  // The settings the README names ('TypeScript'): a bundler's resolution checks as well; the lib needs nothing past es2022, since @types/node declares the disposable types the
  // declarations name (Symbol.asyncDispose); without @types/node they do not check (AbortSignal).
  const tscRun = (options: string[]): string => {
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', ...options, 'update.test.ts'],
      { cwd: project, encoding: 'utf8' });
    return `${run.stdout}${run.stderr}`;
  };
  expect(tscRun(['--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,esnext.disposable', '--types', 'node'])).toBe('');
  // The classic resolution reads no package exports, so it misses the testing entry.
  expect(tscRun(['--module', 'commonjs', '--moduleResolution', 'node10', '--lib', 'es2022', '--types', 'node']))
    .toMatch(/Cannot find module 'windows-update-agent\/testing'/);
  expect(tscRun(['--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022', '--types', 'node'])).toBe('');
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', lib: ['es2022', 'esnext.disposable'], types: [], noEmit: true },
    files: ['update.test.ts'],
  }));
  const withoutNodeTypes = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
  expect(withoutNodeTypes.stdout).toMatch(/Cannot find name 'AbortSignal'/);
  // npm runs the package's own install step (node-gyp-build), not a `node-gyp rebuild` of its making.
  const rebuilt = npm(['rebuild', '--foreground-scripts', 'windows-update-agent'], project);
  expect(rebuilt).toMatch(/> node scripts\/install\.js/);
  expect(rebuilt).not.toMatch(/node-gyp rebuild/);
  // The schema ships with the package, where its exports name it.
  const schema = path.join(project, 'node_modules', 'windows-update-agent', 'dist', 'testing', 'scenario.schema.json');
  expect(JSON.parse(readFileSync(schema, 'utf8'))).toMatchObject({ title: 'Scenario' });
}, 300_000);
