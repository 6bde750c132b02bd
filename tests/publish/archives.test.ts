// Feed history (RFC 5005) over a 1,000-article site: following prev-archive (JSON Feed: next_url)
// from every feed reaches every article of its scope exactly once, and a new post changes no full
// archive page.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf, SUMMARY_PAGE_ITEMS } from '../../src/catalog/archives.ts';
import { allScopes, scopeArticles } from '../../src/catalog/catalog.ts';
import { SITE_SCOPE, scopeKey } from '../../src/catalog/scope.ts';
import type { Problem } from '../../src/core/problem.ts';
import { FORMATS, formatByName } from '../../src/feeds/formats.ts';
import { createApp } from '../../src/http/app.ts';
import { publicationApp } from '../../src/http/publication-app.ts';
import { DocumentRenderer } from '../../src/publish/cache/document-renderer.ts';
import { catalogOnly } from '../../src/publish/cache/document-source.ts';
import { ARCHIVES_KEPT, FeedCache, MissingDocumentError } from '../../src/publish/cache/feed-cache.ts';
import { renderHere } from '../../src/publish/regenerate/body-rendering.ts';
import { type FolderPublication, publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { buildFolder } from '../../src/publish/static/build-folder.ts';
import { catalogOf, expectParsersAgree, expectWellFormedXml, md, testConfig } from '../helpers.ts';

const SITE = 'https://feedwright.dev/';
const TAGS = ['go', 'rust', 'web', 'ops', 'data', 'design', 'notes'];
// Pages of whole articles for every kind of feed: each feed's history, page by page as long as the feed.
const config = testConfig({ itemLimit: 20, refresh: 'off', history: 'full' });
let dir = '';
let published: FolderPublication;
let app: ReturnType<typeof createApp>;

function article(i: number) {
  const tags = TAGS.filter((_, t) => (i + t) % 3 === 0 || (i * 7 + t) % 11 === 0).slice(0, 3);
  const day = new Date(Date.UTC(2020, 0, 1, 0) + i * 3_600_000).toISOString();
  return md({ title: `Post ${i}`, date: day, tags, categories: [`c${i % 3}`] }, `Body of post ${i}.`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-archives-'));
  for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `p${i}.md`), article(i));
  published = await publishFolder(dir, config, { log: () => {}, warm: false });
  app = createApp({ config, catalog: () => published.publisher.catalog, cache: published.cache });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = (url: string) => url.slice(SITE.length - 1);

interface Page {
  readonly ids: string[];
  readonly prev: string | undefined;
  readonly text: string;
  readonly cacheControl: string | null;
}

async function fetchPage(url: string, format: string, through = app): Promise<Page> {
  const response = await through.request(path(url));
  expect(response.status, url).toBe(200);
  const text = await response.text();
  const cacheControl = response.headers.get('cache-control');
  if (format === 'json') {
    const feed = JSON.parse(text);
    return { ids: feed.items.map((i: { id: string }) => i.id), prev: feed.next_url, text, cacheControl };
  }
  const ids = [
    ...text.matchAll(format === 'rss' ? /<guid[^>]*>([^<]+)<\/guid>/g : /<entry[^>]*><id>([^<]+)<\/id>/g),
  ].map((m) => m[1] ?? '');
  const prev =
    format === 'rss'
      ? /<atom:link href="([^"]+)" rel="prev-archive"\/>/.exec(text)?.[1]
      : /<link rel="prev-archive" href="([^"]+)"\/>/.exec(text)?.[1];
  return { ids, prev, text, cacheControl };
}

/** Every page of a feed's history, the feed first, following prev-archive to the oldest. */
async function history(url: string, format: string): Promise<Page[]> {
  return historyThrough(app, url, format, true);
}

/** The archive pages of a feed's history from `through` (and the feed first, with `withFeed`). */
async function historyThrough(
  through: ReturnType<typeof createApp>,
  url: string,
  format: string,
  withFeed = false,
): Promise<Page[]> {
  const feed = await fetchPage(url, format, through);
  const pages = withFeed ? [feed] : [];
  for (let prev = feed.prev; prev; prev = pages.at(-1)?.prev)
    pages.push(await fetchPage(prev, format, through));
  return pages;
}

