// .github/workflows/windows.yml cannot run here (it needs a hosted Windows runner): what can be
// checked here is that it is well-formed, that every script, file and test folder it names exists,
// and that the real-agent lane starts the Windows Update service before it runs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const source = readFileSync(path.join(root, '.github', 'workflows', 'windows.yml'), 'utf8');

interface Step { name?: string; uses?: string; run?: string; shell?: string; with?: Record<string, unknown> }
interface Job { 'runs-on': string; 'timeout-minutes': number; env?: Record<string, string>; steps: Step[] }
interface Workflow { name: string; on: Record<string, unknown>; jobs: Record<string, Job> }

const document = parseDocument(source);
const workflow = document.toJS() as Workflow;
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = steps.flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()).filter(Boolean));

describe('the Windows workflow', () => {
  it('is well-formed YAML with hosted Windows jobs, bounded in time', () => {
    expect(document.errors).toEqual([]);
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(Object.keys(workflow.jobs).sort()).toEqual(['msvc', 'real-agent']);
    for (const job of Object.values(workflow.jobs)) {
      expect(job['runs-on']).toMatch(/^windows-(2022|2025|latest)$/);
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      expect(job['timeout-minutes']).toBeLessThanOrEqual(45);
      expect(job.steps.slice(0, 3).map((step) => step.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);
    }
    expect(steps.map((step) => step.uses).filter(Boolean).every((uses) => /^actions\/(checkout|setup-node)@v4$/.test(uses!))).toBe(true);
  });

  it('names only npm scripts, files and test folders that exist', () => {
    const named = { scripts: [] as string[], files: [] as string[], tests: [] as string[] };
    for (const command of commands) {
      const npmRun = /^npm run (\S+)/.exec(command);
      if (npmRun) named.scripts.push(npmRun[1]!);
      const node = /^node (\S+)/.exec(command);
      if (node) named.files.push(node[1]!);
      const vitest = /^npx vitest run (.*)$/.exec(command);
      if (vitest) {
        const words = vitest[1]!.split(/\s+/);
        words.forEach((word, i) => {
          if (word === '--config') named.files.push(words[i + 1]!);
          else if (!word.startsWith('-') && words[i - 1] !== '--config') named.tests.push(word);
        });
      }
    }
    expect(named.scripts.length).toBeGreaterThan(0);
    expect(named.files.length).toBeGreaterThan(0);
    expect(named.scripts.filter((name) => !(name in scripts))).toEqual([]);
    expect([...named.files, ...named.tests].filter((file) => !existsSync(path.join(root, file)))).toEqual([]);
    expect(named.tests.sort()).toEqual(['test/conformance', 'test/real-agent', 'test/unit']);
    // Every install builds the addon from source with node-gyp: what the workflow is for.
    const installs = commands.filter((command) => command.startsWith('npm ci') || command.startsWith('npm install'));
    expect(installs.length).toBe(2);
    expect(installs.every((command) => command.includes('--build-from-source'))).toBe(true);
  });

  it('enables and starts the Windows Update service before the real-agent lane runs, with the lane asked for', () => {
    const job = workflow.jobs['real-agent']!;
    expect(job.env?.WUA_REAL_AGENT).toBe('1');
    const start = job.steps.findIndex((step) => /Set-Service -Name wuauserv -StartupType Manual/.test(step.run ?? '')
      && /Start-Service -Name wuauserv/.test(step.run ?? ''));
    const lane = job.steps.findIndex((step) => /npx vitest run test\/real-agent/.test(step.run ?? ''));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lane).toBeGreaterThan(start);
    expect(job.steps[start]!.shell).toBe('pwsh');
  });
});
