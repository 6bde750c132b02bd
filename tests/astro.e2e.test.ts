// feedwright/astro in a real Astro site: the packed tarball installed beside Astro (the newest that runs
// on Node 20) and its Node adapter, a content collection of twenty posts with tags, and the endpoint
// at the site's root and under /feeds/. `astro build` (static) writes every file of every feed, with
// the bytes publishArticles renders for the same articles (their HTML as Astro rendered their pages),
// and every item's id and link is a page Astro wrote; built for the Node adapter (SSR), the server
// answers 200, 304 and every feed with the same bytes.
import { type ChildProcess, spawn } from 'node:child_process';
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

const ASTRO = 'astro@5.18.2';
const ADAPTER = '@astrojs/node@9.5.5';

const work = mkdtempSync(join(tmpdir(), 'feedwright-astro-'));
const project = join(work, 'site');
const SITE = 'https://feedwright.dev/';
const SETTINGS = { title: 'Astro site', itemLimit: 5 } as const;

const TAGS = ['Go', 'Rust', 'open source', '开源', 'C#'];

interface Post {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly pubDate: string;
  readonly updatedDate?: string;
  readonly tags: readonly string[];
  readonly draft?: boolean;
  readonly body: string;
}

/** Twenty posts: dates with and without a time and zone, tags from a few, one updated, one a draft. */
const POSTS: readonly Post[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    id: `post-${n}`,
    title: i === 3 ? 'Ampersands & <angles>' : `Post ${n}`,
    description: `What post ${n} is about & why`,
    pubDate: i % 3 === 0 ? `2025-02-${n}T09:30:00+02:00` : `2025-02-${n}`,
    ...(i === 4 && { updatedDate: '2025-03-01' }),
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
    `pubDate: ${post.pubDate}`,
    ...(post.updatedDate ? [`updatedDate: ${post.updatedDate}`] : []),
    `tags: ${JSON.stringify(post.tags)}`,
    ...(post.draft ? ['draft: true'] : []),
    '---',
    post.body,
  ].join('\n');

const FILES: Record<string, string> = {
  'astro.config.mjs': `import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://feedwright.dev' });\n`,
  'astro.ssr.mjs': `import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
export default defineConfig({ site: 'https://feedwright.dev', output: 'server', adapter: node({ mode: 'standalone' }), outDir: './dist-ssr' });
`,
  'src/content.config.ts': `import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    updatedDate: z.coerce.date().optional(),
    tags: z.array(z.string()).default([]),
    draft: z.boolean().optional(),
  }),
});
export const collections = { blog };
`,
  // Astro's blog template's page route; prerendered also when the site is served (so on the Node
  // adapter it does not take /blog/feed.xml from the feeds' route).
  'src/pages/blog/[...slug].astro': `---
import { getCollection, render } from 'astro:content';
export const prerender = true;
export async function getStaticPaths() {
  return (await getCollection('blog')).map((post) => ({ params: { slug: post.id }, props: post }));
}
const { Content } = await render(Astro.props);
---
<html><body><main><Content /></main></body></html>
`,
  'src/pages/[...feed].ts': `import { getCollection } from 'astro:content';
import { astroFeeds } from 'feedwright/astro';
export const { getStaticPaths, GET } = astroFeeds({ title: 'Astro site', itemLimit: 5, entries: () => getCollection('blog') });
`,
  'src/pages/feeds/[...feed].ts': `import { getCollection } from 'astro:content';
import { astroFeeds } from 'feedwright/astro';
export const { getStaticPaths, GET } = astroFeeds({ title: 'Astro site', itemLimit: 5, entries: () => getCollection('blog') });
`,
  ...Object.fromEntries(POSTS.map((post) => [`src/content/blog/${post.id}.md`, frontMatter(post)])),
};

const astro = (args: readonly string[]) =>
  run(process.execPath, [join(project, 'node_modules/astro/astro.js'), ...args], project);

/** The HTML Astro rendered a post's page body to. */
function pageHtml(dist: string, id: string): string {
  const page = readFileSync(join(dist, 'blog', id, 'index.html'), 'utf8');
  const html = /<main>([\s\S]*)<\/main>/.exec(page)?.[1];
  if (html === undefined) throw new Error(`no <main> in the page of ${id}`);
  return html;
}

/** The posts as articles, with the HTML their pages show: what the endpoint must publish. */
function articles(dist: string): Article[] {
  return POSTS.map((post) => ({
    title: post.title,
    path: `/blog/${post.id}/`,
    // Astro's z.coerce.date() makes the Date.
    date: new Date(post.pubDate),
    ...(post.updatedDate && { updated: new Date(post.updatedDate) }),
    summary: escapeText(post.description),
    tags: post.tags,
    ...(post.draft && { draft: true }),
    source: `src/content/blog/${post.id}.md`,
    html: pageHtml(dist, post.id),
  }));
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => relative(dir, join(dir, name)));
}

const isFeedFile = (file: string) => !file.endsWith('.html') && !file.startsWith('_astro/');

let expected: Publication;
let mounted: Publication;
const dist = join(project, 'dist');

beforeAll(async () => {
  const tarball = await packedTarball();
  installProject(project, [ASTRO, ADAPTER, tarball]);
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  astro(['build']);
  expected = await publishArticles({ ...SETTINGS, siteUrl: SITE, articles: articles(dist) });
  mounted = await publishArticles({
    ...SETTINGS,
    siteUrl: SITE,
    feedsUrl: `${SITE}feeds/`,
    articles: articles(dist),
  });
}, 600_000);

