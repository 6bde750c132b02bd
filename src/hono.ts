/**
 * `feedwright/hono`: every feed as a Hono app to mount in your own. On Node, Bun or Deno it reads a
 * content folder; anywhere, it can serve the assets `feedwright build-worker` prepared. (On Cloudflare
 * Workers this import resolves to hono-edge.ts, which takes only `assets`.)
 */
import type { Hono } from 'hono';
import type { FeedAppOptions } from './feed-app-options.ts';
import { keptIdsOptions } from './node/config-file.ts';
import { resolveContent } from './node/content-options.ts';
import { folderFeedApp } from './node/feed-app.ts';
import { loadPublication } from './worker/edge-publication.ts';
import { appFor } from './worker/publication-app.ts';

export type { AssetsFeedAppOptions, FeedAppOptions, FolderFeedAppOptions } from './feed-app-options.ts';

/**
 * The app that serves every feed, the index page, OPML, feeds.json and /health, with the ETags,
 * 304s and compression of `feedwright serve`. Mount it where the feeds are to be: self links follow
 * (`app.route('/feeds', …)` publishes them at `<siteUrl's origin>/feeds/`) unless `feedsUrl` says
 * where they are. From a folder, it publishes on the first request (with `feedsUrl`, at once) and
 * regenerates on the `refresh` schedule (`refresh: 'off'` publishes once).
 * @example
 * import { Hono } from 'hono';
 * import { createFeedApp } from 'feedwright/hono';
 * const app = new Hono();
 * app.route('/feeds', await createFeedApp({ content: 'content', siteUrl: 'https://example.org/' }));
 */
export async function createFeedApp(options: FeedAppOptions = {}): Promise<Hono> {
  if ('assets' in options) {
    return appFor(await loadPublication(options.assets, options.siteUrl));
  }
  const { cacheDir, watch, signal, log, ...input } = options;
  // An unset siteUrl stands in this machine's, and a placeholder (`https://example.org/`) is served
  // as given: like `serve`, the app is what a preview runs too, and it publishes nothing that
  // outlives it. The ids file is not written for either.
  const { config, contentDir, run, given } = resolveContent(input);
  const ids = keptIdsOptions(run);
  const settings = {
    ...(ids && { ids }),
    contentDir,
    config,
    ...(cacheDir !== undefined && { cacheDir }),
    ...(watch !== undefined && { watch }),
    ...(log && { log }),
  };
  return folderFeedApp(settings, { feedsUrlGiven: given.has('feedsUrl'), signal });
}
