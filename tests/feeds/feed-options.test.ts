// What site owners configure about their feeds: where they are served (feedsUrl), how many items and
// how much of each article per kind of feed, the channel image and icon, and term pages (_index.md).
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { type FeedScope, SITE_SCOPE } from '../../src/catalog/scope.ts';
import type { ConfigInput } from '../../src/config/site-config.ts';
import { readListPage } from '../../src/content/list-page.ts';
import { formatByName } from '../../src/feeds/formats.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../src/publish/cache/feed-cache.ts';
import { catalogOf, expectParsersAgree, expectWellFormedXml, md, NOW, testConfig } from '../helpers.ts';

const files = {
  'posts/one.md': md(
    { title: 'One', date: '2025-01-01', tags: ['go'] },
    'Teaser.\n\n<!--more-->\n\nThe full text of one.',
  ),
  'posts/two.md': md(
    { title: 'Two', date: '2025-01-02', tags: ['go'] },
    'Teaser.\n\n<!--more-->\n\nThe full text of two.',
  ),
  'posts/three.md': md(
    { title: 'Three', date: '2025-01-03', tags: ['go'], summary: 'Teaser of three.', summaryOnly: true },
    'The full text of three.',
  ),
};
const TAG: FeedScope = { kind: 'tags', slug: 'go' };
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

