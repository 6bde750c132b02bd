// Archive pages filled in the order articles were first published (the ids file's `order`): an
// article published with an old date joins the newest page, full pages keep their articles, and a
// reader who walks prev-archive before, during and after such a change finds every article.
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveArticles, historyOf, isFullPage } from '../../src/catalog/archives.ts';
import { scopeArticles } from '../../src/catalog/catalog.ts';
import { readCatalogIndex, writeCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { SITE_SCOPE } from '../../src/catalog/scope.ts';
import { createApp } from '../../src/http/app.ts';
import { type FolderPublication, publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { buildFolder } from '../../src/publish/static/build-folder.ts';
import { md, testConfig } from '../helpers.ts';

const SITE = 'https://archives.feedwright.dev/';
// 250 articles, 20 in the feed, pages of 100 summaries: pages 1 and 2 full, page 3 filling.
const config = testConfig({
  siteUrl: SITE,
  itemLimit: 20,
  refresh: 'off',
  history: { site: 'summaries', tags: true },
});
let dir = '';
let idsDir = '';
let published: FolderPublication;
let app: ReturnType<typeof createApp>;

const post = (i: number, date = new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString()) =>
  md({ title: `Post ${i}`, date, tags: i % 2 === 0 ? ['even'] : ['odd'] }, `Body of post ${i}.`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-archive-order-'));
  idsDir = mkdtempSync(join(tmpdir(), 'feedwright-archive-order-ids-'));
  for (let i = 0; i < 250; i++) writeFileSync(join(dir, `p${i}.md`), post(i));
  published = await publishFolder(dir, config, {
    log: () => {},
    warm: false,
    ids: { file: join(idsDir, 'feedwright.ids.json') },
  });
  app = createApp({ config, catalog: () => published.publisher.catalog, cache: published.cache });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(idsDir, { recursive: true, force: true });
});

interface Page {
  readonly url: string;
  readonly ids: string[];
  readonly prev: string | undefined;
  readonly text: string;
  readonly etag: string;
}

async function fetchPage(url: string, through = app): Promise<Page> {
  const response = await through.request(url.slice(SITE.length - 1));
  expect(response.status, url).toBe(200);
  const text = await response.text();
  const ids = [...text.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1] ?? '');
  const prev = /<atom:link href="([^"]+)" rel="prev-archive"\/>/.exec(text)?.[1];
  return { url, ids, prev, text, etag: response.headers.get('etag') ?? '' };
}

/** The feed, then every archive page following prev-archive; `between` runs after `pause` pages. */
async function walk(from = `${SITE}feed.xml`, pause = -1, between?: () => Promise<void>): Promise<Page[]> {
  const pages = [await fetchPage(from)];
  for (let prev = pages[0]?.prev; prev; prev = pages.at(-1)?.prev) {
    if (pages.length === pause && between) await between();
    pages.push(await fetchPage(prev));
  }
  return pages;
}

/** What a reader that walked before sees when it walks again, stopping at the first page unchanged. */
async function walkAgain(before: readonly Page[]): Promise<Page[]> {
  const seen = new Map(before.map((page) => [page.url, page.etag]));
  const pages = [await fetchPage(`${SITE}feed.xml`)];
  for (let prev = pages[0]?.prev; prev; prev = pages.at(-1)?.prev) {
    const page = await fetchPage(prev);
    if (seen.get(page.url) === page.etag) break;
    pages.push(page);
  }
  return pages;
}

const allIds = () => (scopeArticles(published.publisher.catalog, SITE_SCOPE) ?? []).map((h) => h.id).sort();
const run = async () => expect((await published.publisher.run()).ok).toBe(true);

