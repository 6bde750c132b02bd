// The one ids pipeline every path out uses: a scan passes through untouched without an ids file;
// with one, recorded links win over new ones, each catalog's feeds are recorded once, and a feed
// that moved redirects.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalog, catalogOptions } from '../../../src/catalog/catalog.ts';
import type { SourceArticle } from '../../../src/content/article.ts';
import type { Problem } from '../../../src/core/problem.ts';
import { idsPipeline } from '../../../src/publish/ids/ids-pipeline.ts';
import type { ArticleSource } from '../../../src/publish/regenerate/publisher.ts';
import { article, md, NOW, testConfig } from '../../helpers.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ids-pipeline-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const scanOf = (articles: SourceArticle[]): ArticleSource => ({
  scan: async () => ({ seen: articles.length, read: articles.length, changed: 0, articles, problems: [] }),
});
const post = (config: ReturnType<typeof testConfig>) =>
  article(md({ title: 'Hello', date: '2026-01-01', tags: ['go'] }), 'posts/hello.md', config);

describe('the ids pipeline', () => {
  it('passes a scan through as it is without an ids file', async () => {
    const config = testConfig();
    const scanner = scanOf([post(config)]);
    const ids = idsPipeline(scanner, { config });
    expect(ids.source).toBe(scanner);
    await ids.recordFeeds(buildCatalog([post(config)], [], catalogOptions(config, NOW)));
    expect([ids.kept(), ids.keptLine(), ids.redirects()]).toEqual([0, undefined, {}]);
  });

  it('keeps recorded links, records each catalog once and redirects feeds that moved', async () => {
    const file = join(dir, 'feedwright.ids.json');
    const first = testConfig({ feeds: [{ scope: 'tags', path: 'tag/{slug}.xml', format: 'atom' }] });
    const once = idsPipeline(scanOf([post(first)]), { config: first, ids: { file }, now: () => NOW });
    const scanned = await once.source.scan();
    const catalog = buildCatalog(scanned.articles, [], catalogOptions(first, NOW));
    await once.recordFeeds(catalog);
    const written = readFileSync(file, 'utf8');

    const second = testConfig({ permalink: '/:year/:slug/' });
    const problems: Problem[] = [];
    const ids = idsPipeline(scanOf([post(second)]), {
      config: second,
      ids: { file },
      now: () => NOW,
      report: (problem) => problems.push(problem),
    });
    const again = await ids.source.scan();
    expect(again.articles[0]?.head.permalink).toBe(scanned.articles[0]?.head.permalink);
    expect(ids.kept()).toBe(1);
    expect(ids.keptLine()).toMatch(/^\[feedwright\] 1 article keeps? the id and link recorded in /);
    expect(ids.explanations()).not.toEqual([]);
    const next = buildCatalog(again.articles, [], catalogOptions(second, NOW));
    await ids.recordFeeds(next);
    expect(ids.redirects()).toEqual({
      'https://feedwright.dev/tag/go.xml': 'https://feedwright.dev/tags/go/atom.xml',
    });
    expect(readFileSync(file, 'utf8')).not.toBe(written);
    expect(problems).toEqual([]);
    // Once per catalog: the same one again writes nothing.
    rmSync(file);
    await ids.recordFeeds(next);
    expect(existsSync(file)).toBe(false);
  });
});

describe('the ids pipeline on this machine', () => {
  it('never writes the ids file while siteUrl is local, and says so once', async () => {
    const file = join(dir, 'feedwright.ids.json');
    const config = testConfig({ siteUrl: 'http://127.0.0.1:8787/' });
    const ids = idsPipeline(scanOf([post(config)]), { config, ids: { file }, now: () => NOW });
    const first = await ids.source.scan();
    await ids.recordFeeds(buildCatalog(first.articles, [], catalogOptions(config, NOW)));
    const again = await ids.source.scan();
    expect(existsSync(file)).toBe(false);
    expect(first.problems).toEqual([
      {
        path: file,
        line: 1,
        severity: 'warning',
        message:
          "not written: http://127.0.0.1:8787/ is this machine's address; ids are recorded only for the site's public one",
      },
    ]);
    expect(again.problems).toEqual([]);
  });
});

describe('the ids pipeline on a placeholder address', () => {
  it('never writes the ids file while siteUrl or feedsUrl is a placeholder, and says which', async () => {
    for (const [settings, said] of [
      [{ siteUrl: 'http://example.org/' }, 'http://example.org/'],
      [
        { siteUrl: 'https://feedwright.dev/', feedsUrl: 'https://feeds.example.com/' },
        'https://feeds.example.com/',
      ],
    ] as const) {
      const file = join(dir, 'placeholder.ids.json');
      const config = testConfig(settings);
      const ids = idsPipeline(scanOf([post(config)]), { config, ids: { file }, now: () => NOW });
      const first = await ids.source.scan();
      await ids.recordFeeds(buildCatalog(first.articles, [], catalogOptions(config, NOW)));
      expect(existsSync(file), said).toBe(false);
      expect(first.problems.map((p) => p.message)).toEqual([
        `not written: ${said} is a placeholder (RFC 2606 reserves it for examples and tests); ids are recorded only for the site's public one`,
      ]);
    }
  });
});
