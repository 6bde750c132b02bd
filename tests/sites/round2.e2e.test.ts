// Real sites, second round: each way a real site lost items, ids or links, on a small site written
// for it (tests/fixtures/round2/<case>/site) against what its own generator made of it (by-hugo:
// Hugo 0.111.3; by-jekyll: Jekyll 4.3.1 + jekyll-feed 0.17.0). Every feed the generator wrote is
// served at its path, in its format, and every item keeps its id, link and published instant.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFeeds, parseFeed } from '../../scripts/compare-site.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const fixtures = join(root, 'tests/fixtures/round2');
const work = mkdtempSync(join(tmpdir(), 'round2-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Built {
  readonly out: string;
  readonly reference: string;
  readonly stderr: string;
}

const builds = new Map<string, Promise<Built>>();

/** `feedwright build --site` of a case, once. */
function build(name: string, args: readonly string[] = []): Promise<Built> {
  let built = builds.get(name);
  if (!built) {
    const out = join(work, name);
    const dir = join(fixtures, name);
    const reference = ['by-hugo', 'by-jekyll'].map((r) => join(dir, r)).find((r) => existsSync(r)) ?? '';
    built = run(process.execPath, [
      join(root, 'bin/feedwright.mjs'),
      'build',
      '--site',
      join(dir, 'site'),
      '--out',
      out,
      '--cache',
      join(work, `${name}.cache`),
      ...args,
    ]).then(({ stderr }) => ({ out, reference, stderr }));
    builds.set(name, built);
  }
  return built;
}

const feedAt = (dir: string, path: string) => {
  const feed = parseFeed(readFileSync(join(dir, path), 'utf8'));
  if (!feed) throw new Error(`${path} is no feed`);
  return feed;
};

const xmlFiles = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.xml'))
    .sort();

/**
 * Feeds of Hugo's taxonomy pages (`/tags/index.xml`), whose items are the terms, not articles:
 * feedwright has no such feed (see the closing notes). Every other feed the generator wrote is served.
 */
const TAXONOMY_LIST = /^(?:[a-z-]+\/)?(?:tags|categories)\/index\.xml$/;

/**
 * Every feed the generator wrote, served at its path and in its format, every item the same. An
 * entry the generator lists twice in one feed is one entry (compareFeeds counts it once); with
 * `sharedIds`, an item whose id the generator also gave another may have that id with `#n`.
 */
async function expectEveryItemKept(name: string, { sharedIds = false } = {}): Promise<Built> {
  const built = await build(name);
  const paths = xmlFiles(built.reference);
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    const theirs = feedAt(built.reference, path);
    if (TAXONOMY_LIST.test(path)) continue;
    // An empty section's feed (every page unlisted) holds nothing to keep.
    if (theirs.items.length === 0 && !existsSync(join(built.out, path))) continue;
    expect(existsSync(join(built.out, path)), `${name}: ${path} is served`).toBe(true);
    const ours = feedAt(built.out, path);
    expect(ours.format, path).toBe(theirs.format);
    const comparison = compareFeeds(theirs, ours);
    expect(comparison.differences, `${name}: ${path}`).toMatchObject({
      id: [],
      link: [],
      published: [],
      'only in the generator': [],
      ...(!sharedIds && { 'shared id': [] }),
    });
    expect(comparison.kept).toBe(comparison.referenceItems);
  }
  return built;
}

const text = (built: Built, path: string) => readFileSync(join(built.out, path), 'utf8');

