/**
 * Every document of a catalog, rendered: feeds (fitted to the byte budget), their HTML views, archive
 * pages (RFC 5005) and the pages beside them. Rendering keeps nothing but each article's rendered
 * items, which it keeps across catalogs: the FeedCache keeps documents for serving, while `build`,
 * the API and the Worker's assets write each one once and let it go.
 */
import { archiveArticles, historyOf, isComplete } from '../../catalog/archives.ts';
import { type BodyLookup, type Catalog, feedArticles, type SummaryLookup } from '../../catalog/catalog.ts';
import { headsDigest } from '../../catalog/digest.ts';
import { type FeedScope, scopeKey } from '../../catalog/scope.ts';
import { termOfScope } from '../../catalog/terms.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead } from '../../content/article.ts';
import type { ArticleBody, ArticleSummary } from '../../content/render/article-body.ts';
import { hashText } from '../../core/hash.ts';
import { fitFeed } from '../../feeds/feed-fit.ts';
import type { FeedLinks } from '../../feeds/feed-links.ts';
import { archivePath, feedPaths } from '../../feeds/feed-paths.ts';
import { feedTitle } from '../../feeds/feed-titles.ts';
import { renderFeedView } from '../../feeds/feed-view.ts';
import type { FeedFormat } from '../../feeds/formats.ts';
import {
  buildFeedModel,
  type FeedModel,
  type ItemContext,
  itemContext,
  type PageArticles,
} from '../../feeds/model.ts';
import type { Page } from '../../feeds/pages.ts';
import { type RenderedDocument, renderedDocument } from '../../feeds/rendered-document.ts';
import { ItemMemo } from './item-memo.ts';

const VIEW_CONTENT_TYPE = 'text/html; charset=utf-8';

/** Characters of rendered items kept once the feeds of a catalog are rendered (see ItemMemo). */
const ITEM_CHARACTERS = 8_000_000;

const isWhole = (body: ArticleSummary | ArticleBody | undefined): body is ArticleBody =>
  body !== undefined && 'contentHtml' in body;

const whole = (body: ArticleSummary | ArticleBody | undefined): ArticleBody | undefined =>
  isWhole(body) ? body : undefined;

export class DocumentRenderer {
  readonly config: SiteConfig;
  readonly #context: ItemContext;
  /**
   * Rendered items by article and format. An article's head is a new object whenever anything about it
   * changes, so a stale item can never be found; unchanged articles keep theirs across catalogs.
   */
  readonly #items = new ItemMemo(ITEM_CHARACTERS);
  /** feedInputKey's answers, by catalog and scope. */
  readonly #feedKeys = new WeakMap<Catalog, Map<string, string | undefined>>();
  /** pageInputKey's digest of each catalog's feeds. */
  readonly #shapes = new WeakMap<Catalog, string>();

  /** Documents hashed for their ETag: all but those `build` only writes to files. */
  readonly #etags: boolean;

  constructor(config: SiteConfig, options: { readonly etags?: boolean } = {}) {
    this.config = config;
    this.#context = itemContext(config);
    this.#etags = options.etags ?? true;
  }

  #document(text: string, contentType: string, feed?: Parameters<typeof renderedDocument>[2]) {
    return renderedDocument(text, contentType, feed, { etag: this.#etags });
  }

  /**
   * What a feed is made of, without rendering it: the items' sources, permalinks, ids and
   * translations, the feed's title and its term's page. Everything else in a feed derives from these
   * and the config.
   */
  feedInputKey(catalog: Catalog, scope: FeedScope): string | undefined {
    let keys = this.#feedKeys.get(catalog);
    if (!keys) {
      keys = new Map();
      this.#feedKeys.set(catalog, keys);
    }
    const key = scopeKey(scope);
    // Asked for each format of each feed, and again by every request that renders one.
    if (keys.has(key)) return keys.get(key);
    const inputs = this.#feedInputKey(catalog, scope);
    keys.set(key, inputs);
    return inputs;
  }

  #feedInputKey(catalog: Catalog, scope: FeedScope): string | undefined {
    const shown = feedArticles(catalog, scope);
    if (!shown) return undefined;
    const page = termOfScope(catalog.terms, scope)?.page;
    // The title depends on every other feed's (no two are alike); the term's page names and
    // describes it. How many archive pages there are shows in the feed (its prev-archive link,
    // fh:complete).
    const title = feedTitle(catalog, this.config, scope);
    const history = historyOf(catalog, scope, this.config.history);
    const links = `${history?.pages}:${isComplete(history)}`;
    return headsDigest(shown, JSON.stringify([scopeKey(scope), title, page ?? null, links]));
  }

