import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRONT_MATTER_BYTES } from '../../src/source/content-folder.ts';
import { ContentScanner } from '../../src/source/content-scanner.ts';
import { testConfig } from '../helpers.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-library-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ContentScanner state kept between runs', () => {
  it('restores articles without reading files, and reads a body back exactly as at first read', async () => {
    writeFileSync(join(dir, 'yaml.md'), '---\ntitle: Y\ndate: 2025-01-01\n---\nYAML **body**\n');
    writeFileSync(join(dir, 'json.md'), '{ "title": "J", "date": "2025-01-02" }\nJSON body \u0007\n');
    const first = new ContentScanner(dir, testConfig());
    const scanned = await first.scan();
    const bodies = Object.fromEntries(scanned.articles.map((a) => [a.head.path, a.markdown()]));

    const again = new ContentScanner(dir, testConfig());
    again.restore(structuredClone(first.save()));
    const restored = await again.scan();
    expect(restored).toMatchObject({ seen: 2, read: 0, changed: 0 });
    for (const article of restored.articles) expect(article.markdown()).toBe(bodies[article.head.path]);
    expect(bodies['json.md']).toBe('JSON body \n'); // the control character is gone
  });

  it('refuses to read back a body whose file changed since', async () => {
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nOld\n');
    const first = new ContentScanner(dir, testConfig());
    await first.scan();
    const again = new ContentScanner(dir, testConfig());
    again.restore(first.save());
    const [article] = (await again.scan()).articles;
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nNew\n');
    expect(() => article?.markdown()).toThrow(/changed while it was being read/);
  });
});

describe('ContentScanner list pages', () => {
  it('reads _index.md pages apart from articles, again only when they change', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'tags/go'), { recursive: true });
    writeFileSync(join(dir, 'tags/go/_index.md'), '---\ntitle: Go\ndescription: All about Go\n---\n');
    writeFileSync(join(dir, '_index.md'), '---\ntitle: [not, text]\n---\n');
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nA\n');
    const library = new ContentScanner(dir, testConfig());
    const first = await library.scan();
    expect(first.articles.map((a) => a.head.path)).toEqual(['a.md']);
    expect(first.listPages).toEqual([
      { dir: 'tags/go', folder: 'tags/go', title: 'Go', description: 'All about Go', image: undefined },
    ]);
    // An unreadable list page is a warning with its line; it never stops the articles.
    expect(first.problems).toEqual([
      expect.objectContaining({ path: '_index.md', line: 2, severity: 'warning' }),
    ]);
    expect((await library.scan()).changed).toBe(0);
    writeFileSync(join(dir, 'tags/go/_index.md'), '---\ntitle: Golang\n---\n');
    const edited = await library.scan();
    expect(edited.changed).toBe(1);
    expect(edited.listPages[0]?.title).toBe('Golang');
  });
});

