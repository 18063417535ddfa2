// A script client (JScript under cscript.exe) driving the simulated agent through IDispatch, as
// administrators' scripts do: the simulator answers GetIDsOfNames/Invoke from the WUApiLib
// typelib. The script (scripts/search-and-install.js) prints `RESULT <json>` last.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { useScenario } from './harness.js';

const SCRIPT = path.join(__dirname, 'scripts', 'search-and-install.js');
const CSCRIPT = path.join(process.env.SystemRoot ?? 'C:\\windows', 'system32', 'cscript.exe');

const CUMULATIVE = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
const DEFENDER = '4b2d8e91-7c3a-4f1e-b5d6-2a9c8e7f6b31';
const REDIST = 'c7e1f5a2-3d9b-4e6c-8f0a-1b2c3d4e5f60';
const INSTALLED = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

interface ScriptResult {
  error?: { step: string; number: string; message: string };
  clientApplicationId: string;
  searchResultCode: number;
  found: { title: string; updateId: string; kbArticleIds: string[]; isDownloaded: boolean; isInstalled: boolean; categories: string[] }[];
  enumerator: number | string;
  chosen: string;
  download: { resultCode: number; isDownloaded: boolean };
  install: { resultCode: number; rebootRequired: boolean; updateResultCode: number; isInstalled: boolean };
  systemRebootRequired: boolean;
  productVersion: string;
  installed: string[];
  invalidCriteria: string;
}

let result: ScriptResult;

beforeAll(() => {
  useScenario('basic'); // the child inherits WUA_SIMULATOR_SCENARIO and WUA_SIMULATOR_STATE
  // No //E:JScript: Wine's cscript rejects that switch (and exits 1); the .js extension suffices.
  const run = spawnSync(CSCRIPT, ['//nologo', SCRIPT], { encoding: 'utf8', timeout: 60_000 });
  const line = run.stdout?.split(/\r?\n/).find((text) => text.startsWith('RESULT '));
  if (!line) {
    throw new Error(`no RESULT line from cscript (status ${run.status}, error ${run.error?.message}):\n${run.stdout}\n${run.stderr}`);
  }
  result = JSON.parse(line.slice('RESULT '.length)) as ScriptResult;
});

describe('a JScript client through IDispatch', () => {
  it('runs to the end without a script error', () => {
    expect(result.error).toBeUndefined();
    expect(result.clientApplicationId).toBe('dispatch script');
  });

  it('finds the pending, visible, current software updates with their properties', () => {
    expect(result.searchResultCode).toBe(2); // orcSucceeded
    expect(result.found).toEqual([
      {
        title: '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781)',
        updateId: CUMULATIVE,
        kbArticleIds: ['5068781'],
        isDownloaded: false,
        isInstalled: false,
        categories: ['Windows 10', 'Security Updates'],
      },
      {
        title: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.441.120.0)',
        updateId: DEFENDER,
        kbArticleIds: ['2267602'],
        isDownloaded: false,
        isInstalled: false,
        categories: ['Definition Updates'],
      },
      {
        title: 'Microsoft Visual C++ Redistributable License Update',
        updateId: REDIST,
        kbArticleIds: ['5012170'],
        isDownloaded: false,
        isInstalled: false,
        categories: ['Updates'],
      },
    ]);
  });

  it('downloads and installs the cumulative update, which asks for a reboot', () => {
    expect(result.chosen).toBe(CUMULATIVE);
    expect(result.download).toEqual({ resultCode: 2, isDownloaded: true });
    expect(result.install).toMatchObject({ resultCode: 2, updateResultCode: 2, rebootRequired: true, isInstalled: true });
    expect(result.systemRebootRequired).toBe(true);
    expect(result.productVersion).toBe('10.0.19041.3636');
  });

  it('finds the installed update in a later search', () => {
    expect(result.installed.sort()).toEqual([CUMULATIVE, INSTALLED].sort());
  });

  it('throws WU_E_INVALID_CRITERIA for malformed criteria', () => {
    expect(result.invalidCriteria).toBe('80240032');
  });

  // Wine's JScript asks for _NewEnum as a method only; the simulator answers it as the property
  // the typelib declares, as the real agent's collections do for every script engine.
  it('enumerates a collection with new Enumerator(...)', () => {
    expect(result.enumerator).toBe(3);
  });
});
