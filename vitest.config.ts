import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: what runs the built CLI or Worker bundle, child processes, servers on real
 * timers, a browser. Named `*.e2e.test.ts` (and `*.browser.test.ts`); every other Node test is a unit
 * test (tests/test-split.test.ts keeps it so).
 */
const E2E = ['tests/**/*.e2e.test.ts', 'tests/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    // Fails the run if a test leaves a process behind (see the file).
    globalSetup: ['tests/leftovers.setup.ts'],
    // vitest's default is one file fewer than the cores: one at a time on 2 cores. The end-to-end
    // tests spend most of their time waiting on the processes and servers they start, so files run
    // at least two at a time (on 2 cores under load: 224 s instead of 309 s for npm test).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        // `npm run test:unit`: no build, no processes.
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...E2E, 'tests/**/*.workerd.test.ts'],
          // Each worker imports the sources once for all its files, not once per file: half the
          // time of the loop. Unit tests keep no state between files (a spy is restored).
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: E2E,
          // The test run's one build, before the first e2e test.
          globalSetup: ['tests/build.setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // `*.workerd.test.ts` run inside workerd (Miniflare) with wrangler.toml's bindings.
      'tests/vitest.workerd.config.ts',
      // `*.hub.workerd.test.ts`: a Worker whose config names a WebSub hub.
      'tests/vitest.workerd-hub.config.ts',
    ],
  },
});
