/**
 * One regeneration step, shared by every trigger (start, cron, file watcher): bring the articles up
 * to date, build a new Catalog for this instant, render what changed, then swap one reference.
 * A failed step keeps the last good catalog and feeds.
 */

import {
  type BodyLookup,
  bodyProblem,
  type Catalog,
  type CatalogOptions,
  catalogOptions,
  type Edit,
  emptyCatalog,
  isCurrentAt,
  type SummaryLookup,
  shownHeads,
  truncatedBodyProblem,
  withEdits,
} from '../../catalog/catalog.ts';
import {
  buildRenderedCatalog,
  type RenderedCatalog,
  type RenderResult,
  StaleRunError,
} from '../../catalog/rendered-catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../../content/article.ts';
import type { ListPage } from '../../content/list-page.ts';
import type { ArticleBody, ArticleSummary } from '../../content/render/article-body.ts';
import { bodyContextData } from '../../content/render/body-context.ts';
import { errorMessage } from '../../core/guards.ts';
import { LruMap } from '../../core/lru-map.ts';
import { formatProblem, type Problem, withoutServerPaths } from '../../core/problem.ts';
import { type BodyRendering, type Rendered, type RenderPart, renderHere } from './body-rendering.ts';
import type { CatalogInputs } from './catalog-inputs.ts';

export interface ArticleSource {
  /**
   * Brings the articles up to date. `changed`: the paths (relative to the content folder) a watcher
   * saw change since the last scan, when only those need looking at; a source may look at more.
   */
  scan(changed?: readonly string[]): Promise<{
    readonly seen: number;
    readonly read: number;
    readonly changed: number;
    readonly articles: readonly SourceArticle[];
    readonly listPages?: readonly ListPage[];
    readonly problems: readonly Problem[];
  }>;
}

export interface RunReport {
  readonly startedAt: number;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly seen: number;
  /** Files read from disk: only new ones and those whose size or mtime changed. */
  readonly read: number;
  readonly changed: number;
  readonly published: number;
  readonly rendered: number;
  /** The catalog was made from the last one, with the edited articles in place (see withEdits). */
  readonly inPlace: boolean;
}

export interface PublisherOptions {
  readonly source: ArticleSource;
  readonly config: SiteConfig;
  /** @default Date.now */
  readonly now?: () => number;
  /** Where the one log line per run goes. @default console.log */
  readonly log?: (line: string) => void;
  /**
   * Renders what requests will ask for of a new catalog before it is swapped in, so they find it
   * ready (a server: FeedCache.warm); how many documents it rendered. @default nothing (`build`
   * renders only what it writes)
   */
  readonly warm?: (catalog: Catalog) => Promise<number>;
  /** Bodies rendered by an earlier run, by source hash and permalink (see savedBodies()). */
  readonly bodies?: Iterable<readonly [string, ArticleBody]>;
  /** Where bodies are rendered (a worker thread on Node). @default on this thread, between requests */
  readonly renderBodies?: BodyRendering;
  /**
   * Where an article left off its archive page because its body cannot be rendered is said, once.
   * @default console.error
   */
  readonly report?: (problem: Problem) => void;
  /** Absolute folders and files of the server that /health must not show (it is public). @default none */
  readonly privatePaths?: readonly string[];
}

/** What a body is rendered from: the source, and the URL its relative links resolve against. */
const bodyKey = (article: SourceArticle) =>
  `${article.head.sourceHash}|${article.pageUrl ?? article.head.permalink}`;

/** Edits put in place in a catalog (more are a new catalog). */
const IN_PLACE_EDITS = 64;

/** The heads of `sources` by path. */
function headsOf(sources: readonly SourceArticle[]) {
  const heads = new Map<string, ArticleHead>();
  for (const source of sources) heads.set(source.head.path, source.head);
  return heads;
}

/** Archive bodies bodiesFor() keeps: a few pages' worth. */
const RECENT_BODIES = 256;
/** Archive summaries summariesFor() keeps: a few pages of summaries' worth (they are small). */
const RECENT_SUMMARIES = 1024;

/** What a source's scan gives. */
type Scan = Awaited<ReturnType<ArticleSource['scan']>>;

/** Renders the bodies of the articles a catalog shows (see Publisher's #bodyRenderer). */
type RenderShown = (articles: readonly SourceArticle[]) => Promise<readonly RenderResult[]>;

