// Every feed's title says what it is, is the same wherever the feed is named (the feed itself, the
// OPML, feeds.json, the index page), and no two feeds of a site share one, even as readers that
// fold case and punctuation compare them.
import { describe, expect, it } from 'vitest';
import { publishContent } from '../../src/node/publication.ts';

const content = new URL('../fixtures/feed-titles/content/', import.meta.url).pathname;
const site = await publishContent({
  content,
  siteUrl: 'https://titles.feedwright.dev/',
  title: 'Titles',
  refresh: 'off',
});
const text = async (path: string) => {
  const document = await site.render(path);
  if (!document) throw new Error(`no document at ${path}`);
  return new TextDecoder().decode(document.body);
};
const feedsUrl = 'https://titles.feedwright.dev/';
const unescapeXml = (value: string) =>
  value.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

/** The OPML's feeds: title and text, by the feed's URL. */
async function opmlFeeds(): Promise<Map<string, { text: string; title: string }>> {
  const opml = await text('feeds.opml');
  const feeds = new Map<string, { text: string; title: string }>();
  for (const [outline] of opml.matchAll(/<outline type="rss"[^>]*\/>/g)) {
    const attribute = (name: string) =>
      unescapeXml(new RegExp(` ${name}="([^"]*)"`).exec(outline)?.[1] ?? '');
    feeds.set(attribute('xmlUrl'), { text: attribute('text'), title: attribute('title') });
  }
  return feeds;
}

/** How rss2email names a subscription made from an OPML outline (its opmlimport), then folded for case. */
const readerName = (title: string) => title.replace(/[^\p{L}\p{N}_.-]+/gu, '-').toLowerCase();

describe('feed titles', () => {
  it('say what each feed is: the kind of term, or the language', async () => {
    const titles = new Map([...(await opmlFeeds())].map(([url, { title }]) => [url, title]));
    expect(titles.get(`${feedsUrl}feed.xml`)).toBe('Titles');
    expect(titles.get(`${feedsUrl}tags/quiz/feed.xml`)).toBe('Titles — Tag: Quiz');
    expect(titles.get(`${feedsUrl}categories/qq/feed.xml`)).toBe('Titles — 分类：qq');
    expect(titles.get(`${feedsUrl}categories/news/feed.xml`)).toBe('Titles — 分类：News');
    expect(titles.get(`${feedsUrl}fr/feed.xml`)).toBe('Titles (fr)');
    // Worded by its own page.
    expect(titles.get(`${feedsUrl}tags/go/feed.xml`)).toBe('Gophers at Titles');
    // The tag qq's page names it 科技, as the tag 科技 is named: each says where it is.
    expect(titles.get(`${feedsUrl}tags/qq/feed.xml`)).toBe('Titles — Tag: 科技 (tags/qq/)');
    expect(titles.get(`${feedsUrl}tags/%E7%A7%91%E6%8A%80/feed.xml`)).toBe(
      'Titles — Tag: 科技 (tags/%E7%A7%91%E6%8A%80/)',
    );
    expect(titles.get(`${feedsUrl}tags/c%23/feed.xml`)).toBe('Titles — Tag: C# (tags/c%23/)');
    expect(titles.get(`${feedsUrl}tags/c%2B%2B/feed.xml`)).toBe('Titles — Tag: C++ (tags/c%2B%2B/)');
  });

  it('are unique, even with case and punctuation folded as readers name subscriptions', async () => {
    const feeds = await opmlFeeds();
    const scopes = site.paths.filter((path) => path.endsWith('feed.xml'));
    expect(feeds.size).toBe(scopes.length);
    const names = [...feeds.values()].map(({ title }) => readerName(title));
    expect(new Set(names).size).toBe(names.length);
  });

  it('are the same in every format of the feed, its view, the OPML, feeds.json and the index page', async () => {
    const opml = await opmlFeeds();
    const json = JSON.parse(await text('feeds.json')) as {
      feeds: Record<string, { title: string; links: { href: string; title: string }[] }>;
    };
    const index = await text('index.html');
    for (const [url, { text: outlineText, title }] of opml) {
      expect(outlineText).toBe(title);
      const path = url.slice(feedsUrl.length);
      const base = path.slice(0, -'feed.xml'.length);
      const rss = await text(path);
      expect(unescapeXml(/<channel>\n<title>([^<]*)<\/title>/.exec(rss)?.[1] ?? ''), path).toBe(title);
      const atom = await text(`${base}atom.xml`);
      expect(unescapeXml(/^<title[^>]*>([^<]*)<\/title>$/m.exec(atom)?.[1] ?? ''), path).toBe(title);
      expect(JSON.parse(await text(`${base}feed.json`)).title, path).toBe(title);
      const entry = Object.values(json.feeds).find((feed) => feed.links.some((link) => link.href === url));
      expect(entry?.title, path).toBe(title);
      expect(entry?.links.map((link) => link.title)).toEqual([
        `${title} (RSS)`,
        `${title} (Atom)`,
        `${title} (JSON Feed)`,
      ]);
      // The index page names every feed for autodiscovery, titled alike.
      const discovery = new RegExp(
        `<link rel="alternate" type="application/rss\\+xml" title="([^"]*)" href="${url.replace(/[.+?]/g, '\\$&')}">`,
      ).exec(index);
      expect(unescapeXml(discovery?.[1] ?? ''), path).toBe(`${title} (RSS)`);
    }
  });
});
