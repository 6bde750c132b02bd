/**
 * The Cron Trigger: when a publishDate or expiryDate passed since the previous tick, the feeds whose
 * items differ (told from the catalogs written at build time, no rendering needed) are rendered and
 * put in the edge cache. A tick in which nothing was due costs one comparison.
 */
import { allScopes, type Catalog, isCurrentAt } from '../catalog/catalog.ts';
import type { CatalogIndex, IndexTerm } from '../catalog/catalog-index.ts';
import { type FeedScope, SITE_SCOPE, scopeKey } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import { feedTitles } from '../feeds/feed-titles.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { edgeCacheKey } from './edge-app.ts';
import type { EdgePublication } from './edge-publication.ts';
import { appAt } from './publication-app.ts';

const TICK = 60_000;

/**
 * The scopes whose feeds differ between two catalogs written at build time, told apart without
 * fetching a term's heads: a term file is named after its content, the site's heads are inline.
 */
function changedScopes(
  config: SiteConfig,
  before: { readonly index: CatalogIndex; readonly catalog: Catalog },
  after: { readonly index: CatalogIndex; readonly catalog: Catalog },
): FeedScope[] {
  const scopes = changedTerms(before.index, after.index);
  // A title can change with another feed's (no two feeds share one).
  const titles = [feedTitles(before.catalog, config), feedTitles(after.catalog, config)] as const;
  for (const scope of allScopes(after.catalog)) {
    const key = scopeKey(scope);
    if (titles[0].get(key) !== titles[1].get(key) && !scopes.some((s) => scopeKey(s) === key))
      scopes.push(scope);
  }
  return scopes;
}

function changedTerms(before: CatalogIndex, after: CatalogIndex): FeedScope[] {
  const scopes: FeedScope[] = [];
  const site = (index: CatalogIndex) => JSON.stringify(index.site);
  if (site(before) !== site(after)) scopes.push(SITE_SCOPE);
  const described = (term: IndexTerm | undefined) =>
    term && JSON.stringify([term.file, term.name, term.page]);
  for (const [grouping, terms] of Object.entries(after.terms)) {
    const earlier = new Map((before.terms[grouping] ?? []).map((term) => [term.slug, term]));
    for (const term of terms) {
      if (described(term) !== described(earlier.get(term.slug)))
        scopes.push({ kind: term.kind, slug: term.slug });
    }
  }
  return scopes;
}

export async function refreshScheduledFeeds(
  edge: EdgePublication,
  scheduledTime: number,
): Promise<{ refreshed: number; version: string; topics: readonly string[] }> {
  const previousTick = scheduledTime - TICK;
  await edge.ready(previousTick);
  const first = edge.catalogAt(previousTick);
  if (isCurrentAt(first, scheduledTime)) return { refreshed: 0, version: first.version, topics: [] };
  await edge.ready(scheduledTime);
  const written = [edge.writtenAt(previousTick), edge.writtenAt(scheduledTime)];
  let now: Catalog;
  let scopes: FeedScope[];
  if (written[0] && written[1]) {
    // Both moments have a catalog written at build time: no head beyond the changed terms' is read.
    now = written[1].catalog;
    scopes = changedScopes(edge.config, written[0], written[1]);
  } else {
    const before = await edge.builtAt(previousTick);
    now = await edge.builtAt(scheduledTime);
    scopes = allScopes(now).filter(
      (scope) => edge.cache.feedInputKey(now, scope) !== edge.cache.feedInputKey(before, scope),
    );
  }
  const site = edge.config.feedsUrl;
  const app = appAt(edge, now);
  let refreshed = 0;
  const topics: string[] = [];
  for (const scope of scopes) {
    const formats = new Set<FeedFormat>();
    for (const { path, format } of feedPaths(edge.config).of(now, scope)) {
      // The first path of each format is the feed's canonical URL: WebSub's topic.
      if (!formats.has(format)) topics.push(site.resolve(path));
      formats.add(format);
      const url = new URL(site.resolve(path));
      const response = await app.fetch(new Request(url));
      await caches.default.put(edgeCacheKey(site.origin, now.version, url.pathname), response);
      refreshed++;
    }
  }
  return { refreshed, version: now.version, topics };
}
