/**
 * FeedCache: (catalog, scope, format) → RenderedDocument, rendered once from its source (see
 * document-source.ts). A feed whose inputs did not change across catalogs keeps its bytes and its
 * ETag; only feeds whose items changed re-render. What serves keeps one; a one-off run (`build`)
 * renders with a DocumentRenderer alone, so a large site's feeds are never all in memory together.
 */

import { historyOf, isFullPage } from '../../catalog/archives.ts';
import { allScopes, type Catalog, feedArticles, scopeArticles } from '../../catalog/catalog.ts';
import { type FeedScope, scopeKey } from '../../catalog/scope.ts';
import { LruMap } from '../../core/lru-map.ts';
import { feedPaths } from '../../feeds/feed-paths.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import { PAGES, type Page } from '../../feeds/pages.ts';
import type { RenderedDocument } from '../../feeds/rendered-document.ts';
import type { ChangeTimes } from './change-times.ts';
import { DocumentRenderer } from './document-renderer.ts';
import type { DocumentSource } from './document-source.ts';

/** A document asked for by a route that exists but that its source does not have (now): a 404. */
export class MissingDocumentError extends Error {
  override readonly name = 'MissingDocumentError';
}

/**
 * Archive pages kept for later requests, the most recently asked for. Few: a crawler may walk
 * thousands of them (1.45 GB at 10,000 articles), and a page is rarely asked for twice in a row.
 */
export const ARCHIVES_KEPT = 64;

interface Entry {
  readonly inputKey: string;
  readonly document: Promise<RenderedDocument>;
}

/** Feeds warm() renders at the same time. */
const WARM_AT_ONCE = 32;

export class FeedCache {
  readonly renderer: DocumentRenderer;
  readonly #source: DocumentSource;
  readonly #entries = new Map<string, Entry>();
  /** The hot path: documents already resolved for a catalog, so a request costs one map lookup. */
  readonly #resolved = new WeakMap<Catalog, Map<string, Promise<RenderedDocument>>>();
  /** Archive pages by key, least recently asked for first (see ARCHIVES_KEPT). */
  readonly #archives = new LruMap<string, Entry>(ARCHIVES_KEPT);
  /** When each feed's and page's bytes changed (see change-times.ts); none: no Last-Modified. */
  readonly #changes: ChangeTimes | undefined;
  /** The key of each feed and page rendered, for its change time. */
  readonly #keys = new WeakMap<RenderedDocument, string>();
  /** Feeds and pages rendered since creation (not cache hits): for logs and tests. */
  renders = 0;

  constructor(
    source: DocumentSource,
    options: { readonly renderer?: DocumentRenderer; readonly changes?: ChangeTimes } = {},
  ) {
    this.#source = source;
    this.renderer = options.renderer ?? new DocumentRenderer(source.config);
    this.#changes = options.changes;
  }

  /**
   * A document's Last-Modified, served at `now` (see change-times.ts): for feeds and pages, where this
   * cache follows their changes. Undefined for the others (views, archive pages), for a document whose
   * bytes were replaced by a catalog to be served next, and where changes are not followed (the
   * Worker: its isolates share no state, and deploys roll out and back at no instant that orders
   * them).
   */
  lastModified(document: RenderedDocument, now: number): number | undefined {
    const key = this.#keys.get(document);
    return key === undefined ? undefined : this.#changes?.since(key, document.etag, now);
  }

  /** See DocumentRenderer.feedInputKey. */
  feedInputKey(catalog: Catalog, scope: FeedScope): string | undefined {
    return this.renderer.feedInputKey(catalog, scope);
  }

