/**
 * Every feed of an Astro content collection from one endpoint, `src/pages/[...feed].ts` (or under a
 * folder: `src/pages/feeds/[...feed].ts`): `getStaticPaths` lists every file for `astro build`, and
 * `GET` answers through the one app (ETags, 304s, compression) — a file of a static build, or a
 * request on an SSR adapter. Links are built on Astro's `site`; the feeds live where the route is.
 */
import type { Hono } from 'hono';
import type { ArticlesConfig } from '../config/articles-config.ts';
import type { Article } from '../content/article-object.ts';
import { encodeSlugPath } from '../content/paths/slug.ts';
import { isRecord } from '../core/guards.ts';
import { LruMap } from '../core/lru-map.ts';
import { formatProblem } from '../core/problem.ts';
import { nodeApp } from '../node/node-app.ts';
import { type Publication, publishArticleList } from '../node/publication.ts';
import { type AstroEntry, astroArticle, collectionPage } from './astro-entries.ts';

export interface AstroFeedsOptions<E extends AstroEntry> extends ArticlesConfig {
  /** The entries: `() => getCollection('blog')` (filter drafts there if the collection holds them). */
  readonly entries: () => Promise<readonly E[]> | readonly E[];
  /** The path of an entry's page on the site. @default `/<collection>/<id>/` (Astro's blog template) */
  readonly page?: (entry: E) => string;
  /** The article an entry is, when the fields are not where Astro's templates keep them. @default read by name */
  readonly article?: (entry: E) => Article;
  /** The name of the route's rest parameter: `feed` for `[...feed].ts`. @default 'feed' */
  readonly param?: string;
}

/** What an endpoint is called with: the parts of Astro's APIContext used here. */
export interface AstroContext {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly request: Request;
  readonly url: URL;
  readonly site?: URL | undefined;
  readonly isPrerendered?: boolean;
}

export interface AstroFeedRoutes {
  /** Every file of every feed (archive pages, OPML and feeds.json too), for a static build. */
  getStaticPaths(): Promise<{ readonly params: Readonly<Record<string, string>> }[]>;
  GET(context: AstroContext): Promise<Response>;
}

/**
 * The site a publication is made on only to list its files, before Astro says its `site` (which
 * getStaticPaths is not told): the files of a site do not depend on its address, as pages are
 * paths on it. Nothing rendered on it is ever served.
 */
const LISTING_SITE = 'https://feedwright.invalid/';

/** A publication, and the app that answers from it. */
interface Served {
  readonly publication: Publication;
  readonly app: Hono;
}

/** A path's last `count` segments taken away: where the route is mounted (`/feeds/`). */
function mountOf(pathname: string, value: string | undefined): string {
  const count = value ? value.split('/').length : 0;
  const kept = count === 0 ? pathname : pathname.split('/').slice(0, -count).join('/');
  return kept.endsWith('/') ? kept : `${kept}/`;
}

/** The file a parameter names: as given, or as Astro hands back a name holding `#` or `?` (escaped). */
function fileOf(publication: Publication, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (publication.files.includes(value)) return value;
  try {
    const decoded = value.split('/').map(decodeURIComponent).join('/');
    return publication.files.includes(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** A name a static host looks for a file by, after decoding the URL: `#` and `?` cannot be in one. */
const servableFile = (file: string) => !/[#?]/.test(file);

export function astroFeeds<E extends AstroEntry>(options: AstroFeedsOptions<E>): AstroFeedRoutes {
  const { entries, page = collectionPage, article, param = 'feed', ...settings } = options;
  const identity = isRecord(settings.identity) ? settings.identity : {};
  const givenSite = settings.siteUrl ?? identity.siteUrl;
  const givenFeeds = settings.feedsUrl ?? identity.feedsUrl;
  const published = new LruMap<string, Promise<Served>>(4);
  let said = '';

  /** The publication of the entries as they are now, on `siteUrl` (made once for the same entries). */
  async function publish(siteUrl: string, feedsUrl: string | undefined, listing: boolean) {
    const articles = (await entries()).map((entry) => (article ? article(entry) : astroArticle(entry, page)));
    const key = JSON.stringify([siteUrl, feedsUrl ?? null, articles]);
    let found = published.get(key);
    if (!found) {
      const made: Promise<Served> = publishArticleList(
        {
          ...settings,
          ...(givenSite === undefined && { siteUrl }),
          ...(givenFeeds === undefined && feedsUrl !== undefined && { feedsUrl }),
          articles,
        },
        undefined,
        // The listing site is a placeholder of ours, whose documents are never served.
        { listing: siteUrl === LISTING_SITE },
      ).then(({ publication, source }) => ({ publication, app: nodeApp(source).app }));
      // A publication that failed is made again when asked again.
      made.catch(() => published.deleteIf(key, made));
      published.set(key, made);
      found = made;
    }
    const { publication, app } = await found;
    const problems = publication.problems.map((p) => `[feedwright] ${formatProblem(p)}`).join('\n');
    // Each time they change, once (a static build asks for every file).
    if (!listing && problems !== said) {
      said = problems;
      if (problems) console.warn(problems);
    }
    return { publication, app };
  }

  return {
    async getStaticPaths() {
      const { publication } = await publish(givenSite ?? LISTING_SITE, givenFeeds, true);
      // The index page is the site's own business (its `/` is a page of its own).
      const files = publication.files.filter((file) => file !== 'index.html');
      const left = files.filter((file) => !servableFile(file));
      if (left.length > 0)
        console.warn(
          `[feedwright] left out of the static build (Astro writes "#" and "?" in a file name escaped, where static hosts do not look): ${left.join(', ')}`,
        );
      return files.filter(servableFile).map((file) => ({ params: { [param]: file } }));
    },

    async GET(context) {
      const site = givenSite ?? context.site?.href;
      if (site === undefined)
        throw new Error(
          'feedwright/astro: set `site` in astro.config (every item links to its page by its absolute URL), or siteUrl in the options',
        );
      const value = context.params[param];
      const feedsUrl = givenFeeds ?? new URL(mountOf(context.url.pathname, value), site).href;
      const { publication, app } = await publish(site, feedsUrl, false);
      const file = fileOf(publication, value);
      if (context.isPrerendered && file === undefined)
        throw new Error(
          `feedwright/astro: ${value ?? '/'} was listed, but is not a file of the feeds on ${site}`,
        );
      const target = new URL(file === undefined ? (value ?? '') : encodeSlugPath(file), feedsUrl);
      const { request } = context;
      // A file of a static build has no request to answer (and Astro says so when its headers are read).
      const headers = context.isPrerendered ? undefined : request.headers;
      return app.fetch(new Request(target, { method: request.method, ...(headers && { headers }) }));
    },
  };
}
