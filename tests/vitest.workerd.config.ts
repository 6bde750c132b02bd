import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [cloudflareTest({ wrangler: { configPath: '../wrangler.toml' } })],
  test: {
    name: 'workerd',
    include: ['**/*.workerd.test.ts'],
    // wrangler.toml's assets (dist/worker-assets) come from the test run's one build.
    globalSetup: ['./build.setup.ts'],
    exclude: ['**/*.hub.workerd.test.ts'],
    testTimeout: 30_000,
  },
});
