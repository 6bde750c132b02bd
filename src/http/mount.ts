/**
 * Where the feeds app is mounted in the app that routes to it (`app.route('/feeds', feeds)`), as the
 * request's routing says, and what follows from it: the path a request names below the mount, and
 * the feeds' address when nothing else sets it.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { basePath } from 'hono/route';
import type { SiteUrl } from '../core/site-url.ts';

/** The path the app handling `c` is mounted at, without a final `/`: `''` when it is not mounted. */
export function mountedAt(c: Context): string {
  return basePath(c).replace(/\/+$/, '');
}

/**
 * What is wrong with serving feeds published at `feedsUrl` from an app mounted at `mount`, or
 * undefined when nothing is: the feeds' path must end where the app is mounted (a proxy may stand
 * before it with a prefix of its own, `/blog/feeds/` served from `/feeds`).
 */
export function mountProblem(feedsUrl: SiteUrl, mount: string): string | undefined {
  if (mount === '' || feedsUrl.path.endsWith(`${mount}/`)) return undefined;
  const there = new URL(`${mount}/`, feedsUrl.origin).href;
  return `feedwright is mounted at ${mount}, but its feeds are published at ${feedsUrl.href} (feedsUrl): set feedsUrl to ${there}, or mount it at ${feedsUrl.path.replace(/\/$/, '') || '/'}`;
}

/** The feeds' address when an app mounted at `mount` serves them and no feedsUrl says otherwise. */
export function mountedFeedsUrl(siteUrl: SiteUrl, mount: string): string {
  return mount === '' ? siteUrl.href : new URL(`${mount}/`, siteUrl.origin).href;
}

/**
 * An app that starts the one that serves on the first request, once that request's routing says
 * where it is mounted (self links, the OPML and the index page are built on that address). One
 * mount: a request routed to it from another path is refused with the reason, never a silent 404.
 * A start that fails is answered with its error, and tried again at the next request.
 */
export function mountLearningApp(start: (mount: string) => Promise<Hono>): Hono {
  const app = new Hono();
  let started: { readonly mount: string; readonly app: Promise<Hono> } | undefined;
  app.all('*', async (c) => {
    const mount = mountedAt(c);
    if (started && started.mount !== mount) {
      return c.text(
        `feedwright serves its feeds at ${started.mount || '/'} (where it was first asked for them); it cannot also answer at ${mount || '/'}\n`,
        500,
        { 'Cache-Control': 'no-store' },
      );
    }
    const current = started ?? { mount, app: start(mount) };
    started = current;
    let feeds: Hono;
    try {
      feeds = await current.app;
    } catch (error) {
      if (started === current) started = undefined;
      throw error;
    }
    return feeds.fetch(c.req.raw, c.env);
  });
  app.onError((error, c) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[feedwright] ${message}`);
    return c.text(`feedwright cannot serve the feeds: ${message}\n`, 500, { 'Cache-Control': 'no-store' });
  });
  return app;
}
