// tests/fixtures/hostile-content: control characters, `]]>` twice, markup in titles, script, relative
// URLs, a tag named like an element. Every feed of it must still be valid XML that all parsers read alike.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { type FeedScope, SITE_SCOPE } from '../../src/catalog/scope.ts';
import { FORMATS, formatByName } from '../../src/feeds/formats.ts';
import { buildFeedModel, iriOf } from '../../src/feeds/model.ts';
import { cdata } from '../../src/feeds/xml.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../src/publish/cache/feed-cache.ts';
import { catalogOf, expectParsersAgree, expectWellFormedXml, testConfig } from '../helpers.ts';

const dir = new URL('../fixtures/hostile-content/posts/', import.meta.url).pathname;
const files = Object.fromEntries(
  readdirSync(dir).map((f) => [`posts/${f}`, readFileSync(join(dir, f), 'utf8')]),
);
const config = testConfig({ timeZone: 'Asia/Shanghai' });
const catalog: Catalog = catalogOf(files, Date.parse('2026-01-01T00:00:00Z'), config);
const decoder = new TextDecoder();

async function render(scope: FeedScope, format: 'rss' | 'atom' | 'json', c = catalog): Promise<string> {
  const document = await new FeedCache(catalogOnly(config)).feed(c, scope, formatByName(format));
  if (!document) throw new Error('no such feed');
  return decoder.decode(document.body);
}

const scopes: FeedScope[] = [
  SITE_SCOPE,
  ...[...(catalog.terms.tags?.keys() ?? [])].map((slug): FeedScope => ({ kind: 'tags', slug })),
  ...[...(catalog.terms.categories?.keys() ?? [])].map((slug): FeedScope => ({ kind: 'categories', slug })),
];

describe('every feed of hostile content', () => {
  it('has all three articles', () => {
    expect(catalog.articles).toHaveLength(3);
  });

  describe.each(scopes)('scope %o', (scope) => {
    it.each(['rss', 'atom'] as const)(
      '%s is well-formed XML that three parsers read alike',
      async (format) => {
        const xml = await render(scope, format);
        expectWellFormedXml(xml);
        const items = await expectParsersAgree(xml);
        const model = buildFeedModel(catalog, scope, config);
        expect(items.map((i) => i.link)).toEqual(model?.items.map((i) => i.url));
        expect(items.map((i) => i.title)).toEqual(model?.items.map((i) => i.title));
        expect(items.map((i) => i.date)).toEqual(model?.items.map((i) => i.published));
      },
    );

    it('json is JSON Feed 1.1', async () => {
      const feed = JSON.parse(await render(scope, 'json'));
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.feed_url).toMatch(/^https:\/\/feedwright\.dev\/.*feed\.json$/);
      for (const item of feed.items) {
        expect(item).toMatchObject({
          id: expect.any(String),
          url: expect.stringMatching(/^https:/),
          content_html: expect.any(String),
        });
        expect(item.date_published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
    });
  });
});

describe('escaping', () => {
  it('keeps a title with & < > and a bell character as plain text in every format', async () => {
    const expected = 'Escaping & <tags> > test  bell';
    const [rss] = await expectParsersAgree(await render({ kind: 'tags', slug: 'script' }, 'rss'));
    const [atom] = await expectParsersAgree(await render({ kind: 'tags', slug: 'script' }, 'atom'));
    expect(rss?.title).toBe(expected);
    expect(atom?.title).toBe(expected);
    expect(JSON.parse(await render({ kind: 'tags', slug: 'script' }, 'json')).items[0].title).toBe(expected);
  });

  it('survives ]]> twice inside CDATA', () => {
    const hostile = 'a]]>b]]>c<![CDATA[d';
    const xml = `<x>${cdata(hostile)}</x>`;
    expectWellFormedXml(xml);
    expect(new XMLParser().parse(xml).x).toBe(hostile);
  });

  it('leaves no script, handler or javascript: URL in any item content', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const xml = await render(SITE_SCOPE, format);
      const bodies = xml.match(/<(content|content:encoded|description|summary)\b[^>]*>[\s\S]*?<\/\1>/g) ?? [];
      expect(bodies.length).toBeGreaterThanOrEqual(3);
      for (const body of bodies) expect(body).not.toMatch(/<script|&lt;script|onclick|javascript:/i);
    }
    expect(await render(SITE_SCOPE, 'rss')).toContain('<category>&#x3C;script&#x3E;</category>'); // a tag, as text
    for (const item of JSON.parse(await render(SITE_SCOPE, 'json')).items) {
      expect(`${item.content_html}${item.summary}`).not.toMatch(/<script|onclick|javascript:/i);
    }
  });

  it('makes relative links and images absolute against the permalink', async () => {
    const feed = JSON.parse(await render(SITE_SCOPE, 'json'));
    const hostile = feed.items.find((i: { url: string }) => i.url.endsWith('/hostile/'));
    expect(hostile.content_html).toContain('src="https://feedwright.dev/posts/hostile/img/a.png"');
    expect(hostile.content_html).toContain('href="https://feedwright.dev/posts/"');
    expect(hostile.content_html).toContain('href="https://feedwright.dev/x?a=1&amp;b=2"');
  });
});

