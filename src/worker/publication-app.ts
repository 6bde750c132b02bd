/**
 * The one app (http/publication-app.ts) over a publication built from Worker assets: runtime-neutral
 * (no Cache API), so the Worker, the Cron Trigger and an app mounted with
 * `createFeedApp({ assets })` share it.
 */
import type { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.ts';
import { publicationApp } from '../http/publication-app.ts';
import type { EdgePublication } from './edge-publication.ts';

/** An app answering from one fixed catalog: what the Cron Trigger renders a future instant with. */
export function appAt(edge: EdgePublication, catalog: Catalog): Hono {
  return publicationApp(edge, { catalog }).app;
}

const apps = new WeakMap<EdgePublication, Hono>();

/**
 * The app requests are served by, one per publication: the catalog of the moment of each request,
 * with what it needs fetched first.
 */
export function appFor(edge: EdgePublication): Hono {
  let app = apps.get(edge);
  if (!app) {
    app = publicationApp(edge).app;
    apps.set(edge, app);
  }
  return app;
}