describe('feed history', () => {
  it('reaches every article of every feed exactly once, in every format', async () => {
    const catalog = published.publisher.catalog;
    const scopes = allScopes(catalog);
    expect(scopes.length).toBe(1 + TAGS.length + 3);
    for (const scope of scopes) {
      const expected = (scopeArticles(catalog, scope) ?? []).map((head) => head.id).sort();
      const base = scope.kind === 'site' ? '' : `${scope.kind}/${scope.slug}/`;
      for (const format of FORMATS) {
        const pages = await history(`${SITE}${base}${format.file}`, format.name);
        const ids = pages.flatMap((page) => page.ids);
        expect(ids.length, `${scopeKey(scope)} ${format.name}`).toBe(expected.length);
        expect([...ids].sort(), `${scopeKey(scope)} ${format.name}`).toEqual(expected);
      }
    }
  }, 120_000);

  it('marks archives and complete feeds, and never serves a page as immutable', async () => {
    const pages = await history(`${SITE}feed.xml`, 'rss');
    expect(pages.length).toBe(1 + 50); // 980 archived in pages of 20: 49 full, then an empty newest
    expect(pages[0]?.text).not.toContain('<fh:archive/>');
    const [newest, ...full] = pages.slice(1);
    expect(newest?.text).toContain('<fh:archive/>');
    expect(newest?.text).toContain(`<atom:link href="${SITE}feed.xml" rel="current"/>`);
    expect(newest?.cacheControl).not.toContain('immutable');
    for (const page of full) {
      // A full page changes too (a backdated post, an edit): cached as its feed is, revalidated by ETag.
      expect(page.cacheControl).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
      expect(page.cacheControl).not.toContain('immutable');
      expect(page.text).toMatch(/rel="next-archive"/);
      expectWellFormedXml(page.text);
    }
    await expectParsersAgree(full[3]?.text ?? '');
    const atom = await fetchPage(`${SITE}archive/7/atom.xml`, 'atom');
    expect(atom.text).toContain('<fh:archive/>');
    expect(atom.text).toContain(`<link rel="next-archive" href="${SITE}archive/8/atom.xml"/>`);
    expectWellFormedXml(atom.text);
    // A feed that holds every article says it is complete, and links no archive.
    const small = catalogOf({ 'a.md': md({ title: 'A', date: '2025-01-01' }) });
    const cache = new FeedCache(catalogOnly(testConfig()));
    const text = async (name: 'rss' | 'atom' | 'json') =>
      new TextDecoder().decode((await cache.feed(small, SITE_SCOPE, formatByName(name)))?.body);
    expect(await text('rss')).toContain('<fh:complete/>');
    expect(await text('atom')).toContain('<fh:complete/>');
    expect(JSON.parse(await text('json')).next_url).toBeUndefined();
    expect((await app.request('/archive/51/feed.xml')).status).toBe(404);
  });

  it('changes no full archive page when a post is added', async () => {
    const before = new Map<string, string>();
    for (const format of FORMATS) {
      const pages = (await history(`${SITE}tags/go/${format.file}`, format.name)).slice(2);
      for (const page of pages) before.set(`${format.name}:${page.ids[0]}`, page.text);
    }
    expect(before.size).toBeGreaterThan(10);
    writeFileSync(
      join(dir, 'p1000.md'),
      article(1000).replace('tags: ', 'tags: ["go", ').replace('["go", [', '["go", '),
    );
    writeFileSync(join(dir, 'p1001.md'), md({ title: 'Newest', date: '2030-01-01', tags: ['go'] }));
    expect((await published.publisher.run()).ok).toBe(true);
    let compared = 0;
    for (const format of FORMATS) {
      for (const page of (await history(`${SITE}tags/go/${format.file}`, format.name)).slice(1)) {
        const old = before.get(`${format.name}:${page.ids[0]}`);
        if (old === undefined) continue;
        expect(page.text).toBe(old);
        compared++;
      }
    }
    expect(compared).toBe(before.size);
  }, 120_000);

  it('a backdated post moves later pages on: a copy cached before revalidates, none was immutable', async () => {
    const url = '/archive/10/feed.xml';
    const before = await app.request(url);
    const etag = before.headers.get('etag') ?? '';
    expect(before.headers.get('cache-control')).not.toContain('immutable');
    expect((await app.request(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // Dated before every other article: each full page passes one article on to the next.
    writeFileSync(join(dir, 'p-backdated.md'), md({ title: 'Backdated', date: '2019-06-01', tags: ['go'] }));
    expect((await published.publisher.run()).ok).toBe(true);
    const after = await app.request(url, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  }, 120_000);

  it('keeps no history where the config says so, and then claims no complete feed', async () => {
    const off = testConfig({
      itemLimit: 20,
      refresh: 'off',
      history: { site: 'full', categories: 'full', tags: false },
    });
    const out = mkdtempSync(join(tmpdir(), 'feedwright-no-history-'));
    try {
      await buildFolder({ contentDir: dir, outDir: out, config: off, cacheDir: join(out, '.cache') });
      // The site and category feeds keep their archive pages; tag feeds have none, and say nothing of it.
      expect(readdirSync(join(out, 'archive')).length).toBeGreaterThan(40);
      expect(existsSync(join(out, 'categories/c0/archive/1/feed.xml'))).toBe(true);
      for (const tag of TAGS) expect(existsSync(join(out, 'tags', tag, 'archive'))).toBe(false);
      const offApp = createApp({
        config: off,
        catalog: () => published.publisher.catalog,
        cache: new FeedCache(catalogOnly(off)),
      });
      for (const format of FORMATS) {
        const text = await (await offApp.request(`/tags/go/${format.file}`)).text();
        expect(text, format.name).not.toMatch(/prev-archive|fh:complete|next_url/);
        expect((await offApp.request(`/tags/go/archive/1/${format.file}`)).status).toBe(404);
      }
      expect(await (await offApp.request('/feed.xml')).text()).toMatch(/rel="prev-archive"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a history setting that is not true or false', () => {
    expect(() => testConfig({ history: { tags: 'no' } as never })).toThrow(/history\.tags/);
  });

  it('a server crawled through its whole history keeps only the last pages and no archived body', async () => {
    const server = await publishFolder(dir, config, { log: () => {} });
    const { publisher, cache } = server;
    const catalog = publisher.catalog;
    const bodies = catalog.bodies instanceof Map ? catalog.bodies.size : Number.NaN;
    const serverApp = createApp({ config, catalog: () => publisher.catalog, cache });
    const renders = cache.renders;
    let pages = 0;
    for (const format of FORMATS) {
      for (const page of await historyThrough(serverApp, `${SITE}${format.file}`, format.name)) {
        expect(page.ids.length).toBeGreaterThan(0);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(2 * ARCHIVES_KEPT);
    expect(cache.renders - renders).toBe(pages);
    // Bodies of archived articles were rendered for their pages, and not added to the catalog.
    expect(catalog.bodies instanceof Map ? catalog.bodies.size : Number.NaN).toBe(bodies);
    // The JSON pages were asked for last (page 1 the very last) and are kept; the RSS ones were let
    // go, and are rendered again, the same.
    expect(await (await serverApp.request('/archive/1/feed.json')).text()).toContain('"items"');
    expect(cache.renders - renders).toBe(pages);
    const again = await (await serverApp.request('/archive/1/feed.xml')).text();
    expect(cache.renders - renders).toBe(pages + 1);
    expect(again).toBe(await (await app.request('/archive/1/feed.xml')).text());
  }, 120_000);

  it('renders a full page without an article whose body failed, and marks no page immutable', async () => {
    const { publisher } = published;
    const catalog = publisher.catalog;
    let missing = '';
    const renderer = new DocumentRenderer(config);
    const heads = renderer.archiveArticles(catalog, SITE_SCOPE, 1) ?? [];
    const bodies = await publisher.bodiesFor(catalog, heads);
    missing = heads[0]?.path ?? '';
    const json = formatByName('json');
    const page = await renderer.archive(catalog, SITE_SCOPE, json, 1, {
      get: (path) => (path === missing ? undefined : bodies.get(path)),
    });
    expect(JSON.parse(new TextDecoder().decode(page?.body)).items).toHaveLength(19);
    expect(page && 'immutable' in page).toBe(false);
    const whole = await renderer.archive(catalog, SITE_SCOPE, json, 1, bodies);
    expect(whole?.maxAge).toBeGreaterThan(0);
  });

  it('answers 404 for an archive page its source turns out not to have', async () => {
    const cache = new FeedCache({ ...catalogOnly(config), archive: async () => undefined });
    await expect(
      cache.archive(published.publisher.catalog, SITE_SCOPE, formatByName('rss'), 1),
    ).rejects.toThrow(MissingDocumentError);
    const elsewhere = createApp({ config, catalog: () => published.publisher.catalog, cache });
    expect((await elsewhere.request('/archive/1/feed.xml')).status).toBe(404);
  });
});

describe('archive pages of summaries', () => {
  const summaries = testConfig({ itemLimit: 20, refresh: 'off', history: 'summaries' });

  it('hold 100 articles each, every article once, each with its summary and link alone', async () => {
    const server = await publishFolder(dir, summaries, { log: () => {}, warm: false });
    const serverApp = createApp({
      config: summaries,
      catalog: () => server.publisher.catalog,
      cache: server.cache,
    });
    const catalog = server.publisher.catalog;
    const history = historyOf(catalog, SITE_SCOPE, summaries.history);
    expect(history).toMatchObject({ size: SUMMARY_PAGE_ITEMS, shown: 20, form: 'summaries' });
    const expected = (scopeArticles(catalog, SITE_SCOPE) ?? []).map((head) => head.id).sort();
    for (const format of FORMATS) {
      const pages = await historyThrough(serverApp, `${SITE}${format.file}`, format.name, true);
      // Over 980 archived (tests before added posts): 9 full pages of 100, and the newest filling.
      const archived = expected.length - 20;
      expect(archived).toBeGreaterThanOrEqual(980);
      expect(pages.map((page) => page.ids.length)).toEqual([20, archived % 100, ...Array(9).fill(100)]);
      expect(pages.flatMap((page) => page.ids).sort()).toEqual(expected);
      for (const page of pages.slice(1)) {
        expect(page.text).toContain('Body of post');
        if (format.name !== 'json') expect(page.text, format.name).not.toMatch(/content:encoded|<content/);
        else
          for (const item of JSON.parse(page.text).items) expect(item.content_html).toBe(`${item.summary}`);
      }
      if (format.name !== 'json') expectWellFormedXml(pages[3]?.text ?? '');
    }
    // The bodies of articles no feed shows were not rendered: their summaries were.
    expect(server.publisher.bodiesRendered).toBe(catalog.bodies instanceof Map ? catalog.bodies.size : -1);
  }, 120_000);

  it('are what build writes, byte for byte', async () => {
    const out = mkdtempSync(join(tmpdir(), 'feedwright-summaries-'));
    try {
      await buildFolder({ contentDir: dir, outDir: out, config: summaries, cacheDir: join(out, '.cache') });
      const server = await publishFolder(dir, summaries, { log: () => {}, warm: false });
      const serverApp = createApp({
        config: summaries,
        catalog: () => server.publisher.catalog,
        cache: server.cache,
      });
      expect(readdirSync(join(out, 'archive')).length).toBe(10);
      for (const format of FORMATS) {
        for (const page of [1, 5, 10]) {
          const served = await (await serverApp.request(`/archive/${page}/${format.file}`)).text();
          expect(readFileSync(join(out, `archive/${page}/${format.file}`), 'utf8')).toBe(served);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('an archived article whose body cannot be rendered', () => {
  it('is left off its page, said once, and listed on /health', async () => {
    let failing = '';
    const reported: Problem[] = [];
    const small = testConfig({ itemLimit: 1 });
    const folder = mkdtempSync(join(tmpdir(), 'feedwright-archived-'));
    for (let i = 1; i <= 3; i++)
      writeFileSync(join(folder, `p${i}.md`), md({ title: `P${i}`, date: `2025-01-0${i}` }));
    const publication = await publishFolder(folder, small, {
      log: () => {},
      report: (problem) => reported.push(problem),
      renderBodies: async (articles, context) =>
        (await renderHere(articles, context)).map((result, i) =>
          articles[i]?.head.path === failing ? { ok: false, error: 'the disk said no' } : result,
        ),
    });
    const { app } = publicationApp(publication);
    // An article no feed shows: its body is rendered only for its archive page.
    const { catalog } = publication.publisher;
    const { renderer } = publication.cache;
    const pages = historyOf(catalog, SITE_SCOPE, small.history)?.pages ?? 0;
    const archived = (n: number) =>
      (renderer.archiveArticles(catalog, SITE_SCOPE, n) ?? []).filter(
        (head) => !catalog.bodies.get(head.path),
      );
    const page = Array.from({ length: pages }, (_, i) => i + 1).find((n) => archived(n).length > 0) ?? 0;
    failing = archived(page)[0]?.path ?? '';
    expect(failing).not.toBe('');
    const items = renderer.archiveArticles(catalog, SITE_SCOPE, page)?.length ?? 0;
    for (const format of FORMATS)
      expect((await app.request(`/archive/${page}/${format.file}`)).status).toBe(200);
    const json = await (await app.request(`/archive/${page}/feed.json`)).json();
    expect(json.items).toHaveLength(items - 1);
    const problem = {
      path: failing,
      line: expect.any(Number),
      severity: 'error',
      message: 'cannot render the article body: the disk said no',
    };
    expect(reported).toEqual([problem]);
    expect((await (await app.request('/health')).json()).problems).toContainEqual(problem);
    rmSync(folder, { recursive: true, force: true });
  });
});
