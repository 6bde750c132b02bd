import { describe, expect, it } from 'vitest';
import {
  applyLedger,
  EMPTY_LEDGER,
  type IdLedger,
  parseLedger,
  recordFeeds,
  serializeLedger,
} from '../../src/catalog/id-ledger.ts';
import type { ArticleHead } from '../../src/content/article.ts';
import { article, md, NOW, testConfig } from '../helpers.ts';

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const A = md({ title: 'Alpha', date: iso(NOW - 2 * day) });
const B = md({ title: 'Beta', date: iso(NOW - day) });

function heads(files: Record<string, string>, overrides = {}): ArticleHead[] {
  const config = testConfig(overrides);
  return Object.entries(files).map(([path, text]) => article(text, path, config).head);
}

const keep = { acceptChanges: false, now: NOW };

describe('the id ledger', () => {
  const first = applyLedger(heads({ 'posts/a.md': A, 'posts/b.md': B }), EMPTY_LEDGER, keep);

  it('records every live article by path: id, link, date, title and the order it was first published in', () => {
    expect(first.ledger.articles['posts/a.md']).toEqual({
      id: 'https://feedwright.dev/posts/a/',
      link: 'https://feedwright.dev/posts/a/',
      date: iso(NOW - 2 * day),
      title: 'Alpha',
      order: 1,
    });
    expect(first.ledger.articles['posts/b.md']?.order).toBe(2);
    expect(first.heads.map((h) => h.archiveOrder)).toEqual([1, 2]);
    expect(Object.keys(first.ledger.articles)).toEqual(['posts/a.md', 'posts/b.md']);
    expect(first.problems).toEqual([]);
    expect(first.kept).toBe(0);
  });

  it('records neither drafts nor posts not yet live: they have published nothing', () => {
    const result = applyLedger(
      heads({
        'posts/draft.md': md({ title: 'Draft', date: iso(NOW - day), draft: true }),
        'posts/later.md': md({ title: 'Later', date: iso(NOW + day) }),
      }),
      EMPTY_LEDGER,
      keep,
    );
    expect(result.ledger.articles).toEqual({});
  });

  it('keeps recorded ids and links when siteUrl changes, and says so per article', () => {
    const moved = heads({ 'posts/a.md': A, 'posts/b.md': B }, { siteUrl: 'https://new.feedwright.dev/' });
    const result = applyLedger(moved, first.ledger, keep);
    expect(result.heads.map((h) => [h.id, h.permalink])).toEqual([
      ['https://feedwright.dev/posts/a/', 'https://feedwright.dev/posts/a/'],
      ['https://feedwright.dev/posts/b/', 'https://feedwright.dev/posts/b/'],
    ]);
    expect(result.kept).toBe(2);
    expect(result.ledger).toEqual(first.ledger);
    expect(result.problems[0]).toEqual({
      path: 'posts/a.md',
      line: 1,
      severity: 'warning',
      message:
        'id would change from https://feedwright.dev/posts/a/ to https://new.feedwright.dev/posts/a/; link would change from https://feedwright.dev/posts/a/ to https://new.feedwright.dev/posts/a/; the recorded one is kept (--accept-id-changes takes the new)',
    });
  });

  it('keeps them when the permalink pattern changes', () => {
    const moved = heads({ 'posts/a.md': A }, { permalink: '/:year/:month/:slug/' });
    expect(moved[0]?.permalink).toBe('https://feedwright.dev/2026/01/a/');
    const result = applyLedger(moved, first.ledger, keep);
    expect(result.heads[0]?.permalink).toBe('https://feedwright.dev/posts/a/');
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/posts/a/');
  });

  it('takes and records the new ones with acceptChanges', () => {
    const moved = heads({ 'posts/a.md': A }, { siteUrl: 'https://new.feedwright.dev/' });
    const result = applyLedger(moved, first.ledger, { acceptChanges: true, now: NOW });
    expect(result.heads[0]?.id).toBe('https://new.feedwright.dev/posts/a/');
    expect(result.ledger.articles['posts/a.md']?.link).toBe('https://new.feedwright.dev/posts/a/');
    expect(result.kept).toBe(0);
    expect(result.problems[0]?.message).toContain('the new one is published and recorded');
  });

  it('recognises a renamed file by its date and title, and moves its entry', () => {
    const result = applyLedger(heads({ 'posts/alpha-renamed.md': A, 'posts/b.md': B }), first.ledger, keep);
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/posts/a/');
    expect(result.heads[0]?.permalink).toBe('https://feedwright.dev/posts/a/');
    expect(result.problems[0]?.message).toMatch(/^renamed from posts\/a\.md: id would change/);
    expect(Object.keys(result.ledger.articles)).toEqual(['posts/b.md', 'posts/alpha-renamed.md']);
  });

  it('does not guess between two gone entries, or two new files, of one date and title', () => {
    const twice: IdLedger = {
      ...first.ledger,
      articles: {
        ...first.ledger.articles,
        'posts/a-copy.md': { id: 'x', link: 'y', date: iso(NOW - 2 * day), title: 'Alpha' },
      },
    };
    const result = applyLedger(heads({ 'posts/renamed.md': A }), twice, keep);
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/posts/renamed/');
    const two = applyLedger(heads({ 'posts/r1.md': A, 'posts/r2.md': A }), first.ledger, keep);
    expect(two.heads.map((h) => h.id)).toEqual([
      'https://feedwright.dev/posts/r1/',
      'https://feedwright.dev/posts/r2/',
    ]);
  });

  it('keeps the entries of articles that are gone (the file may come back)', () => {
    const result = applyLedger(heads({ 'posts/b.md': B }), first.ledger, keep);
    expect(Object.keys(result.ledger.articles).sort()).toEqual(['posts/a.md', 'posts/b.md']);
  });

  it('lets the recorded date and title follow an edit, so a later rename is still recognised', () => {
    const edited = md({ title: 'Alpha, edited', date: iso(NOW - 2 * day) });
    const moved = heads({ 'posts/a.md': edited }, { siteUrl: 'https://new.feedwright.dev/' });
    const result = applyLedger(moved, first.ledger, keep);
    expect(result.ledger.articles['posts/a.md']?.title).toBe('Alpha, edited');
    expect(result.ledger.articles['posts/a.md']?.id).toBe('https://feedwright.dev/posts/a/');
  });
});

