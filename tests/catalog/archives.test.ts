// Archive page membership (RFC 5005) by place: the order articles were first published in (the ids
// file's `order`, carried on heads as archiveOrder), pure, from catalogs built in memory.
import { describe, expect, it } from 'vitest';
import { archiveArticles, type History, historyOf, isFullPage } from '../../src/catalog/archives.ts';
import { buildCatalog, type Catalog, catalogOptions } from '../../src/catalog/catalog.ts';
import { readCatalogIndex, writeCatalogIndex } from '../../src/catalog/catalog-index.ts';
import { SITE_SCOPE } from '../../src/catalog/scope.ts';
import type { SourceArticle } from '../../src/content/article.ts';
import { article, md, NOW, testConfig } from '../helpers.ts';

const hour = 3_600_000;
// Feeds show 2 articles; pages of whole articles hold 2 each.
const config = testConfig({
  siteUrl: 'https://pages.feedwright.dev/',
  itemLimit: 2,
  history: { site: 'full' },
});
const START = NOW - 1000 * hour;

/** Article `i` dated `i` hours after START (or at `date`), published `order`-th (none: no ids file). */
function source(i: number, order?: number, date = START + i * hour): SourceArticle {
  const a = article(md({ title: `Post ${i}`, date: new Date(date).toISOString() }), `posts/p${i}.md`, config);
  return order === undefined ? a : { ...a, head: { ...a.head, archiveOrder: order } };
}

const catalogOf = (sources: readonly SourceArticle[], now = NOW): Catalog =>
  buildCatalog(sources, [], catalogOptions(config, now, { bodies: new Map() }));

const history = (catalog: Catalog): History => {
  const found = historyOf(catalog, SITE_SCOPE, config.history);
  if (!found) throw new Error('no history');
  return found;
};

/** Titles of every page, oldest page first, and which are full. */
function pages(catalog: Catalog): { titles: string[][]; full: boolean[] } {
  const h = history(catalog);
  const titles: string[][] = [];
  const full: boolean[] = [];
  for (let page = 1; page <= h.pages; page++) {
    titles.push((archiveArticles(catalog, SITE_SCOPE, page, config.history) ?? []).map((a) => a.title));
    full.push(isFullPage(h, page));
  }
  return { titles, full };
}

describe('archive pages by place', () => {
  const seven = [1, 2, 3, 4, 5, 6, 7].map((i) => source(i, i));

  it('are cut as date order cuts them when articles were published in date order', () => {
    const numbered = pages(catalogOf(seven));
    expect(numbered).toEqual({
      titles: [['Post 2', 'Post 1'], ['Post 4', 'Post 3'], ['Post 5']],
      full: [true, true, false],
    });
    // The same as without any order (no ids file).
    expect(pages(catalogOf([1, 2, 3, 4, 5, 6, 7].map((i) => source(i))))).toEqual(numbered);
  });

  it('put an article published later with an old date on the newest page, full pages unchanged', () => {
    const before = pages(catalogOf(seven));
    const after = pages(catalogOf([...seven, source(0, 8)]));
    // Post 0 takes place 8, on page 4 (places 7-8, the feed showing 7); page 3 still holds place 6,
    // which the feed shows: neither is full, and the full pages are as they were.
    expect(after.titles).toEqual([...before.titles, ['Post 0']]);
    expect(after.full).toEqual([true, true, false, false]);
    // Without an order it is date order: every page moves by one (README says so).
    const dated = pages(catalogOf([...[1, 2, 3, 4, 5, 6, 7].map((i) => source(i)), source(0)]));
    expect(dated.titles.slice(0, 2)).toEqual([
      ['Post 1', 'Post 0'],
      ['Post 3', 'Post 2'],
    ]);
  });

  it('keep a page that holds a place the feed shows open until the feed no longer shows it', () => {
    // Post 9 (published 8th) and Post 7 are shown (places 7 and 8); two backdated ones take places
    // 9 and 10: page 5 (9-10) is full, page 4 (7-8) is empty and open until the feed moves on, and
    // page 6, empty, is the newest.
    const catalog = catalogOf([...seven, source(9, 8), source(-1, 9), source(-2, 10)]);
    const h = history(catalog);
    expect(h.shownPlaces).toEqual([7, 8]);
    expect(pages(catalog)).toEqual({
      titles: [
        ['Post 2', 'Post 1'],
        ['Post 4', 'Post 3'],
        ['Post 6', 'Post 5'],
        [],
        ['Post -1', 'Post -2'],
        [],
      ],
      full: [true, true, true, false, true, false],
    });
    // Two new posts: the feed shows them, page 4 takes Post 9 and Post 7 and is full.
    const later = pages(
      catalogOf([...seven, source(9, 8), source(-1, 9), source(-2, 10), source(30, 11), source(31, 12)]),
    );
    expect(later.titles.slice(0, 5)).toEqual([
      ...pages(catalog).titles.slice(0, 3),
      ['Post 9', 'Post 7'],
      ['Post -1', 'Post -2'],
    ]);
    expect(later.full).toEqual([true, true, true, true, true, false]);
  });

  it('place articles without an order after those with one, in the order they went live', () => {
    // Two scheduled posts gone live since the ids file was applied (as on a Worker): the later one
    // to go live has the older date; it still takes the later place, as the ids file numbers them.
    const scheduled = (i: number, date: number, live: number): SourceArticle => {
      const a = article(
        md({
          title: `Post ${i}`,
          date: new Date(date).toISOString(),
          publishDate: new Date(live).toISOString(),
        }),
        `posts/p${i}.md`,
        config,
      );
      return a;
    };
    const a = scheduled(20, START + 20 * hour, NOW - 2 * hour);
    const b = scheduled(-5, START - 5 * hour, NOW - hour);
    const catalog = catalogOf([...seven, a, b]);
    // a (place 8) and Post 7 (7) are shown; b takes place 9, on page 5. By date it would be 8.
    expect(pages(catalog).titles.slice(3)).toEqual([[], ['Post -5']]);
  });

  it('are the same from a catalog written down for the Worker (heads of what feeds show only)', () => {
    const catalog = catalogOf([...seven, source(9, 8), source(-1, 9), source(-2, 10)]);
    const index = writeCatalogIndex(
      catalog,
      (term) => term.slug,
      () => {},
      10,
    );
    expect(index.archiveLayouts?.['site']).toEqual({ lastArchived: 10, shownPlaces: [7, 8] });
    const back = readCatalogIndex(JSON.parse(JSON.stringify(index)), [], new Map(), () => []);
    const h = history(back);
    expect(h.pages).toBe(history(catalog).pages);
    expect([1, 2, 3, 4, 5, 6].map((page) => isFullPage(h, page))).toEqual(pages(catalog).full);
    // A site whose articles came in date order keeps no layout.
    expect(
      writeCatalogIndex(
        catalogOf(seven),
        (term) => term.slug,
        () => {},
        10,
      ).archiveLayouts,
    ).toBeUndefined();
  });
});
