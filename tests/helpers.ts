/** Shared test helpers: articles from text, catalogs at a fixed clock, strict XML, independent feed parsers. */
import { parseFeed as rowanmanningParse } from '@rowanmanning/feed-parser';
import { parseFeed as feedsmithParse } from 'feedsmith';
import RssParser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';
import { buildCatalog, type Catalog, catalogOptions } from '../src/catalog/catalog.ts';
import { type ConfigInput, parseConfig, type SiteConfig } from '../src/config/site-config.ts';
import type { SourceArticle } from '../src/content/article.ts';
import { readArticle } from '../src/content/read-article.ts';
import { renderArticleBody } from '../src/content/render/article-body.ts';
import { bodyContext } from '../src/content/render/body-context.ts';
import { hashText } from '../src/core/hash.ts';
import type { Problem } from '../src/core/problem.ts';

export const SITE = 'https://feedwright.dev/';
export const NOW = Date.parse('2026-01-15T12:00:00Z');

export function testConfig(overrides: ConfigInput = {}): SiteConfig {
  return parseConfig({ title: 'Test site', siteUrl: SITE, ...overrides });
}

export function read(text: string, path = 'posts/example.md', config = testConfig()) {
  return readArticle({ path, text, hash: hashText(text) }, config);
}

/** Reads an article that must be readable. */
export function article(text: string, path = 'posts/example.md', config = testConfig()): SourceArticle {
  const result = read(text, path, config);
  if (!result.ok) throw new Error(`not readable: ${JSON.stringify(result.problems)}`);
  return result.article;
}

/** A catalog of in-memory files: `{ path: text }`. */
export function catalogOf(files: Record<string, string>, now = NOW, config = testConfig()): Catalog {
  const articles: SourceArticle[] = [];
  const problems: Problem[] = [];
  for (const [path, text] of Object.entries(files)) {
    const result = read(text, path, config);
    problems.push(...result.problems);
    if (result.ok) articles.push(result.article);
  }
  const context = bodyContext(config, articles);
  return buildCatalog(
    articles,
    problems,
    catalogOptions(config, now, { renderBody: (source) => renderArticleBody(source, context) }),
  );
}

/** Front matter + body, YAML. */
export function md(fields: Record<string, unknown>, body = 'Body text.'): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** Fails with saxes' message unless `xml` is well-formed, namespace-correct XML 1.0. */
export function expectWellFormedXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const errors: string[] = [];
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  expect(errors).toEqual([]);
}

export interface ParsedItem {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly link: string | undefined;
  readonly date: number | undefined;
}

/** feedsmith gives some text constructs as `{ value }`. */
const text = (value: unknown) =>
  value !== null && typeof value === 'object'
    ? (value as { value?: string }).value
    : (value as string | undefined);
const time = (value: unknown) => (value ? new Date(value as string).getTime() : undefined);

/** The same feed through three parsers nobody on the team wrote. */
export async function parseWithAll(xml: string): Promise<Record<string, ParsedItem[]>> {
  const rss = await new RssParser().parseString(xml);
  const rowan = rowanmanningParse(xml);
  const smith = feedsmithParse(xml) as {
    format: string;
    feed: { items?: Record<string, unknown>[]; entries?: Record<string, unknown>[] };
  };
  const smithItems =
    smith.format === 'atom'
      ? (smith.feed.entries ?? []).map((e) => ({
          id: e.id as string,
          title: text(e.title),
          link: ((e.links as { href: string; rel?: string }[] | undefined) ?? []).find(
            (l) => !l.rel || l.rel === 'alternate',
          )?.href,
          date: time(e.published ?? e.updated),
        }))
      : (smith.feed.items ?? []).map((i) => ({
          id: (i.guid as { value: string } | undefined)?.value,
          title: text(i.title),
          link: i.link as string,
          date: time(i.pubDate),
        }));
  return {
    'rss-parser': rss.items.map((i) => ({
      id: (i.guid ?? i.id) as string | undefined,
      title: i.title,
      link: i.link,
      date: time(i.isoDate),
    })),
    '@rowanmanning/feed-parser': rowan.items.map((i) => ({
      id: i.id ?? undefined,
      title: i.title ?? undefined,
      link: i.url ?? undefined,
      date: i.published?.getTime(),
    })),
    feedsmith: smithItems,
  };
}

/** Every parser must extract the same ids, titles, links and dates. */
export async function expectParsersAgree(xml: string): Promise<ParsedItem[]> {
  const results = await parseWithAll(xml);
  const [first, ...rest] = Object.values(results);
  for (const other of rest) expect(other).toEqual(first);
  return first ?? [];
}