describe('ContentScanner: what is on disk', () => {
  const post = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-01\n---\nBody of ${title}\n`;

  it('picks up an edit that keeps size and mtime (cp -p, rsync -t, tar x), also after a restart', async () => {
    const file = join(dir, 'a.md');
    // Whole seconds: a fractional time does not survive utimes' float seconds exactly.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    writeFileSync(file, post('Old'));
    utimesSync(file, mtime, mtime);
    const library = new ContentScanner(dir, testConfig());
    await library.scan();
    const kept = structuredClone(library.save());
    writeFileSync(file, post('New'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file)).toMatchObject({ size: Buffer.byteLength(post('Old')), mtimeMs: mtime.getTime() });
    const scan = await library.scan();
    expect(scan.changed).toBe(1);
    expect(scan.articles[0]?.head.title).toBe('New');
    const restarted = new ContentScanner(dir, testConfig());
    restarted.restore(kept);
    expect((await restarted.scan()).articles[0]?.head.title).toBe('New');
  });

  it('reads UTF-16 files (with their byte order mark) like UTF-8 ones', async () => {
    const text = post('Grüße 开源');
    writeFileSync(
      join(dir, 'le.md'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const be = Buffer.from(text, 'utf16le').swap16();
    writeFileSync(join(dir, 'be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const scan = await new ContentScanner(dir, testConfig()).scan();
    expect(scan.problems).toEqual([]);
    expect(scan.articles.map((a) => [a.head.title, a.markdown()])).toEqual([
      ['Grüße 开源', 'Body of Grüße 开源\n'],
      ['Grüße 开源', 'Body of Grüße 开源\n'],
    ]);
  });

  it('follows links to files and to folders elsewhere, once each, and names a link to nothing', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'feedwright-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'linked.md'), post('Linked folder'));
      writeFileSync(join(elsewhere, 'single.md'), post('Linked file'));
      symlinkSync(elsewhere, join(elsewhere, 'loop'));
      mkdirSync(join(dir, 'posts'));
      writeFileSync(join(dir, 'posts/own.md'), post('Own'));
      symlinkSync(elsewhere, join(dir, 'posts/more'));
      symlinkSync(join(elsewhere, 'single.md'), join(dir, 'posts/single.md'));
      symlinkSync(join(dir, 'posts'), join(dir, 'again'));
      symlinkSync(join(dir, 'missing.md'), join(dir, 'posts/gone.md'));
      const scan = await new ContentScanner(dir, testConfig()).scan();
      expect(scan.articles.map((a) => [a.head.path, a.head.title])).toEqual([
        ['posts/more/linked.md', 'Linked folder'],
        ['posts/more/single.md', 'Linked file'],
        ['posts/own.md', 'Own'],
        ['posts/single.md', 'Linked file'],
      ]);
      expect(scan.problems).toEqual([
        { path: 'posts/gone.md', line: 1, severity: 'warning', message: 'is a link to nothing readable' },
      ]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('ContentScanner: a huge file', () => {
  it('is read no further than its front matter and the body budget, and changes beyond it still count', async () => {
    const file = join(dir, 'huge.md');
    const head = '---\ntitle: Huge\ndate: 2025-01-01\n---\n';
    writeFileSync(file, head + 'line of text\n'.repeat(800_000));
    const config = testConfig({ maxBodyBytes: 10_000 });
    const library = new ContentScanner(dir, config);
    const [article] = (await library.scan()).articles;
    expect(article?.head.title).toBe('Huge');
    expect(Buffer.byteLength(article?.markdown() ?? '')).toBeLessThanOrEqual(FRONT_MATTER_BYTES + 10_000);
    writeFileSync(file, `${head}${'line of text\n'.repeat(800_000)}more`);
    expect((await library.scan()).read).toBe(1);
  });
});

describe('ContentScanner: Hugo pages without a date', () => {
  it('publishes every undated page with the zero date, as Hugo lists them in its feeds', async () => {
    mkdirSync(join(dir, 'post'));
    writeFileSync(join(dir, 'post', 'a.md'), '---\ntitle: a\ndate: 2020-01-01\n---\nx');
    writeFileSync(join(dir, 'post', 'b.md'), '---\ntitle: b\ndate: 2020-01-02\n---\nx');
    writeFileSync(join(dir, 'post', 'empty.md'), '---\ntitle: empty\ndate: ""\n---\nx');
    writeFileSync(join(dir, 'about.md'), '---\ntitle: About\n---\nx');
    const scan = await new ContentScanner(dir, testConfig({ generator: 'hugo' })).scan();
    expect(scan.articles.map((a) => a.head.path).sort()).toEqual([
      'about.md',
      'post/a.md',
      'post/b.md',
      'post/empty.md',
    ]);
    expect(scan.problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      'about.md: no date: published with the zero date 0001-01-01, as Hugo does',
      'post/empty.md: no date: published with the zero date 0001-01-01, as Hugo does',
    ]);
  });
});

describe("ContentScanner: Hugo's :git and :fileModTime dates", () => {
  it('dates an article by its last commit or its file time, where the site asks for them', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, ...args], {
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: '2021-05-06T07:08:09Z',
          GIT_COMMITTER_DATE: '2021-05-06T07:08:09Z',
        },
        stdio: 'ignore',
      });
    mkdirSync(join(dir, 'post'));
    writeFileSync(join(dir, 'post', 'a.md'), '---\ntitle: a\ndate: 2020-01-01\n---\nx');
    writeFileSync(join(dir, 'post', 'b.md'), '---\ntitle: b\n---\nx');
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@feedwright.dev', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@feedwright.dev', 'commit', '-q', '-m', 'x');
    utimesSync(join(dir, 'post', 'b.md'), new Date('2022-02-03T04:05:06Z'), new Date('2022-02-03T04:05:06Z'));
    const config = testConfig({
      generator: 'hugo',
      dates: { date: ['date', ':fileModTime'], lastmod: [':git', 'lastmod'] },
    });
    const heads = Object.fromEntries(
      (await new ContentScanner(dir, config).scan()).articles.map((a) => [a.head.title, a.head]),
    );
    expect(heads.a).toMatchObject({
      date: Date.parse('2020-01-01T00:00:00Z'),
      updated: Date.parse('2021-05-06T07:08:09Z'),
    });
    expect(heads.b?.date).toBe(Date.parse('2022-02-03T04:05:06Z'));
  });

  it('says when it asks for :git dates and can read none', async () => {
    writeFileSync(join(dir, 'a.md'), '---\ntitle: a\ndate: 2020-01-01\n---\nx');
    const config = testConfig({ dates: { lastmod: [':git', 'lastmod'] } });
    const said = async () =>
      (await new ContentScanner(dir, config).scan()).problems.map(
        (p) => `${p.path}: ${p.severity}: ${p.message}`,
      );
    expect(await said()).toEqual([
      '.: warning: no :git dates: the content folder is in no Git repository; each article takes its date from the next source the dates settings name',
    ]);
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      expect(await said()).toEqual([
        expect.stringMatching(/^\.: warning: no :git dates: git is not installed/),
      ]);
    } finally {
      process.env.PATH = path;
    }
    // A site that does not ask for them hears nothing of git.
    expect((await new ContentScanner(dir, testConfig()).scan()).problems).toEqual([]);
  });
});

describe('ContentScanner told which paths changed', () => {
  const post = (title: string, day: number) =>
    `---\ntitle: ${title}\ndate: 2025-01-${String(day).padStart(2, '0')}\n---\n${title}\n`;
  /** What a scanner that knew nothing finds now: what the partial scan must agree with. */
  const fresh = async () => {
    const result = await new ContentScanner(dir, testConfig()).scan();
    return { articles: result.articles.map((a) => a.head), problems: result.problems, seen: result.seen };
  };
  const same = (result: Awaited<ReturnType<ContentScanner['scan']>>) => ({
    articles: result.articles.map((a) => a.head),
    problems: result.problems,
    seen: result.seen,
  });

  it('looks only at those paths, and finds what a full listing finds', async () => {
    mkdirSync(join(dir, 'posts'));
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `posts/p${i}.md`), post(`P${i}`, i));
    const scanner = new ContentScanner(dir, testConfig());
    await scanner.scan();
    writeFileSync(join(dir, 'posts/p2.md'), post('P2 edited', 2));
    writeFileSync(join(dir, 'posts/p0.md'), post('P0 new', 9));
    rmSync(join(dir, 'posts/p4.md'));
    writeFileSync(join(dir, 'posts/picture.png'), 'not an article');
    writeFileSync(join(dir, 'posts/.hidden.md'), post('Hidden', 3));
    const changed = ['posts/p2.md', 'posts/p0.md', 'posts/p4.md', 'posts/picture.png', 'posts/.hidden.md'];
    const partial = await scanner.scan(changed);
    expect(partial).toMatchObject({ read: 2, changed: 3, seen: 5 });
    expect(same(partial)).toEqual(await fresh());
    // Paths that name nothing that was or is an article change nothing.
    expect(await scanner.scan(['posts/nothing.md', 'posts/picture.png'])).toMatchObject({
      read: 0,
      changed: 0,
    });
  });

  it('lists the folder again for what only a listing can tell: folders, links, list pages', async () => {
    mkdirSync(join(dir, 'posts/deep'), { recursive: true });
    writeFileSync(join(dir, 'posts/deep/a.md'), post('A', 1));
    writeFileSync(join(dir, 'b.md'), post('B', 2));
    const scanner = new ContentScanner(dir, testConfig());
    await scanner.scan();
    // A folder removed with its articles: the watcher may report only the folder.
    rmSync(join(dir, 'posts'), { recursive: true });
    expect(same(await scanner.scan(['posts']))).toEqual(await fresh());
    // A folder added with articles in it.
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more/c.md'), post('C', 3));
    expect(same(await scanner.scan(['more']))).toEqual(await fresh());
    // A list page names a section.
    writeFileSync(join(dir, 'more/_index.md'), '---\ntitle: More\n---\n');
    const listed = await scanner.scan(['more/_index.md']);
    expect(listed.listPages?.map((page) => page.dir)).toEqual(['more']);
    // A link to an article.
    symlinkSync(join(dir, 'b.md'), join(dir, 'linked.md'));
    expect(same(await scanner.scan(['linked.md']))).toEqual(await fresh());
  });

  it("with Hugo's leaf bundles, lists again for a file that may be a bundle's resource", async () => {
    const hugo = testConfig({ generator: 'hugo' });
    mkdirSync(join(dir, 'posts/bundle'), { recursive: true });
    writeFileSync(join(dir, 'posts/bundle/index.md'), post('Bundle', 1));
    writeFileSync(join(dir, 'posts/a.md'), post('A', 2));
    const scanner = new ContentScanner(dir, hugo);
    await scanner.scan();
    const fresh = async () => (await new ContentScanner(dir, hugo).scan()).articles.map((a) => a.head);
    // A page in a leaf bundle is one of its resources, not an article.
    writeFileSync(join(dir, 'posts/bundle/extra.md'), post('Extra', 3));
    const added = await scanner.scan(['posts/bundle/extra.md']);
    expect(added.articles.map((a) => a.head)).toEqual(await fresh());
    expect(added.articles.map((a) => a.head.title)).toEqual(['A', 'Bundle']);
    // An edit to an article is still looked at alone.
    writeFileSync(join(dir, 'posts/a.md'), post('A edited', 2));
    const edited = await scanner.scan(['posts/a.md']);
    expect(edited).toMatchObject({ read: 1, changed: 1 });
    expect(edited.articles.map((a) => a.head)).toEqual(await fresh());
  });
});

describe('ContentScanner on a plain folder that a Jekyll or Eleventy site keeps', () => {
  it('reads _posts, and leaves out drafts and the generator folders; pages without a date are no posts', async () => {
    const files: Record<string, string> = {
      '_posts/2025-01-01-hello.md': '---\ntitle: Hello\n---\nHi\n',
      '_drafts/unfinished.md': '---\ntitle: Unfinished\ndate: 2025-02-01\n---\nNot yet\n',
      '_site/copy.md': '---\ntitle: Copy\ndate: 2025-02-01\n---\nBuilt\n',
      '_includes/part.md': '---\ntitle: Part\ndate: 2025-02-01\n---\nPart\n',
      'about.markdown': '---\nlayout: page\ntitle: About\n---\nMe\n',
      'index.markdown': '---\nlayout: home\n---\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const scan = await new ContentScanner(dir, testConfig()).scan();
    expect(scan.articles.map((a) => a.head.path)).toEqual(['_posts/2025-01-01-hello.md']);
    expect(scan.problems.map((p) => `${p.path}: ${p.severity}`)).toEqual([
      'about.markdown: warning',
      'index.markdown: warning',
    ]);
  });
});