describe('the order articles were first published in', () => {
  const first = applyLedger(heads({ 'posts/a.md': A, 'posts/b.md': B }), EMPTY_LEDGER, keep);

  it('numbers an article published later with an old date after every recorded one', () => {
    const old = md({ title: 'Old draft', date: iso(NOW - 400 * day) });
    const later = applyLedger(
      heads({ 'posts/a.md': A, 'posts/b.md': B, 'posts/old.md': old }),
      first.ledger,
      keep,
    );
    expect(later.ledger.articles['posts/old.md']?.order).toBe(3);
    expect(later.heads.map((h) => [h.path, h.archiveOrder])).toEqual([
      ['posts/a.md', 1],
      ['posts/b.md', 2],
      ['posts/old.md', 3],
    ]);
    // Written and read back, the same numbers.
    const again = parseLedger(serializeLedger(later.ledger), 'ids.json');
    expect(applyLedger(later.heads, again, keep).ledger).toBe(again);
  });

  it('numbers the new ones of one scan oldest first, and a scheduled post when it goes live', () => {
    const soon = md({ title: 'Soon', date: iso(NOW + day) });
    const older = md({ title: 'Older', date: iso(NOW - 9 * day) });
    const files = { 'posts/a.md': A, 'posts/b.md': B, 'posts/soon.md': soon, 'posts/z.md': older };
    const now = applyLedger(heads(files), first.ledger, keep);
    expect(now.ledger.articles['posts/z.md']?.order).toBe(3);
    expect(now.ledger.articles['posts/soon.md']).toBeUndefined();
    const live = applyLedger(heads(files), now.ledger, { ...keep, now: NOW + 2 * day });
    expect(live.ledger.articles['posts/soon.md']?.order).toBe(4);
  });

  it('numbers a new file in the order date-ordered pages took (feed order reversed), later ones as they went live', () => {
    // Same date: feed order puts posts/c before posts/d (ties by path), so d is older in it; a
    // weighted page comes first in feed order (Hugo), so last here.
    const same = iso(NOW - 5 * day);
    const files = {
      'posts/c.md': md({ title: 'C', date: same }),
      'posts/d.md': md({ title: 'D', date: same }),
      'posts/w.md': md({ title: 'W', date: iso(NOW - 9 * day) }),
      'posts/a.md': A,
    };
    const weighted = (list: ArticleHead[]) =>
      list.map((head) => (head.path === 'posts/w.md' ? { ...head, weight: 1 } : head));
    const fresh = applyLedger(weighted(heads(files)), EMPTY_LEDGER, keep);
    const orderOf = (result: typeof fresh, path: string) => result.ledger.articles[path]?.order;
    expect(['posts/d.md', 'posts/c.md', 'posts/a.md', 'posts/w.md'].map((p) => orderOf(fresh, p))).toEqual([
      1, 2, 3, 4,
    ]);
    // Later: two scheduled posts gone live while nothing ran, the later to go live dated older.
    const later = {
      ...files,
      'posts/s1.md': md({ title: 'S1', date: iso(NOW - day), publishDate: iso(NOW + day) }),
      'posts/s2.md': md({ title: 'S2', date: iso(NOW - 30 * day), publishDate: iso(NOW + 2 * day) }),
    };
    const live = applyLedger(weighted(heads(later)), fresh.ledger, { ...keep, now: NOW + 3 * day });
    expect([orderOf(live, 'posts/s1.md'), orderOf(live, 'posts/s2.md')]).toEqual([5, 6]);
  });

  it('keeps an article its order through an edit of its date, a new id accepted and a rename', () => {
    const redated = md({ title: 'Beta', date: iso(NOW - 900 * day) });
    const edited = applyLedger(heads({ 'posts/a.md': A, 'posts/b.md': redated }), first.ledger, keep);
    expect(edited.ledger.articles['posts/b.md']?.order).toBe(2);
    const moved = heads({ 'posts/a.md': A, 'posts/b.md': B }, { siteUrl: 'https://new.example/' });
    const accepted = applyLedger(moved, first.ledger, { ...keep, acceptChanges: true });
    expect(accepted.ledger.articles['posts/a.md']).toMatchObject({
      link: 'https://new.example/posts/a/',
      order: 1,
    });
    const renamed = applyLedger(heads({ 'posts/a.md': A, 'posts/beta.md': B }), first.ledger, keep);
    expect(renamed.ledger.articles['posts/beta.md']?.order).toBe(2);
  });

  it('numbers the entries of a file written before orders were kept by date, after any numbered one', () => {
    const text = serializeLedger({
      ...first.ledger,
      articles: {
        'posts/b.md': {
          id: 'https://example.org/posts/b/',
          link: 'https://example.org/posts/b/',
          date: iso(NOW - day),
          title: 'Beta',
        },
        'posts/a.md': {
          id: 'https://example.org/posts/a/',
          link: 'https://example.org/posts/a/',
          date: iso(NOW - 2 * day),
          title: 'Alpha',
        },
      },
    });
    const result = applyLedger(
      heads({ 'posts/a.md': A, 'posts/b.md': B }),
      parseLedger(text, 'ids.json'),
      keep,
    );
    expect([
      result.ledger.articles['posts/a.md']?.order,
      result.ledger.articles['posts/b.md']?.order,
    ]).toEqual([1, 2]);
    expect(() =>
      parseLedger(text.replace('"title": "Beta"', '"title": "Beta", "order": 0'), 'ids.json'),
    ).toThrow('ids.json: the entry of "posts/b.md" has an order that is not a positive whole number');
  });
});

