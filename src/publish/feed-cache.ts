/**
 * FeedCache: (catalog, scope, format) → RenderedDocument, rendered once. A feed whose inputs did not
 * change across catalogs keeps its bytes and its ETag; only feeds whose items changed re-render.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { headsDigest, scopeArticles, shownArticles } from '../catalog/catalog.ts';
import type { FeedScope } from '../catalog/scope.ts';
import { SITE_SCOPE, scopeKey, TAXONOMIES } from '../catalog/scope.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead } from '../content/article.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { FORMATS } from '../feeds/formats.ts';
import { buildFeedModel, type ItemContext, itemContext } from '../feeds/model.ts';
import { catalogUpdated, renderIndexPage, renderOpml } from '../feeds/pages.ts';
import { type RenderedDocument, renderedDocument } from '../feeds/rendered-document.ts';

export type PageName = 'index' | 'opml';

const PAGES: Record<
  PageName,
  { contentType: string; render: (catalog: Catalog, config: SiteConfig) => string }
> = {
  index: { contentType: 'text/html; charset=utf-8', render: renderIndexPage },
  opml: { contentType: 'text/x-opml; charset=utf-8', render: renderOpml },
};

/** Every scope of a catalog: the site, then each term of each taxonomy. */
export function allScopes(catalog: Catalog): FeedScope[] {
  return [
    SITE_SCOPE,
    ...TAXONOMIES.flatMap((t) =>
      [...catalog.terms[t.kind].keys()].map((slug): FeedScope => ({ kind: t.kind, slug })),
    ),
  ];
}

interface Entry {
  readonly inputKey: string;
  readonly document: Promise<RenderedDocument>;
}

export class FeedCache {
  readonly #config: SiteConfig;
  readonly #context: ItemContext;
  readonly #entries = new Map<string, Entry>();
  /** The hot path: documents already resolved for a catalog, so a request costs one map lookup. */
  #resolved = new WeakMap<Catalog, Map<string, Promise<RenderedDocument>>>();
  /**
   * Rendered items by article and format. An article's head is a new object whenever anything about it
   * changes, so a stale item can never be found; unchanged articles keep theirs across catalogs.
   */
  #items = new WeakMap<ArticleHead, Partial<Record<FeedFormat['name'], string>>>();
  /** Feeds and pages rendered since creation (not cache hits): for logs and tests. */
  renders = 0;

  readonly #loadBodies: ((heads: readonly ArticleHead[]) => Promise<void>) | undefined;
  readonly #loadScope: ((catalog: Catalog, scope: FeedScope) => Promise<void>) | undefined;
  readonly #retain: boolean;

  /**
   * @param options.loadBodies Makes the bodies of `heads` available in the catalog before a feed is
   * rendered, for runtimes that fetch pre-rendered bodies on demand (Workers). Not needed on Node.
   * @param options.loadScope Makes a scope's articles available in the catalog before its feed's
   * inputs are read, for catalogs whose lists are fetched on demand (Workers). Not needed on Node.
   * @param options.retain Keep rendered documents for later requests. `build` writes each one once
   * and lets it go, so a large site's feeds are never all in memory together. @default true
   */
  constructor(
    config: SiteConfig,
    options: {
      loadBodies?: (heads: readonly ArticleHead[]) => Promise<void>;
      loadScope?: (catalog: Catalog, scope: FeedScope) => Promise<void>;
      retain?: boolean;
    } = {},
  ) {
    this.#config = config;
    this.#context = itemContext(config);
    this.#loadBodies = options.loadBodies;
    this.#loadScope = options.loadScope;
    this.#retain = options.retain ?? true;
  }

  #item(format: FeedFormat, head: ArticleHead, render: () => string): string {
    let items = this.#items.get(head);
    if (!items) {
      items = {};
      this.#items.set(head, items);
    }
    const rendered = items[format.name] ?? render();
    items[format.name] = rendered;
    return rendered;
  }

  /**
   * What a feed is made of, without rendering it: the items' sources, permalinks, ids and
   * translations, and the scope's name. Everything else in a feed derives from these and the config.
   */
  feedInputKey(catalog: Catalog, scope: FeedScope): string | undefined {
    const shown = shownArticles(catalog, scope, this.#config.itemLimit);
    if (!shown) return undefined;
    const name = scope.kind === 'site' ? '' : catalog.terms[scope.kind].get(scope.slug)?.name;
    return headsDigest(shown, `${scopeKey(scope)}\u0000${name}`);
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
    const key = `${scopeKey(scope)}|${format.name}`;
    const loadScope = this.#loadScope;
    if (!loadScope) return this.#memo(catalog, key, () => this.#renderFeed(catalog, scope, format, key));
    return this.#memo(catalog, key, () => {
      if (!scopeArticles(catalog, scope)) return undefined;
      return loadScope(catalog, scope).then(
        () => this.#renderFeed(catalog, scope, format, key) ?? Promise.reject(new Error(`no scope ${key}`)),
      );
    });
  }

  #renderFeed(catalog: Catalog, scope: FeedScope, format: FeedFormat, key: string) {
    const inputKey = this.feedInputKey(catalog, scope);
    if (inputKey === undefined) return undefined;
    return this.#cached(key, inputKey, async () => {
      await this.#loadBodies?.(shownArticles(catalog, scope, this.#config.itemLimit) ?? []);
      const model = buildFeedModel(catalog, scope, this.#config);
      if (!model) throw new Error(`scope ${scopeKey(scope)} vanished while rendering`);
      const items = model.items.map((item, i) =>
        this.#item(format, model.articles[i] as ArticleHead, () => format.item(item, this.#context)),
      );
      return renderedDocument(
        format.document(model, model.feedBaseUrl + format.file, items),
        format.contentType,
        model.updated,
      );
    });
  }

  page(catalog: Catalog, name: PageName): Promise<RenderedDocument> {
    const page = PAGES[name];
    return this.#memo(catalog, `page:${name}`, () =>
      this.#cached(`page:${name}`, catalog.version, () =>
        renderedDocument(page.render(catalog, this.#config), page.contentType, catalogUpdated(catalog)),
      ),
    ) as Promise<RenderedDocument>;
  }

  /**
   * Renders every feed and page of `catalog` that is not cached yet and forgets scopes that no longer
   * exist. Returns how many were rendered.
   */
  async warm(catalog: Catalog): Promise<number> {
    const before = this.renders;
    const keep = new Set<string>(['page:index', 'page:opml']);
    const pending: Promise<RenderedDocument>[] = [this.page(catalog, 'index'), this.page(catalog, 'opml')];
    for (const scope of allScopes(catalog)) {
      for (const format of FORMATS) {
        keep.add(`${scopeKey(scope)}|${format.name}`);
        const document = this.feed(catalog, scope, format);
        if (document) pending.push(document);
      }
    }
    await Promise.all(pending);
    for (const key of this.#entries.keys()) if (!keep.has(key)) this.#entries.delete(key);
    return this.renders - before;
  }
}
