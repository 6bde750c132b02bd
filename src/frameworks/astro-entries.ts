/**
 * An Astro content collection's entries as articles: the fields Astro's blog template and common
 * schemas write, read by name. Values are handed on as they are: publishArticles checks each once,
 * and an entry whose field has the wrong shape is an error naming its file.
 */
import { escapeText } from '../core/escape.ts';
import { isRecord } from '../core/guards.ts';

/** What `getCollection()` gives for each entry: the parts read here (Astro 5's content layer and later). */
export interface AstroEntry {
  readonly id: string;
  readonly collection: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The entry's source below its front matter (Markdown, for a `.md` file). */
  readonly body?: string | undefined;
  readonly filePath?: string | undefined;
  /** The HTML Astro rendered the entry to (with the site's Markdown settings): what its page shows. */
  readonly rendered?: { readonly html: string } | undefined;
}

/** The page of an entry, as Astro's blog template routes it: `/<collection>/<id>/`. */
export const collectionPage = (entry: AstroEntry): string => `/${entry.collection}/${entry.id}/`;

const first = (data: Readonly<Record<string, unknown>>, names: readonly string[]) =>
  names.map((name) => data[name]).find((value) => value !== undefined && value !== null);

/** Authors as written: a name, `{ name, email?, url? }`, or a list of them (references to other collections are not people here). */
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

/** An image as written: a URL or path, or what Astro's `image()` schema gives (`{ src, width, … }`). */
function imageOf(value: unknown): unknown {
  return isRecord(value) && typeof value.src === 'string' ? value.src : value;
}

/**
 * The article an entry is: its body as Astro rendered it (else its Markdown source), its page from
 * `page`, and the fields of its data by the names Astro's templates use.
 */
export function astroArticle<E extends AstroEntry>(
  entry: E,
  page: (entry: E) => string,
): Record<string, unknown> {
  const { data } = entry;
  const html = entry.rendered?.html;
  const description = first(data, ['description', 'summary']);
  return {
    title: data.title,
    path: page(entry),
    date: first(data, ['pubDate', 'date', 'publishDate', 'published']),
    updated: first(data, ['updatedDate', 'updated', 'lastmod', 'modified']),
    // A description is plain text; beside an HTML body, a summary is HTML.
    summary: html !== undefined && typeof description === 'string' ? escapeText(description) : description,
    tags: data.tags,
    categories: data.categories,
    authors: authorsOf(first(data, ['authors', 'author'])),
    image: imageOf(first(data, ['heroImage', 'image', 'cover'])),
    lang: first(data, ['lang', 'language']),
    draft: data.draft,
    source: entry.filePath ?? `${entry.collection}/${entry.id}`,
    ...(html !== undefined ? { html } : entry.body !== undefined ? { markdown: entry.body } : {}),
  };
}
