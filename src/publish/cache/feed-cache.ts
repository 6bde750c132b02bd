/**
 * FeedCache: (catalog, scope, format) → RenderedDocument, rendered once. A feed whose inputs did not
 * change across catalogs keeps its bytes and its ETag; only feeds whose items changed re-render.
 */

import { archiveArticles, historyOf, isComplete, isFullPage } from '../../catalog/archives.ts';
import {
  allScopes,
  type BodyLookup,
  type Catalog,
  feedArticles,
  scopeArticles,
} from '../../catalog/catalog.ts';
import { headsDigest } from '../../catalog/digest.ts';
import { type FeedScope, scopeKey } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead } from '../../content/article.ts';
import { LruMap } from '../../core/lru-map.ts';
import { fitFeed } from '../../feeds/feed-fit.ts';
import type { FeedLinks } from '../../feeds/feed-links.ts';
import { archivePath, feedPaths } from '../../feeds/feed-paths.ts';
import { renderFeedView } from '../../feeds/feed-view.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import { buildFeedModel, type FeedModel, type ItemContext, itemContext } from '../../feeds/model.ts';
import { PAGES, type Page } from '../../feeds/pages.ts';
import { type RenderedDocument, renderedDocument } from '../../feeds/rendered-document.ts';

const VIEW_CONTENT_TYPE = 'text/html; charset=utf-8';

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

export interface FeedCacheOptions {
  /**
   * Makes the bodies of `heads` available in the catalog before a feed is rendered, for runtimes
   * that fetch pre-rendered bodies on demand (Workers). Not needed on Node.
   */
  readonly loadBodies?: (heads: readonly ArticleHead[], catalog: Catalog) => Promise<void>;
  /**
   * The bodies of an archive page's articles, without adding them to the catalog: a server asked for
   * every page of a long history must not end up holding every body. Without it, loadBodies.
   */
  readonly archiveBodies?: (heads: readonly ArticleHead[], catalog: Catalog) => Promise<BodyLookup>;
  /**
   * Makes a scope's articles available in the catalog before its feed's inputs are read, for
   * catalogs whose lists are fetched on demand (Workers). Not needed on Node.
   */
  readonly loadScope?: (catalog: Catalog, scope: FeedScope) => Promise<void>;
  /**
   * Archive pages rendered elsewhere (at build time, for Workers, whose catalogs hold neither every
   * head nor every body); without it they are rendered from the catalog. Undefined for no such page.
   */
  readonly loadArchive?: (
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
  ) => Promise<RenderedDocument | undefined>;
  /**
   * Keep rendered documents for later requests. `build` writes each one once and lets it go, so a
   * large site's feeds are never all in memory together. @default true
   */
  readonly retain?: boolean;
}

/** Feeds warm() renders at the same time. */
const WARM_AT_ONCE = 32;

export class FeedCache {
  readonly #config: SiteConfig;
  readonly #context: ItemContext;
  readonly #entries = new Map<string, Entry>();
  /** The hot path: documents already resolved for a catalog, so a request costs one map lookup. */
  readonly #resolved = new WeakMap<Catalog, Map<string, Promise<RenderedDocument>>>();
  /**
   * Rendered items by article and format. An article's head is a new object whenever anything about it
   * changes, so a stale item can never be found; unchanged articles keep theirs across catalogs.
   */
  readonly #items = new WeakMap<ArticleHead, Map<string, string>>();
  /** Archive pages by key, least recently asked for first (see ARCHIVES_KEPT). */
  readonly #archives = new LruMap<string, Entry>(ARCHIVES_KEPT);
  readonly #options: FeedCacheOptions;
  /** Feeds and pages rendered since creation (not cache hits): for logs and tests. */
  renders = 0;

  constructor(config: SiteConfig, options: FeedCacheOptions = {}) {
    this.#config = config;
    this.#context = itemContext(config);
    this.#options = options;
  }

