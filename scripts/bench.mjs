#!/usr/bin/env node
// `npm run bench`: runs bench/index.mjs against the built package and the simulated agent, under
// Wine on Linux or directly on Windows. It prints a table and, last, one JSON line of figures.
// On Linux, bench/fake.mjs first measures the fake agent's search of the same catalog in plain Node.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { buildExe } from './lib/mingw.mjs';
import { gypLists } from './lib/native-build.mjs';
import { BUILD_DIR, ROOT } from './lib/paths.mjs';
import { prepareLinuxRig, runNative, runUnderWine } from './lib/rig.mjs';
import { toWindowsPath } from './lib/wine.mjs';

// The 10,000-update catalog the benchmark searches, written before the measured process starts.
// Downloads and installs of a few updates take a little time, so that there is a loop to watch.
const HISTORY_ENTRIES = 10_000;
async function writeCatalog() {
  const { generateCatalog } = await import('../test/sim/generate-catalog.mjs');
  const catalog = generateCatalog({ count: 10_000, seed: 7 });
  const busy = catalog.updates.filter((u) => !u.state?.isInstalled && !u.eulaText).slice(0, 40);
  for (const update of busy) {
    update.download = { durationMs: 25, progressSteps: 5 };
    update.install = { durationMs: 25, progressSteps: 5 };
  }
  const dir = path.join(BUILD_DIR, 'bench');
  mkdirSync(dir, { recursive: true });
  const files = {
    catalog: path.join(dir, 'catalog.json'), ids: path.join(dir, 'catalog-ids.json'), history: path.join(dir, 'history.json'),
  };
  writeFileSync(files.catalog, JSON.stringify({ ...catalog, name: 'benchmark' }));
  // The same catalog on a machine with a history of 10,000 entries, played last: searches then
  // read the same updates, and the downloads and installs before it keep their own machine.
  writeFileSync(files.history, JSON.stringify({
    ...catalog, name: 'benchmark-history', agent: { ...catalog.agent, history: longHistory(catalog, HISTORY_ENTRIES) },
  }));
  writeFileSync(files.ids, JSON.stringify({ firstUpdateId: catalog.updates[0].id, busyUpdateIds: busy.map((u) => u.id) }));
  // The read against its floor at three sizes: the same generator, the 10,000 being the one above.
  files.sizes = { 10000: files.catalog };
  for (const count of [1_000, 50_000]) {
    files.sizes[count] = path.join(dir, `catalog-${count}.json`);
    writeFileSync(files.sizes[count], JSON.stringify({ ...generateCatalog({ count, seed: 7 }), name: `benchmark-${count}` }));
  }
  return files;
}

// A history of `count` entries, as a machine has after years of updates: the catalog's own, then
// earlier installs and failed attempts of its updates, ten minutes apart back from 2019.
function longHistory(catalog, count) {
  const history = [...catalog.agent.history];
  const earlier = Date.UTC(2019, 0, 1);
  const clients = ['UpdateOrchestrator', 'Windows Defender', 'wusa', 'MoUpdateOrchestrator'];
  for (let i = 0; history.length < count; i++) {
    const update = catalog.updates[(i * 7919) % catalog.updates.length];
    const failed = i % 13 === 0;
    history.push({
      operation: i % 29 === 0 ? 'uninstallation' : 'installation',
      resultCode: failed ? 'failed' : 'succeeded',
      ...(failed ? { hresult: '0x80070643' } : {}),
      date: new Date(earlier - i * 600_000).toISOString(),
      updateId: update.id, revision: update.revision ?? 1, title: update.title, description: update.description ?? '',
      clientApplicationId: clients[i % clients.length], supportUrl: update.supportUrl ?? '', serverSelection: 'windowsUpdate',
      serviceId: catalog.agent.services[0].id, categories: update.categories ?? [],
    });
  }
  return history;
}

// The baselines of the read ratio (MinGW builds them here; on Windows, build them the same way or
// run the bench from Linux): the floor, the agent calls the addon's reader makes and nothing else
// (bench/native/read_floor.cc), and the addon's own reader in a plain C++ loop (read_updates.cc).
async function buildBaselines() {
  const { addon_defines: defines } = gypLists();
  const build = (name, sources) => buildExe({
    name,
    root: ROOT,
    sources: [...sources, 'src/com/hresult.cc'],
    outDir: path.join(BUILD_DIR, 'bench'),
    includeDirs: [path.join(ROOT, 'src')],
    defines: defines.filter((define) => !define.startsWith('NAPI') && !define.startsWith('NODE_ADDON')),
    libs: ['ole32', 'oleaut32', 'uuid'],
    linkArgs: ['-municode'],
  });
  await build('read-updates.exe', ['bench/native/read_updates.cc', 'src/wua/update_reader.cc']);
  await build('read-floor.exe', ['bench/native/read_floor.cc']);
}

const args = [path.join('bench', 'index.mjs'), ...process.argv.slice(2)];
const files = await writeCatalog();
let exitCode;
if (process.platform === 'win32') {
  exitCode = await runNative(process.execPath, ['--expose-gc', ...args],
    {
      ...process.env, WUA_BENCH_CATALOG: files.catalog, WUA_BENCH_CATALOG_IDS: files.ids, WUA_BENCH_HISTORY: files.history,
      WUA_BENCH_SIZES: JSON.stringify(files.sizes),
    });
} else {
  const { windowsNode, env } = await prepareLinuxRig();
  // The fake agent's search of the same catalog, in plain Node on this machine (bench/fake.mjs).
  await runNative(process.execPath, [path.join('bench', 'fake.mjs'), files.catalog]);
  await buildBaselines();
  exitCode = await runUnderWine([windowsNode, '--expose-gc', ...args],
    {
      ...env, WUA_BENCH_CATALOG: toWindowsPath(files.catalog), WUA_BENCH_CATALOG_IDS: toWindowsPath(files.ids),
      WUA_BENCH_HISTORY: toWindowsPath(files.history),
      WUA_BENCH_SIZES: JSON.stringify(Object.fromEntries(Object.entries(files.sizes).map(([n, file]) => [n, toWindowsPath(file)]))),
    },
    'bench-output.log');
}
process.exit(exitCode);
