// Hostile content and what every feed made of it must be, shared by the property tests of the folder
// path (feeds/feed-properties.test.ts) and of articles in memory (node/publish-articles-properties.test.ts):
// the same cases, the same checks.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { expect } from 'vitest';
import { allScopes, type Catalog } from '../../src/catalog/catalog.ts';
import { scopeKey } from '../../src/catalog/scope.ts';
import type { SiteConfig } from '../../src/config/site-config.ts';
import { FORMATS } from '../../src/feeds/formats.ts';
import { PAGES } from '../../src/feeds/pages.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../src/publish/cache/feed-cache.ts';
import { expectWellFormedXml } from '../helpers.ts';

// ——— generators ———

/** Any UTF-16 string: lone surrogates, controls, U+FFFE… (fast-check's own units stay in Unicode). */
export const anyUnits = fc.string({
  unit: fc.nat(0xffff).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
export const hostile = fc.constantFrom(
  'javascript:alert(1)',
  'JaVaScRiPt://x/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  ']]>',
  '<![CDATA[x]]>',
  '<script>alert(1)</script>',
  '&amp;&#0;&#xFFFF;&bogus;',
  '\u0000\u0001\uFFFE\uD800',
  '{{< youtube x >}}',
  '<!--more-->',
  '---',
  '+++',
  '__proto__',
  '..',
  '/',
  '%',
  'tag:',
  '',
  ' ',
);
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: anyUnits },
  { weight: 2, arbitrary: hostile },
  // Huge now and then: limits, not luck, keep the feeds readable.
  { weight: 1, arbitrary: fc.nat(3).map((n) => 'huge '.repeat(2_000 * (n + 1))) },
);
/** Dates in the spellings front matter has, before the test's clock (2026-01-15). */
export const pastDate = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2025-01-01', '2025-06-01 10:00:00 +0200', '2024-02-29T23:59:59-08:00'),
);
export const anyDate = fc.oneof(
  { weight: 6, arbitrary: pastDate },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('2026-02-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { weight: 1, arbitrary: fc.constantFrom('2025-02-30', '0001-01-01', 'next tuesday', '', '1e9') },
);
/** URLs that must never reach a link or id of a feed. */
export const activeUrl = fc.constantFrom(
  'javascript:alert(1)',
  'JaVaScRiPt://feedwright.dev/%0Aalert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload="alert(1)"/>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
);
export const url = fc.oneof(fc.webUrl(), fc.webPath(), activeUrl, hostile, text);
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, hostile), tie('value'), { maxKeys: 4 }),
  ),
})).value;
/** A field holding what it is meant to, and now and then anything at all. */
export const field = <T>(meant: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: meant }, { weight: 1, arbitrary: anyValue });
/** A field most articles leave out. */
export const rare = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

export const frontMatter = fc.record(
  {
    title: field(text),
    date: field(pastDate),
    publishDate: rare(field(anyDate)),
    expiryDate: rare(field(anyDate)),
    lastmod: rare(field(anyDate)),
    draft: rare(field(fc.boolean())),
    tags: field(fc.array(text, { maxLength: 8 })),
    categories: field(fc.array(text, { maxLength: 3 })),
    id: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: field(text) },
      { weight: 1, arbitrary: activeUrl },
    ),
    url: fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: field(fc.webPath()) },
      { weight: 1, arbitrary: activeUrl },
    ),
    slug: field(text),
    lang: field(fc.constantFrom('en', 'fr', 'zh-Hans', 'english', 'en_US', 'x', '')),
    author: field(fc.oneof(text, fc.record({ name: text, email: text, url }))),
    authors: field(fc.array(fc.oneof(text, fc.record({ name: text, url })), { maxLength: 3 })),
    image: field(url),
    summary: field(text),
    description: field(text),
    translations: field(fc.dictionary(fc.constantFrom('fr', 'de', 'xx', 'english'), url, { maxKeys: 3 })),
    __proto__: rare(anyValue),
  },
  { requiredKeys: ['title', 'date'] },
);

