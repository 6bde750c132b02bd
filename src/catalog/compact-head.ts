/** Article heads in a compact serialized form (the Worker's assets): what can be derived is left out. */
import type { ArticleHead } from '../content/article.ts';

/** A head without what can be derived again: about a third smaller. */
export type CompactHead = Partial<ArticleHead> & Pick<ArticleHead, 'path' | 'permalink' | 'date'>;

/** `groupedKeys`: translation keys shared by more than one article (the others are not kept). */
export function compactHead(head: ArticleHead, groupedKeys: ReadonlySet<string>): CompactHead {
  const out: Record<string, unknown> = { ...head };
  if (head.id === head.permalink) delete out.id;
  if (head.updated === head.date) delete out.updated;
  if (head.liveFrom === head.date) delete out.liveFrom;
  if (head.published === undefined) delete out.published;
  if (head.link === undefined) delete out.link;
  if (head.weight === undefined) delete out.weight;
  if (head.termsOnly === undefined) delete out.termsOnly;
  if (head.episode === undefined) delete out.episode;
  if (head.archiveOrder === undefined) delete out.archiveOrder;
  if (!groupedKeys.has(head.translationKey)) delete out.translationKey;
  if (!head.summaryOnly) delete out.summaryOnly;
  for (const field of ['authors', 'translations', 'attachments'] as const) {
    if (head[field].length === 0) delete out[field];
  }
  if (Object.values(head.terms).every((names) => names.length === 0)) delete out.terms;
  return out as CompactHead;
}

/**
 * The exact head compactHead() was given (a translation key nobody shares is replaced by a unique
 * one). One object literal with every field in a fixed order: spreading and then overriding keys left
 * V8 objects in slow dictionary mode, which made building the catalog ten times slower.
 */
export function expandHead(c: CompactHead): ArticleHead {
  return {
    path: c.path,
    sourceHash: c.sourceHash ?? '',
    title: c.title ?? '',
    permalink: c.permalink,
    id: c.id ?? c.permalink,
    section: c.section ?? '',
    date: c.date,
    published: c.published,
    link: c.link,
    weight: c.weight,
    termsOnly: c.termsOnly,
    updated: c.updated ?? c.date,
    liveFrom: c.liveFrom ?? c.date,
    expires: c.expires,
    draft: c.draft ?? false,
    summaryOnly: c.summaryOnly ?? false,
    terms: c.terms ?? {},
    language: c.language ?? '',
    authors: c.authors ?? [],
    image: c.image,
    attachments: c.attachments ?? [],
    episode: c.episode,
    translationKey: c.translationKey ?? `\u0000${c.path}`,
    translations: c.translations ?? [],
    archiveOrder: c.archiveOrder,
  };
}
