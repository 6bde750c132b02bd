/** Which feed a request path names: `/feed.xml`, `/tags/<slug>/atom.xml`, Hugo's `/index.xml`… */

import { TAXONOMIES, type TaxonomyKind } from '../catalog/scope.ts';
import { type FeedFormat, formatByFile } from '../feeds/formats.ts';

export type FeedPath =
  | { readonly kind: 'site'; readonly format: FeedFormat }
  | {
      readonly kind: TaxonomyKind /** Decoded, as requested. */;
      readonly slug: string;
      readonly format: FeedFormat;
    };

/** Parses a raw (percent-encoded) path; undefined when it names no feed or cannot be decoded. */
export function parseFeedPath(rawPath: string): FeedPath | undefined {
  const segments = rawPath.split('/').slice(1);
  const file = segments.pop();
  const format = file === undefined ? undefined : formatByFile(file);
  if (!format) return undefined;
  if (segments.length === 0) return { kind: 'site', format };
  const taxonomy = TAXONOMIES.find((t) => t.path === segments[0]);
  if (!taxonomy || segments.length < 2) return undefined;
  try {
    const slug = segments.slice(1).map(decodeURIComponent).join('/');
    return slug ? { kind: taxonomy.kind, slug, format } : undefined;
  } catch {
    return undefined;
  }
}
