/** Two articles never share a permalink or an id. */

import type { ArticleHead, SourceArticle } from '../content/article.ts';
import type { Problem } from '../core/problem.ts';
import { newestFirst } from './order.ts';

const oldestFirst = (a: ArticleHead, b: ArticleHead) => newestFirst(b, a);

function withSuffix(url: string, n: number): string {
  return url.endsWith('/') ? `${url.slice(0, -1)}-${n}/` : `${url}-${n}`;
}

/**
 * The oldest article keeps a permalink or id; later ones get `-2`, `-3`… and a warning, so nothing
 * is merged silently. Returns the sources oldest first (ties by path, descending).
 */
export function makeUnique(sources: readonly SourceArticle[], problems: Problem[]): SourceArticle[] {
  const permalinks = new Set<string>();
  const ids = new Set<string>();
  const ordered = [...sources].sort((a, b) => oldestFirst(a.head, b.head));
  return ordered.map((source) => {
    let { permalink, id } = source.head;
    const idFollowsPermalink = id === permalink;
    if (permalinks.has(permalink)) {
      let n = 2;
      while (permalinks.has(withSuffix(source.head.permalink, n))) n++;
      permalink = withSuffix(source.head.permalink, n);
      problems.push({
        path: source.head.path,
        line: 1,
        severity: 'warning',
        message: `permalink ${source.head.permalink} is taken by an older article; using ${permalink}`,
      });
      if (idFollowsPermalink) id = permalink;
    }
    permalinks.add(permalink);
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(withSuffix(source.head.id, n))) n++;
      const unique = withSuffix(source.head.id, n);
      problems.push({
        path: source.head.path,
        line: 1,
        severity: 'warning',
        message: `id "${id}" is taken by an older article; using "${unique}"`,
      });
      id = unique;
    }
    ids.add(id);
    return permalink === source.head.permalink && id === source.head.id
      ? source
      : { ...source, head: { ...source.head, permalink, id } };
  });
}
