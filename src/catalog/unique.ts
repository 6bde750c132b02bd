/**
 * Two articles never share an id. Two may share a link: a site can have two pages at one URL (the
 * generator writes one over the other), and a made-up URL would lead nowhere, so both keep it; the
 * newer one gets an id of its own, and a warning says so.
 */

import type { ArticleHead, SourceArticle } from '../content/article.ts';
import type { Problem } from '../core/problem.ts';
import { newestFirst } from './order.ts';

const oldestFirst = (a: ArticleHead, b: ArticleHead) => newestFirst(b, a);

/** The n-th id made from `id`: a fragment on a URL (it still leads to the page), else a suffix. */
function nthId(id: string, n: number): string {
  return /^https?:\/\/[^#]*$/i.test(id) ? `${id}#${n}` : `${id}-${n}`;
}

/**
 * The oldest article keeps an id; later ones get `#2`, `#3`… (`-2` on an id that is no URL) and a
 * warning, so nothing is merged silently. Returns the sources oldest first (ties by path, descending).
 * `languageSite`: on a site that is one site per language (Hugo's), ids and links are another
 * language site's business: a translation at its original's URL keeps its id, as in Hugo, where each
 * language's feed has the plain id.
 */
export function makeUnique(
  sources: readonly SourceArticle[],
  problems: Problem[],
  languageSite?: (head: ArticleHead) => string | undefined,
): SourceArticle[] {
  const links = new Map<string, string>();
  const ids = new Set<string>();
  const ordered = [...sources].sort((a, b) => oldestFirst(a.head, b.head));
  return ordered.map((source) => {
    const { path } = source.head;
    const site = languageSite?.(source.head) ?? '';
    // Within one language site (or a site without them) a link is itself: a string seen before,
    // whose hash is known, rather than a new one each catalog.
    const inSite = (value: string) => (site ? `${site}\u0000${value}` : value);
    const permalink = inSite(source.head.permalink);
    const id = inSite(source.head.id);
    const sharedWith = links.get(permalink);
    if (sharedWith === undefined) links.set(permalink, path);
    if (!ids.has(id)) {
      ids.add(id);
      if (sharedWith !== undefined) {
        problems.push({
          path,
          line: 1,
          severity: 'warning',
          message: `link ${source.head.permalink} is also that of ${sharedWith}: both keep it, with ids of their own`,
        });
      }
      return source;
    }
    let n = 2;
    while (ids.has(inSite(nthId(source.head.id, n)))) n++;
    const unique = nthId(source.head.id, n);
    ids.add(inSite(unique));
    problems.push({
      path,
      line: 1,
      severity: 'warning',
      message:
        sharedWith === undefined
          ? `id "${source.head.id}" is taken by an older article; using "${unique}"`
          : `link ${source.head.permalink} is also that of ${sharedWith}: both keep it; this one gets the id "${unique}"`,
    });
    return { ...source, head: { ...source.head, id: unique } };
  });
}