  /** Archive page `page` of a scope's feed (RFC 5005), or undefined when there is no such page. */
  archive(
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
  ): Promise<RenderedDocument> | undefined {
    const history = historyOf(catalog, scope, this.renderer.config.history);
    if (!history || !Number.isInteger(page) || page < 1 || page > history.pages) return undefined;
    const key = `${scopeKey(scope)}|${format.name}|archive:${page}`;
    // What the page is made of when the catalog holds its articles; otherwise (Workers, whose assets
    // are fixed per deploy) full pages are the same bytes in every catalog.
    const inputKey =
      this.renderer.archiveInputKey(catalog, scope, page) ??
      (isFullPage(history, page) ? 'full' : catalog.version);
    return this.#keptArchive(key, inputKey, () =>
      this.#source
        .archive(catalog, scope, format, page, this.renderer)
        .then((document) => document ?? Promise.reject(new MissingDocumentError(`no archive page ${key}`))),
    );
  }

  /** An archive page from the few kept (moved to the newest end), or rendered and kept. */
  #keptArchive(
    key: string,
    inputKey: string,
    render: () => Promise<RenderedDocument>,
  ): Promise<RenderedDocument> {
    const kept = this.#archives.get(key);
    if (kept && kept.inputKey === inputKey) return kept.document;
    this.renders++;
    const document = render();
    const entry = { inputKey, document };
    this.#archives.set(key, entry);
    // A failed render must not stick: the next request tries again.
    document.catch(() => this.#archives.deleteIf(key, entry));
    return document;
  }

  /** `followed`: a feed or page, whose changes give its Last-Modified (see change-times.ts). */
  #cached(
    key: string,
    inputKey: string,
    render: () => Promise<RenderedDocument>,
    followed = false,
  ): Promise<RenderedDocument> {
    const entry = this.#entries.get(key);
    if (entry && entry.inputKey === inputKey) return entry.document;
    this.renders++;
    const changes = followed ? this.#changes : undefined;
    const document = changes
      ? render().then((rendered) => {
          changes.saw(key, rendered.etag);
          this.#keys.set(rendered, key);
          return rendered;
        })
      : render();
    this.#entries.set(key, { inputKey, document });
    // A failed render must not stick: the next request tries again.
    document.catch(() => {
      if (this.#entries.get(key)?.document === document) this.#entries.delete(key);
    });
    return document;
  }

  #memo(catalog: Catalog, key: string, resolve: () => Promise<RenderedDocument> | undefined) {
    let resolved = this.#resolved.get(catalog);
    if (!resolved) {
      resolved = new Map();
      this.#resolved.set(catalog, resolved);
    }
    const known = resolved.get(key);
    if (known) return known;
    const document = resolve();
    if (document) {
      resolved.set(key, document);
      document.catch(() => resolved.delete(key));
    }
    return document;
  }

  /** The rendered feed, or undefined when the catalog has no such scope. */
  feed(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    return this.#scoped(
      catalog,
      scope,
      `${scopeKey(scope)}|${format.name}`,
      () => this.renderer.feed(catalog, scope, format),
      true,
    );
  }

  /** The feed as an HTML page, for a person who opened its URL in a browser (see feed-view.ts). */
  view(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    return this.#scoped(catalog, scope, `${scopeKey(scope)}|${format.name}|view`, () =>
      this.renderer.view(catalog, scope, format),
    );
  }

  /**
   * A feed or its view: memoized per catalog, kept while its inputs stay the same, rendered once its
   * source has the scope's articles and the bodies it shows at hand.
   */
  #scoped(
    catalog: Catalog,
    scope: FeedScope,
    key: string,
    render: () => Promise<RenderedDocument> | undefined,
    followed = false,
  ): Promise<RenderedDocument> | undefined {
    return this.#memo(catalog, key, () => {
      if (!scopeArticles(catalog, scope)) return undefined;
      const listing = this.#source.scopeReady(catalog, scope);
      if (!listing) return this.#current(catalog, scope, key, render, followed);
      return listing.then(
        () =>
          this.#current(catalog, scope, key, render, followed) ??
          Promise.reject(new Error(`no scope ${key}`)),
      );
    });
  }

  #current(
    catalog: Catalog,
    scope: FeedScope,
    key: string,
    render: () => Promise<RenderedDocument> | undefined,
    followed: boolean,
  ): Promise<RenderedDocument> | undefined {
    const inputKey = this.renderer.feedInputKey(catalog, scope);
    if (inputKey === undefined) return undefined;
    return this.#cached(
      key,
      inputKey,
      async () => {
        await this.#source.bodiesReady(catalog, feedArticles(catalog, scope) ?? []);
        const document = render();
        if (!document) throw new Error(`scope ${scopeKey(scope)} vanished while rendering`);
        return document;
      },
      followed,
    );
  }

  /** A page of the catalog (the index, the OPML), rendered again only when what it lists changed. */
  page(catalog: Catalog, page: Page): Promise<RenderedDocument> {
    const key = `page:${page.name}`;
    const render = () =>
      this.#cached(
        key,
        this.renderer.pageInputKey(catalog, page),
        async () => this.renderer.page(catalog, page),
        true,
      );
    return this.#memo(catalog, key, render) ?? render();
  }

  /**
   * Renders every feed and page of `catalog` that is not cached yet and forgets scopes that no longer
   * exist. Returns how many were rendered.
   */
  async warm(catalog: Catalog): Promise<number> {
    const before = this.renders;
    const keep = new Set<string>(PAGES.map((page) => `page:${page.name}`));
    const pending: Promise<RenderedDocument>[] = PAGES.map((page) => this.page(catalog, page));
    const paths = feedPaths(this.renderer.config);
    // A few at a time: thousands of feeds rendered at once would all hold their text and bytes
    // together until the last ETag is hashed (an article with 5,000 tags: 620 MB at the peak).
    const rendering = new Set<Promise<unknown>>();
    for (const scope of allScopes(catalog)) {
      for (const format of new Set(paths.of(catalog, scope).map((p) => p.format))) {
        keep.add(`${scopeKey(scope)}|${format.name}`);
        const document = this.feed(catalog, scope, format);
        if (!document) continue;
        pending.push(document);
        const settled: Promise<unknown> = document.then(
          () => rendering.delete(settled),
          () => rendering.delete(settled),
        );
        rendering.add(settled);
        if (rendering.size >= WARM_AT_ONCE) await Promise.race(rendering);
      }
    }
    await Promise.all(pending);
    for (const key of this.#entries.keys()) {
      if (keep.has(key)) continue;
      this.#entries.delete(key);
      this.#changes?.forget(key);
    }
    // Every feed is rendered: their items need not all stay (see ItemMemo).
    this.renderer.trimItems();
    return this.renders - before;
  }
}