async function feedsOf(input: ConfigInput, scope: FeedScope, catalogFor?: (c: Catalog) => Catalog) {
  const config = testConfig(input);
  let catalog = catalogOf(files, NOW, config);
  if (catalogFor) catalog = catalogFor(catalog);
  const cache = new FeedCache(catalogOnly(config));
  const text = async (name: 'rss' | 'atom' | 'json') => {
    const document = await cache.feed(catalog, scope, formatByName(name));
    if (!document) throw new Error('no feed');
    return new TextDecoder().decode(document.body);
  };
  const [rss, atom, json] = await Promise.all([text('rss'), text('atom'), text('json')]);
  expectWellFormedXml(rss);
  expectWellFormedXml(atom);
  await expectParsersAgree(rss);
  await expectParsersAgree(atom);
  return { rss: xml.parse(rss).rss.channel, atom: xml.parse(atom).feed, json: JSON.parse(json) };
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('feedsUrl: feeds served from another address than the site', () => {
  it('builds self links on the feeds address and every article link on the site', async () => {
    const { rss, atom, json } = await feedsOf(
      { siteUrl: 'https://blog.feedwright.dev/', feedsUrl: 'https://feeds.feedwright.dev/blog/' },
      TAG,
    );
    expect(rss['atom:link'].href).toBe('https://feeds.feedwright.dev/blog/tags/go/feed.xml');
    expect(rss.link).toBe('https://blog.feedwright.dev/tags/go/');
    expect(asList(rss.item).map((i: { link: string }) => i.link)).toEqual([
      'https://blog.feedwright.dev/posts/three/',
      'https://blog.feedwright.dev/posts/two/',
      'https://blog.feedwright.dev/posts/one/',
    ]);
    expect(atom.id).toBe('https://feeds.feedwright.dev/blog/tags/go/atom.xml');
    expect(asList(atom.link).find((l: { rel: string }) => l.rel === 'self')?.href).toBe(
      'https://feeds.feedwright.dev/blog/tags/go/atom.xml',
    );
    expect(json.feed_url).toBe('https://feeds.feedwright.dev/blog/tags/go/feed.json');
    expect(json.home_page_url).toBe('https://blog.feedwright.dev/tags/go/');
    expect(json.items[0].id).toBe('https://blog.feedwright.dev/posts/three/');
  });
});

describe('item limits per kind of feed', () => {
  it('applies the site limit to the site feed and the tags limit to tag feeds', async () => {
    const limits = { itemLimit: { site: 1, tags: 2 } };
    expect((await feedsOf(limits, SITE_SCOPE)).json.items).toHaveLength(1);
    expect((await feedsOf(limits, TAG)).json.items).toHaveLength(2);
  });

  it('refuses a kind of feed that does not exist, naming it', () => {
    expect(() => testConfig({ itemLimit: { sites: 3 } })).toThrow(/itemLimit\.sites is not a kind of feed/);
    expect(() => testConfig({ itemLimit: { tags: -1 } })).toThrow(/itemLimit\.tags must be a whole number/);
    // A taxonomy the site does not have is no kind of feed; one it has is.
    expect(() => testConfig({ itemLimit: { series: 1 } })).toThrow(/itemLimit\.series is not a kind of feed/);
    expect(testConfig({ taxonomies: ['tags', 'series'], itemLimit: { series: 1 } }).itemLimit).toMatchObject({
      series: 1,
      tags: 20,
    });
  });
});

describe('per-scope settings reach every kind of feed', () => {
  // One article per day, each in section `posts`, in tag `go`, in series `tour`, by Ada, in English
  // or French: every kind of feed has three articles, the site five.
  const everywhere = Object.fromEntries(
    [1, 2, 3, 4, 5].map((day) => [
      `posts/p${day}${day > 3 ? '.fr' : ''}.md`,
      md(
        {
          title: `P${day}`,
          date: `2025-01-0${day}`,
          author: 'Ada',
          tags: day <= 3 ? ['go'] : [],
          series: day <= 3 ? ['tour'] : [],
          summary: `Teaser ${day}.`,
        },
        `The full text of ${day}.`,
      ),
    ]),
  );
  const scopes: Record<string, FeedScope> = {
    series: { kind: 'series' as FeedScope['kind'], slug: 'tour' },
    sections: { kind: 'sections', slug: 'posts' },
    languages: { kind: 'languages', slug: 'fr' },
    authors: { kind: 'authors', slug: 'ada' },
  };

  async function jsonFeed(input: ConfigInput, scope: FeedScope) {
    const config = testConfig({ taxonomies: ['tags', 'series'], ...input });
    const catalog = catalogOf(everywhere, NOW, config);
    const document = await new FeedCache(catalogOnly(config)).feed(catalog, scope, formatByName('json'));
    if (!document) throw new Error(`no feed for ${scope.kind}:${scope.slug}`);
    return JSON.parse(new TextDecoder().decode(document.body));
  }

  for (const [kind, scope] of Object.entries(scopes)) {
    it(`${kind}: itemLimit, summaryOnly and history set for it apply to its feeds, and only to them`, async () => {
      const own = await jsonFeed(
        { itemLimit: { [kind]: 1 }, summaryOnly: { [kind]: true }, history: { [kind]: true } },
        scope,
      );
      expect(own.items).toHaveLength(1);
      expect(JSON.stringify(own.items)).not.toContain('The full text');
      expect(own.next_url).toMatch(/\/archive\/\d+\/feed\.json$/);
      // Set for the site (and for tags), it leaves this kind at the default.
      const others = await jsonFeed({ itemLimit: { site: 1, tags: 1 }, summaryOnly: { site: true } }, scope);
      expect(others.items.length).toBeGreaterThan(1);
      expect(JSON.stringify(others.items)).toContain('The full text');
      const noHistory = await jsonFeed({ itemLimit: { [kind]: 1 }, history: { [kind]: false } }, scope);
      expect(noHistory.next_url).toBeUndefined();
      // By default only the site's feed keeps its history.
      const byDefault = await jsonFeed({ itemLimit: 1 }, scope);
      expect(byDefault.next_url).toBeUndefined();
      expect((await jsonFeed({ itemLimit: 1 }, SITE_SCOPE)).next_url).toMatch(/\/archive\/1\/feed\.json$/);
    });
  }
});

describe('summary-only feeds', () => {
  it('carry the summary and the link, never the full text, in every format', async () => {
    const { rss, atom, json } = await feedsOf({ summaryOnly: true }, SITE_SCOPE);
    for (const item of asList(rss.item)) expect(item['content:encoded']).toBeUndefined();
    for (const entry of asList(atom.entry)) {
      expect(entry.content).toBeUndefined();
      expect(entry.summary['#text']).toBeTruthy();
    }
    for (const item of json.items) expect(item.content_html).not.toMatch(/The full text/);
    expect(JSON.stringify(json)).not.toContain('The full text');
  });

  it('can be asked for per kind of feed, and by one article alone', async () => {
    const site = await feedsOf({ summaryOnly: { tags: true } }, SITE_SCOPE);
    const fullTexts = asList(site.rss.item).map((i: { 'content:encoded'?: string }) => i['content:encoded']);
    // Three asked for summary-only in its front matter; the others keep their text in the site feed.
    expect(fullTexts).toEqual([undefined, expect.stringContaining('two'), expect.stringContaining('one')]);
    const tag = await feedsOf({ summaryOnly: { tags: true } }, TAG);
    expect(asList(tag.rss.item).every((i: { 'content:encoded'?: string }) => !i['content:encoded'])).toBe(
      true,
    );
  });
});

describe('channel image and icon', () => {
  it('appear as RSS image, Atom logo and icon, JSON Feed icon and favicon, made absolute', async () => {
    const { rss, atom, json } = await feedsOf(
      { image: '/logo.png', icon: 'https://cdn.feedwright.dev/i.png' },
      TAG,
    );
    expect(rss.image).toEqual({
      url: 'https://feedwright.dev/logo.png',
      title: rss.title,
      link: rss.link,
    });
    expect([atom.logo, atom.icon]).toEqual([
      'https://feedwright.dev/logo.png',
      'https://cdn.feedwright.dev/i.png',
    ]);
    expect([json.icon, json.favicon]).toEqual([
      'https://feedwright.dev/logo.png',
      'https://cdn.feedwright.dev/i.png',
    ]);
  });

  it('are absent when not configured, and a non-http image is a config error', async () => {
    const { rss, atom, json } = await feedsOf({}, SITE_SCOPE);
    expect([rss.image, atom.logo, atom.icon, json.icon, json.favicon]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => testConfig({ image: 'javascript:alert(1)' })).toThrow(/image must be an http\(s\) URL/);
  });
});

describe("a term's own page (content/tags/<term>/_index.md)", () => {
  it('gives its feed a title, description and image', async () => {
    const config = testConfig();
    const page = readListPage(
      {
        path: 'tags/go/_index.md',
        text: md({ title: 'The Go language', description: 'Posts about Go.', image: 'gopher.png' }, ''),
        hash: 'x',
      },
      config,
    );
    if (!page.ok) throw new Error(page.problem.message);
    const { buildCatalog } = await import('../../src/catalog/catalog.ts');
    const { article } = await import('../helpers.ts');
    const sources = Object.entries(files).map(([path, text]) => article(text, path));
    const catalog = buildCatalog(sources, [], {
      now: NOW,
      itemLimits: config.itemLimit,
      groupings: (await import('../../src/catalog/scope.ts')).configGroupings(config),
      renderBody: (await import('../../src/content/render/article-body.ts')).renderArticleBody,
      listPages: [page.page],
    });
    const { rss, json } = await feedsOf({}, TAG, () => catalog);
    expect(rss.title).toBe('Test site — Tag: The Go language');
    expect(rss.description).toBe('Posts about Go.');
    expect(rss.image.url).toBe('https://feedwright.dev/tags/go/gopher.png');
    expect(json.title).toBe('Test site — Tag: The Go language');
  });
});