export const bodyPiece = fc.oneof(
  text,
  hostile,
  url.map((u) => `[link](${u}) ![img](${u}) <a href="${u}">a</a> <img src="${u}">`),
  fc.constantFrom(
    '# Heading\n',
    '```js\ncode ]]> <x>\n```\n',
    '> quote\n> > nested\n',
    '- a\n  - b\n',
    '<svg onload="alert(1)"><script>x</script></svg>',
    '<table><tr><td>cell</table>',
    '<div><p>unclosed <b>bold',
    '[^1]\n\n[^1]: a footnote\n',
    '{{% notice %}}x{{% /notice %}}',
    '&lt;&#128512;&#xD800;',
  ),
);
export const body = fc.array(bodyPiece, { maxLength: 12 }).map((pieces) => pieces.join('\n\n'));

/** One file: front matter as YAML or JSON, now and then junk between the delimiters, then the body. */
export const file = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(frontMatter, body)
      .map(([fm, b]) => `---\n${yaml.safeDump(fm, { skipInvalid: true })}---\n${b}`),
  },
  { weight: 4, arbitrary: fc.tuple(frontMatter, body).map(([fm, b]) => `${JSON.stringify(fm)}\n${b}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', maxLength: 200 }), body)
      .map(([fm, b]) => `---\n${fm}\n---\n${b}`),
  },
  { weight: 1, arbitrary: fc.tuple(anyUnits, body).map(([raw, b]) => `+++\n${raw}\n+++\n${b}`) },
);
export const site = fc.dictionary(
  fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((name) => `posts/${name}.md`),
  file,
  { minKeys: 1, maxKeys: 6 },
);
export const limits = fc.record({
  itemLimit: fc.constantFrom(0, 3, 20),
  maxBodyBytes: fc.constantFrom(1_000, 20_000, 500_000),
  maxFeedBytes: fc.constantFrom(100_000, 250_000, 2_000_000),
  maxItemCategories: fc.constantFrom(0, 2, 100),
});

// ——— what is checked ———

export interface Rendered {
  readonly name: string;
  readonly format: 'rss' | 'atom' | 'json' | 'page';
  readonly text: string;
  readonly bytes: number;
}

export async function renderAll(catalog: Catalog, config: SiteConfig): Promise<Rendered[]> {
  const cache = new FeedCache(catalogOnly(config));
  const out: Rendered[] = [];
  for (const scope of allScopes(catalog)) {
    for (const format of FORMATS) {
      const document = await cache.feed(catalog, scope, format);
      if (!document) throw new Error(`no ${format.name} feed for ${scopeKey(scope)}`);
      const text = new TextDecoder().decode(document.body);
      out.push({
        name: `${scopeKey(scope)}|${format.name}`,
        format: format.name,
        text,
        bytes: document.body.length,
      });
    }
  }
  for (const page of PAGES) {
    const document = await cache.page(catalog, page);
    out.push({ name: page.name, format: 'page', text: new TextDecoder().decode(document.body), bytes: 0 });
  }
  return out;
}

export const HTTP = /^https?:\/\/[^\s]+$/;
export const ACTIVE_SCHEME = /^\s*(javascript|vbscript|data|file):/i;

/** Values of the XML elements and attributes that readers follow or take as an id. */
export function xmlLinks(xml: string): { follow: string[]; ids: string[] } {
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
  // Item and channel markup only: what is inside content (CDATA or escaped HTML) is checked by the sanitizer's tests.
  const markup = xml
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<(description|content|summary|subtitle)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const follow = [
    ...[...markup.matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? ''),
    ...[...markup.matchAll(/\s(?:href|url|xmlUrl|htmlUrl)="([^"]*)"/g)].map((m) => m[1] ?? ''),
    ...[...markup.matchAll(/<(?:uri|url|docs)>([^<]*)<\//g)].map((m) => m[1] ?? ''),
    ...[...markup.matchAll(/<guid isPermaLink="true">([^<]*)<\/guid>/g)].map((m) => m[1] ?? ''),
  ].map(decode);
  const ids = [
    ...[...markup.matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((m) => m[1] ?? ''),
    ...[...markup.matchAll(/<entry[^>]*>\s*<id>([^<]*)<\/id>/g)].map((m) => m[1] ?? ''),
  ].map(decode);
  return { follow, ids };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** JSON Feed 1.1's required members and types (jsonfeed.org/version/1.1), and http(s) URLs. */
export function expectValidJsonFeed(text: string, name: string) {
  const feed = JSON.parse(text) as Record<string, unknown>;
  expect(feed.version, name).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title, name).toBe('string');
  expect(Array.isArray(feed.items), name).toBe(true);
  for (const key of ['home_page_url', 'feed_url', 'icon', 'favicon', 'next_url'])
    if (feed[key] !== undefined) expect(feed[key], `${name} ${key}`).toMatch(HTTP);
  const ids = new Set<string>();
  for (const item of feed.items as Record<string, unknown>[]) {
    expect(typeof item.id === 'string' && item.id !== '', `${name} item id`).toBe(true);
    expect(ids.has(item.id as string), `${name} duplicate id ${String(item.id)}`).toBe(false);
    ids.add(item.id as string);
    expect(ACTIVE_SCHEME.test(item.id as string), `${name} id ${String(item.id)}`).toBe(false);
    expect(typeof item.content_html === 'string' || typeof item.content_text === 'string', name).toBe(true);
    for (const key of ['url', 'external_url', 'image', 'banner_image'])
      if (item[key] !== undefined) expect(item[key], `${name} ${key}`).toMatch(HTTP);
    for (const key of ['date_published', 'date_modified'])
      if (item[key] !== undefined) expect(item[key], `${name} ${key}`).toMatch(RFC3339);
    if (item.tags !== undefined)
      expect(
        (item.tags as unknown[]).every((t) => typeof t === 'string'),
        name,
      ).toBe(true);
    for (const author of (item.authors as Record<string, unknown>[] | undefined) ?? []) {
      expect(author.name !== undefined || author.url !== undefined, `${name} author`).toBe(true);
      if (typeof author.url === 'string' && !author.url.startsWith('mailto:'))
        expect(author.url).toMatch(HTTP);
    }
  }
}

/** libxml2 with its default limits (no XML_PARSE_HUGE): what many readers parse with. */
export function expectLibxml2Parses(documents: readonly Rendered[], work: string, run: number) {
  const files = documents.map((document, i) => {
    const path = join(work, `r${run}-${i}.xml`);
    writeFileSync(path, document.text);
    return path;
  });
  const xmllint = spawnSync('xmllint', ['--noout', '--nonet', ...files], { encoding: 'utf8' });
  expect(xmllint.error, 'xmllint (libxml2-utils) is needed').toBeUndefined();
  expect(xmllint.stderr).toBe('');
  for (const path of files) rmSync(path);
}

/** Every document of a catalog checked: well-formed, valid, safe links and ids, unique ids, within maxFeedBytes. */
export async function expectGoodFeeds(catalog: Catalog, config: SiteConfig, work: string, run: number) {
  const documents = await renderAll(catalog, config);
  const xml = documents.filter((d) => d.format === 'rss' || d.format === 'atom' || d.name === 'opml');
  for (const document of xml) {
    expectWellFormedXml(document.text);
    const { follow, ids } = xmlLinks(document.text);
    for (const link of follow) expect(link, `${document.name} link`).toMatch(HTTP);
    for (const id of ids) expect(ACTIVE_SCHEME.test(id), `${document.name} id ${id}`).toBe(false);
    expect(new Set(ids).size, `${document.name} ids unique`).toBe(ids.length);
  }
  expectLibxml2Parses(xml, work, run);
  for (const document of documents) {
    if (document.format === 'json') expectValidJsonFeed(document.text, document.name);
    if (document.format !== 'page')
      expect(document.bytes, document.name).toBeLessThanOrEqual(config.maxFeedBytes);
  }
  return documents;
}
