// Site mode end to end: `feedwright build --site` on a small Hugo site and a small Jekyll site
// (tests/fixtures/hugo-site, jekyll-site), against what Hugo 0.111.3 and Jekyll 4.3.1 + jekyll-feed
// 0.17.0 made of the same folders (tests/fixtures/*-by-hugo, *-by-jekyll): every item keeps its id,
// link and published instant, at the same path, in the same format.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFeeds, parseFeed } from '../../scripts/compare-site.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const fixtures = join(root, 'tests/fixtures');

function feedwright(args: string[]) {
  return run(process.execPath, [join(root, 'bin/feedwright.mjs'), ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const feedAt = (dir: string, path: string) => {
  const feed = parseFeed(readFileSync(join(dir, path), 'utf8'));
  if (!feed) throw new Error(`${path} is no feed`);
  return feed;
};

function generatorPaths(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.xml'));
}

describe('feedwright build --site: a Hugo site', () => {
  const out = mkdtempSync(join(tmpdir(), 'site-hugo-'));
  const reference = join(fixtures, 'hugo-site-by-hugo');
  let stderr = '';

  beforeAll(async () => {
    const build = await feedwright([
      'build',
      '--site',
      join(fixtures, 'hugo-site'),
      '--out',
      out,
      '--cache',
      join(out, '.cache'),
    ]);
    expect(build.code).toBe(0);
    stderr = build.stderr;
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("serves every feed Hugo wrote at Hugo's path, in Hugo's format, with the same items", () => {
    for (const path of generatorPaths(reference)) {
      const theirs = feedAt(reference, path);
      const ours = feedAt(out, path);
      expect(ours.format, path).toBe(theirs.format);
      const comparison = compareFeeds(theirs, ours);
      if (path === 'feed.xml' || path === 'post/feed.xml') continue; // the deliberate differences, below
      expect(comparison.matched, path).toBe(theirs.items.length);
      // Each language is a site of its own: a term's feed holds its language's pages only.
      expect(comparison.feedwrightItems, path).toBe(theirs.items.length);
    }
  });

  it('differs from Hugo only where Hugo would repeat an id or publish a page that is no post', () => {
    const comparison = compareFeeds(feedAt(reference, 'feed.xml'), feedAt(out, 'feed.xml'));
    // Hugo gives both pages at /same/ that id; feedwright gives the newer its own (kept, as id#n).
    expect(comparison.differences.id).toEqual([]);
    expect(comparison.differences['shared id']).toEqual([
      'https://hugo.feedwright.dev/same/ → https://hugo.feedwright.dev/same/#2',
    ]);
    expect(comparison.kept).toBe(comparison.matched + 1);
    expect(comparison.differences.link).toEqual([]);
    expect(comparison.differences.published).toEqual([]);
    expect(comparison.differences['only in the generator']).toEqual([
      'Kept out of feeds <https://hugo.feedwright.dev/2020/06/02/kept-out-of-feeds/>',
      'About <https://hugo.feedwright.dev/about/>',
    ]);
    expect(comparison.differences['only in feedwright']).toEqual([]);
  });

  it("reads the site's settings: URL, title, language, permalinks, time zone, [frontmatter]", () => {
    const rss = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(rss).toContain('<title>A Hugo site</title>');
    expect(rss).toContain('<language>en-US</language>');
    const links = feedAt(out, 'feed.xml').items.map((item) => item.link);
    expect(links).toEqual(
      expect.arrayContaining([
        // the date's own offset (Z), not Los Angeles, gives the day
        'https://hugo.feedwright.dev/2024/07/23/a-date-with-its-own-offset/',
        // no slug: the urlized title
        'https://hugo.feedwright.dev/2019/01/10/the-problem-with-disk-encryption/',
        // url: without a dot or a final slash is a folder
        'https://hugo.feedwright.dev/blog/2018/01/Foo/',
        // [frontmatter] date = [":filename", ":default"]: the name gives date and slug
        'https://hugo.feedwright.dev/2021/06/04/filename-date/',
        // an impossible file-name date is no date; the front matter's counts
        'https://hugo.feedwright.dev/2015/03/02/an-impossible-date-in-the-name/',
        // no [permalinks] entry: Hugo's default path; a nested section in :sections
        'https://hugo.feedwright.dev/knitr/demo/showcase/',
        'https://hugo.feedwright.dev/cn/kids/2019/11/tale/',
        // `.md` of notes.md.md is no language of this site; .html content; front matter after a blank line
        'https://hugo.feedwright.dev/2020/03/01/not-a-language/',
        'https://hugo.feedwright.dev/2022/09/12/an-html-content-file/',
        'https://hugo.feedwright.dev/2020/04/01/after-a-blank-line/',
      ]),
    );
  });

  it('reads YAML 1.1 scalars as Hugo does, and merges spellings of one term', () => {
    const items = feedAt(out, 'feed.xml').items;
    expect(items.map((i) => i.title)).toContain('10001');
    expect(readdirSync(join(out, 'tags')).sort()).toEqual(['1.1', 'go', 'spring-boot', 'true']);
    expect(feedAt(out, 'tags/spring-boot/feed.xml').items).toHaveLength(2);
    const rss = readFileSync(join(out, 'feed.xml'), 'utf8');
    // `tags: [Go, go]` is one term, listed once; categories are listed too
    expect(rss).toContain('</pubDate><category>Go</category><category>Notes</category><description>');
    expect(rss).not.toContain('<category>go</category>');
  });

  it('serves custom taxonomies, sections and languages, and the French pages only under /fr/', () => {
    expect(feedAt(out, 'series/security-notes/feed.xml').items).toHaveLength(2);
    expect(feedAt(out, 'fr/feed.xml').items.map((i) => i.link)).toEqual([
      'https://hugo.feedwright.dev/fr/2021/01/01/bonjour/',
    ]);
    expect(feedAt(out, 'feed.xml').items.map((i) => i.link)).not.toContain(
      'https://hugo.feedwright.dev/fr/2021/01/01/bonjour/',
    );
    // feedwright's own feeds stay beside Hugo's
    expect(feedAt(out, 'atom.xml').format).toBe('atom');
    expect(JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')).items.length).toBeGreaterThan(10);
  });

  it('warns about the shared URL and the undated page, and check finds no error in pages that are no posts', async () => {
    expect(stderr).toMatch(
      /same-b\.md:1: warning: link https:\/\/hugo\.feedwright\.dev\/same\/ is also that of/,
    );
    expect(stderr).toMatch(/empty-date\.md:1: warning: no date: published with the zero date/);
    const check = await feedwright(['check', '--site', join(fixtures, 'hugo-site')]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/same-b\.md:1: warning: link .* both keep it/);
    expect(check.stdout).not.toMatch(/about\.md/);
    expect(check.stdout).toMatch(/ 0 errors/);
  });
});

describe('feedwright build --site: a Jekyll site with jekyll-feed', () => {
  const out = mkdtempSync(join(tmpdir(), 'site-jekyll-'));
  const reference = join(fixtures, 'jekyll-site-by-jekyll');

  beforeAll(async () => {
    const build = await feedwright([
      'build',
      '--site',
      join(fixtures, 'jekyll-site'),
      '--out',
      out,
      '--cache',
      join(out, '.cache'),
    ]);
    expect(build.code).toBe(0);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("serves jekyll-feed's feeds at its paths, in Atom, with every id, link and date", () => {
    const paths = generatorPaths(reference).sort();
    expect(paths).toEqual(['feed.xml', 'feed/by_tag/ruby.xml', 'feed/release.xml']);
    for (const path of paths) {
      const theirs = feedAt(reference, path);
      const ours = feedAt(out, path);
      expect(ours.format, path).toBe('atom');
      const comparison = compareFeeds(theirs, ours);
      expect(comparison.differences, path).toEqual({
        id: [],
        link: [],
        published: [],
        'only in the generator': [],
        'only in feedwright': [],
        'shared id': [],
        'listed twice by the generator': [],
      });
    }
  });

  it("writes ids as jekyll-feed does, and Jekyll's permalinks, dates and categories", () => {
    const items = feedAt(out, 'feed.xml').items;
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
    expect(byTitle['Cased title']).toMatchObject({
      id: 'https://jekyll.feedwright.dev/2020/01/06/HFDP-Note4',
      link: 'https://jekyll.feedwright.dev/2020/01/06/HFDP-Note4.html',
    });
    expect(byTitle['Own permalink']).toMatchObject({
      id: 'https://jekyll.feedwright.dev/custom/overridden',
      link: 'https://jekyll.feedwright.dev/custom/path/',
    });
    expect(byTitle['Two categories in one string']?.link).toBe(
      'https://jekyll.feedwright.dev/news/release/2020/01/03/categories-string.html',
    );
    expect(byTitle['A category from the folder']?.link).toBe(
      'https://jekyll.feedwright.dev/news/2020/01/08/from-folder.html',
    );
    // a zone-less YAML timestamp is UTC: February 2nd in Shanghai
    expect(byTitle['A zone-less timestamp']).toMatchObject({
      link: 'https://jekyll.feedwright.dev/2020/02/02/wall.html',
      published: Date.parse('2020-02-01T23:30:00Z'),
    });
    expect(byTitle['One-digit day']?.link).toBe('https://jekyll.feedwright.dev/2015/10/08/short-day.html');
    expect(byTitle['An odd date']?.published).toBe(Date.parse('2023-01-29T18:30:22+08:00'));
    expect(items.map((i) => i.title)).not.toContain('Unpublished');
    // the title as jekyll-feed smartifies it (Liquid in a title is not rendered)
    expect(byTitle['Liquid: it’s {{ site.author }}']).toBeDefined();
  });

  it('renders the Liquid in a post before its Markdown', () => {
    const atom = readFileSync(join(out, 'feed/release.xml'), 'utf8');
    expect(atom).toContain('Site author: Site Author');
    expect(atom).toContain('https://github.com/example/jekyll-site');
    expect(atom).toContain('href="https://jekyll.feedwright.dev/2020/01/01/target.html"');
    expect(atom).toContain('href="https://jekyll.feedwright.dev/about.html"');
    expect(atom).toContain('class="language-ruby"');
    expect(atom).toContain('{{ not.rendered }}');
    expect(atom).toContain('Kept text.');
    expect(atom).not.toContain('{%');
    expect(atom).toContain('“Smart” quotes – and a footnote.');
    expect(atom).toContain('id="fn:1"');
  });

  it('lists categories and tags on items, and serves no tag feed jekyll-feed would not', () => {
    const atom = readFileSync(join(out, 'feed.xml'), 'utf8');
    expect(atom).toContain('<category term="ruby" scheme="https://jekyll.feedwright.dev/tags/"/>');
    expect(atom).toContain('<category term="release" scheme="https://jekyll.feedwright.dev/categories/"/>');
    expect(readdirSync(join(out, 'feed/by_tag'))).toEqual(['ruby.xml']);
  });
});
