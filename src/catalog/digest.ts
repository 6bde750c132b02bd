/** Digests of article lists: what tells whether a feed's or a catalog's inputs changed. */

import type { ArticleHead } from '../content/article.ts';
import { SequenceDigest } from '../core/hash.ts';

/**
 * What a feed item is made of, besides the config: its source, permalink, id and translations; and
 * where archive pages place it (its order of first publication).
 */
const digest = new SequenceDigest<ArticleHead>(
  (head) =>
    `${head.sourceHash}\u0000${head.permalink}\u0000${head.id}\u0000${head.translations.length > 0 ? JSON.stringify(head.translations) : ''}${head.archiveOrder === undefined ? '' : `\u0000${head.archiveOrder}`}`,
);

/** A digest of a list of heads, cheap for heads seen before (remembered by object identity). */
export function headsDigest(heads: Iterable<ArticleHead>, salt: string): string {
  return digest.of(heads, salt);
}