describe('Jekyll', () => {
  it('2: a `url` with a final slash gives `//` links and ids, as jekyll-feed joins them', async () => {
    const built = await expectEveryItemKept('jekyll-url-slash');
    expect(feedAt(built.out, 'feed.xml').items.map((i) => i.id)).toEqual([
      'https://feedwright.dev//2024/second-post',
      'https://feedwright.dev//2024/first-post',
    ]);
  });

  it('3: folders below _posts only hold files; the folders above it are categories', async () => {
    const built = await expectEveryItemKept('jekyll-posts-folders');
    expect(feedAt(built.out, 'feed.xml').items.map((i) => i.link)).toEqual([
      'https://feedwright.dev/news/2024/12/above',
      'https://feedwright.dev/2024/11/v1',
      'https://feedwright.dev/news/2024/10/in-a-year-folder',
    ]);
  });

  it('9: defaults by path and type (the more specific wins), front-matter excerpt, attribute lists', async () => {
    const built = await expectEveryItemKept('jekyll-defaults');
    const atom = text(built, 'feed.xml');
    // jekyll-feed's summary: front matter's excerpt, else the first paragraph.
    expect(atom).toContain('The excerpt written in front matter.');
    const top = JSON.parse(text(built, 'feed.json')).items.find(
      (i: { title: string }) => i.title === 'Top level',
    );
    expect(top.summary).toBe('First paragraph, the excerpt.');
    // kramdown's attribute lists are no text.
    expect(top.content_html).not.toContain('{:');
    expect(top.content_html).toContain('<em>word</em>');
    expect(top.content_html).toContain('Second paragraph.');
    // A default's categories are the post's categories (jekyll-feed lists them).
    expect(top.tags).toEqual(['general']);
  });

  it('10: every category jekyll-feed lists has a feed; a category is its name as written', async () => {
    const built = await expectEveryItemKept('jekyll-listed-categories');
    // `categories: news, community` is in "news," and "community": not in "news".
    expect(feedAt(built.out, 'feed/news.xml').items.map((i) => i.title)).toEqual(['News']);
    expect(feedAt(built.out, 'feed/community.xml').items.map((i) => i.title)).toEqual(['Commas']);
  });

  it('10: a category jekyll-feed lists and no post is in still has its (empty) feed', async () => {
    const built = await expectEveryItemKept('jekyll-listed-categories');
    expect(feedAt(built.out, 'feed/releases.xml').items).toEqual([]);
  });

  it('posts whose jekyll-feed ids are one (the folder of their URLs and one slug) get an id each', async () => {
    const built = await expectEveryItemKept('jekyll-shared-id', { sharedIds: true });
    // jekyll-feed writes one id for both July meetings: to a reader (and by Atom, RFC 4287 4.2.6)
    // they are one entry. The older keeps it; the newer, its link and date its own, gets `#2`.
    expect(feedAt(built.out, 'feed.xml').items.map((i) => [i.id, i.link])).toEqual([
      ['https://feedwright.dev/meetings/2024/08/meeting', 'https://feedwright.dev/meetings/2024/08/02/'],
      ['https://feedwright.dev/meetings/2024/07/meeting#2', 'https://feedwright.dev/meetings/2024/07/12/'],
      ['https://feedwright.dev/meetings/2024/07/meeting', 'https://feedwright.dev/meetings/2024/07/05/'],
    ]);
    expect(built.stderr).toContain('2024-07-12-meeting.md');
  });
});