  /**
   * What a page is made of: the feeds there are, each term named and counted, how many articles,
   * and for a dated page (OPML) the newest update. An edit that moves no article changes none of it.
   */
  pageInputKey(catalog: Catalog, page: Page): string {
    let shape = this.#shapes.get(catalog);
    if (shape === undefined) {
      const terms = Object.entries(catalog.terms).map(([kind, ofKind]) => [
        kind,
        [...ofKind.values()].map((term) => [term.slug, term.name, term.count, term.page ?? null]),
      ]);
      shape = hashText(JSON.stringify([catalog.articleCount, terms]));
      this.#shapes.set(catalog, shape);
    }
    return `${page.name}|${page.dated ? catalog.updated : ''}|${shape}`;
  }

  /** What an archive page is made of: its articles, its number and whether a newer page exists. */
  archiveInputKey(catalog: Catalog, scope: FeedScope, page: number): string | undefined {
    const history = historyOf(catalog, scope, this.config.history);
    const articles = this.archiveArticles(catalog, scope, page);
    if (!history || !articles) return undefined;
    return headsDigest(articles, `${scopeKey(scope)}\u0000archive:${page}\u0000${page < history.pages}`);
  }

  /**
   * The articles of archive page `page`, or undefined when there is no such page or the catalog does
   * not hold the scope's whole list (one read back on Workers).
   */
  archiveArticles(catalog: Catalog, scope: FeedScope, page: number): readonly ArticleHead[] | undefined {
    return archiveArticles(catalog, scope, page, this.config.history);
  }

