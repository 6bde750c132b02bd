/**
 * One per isolate: the snapshot, the bodies and scope lists fetched so far, the catalog of the moment
 * and the feeds rendered. The catalog is one written at build time, for the build's instant or for
 * one of the scheduled changes after it, read scope by scope. Only past the last one written (more
 * scheduled changes than the build wrote catalogs for) is every head loaded and the catalog built
 * here, with the same code as on Node.
 */
import { historyOf, isFullPage } from '../catalog/archives.ts';
import { buildCatalog, type Catalog, catalogOptions, isCurrentAt } from '../catalog/catalog.ts';
import { type CatalogIndex, type IndexTerm, readCatalogIndex } from '../catalog/catalog-index.ts';
import { type CompactHead, expandHead } from '../catalog/compact-head.ts';
import type { FeedScope } from '../catalog/scope.ts';
import { parseConfig, type SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../content/article.ts';
import type { ArticleBody } from '../content/render/article-body.ts';
import { SiteUrl } from '../core/site-url.ts';
import type { FeedFormat } from '../feeds/formats.ts';
import { type RenderedDocument, renderedDocument } from '../feeds/rendered-document.ts';
import { FeedCache } from '../publish/cache/feed-cache.ts';
import type { PublicationSource } from '../publish/cache/publication-source.ts';
import {
  archiveFile,
  bodyFile,
  type IndexFile,
  SNAPSHOT_FILE,
  SNAPSHOT_VERSION,
  type StoredDocument,
  type TermAsset,
  type WorkerSnapshot,
} from '../publish/worker-format/worker-snapshot.ts';
import { type Assets, fetchAsset, fetchAssetIfAny } from './assets.ts';

const NO_REDIRECTS: Readonly<Record<string, string>> = {};

/** A catalog written at build time, read back: the index, and the catalog it makes. */
interface WrittenCatalog {
  readonly index: CatalogIndex;
  readonly catalog: Catalog;
}

export class EdgePublication implements PublicationSource {
  readonly #assets: Assets;
  readonly snapshot: WorkerSnapshot;
  readonly config: SiteConfig;
  /** Written catalogs fetched so far, by file. */
  readonly #written = new Map<string, WrittenCatalog>();
  readonly #termHeads = new Map<string, readonly ArticleHead[]>();
  readonly #bodies = new Map<string, ArticleBody>();
  readonly #pending = new Map<string, Promise<void>>();
  readonly cache: FeedCache;
  #sources: SourceArticle[] | undefined;
  #catalog: Catalog | undefined;

  constructor(assets: Assets, snapshot: WorkerSnapshot, config: SiteConfig, first?: CatalogIndex) {
    this.#assets = assets;
    this.snapshot = snapshot;
    this.config = config;
    const file = snapshot.indexes[0]?.file;
    if (first && file) this.#written.set(file, this.#read(first));
    this.cache = new FeedCache(this);
  }

  #read(index: CatalogIndex): WrittenCatalog {
    const catalog = readCatalogIndex(
      index,
      this.snapshot.problems,
      this.#bodies,
      (term) => this.#termHeads.get(term.file) ?? [],
    );
    return { index, catalog };
  }

  /** The written catalog that holds at `now`, if the build wrote one for that moment. */
  #indexFileAt(now: number): IndexFile | undefined {
    return this.snapshot.indexes.find((index) => isCurrentAt(index, now));
  }

  /** Which catalog serves `now`: one written at build time, or one built in the isolate. */
  catalogSource(now: number): 'build' | 'isolate' {
    return this.#indexFileAt(now) ? 'build' : 'isolate';
  }

  /**
   * Fetches what catalogAt(now) needs: the written catalog of the moment, or (past them all) every
   * head; undefined when it is at hand.
   */
  ready(now = Date.now()): Promise<void> | undefined {
    const file = this.#indexFileAt(now)?.file;
    if (file === undefined) return this.#sources ? undefined : this.#allSources().then(() => undefined);
    if (this.#written.has(file)) return undefined;
    return this.#once(file, async () => {
      this.#written.set(file, this.#read(await fetchAsset<CatalogIndex>(this.#assets, file)));
    });
  }

  /** The written catalog of `now` (after ready(now)), or undefined past the last one written. */
  writtenAt(now: number): WrittenCatalog | undefined {
    const file = this.#indexFileAt(now)?.file;
    return file === undefined ? undefined : this.#written.get(file);
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
    return buildCatalog(
      sources,
      this.snapshot.problems,
      catalogOptions(this.config, now, { bodies: this.#bodies, listPages: this.snapshot.listPages }),
    );
  }

  /** The catalog at `now` built here from every head, with complete lists (what the cron compares). */
  async builtAt(now: number): Promise<Catalog> {
    return this.#build(await this.#allSources(), now);
  }

  /** The catalog at `now` (after ready(now)): a written one, or past them all one built here. */
  catalogAt(now = Date.now()): Catalog {
    const written = this.writtenAt(now);
    if (written) return written.catalog;
    if (this.#indexFileAt(now)) throw new Error('catalogAt() before ready()');
    const sources = this.#sources;
    if (!sources) throw new Error('catalogAt() before ready()');
    const current = this.#catalog;
    if (current && isCurrentAt(current, now)) return current;
    const catalog = this.#build(sources, now);
    if (!current || now >= current.asOf) this.#catalog = catalog;
    return catalog;
  }

  /** A term's heads in a written catalog, and their bodies, fetched the first time its feed is asked for. */
  scopeReady(catalog: Catalog, scope: FeedScope): Promise<void> | undefined {
    const written = [...this.#written.values()].find((w) => w.catalog === catalog);
    if (!written || scope.kind === 'site') return undefined;
    const term: IndexTerm | undefined = written.index.terms[scope.kind]?.find((t) => t.slug === scope.slug);
    if (!term || this.#termHeads.has(term.file)) return undefined;
    return this.#once(term.file, async () => {
      const asset = await fetchAsset<TermAsset>(this.#assets, term.file);
      const heads = asset.heads.map(expandHead);
      for (const [i, head] of heads.entries()) {
        const body = asset.bodies[i];
        if (body && !this.#bodies.has(head.path)) this.#bodies.set(head.path, body);
      }
      this.#termHeads.set(term.file, heads);
    });
  }

  /** The bodies of what a feed shows, fetched the first time one of them is asked for. */
  bodiesReady(_catalog: Catalog, heads: readonly ArticleHead[]): Promise<void> | undefined {
    if (heads.every((head) => this.#bodies.has(head.path))) return undefined;
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

  /** An archive page as `build-worker` rendered it (the same bytes, and so the same ETag, as on Node). */
  async archive(
    catalog: Catalog,
    scope: FeedScope,
    format: FeedFormat,
    page: number,
  ): Promise<RenderedDocument | undefined> {
    const history = historyOf(catalog, scope, this.config.history);
    if (!history) return undefined;
    // A filling page is the one of the written catalog serving; past them all, the last one's.
    const written = [...this.#written].find(([, w]) => w.catalog === catalog)?.[0];
    const position = this.snapshot.indexes.findIndex((index) => index.file === written);
    const moment = isFullPage(history, page)
      ? undefined
      : position === -1
        ? this.snapshot.indexes.length - 1
        : position;
    // Only a page that is not there is "not found"; an asset that fails otherwise is an error.
    const stored = await fetchAssetIfAny<StoredDocument>(
      this.#assets,
      archiveFile(scope, format, page, moment),
    );
    if (!stored) return undefined;
    return renderedDocument(stored.text, stored.contentType, {
      selfUrl: stored.selfUrl ?? '',
      maxAge: stored.maxAge,
    });
  }

  health(): unknown {
    const now = Date.now();
    return {
      ok: true,
      runtime: 'workers',
      articles: this.catalogAt(now).articleCount,
      catalog: this.catalogSource(now),
      problems: this.snapshot.problems,
    };
  }

  /** The feeds that moved, as build-worker recorded them. */
  redirects(): Readonly<Record<string, string>> {
    return this.snapshot.redirects ?? NO_REDIRECTS;
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
    // The catalog of the build's instant is what nearly every request needs: read it up front.
    const first = snapshot.indexes[0];
    const index =
      first && isCurrentAt(first, Date.now())
        ? await fetchAsset<CatalogIndex>(assets, first.file)
        : undefined;
    return new EdgePublication(assets, snapshot, config, index);
  });
  publications.set(assets, publication);
  publication.catch(() => publications.delete(assets));
  return publication;
}
