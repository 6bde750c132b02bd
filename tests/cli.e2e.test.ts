import { type ChildProcess, execFile, spawn } from 'node:child_process';
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
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/feedwright.mjs');
const site = join(root, 'tests/fixtures/site');
const SITE_URL = 'https://feeds.feedwright.dev/blog/';

function feedwright(args: string[]) {
  return run(process.execPath, [bin, ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => relative(dir, f));
}

/** What `serve` answers too: everything but the static host's `_headers`. */
const servedFiles = (dir: string) => filesUnder(dir).filter((f) => f !== '_headers');

describe('feedwright build and serve', () => {
  const out = mkdtempSync(join(tmpdir(), 'feedwright-build-'));
  let server: ChildProcess;
  let base = '';

  beforeAll(async () => {
    const build = await feedwright([
      'build',
      '--content',
      site,
      '--out',
      out,
      '--site-url',
      SITE_URL,
      '--cache',
      join(out, '..', 'no-cache-here'),
    ]);
    expect(build.code).toBe(0);
    server = spawn(
      process.execPath,
      [bin, 'serve', '--content', site, '--port', '0', '--site-url', SITE_URL, '--refresh', 'off'],
      { cwd: root },
    );
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk) => {
        output += chunk;
        const match = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
  });

  afterAll(() => {
    server?.kill();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes every feed, the pages and _headers, and nothing private', () => {
    const files = filesUnder(out);
    expect(files).toContain('index.html');
    expect(files).toContain('feeds.opml');
    expect(files).toContain('feeds.json');
    expect(files).toContain('tags/c#/feed.json');
    expect(files).toContain('tags/a/b/atom.xml');
    expect(files).toContain('tags/开源/feed.xml');
    // No Hugo-path copies in a plain folder: those are a Hugo site's routes, where it had them.
    expect(files.filter((f) => f.endsWith('index.xml'))).toEqual([]);
    // site + 5 tags (Go and go are one) + 2 categories + the section posts, 3 files each, + 3 pages
    // + _headers
    expect(files).toHaveLength(9 * 3 + 3 + 1);
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes _headers with the content types and Cache-Control that serve sends', async () => {
    // Netlify and Cloudflare Pages rules: a path, `*` matching anything, then indented headers.
    const rules = readFileSync(join(out, '_headers'), 'utf8')
      .split(/\n(?=\/)/)
      .filter((block) => block.startsWith('/'))
      .map((block) => {
        const [path = '', ...lines] = block.trim().split('\n');
        const pattern = new RegExp(`^${path.replace(/[.+]/g, '\\$&').replace('*', '.*')}$`);
        return {
          pattern,
          headers: Object.fromEntries(
            lines.map((l) =>
              l
                .trim()
                .split(/: (.*)/)
                .slice(0, 2),
            ),
          ),
        };
      });
    expect(rules.length).toBeLessThanOrEqual(100);
    for (const file of servedFiles(out).filter((f) => f !== 'index.html')) {
      const served = await fetch(base + file.split('/').map(encodeURIComponent).join('/'));
      await served.arrayBuffer();
      const rule = rules.find((r) => r.pattern.test(`/blog/${file}`));
      expect(rule?.headers['Content-Type'], file).toBe(served.headers.get('content-type'));
      // One rule per file name cannot give each feed its own polling pace: static hosts get the
      // config's max-age, never staler than what serve sends.
      const maxAge = (control: string | null | undefined) => Number(/max-age=(\d+)/.exec(control ?? '')?.[1]);
      expect(maxAge(rule?.headers['Cache-Control']), file).toBe(60);
      expect(maxAge(served.headers.get('cache-control')), file).toBeGreaterThanOrEqual(60);
    }
  });

  it('serves byte-identical bytes for every file it built, over real HTTP, under the site path too', async () => {
    for (const file of servedFiles(out)) {
      const path = file === 'index.html' ? '' : file.split('/').map(encodeURIComponent).join('/');
      const served = new Uint8Array(await (await fetch(base + path)).arrayBuffer());
      expect(served, file).toEqual(new Uint8Array(readFileSync(join(out, file))));
    }
    const viaSitePath = await fetch(`${base}blog/feed.xml`);
    expect(await viaSitePath.text()).toBe(readFileSync(join(out, 'feed.xml'), 'utf8'));
  });

  it('a second build writes nothing, and a build after a change rewrites only its feeds and drops vanished ones', async () => {
    const content = mkdtempSync(join(tmpdir(), 'feedwright-content-'));
    const target = mkdtempSync(join(tmpdir(), 'feedwright-out-'));
    const cache = mkdtempSync(join(tmpdir(), 'feedwright-cache-'));
    const post = (name: string, tags: string) =>
      writeFileSync(
        join(content, name),
        `---\ntitle: ${name}\ndate: 2025-01-0${name.length % 9}\ntags: [${tags}]\n---\nText.\n`,
      );
    post('a.md', 'one');
    post('bb.md', 'two');
    post('ccc.md', 'keep');
    const build = () => feedwright(['build', '--content', content, '--out', target, '--cache', cache]);
    // site and 3 tags, 3 formats each, 3 pages and _headers.
    expect((await build()).stdout).toMatch(/wrote 16 files, 0 unchanged, 0 removed/);
    expect((await build()).stdout).toMatch(/wrote 0 files, 16 unchanged, 0 removed/);
    rmSync(join(content, 'bb.md'));
    post('a.md', 'one, three');
    // site, tag "one" and the pages change, tag "three" is new, tag "two" is gone, tag "keep" stays.
    expect((await build()).stdout).toMatch(/wrote 12 files, 4 unchanged, 3 removed/);
    expect(existsSync(join(target, 'tags/two/feed.xml'))).toBe(false);
    expect(existsSync(join(target, 'tags/keep/feed.xml'))).toBe(true);
    expect(readFileSync(join(target, 'tags/three/feed.xml'), 'utf8')).toContain('<title>a.md</title>');
    for (const dir of [content, target, cache]) rmSync(dir, { recursive: true, force: true });
  });

  it('uses the site URL in every link', () => {
    expect(readFileSync(join(out, 'atom.xml'), 'utf8')).toContain(
      '<link rel="self" type="application/atom+xml" href="https://feeds.feedwright.dev/blog/atom.xml"/>',
    );
  });
});

describe('feedwright build on odd content', () => {
  // tests/fixtures/odd-content: an empty body, Hugo's zero date, a numeric id with an external url,
  // a 330-character tag, <!--more--> first, a Unicode slug.
  it('publishes what it can, names what it cannot, and never fails the whole build', async () => {
    const target = mkdtempSync(join(tmpdir(), 'feedwright-odd-'));
    const result = await feedwright([
      'build',
      '--content',
      join(root, 'tests/fixtures/odd-content'),
      '--out',
      target,
      '--cache',
      join(target, '.state'),
      '--site-url',
      SITE_URL,
    ]);
    expect(result.code).toBe(0);
    // Hugo's zero date is no date: in a plain folder, a page without one is no post.
    expect(result.stderr).toMatch(/zero\.md:1: warning: no date: not a post, left out/);
    expect(result.stdout).toMatch(/5 articles: wrote/);
    const long = readdirSync(join(target, 'tags')).find((name) => name.startsWith('verylongtag'));
    expect(Buffer.byteLength(long ?? '')).toBeLessThanOrEqual(150);
    const rss = readFileSync(join(target, 'tags/odd/feed.xml'), 'utf8');
    expect(rss).toContain('<guid isPermaLink="false">tag:feeds.feedwright.dev,2000:12345</guid>');
    expect(rss).toContain('<link>https://elsewhere.feedwright.dev/x/</link>');
    expect(rss).toContain(
      '<link>https://feeds.feedwright.dev/blog/posts/gr%C3%BC%C3%9Fe-aus-k%C3%B6ln/</link>',
    );
    rmSync(target, { recursive: true, force: true });
  });
});

describe('feedwright build on threads', () => {
  it('reads files and renders Markdown on threads to the same bytes as on its own thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedwright-threads-'));
    // Enough articles for files read and bodies rendered on threads, with relative links and markup.
    for (let i = 0; i < 300; i++)
      writeFileSync(
        join(dir, `p${i}.md`),
        `---\ntitle: Post ${i}\ndate: 2025-01-01T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z\ntags: [t${i % 7}]\n---\n# Heading ${i}\n\nText with [a link](../p${i + 1}/) and *emphasis* & <b>markup</b>.\n`,
      );
    const build = async (threads: string) => {
      const out = join(dir, `out-${threads}`);
      const result = await feedwright([
        'build',
        '--content',
        dir,
        '--out',
        out,
        '--cache',
        join(dir, `state-${threads}`),
        '--site-url',
        SITE_URL,
        '--render-threads',
        threads,
      ]);
      expect(result.code, result.stderr).toBe(0);
      return out;
    };
    const [threaded, here] = [await build('1'), await build('0')];
    const files = filesUnder(threaded);
    expect(files.length).toBeGreaterThan(30);
    expect(filesUnder(here).sort()).toEqual([...files].sort());
    for (const file of files)
      expect(readFileSync(join(threaded, file)), file).toEqual(readFileSync(join(here, file)));
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('feedwright serve --workers', () => {
  it('serves from several processes on one port and stops them all on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(
      process.execPath,
      [
        bin,
        'serve',
        '--content',
        site,
        '--port',
        String(port),
        '--refresh',
        'off',
        '--workers',
        '2',
        '--cache',
        join(tmpdir(), 'feedwright-no-cache'),
      ],
      { cwd: root },
    );
    const url = `http://127.0.0.1:${port}/tags/go/feed.json`;
    let feed: { title?: string } = {};
    for (let i = 0; i < 100 && !feed.title; i++) {
      feed = await fetch(url)
        .then((r) => r.json() as Promise<{ title: string }>)
        .catch(() => ({}));
      if (!feed.title) await new Promise((r) => setTimeout(r, 100));
    }
    expect(feed.title).toBe('feedwright sample site — Tag: Go'); // the title from ./feedwright.config.ts
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('feedwright check', () => {
  it('prints each problem as path:line and exits 1 when an article cannot be published', async () => {
    const result = await feedwright(['check', '--content', site]);
    expect(result.code).toBe(1);
    // js-yaml reports an unclosed [ where it meets the end of the block: the closing --- on line 4.
    expect(result.stdout).toMatch(/^posts\/broken\.md:4: error: invalid YAML front matter/m);
    expect(result.stdout).toMatch(/4 files, 3 readable, 1 errors/);
  });

  it('exits 0 when everything can be published', async () => {
    const result = await feedwright(['check', '--content', join(root, 'content')]);
    expect(result.stdout).toMatch(/0 errors/);
    expect(result.code).toBe(0);
  });
});

describe('a feed over its byte budget', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-cli-fit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const content = join(dir, 'content');
  const config = join(dir, 'feedwright.config.json');
  const common = ['--content', content, '--config', config, '--site-url', SITE_URL];
  const paragraph = `${'Words enough to make a long article. '.repeat(30)}\n\n`;
  beforeAll(() => {
    writeFileSync(config, JSON.stringify({ maxFeedBytes: 100_000, itemLimit: 0, feedsPer: [] }));
    mkdirSync(content, { recursive: true });
    for (let i = 10; i < 50; i++) {
      const file = join(content, `post-${i}.md`);
      writeFileSync(file, `---\ntitle: Post ${i}\ndate: 2024-01-01T00:${i}:00Z\n---\n${paragraph.repeat(4)}`);
    }
  });

  it('build and check name the feeds whose oldest items carry summaries, on every build', async () => {
    const args = ['build', ...common, '--out', join(dir, 'out'), '--cache', join(dir, 'cache')];
    const line =
      /^feed\.xml:1: warning: its oldest (\d+) items carry their summary and link instead of their text, to fit maxFeedBytes \(100000 bytes\)$/m;
    const first = await feedwright(args);
    expect(first.code).toBe(0);
    const count = Number(line.exec(first.stderr)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(40);
    expect(first.stderr).toMatch(/^atom\.xml:1: warning: its oldest \d+ items/m);
    const rss = readFileSync(join(dir, 'out', 'feed.xml'), 'utf8');
    expect(rss.split('<item>')).toHaveLength(41);
    expect(rss.split('<content:encoded>')).toHaveLength(41 - count);
    // Nothing changed: the files are kept, and still named.
    const second = await feedwright(args);
    expect(second.stdout).toMatch(/wrote 0 files/);
    expect(line.exec(second.stderr)?.[1]).toBe(String(count));
    const check = await feedwright(['check', ...common]);
    expect(check.code).toBe(0);
    expect(line.exec(check.stdout)?.[1]).toBe(String(count));
  });
});

describe('the ids file from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-cli-ids-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'feedwright.config.json');
  writeFileSync(config, JSON.stringify({ title: 'Ids', ids: 'ids/feedwright.ids.json', refresh: 'off' }));
  const ids = join(dir, 'ids/feedwright.ids.json');
  const content = join(root, 'tests/fixtures/ids-site');
  const common = ['--content', content, '--config', config, '--cache', join(dir, 'cache')];

  it('build records ids beside the config; check explains what it would keep; accept takes the new', async () => {
    const first = await feedwright([
      'build',
      ...common,
      '--out',
      join(dir, 'a'),
      '--site-url',
      'https://a.feedwright.dev/',
    ]);
    expect(first.code).toBe(0);
    const recorded = readFileSync(ids, 'utf8');
    expect(recorded).toContain('"id": "https://a.feedwright.dev/posts/first-post/"');

    const check = await feedwright(['check', ...common, '--site-url', 'https://b.feedwright.dev/']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      'posts/first-post.md:1: warning: id would change from https://a.feedwright.dev/posts/first-post/ to https://b.feedwright.dev/posts/first-post/; link would change from https://a.feedwright.dev/posts/first-post/ to https://b.feedwright.dev/posts/first-post/; the recorded one is kept (--accept-id-changes takes the new)',
    );
    expect(readFileSync(ids, 'utf8')).toBe(recorded); // check writes nothing

    const kept = await feedwright([
      'build',
      ...common,
      '--out',
      join(dir, 'b'),
      '--site-url',
      'https://b.feedwright.dev/',
    ]);
    expect(kept.stdout).toContain(`[feedwright] 3 articles keep the id and link recorded in ${ids}`);
    expect(kept.stderr).not.toContain('would change'); // one line, not one per article
    expect(readFileSync(join(dir, 'b/feed.xml'), 'utf8')).toContain(
      '<guid isPermaLink="true">https://a.feedwright.dev/posts/first-post/</guid>',
    );

    const accepted = await feedwright([
      'build',
      ...common,
      '--out',
      join(dir, 'c'),
      '--site-url',
      'https://b.feedwright.dev/',
      '--accept-id-changes',
    ]);
    expect(accepted.code).toBe(0);
    expect(readFileSync(join(dir, 'c/feed.xml'), 'utf8')).toContain(
      '<guid isPermaLink="true">https://b.feedwright.dev/posts/first-post/</guid>',
    );
    expect(readFileSync(ids, 'utf8')).toContain('"id": "https://b.feedwright.dev/posts/first-post/"');
  });
});

describe('bad configuration', () => {
  it('is a clear error at start, naming every problem', async () => {
    const result = await feedwright(['check', '--site-url', 'not a url', '--refresh', 'every now and then']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/siteUrl must be an absolute http\(s\) URL/);
  });

  it('rejects a refresh that is not cron', async () => {
    const result = await feedwright(['check', '--refresh', 'every now and then']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refresh "every now and then" is not a cron expression/);
  });

  it('rejects unknown flags with usage', async () => {
    const result = await feedwright(['serve', '--prot', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage:/);
  });
});
