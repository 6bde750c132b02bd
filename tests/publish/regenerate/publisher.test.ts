import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/catalog/catalog.ts';
import { allScopes } from '../../../src/catalog/catalog.ts';
import { scopeKey } from '../../../src/catalog/scope.ts';
import { FORMATS } from '../../../src/feeds/formats.ts';
import { PAGES } from '../../../src/feeds/pages.ts';
import { catalogOnly } from '../../../src/publish/cache/document-source.ts';
import { FeedCache } from '../../../src/publish/cache/feed-cache.ts';
import { type ArticleSource, Publisher } from '../../../src/publish/regenerate/publisher.ts';
import { SourceChangedError } from '../../../src/source/content-folder.ts';
import { ContentScanner } from '../../../src/source/content-scanner.ts';
import { md, testConfig } from '../../helpers.ts';

const config = testConfig();
const T0 = Date.parse('2026-03-01T12:00:00Z');
let dir: string;
let clock: number;
let tick = 0;
let logs: string[];

function write(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  // A distinct mtime per write, as editors give; the library compares size and mtime first.
  const at = new Date(T0 + ++tick * 1000);
  utimesSync(path, at, at);
}

function publisherFor(source: ArticleSource = new ContentScanner(dir, config)) {
  const cache = new FeedCache(catalogOnly(config));
  return {
    cache,
    publisher: new Publisher({
      source,
      config,
      warm: (catalog) => cache.warm(catalog),
      now: () => clock,
      log: (l) => logs.push(l),
    }),
  };
}

