// A second workerd project: a Worker built from tests/fixtures/worker-websub (its config names a
// WebSub hub). Outbound requests leave workerd for a recorder in this (Node) process; the test reads
// what it recorded through the HUB_LOG service binding.
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

const received: string[] = [];
let failuresLeft = 1;

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './fixtures/worker-websub/wrangler.toml' },
      miniflare: {
        // The hub: refuses its first request (the Worker must retry), records the rest.
        async outboundService(request) {
          if (failuresLeft-- > 0) return new Response('busy', { status: 503 });
          const body = await request.text();
          // As strict as Flask-WebSub: a publish ping without hub.topic is refused.
          if (!new URLSearchParams(body).get('hub.topic'))
            return new Response('Missing form argument: hub.topic\n', { status: 400 });
          received.push(`${request.method} ${request.url} ${body}`);
          return new Response(null, { status: 204 });
        },
        serviceBindings: {
          HUB_LOG: async () => Response.json(received.splice(0)),
        },
      },
    }),
  ],
  test: {
    name: 'workerd-hub',
    include: ['**/*.hub.workerd.test.ts'],
    // The fixture's assets are built with the CLI of the test run's one build.
    globalSetup: ['./build.setup.ts', './worker/websub-assets.setup.ts'],
    testTimeout: 30_000,
  },
});
