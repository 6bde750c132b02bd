/** Feed order: newest first, ties by path. */
import type { ArticleHead } from '../content/article.ts';

export const newestFirst = (a: ArticleHead, b: ArticleHead): number =>
  b.date - a.date || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
