/** JSON Feed 1.1. */
import type { Author } from '../content/article.ts';
import { formatRfc3339 } from '../core/time.ts';
import type { FeedLinks } from './feed-links.ts';
import type { FeedItem, FeedModel, ItemContext } from './model.ts';

function jsonAuthor(author: Author) {
  return {
    name: author.name ?? author.email,
    ...(author.url ? { url: author.url } : author.email ? { url: `mailto:${author.email}` } : {}),
  };
}

/** One item, serialized: feeds splice these strings into their `items` array. */
export function jsonItem(item: FeedItem, context: ItemContext): string {
  const feedLanguage = context.language;
  return JSON.stringify({
    id: item.id,
    // A link post: the item is the article's page, about the page it links to.
    url: item.pageUrl ?? item.url,
    ...(item.pageUrl && { external_url: item.url }),
    title: item.title,
    content_html: item.contentHtml ?? item.summaryHtml,
    summary: item.summaryText,
    ...(item.image && { image: item.image }),
    ...(item.attachments.length > 0 && {
      attachments: item.attachments.map((a) => ({
        url: a.url,
        mime_type: a.type,
        ...(a.title !== undefined && { title: a.title }),
        ...(a.length !== undefined && { size_in_bytes: a.length }),
        ...(a.duration !== undefined && { duration_in_seconds: a.duration }),
      })),
    }),
    date_published: formatRfc3339(item.published),
    date_modified: formatRfc3339(item.updated),
    ...(item.authors.length > 0 && { authors: item.authors.map(jsonAuthor) }),
    ...(item.categories.length > 0 && { tags: [...new Set(item.categories.map((c) => c.term))] }),
    ...(item.language !== feedLanguage && { language: item.language }),
  });
}

export function jsonDocument(model: FeedModel, links: FeedLinks, items: readonly string[]): string {
  const head = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: model.title,
    home_page_url: model.homeUrl,
    feed_url: links.self,
    ...(links.prevArchive && { next_url: links.prevArchive }),
    description: model.description,
    ...(model.image && { icon: model.image }),
    ...(model.icon && { favicon: model.icon }),
    language: model.language,
    ...(model.hubs.length > 0 && { hubs: model.hubs.map((url) => ({ type: 'WebSub', url })) }),
    authors: model.authors.map(jsonAuthor),
  });
  return `${head.slice(0, -1)},"items":[${items.join(',')}]}\n`;
}
