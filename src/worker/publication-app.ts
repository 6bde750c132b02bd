/**
 * The Hono apps of a publication built from Worker assets: runtime-neutral (no Cache API), so the
 * Worker, the Cron Trigger and an app mounted with `createFeedApp({ assets })` share them.
 */
import { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.ts';
import { createApp } from '../http/app.ts';
import type { EdgePublication } from './edge-publication.ts';

type App = ReturnType<typeof createApp>;

/** The feeds that moved, as build-worker recorded them. */
const redirectsOf = (edge: EdgePublication) => {
  const redirects = edge.snapshot.redirects ?? {};
  return () => redirects;
};

/** An app answering from one fixed catalog: what the Cron Trigger renders a future instant with. */
export function appAt(edge: EdgePublication, catalog: Catalog): App {
  return createApp({
    config: edge.config,
    catalog: () => catalog,
    cache: edge.cache,
    redirects: redirectsOf(edge),
  });
}

const apps = new WeakMap<EdgePublication, App>();

/** The app requests are served by: the catalog of the moment of each request. */
export function appFor(edge: EdgePublication): App {
  let app = apps.get(edge);
  if (!app) {
    app = createApp({
      config: edge.config,
      catalog: () => edge.catalogAt(Date.now()),
      cache: edge.cache,
      redirects: redirectsOf(edge),
      health: () => ({
        ok: true,
        runtime: 'workers',
        articles: edge.catalogAt(Date.now()).articleCount,
        catalog: edge.catalogSource(Date.now()),
        problems: edge.snapshot.problems,
      }),
    });
    apps.set(edge, app);
  }
  return app;
}

/** An app for mounting: it fetches what the moment's catalog needs before each request. */
export function mountableApp(edge: EdgePublication): Hono {
  const app = new Hono();
  app.use(async (_c, next) => {
    await edge.ready(Date.now());
    await next();
  });
  app.route('/', appFor(edge));
  return app;
}