describe('feed contents', () => {
  it('RSS: guid isPermaLink, dc:creator for names, author for e-mail, categories, self link', async () => {
    const xml = await render(SITE_SCOPE, 'rss');
    expect(xml).toContain('<guid isPermaLink="true">https://feedwright.dev/posts/plain/</guid>');
    expect(xml).toContain('<author>tj@feedwright.dev (Tom &#x26; Jerry)</author>');
    expect(xml).not.toContain('<dc:creator>Tom');
    expect(xml).toContain('<category>A &#x26; B</category>');
    expect(xml).toContain(
      '<atom:link href="https://feedwright.dev/feed.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(xml).toContain('<dc:language>zh-CN</dc:language>');
  });

  it('Atom: ids are IRIs, published and updated, self and alternate links, per-entry language', async () => {
    const xml = await render(SITE_SCOPE, 'atom');
    expect(xml).toContain(
      '<published>2025-04-01T10:00:00Z</published><updated>2025-04-02T10:00:00Z</updated>',
    );
    expect(xml).toContain(
      '<link rel="self" type="application/atom+xml" href="https://feedwright.dev/atom.xml"/>',
    );
    expect(xml).toContain('<entry xml:lang="zh-CN">');
    expect(xml).toContain('<title>Escaping &amp; &lt;tags&gt; &gt; test  bell</title>');
    expect(iriOf('12345', 'feedwright.dev')).toBe('tag:feedwright.dev,2000:12345');
    expect(iriOf('urn:uuid:1', 'feedwright.dev')).toBe('urn:uuid:1');
  });

  it('Atom: an entry without a title still has its one title element, empty (RFC 4287 4.1.2)', async () => {
    // A Hugo page may have no title (ropensci.org's 404 page is in its feed): W3C's validator
    // refused the entry that had no title element at all.
    const hugo = testConfig({ generator: 'hugo' });
    const untitled = catalogOf(
      { 'posts/untitled.md': '---\ndate: 2025-01-01\n---\nNo title here.\n' },
      Date.parse('2026-01-01T00:00:00Z'),
      hugo,
    );
    expect(untitled.articles.map((a) => a.title)).toEqual(['']);
    const document = await new FeedCache(catalogOnly(hugo)).feed(untitled, SITE_SCOPE, formatByName('atom'));
    const xml = decoder.decode(document?.body);
    expectWellFormedXml(xml);
    const entry = xml.slice(xml.indexOf('<entry'), xml.indexOf('</entry>'));
    expect(entry.match(/<title>/g)).toEqual(['<title>']);
    expect(entry).toContain('<title></title>');
  });

  it('JSON: authors, tags, language, dates, summary', async () => {
    const feed = JSON.parse(await render(SITE_SCOPE, 'json'));
    const plain = feed.items.find((i: { url: string }) => i.url.endsWith('/plain/'));
    expect(plain).toMatchObject({
      summary: 'A summary with an ampersand & a tag.',
      date_published: '2025-04-01T10:00:00Z',
      date_modified: '2025-04-02T10:00:00Z',
      tags: ['A & B'],
    });
    expect(feed.items.find((i: { url: string }) => i.url.endsWith('/cjk/')).language).toBe('zh-CN');
    expect(feed.items.find((i: { url: string }) => i.url.endsWith('/hostile/')).authors).toEqual([
      { name: 'Tom & Jerry', url: 'mailto:tj@feedwright.dev' },
    ]);
  });

  it('feed updated is the newest item date, not the clock: same content, same bytes, any day', async () => {
    const later = catalogOf(files, Date.parse('2030-06-01T00:00:00Z'), config);
    for (const format of FORMATS) {
      expect(await render(SITE_SCOPE, format.name, later)).toBe(await render(SITE_SCOPE, format.name));
    }
    expect(await render(SITE_SCOPE, 'rss')).toContain(
      '<lastBuildDate>Thu, 01 May 2025 10:00:00 GMT</lastBuildDate>',
    );
  });

  it('names scoped feeds after their term', async () => {
    const feed = JSON.parse(await render({ kind: 'categories', slug: 'qa' }, 'json'));
    expect(feed.title).toBe('Test site — Category: Q&A');
    expect(feed.home_page_url).toBe('https://feedwright.dev/categories/qa/');
    expect(feed.feed_url).toBe('https://feedwright.dev/categories/qa/feed.json');
  });

  it("applies the catalog's item limit (0 for all)", () => {
    const limited = (itemLimit: number) => {
      const config = testConfig({ itemLimit });
      return buildFeedModel(catalogOf(files, catalog.asOf, config), SITE_SCOPE, config)?.items;
    };
    expect(limited(1)).toHaveLength(1);
    expect(limited(0)).toHaveLength(3);
  });
});
