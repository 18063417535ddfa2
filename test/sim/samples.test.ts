// Microsoft's WUA sample scripts, as call sequences: our own VBScript for each
// (scripts/samples/), run under cscript against the simulator. Wine's cscript exits 0 even when a
// script error stops a script, so each sample prints `SAMPLE-END` last and the test looks for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { useScenario } from './harness.js';

const SAMPLES = path.join(__dirname, 'scripts', 'samples');
const CSCRIPT = path.join(process.env.SystemRoot ?? 'C:\\windows', 'system32', 'cscript.exe');
const BASIC = JSON.parse(readFileSync(path.join(__dirname, 'scenarios', 'basic.json'), 'utf8'));

const MICROSOFT_UPDATE = '7971f918-a847-4430-9279-4a52d1efe18d';
const CUMULATIVE = '2026-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5068781)';
const DEFENDER = 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.441.120.0)';
const REDIST = 'Microsoft Visual C++ Redistributable License Update';

/** Runs a sample under cscript; its output lines, after checking it ran to its end. */
function runSample(name: string, ...args: string[]): string[] {
  const run = spawnSync(CSCRIPT, ['//nologo', path.join(SAMPLES, name), ...args], { encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const lines = (run.stdout ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
  expect(lines.at(-1), `${name} stopped before its end:\n${output}`).toBe('SAMPLE-END');
  expect(output).not.toMatch(/error/i);
  return lines;
}

const tagged = (lines: string[], tag: string): string[] => lines.filter((line) => line.startsWith(`${tag} `)).map((line) => line.slice(tag.length + 1));

describe("Microsoft's WUA samples, run by cscript", () => {
  it('searches, downloads and installs every pending software update, accepting the licence terms', () => {
    useScenario('basic');
    const lines = runSample('search-download-install.vbs');
    expect(tagged(lines, 'FOUND')).toEqual([CUMULATIVE, DEFENDER, REDIST]);
    expect(tagged(lines, 'EULA-ACCEPTED')).toEqual([REDIST]);
    expect(tagged(lines, 'SKIPPED-INTERACTIVE')).toEqual([]);
    expect(tagged(lines, 'DOWNLOADED')).toEqual([CUMULATIVE, DEFENDER, REDIST]);
    expect(tagged(lines, 'RESULT')).toEqual(['2']); // orcSucceeded
    expect(tagged(lines, 'REBOOT-REQUIRED')).toEqual(['True']); // the cumulative update always requires one
    expect(tagged(lines, 'UPDATE-RESULT')).toEqual([`2 ${CUMULATIVE}`, `2 ${DEFENDER}`, `2 ${REDIST}`]);
    // The installs stay: a second run finds none of them.
    const again = tagged(runSample('search-download-install.vbs'), 'FOUND');
    for (const title of [CUMULATIVE, DEFENDER, REDIST]) expect(again).not.toContain(title);
  });

  it('downloads and installs the one update named by its title, in any case', () => {
    useScenario('basic');
    const lines = runSample('specific-updates.vbs', DEFENDER.toUpperCase());
    expect(tagged(lines, 'CHOSEN')).toEqual([DEFENDER]);
    expect(tagged(lines, 'DOWNLOAD-RESULT')).toEqual(['2']);
    expect(tagged(lines, 'RESULT')).toEqual(['2']);
    expect(tagged(lines, 'REBOOT-REQUIRED')).toEqual(['False']); // it never reboots
    expect(tagged(lines, 'UPDATE-RESULT')).toEqual([`2 ${DEFENDER}`]);
    expect(runSample('specific-updates.vbs', 'No Such Update')).toContain('NOT-FOUND No Such Update');
  });

  it('scans offline with a scan package service, and finds only what the package offers', () => {
    const cumulativeId = '9f3e2a71-0b4c-4d8e-8a61-3c5b7d9e1f20';
    const installedId = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
    useScenario({ ...BASIC, name: 'samples-offline-scan', scanPackages: { 'wsusscn2.cab': { updates: [cumulativeId, installedId] } } });
    const cab = path.join(mkdtempSync(path.join(os.tmpdir(), 'wua-sample-')), 'wsusscn2.cab');
    writeFileSync(cab, 'scan package'); // its content is never read
    const lines = runSample('offline-scan.vbs', cab);
    const [service] = tagged(lines, 'SERVICE');
    expect(service).toMatch(/^[0-9a-f-]{36} True$/);
    expect(tagged(lines, 'FOUND')).toEqual([CUMULATIVE]); // the package's other update is installed
  });

  it('opts in to Microsoft Update with AddService2 and registers it with Automatic Updates', () => {
    useScenario('basic');
    const lines = runSample('opt-in-microsoft-update.vbs');
    expect(tagged(lines, 'REGISTRATION')).toEqual([`3 ${MICROSOFT_UPDATE} False`]); // usrsRegistered
    expect(tagged(lines, 'SERVICE').filter((line) => line.startsWith(MICROSOFT_UPDATE))).toEqual([`${MICROSOFT_UPDATE} Microsoft Update True True`]);
  });
});
