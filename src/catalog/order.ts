/** Feed order: newest first, ties by path. */
import type { ArticleHead } from '../content/article.ts';

export const newestFirst = (a: ArticleHead, b: ArticleHead): number =>
  b.date - a.date || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The order of a feed: Hugo's default page order puts pages with a `weight` first, lightest first,
 * then the others newest first; without weights, newest first.
 */
export const feedOrder = (a: ArticleHead, b: ArticleHead): number => {
  const wa = a.weight ?? 0;
  const wb = b.weight ?? 0;
  if (wa !== wb) return wa === 0 ? 1 : wb === 0 ? -1 : wa - wb;
  return newestFirst(a, b);
};

/**
 * Heads given oldest first (ties by path, descending: as makeUnique orders them), in feed order.
 * Reversed, they are newest first already; only weights (rare) take a sort.
 */
export function inFeedOrder(oldestFirst: readonly ArticleHead[]): ArticleHead[] {
  const heads = [...oldestFirst].reverse();
  return heads.some((head) => head.weight !== undefined) ? heads.sort(feedOrder) : heads;
}
