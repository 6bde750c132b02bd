/** The Node server: a feed app (see feed-app.ts) listening on a port. */
import { serve } from '@hono/node-server';
import { type FeedAppOptions, startFeedApp } from './feed-app.ts';

export interface ServeOptions extends FeedAppOptions {
  readonly port: number;
  readonly host: string;
}

export async function startNodeServer(options: ServeOptions) {
  const feeds = await startFeedApp(options);
  const server = serve({ fetch: feeds.app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    app: feeds.app,
    publisher: feeds.publisher,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await feeds.close();
    },
  };
}
