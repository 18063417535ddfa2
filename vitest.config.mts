import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fake agent's own tests run in plain Node (vitest.fake.config.mts), not under Wine.
    exclude: ['test/fake/**', '**/node_modules/**',
      // The real-agent lane (WUA_REAL_AGENT=1 on Windows) is for a real agent, which the simulator under Wine is not.
      ...(process.env.WUA_TEST_RIG === 'wine' ? ['test/real-agent/**'] : [])],
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
