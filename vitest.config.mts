import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fake agent's own tests run in plain Node (vitest.fake.config.mts), not under Wine.
    exclude: ['test/fake/**', '**/node_modules/**'],
    // One process per test file: the simulated agent's state is per process, and a native crash
    // takes down one file, not the run.
    pool: 'forks',
    maxWorkers: 2,
    // Tests of record lifetimes force collections.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
