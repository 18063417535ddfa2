// Builds the simulated Windows Update Agent (a COM server DLL, cross-compiled like the addon) and
// registers it in the test Wine prefix in place of the system's WUA classes. Called by the rig
// before every test, benchmark and demo run; both steps are incremental.
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { buildDll, buildExe, nodeApiImportLibraries, run } from '../../scripts/lib/mingw.mjs';
import { BUILD_DIR } from '../../scripts/lib/paths.mjs';
import { toWindowsPath } from '../../scripts/lib/wine.mjs';
import { generateTypeLibraryTable } from './typelib/generate.mjs';

const SIM_DIR = path.dirname(new URL(import.meta.url).pathname);
const OUT_DIR = path.join(BUILD_DIR, 'sim');
export const SIMULATOR_DLL = path.join(OUT_DIR, 'wua-simulator.dll');

const SOURCE_DIR = path.join(SIM_DIR, 'src');
const SIM_CXXFLAGS = ['-std=c++20'];

// The simulator's own test programs, run by test/sim/selftest.test.ts: unit tests of the
// portable parts (JSON, criteria), and a native COM client of the registered agent.
export const SELFTESTS = [
  ...['json', 'criteria'].map((part) => ({
    part, sources: [path.join(SOURCE_DIR, `${part}.cc`), path.join(SOURCE_DIR, `${part}_selftest.cc`)], libs: [],
    linkArgs: [],
  })),
  // wmain: it passes its own (UTF-16) path to the agent.
  { part: 'com', sources: [path.join(SOURCE_DIR, 'com_selftest.cc')], libs: ['ole32', 'oleaut32', 'uuid'], linkArgs: ['-municode'] },
].map((test) => ({ ...test, exe: path.join(OUT_DIR, `${test.part}-selftest.exe`) }));

// The criteria parser and evaluator as a batch program, for the differential test of the criteria
// language (test/stress/criteria.ts): thousands of strings in one process.
export const CRITERIA_BATCH_EXE = path.join(OUT_DIR, 'criteria-batch.exe');
const CRITERIA_BATCH = {
  exe: CRITERIA_BATCH_EXE, libs: [], linkArgs: [],
  sources: [path.join(SOURCE_DIR, 'criteria.cc'), path.join(SOURCE_DIR, 'json.cc'),
    path.join(SIM_DIR, '..', 'stress', 'native', 'criteria_batch.cc')],
};

export async function buildSimulator({ root }) {
  await Promise.all([...SELFTESTS, CRITERIA_BATCH].map(({ exe, sources, libs, linkArgs }) => buildExe({
    name: path.basename(exe), root, sources, libs, linkArgs, outDir: OUT_DIR, cxxflags: SIM_CXXFLAGS,
    includeDirs: [SOURCE_DIR, path.join(root, 'src')], defines: ['UNICODE', '_UNICODE', 'NOMINMAX', '_WIN32_WINNT=0x0A00'],
  })));
  const sourceDir = SOURCE_DIR;
  // The *_selftest.cc programs are Linux-side unit tests of portable parts, not part of the DLL.
  const sources = readdirSync(sourceDir).filter((f) => f.endsWith('.cc') && !f.endsWith('_selftest.cc'))
    .map((f) => path.join(sourceDir, f));
  const nodeApi = await nodeApiImportLibraries({ root, outDir: OUT_DIR });
  // The type library's table, from the SDK header and the dispatch IDs (typelib/generate.mjs).
  const generatedDir = path.join(OUT_DIR, 'generated');
  generateTypeLibraryTable({ root, outFile: path.join(generatedDir, 'typelib_table.inc') });
  return buildDll({
    name: 'wua-simulator.dll',
    root,
    sources: [...sources, path.join(root, 'src', 'napi', 'delay_load_hook.cc')],
    outDir: OUT_DIR,
    cxxflags: SIM_CXXFLAGS,
    includeDirs: [sourceDir, path.join(root, 'src'), nodeApi.includeDir, generatedDir],
    defines: ['UNICODE', '_UNICODE', 'NOMINMAX', '_WIN32_WINNT=0x0A00', 'NAPI_VERSION=8'],
    libs: [nodeApi.delayed, 'ole32', 'oleaut32', 'uuid', 'advapi32'],
    linkArgs: [path.join(SIM_DIR, 'simulator.def')],
    extraInputs: [path.join(SIM_DIR, 'simulator.def')],
  });
}

export async function registerSimulator({ env }) {
  await run('wine', ['regsvr32', '/s', toWindowsPath(SIMULATOR_DLL)], { env, quiet: true });
}
