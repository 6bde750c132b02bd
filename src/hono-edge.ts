/**
 * `feedwright/hono` on Cloudflare Workers (the `workerd` export condition): the same createFeedApp,
 * serving the assets `feedwright build-worker` prepared. A Worker cannot read a content folder.
 */
import type { Hono } from 'hono';
import type { FeedAppOptions } from './feed-app-options.ts';
import { loadPublication } from './worker/edge-publication.ts';
import { appFor } from './worker/publication-app.ts';

export type { AssetsFeedAppOptions, FeedAppOptions, FolderFeedAppOptions } from './feed-app-options.ts';

/** See hono.ts. On Workers, pass `{ assets: env.ASSETS }`. */
export async function createFeedApp(options: FeedAppOptions): Promise<Hono> {
  if (!('assets' in options)) {
    throw new Error(
      'feedwright on Workers serves prepared assets: run `feedwright build-worker` and pass { assets: env.ASSETS }',
    );
  }
  return appFor(await loadPublication(options.assets, options.siteUrl));
}
