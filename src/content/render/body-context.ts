/**
 * What rendering a body needs to know about the rest of the site: for Jekyll's Liquid, the site's
 * variables and where its other documents are (`{% post_url %}`, `{% link %}`).
 */
import type { ReadSettings, SourceArticle } from '../article.ts';
import { GENERATORS } from '../generators.ts';
import type { BodyContext } from './article-body.ts';

const EXTENSION = /\.[^./]+$/;

/**
 * Where Jekyll puts a page that is not one of the posts read (`about.md`, `_docs/x.md`): by the site's
 * permalink style, `/about/` (pretty) or `/about.html`; a collection's documents under its name.
 */
function pageUrl(path: string, base: string, pretty: boolean): string {
  const withoutExtension = path.replace(EXTENSION, '').replace(/^_/, '');
  if (/(^|\/)index$/.test(withoutExtension)) return base + withoutExtension.replace(/index$/, '');
  return pretty ? `${base}${withoutExtension}/` : `${base}${withoutExtension}.html`;
}

/**
 * What a site's bodies are rendered in, as plain data: it can be handed to another thread, which
 * makes the BodyContext with bodyContextFrom().
 */
export interface BodyContextData {
  readonly maxBytes: number;
  readonly liquid?: {
    readonly site: Readonly<Record<string, unknown>>;
    readonly basePath: string;
    readonly siteUrl: string;
    /** Posts by file name (with and without folders), and every file by path: site-relative URL paths. */
    readonly posts: ReadonlyMap<string, string>;
    readonly files: ReadonlyMap<string, string>;
    /** Pages not read are at `/name/` (true) or `/name.html`. */
    readonly prettyPages: boolean;
  };
}

/** The context a site's bodies are rendered in, given every article read, as data. */
export function bodyContextData(settings: ReadSettings, articles: readonly SourceArticle[]): BodyContextData {
  const maxBytes = settings.maxBodyBytes;
  if (!GENERATORS[settings.generator].liquid) return { maxBytes };
  const files = new Map<string, string>();
  const posts = new Map<string, string>();
  for (const { head } of articles) {
    const url = new URL(head.permalink).pathname;
    files.set(head.path, url);
    const inPosts = head.path.replace(/^(?:.*\/)?_posts\//, '').replace(EXTENSION, '');
    posts.set(inPosts, url);
    posts.set(inPosts.split('/').at(-1) ?? inPosts, url);
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
      posts,
      files,
      prettyPages: settings.permalink.endsWith('/'),
    },
  };
}

/** The context described by `data`. */
export function bodyContextFrom(data: BodyContextData): BodyContext {
  const { maxBytes, liquid } = data;
  if (!liquid) return { maxBytes };
  const { posts, files, prettyPages, ...rest } = liquid;
  return {
    maxBytes,
    liquid: {
      ...rest,
      links: {
        post: (name) => posts.get(name.replace(/^\/+/, '').replace(EXTENSION, '')),
        file: (path) => files.get(path) ?? pageUrl(path, liquid.basePath, prettyPages),
      },
    },
  };
}

/** The context a site's bodies are rendered in, given every article read. */
export function bodyContext(settings: ReadSettings, articles: readonly SourceArticle[]): BodyContext {
  return bodyContextFrom(bodyContextData(settings, articles));
}
