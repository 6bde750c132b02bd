// feedwright/eleventy in a real Eleventy site: the packed tarball installed beside Eleventy 3, the
// starter blog's layout (posts tagged `posts`, site metadata in _data/metadata.js), twenty posts with
// tags. `eleventy` writes every file of every feed into _site, with the bytes publishArticles renders
// for the same articles (their HTML as Eleventy rendered their pages), links from the metadata, and
// every item's id and link a page Eleventy wrote. A template of the site's own that would write one
// of those files makes the build fail: nothing is written over.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/content/article-object.ts';
import { escapeText } from '../src/core/escape.ts';
import { type Publication, publishArticles } from '../src/node/publication.ts';
import { installProject, packedTarball, run } from './packed.ts';

const ELEVENTY = '@11ty/eleventy@3.1.8';

const work = mkdtempSync(join(tmpdir(), 'feedwright-eleventy-'));
const project = join(work, 'site');
const site = join(project, '_site');

const METADATA = {
  title: 'Eleventy site',
  url: 'https://feedwright.dev/',
  language: 'en',
  description: 'Twenty posts',
  author: { name: 'Ada', email: 'ada@feedwright.dev', url: 'https://feedwright.dev/about/' },
};

const TAGS = ['Go', 'Rust', 'open source', '开源', 'C#'];

interface Post {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly date: string;
  readonly tags: readonly string[];
  readonly draft?: boolean;
  readonly body: string;
}

const POSTS: readonly Post[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    slug: `post-${n}`,
    title: i === 3 ? 'Ampersands & <angles>' : `Post ${n}`,
    description: `What post ${n} is about & why`,
    date: i % 3 === 0 ? `2025-02-${n}T09:30:00+02:00` : `2025-02-${n}`,
    tags: TAGS.filter((_, t) => (i + t) % 3 === 0),
    ...(i === 7 && { draft: true }),
    body: `Post **${n}**, after [the one before](../post-${String(i).padStart(2, '0')}/).\n\n- a list\n- with \`code\`\n\n> quoted\n\n![a picture](https://images.feedwright.dev/${n}.png)\n`,
  };
});

const frontMatter = (post: Post) =>
  [
    '---',
    `title: ${JSON.stringify(post.title)}`,
    `description: ${JSON.stringify(post.description)}`,
    `date: ${post.date}`,
    `tags: ${JSON.stringify(post.tags)}`,
    ...(post.draft ? ['draft: true'] : []),
    '---',
    post.body,
  ].join('\n');

const CONFIG = `import feedwright from 'feedwright/eleventy';
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(feedwright, { collection: 'posts', itemLimit: 5 });
}
`;

const FILES: Record<string, string> = {
  'eleventy.config.js': CONFIG,
  '_data/metadata.js': `export default ${JSON.stringify(METADATA)};\n`,
  'posts/posts.json': JSON.stringify({ tags: ['posts'], layout: 'post.njk' }),
  '_includes/post.njk': '<html><body><main>{{ content | safe }}</main></body></html>\n',
  'index.md': '# Home\n',
  ...Object.fromEntries(POSTS.map((post) => [`posts/${post.slug}.md`, frontMatter(post)])),
};

const eleventy = () => run(process.execPath, [join(project, 'node_modules/@11ty/eleventy/cmd.cjs')], project);

/** The HTML Eleventy rendered a post to (its page without the layout). */
function pageHtml(slug: string): string {
  const page = readFileSync(join(site, 'posts', slug, 'index.html'), 'utf8');
  const html = /<main>([\s\S]*)<\/main>/.exec(page)?.[1];
  if (html === undefined) throw new Error(`no <main> in the page of ${slug}`);
  return html;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)));
}

let expected: Publication;
let output = '';

beforeAll(async () => {
  const tarball = await packedTarball();
  installProject(project, [ELEVENTY, tarball]);
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  output = eleventy();
  const articles: Article[] = POSTS.map((post) => ({
    title: post.title,
    path: `/posts/${post.slug}/`,
    // Eleventy reads a date without a zone as UTC, as JavaScript's Date does.
    date: new Date(post.date),
    summary: escapeText(post.description),
    // Its tags, but the collection's own.
    tags: post.tags,
    ...(post.draft && { draft: true }),
    source: `posts/${post.slug}.md`,
    html: pageHtml(post.slug),
  }));
  const { url, language, ...identity } = METADATA;
  expected = await publishArticles({ ...identity, siteUrl: url, language, itemLimit: 5, articles });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('eleventy with feedwright/eleventy', () => {
  it('writes every file of every feed into _site, with the bytes publishArticles renders', async () => {
    const wanted = expected.files.filter((file) => file !== 'index.html');
    expect(wanted).toEqual(
      expect.arrayContaining([
        'feed.xml',
        'tags/go/atom.xml',
        'tags/open-source/feed.json',
        'tags/开源/feed.xml',
        'tags/c#/feed.xml',
        'posts/feed.xml',
        'archive/1/feed.xml',
        'feeds.opml',
      ]),
    );
    const written = filesIn(site).filter((file) => !file.endsWith('.html'));
    expect(written.sort()).toEqual([...wanted].sort());
    for (const file of wanted) {
      const document = await expected.renderFile(file);
      expect(readFileSync(join(site, file)).equals(Buffer.from(document?.body ?? [])), file).toBe(true);
    }
    // The site's home page is its own.
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('<h1>Home</h1>');
    expect(output).toContain('feedwright-posts-1.11ty.js');
    expect(expected.problems).toEqual([]);
  });

  it('links every item to the page Eleventy wrote, as the metadata says where the site is', () => {
    const feed = JSON.parse(readFileSync(join(site, 'feed.json'), 'utf8')) as {
      home_page_url: string;
      authors: { name: string }[];
      items: { id: string; url: string }[];
    };
    expect(feed.home_page_url).toBe(METADATA.url);
    expect(feed.authors).toEqual([{ name: 'Ada', url: 'https://feedwright.dev/about/' }]);
    const links = new Set<string>();
    for (const file of filesIn(site).filter((f) => f.endsWith('feed.json'))) {
      for (const item of (JSON.parse(readFileSync(join(site, file), 'utf8')) as typeof feed).items) {
        expect(item.id).toBe(item.url);
        links.add(new URL(item.url).pathname);
      }
    }
    for (const path of links) expect(existsSync(join(site, path, 'index.html')), path).toBe(true);
    expect([...links].sort()).toEqual(
      POSTS.filter((post) => !post.draft)
        .map((post) => `/posts/${post.slug}/`)
        .sort(),
    );
  });

  it('fails the build rather than write over a file of the site’s own', () => {
    writeFileSync(join(project, 'feed.njk'), '---\npermalink: /feed.xml\n---\nmine\n');
    try {
      expect(eleventy).toThrow(/Output conflict: multiple input files are writing to `\.\/_site\/feed\.xml`/);
    } finally {
      rmSync(join(project, 'feed.njk'));
    }
  });
});
