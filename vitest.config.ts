import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run if a test leaves a process behind (see the file).
    globalSetup: ['tests/leftovers.setup.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.workerd.test.ts'],
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