describe('Hugo', () => {
  it('4: content mounted per language is the content tree: sections and their permalinks', async () => {
    const built = await expectEveryItemKept('hugo-mounts');
    expect(feedAt(built.out, 'blog/index.xml').items.map((i) => i.link)).toEqual([
      'https://feedwright.dev/news/2024/second/',
      'https://feedwright.dev/news/2024/first/',
    ]);
    expect(existsSync(join(built.out, 'en/blog/index.xml'))).toBe(false);
  });

  it('5: files and folders ignoreFiles matches are never read', async () => {
    const built = await expectEveryItemKept('hugo-ignore-files');
    const titles = feedAt(built.out, 'index.xml').items.map((i) => i.title);
    expect(titles).toEqual(['In a notes folder', 'Kept']);
  });

  it('6: a front matter closed by a line of 64 dashes, as Hugo reads it', async () => {
    const built = await expectEveryItemKept('hugo-long-fence');
    expect(feedAt(built.out, 'tags/only-here/index.xml').items.map((i) => i.title)).toEqual(['Fenced long']);
  });

  it("7: a translation at its original's URL keeps the plain id in its language's feed", async () => {
    const built = await expectEveryItemKept('hugo-same-url');
    expect(feedAt(built.out, 'es/index.xml').items.map((i) => i.id)).toEqual([
      'https://feedwright.dev/events/conf2024/',
    ]);
    expect(feedAt(built.out, 'index.xml').items.map((i) => i.id)).toContain(
      'https://feedwright.dev/events/conf2024/',
    );
    // A feed of both languages (feedwright's own, per author here none): ids stay unique in it.
    expect(built.stderr).not.toMatch(/conf2024\/#2/);
  });

  it('8: each language has its own term and section feeds, under its folder', async () => {
    const built = await expectEveryItemKept('hugo-language-feeds');
    expect(feedAt(built.out, 'tags/go/index.xml').items.map((i) => i.title)).toEqual(['Hello']);
    expect(feedAt(built.out, 'fr/tags/go/index.xml').items.map((i) => i.title)).toEqual(['Seul', 'Bonjour']);
    expect(feedAt(built.out, 'zh/blog/index.xml').items.map((i) => i.title)).toEqual(['你好']);
    // feedwright's own formats beside each, in the language's folder.
    expect(feedAt(built.out, 'fr/tags/go/atom.xml').items).toHaveLength(2);
    expect(JSON.parse(text(built, 'fr/tags/go/feed.json')).language).toBe('fr-FR');
  });

  it('9: cascade from the config and from a section page; weight first; a section page in its terms', async () => {
    const built = await expectEveryItemKept('hugo-cascade-weight');
    expect(feedAt(built.out, 'index.xml').items.map((i) => i.title)).toEqual([
      'Pinned light',
      'Pinned heavy',
      'Post 5',
    ]);
    // The section page itself is in the term its cascade gives it (Hugo orders it after the page).
    expect(
      feedAt(built.out, 'tags/from-cascade/index.xml')
        .items.map((i) => i.title)
        .sort(),
    ).toEqual(['Archive', 'Cascaded tags']);
    // `_build: { list: never }` cascaded to /notes/**: in no feed.
    expect(text(built, 'feed.json')).not.toContain('A note');
  });

  it("a site's own feed template, bundles, JSON-first pages and undated pages, as Hugo lists them", async () => {
    const built = await expectEveryItemKept('hugo-pages');
    const items = feedAt(built.out, 'index.xml').items;
    // Dated by .PublishDate, as the site's template prints them; ordered by date still.
    expect(items.find((i) => i.title === 'An event')?.published).toBe(Date.parse('2024-08-01T00:00:00Z'));
    // The link post leads where it links; its id stays its page.
    expect(items.find((i) => i.title === 'A link post')).toMatchObject({
      link: 'https://elsewhere.alt.feedwright.dev/article',
      id: 'https://feedwright.dev/post/linked/',
    });
    expect(items.map((i) => i.title)).not.toContain('The bundle data source');
    expect(items.find((i) => i.title === 'Data packages')?.link).toBe(
      'https://feedwright.dev/packages/data/index.json',
    );
    // Hugo's zero date: year 1 (which RFC 822 readers, Date.parse among them, take for 2001).
    expect(text(built, 'index.xml')).toMatch(
      /<title>About<\/title><link>https:\/\/feedwright\.dev\/about\/<\/link><guid[^>]*>[^<]*<\/guid><pubDate>Mon, 01 Jan 0001 00:00:00 GMT/,
    );
  });

  it("undated pages outside the main section are no posts when the site's template picks its pages", async () => {
    const built = await expectEveryItemKept('hugo-picking-template');
    expect(feedAt(built.out, 'index.xml').items.map((i) => i.title)).toEqual(['A post', 'Undated post']);
  });

  it('a term with a `/` is a folder below another term, each of its items listed once', async () => {
    const built = await expectEveryItemKept('hugo-slash-term');
    // Hugo 0.111 lists each page of `SQL/JSON` twice in its feed: one entry, twice (same guid).
    const theirs = feedAt(built.reference, 'tags/sql/json/index.xml');
    expect(theirs.items.map((i) => i.title)).toEqual(['Second', 'Second', 'First', 'First']);
    expect(feedAt(built.out, 'tags/sql/json/index.xml').items.map((i) => i.title)).toEqual([
      'Second',
      'First',
    ]);
    expect(feedAt(built.out, 'tags/sql/index.xml').items.map((i) => i.title)).toEqual(['First']);
    expect(feedAt(built.out, 'tags/sql/json-path/index.xml').items.map((i) => i.title)).toEqual(['Second']);
  });

  it('terms lower-cased as Go does: `İ` is `i`, a final `Σ` is `σ`; spellings alike are one term', async () => {
    const built = await expectEveryItemKept('hugo-case-folding');
    expect(feedAt(built.out, 'tags/teknik-notlar/index.xml').items.map((i) => i.title)).toEqual([
      'İkinci',
      'Birinci',
    ]);
    expect(existsSync(join(built.out, 'tags/οδοσ/index.xml'))).toBe(true);
    expect(existsSync(join(built.out, 'tags/tekni\u0307k-notlar'))).toBe(false);
  });

  it('10: a section or term page that names its outputs without RSS has no feed, as in Hugo', async () => {
    const built = await expectEveryItemKept('hugo-page-outputs');
    const files = readdirSync(built.out, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(xml|json)$/.test(f),
    );
    // events/_index.md says [HTML, Calendar], tags/quiet/_index.md [HTML]: Hugo wrote neither feed.
    expect(files.filter((f) => /^(events|tags\/quiet)\//.test(f))).toEqual([]);
    expect(files).toContain('post/index.xml');
    expect(files).toContain('tags/community/index.xml');
    // Its section page names the section's feed, in a site whose content is in content/.
    expect(text(built, 'post/index.xml')).toMatch(/<title>[^<]*Posts[^<]*<\/title>/);
    // The meetup is still an item of the site's feed and of its other tag's.
    expect(feedAt(built.out, 'tags/community/index.xml').items.map((i) => i.title)).toEqual([
      'Meetup',
      'Hello',
    ]);
  });

  it('10: a site without taxonomy or section feeds gets none from feedwright either', async () => {
    const built = await expectEveryItemKept('hugo-disabled-kinds');
    const files = readdirSync(built.out, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(xml|json)$/.test(f),
    );
    expect(files.filter((f) => /^(tags|categories|post|authors)\//.test(f))).toEqual([]);
    expect(files).toContain('index.xml');
  });
});
