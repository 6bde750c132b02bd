/**
 * One per isolate: the snapshot, the bodies and scope lists fetched so far, the catalog of the moment
 * and the feeds rendered. Until the first scheduled change after the build, the catalog is the one
 * written at build time, read scope by scope; after it, every head is loaded and the catalog is built
 * here, with the same code as on Node.
 */
import { buildCatalog, type Catalog, isCurrentAt } from '../catalog/catalog.ts';
import { type CatalogIndex, type IndexTerm, readCatalogIndex } from '../catalog/catalog-index.ts';
import { type CompactHead, expandHead } from '../catalog/compact-head.ts';
import { configGroupings, type FeedScope } from '../catalog/scope.ts';
import { parseConfig, type SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../content/article.ts';
import type { ArticleBody } from '../content/article-body.ts';
import { SiteUrl } from '../core/site-url.ts';
import { FeedCache } from '../publish/feed-cache.ts';
import {
  bodyFile,
  SNAPSHOT_FILE,
  SNAPSHOT_VERSION,
  type WorkerSnapshot,
} from '../publish/worker-snapshot.ts';
import { type Assets, fetchAsset } from './assets.ts';

export class EdgePublication {
  readonly #assets: Assets;
  readonly snapshot: WorkerSnapshot;
  readonly config: SiteConfig;
  readonly #index: CatalogIndex;
  readonly #indexCatalog: Catalog;
  readonly #termHeads = new Map<string, readonly ArticleHead[]>();
  readonly #bodies = new Map<string, ArticleBody>();
  readonly #pending = new Map<string, Promise<void>>();
  readonly cache: FeedCache;
  #sources: SourceArticle[] | undefined;
  #catalog: Catalog | undefined;

  constructor(assets: Assets, snapshot: WorkerSnapshot, config: SiteConfig, index: CatalogIndex) {
    this.#assets = assets;
    this.snapshot = snapshot;
    this.config = config;
    this.#index = index;
    this.#indexCatalog = readCatalogIndex(
      index,
      snapshot.problems,
      this.#bodies,
      (term) => this.#termHeads.get(term.file) ?? [],
    );
    this.cache = new FeedCache(this.config, {
      loadBodies: (heads) => this.#load(heads),
      loadScope: (catalog, scope) => this.#loadScope(catalog, scope),
    });
  }

  /** Which catalog serves `now`: the one written at build time, or one built in the isolate. */
  catalogSource(now: number): 'build' | 'isolate' {
    return isCurrentAt(this.#index, now) ? 'build' : 'isolate';
  }

  /** Fetches what catalogAt(now) needs: nothing while the build-time catalog holds, else every head. */
  async ready(now: number): Promise<void> {
    if (!isCurrentAt(this.#index, now)) await this.#allSources();
  }

  async #allSources(): Promise<SourceArticle[]> {
    if (this.#sources) return this.#sources;
    const chunks = await Promise.all(
      this.snapshot.chunks.map((file) => fetchAsset<CompactHead[]>(this.#assets, file)),
    );
    const notHere = () => {
      throw new Error('Markdown is rendered at build time, never in the Worker');
    };
    const format = { markup: 'markdown', liquid: undefined, linkify: false, typographer: false } as const;
    this.#sources ??= chunks.flat().map((compact) => ({
      head: expandHead(compact),
      markdown: notHere,
      format,
      bodyLine: 1,
      summaryMarkdown: undefined,
      descriptionMarkdown: undefined,
    }));
    return this.#sources;
  }

  #build(sources: readonly SourceArticle[], now: number): Catalog {
    return buildCatalog(sources, this.snapshot.problems, {
      now,
      itemLimits: this.config.itemLimit,
      groupings: configGroupings(this.config),
      bodies: this.#bodies,
      listPages: this.snapshot.listPages,
    });
  }

  /** The catalog at `now` built here from every head, with complete lists (what the cron compares). */
  async builtAt(now: number): Promise<Catalog> {
    return this.#build(await this.#allSources(), now);
  }

  /** The catalog at `now` (after ready(now)); rebuilt only when a scheduled time has passed. */
  catalogAt(now: number): Catalog {
    if (isCurrentAt(this.#index, now)) return this.#indexCatalog;
    const sources = this.#sources;
    if (!sources) throw new Error('catalogAt() before ready()');
    const current = this.#catalog;
    if (current && isCurrentAt(current, now)) return current;
    const catalog = this.#build(sources, now);
    if (!current || now >= current.asOf) this.#catalog = catalog;
    return catalog;
  }

  /** A term's heads in the build-time catalog, fetched the first time its feed is asked for. */
  #loadScope(catalog: Catalog, scope: FeedScope): Promise<void> {
    if (catalog !== this.#indexCatalog || scope.kind === 'site') return Promise.resolve();
    const term: IndexTerm | undefined = this.#index.terms[scope.kind]?.find((t) => t.slug === scope.slug);
    if (!term || this.#termHeads.has(term.file)) return Promise.resolve();
    return this.#once(term.file, async () => {
      const heads = await fetchAsset<CompactHead[]>(this.#assets, term.file);
      this.#termHeads.set(term.file, heads.map(expandHead));
    });
  }

  #load(heads: readonly ArticleHead[]): Promise<void> {
    return Promise.all(
      heads.map((head) =>
        this.#bodies.has(head.path)
          ? undefined
          : this.#once(head.path, async () => {
              this.#bodies.set(head.path, await fetchAsset<ArticleBody>(this.#assets, bodyFile(head.path)));
            }),
      ),
    ).then(() => undefined);
  }

  /** Runs `work` once for `key` however many requests ask at the same time. */
  #once(key: string, work: () => Promise<void>): Promise<void> {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = work().finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }
}

/** One publication per assets binding: an isolate loads its snapshot once. */
const publications = new WeakMap<Assets, Promise<EdgePublication>>();

/**
 * The publication of a set of Worker assets, loaded on first use (and again after a failed load).
 * `siteUrl`, when given, must be the one the assets were built for.
 */
export function loadPublication(assets: Assets, siteUrl?: string): Promise<EdgePublication> {
  let publication = publications.get(assets);
  if (publication) return publication;
  publication = fetchAsset<WorkerSnapshot>(assets, SNAPSHOT_FILE).then(async (snapshot) => {
    if (snapshot.format !== SNAPSHOT_VERSION)
      throw new Error('the Worker assets are from another version: run the build step');
    const config = parseConfig(snapshot.config);
    if (siteUrl !== undefined && config.siteUrl.href !== SiteUrl.parse(siteUrl).href) {
      throw new Error(
        `assets were built for ${config.siteUrl.href} but SITE_URL is ${siteUrl}: run the build step`,
      );
    }
    return new EdgePublication(
      assets,
      snapshot,
      config,
      await fetchAsset<CatalogIndex>(assets, snapshot.index),
    );
  });
  publications.set(assets, publication);
  publication.catch(() => publications.delete(assets));
  return publication;
}
