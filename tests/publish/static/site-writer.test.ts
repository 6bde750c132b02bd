// build into a generator's publish folder: the generator's feeds are replaced at their paths, no
// other file of the site is, `_headers` is merged, and either build order leaves the site whole.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFolder } from '../../../src/publish/static/build-folder.ts';
import { BLOCK_START } from '../../../src/publish/static/rule-files.ts';
import { md, testConfig } from '../../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-site-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const content = join(dir, 'content');
mkdirSync(join(content, 'posts'), { recursive: true });
writeFileSync(join(content, 'posts/hello.md'), md({ title: 'Hello', date: '2025-01-01', tags: ['go'] }));
// A Hugo site's config: its home feed at index.xml, and term feeds at tags/<slug>/index.xml.
const config = testConfig({
  generator: 'hugo',
  feeds: [
    { scope: 'site', path: 'index.xml', format: 'rss' },
    { scope: 'tags', path: 'tags/{slug}/index.xml', format: 'rss' },
  ],
});
const out = join(dir, 'public');
const read = (path: string) => readFileSync(join(out, path), 'utf8');

/** What the generator wrote: its pages, its feeds, a file at a path of feedwright's, its _headers. */
function generator() {
  const files: Record<string, string> = {
    'index.html': '<h1>The site</h1>',
    'posts/hello/index.html': '<p>Hello</p>',
    'index.xml': '<rss>the generator’s</rss>',
    'tags/go/index.xml': '<rss>the generator’s go</rss>',
    'feed.json': '{"the site": "its own"}',
    _headers: '/*\n  X-Frame-Options: DENY\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
  }
}

const build = () =>
  buildFolder({ contentDir: content, outDir: out, config, cacheDir: join(dir, 'cache'), siteFolder: true });

describe("build into a generator's publish folder", () => {
  it("replaces the generator's feeds, merges _headers, and leaves every other file of the site", async () => {
    generator();
    const result = await build();
    expect(read('index.html')).toBe('<h1>The site</h1>');
    expect(read('posts/hello/index.html')).toBe('<p>Hello</p>');
    expect(read('feed.json')).toBe('{"the site": "its own"}');
    expect(result.left).toEqual(['feed.json']);
    expect(read('index.xml')).toContain('<generator>feedwright');
    expect(read('tags/go/index.xml')).toContain('<generator>feedwright');
    expect(read('feeds.html')).toContain('<!doctype html>');
    const headers = read('_headers');
    expect(headers.startsWith('/*\n  X-Frame-Options: DENY\n\n')).toBe(true);
    expect(headers).toContain(`${BLOCK_START}\n`);
    expect(headers).toContain('/index.xml\n  Content-Type: application/rss+xml; charset=utf-8\n');
  });

  it('changes nothing when built again', async () => {
    const before = read('_headers');
    const again = await build();
    expect(again.written).toBe(0);
    expect(read('_headers')).toBe(before);
  });

  it('after the generator ran again, replaces its feeds and merges its _headers again', async () => {
    generator();
    const result = await build();
    expect(read('index.html')).toBe('<h1>The site</h1>');
    expect(read('index.xml')).toContain('<generator>feedwright');
    expect(read('_headers').match(new RegExp(BLOCK_START.replace(/[()]/g, '\\$&'), 'g'))).toHaveLength(1);
    // The two RSS feeds (at Hugo's index.xml only: one address per feed and format), and _headers.
    expect(result.written).toBe(2 + 1);
  });

  it('never removes a file it wrote once that the site has written since', async () => {
    // The tag's feeds go when the tag does; one of them was written over by the site meanwhile.
    writeFileSync(join(content, 'posts/hello.md'), md({ title: 'Hello', date: '2025-01-01' }));
    writeFileSync(join(out, 'tags/go/atom.xml'), '<feed>the site’s own now</feed>');
    await build();
    expect(read('tags/go/atom.xml')).toBe('<feed>the site’s own now</feed>');
    expect(() => read('tags/go/feed.json')).toThrow(/ENOENT/);
  });
});