  /**
   * The feed, or undefined when the catalog has no such scope. The scope's articles, and the bodies
   * of those it shows, must be in the catalog.
   */
  feed(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    const model = buildFeedModel(catalog, scope, this.config);
    if (!model) return undefined;
    const items = this.#renderItems(model, format, true);
    const links = this.#links(catalog, scope, format, model);
    const fitted = fitFeed(model, items, this.config.maxFeedBytes, {
      document: (m, shown) => format.document(m, links, shown),
      summaryItem: (index) => this.#summaryItem(model, format, index),
    });
    return this.#document(fitted.text, format.contentType, {
      selfUrl: links.self,
      maxAge: fitted.model.pollSeconds,
      ...(fitted.fit && { fit: fitted.fit }),
    });
  }

  /** The feed as an HTML page, for a person who opened its URL in a browser (see feed-view.ts). */
  view(catalog: Catalog, scope: FeedScope, format: FeedFormat): Promise<RenderedDocument> | undefined {
    const model = buildFeedModel(catalog, scope, this.config);
    if (!model) return undefined;
    const selfUrl = this.#selfUrl(catalog, scope, format, model);
    return this.#document(renderFeedView(model, selfUrl, format), VIEW_CONTENT_TYPE);
  }

  /** A page of the catalog (the index, the OPML). */
  page(catalog: Catalog, page: Page): Promise<RenderedDocument> {
    return this.#document(page.render(catalog, this.config), page.contentType);
  }

  /**
   * What archive pages of a scope's feed carry of each article: its summary, or its whole body;
   * undefined when the scope keeps none.
   */
  archiveForm(catalog: Catalog, scope: FeedScope): 'summaries' | 'full' | undefined {
    return historyOf(catalog, scope, this.config.history)?.form;
  }

  /**
   * Archive page `page` of a scope's feed, its articles' summaries or bodies (see archiveForm) taken
   * from `bodies`; undefined when there is no such page. An article whose body is not there is left
   * off its page (its neighbours stay put).
   */
  archive(
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
    bodies: SummaryLookup | BodyLookup,
  ): Promise<RenderedDocument> | undefined {
    const history = historyOf(catalog, scope, this.config.history);
    const articles = this.archiveArticles(catalog, scope, page);
    if (!history || !articles) return undefined;
    const summaries = history.form === 'summaries';
    const rendered = articles.filter((head) =>
      summaries ? bodies.get(head.path) !== undefined : isWhole(bodies.get(head.path)),
    );
    const shown: PageArticles = summaries
      ? { articles: rendered, summaries, bodies }
      : { articles: rendered, summaries, bodies: { get: (path) => whole(bodies.get(path)) } };
    const model = buildFeedModel(catalog, scope, this.config, shown);
    if (!model) throw new Error(`scope ${scopeKey(scope)} vanished while rendering`);
    const links = this.#links(catalog, scope, format, model, page);
    // Its items are not kept: most articles of a long history are in no feed.
    const items = this.#renderItems(model, format, false);
    // Never `immutable`: a full page does change — an article dated before its articles (a
    // backdated post, an old draft published) moves one article of every later page on, and an edit
    // changes its page's bytes. Cached like its feed and revalidated by its ETag, a page is never
    // kept a year after it changed.
    return this.#document(format.document(model, links, items), format.contentType, {
      selfUrl: links.self,
      maxAge: model.pollSeconds,
    });
  }

  /**
   * Every rendered item of a model, each remembered by article, format and summary-only (`keep`), or
   * taken from there when it already is.
   */
  #renderItems(model: FeedModel, format: FeedFormat, keep: boolean): string[] {
    return model.items.map((item, i) => {
      const head = model.articles[i];
      const render = () => format.item(item, this.#context);
      const form = item.contentHtml === undefined ? `${format.name}/summary` : format.name;
      // An id this feed alone gives the item (see model.ts uniqueInFeed) is part of its bytes.
      const variant = head && item.id !== head.id ? `${form}#${item.id}` : form;
      if (!head) return render();
      return keep ? this.#items.item(head, variant, render) : (this.#items.get(head, variant) ?? render());
    });
  }

  /**
   * Lets the items rendered least recently go, down to the budget (ITEM_CHARACTERS): once every
   * feed of a catalog is rendered, what a feed rendered again needs is a few of them.
   */
  trimItems(): void {
    this.#items.trim();
  }

  /** Item `index` of a model with its summary only (to fit the byte budget), remembered as a summary-only one. */
  #summaryItem(model: FeedModel, format: FeedFormat, index: number): string {
    const item = model.items[index];
    const head = model.articles[index];
    if (!item) throw new Error(`no item ${index}`);
    const render = () => format.item({ ...item, contentHtml: undefined }, this.#context);
    const variant =
      head && item.id !== head.id ? `${format.name}/summary#${item.id}` : `${format.name}/summary`;
    return head ? this.#items.item(head, variant, render) : render();
  }

  /** A document's links: itself, and its history (RFC 5005) in the same format. */
  #links(catalog: Catalog, scope: FeedScope, format: FeedFormat, model: FeedModel, page?: number): FeedLinks {
    const current = this.#selfUrl(catalog, scope, format, model);
    const history = historyOf(catalog, scope, this.config.history);
    const pages = history?.pages ?? 0;
    const archive = (k: number) => this.config.feedsUrl.resolve(archivePath(scope, k, format));
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

  /** The self link names the feed's canonical path (a generator's, where the site had one). */
  #selfUrl(catalog: Catalog, scope: FeedScope, format: FeedFormat, model: FeedModel): string {
    const canonical = feedPaths(this.config)
      .of(catalog, scope)
      .find((p) => p.format === format);
    return canonical ? this.config.feedsUrl.resolve(canonical.path) : model.feedBaseUrl + format.file;
  }
}