const children = new Set<ChildProcess>();

afterAll(async () => {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  rmSync(work, { recursive: true, force: true });
});

describe('astro build (static)', () => {
  it('writes every file of every feed, with the bytes publishArticles renders', async () => {
    // Not the index page (the site's `/` is its own), nor a name Astro would write escaped (`#`).
    const wanted = expected.files.filter((file) => file !== 'index.html' && !file.includes('#'));
    expect(expected.files).toContain('tags/c#/feed.xml');
    // Tags, a section, the site's history: the feeds of twenty posts.
    expect(wanted).toEqual(
      expect.arrayContaining([
        'feed.xml',
        'tags/go/atom.xml',
        'tags/open-source/feed.json',
        'tags/开源/feed.xml',
        'blog/feed.xml',
        'archive/1/feed.xml',
        'feeds.opml',
        'feeds.json',
      ]),
    );
    const written = filesIn(dist).filter((file) => isFeedFile(file) && !file.startsWith('feeds/'));
    expect(written.sort()).toEqual([...wanted].sort());
    for (const file of wanted) {
      const bytes = readFileSync(join(dist, file));
      const document = await expected.renderFile(file);
      expect(bytes.equals(Buffer.from(document?.body ?? [])), file).toBe(true);
    }
    expect(expected.problems).toEqual([]);
  });

  it('gives every item the id and link of the page Astro wrote for it, and none to a draft', async () => {
    const links = new Set<string>();
    for (const file of filesIn(dist).filter((f) => f.endsWith('feed.json') && !f.startsWith('feeds/'))) {
      const feed = JSON.parse(readFileSync(join(dist, file), 'utf8')) as {
        items: { id: string; url: string }[];
      };
      for (const item of feed.items) {
        expect(item.id).toBe(item.url);
        links.add(item.url);
      }
    }
    const pages = [...links].map((url) => new URL(url).pathname);
    for (const path of pages) expect(existsSync(join(dist, path, 'index.html')), path).toBe(true);
    expect(pages.sort()).toEqual(
      POSTS.filter((post) => !post.draft)
        .map((post) => `/blog/${post.id}/`)
        .sort(),
    );
  });

  it('under /feeds/, writes the feeds there, each linking itself there', async () => {
    const wanted = mounted.files;
    const written = filesIn(join(dist, 'feeds')).filter(isFeedFile);
    // The mounted route has no index page either (Astro would write it as a file named `feeds`).
    expect(written.sort()).toEqual(
      wanted.filter((file) => file !== 'index.html' && !file.includes('#')).sort(),
    );
    for (const file of written) {
      const document = await mounted.renderFile(file);
      expect(readFileSync(join(dist, 'feeds', file)).equals(Buffer.from(document?.body ?? [])), file).toBe(
        true,
      );
    }
    expect(readFileSync(join(dist, 'feeds/tags/go/atom.xml'), 'utf8')).toContain(
      '<link rel="self" type="application/atom+xml" href="https://feedwright.dev/feeds/tags/go/atom.xml"/>',
    );
  });
});

describe('on the Node adapter (SSR)', () => {
  it('answers 200, then 304, with the bytes and ETags of publishArticles, at the root and under /feeds/', async () => {
    astro(['build', '--config', 'astro.ssr.mjs']);
    // The pages of this build (prerendered) hold the HTML its entries were rendered to.
    const served = await publishArticles({
      ...SETTINGS,
      siteUrl: SITE,
      articles: articles(join(project, 'dist-ssr/client')),
    });
    const server = spawn(process.execPath, [join(project, 'dist-ssr/server/entry.mjs')], {
      cwd: project,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
    });
    children.add(server);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no server after 60 s:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/i.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        server.stdout?.on('data', read);
        server.stderr?.on('data', read);
        server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
      });
      for (const path of [
        'feed.xml',
        'tags/go/feed.xml',
        'tags/%E5%BC%80%E6%BA%90/atom.xml',
        // Served, though a static build has no file for it.
        'tags/c%23/feed.xml',
        'blog/feed.json',
        'archive/1/atom.xml',
      ]) {
        const document = await served.render(path);
        // The bytes as they are (a compressed answer has an ETag of its own).
        const identity = { 'Accept-Encoding': 'identity' };
        const first = await fetch(`${base}/${path}`, { headers: identity });
        expect(first.status, path).toBe(200);
        expect(first.headers.get('etag'), path).toBe(document?.etag);
        expect(first.headers.get('content-type'), path).toBe(document?.contentType);
        expect(Buffer.from(await first.arrayBuffer()).equals(Buffer.from(document?.body ?? [])), path).toBe(
          true,
        );
        const again = await fetch(`${base}/${path}`, {
          headers: { ...identity, 'If-None-Match': document?.etag ?? '' },
        });
        expect(again.status, path).toBe(304);
      }
      const under = await fetch(`${base}/feeds/tags/rust/atom.xml`);
      expect(under.status).toBe(200);
      expect(await under.text()).toContain('href="https://feedwright.dev/feeds/tags/rust/atom.xml"');
      expect((await fetch(`${base}/tags/no-such-tag/feed.xml`)).status).toBe(404);
    } finally {
      server.kill('SIGTERM');
      await exited;
      children.delete(server);
    }
  }, 180_000);
});