describe('the ids file', () => {
  const ledger = applyLedger(heads({ 'posts/b.md': B, 'posts/a.md': A }), EMPTY_LEDGER, keep).ledger;

  it('is sorted and stable: parsed and written again, it is the same bytes', () => {
    const text = serializeLedger(ledger);
    expect(text.indexOf('posts/a.md')).toBeLessThan(text.indexOf('posts/b.md'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(serializeLedger(parseLedger(text, 'ids.json'))).toBe(text);
  });

  it('refuses what it did not write, naming the file and what is wrong', () => {
    expect(() => parseLedger('{', 'site/feedwright.ids.json')).toThrow(
      /^site\/feedwright\.ids\.json is not JSON/,
    );
    expect(() => parseLedger('[]', 'f.json')).toThrow('f.json is not a feedwright ids file');
    expect(() => parseLedger('{"version":1,"articles":[]}', 'f.json')).toThrow(
      'f.json: "articles" must be an object of entries by path',
    );
    expect(() =>
      parseLedger('{"version":1,"articles":{"posts/a.md":{"id":"x","link":3}}}', 'f.json'),
    ).toThrow('f.json: the entry of "posts/a.md" must have string id, link, date and title');
    // Redirects are answered from these: a hand-edited relative or odd URL is refused here, named.
    const withMoved = (moved: object) => JSON.stringify({ version: 1, articles: {}, feeds: {}, moved });
    expect(() => parseLedger(withMoved({ '/old/feed.xml': 'site|rss' }), 'f.json')).toThrow(
      'f.json: "/old/feed.xml" is not an absolute http(s) URL',
    );
    expect(() => parseLedger(withMoved({ 'javascript:1': 'site|rss' }), 'f.json')).toThrow(/javascript:1/);
    const feeds = JSON.stringify({ version: 1, articles: {}, feeds: { 'site|rss': 'feed.xml' } });
    expect(() => parseLedger(feeds, 'f.json')).toThrow('f.json: "feed.xml" is not an absolute http(s) URL');
  });
});

describe('feeds in the ledger', () => {
  const at = (path: string) => `https://feedwright.dev/${path}`;
  const first = recordFeeds(EMPTY_LEDGER, { 'site|rss': at('feed.xml'), 'tags:go|atom': at('tag/go.xml') });

  it('records where each feed is; nothing moved the first time', () => {
    expect(first.ledger.feeds).toEqual({ 'site|rss': at('feed.xml'), 'tags:go|atom': at('tag/go.xml') });
    expect(first.redirects).toEqual({});
  });

  it('redirects a moved feed from its old URL, and keeps doing so after the next record', () => {
    const moved = recordFeeds(first.ledger, {
      'site|rss': at('feed.xml'),
      'tags:go|atom': at('tags/go/atom.xml'),
    });
    expect(moved.redirects).toEqual({ [at('tag/go.xml')]: at('tags/go/atom.xml') });
    const again = recordFeeds(moved.ledger, {
      'site|rss': at('feed.xml'),
      'tags:go|atom': at('tags/go/atom.xml'),
    });
    expect(again.redirects).toEqual(moved.redirects);
    // Moved again: both earlier URLs lead to the newest.
    const third = recordFeeds(again.ledger, { 'tags:go|atom': at('go.atom') });
    expect(third.redirects).toEqual({
      [at('tag/go.xml')]: at('go.atom'),
      [at('tags/go/atom.xml')]: at('go.atom'),
    });
  });

  it('never redirects a URL some feed is published at now', () => {
    const moved = recordFeeds(first.ledger, { 'tags:go|atom': at('tags/go/atom.xml') });
    const taken = recordFeeds(moved.ledger, {
      'tags:go|atom': at('tags/go/atom.xml'),
      'tags:js|atom': at('tag/go.xml'),
    });
    expect(taken.redirects).toEqual({});
  });
});

describe('the id ledger never keeps what no reader could have seen', () => {
  it('takes no entry recorded at this machine (localhost, loopback) as published', () => {
    const local = applyLedger(
      heads({ 'posts/a.md': A }, { siteUrl: 'http://127.0.0.1:8787/' }),
      EMPTY_LEDGER,
      keep,
    );
    const result = applyLedger(heads({ 'posts/a.md': A }), local.ledger, keep);
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/posts/a/');
    expect(result.kept).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.ledger.articles['posts/a.md']?.link).toBe('https://feedwright.dev/posts/a/');
  });

  it('takes no entry recorded at a placeholder (example.org, which earlier versions recorded) as published', () => {
    for (const siteUrl of ['http://example.org/', 'https://www.example.com/', 'https://blog.test/']) {
      const placeholder = applyLedger(heads({ 'posts/a.md': A }, { siteUrl }), EMPTY_LEDGER, keep);
      const result = applyLedger(heads({ 'posts/a.md': A }), placeholder.ledger, keep);
      expect(result.heads[0]?.id, siteUrl).toBe('https://feedwright.dev/posts/a/');
      expect(result.kept, siteUrl).toBe(0);
      expect(result.problems, siteUrl).toEqual([]);
    }
  });

  it('moves no feed from a placeholder address', () => {
    const ledger: IdLedger = {
      ...EMPTY_LEDGER,
      feeds: { 'site|rss': 'http://example.org/feed.xml' },
      moved: { 'https://feeds.example.com/old.xml': 'site|rss' },
    };
    const moves = recordFeeds(ledger, { 'site|rss': 'https://feedwright.dev/feed.xml' });
    expect(moves.ledger.moved).toEqual({});
    expect(moves.redirects).toEqual({});
  });

  it('moves no feed from a local address', () => {
    const ledger: IdLedger = {
      ...EMPTY_LEDGER,
      feeds: { 'site|rss': 'http://localhost:8787/feed.xml' },
      moved: { 'http://127.0.0.1:8787/old.xml': 'site|rss' },
    };
    const moves = recordFeeds(ledger, { 'site|rss': 'https://feedwright.dev/feed.xml' });
    expect(moves.ledger.moved).toEqual({});
    expect(moves.redirects).toEqual({});
  });
});

describe('the id ledger in site mode', () => {
  const hugo = { ...keep, generator: 'Hugo' };
  // Recorded by an earlier run with feedwright's own rules (content mode): links the site never had.
  const contentMode = applyLedger(heads({ 'posts/a.md': A }), EMPTY_LEDGER, keep).ledger;
  const site = heads({ 'posts/a.md': A }, { permalink: '/:year/:month/:slug/' });

  it("publishes the generator's link, keeps the recorded id, and says how to take the generator's", () => {
    const result = applyLedger(site, contentMode, hugo);
    expect(result.heads[0]).toMatchObject({
      id: 'https://feedwright.dev/posts/a/',
      permalink: 'https://feedwright.dev/2026/01/a/',
    });
    expect(result.ledger.articles['posts/a.md']).toMatchObject({
      id: 'https://feedwright.dev/posts/a/',
      link: 'https://feedwright.dev/2026/01/a/',
    });
    expect(result.kept).toBe(1);
    expect(result.problems[0]?.message).toBe(
      "the recorded id https://feedwright.dev/posts/a/ is not the one Hugo gives it (https://feedwright.dev/2026/01/a/); kept, so that readers do not show it again. To publish Hugo's: feedwright build --accept-id-changes (in a wrangler build: FEEDWRIGHT_ACCEPT_ID_CHANGES=1 npx wrangler deploy)",
    );
  });

  it("with accepted changes, records the generator's id and link", () => {
    const result = applyLedger(site, contentMode, { ...hugo, acceptChanges: true });
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/2026/01/a/');
    expect(result.ledger.articles['posts/a.md']?.id).toBe('https://feedwright.dev/2026/01/a/');
    expect(result.kept).toBe(0);
  });

  it('carries no id over a rename: the new path records what the generator gives it', () => {
    const renamed = heads({ 'posts/renamed.md': A });
    const result = applyLedger(renamed, contentMode, hugo);
    expect(result.heads[0]?.id).toBe('https://feedwright.dev/posts/renamed/');
    expect(result.ledger.articles['posts/renamed.md']?.id).toBe('https://feedwright.dev/posts/renamed/');
    // The gone one stays recorded: the file may come back.
    expect(result.ledger.articles['posts/a.md']).toBeDefined();
  });
});