describe('archive pages in the order articles were first published', () => {
  it('are cut as date order cuts them while no article came late, and the ids file keeps the order', async () => {
    const pages = await walk();
    expect(pages.map((page) => page.ids.length)).toEqual([20, 30, 100, 100]);
    expect(pages[3]?.ids[0]).toBe(`${SITE}posts/p99/`);
    const ids = JSON.parse(readFileSync(join(idsDir, 'feedwright.ids.json'), 'utf8'));
    expect(ids.articles['p0.md'].order).toBe(1);
    expect(ids.articles['p249.md'].order).toBe(250);
  });

  it('put an article published with an old date on the newest page; no full page changes', async () => {
    const before = await walk();
    writeFileSync(join(dir, 'backdated.md'), post(-5000, '2001-01-01T00:00:00Z'));
    await run();
    const after = await walk();
    // The two full pages are the same bytes; the newest one took the backdated article.
    expect(after.slice(2).map((page) => page.text)).toEqual(before.slice(2).map((page) => page.text));
    expect(after[1]?.ids).toContain(`${SITE}posts/backdated/`);
    expect(after[1]?.ids).toHaveLength(31);
    const ids = after.flatMap((page) => page.ids);
    expect(ids.length).toBe(251);
    expect([...ids].sort()).toEqual(allIds());
    // A reader that walked before and walks again, stopping at the first page it already has, finds it.
    const again = await walkAgain(before);
    expect(again.map((page) => page.url)).toEqual([`${SITE}feed.xml`, `${SITE}archive/3/feed.xml`]);
    expect(new Set([...before, ...again].flatMap((page) => page.ids))).toEqual(new Set(allIds()));
  });

  it('put an old draft published and a past-dated scheduled post after every other, as they go live', async () => {
    const before = await walk();
    const draft = (isDraft: boolean) =>
      md({ title: 'Old draft', date: '1998-03-01T00:00:00Z', draft: isDraft, tags: ['even'] }, 'Draft.');
    writeFileSync(join(dir, 'draft.md'), draft(true));
    const liveAt = new Date(Date.now() + 1500).toISOString();
    const scheduled = md({ title: 'Scheduled', date: '1997-01-01T00:00:00Z', publishDate: liveAt }, 'Later.');
    writeFileSync(join(dir, 'scheduled.md'), scheduled);
    await run();
    expect((await walk()).map((page) => page.text)).toEqual(before.map((page) => page.text));
    writeFileSync(join(dir, 'draft.md'), draft(false));
    await run();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(liveAt) - Date.now() + 50)));
    await run();
    const after = await walk();
    // Both on the newest page, the full pages the same bytes, every article once.
    expect(after.slice(2).map((page) => page.text)).toEqual(before.slice(2).map((page) => page.text));
    expect(after[1]?.ids).toEqual([
      ...(before[1]?.ids ?? []),
      `${SITE}posts/draft/`,
      `${SITE}posts/scheduled/`,
    ]);
    expect(after.flatMap((page) => page.ids).sort()).toEqual(allIds());
    const ids = JSON.parse(readFileSync(join(idsDir, 'feedwright.ids.json'), 'utf8'));
    expect([ids.articles['draft.md'].order, ids.articles['scheduled.md'].order]).toEqual([252, 253]);
  });

  it('lose no article for a reader walking while old-dated articles and new posts arrive', async () => {
    let n = 0;
    const arrive = async () => {
      for (let k = 0; k < 3; k++)
        writeFileSync(join(dir, `late${n}-${k}.md`), post(-6000 - n * 10 - k, `2000-0${k + 1}-01T00:00:00Z`));
      writeFileSync(join(dir, `new${n}.md`), post(9000 + n));
      n++;
      await run();
    };
    const before = allIds();
    // Halfway down the history, three backdated articles and a new post arrive.
    const during = await walk(`${SITE}feed.xml`, 2, arrive);
    const seen = new Set(during.flatMap((page) => page.ids));
    expect(before.filter((id) => !seen.has(id))).toEqual([]);
    // Old-dated articles up to page 3's last place (300), then 20 new posts: the feed shows none of
    // its places any more, so it is full, and an (empty) newest page opens.
    const fills = 300 - allIds().length;
    expect(fills).toBeGreaterThan(0);
    for (let i = 0; i < fills; i++)
      writeFileSync(join(dir, `fill${i}.md`), post(-7000 - i, '1999-01-01T00:00:00Z'));
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `newer${i}.md`), post(9100 + i));
    await run();
    const pages = await walk();
    const history = historyOf(published.publisher.catalog, SITE_SCOPE, config.history);
    expect(history?.pages).toBe(4);
    expect(isFullPage(history ?? ({} as never), 3)).toBe(true);
    expect(isFullPage(history ?? ({} as never), 4)).toBe(false);
    expect(pages.map((page) => page.ids.length)).toEqual([20, 0, 100, 100, 100]);
    expect(pages.flatMap((page) => page.ids).sort()).toEqual(allIds());
    // Pages 1 and 2 are still the bytes the reader walking during the arrivals got.
    expect(pages.slice(3).map((page) => page.text)).toEqual(during.slice(2).map((page) => page.text));
  });

  it('drop a deleted article from its page; one coming back takes its old place again', async () => {
    const before = await walk();
    unlinkSync(join(dir, 'p150.md'));
    await run();
    const after = await walk();
    // p150 was on page 2: page 1 is the same bytes; page 2 lost it and, as places are counted
    // among the articles there are (as date order did), took the article of page 3's first place.
    expect(after.at(-1)?.text).toBe(before.at(-1)?.text);
    expect(before.at(-3)?.ids).toContain(`${SITE}posts/p200/`);
    expect(after.at(-2)?.ids).toEqual([
      `${SITE}posts/p200/`,
      ...(before.at(-2)?.ids.filter((id) => id !== `${SITE}posts/p150/`) ?? []),
    ]);
    expect(after.flatMap((page) => page.ids).sort()).toEqual(allIds());
    // Back again: its order is still in the ids file, so every page is as before, byte for byte.
    writeFileSync(join(dir, 'p150.md'), post(150));
    await run();
    expect((await walk()).map((page) => page.text)).toEqual(before.map((page) => page.text));
  });

  it('are the same on a tag feed, from a restart (the order is in the ids file), in build and in the Worker index', async () => {
    const served = await walk(`${SITE}tags/even/feed.xml`);
    const again = await publishFolder(dir, config, {
      log: () => {},
      warm: false,
      ids: { file: join(idsDir, 'feedwright.ids.json') },
    });
    const restarted = createApp({ config, catalog: () => again.publisher.catalog, cache: again.cache });
    for (const page of [...served, ...(await walk())]) {
      const response = await restarted.request(page.url.slice(SITE.length - 1));
      expect(await response.text(), page.url).toBe(page.text);
    }
    const out = mkdtempSync(join(tmpdir(), 'feedwright-archive-order-build-'));
    try {
      await buildFolder({
        contentDir: dir,
        outDir: out,
        config,
        cacheDir: join(out, '.cache'),
        ids: { file: join(idsDir, 'feedwright.ids.json') },
      });
      for (const page of served.slice(1))
        expect(readFileSync(join(out, page.url.slice(SITE.length)), 'utf8'), page.url).toBe(page.text);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    // Written down for the Worker and read back (heads of what feeds show only): the same pages, the same full ones.
    const catalog = again.publisher.catalog;
    const files = new Map<string, unknown>();
    const index = writeCatalogIndex(
      catalog,
      (term) => term.slug,
      (file, heads) => files.set(file, heads),
      10,
    );
    expect(index.archiveLayouts).toBeDefined();
    const back = readCatalogIndex(JSON.parse(JSON.stringify(index)), [], new Map(), () => []);
    for (const scope of [SITE_SCOPE, { kind: 'tags', slug: 'even' } as const]) {
      const whole = historyOf(catalog, scope, config.history);
      const read = historyOf(back, scope, config.history);
      expect(read?.pages).toBe(whole?.pages);
      for (let page = 1; page <= (whole?.pages ?? 0); page++)
        expect(isFullPage(read ?? ({} as never), page)).toBe(isFullPage(whole ?? ({} as never), page));
      expect(archiveArticles(back, scope, 1, config.history)).toBeUndefined();
    }
  }, 120_000);
});