async function etags(cache: FeedCache, catalog: Catalog): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const scope of allScopes(catalog)) {
    for (const format of FORMATS)
      out[`${scopeKey(scope)}|${format.name}`] = (await cache.feed(catalog, scope, format))?.etag ?? '';
  }
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-regen-'));
  mkdirSync(join(dir, 'posts'));
  clock = T0;
  logs = [];
  write('posts/a.md', md({ title: 'A', date: '2026-01-01', tags: ['alpha'], categories: ['one'] }));
  write('posts/b.md', md({ title: 'B', date: '2026-01-02', tags: ['beta'], categories: ['two'] }));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('regeneration', () => {
  it('publishes a new file after a run, re-reading only what changed', async () => {
    const { publisher } = publisherFor();
    expect((await publisher.run()).read).toBe(2);
    write('posts/c.md', md({ title: 'C', date: '2026-01-03' }));
    const report = await publisher.run();
    expect(report).toMatchObject({ ok: true, seen: 3, read: 1, changed: 1, published: 3 });
    expect(publisher.catalog.articles.map((a) => a.title)).toEqual(['C', 'B', 'A']);
    expect((await publisher.run()).read).toBe(0);
    expect(logs.at(-1)).toMatch(
      /^\[feedwright\] run: 3 articles seen, 0 changed, 3 published, 0 feeds re-rendered, [\d.]+ ms$/,
    );
  });

  it('does not count a touched but unchanged file as a change', async () => {
    const { publisher } = publisherFor();
    await publisher.run();
    const at = new Date(T0 + 99_000);
    utimesSync(join(dir, 'posts/a.md'), at, at);
    expect(await publisher.run()).toMatchObject({ read: 1, changed: 0, rendered: 0 });
  });

  it('re-renders only the feeds that contain an edited article; the others keep their ETag', async () => {
    const { publisher, cache } = publisherFor();
    await publisher.run();
    const before = await etags(cache, publisher.catalog);
    write('posts/a.md', md({ title: 'A edited', date: '2026-01-01', tags: ['alpha'], categories: ['one'] }));
    const report = await publisher.run();
    // site, tag alpha, category one, section posts: 3 formats each. The pages (index, OPML,
    // feeds.json) list the feeds there are, which did not change.
    expect(report.rendered).toBe(4 * 3);
    // An article added changes what they count: each is rendered again.
    write('posts/c.md', md({ title: 'C', date: '2026-01-03', tags: ['alpha'] }));
    const added = await publisher.run();
    expect(added.rendered).toBe(3 * 3 + PAGES.length);
    rmSync(join(dir, 'posts/c.md'));
    await publisher.run();
    const after = await etags(cache, publisher.catalog);
    const changed = Object.keys(after)
      .filter((k) => after[k] !== before[k])
      .sort();
    expect(changed).toEqual(
      ['site', 'tags:alpha', 'categories:one', 'sections:posts']
        .flatMap((s) => FORMATS.map((f) => `${s}|${f.name}`))
        .sort(),
    );
  });

  it('drops a deleted file', async () => {
    const { publisher } = publisherFor();
    await publisher.run();
    rmSync(join(dir, 'posts/b.md'));
    expect(await publisher.run()).toMatchObject({ changed: 1, published: 1 });
    expect(publisher.catalog.terms.tags?.has('beta')).toBe(false);
  });

  it('publishes a future post at the first run after its publishDate, with no file change', async () => {
    write('posts/later.md', md({ title: 'Later', date: '2026-03-01T12:30:00Z', tags: ['alpha'] }));
    const { publisher } = publisherFor();
    await publisher.run();
    expect(publisher.catalog.articles.map((a) => a.title)).toEqual(['B', 'A']);
    expect(publisher.catalog.nextChange).toBe(Date.parse('2026-03-01T12:30:00Z'));
    clock = Date.parse('2026-03-01T12:29:59Z');
    await publisher.run();
    expect(publisher.catalog.articles).toHaveLength(2);
    clock = Date.parse('2026-03-01T12:31:00Z');
    expect(await publisher.run()).toMatchObject({ read: 0, changed: 0, published: 3 });
    expect(publisher.catalog.articles[0]?.title).toBe('Later');
  });

  it('takes an expired post out at the first run after its expiryDate', async () => {
    write('posts/short.md', md({ title: 'Short', date: '2026-02-01', expiryDate: '2026-03-02' }));
    const { publisher } = publisherFor();
    await publisher.run();
    expect(publisher.catalog.articles.map((a) => a.title)).toContain('Short');
    clock = Date.parse('2026-03-02T00:00:01Z');
    await publisher.run();
    expect(publisher.catalog.articles.map((a) => a.title)).not.toContain('Short');
  });

  it('keeps the last good version of an article whose file breaks, and reports it', async () => {
    const { publisher, cache } = publisherFor();
    await publisher.run();
    const before = await etags(cache, publisher.catalog);
    write('posts/a.md', '---\ntitle: A\ndate: [broken\n---\n');
    const report = await publisher.run();
    expect(report).toMatchObject({ ok: true, published: 2 });
    expect(await etags(cache, publisher.catalog)).toEqual(before);
    expect(publisher.health().problems).toEqual([
      expect.objectContaining({ path: 'posts/a.md', line: 4, severity: 'error' }),
      expect.objectContaining({
        path: 'posts/a.md',
        severity: 'warning',
        message: expect.stringMatching(/last version/),
      }),
    ]);
  });

  it('leaves a broken new file out and publishes the rest', async () => {
    write('posts/bad.md', '---js\n{}\n---\n');
    const { publisher } = publisherFor();
    expect(await publisher.run()).toMatchObject({ ok: true, published: 2 });
    expect(publisher.health().problems).toEqual([
      expect.objectContaining({ path: 'posts/bad.md', severity: 'error' }),
    ]);
  });

  it('keeps serving the last good catalog when a run fails, says so in health, and logs the reason once', async () => {
    const { publisher } = publisherFor();
    await publisher.run();
    const good = publisher.catalog;
    rmSync(dir, { recursive: true, force: true });
    const failed = await publisher.run();
    await publisher.run();
    expect(failed.ok).toBe(false);
    expect(publisher.catalog).toBe(good);
    expect(publisher.health()).toMatchObject({
      ok: false,
      servingLastGood: true,
      articles: 2,
      lastRun: { ok: false },
    });
    expect(logs.filter((l) => l.includes('run failed'))).toHaveLength(1);
  });

  it('never runs two steps at once', async () => {
    let active = 0;
    let maxActive = 0;
    let scans = 0;
    const library = new ContentScanner(dir, config);
    const slow: ArticleSource = {
      async scan() {
        active++;
        scans++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 50));
        try {
          return await library.scan();
        } finally {
          active--;
        }
      },
    };
    const { publisher } = publisherFor(slow);
    const [a, b, c] = await Promise.all([publisher.run(), publisher.run(), publisher.run()]);
    expect(maxActive).toBe(1);
    expect(scans).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    await publisher.run();
    expect(scans).toBe(2);
  });

  it('never publishes a version without an article whose file changed while it was read', async () => {
    const library = new ContentScanner(dir, config);
    /** How many scans to come find posts/a.md changing between the scan and the reading of its body. */
    let racing = 0;
    const source: ArticleSource = {
      async scan() {
        const scan = await library.scan();
        if (racing === 0) return scan;
        racing--;
        const articles = scan.articles.map((a) =>
          a.head.path !== 'posts/a.md'
            ? a
            : {
                ...a,
                markdown: () => {
                  throw new SourceChangedError('posts/a.md changed while it was being read');
                },
              },
        );
        return { ...scan, changed: 1, articles };
      },
    };
    const { publisher } = publisherFor(source);
    await publisher.run();
    write('posts/a.md', md({ title: 'A edited', date: '2026-01-01', tags: ['alpha'] }));
    // On every try: the run is given up, and the last good catalog, A included, stays.
    racing = 3;
    expect(await publisher.run()).toMatchObject({ ok: false, error: expect.stringMatching(/changed while/) });
    expect(publisher.catalog.articles.map((a) => a.title)).toEqual(['B', 'A']);
    // Once only: the run is done again at once, and the edit is published.
    racing = 1;
    expect(await publisher.run()).toMatchObject({ ok: true });
    expect(racing).toBe(0);
    expect(publisher.catalog.articles.map((a) => a.title)).toEqual(['B', 'A edited']);
  });

  it('swaps the catalog in one step: a reader holding the old one keeps a consistent snapshot', async () => {
    const { publisher, cache } = publisherFor();
    await publisher.run();
    const old = publisher.catalog;
    write('posts/c.md', md({ title: 'C', date: '2026-01-03', tags: ['alpha'] }));
    await publisher.run();
    expect(old.articles).toHaveLength(2);
    expect(publisher.catalog.articles).toHaveLength(3);
    const oldFeed = await cache.feed(
      old,
      { kind: 'tags', slug: 'alpha' },
      FORMATS[0] as (typeof FORMATS)[number],
    );
    expect(new TextDecoder().decode(oldFeed?.body)).not.toContain('<title>C</title>');
  });
});

