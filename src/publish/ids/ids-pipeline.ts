/**
 * The ids file through a run, the same for every path out (serve and its cluster's primary, build,
 * build-worker, check): the recorded ids and links applied to each scan, where each catalog's feeds
 * are recorded once per catalog, and the feeds that moved. Without an ids file it passes the scan
 * through and moves nothing.
 */
import type { Catalog } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { SourceArticle } from '../../content/article.ts';
import { formatProblem, type Problem } from '../../core/problem.ts';
import { PLACEHOLDER, reservedHost } from '../../core/site-url.ts';
import type { ArticleSource } from '../regenerate/publisher.ts';
import { KeptIds, type KeptIdsOptions } from './kept-ids.ts';

export interface IdsPipelineOptions {
  readonly config: SiteConfig;
  /** The ids file. @default none */
  readonly ids?: KeptIdsOptions | undefined;
  /** The clock scans apply the file at. @default Date.now */
  readonly now?: () => number;
  /** Where a problem writing the file while recording feeds goes. @default console.error */
  readonly report?: (problem: Problem) => void;
}

export interface IdsPipeline {
  /** The scanner with recorded ids and links applied to each scan; the ids file's own problems join the scan's. */
  readonly source: ArticleSource;
  /** Records where the feeds of `catalog` are published (once per catalog), and so what moved. */
  recordFeeds(catalog: Catalog): Promise<void>;
  /** Writes what a failed write left unwritten (the ids file after a full disk), if it can now. */
  flush(): Promise<void>;
  /** Feeds that moved, old URL to new, as of the last catalog recorded. */
  redirects(): Readonly<Record<string, string>>;
  /** Articles of the last scan whose recorded id or link was kept over a new one. */
  kept(): number;
  /** Per article of the last scan, each id or link kept, accepted or carried over a rename: what `check` says. */
  explanations(): readonly Problem[];
  /** The one line serve and build say when the last scan kept recorded ids; undefined when it kept none. */
  keptLine(): string | undefined;
}

const NONE: Readonly<Record<string, string>> = {};

/** The generator of a site read in site mode, by name, whose pages the links point at; none in content mode. */
const GENERATOR_NAMES: Readonly<Record<string, string | undefined>> = { hugo: 'Hugo', jekyll: 'Jekyll' };

export function idsPipeline(scanner: ArticleSource, options: IdsPipelineOptions): IdsPipeline {
  const { config, ids } = options;
  const now = options.now ?? Date.now;
  const report = options.report ?? ((problem: Problem) => console.error(formatProblem(problem)));
  // Ids published on this machine's address or a placeholder's (serve, the library's in-memory
  // publications: build refuses a placeholder) are no reader's: the file is read, never written.
  const [unpublished] = [config.siteUrl, config.feedsUrl].flatMap((url) => {
    const reserved = reservedHost(url.href);
    return reserved ? [{ href: url.href, reserved }] : [];
  });
  const local = unpublished !== undefined;
  const generator = GENERATOR_NAMES[config.generator];
  const file = ids && new KeptIds(local ? { ...ids, write: false } : ids, generator);
  let localSaid = !local || ids?.write === false;
  let kept = 0;
  let explanations: readonly Problem[] = [];
  let redirects = NONE;
  let recordedFor: Catalog | undefined;
  let last: readonly SourceArticle[] | undefined;
  return {
    source: file
      ? {
          async scan(changed?: readonly string[]) {
            const scan = await scanner.scan(changed);
            const applied = await file.apply(scan.articles, now());
            kept = applied.kept;
            explanations = applied.explanations;
            // An article whose kept id or link changed though its file did not (the ids file was
            // written by another process) is a change too: the feeds must be made again.
            const before = last;
            last = applied.articles;
            const moved =
              before === undefined
                ? 0
                : applied.articles.filter((article, i) => before[i] !== article).length +
                  Math.max(0, before.length - applied.articles.length);
            const problems = [...scan.problems, ...applied.problems];
            if (!localSaid && ids) {
              localSaid = true;
              problems.push({
                path: ids.file,
                line: 1,
                severity: 'warning',
                message: `not written: ${unpublished?.href} is ${unpublished?.reserved === 'placeholder' ? PLACEHOLDER : "this machine's address"}; ids are recorded only for the site's public one`,
              });
            }
            return { ...scan, changed: Math.max(scan.changed, moved), articles: applied.articles, problems };
          },
        }
      : scanner,
    async recordFeeds(catalog) {
      if (!file || recordedFor === catalog) return;
      recordedFor = catalog;
      const recorded = await file.recordFeeds(config, catalog);
      redirects = recorded.redirects;
      for (const problem of recorded.problems) report(problem);
    },
    async flush() {
      for (const problem of (await file?.flush()) ?? []) report(problem);
    },
    redirects: () => redirects,
    kept: () => kept,
    explanations: () => explanations,
    keptLine: () => (ids && kept > 0 ? keptIdsLine(kept, ids.file) : undefined),
  };
}

/** The one line `serve` and `build` say when recorded ids were kept. */
function keptIdsLine(kept: number, file: string): string {
  return `[feedwright] ${kept} article${kept === 1 ? '' : 's'} keep the id and link recorded in ${file} (check explains; --accept-id-changes takes the new)`;
}