/** What a step has found so far, for its report whether it succeeds or fails. */
interface RunTally {
  readonly startedAt: number;
  /** performance.now() at the start, for the duration. */
  readonly started: number;
  seen: number;
  read: number;
  changed: number;
  inPlace: boolean;
}

/** The report of a step that succeeded, as far as `tally` goes. */
function reportOf(tally: RunTally, published: number, rendered: number): RunReport {
  return {
    startedAt: tally.startedAt,
    durationMs: performance.now() - tally.started,
    ok: true,
    seen: tally.seen,
    read: tally.read,
    changed: tally.changed,
    published,
    rendered,
    inPlace: tally.inPlace,
  };
}

/**
 * Gives `memo` every body `catalog` shows, under its key, as buildRenderedCatalog does too; the
 * warnings for the bodies that were cut.
 */
function memoShownBodies(
  catalog: Catalog,
  articles: readonly SourceArticle[],
  bodies: ReadonlyMap<string, ArticleBody>,
  memo: Map<string, ArticleBody>,
): Problem[] {
  const byPath = new Map(articles.map((article) => [article.head.path, article]));
  const cut: Problem[] = [];
  for (const head of shownHeads(catalog)) {
    const source = byPath.get(head.path);
    const body = bodies.get(head.path);
    if (!source || !body) continue;
    if (!memo.has(bodyKey(source))) memo.set(bodyKey(source), body);
    if (body.truncated) cut.push(truncatedBodyProblem(source));
  }
  return cut;
}

/** The bodies of a catalog built here: a map by path (a catalog read back on Workers fills its own). */
function bodyMap(catalog: Catalog): ReadonlyMap<string, ArticleBody> {
  if (catalog.bodies instanceof Map) return catalog.bodies;
  throw new Error('a catalog built by the publisher holds its bodies in a map');
}

export class Publisher {
  readonly #options: PublisherOptions;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  /** Archived articles whose bodies could not be rendered for their pages, by path. */
  readonly #archiveProblems = new Map<string, { readonly head: ArticleHead; readonly problem: Problem }>();
  /** Bodies bodiesFor() rendered last, by head (a head changes whenever its article does). */
  readonly #recentBodies = new LruMap<ArticleHead, ArticleBody>(RECENT_BODIES);
  /** Summaries summariesFor() rendered last, by head. */
  readonly #recentSummaries = new LruMap<ArticleHead, ArticleSummary>(RECENT_SUMMARIES);
  #catalog: Catalog;
  #inputs: CatalogInputs | undefined;
  /** A run failed after the source took changes in: the next run must build, even if nothing changed since. */
  #unpublished = false;
  #lastRun: RunReport | undefined;
  #lastGoodRun: RunReport | undefined;
  #running: Promise<RunReport> | undefined;
  #lastError: string | undefined;
  /** Rendered bodies by source and permalink: an unchanged article is never rendered twice. */
  #bodies = new Map<string, ArticleBody>();
  #bodiesRendered = 0;
  #sources: readonly SourceArticle[] = [];

  constructor(options: PublisherOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((line) => console.log(line));
    this.#catalog = emptyCatalog(options.config.itemLimit);
    if (options.bodies) this.#bodies = new Map(options.bodies);
  }

  /** Bodies rendered (not found in the memo) since this publisher was made. */
  get bodiesRendered(): number {
    return this.#bodiesRendered;
  }

