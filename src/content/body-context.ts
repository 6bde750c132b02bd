/**
 * What rendering a body needs to know about the rest of the site: for Jekyll's Liquid, the site's
 * variables and where its other documents are (`{% post_url %}`, `{% link %}`).
 */
import type { ReadSettings, SourceArticle } from './article.ts';
import type { BodyContext } from './article-body.ts';
import { GENERATORS } from './generators.ts';

const EXTENSION = /\.[^./]+$/;

/**
 * Where Jekyll puts a page that is not one of the posts read (`about.md`, `_docs/x.md`): by the site's
 * permalink style, `/about/` (pretty) or `/about.html`; a collection's documents under its name.
 */
function pageUrl(path: string, settings: ReadSettings): string {
  const withoutExtension = path.replace(EXTENSION, '').replace(/^_/, '');
  const base = settings.siteUrl.path;
  if (/(^|\/)index$/.test(withoutExtension)) return base + withoutExtension.replace(/index$/, '');
  return settings.permalink.endsWith('/') ? `${base}${withoutExtension}/` : `${base}${withoutExtension}.html`;
}

/** The context a site's bodies are rendered in, given every article read. */
export function bodyContext(settings: ReadSettings, articles: readonly SourceArticle[]): BodyContext {
  const maxBytes = settings.maxBodyBytes;
  if (!GENERATORS[settings.generator].liquid) return { maxBytes };
  const byPath = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const { head } of articles) {
    const url = new URL(head.permalink).pathname;
    byPath.set(head.path, url);
    const inPosts = head.path.replace(/^(?:.*\/)?_posts\//, '').replace(EXTENSION, '');
    byName.set(inPosts, url);
    byName.set(inPosts.split('/').at(-1) ?? inPosts, url);
  }
  return {
    maxBytes,
    liquid: {
      site: {
        ...settings.variables,
        url: settings.siteUrl.origin,
        baseurl: settings.siteUrl.path.replace(/\/$/, ''),
      },
      basePath: settings.siteUrl.path,
      siteUrl: settings.siteUrl.href,
      links: {
        post: (name) => byName.get(name.replace(/^\/+/, '').replace(EXTENSION, '')),
        file: (path) => byPath.get(path) ?? pageUrl(path, settings),
      },
    },
  };
}