describe('a reader backfilling 1,000 articles while 5 backdated ones arrive (issue 23, point 8)', () => {
  /** Walks the site's history, one backdated article arriving after each of the first 5 archive pages. */
  async function backfill(withIds: boolean): Promise<{ missed: string[]; again: string[]; all: string[] }> {
    const site = mkdtempSync(join(tmpdir(), 'feedwright-backfill-'));
    try {
      for (let i = 0; i < 1000; i++) writeFileSync(join(site, `p${i}.md`), post(i));
      const pub = await publishFolder(site, config, {
        log: () => {},
        warm: false,
        ...(withIds && { ids: { file: join(site, '.ids', 'feedwright.ids.json') } }),
      });
      const through = createApp({ config, catalog: () => pub.publisher.catalog, cache: pub.cache });
      const ids = () => (scopeArticles(pub.publisher.catalog, SITE_SCOPE) ?? []).map((h) => h.id);
      const before = ids();
      const pages = [await fetchPage(`${SITE}feed.xml`, through)];
      for (let prev = pages[0]?.prev; prev; prev = pages.at(-1)?.prev) {
        if (pages.length >= 2 && pages.length <= 6) {
          const k = pages.length - 1;
          writeFileSync(join(site, `old${k}.md`), post(-10_000 - k, `2001-0${k}-01T00:00:00Z`));
          expect((await pub.publisher.run()).ok).toBe(true);
        }
        pages.push(await fetchPage(prev, through));
      }
      const seen = new Set(pages.flatMap((page) => page.ids));
      // Polling again, down to the first page it has with the same ETag.
      const etags = new Map(pages.map((page) => [page.url, page.etag]));
      const again = [await fetchPage(`${SITE}feed.xml`, through)];
      for (let prev = again[0]?.prev; prev; prev = again.at(-1)?.prev) {
        const page = await fetchPage(prev, through);
        if (etags.get(page.url) === page.etag) break;
        again.push(page);
      }
      for (const page of again) for (const id of page.ids) seen.add(id);
      return {
        missed: before.filter((id) => !pages.some((page) => page.ids.includes(id))),
        again: ids().filter((id) => !seen.has(id)),
        all: ids(),
      };
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  }

  it('misses none with the ids file; by date order (no ids file) it misses one per backdated article', async () => {
    const kept = await backfill(true);
    expect(kept.all).toHaveLength(1005);
    expect(kept.missed).toEqual([]);
    // Walking again to the first page it already has, it finds the 5 backdated ones too.
    expect(kept.again).toEqual([]);
    const dated = await backfill(false);
    expect(dated.missed).toHaveLength(5);
  }, 120_000);
});
