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

/** Every feed the generator wrote, served at its path and in its format, every item the same. */
async function expectEveryItemKept(name: string): Promise<Built> {
  const built = await build(name);
  const paths = xmlFiles(built.reference);
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) {
    const theirs = feedAt(built.reference, path);
    expect(existsSync(join(built.out, path)), `${name}: ${path} is served`).toBe(true);
    const ours = feedAt(built.out, path);
    expect(ours.format, path).toBe(theirs.format);
    const comparison = compareFeeds(theirs, ours);
    expect(comparison.differences, `${name}: ${path}`).toMatchObject({
      id: [],
      link: [],
      published: [],
      'only in the generator': [],
    });
    expect(comparison.matched).toBe(theirs.items.length);
  }
  return built;
}

const text = (built: Built, path: string) => readFileSync(join(built.out, path), 'utf8');

describe('Jekyll', () => {
  it('2: a `url` with a final slash gives `//` links and ids, as jekyll-feed joins them', async () => {
    const built = await expectEveryItemKept('jekyll-url-slash');
    expect(feedAt(built.out, 'feed.xml').items.map((i) => i.id)).toEqual([
      'https://example.org//2024/second-post',
      'https://example.org//2024/first-post',
    ]);
  });

  it('3: folders below _posts only hold files; the folders above it are categories', async () => {
    const built = await expectEveryItemKept('jekyll-posts-folders');
    expect(feedAt(built.out, 'feed.xml').items.map((i) => i.link)).toEqual([
      'https://example.org/news/2024/12/above',
      'https://example.org/2024/11/v1',
      'https://example.org/news/2024/10/in-a-year-folder',
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

  it('10: every category jekyll-feed lists has a feed, one with no post too', async () => {
    const built = await expectEveryItemKept('jekyll-listed-categories');
    expect(feedAt(built.out, 'feed/community.xml').items).toEqual([]);
    expect(feedAt(built.out, 'feed/news.xml').items).toHaveLength(1);
  });
});
