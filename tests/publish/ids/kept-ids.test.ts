// The ids file end to end: tests/fixtures/ids-site is copied to a temporary folder and built again
// and again with a new siteUrl, a new permalink pattern and a renamed file; every item of every feed
// must keep the id and link of the first build, as three npm feed parsers and JSON.parse read them.

import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/site-config.ts';
import { startNodeServer } from '../../../src/node/server.ts';
import { KeptIds } from '../../../src/publish/ids/kept-ids.ts';
import { buildFolder } from '../../../src/publish/static/build-folder.ts';
import { BLOCK_END, BLOCK_START } from '../../../src/publish/static/rule-files.ts';
import { article, expectParsersAgree, md, NOW, testConfig } from '../../helpers.ts';

const fixture = new URL('../../fixtures/ids-site/', import.meta.url).pathname;
const FEEDS = ['feed.xml', 'atom.xml', 'tags/go/feed.xml', 'tags/go/atom.xml', 'categories/notes/atom.xml'];

let dir: string;
let builds = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kept-ids-'));
  cpSync(fixture, join(dir, 'content'), { recursive: true });
});

const idsFile = () => join(dir, 'feedwright.ids.json');

const configOf = (config: Record<string, unknown>) =>
  parseConfig({ title: 'Ids', siteUrl: 'https://old.feedwright.dev/', refresh: 'off', ...config });

async function build(config: Record<string, unknown>, acceptChanges = false) {
  const outDir = join(dir, `out-${++builds}`);
  const result = await buildFolder({
    contentDir: join(dir, 'content'),
    outDir,
    cacheDir: join(dir, 'cache'),
    config: configOf(config),
    ids: { file: idsFile(), acceptChanges },
  });
  return { outDir, result };
}

/** Every item of every feed (and the JSON Feed), as `feed title → [id, link]`, read by real parsers. */
async function published(outDir: string): Promise<Record<string, readonly (string | undefined)[]>> {
  const items: Record<string, readonly (string | undefined)[]> = {};
  for (const feed of FEEDS) {
    for (const item of await expectParsersAgree(readFileSync(join(outDir, feed), 'utf8')))
      items[`${feed} ${item.title}`] = [item.id, item.link];
  }
  const json = JSON.parse(readFileSync(join(outDir, 'feed.json'), 'utf8')) as {
    items: { id: string; url: string; title: string }[];
  };
  for (const item of json.items) items[`feed.json ${item.title}`] = [item.id, item.url];
  return items;
}

describe('ids that never move', () => {
  it('a new siteUrl changes no published id or link; the feeds themselves move', async () => {
    const first = await build({});
    const before = await published(first.outDir);
    expect(Object.keys(before)).toHaveLength(14);
    expect(before['feed.xml The first post']).toEqual([
      'https://old.feedwright.dev/posts/first-post/',
      'https://old.feedwright.dev/posts/first-post/',
    ]);

    const second = await build({ siteUrl: 'https://new.feedwright.dev/blog/' });
    expect(await published(second.outDir)).toEqual(before);
    // What is the feed's own, not an item's, follows the new URL: self links, the site link.
    const atom = readFileSync(join(second.outDir, 'atom.xml'), 'utf8');
    expect(atom).toContain(
      '<link rel="self" type="application/atom+xml" href="https://new.feedwright.dev/blog/atom.xml"/>',
    );
    expect(second.result.keptIds).toBe(
      `[feedwright] 3 articles keep the id and link recorded in ${idsFile()} (check explains; --accept-id-changes takes the new)`,
    );
    // The one with an id of its own in front matter kept that; its link is what was kept for it.
    expect(before['feed.json A third, with its own id']).toEqual([
      'tag:feedwright.dev,2024:third',
      'https://old.feedwright.dev/posts/third-post/',
    ]);
  });

  it('a new permalink pattern changes no published id or link', async () => {
    const before = await published((await build({ permalink: '/posts/:slug/' })).outDir);
    const after = await build({ permalink: '/:year/:month/:day/:slug.html' });
    expect(await published(after.outDir)).toEqual(before);
    expect(after.result.keptIds).toContain('3 articles keep');
    // The body's relative URLs resolve against where the page and its files are now.
    const json = JSON.parse(readFileSync(join(after.outDir, 'feed.json'), 'utf8')) as {
      items: { title: string; content_html: string }[];
    };
    const first = json.items.find((item) => item.title === 'The first post');
    expect(first?.content_html).toContain('src="https://old.feedwright.dev/2024/03/01/chart.png"');
  });

  it('a renamed file keeps its id and link, and its entry moves to the new name', async () => {
    const before = await published((await build({})).outDir);
    renameSync(join(dir, 'content/posts/first-post.md'), join(dir, 'content/posts/2024-first.md'));
    const after = await build({});
    expect(await published(after.outDir)).toEqual(before);
    const ids = JSON.parse(readFileSync(idsFile(), 'utf8')) as { articles: Record<string, unknown> };
    expect(Object.keys(ids.articles)).toEqual([
      'posts/2024-first.md',
      'posts/second-post.md',
      'posts/third-post.md',
    ]);
  });

  it('--accept-id-changes publishes the new ones and records them', async () => {
    await build({});
    const accepted = await build({ siteUrl: 'https://new.feedwright.dev/' }, true);
    const items = await published(accepted.outDir);
    expect(items['atom.xml The second post']).toEqual([
      'https://new.feedwright.dev/posts/second-post/',
      'https://new.feedwright.dev/posts/second-post/',
    ]);
    expect(accepted.result.keptIds).toBeUndefined();
    // Recorded: the next build without the flag keeps the new ones.
    const next = await build({ siteUrl: 'https://new.feedwright.dev/' });
    expect(await published(next.outDir)).toEqual(items);
    const recorded = JSON.parse(readFileSync(idsFile(), 'utf8')) as { articles: object };
    expect(JSON.stringify(recorded.articles)).not.toContain('old.feedwright.dev');
  });

  it('writes the file only when it learns something, and then the same bytes', async () => {
    await build({});
    const text = readFileSync(idsFile(), 'utf8');
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(idsFile(), past, past);
    await build({ permalink: '/:year/:slug/' });
    expect(statSync(idsFile()).mtimeMs).toBe(past.getTime());
    expect(readFileSync(idsFile(), 'utf8')).toBe(text);
  });

  it('a broken ids file is reported and left alone; the feeds are still published', async () => {
    writeFileSync(idsFile(), '{"version": 1, "articles": {"posts/a.md": {"id": 1}}}');
    const { outDir, result } = await build({});
    expect(existsSync(join(outDir, 'feed.xml'))).toBe(true);
    expect(result.catalog.articleCount).toBe(3);
    expect(result.catalog.problems).toContainEqual({
      path: idsFile(),
      line: 1,
      severity: 'error',
      message: `${idsFile()}: the entry of "posts/a.md" must have string id, link, date and title; ids and links are published as they are now, unkept, and the file is left as it is until it is fixed`,
    });
    expect(readFileSync(idsFile(), 'utf8')).toBe('{"version": 1, "articles": {"posts/a.md": {"id": 1}}}');
  });
});

