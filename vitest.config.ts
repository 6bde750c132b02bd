import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/worker/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // Runs inside workerd (Miniflare) with wrangler.toml's bindings.
      'tests/worker/vitest.config.ts',
    ],
  },
});
