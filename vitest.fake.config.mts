import { defineConfig } from 'vitest/config';

// The conformance suite against the fake agent, in plain Node on any OS (npm test runs it after
// the simulator's run under Wine), and the fake's own tests.
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts', 'test/fake/**/*.test.ts'],
    env: { WUA_TEST_BACKEND: 'fake' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
