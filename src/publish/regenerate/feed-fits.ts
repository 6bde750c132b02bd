/**
 * What `build` and `check` say of feeds that gave something up to fit the byte budget: the oldest
 * items carry their summary, or (when even summaries do not fit) are left out of the feed.
 */
import { allScopes, type Catalog } from '../../catalog/catalog.ts';
import type { Problem } from '../../core/problem.ts';
import type { FeedFit } from '../../feeds/feed-fit.ts';
import { feedPaths } from '../../feeds/feed-paths.ts';
import type { DocumentRenderer } from '../cache/document-renderer.ts';

/** A feed file (its path under the output folder) and what it gave up. */
export interface FittedFeedFile {
  readonly path: string;
  readonly fit: FeedFit;
}

/** Renders every feed of `catalog` (one path per format of a scope) and lists those that had to fit. */
export async function fittedFeeds(catalog: Catalog, renderer: DocumentRenderer): Promise<FittedFeedFile[]> {
  const fitted: FittedFeedFile[] = [];
  const paths = feedPaths(renderer.config);
  for (const scope of allScopes(catalog)) {
    const all = paths.of(catalog, scope, 'file');
    for (const format of new Set(all.map((p) => p.format))) {
      const document = await renderer.feed(catalog, scope, format);
      const path = all.find((p) => p.format === format)?.path;
      if (document?.fit && path) fitted.push({ path, fit: document.fit });
    }
  }
  return fitted;
}

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

/** The warning for one such feed, named by its path (not a content file: line 0). */
export function fitProblem(file: FittedFeedFile, maxFeedBytes: number): Problem {
  const { summarized, leftOut } = file.fit;
  const budget = `maxFeedBytes (${maxFeedBytes} bytes)`;
  const message =
    leftOut === 0
      ? `its oldest ${items(summarized)} carry their summary and link instead of their text, to fit ${budget}`
      : `${items(leftOut)} left out: even as summaries they do not fit ${budget}` +
        (summarized > 0 ? ` (the oldest ${items(summarized)} shown carry their summary)` : '') +
        '; raise maxFeedBytes or set an item limit, so that archive pages hold the rest';
  return { path: file.path, line: 1, severity: 'warning', message };
}
