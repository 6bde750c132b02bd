/** Digests of article lists: what tells whether a feed's or a catalog's inputs changed. */

import type { ArticleHead } from '../content/article.ts';
import { SequenceDigest } from '../core/hash.ts';

const digest = new SequenceDigest();

/** What a feed item is made of, besides the config: its source, permalink, id and translations. */
function headFingerprint(head: object): string {
  const h = head as ArticleHead;
  return JSON.stringify([h.sourceHash, h.permalink, h.id, h.translations]);
}

/** A digest of a list of heads, cheap for heads seen before (remembered by object identity). */
export function headsDigest(heads: Iterable<ArticleHead>, salt: string): string {
  return digest.of(heads, headFingerprint, salt);
}