describe('a catalog updated in place after edits', () => {
  /** A catalog as plain data: heads, terms and their articles, problems, version and dates. */
  const plain = (catalog: Catalog) =>
    JSON.parse(
      JSON.stringify({
        ...catalog,
        bodies: [...(catalog.bodies as Map<string, unknown>)].sort(([a], [b]) => (a < b ? -1 : 1)),
        terms: Object.fromEntries(Object.entries(catalog.terms).map(([kind, terms]) => [kind, [...terms]])),
      }),
    );

  it('is the catalog a build makes, whatever was edited, and is made only when nothing moved', async () => {
    const fields = (i: number, variant: number) => ({
      title: `Post ${i} v${variant}`,
      date: `2026-01-${String(1 + (i % 20)).padStart(2, '0')}T0${i % 10}:00:00Z`,
      tags: [`t${i % 4}`, ...(i % 3 === 0 ? ['shared'] : [])],
      ...(i === 7 && { translationKey: 'pair' }),
      ...(i === 8 && { translationKey: 'pair', lang: 'fr' }),
      ...(i === 9 && { draft: true }),
      ...(i === 10 && { publishDate: '2026-06-01' }),
      ...(i === 11 && { slug: 'post-12' }),
    });
    for (let i = 0; i < 24; i++)
      write(`posts/p${i}.md`, md(fields(i, 0), `Body ${i}. ${'word '.repeat(i * 40)}`));
    const { publisher } = publisherFor();
    await publisher.run();
    const made = { inPlace: 0, built: 0 };
    for (let round = 1; round <= 12; round++) {
      const edited = [round % 24, (round * 7) % 24, (round * 5 + 3) % 24];
      for (const i of edited) {
        const moved = round % 4 === 0 && i === edited[0];
        const changed = moved ? { ...fields(i, round), tags: ['moved'] } : fields(i, round);
        write(`posts/p${i}.md`, md(changed, `Body ${i} edited in round ${round}.`));
      }
      const report = await publisher.run(edited.map((i) => `posts/p${i}.md`));
      expect(report.ok).toBe(true);
      made[report.inPlace ? 'inPlace' : 'built']++;
      const fresh = publisherFor();
      await fresh.publisher.run();
      expect(plain(publisher.catalog)).toEqual(plain(fresh.publisher.catalog));
    }
    // Edits that moved an article (its tags), or touched linked translations, build the catalog.
    expect(made.inPlace).toBeGreaterThan(3);
    expect(made.built).toBeGreaterThan(1);
  });
});
