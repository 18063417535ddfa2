// The golden chunks of the codec's tests (test/wire/golden), written by the addon's own writer:
// test/wire/golden.cc, cross-built with MinGW-w64 and run under Wine.
import { spawn } from 'node:child_process';
import path from 'node:path';

import { buildExe } from './mingw.mjs';
import { BUILD_DIR, ROOT } from './paths.mjs';

export const GOLDEN_DIR = path.join(ROOT, 'test', 'wire', 'golden');

/** Builds golden.exe (incrementally) and returns its path. */
export function buildGoldenWriter() {
  return buildExe({
    name: 'golden.exe',
    root: ROOT,
    sources: ['test/wire/golden.cc', 'src/wire/chunk.cc'],
    outDir: path.join(BUILD_DIR, 'wire'),
    includeDirs: [path.join(ROOT, 'src')],
  });
}

/** Rewrites the committed golden chunks; returns their folder. */
export async function writeGoldenChunks() {
  const exe = await buildGoldenWriter();
  const { wineEnv, toWindowsPath } = await import('./wine.mjs');
  const code = await new Promise((resolve, reject) => {
    const child = spawn('wine', [exe, toWindowsPath(GOLDEN_DIR)], { env: wineEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`golden.exe exited with ${code}`);
  return path.relative(ROOT, GOLDEN_DIR);
}