  get #retain(): boolean {
    return this.#options.retain ?? true;
  }

  /** `variant`: what else the item's bytes depend on (the format, and whether it is summary-only). */
  #item(head: ArticleHead, variant: string, render: () => string): string {
    let items = this.#items.get(head);
    if (!items) {
      items = new Map();
      this.#items.set(head, items);
    }
    let rendered = items.get(variant);
    if (rendered === undefined) {
      rendered = render();
      items.set(variant, rendered);
    }
    return rendered;
  }

  /**
   * What a feed is made of, without rendering it: the items' sources, permalinks, ids and
   * translations, and the scope's name. Everything else in a feed derives from these and the config.
   */
  feedInputKey(catalog: Catalog, scope: FeedScope): string | undefined {
    const shown = feedArticles(catalog, scope);
    if (!shown) return undefined;
    const name = scope.kind === 'site' ? '' : catalog.terms[scope.kind]?.get(scope.slug)?.name;
    // How many archive pages there are shows in the feed (its prev-archive link, fh:complete).
    const history = historyOf(catalog, scope, this.#config.history);
    const links = `${history?.pages}:${isComplete(history)}`;
    return headsDigest(shown, `${scopeKey(scope)}\u0000${name}\u0000${links}`);
  }

  /** What an archive page is made of: its articles, its number and whether a newer page exists. */
  archiveInputKey(catalog: Catalog, scope: FeedScope, page: number): string | undefined {
    const history = historyOf(catalog, scope, this.#config.history);
    const articles = archiveArticles(catalog, scope, page, this.#config.history);
    if (!history || !articles) return undefined;
    return headsDigest(articles, `${scopeKey(scope)}\u0000archive:${page}\u0000${page < history.pages}`);
  }

  /** Archive page `page` of a scope's feed (RFC 5005), or undefined when there is no such page. */
  archive(
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
  ): Promise<RenderedDocument> | undefined {
    const key = `${scopeKey(scope)}|${format.name}|archive:${page}`;
    const loadArchive = this.#options.loadArchive;
    if (loadArchive) {
      const history = historyOf(catalog, scope, this.#config.history);
      if (!history || page < 1 || page > history.pages) return undefined;
      // What the page is made of when the catalog holds its articles (serve --workers); otherwise
      // (Workers, whose assets are fixed per deploy) full pages are the same bytes in every catalog.
      const inputKey =
        this.archiveInputKey(catalog, scope, page) ?? (isFullPage(history, page) ? 'full' : catalog.version);
      return this.#keptArchive(key, inputKey, () =>
        loadArchive(catalog, scope, format, page).then(
          (document) => document ?? Promise.reject(new MissingDocumentError(`no archive page ${key}`)),
        ),
      );
    }
    const history = historyOf(catalog, scope, this.#config.history);
    const articles = archiveArticles(catalog, scope, page, this.#config.history);
    if (!history || !articles) return undefined;
    const full = isFullPage(history, page);
    const inputKey = this.archiveInputKey(catalog, scope, page) ?? '';
    return this.#keptArchive(key, inputKey, async () => {
      const bodies = await this.#archiveBodies(articles, catalog);
      // An article whose body cannot be rendered is left off its page (its neighbours stay put).
      const rendered = articles.filter((head) => bodies.get(head.path) !== undefined);
      const model = buildFeedModel(
        bodies === catalog.bodies ? catalog : { ...catalog, bodies },
        scope,
        this.#config,
        rendered,
      );
      if (!model) throw new Error(`scope ${scopeKey(scope)} vanished while rendering`);
      const links = this.#links(catalog, scope, format, model, page);
      // Its items are not kept either: most articles of a long history are in no feed.
      const items = this.#renderItems(model, format, false);
      // A page that had to leave out an article (its body failed, or its file was being edited)
      // is not final: it must not be cached for a year.
      const final = full && rendered.length === articles.length;
      return renderedDocument(format.document(model, links, items), format.contentType, model.updated, {
        selfUrl: links.self,
        maxAge: final ? undefined : model.pollSeconds,
        immutable: final,
      });
    });
  }

  async #archiveBodies(heads: readonly ArticleHead[], catalog: Catalog): Promise<BodyLookup> {
    const { archiveBodies, loadBodies } = this.#options;
    if (archiveBodies) return archiveBodies(heads, catalog);
    await loadBodies?.(heads, catalog);
    return catalog.bodies;
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
    if (!this.#retain) return document;
    const entry = { inputKey, document };
    this.#archives.set(key, entry);
    // A failed render must not stick: the next request tries again.
    document.catch(() => this.#archives.deleteIf(key, entry));
    return document;
  }

  /**
   * Every rendered item of a model, each remembered by article, format and summary-only (`keep`), or
   * taken from there when it already is.
   */
  #renderItems(model: FeedModel, format: FeedFormat, keep = true): string[] {
    return model.items.map((item, i) => {
      const head = model.articles[i];
      const render = () => format.item(item, this.#context);
      const variant = item.contentHtml === undefined ? `${format.name}/summary` : format.name;
      if (!head) return render();
      return keep ? this.#item(head, variant, render) : (this.#items.get(head)?.get(variant) ?? render());
    });
  }

  /** Item `index` of a model with its summary only (to fit the byte budget), remembered as a summary-only one. */
  #summaryItem(model: FeedModel, format: FeedFormat, index: number): string {
    const item = model.items[index];
    const head = model.articles[index];
    if (!item) throw new Error(`no item ${index}`);
    const render = () => format.item({ ...item, contentHtml: undefined }, this.#context);
    return head ? this.#item(head, `${format.name}/summary`, render) : render();
  }

  /** A document's links: itself, and its history (RFC 5005) in the same format. */
  #links(catalog: Catalog, scope: FeedScope, format: FeedFormat, model: FeedModel, page?: number): FeedLinks {
    const current = this.#selfUrl(catalog, scope, format, model);
    const history = historyOf(catalog, scope, this.#config.history);
    const pages = history?.pages ?? 0;
    const archive = (k: number) => this.#config.feedsUrl.resolve(archivePath(scope, k, format));
    if (page === undefined) {
      return {
        self: current,
        ...(pages > 0 && { prevArchive: archive(pages) }),
        archive: false,
        complete: isComplete(history),
      };
    }
    return {
      self: archive(page),
      current,
      ...(page > 1 && { prevArchive: archive(page - 1) }),
      ...(page < pages && { nextArchive: archive(page + 1) }),
      archive: true,
      complete: false,
    };
  }

  #cached(key: string, inputKey: string, render: () => Promise<RenderedDocument>): Promise<RenderedDocument> {
    const entry = this.#entries.get(key);
    if (entry && entry.inputKey === inputKey) return entry.document;
    this.renders++;
    const document = render();
    if (!this.#retain) return document;
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
    if (document && this.#retain) {
      resolved.set(key, document);
      document.catch(() => resolved.delete(key));
    }
    return document;
  }

  /** The rendered feed, or undefined when the catalog has no such scope. */
  feed(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    return this.#scoped(catalog, scope, `${scopeKey(scope)}|${format.name}`, (key) =>
      this.#renderFeed(catalog, scope, format, key),
    );
  }

  /** The feed as an HTML page, for a person who opened its URL in a browser (see feed-view.ts). */
  view(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    return this.#scoped(catalog, scope, `${scopeKey(scope)}|${format.name}|view`, (key) => {
      const inputKey = this.feedInputKey(catalog, scope);
      if (inputKey === undefined) return undefined;
      return this.#cached(key, inputKey, async () => {
        const model = await this.#model(catalog, scope);
        const selfUrl = this.#selfUrl(catalog, scope, format, model);
        return renderedDocument(renderFeedView(model, selfUrl, format), VIEW_CONTENT_TYPE, model.updated);
      });
    });
  }

  /** Memoized per catalog; on Workers, the scope's articles are fetched first. */
  #scoped(
    catalog: Catalog,
    scope: FeedScope,
    key: string,
    render: (key: string) => Promise<RenderedDocument> | undefined,
  ): Promise<RenderedDocument> | undefined {
    const loadScope = this.#options.loadScope;
    if (!loadScope) return this.#memo(catalog, key, () => render(key));
    return this.#memo(catalog, key, () => {
      if (!scopeArticles(catalog, scope)) return undefined;
      return loadScope(catalog, scope).then(
        () => render(key) ?? Promise.reject(new Error(`no scope ${key}`)),
      );
    });
  }

  async #model(catalog: Catalog, scope: FeedScope): Promise<FeedModel> {
    await this.#options.loadBodies?.(feedArticles(catalog, scope) ?? [], catalog);
    const model = buildFeedModel(catalog, scope, this.#config);
    if (!model) throw new Error(`scope ${scopeKey(scope)} vanished while rendering`);
    return model;
  }

  /** The self link names the feed's canonical path (a generator's, where the site had one). */
  #selfUrl(catalog: Catalog, scope: FeedScope, format: FeedFormat, model: FeedModel): string {
    const canonical = feedPaths(this.#config)
      .of(catalog, scope)
      .find((p) => p.format === format);
    return canonical ? this.#config.feedsUrl.resolve(canonical.path) : model.feedBaseUrl + format.file;
  }

  #renderFeed(catalog: Catalog, scope: FeedScope, format: FeedFormat, key: string) {
    const inputKey = this.feedInputKey(catalog, scope);
    if (inputKey === undefined) return undefined;
    return this.#cached(key, inputKey, async () => {
      const model = await this.#model(catalog, scope);
      const items = this.#renderItems(model, format);
      const links = this.#links(catalog, scope, format, model);
      const fitted = fitFeed(model, items, this.#config.maxFeedBytes, {
        document: (m, shown) => format.document(m, links, shown),
        summaryItem: (index) => this.#summaryItem(model, format, index),
      });
      return renderedDocument(fitted.text, format.contentType, fitted.model.updated, {
        selfUrl: links.self,
        maxAge: fitted.model.pollSeconds,
        ...(fitted.fit && { fit: fitted.fit }),
      });
    });
  }

  /** A page of the catalog (the index, the OPML), rendered once per catalog version. */
  page(catalog: Catalog, page: Page): Promise<RenderedDocument> {
    const key = `page:${page.name}`;
    const render = () =>
      this.#cached(key, catalog.version, () =>
        renderedDocument(page.render(catalog, this.#config), page.contentType, catalog.updated),
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
    const paths = feedPaths(this.#config);
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
    for (const key of this.#entries.keys()) if (!keep.has(key)) this.#entries.delete(key);
    return this.renders - before;
  }
}
