import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['test/setup/shared-fixtures.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine.
    // Many files wait on dynalite, Chromium or child processes, so two workers finish the suite
    // in 309 s instead of 399 s there (same tests, all passing). Bigger machines keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        // Most files share their worker's loaded modules (AWS SDK, Lunr, the app): importing them
        // anew for every file cost more than half the run. Such files must leave no global state.
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/lambda/**'],
          isolate: false,
        },
      },
      {
        // Lambda handler modules build their app once per process (as a Lambda does): each test
        // file gets a fresh module graph, like a fresh execution environment.
        extends: true,
        test: { name: 'lambda', include: ['test/integration/lambda/**/*.test.ts'], isolate: true },
      },
    ],
  },
});
