// Compiled, not run: the public API's option types are the settings' own, so a wrong value fails
// `tsc` (npm run typecheck) before it could fail at start. Each `@ts-expect-error` line must be an
// error, for the reason its comment says (tests/config/types.test.ts checks both).
import {
  type Article,
  buildContent,
  defineConfig,
  publishArticles,
  publishContent,
  type UserConfig,
} from '../../src/index.ts';

export const grouped: UserConfig = defineConfig({
  identity: { title: 'T', siteUrl: 'https://feedwright.dev/', author: { name: 'Ada' } },
  articles: { generator: 'hugo', taxonomies: ['tags', { name: 'series', fields: ['series'] }] },
  feeds: { per: ['sections'], routes: [{ scope: 'tags', path: 't/{slug}.xml', format: 'rss' }] },
  http: { polling: false },
  push: { hubs: 'https://hub.feedwright.dev/' },
  ids: 'ids.json',
});
export const flat: UserConfig = defineConfig({ title: 'T', itemLimit: { site: 5, series: 0 }, feeds: [] });

const site = {
  siteUrl: 'https://feedwright.dev/',
  timeZone: 'Europe/Berlin',
  itemLimit: { tags: 5 },
} as const;
export const articles: Article[] = [
  { title: 'A', path: '/a/', date: '2025-01-01', tags: ['go'], markdown: '*a*' },
  {
    title: 'B',
    url: 'https://feedwright.dev/b/',
    date: new Date(),
    html: '<p>b</p>',
    enclosures: [{ url: '/b.mp3' }],
  },
];
export const published = publishArticles({ ...site, identity: { title: 'T' }, articles });

export async function wrong() {
  // @ts-expect-error itemLimit is a number
  await publishContent({ itemLimit: 'ten' });
  // @ts-expect-error title is text
  defineConfig({ identity: { title: 3 } });
  // @ts-expect-error generator is one of feedwright, hugo, jekyll
  defineConfig({ articles: { generator: 'gatsby' } });
  // @ts-expect-error per-kind values are numbers too
  defineConfig({ feeds: { itemLimit: { tags: '5' } } });
  // @ts-expect-error a route's format is rss, atom or json
  defineConfig({ feeds: [{ scope: 'tags', path: 't.xml', format: 'rdf' }] });
  // @ts-expect-error polling is false or bounds, not true
  defineConfig({ polling: true });
  // @ts-expect-error identity has no titel
  defineConfig({ identity: { titel: 'T' } });
  // @ts-expect-error the port is a number (flags are converted where they are read)
  await buildContent({ out: 'public', port: '8080' });
  // @ts-expect-error an article's tags are a list
  await publishArticles({ ...site, articles: [{ title: 'A', path: '/a/', date: '2025-01-01', tags: 'go' }] });
  // @ts-expect-error an article has no titel
  await publishArticles({ ...site, articles: [{ titel: 'A', path: '/a/', date: '2025-01-01' }] });
  // @ts-expect-error an article's page is a url or a path, not both
  await publishArticles({ ...site, articles: [{ title: 'A', url: 'https://e/', path: '/a/', date: 'd' }] });
  // @ts-expect-error a date is a Date or text, not a number
  await publishArticles({ ...site, articles: [{ title: 'A', path: '/a/', date: 1735689600000 }] });
  // @ts-expect-error permalink says how a folder is read: no setting of publishArticles
  await publishArticles({ ...site, permalink: '/:slug/', articles });
}
