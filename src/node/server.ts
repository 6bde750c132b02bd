/**
 * The Node server: a feed app (see feed-app.ts) listening on a port. It listens first, so a port in
 * use or a wrong host is said in one line before any work, and answers 503 until the first
 * regeneration is done: an empty feed is never served as if it were the site's.
 */
import { type FolderAppSettings, type RunningFeedApp, startFeedApp } from './feed-app.ts';
import { listen } from './listen.ts';

export interface ServeOptions extends FolderAppSettings {
  readonly port: number;
  readonly host: string;
}

const starting = () =>
  new Response('Starting: the feeds are being published\n', {
    status: 503,
    headers: { 'Retry-After': '1', 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });

export async function startNodeServer(options: ServeOptions) {
  let feeds: RunningFeedApp | undefined;
  const server = await listen(
    (request) => (feeds ? feeds.app.fetch(request) : starting()),
    options.port,
    options.host,
    (request, response) => feeds?.lane(request, response) ?? false,
  );
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    feeds = await startFeedApp(options);
  } catch (error) {
    await stop();
    throw error;
  }
  const running = feeds;
  return {
    app: running.app,
    publisher: running.publisher,
    server,
    async close() {
      await stop();
      await running.close();
    },
  };
}