  /** The rendered bodies of the current catalog, to hand to a later run. */
  savedBodies(): [string, ArticleBody][] {
    return [...this.#bodies];
  }

  /** The articles the last scan read (what check's notes on unused fields are about). */
  get sources(): readonly SourceArticle[] {
    return this.#sources;
  }

  /** What the current catalog was built from (undefined before the first good run): see catalog-inputs.ts. */
  get inputs(): CatalogInputs | undefined {
    return this.#inputs;
  }

  /**
   * Renders the bodies of `heads` that `catalog` (one this publisher built) does not hold yet
   * (articles no feed shows, on an archive page) into its body map; one that cannot be rendered
   * stays out.
   */
  async ensureBodies(catalog: Catalog, heads: readonly ArticleHead[]): Promise<void> {
    const bodies = bodyMap(catalog) as Map<string, ArticleBody>;
    for (const [head, body] of await this.#renderBodies(heads.filter((head) => !bodies.has(head.path))))
      bodies.set(head.path, body);
  }

  /**
   * The bodies of `heads` (articles of an archive page), as ensureBodies renders them, but without
   * adding them to the catalog: a server whose whole history is crawled keeps only the few it
   * rendered last (a page's other formats, asked for next, find them there).
   */
  async bodiesFor(catalog: Catalog, heads: readonly ArticleHead[]): Promise<BodyLookup> {
    const held = bodyMap(catalog);
    const fresh = new Map<string, ArticleBody>();
    const recent = this.#recentBodies;
    const missing = heads.filter((head) => {
      if (held.has(head.path)) return false;
      const body = recent.get(head);
      if (body) fresh.set(head.path, body);
      return !body;
    });
    for (const [head, body] of await this.#renderBodies(missing)) {
      fresh.set(head.path, body);
      recent.set(head, body);
    }
    return { get: (path) => held.get(path) ?? fresh.get(path) };
  }

  /**
   * The summaries of `heads` (articles of an archive page of summaries): from the catalog's bodies
   * where it has them, else rendered (only the summary) and kept among the last few asked for.
   */
  async summariesFor(catalog: Catalog, heads: readonly ArticleHead[]): Promise<SummaryLookup> {
    const held = bodyMap(catalog);
    const fresh = new Map<string, ArticleSummary>();
    const recent = this.#recentSummaries;
    const missing = heads.filter((head) => {
      if (held.has(head.path)) return false;
      const summary = recent.get(head);
      if (summary) fresh.set(head.path, summary);
      return !summary;
    });
    for (const [head, summary] of await this.#renderBodies(missing, 'summary')) {
      fresh.set(head.path, summary);
      recent.set(head, summary);
    }
    return { get: (path) => held.get(path) ?? fresh.get(path) };
  }

  /**
   * The summaries of `heads`, as summariesFor gives them, all rendered in one go and all kept in
   * what it returns (`build`: every page of a history, rendered beside the feeds).
   */
  async summariesOf(catalog: Catalog, heads: readonly ArticleHead[]): Promise<SummaryLookup> {
    const held = bodyMap(catalog);
    const unique = [...new Set(heads)].filter((head) => !held.has(head.path));
    const fresh = new Map<string, ArticleSummary>();
    for (const [head, summary] of await this.#renderBodies(unique, 'summary')) fresh.set(head.path, summary);
    return { get: (path) => held.get(path) ?? fresh.get(path) };
  }

  /** Renders `part` of the bodies of `heads`; one that cannot be rendered is left out. */
  async #renderBodies<P extends RenderPart = 'body'>(
    heads: readonly ArticleHead[],
    part?: P,
  ): Promise<[ArticleHead, Rendered<P>][]> {
    if (heads.length === 0) return [];
    const byPath = new Map(this.#sources.map((source) => [source.head.path, source]));
    const sources = heads.flatMap((head) => {
      const source = byPath.get(head.path);
      return source ? [{ ...source, head }] : [];
    });
    const render = this.#options.renderBodies ?? renderHere;
    const results = await render(sources, bodyContextData(this.#options.config, this.#sources), part);
    return sources.flatMap((source, i) => {
      const result = results[i];
      if (result?.ok) return [[source.head, result.body] as [ArticleHead, Rendered<P>]];
      // A file changed under the render: the page is not final and the next request renders again.
      if (!result?.changed) this.#archiveProblem(source, result?.error ?? 'not rendered');
      return [];
    });
  }

  /** An archived article whose body cannot be rendered: said once, and on /health until the next catalog. */
  #archiveProblem(source: SourceArticle, error: string): void {
    const known = this.#archiveProblems.get(source.head.path);
    if (known?.head === source.head) return;
    const problem = bodyProblem(source, error);
    this.#archiveProblems.set(source.head.path, { head: source.head, problem });
    (this.#options.report ?? ((p: Problem) => console.error(formatProblem(p))))(problem);
  }

  /**
   * Articles left off their archive pages because their bodies cannot be rendered (articles no feed
   * shows are rendered only for their pages, so the catalog's problems cannot know of them).
   */
  get archiveProblems(): readonly Problem[] {
    return [...this.#archiveProblems.values()].map((entry) => entry.problem);
  }

  /** The snapshot requests are served from. */
  get catalog(): Catalog {
    return this.#catalog;
  }

  get lastRun(): RunReport | undefined {
    return this.#lastRun;
  }

  /**
   * Runs one step; a call while one is running waits for that one instead of starting another (one
   * given `changed` paths runs after it). `changed`: the paths a watcher saw change since the last
   * run, when only those need looking at (see ArticleSource.scan).
   */
  run(changed?: readonly string[]): Promise<RunReport> {
    if (this.#running && changed) return this.#running.then(() => this.run(changed));
    this.#running ??= this.#step(2, changed).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** One step; a step that read a file changing under it is done again (twice at most) at once. */
  async #step(retries: number, changed?: readonly string[]): Promise<RunReport> {
    const tally: RunTally = {
      startedAt: this.#now(),
      started: performance.now(),
      seen: 0,
      read: 0,
      changed: 0,
      inPlace: false,
    };
    try {
      const scan = await this.#options.source.scan(changed);
      tally.seen = scan.seen;
      tally.read = scan.read;
      tally.changed = scan.changed;
      this.#sources = scan.articles;
      const current = this.#catalog;
      // A run that failed may have taken in changes it never published: only a good run may skip.
      if (
        scan.changed === 0 &&
        !this.#unpublished &&
        this.#lastGoodRun &&
        isCurrentAt(current, tally.startedAt)
      ) {
        // Nothing on disk changed and no publishDate or expiryDate passed: the catalog still holds.
        return this.#succeeded(reportOf(tally, current.articles.length, 0));
      }
      return await this.#publish(current, scan, tally);
    } catch (error) {
      this.#unpublished = true;
      // Done again looking at every file: what changed under the run may be more than was said.
      if (error instanceof StaleRunError && retries > 0) return this.#step(retries - 1);
      return this.#failed(tally, errorMessage(error));
    }
  }

  /** Makes the catalog for this instant (from `current` in place when it can), warms it, and swaps it in. */
  async #publish(current: Catalog, scan: Scan, tally: RunTally): Promise<RunReport> {
    const config = this.#options.config;
    const bodies = new Map<string, ArticleBody>();
    const renderShown = this.#bodyRenderer(bodyContextData(config, scan.articles), bodies);
    const options = catalogOptions(config, tally.startedAt, scan.listPages && { listPages: scan.listPages });
    const updated = await this.#inPlace(current, scan, options, renderShown, bodies);
    tally.inPlace = updated !== undefined;
    const { catalog, sources } =
      updated ?? (await buildRenderedCatalog(scan.articles, scan.problems, options, renderShown));
    const rendered = (await this.#options.warm?.(catalog)) ?? 0;
    this.#catalog = catalog;
    this.#bodies = bodies;
    // Said again when a page of the new catalog asks for them.
    this.#archiveProblems.clear();
    this.#unpublished = false;
    this.#inputs = {
      now: catalog.asOf,
      version: catalog.version,
      heads: headsOf(sources),
      bodies: bodyMap(catalog),
      problems: catalog.problems,
      listPages: scan.listPages ?? [],
    };
    return this.#succeeded(reportOf(tally, catalog.articles.length, rendered));
  }

  /**
   * Renders the bodies of the articles a catalog shows, into `bodies`. Bodies already rendered (this
   * run, an earlier one, a kept state) are not rendered again.
   */
  #bodyRenderer(context: ReturnType<typeof bodyContextData>, bodies: Map<string, ArticleBody>): RenderShown {
    const render = this.#options.renderBodies ?? renderHere;
    return async (articles) => {
      const keys = articles.map(bodyKey);
      const known = articles.map((_, i) => {
        const key = keys[i] as string;
        return this.#bodies.get(key) ?? bodies.get(key);
      });
      const missing = articles.filter((_, i) => !known[i]);
      const rendered = await render(missing, context);
      const fresh = new Map(missing.map((article, i) => [article, rendered[i]]));
      return articles.map((article, i): RenderResult => {
        const body = known[i];
        const result: RenderResult = body
          ? { ok: true, body }
          : (fresh.get(article) ?? { ok: false, error: 'not rendered' });
        if (result.ok) {
          if (!body) this.#bodiesRendered++;
          bodies.set(keys[i] as string, result.body);
        }
        return result;
      });
    };
  }

  /** A failed step's report; the log says it once for as long as the same error repeats. */
  #failed(tally: RunTally, message: string): RunReport {
    const report: RunReport = {
      ...reportOf(tally, this.#catalog.articles.length, 0),
      ok: false,
      error: message,
      inPlace: false,
    };
    this.#lastRun = report;
    if (message !== this.#lastError) {
      this.#log(`[feedwright] run failed, still serving the last good feeds: ${message}`);
    }
    this.#lastError = message;
    return report;
  }

  /**
   * The catalog after edits that moved no article (a title, a body, a summary changed), made from
   * the current one in place of building it (see withEdits): the edited articles' bodies rendered,
   * and `memo` given every body the catalog holds, as a build gives it. Undefined when articles
   * were added or removed, list pages changed, an edit moved an article, or an edited body cannot
   * be rendered: the catalog is then built.
   */
  async #inPlace(
    current: Catalog,
    scan: Scan,
    options: CatalogOptions,
    renderShown: RenderShown,
    memo: Map<string, ArticleBody>,
  ): Promise<RenderedCatalog | undefined> {
    if (!(current.bodies instanceof Map)) return undefined;
    const found = this.#editsSince(current, scan);
    if (!found) return undefined;
    const bodies = new Map(current.bodies);
    const catalog = withEdits(current, found.edits, scan.problems, { ...options, bodies });
    if (!catalog) return undefined;
    // The catalog's shape did not move: an edited article a feed shows is one a feed showed.
    const shown = found.edited.filter((article) => bodies.has(article.head.path));
    const results = await renderShown(shown);
    for (const [i, article] of shown.entries()) {
      const result = results[i];
      if (result?.ok) bodies.set(article.head.path, result.body);
      else if (result?.changed) throw new StaleRunError(result.error);
      else return undefined;
    }
    const cut = memoShownBodies(catalog, scan.articles, bodies, memo);
    const warned = cut.length ? { ...catalog, problems: [...catalog.problems, ...cut] } : catalog;
    return { catalog: warned, sources: scan.articles };
  }

  /**
   * The edits of `scan` since the inputs of `current`: undefined unless they are the same articles,
   * with the same list pages, and few enough edited.
   */
  #editsSince(
    current: Catalog,
    scan: Scan,
  ): { readonly edits: Edit[]; readonly edited: SourceArticle[] } | undefined {
    const inputs = this.#inputs;
    const listPages = scan.listPages ?? [];
    if (!inputs || inputs.version !== current.version) return undefined;
    if (listPages !== inputs.listPages && (listPages.length > 0 || inputs.listPages.length > 0))
      return undefined;
    if (scan.articles.length !== inputs.heads.size) return undefined;
    const edits: Edit[] = [];
    const edited: SourceArticle[] = [];
    for (const article of scan.articles) {
      const before = inputs.heads.get(article.head.path);
      if (!before) return undefined;
      if (before === article.head) continue;
      // Many edits at once (a checkout): building is as quick, and simpler.
      if (edits.length >= IN_PLACE_EDITS) return undefined;
      edits.push({ before, after: article.head });
      edited.push(article);
    }
    return { edits, edited };
  }

  #succeeded(report: RunReport): RunReport {
    this.#lastRun = report;
    this.#lastGoodRun = report;
    this.#lastError = undefined;
    this.#log(
      `[feedwright] run: ${report.seen} articles seen, ${report.changed} changed, ${report.published} published, ${report.rendered} feeds re-rendered, ${report.durationMs.toFixed(1)} ms`,
    );
    return report;
  }

  /** The body of `/health`. */
  health() {
    const run = this.#lastRun;
    const hide = (text: string) => withoutServerPaths(text, this.#options.privatePaths ?? []);
    return {
      ok: run?.ok ?? false,
      servingLastGood: run !== undefined && !run.ok && this.#lastGoodRun !== undefined,
      lastRun: run && {
        at: new Date(run.startedAt).toISOString(),
        durationMs: Math.round(run.durationMs * 10) / 10,
        ok: run.ok,
        ...(run.error !== undefined && { error: hide(run.error) }),
        seen: run.seen,
        read: run.read,
        changed: run.changed,
        rendered: run.rendered,
      },
      lastGoodRun: this.#lastGoodRun && new Date(this.#lastGoodRun.startedAt).toISOString(),
      articles: this.#catalog.articles.length,
      problems: [...this.#catalog.problems, ...this.archiveProblems].map((problem) => ({
        ...problem,
        path: hide(problem.path),
        message: hide(problem.message),
      })),
    };
  }
}
