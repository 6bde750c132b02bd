/**
 * An Eleventy collection's items as articles: the page Eleventy wrote (`url`), its date, the HTML it
 * rendered, and the fields of its data by the names Eleventy's starter blog uses. Values are handed
 * on as they are: publishArticles checks each once, naming the item's input file.
 */
import { escapeText } from '../core/escape.ts';
import { isRecord } from '../core/guards.ts';

/** A collection item as Eleventy 3 gives it: the parts read here. */
export interface EleventyItem {
  /** The page's URL path on the site; false for a template that writes no page. */
  readonly url: string | false;
  readonly date: Date;
  readonly inputPath: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The HTML Eleventy rendered the template to, without its layout (once it is rendered). */
  readonly content?: unknown;
}

const first = (data: Readonly<Record<string, unknown>>, names: readonly string[]) =>
  names.map((name) => data[name]).find((value) => value !== undefined && value !== null);

/** Authors as written: a name, `{ name, email?, url? }`, or a list of them. */
function authorsOf(value: unknown): unknown {
  if (value === undefined) return undefined;
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list.flatMap((author): unknown[] => {
    if (typeof author === 'string') return [author];
    if (isRecord(author) && typeof author.name === 'string') {
      const { name, email, url } = author;
      return [{ name, ...(email !== undefined && { email }), ...(url !== undefined && { url }) }];
    }
    return [];
  });
}

/**
 * The tags of an item, but the collection's own name and `all` (Eleventy's collections are tags
 * too: `tags: posts` puts a post in the posts collection, and is no topic of it).
 */
function tagsOf(value: unknown, collection: string): unknown {
  const tags = typeof value === 'string' ? [value] : value;
  return Array.isArray(tags) ? tags.filter((tag) => tag !== collection && tag !== 'all') : tags;
}

/**
 * The article an item is; `withBody`: with the HTML Eleventy rendered (only once it has: the list
 * of files is made before any page is).
 */
export function eleventyArticle(
  item: EleventyItem,
  collection: string,
  withBody: boolean,
): Record<string, unknown> {
  const { data } = item;
  const description = first(data, ['description', 'summary']);
  return {
    title: data.title,
    path: item.url,
    date: item.date,
    updated: first(data, ['updated', 'lastmod', 'modified', 'updatedDate']),
    // A description is plain text; beside the HTML body, a summary is HTML.
    summary: typeof description === 'string' ? escapeText(description) : description,
    tags: tagsOf(data.tags, collection),
    categories: data.categories,
    authors: authorsOf(first(data, ['authors', 'author'])),
    image: first(data, ['image', 'cover']),
    lang: first(data, ['lang', 'language']),
    draft: data.draft,
    source: item.inputPath.replace(/^\.\//, ''),
    ...(withBody && { html: item.content }),
  };
}