describe('feeds that moved', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  // jekyll-feed's tag feeds were at tag/<slug>.xml; without that route they are at tags/<slug>/atom.xml.
  const jekyllTags = { feeds: [{ scope: 'tags', path: 'tag/{slug}.xml', format: 'atom' }] };

  it('build writes _redirects from the old paths, and never for a path still served', async () => {
    const first = await build(jekyllTags);
    expect(existsSync(join(first.outDir, 'tag/go.xml'))).toBe(true);
    expect(existsSync(join(first.outDir, '_redirects'))).toBe(false);
    const second = await build({});
    expect(readFileSync(join(second.outDir, '_redirects'), 'utf8')).toBe(
      `${BLOCK_START}\n` +
        '# Written by feedwright build: feeds that moved, to where they are now.\n' +
        '/tag/feeds.xml https://old.feedwright.dev/tags/feeds/atom.xml 301\n' +
        '/tag/go.xml https://old.feedwright.dev/tags/go/atom.xml 301\n' +
        `${BLOCK_END}\n`,
    );
    // Moved back: the path is served again, and nothing redirects it; the Atom feeds at
    // feedwright's own path, which a generator's route now serves, redirect there.
    const third = await build(jekyllTags);
    const rules = readFileSync(join(third.outDir, '_redirects'), 'utf8');
    expect(rules).not.toMatch(/^\/tag\//m);
    expect(rules).toContain('/tags/go/atom.xml https://old.feedwright.dev/tag/go.xml 301\n');
  });

  it('a new feeds URL path: every feed redirects from where it was', async () => {
    await build({ feedsUrl: 'https://old.feedwright.dev/feeds/' });
    const { outDir } = await build({});
    // The block's markers and its heading are not rules.
    const lines = readFileSync(join(outDir, '_redirects'), 'utf8').split('\n').slice(2, -2);
    expect(lines).toContain('/feeds/feed.xml https://old.feedwright.dev/feed.xml 301');
    expect(lines).toContain('/feeds/tags/go/feed.json https://old.feedwright.dev/tags/go/feed.json 301');
    // Site, two tags, a category, two sections… each in three formats: all of them, once each.
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) expect(line).toMatch(/^\/feeds\/\S+ https:\/\/old\.feedwright\.dev\/\S+ 301$/);
  });

  it('serve answers 301 at an old path, on a real server, and 404 for what never was', async () => {
    await build(jekyllTags);
    const server = await startNodeServer({
      contentDir: join(dir, 'content'),
      config: configOf({}),
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      ids: { file: idsFile() },
    });
    stop = server.close;
    const address = server.server.address();
    if (!address || typeof address !== 'object') throw new Error('no address');
    const base = `http://127.0.0.1:${address.port}/`;
    const moved = await fetch(`${base}tag/go.xml`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://old.feedwright.dev/tags/go/atom.xml');
    const now = await fetch(`${base}tags/go/atom.xml`);
    expect(now.status).toBe(200);
    expect((await expectParsersAgree(await now.text())).map((item) => item.title)).toEqual([
      'The second post',
      'The first post',
    ]);
    expect((await fetch(`${base}tag/rust.xml`, { redirect: 'manual' })).status).toBe(404);
  });
});

describe('KeptIds scan after scan', () => {
  it('records a scheduled post when it goes live, though no file changed', async () => {
    const day = 86_400_000;
    const config = testConfig();
    const articles = [
      article(md({ title: 'Now', date: new Date(NOW - day).toISOString() }), 'posts/now.md', config),
      article(
        md({
          title: 'Later',
          date: new Date(NOW - day).toISOString(),
          publishDate: new Date(NOW + day).toISOString(),
        }),
        'posts/later.md',
        config,
      ),
    ];
    const keeper = new KeptIds({ file: idsFile() });
    await keeper.apply(articles, NOW);
    const recorded = () =>
      Object.keys((JSON.parse(readFileSync(idsFile(), 'utf8')) as { articles: object }).articles);
    expect(recorded()).toEqual(['posts/now.md']);
    await keeper.apply(articles, NOW + day - 1);
    expect(recorded()).toEqual(['posts/now.md']);
    await keeper.apply(articles, NOW + day);
    expect(recorded()).toEqual(['posts/later.md', 'posts/now.md']);
  });
});
