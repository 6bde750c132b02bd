// The README played as written, with the packed tarball, in new projects: a Hugo site made by
// `hugo new site` and a Jekyll site made by `jekyll new` (both built by Debian's hugo and jekyll +
// jekyll-feed), a folder of Markdown files, a Cloudflare Workers project and a Hono app. Each
// recipe's commands are read from the README (the blocks after `<!-- recipe: NAME -->`) and run one
// by one; the only words changed are where the package comes from (the tarball, not the registry),
// the README's example address (replaced by the site's own, as the README tells its reader to; as
// written, it is refused) and, for Workers, the deploy (a dry run with the repository's wrangler,
// the lowest the added range takes, served by Miniflare). Then: ids, links and dates equal the generator's, nothing the
// generator wrote is changed but its feeds and the merged _headers, every self link is the URL its
// file is served at, in both build orders and as a host's build command runs it.
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFeeds, parseFeed } from '../scripts/compare-site.ts';
import { packedTarball } from './packed.ts';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'feedwright-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Result {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a shell command in `cwd`; never throws. */
function sh(command: string, cwd: string): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', command],
      {
        cwd,
        timeout: 180_000,
        maxBuffer: 32 * 2 ** 20,
        env: {
          ...process.env,
          NO_COLOR: '1',
          WRANGLER_SEND_METRICS: 'false',
          npm_config_audit: 'false',
          npm_config_fund: 'false',
          npm_config_prefer_offline: 'true',
          npm_config_update_notifier: 'false',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ command, code, stdout, stderr });
      },
    );
  });
}

async function ok(command: string, cwd: string): Promise<Result> {
  const result = await sh(command, cwd);
  if (result.code !== 0)
    throw new Error(`${command} (in ${cwd}) exited ${result.code}:\n${result.stdout}${result.stderr}`);
  return result;
}

/** A recipe's block, as the README has it. */
function recipe(name: string): { readonly lang: string; readonly text: string } {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m?.[1] || m[2] === undefined) throw new Error(`README.md has no recipe "${name}"`);
  return { lang: m[1], text: m[2] };
}

type Replace = (line: string) => string | undefined;

/** The README's stand-in for the reader's own site address, which it says to replace. */
const README_ADDRESS = 'https://example.com/';
/** The address of the sites made here: what a reader puts where the README says README_ADDRESS. */
const OWN_ADDRESS = 'https://notes.feedwright.dev/';

/** A README line with the reader's own address in place of the README's stand-in. */
const ownAddress = (text: string) => text.replaceAll(README_ADDRESS, OWN_ADDRESS);

/** What `build` and `check` say of the README's address left as written, in a config file. */
const refusedAddress = (file: string, at: string) =>
  `${file}: ${at} = '${README_ADDRESS}' is a placeholder (RFC 2606 reserves it for examples and tests): every link and id would point at it; set the site's own URL`;

/** The install line of every recipe, from the tarball instead of the registry. */
const fromTarball =
  (tarball: string): Replace =>
  (line) =>
    line === 'npm install --save-dev feedwright' ? `npm install --save-dev ${tarball}` : line;

/**
 * Runs a recipe's commands one by one in `cwd` (each must succeed); `replace` may change a line
 * (undefined: not run), `after` runs once a line has.
 */
async function play(
  name: string,
  cwd: string,
  replace: Replace,
  after: (line: string) => Promise<void> | void = () => {},
): Promise<Result[]> {
  const { lang, text } = recipe(name);
  expect(lang).toBe('sh');
  const results: Result[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const command = replace(line);
    if (command !== undefined) results.push(await ok(command, cwd));
    await after(line);
  }
  return results;
}

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(relative(dir, path), readFileSync(path));
  }
  return out;
}

function write(dir: string, path: string, text: string) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** The self link a feed document names (RSS atom:link, Atom link, JSON Feed feed_url). */
function selfLink(path: string, text: string): string | undefined {
  if (path.endsWith('.json')) return (JSON.parse(text) as { feed_url?: string }).feed_url;
  const tag = /<(?:atom:)?link\b[^>]*\brel="self"[^>]*>/.exec(text)?.[0];
  return tag === undefined ? undefined : /\bhref="([^"]*)"/.exec(tag)?.[1];
}

const isFeedFile = (path: string, text: string) =>
  (path.endsWith('.xml') || path.endsWith('.json')) &&
  !['feeds.json'].includes(path) &&
  (path.endsWith('.json') ? text.includes('"https://jsonfeed.org/version/') : /<(rss|feed)\b/.test(text));

/** The `_headers` rules (Netlify's and Cloudflare Pages' format): path patterns and their headers. */
function headerRules(text: string): { readonly pattern: RegExp; readonly headers: Map<string, string> }[] {
  const rules: { pattern: RegExp; headers: Map<string, string> }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: new Map() });
    } else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)?.headers.set((name ?? '').toLowerCase(), value.join(':').trim());
    }
  }
  return rules;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * What building after the generator must leave: every file the generator wrote as it was, but its
 * feeds (the same items: ids, links, dates) and `_headers` (its lines first, feedwright's block
 * after); every feed's self link the URL its file is served at; `_headers` naming each feed's type.
 */
function expectMergedSite(
  generated: Map<string, Buffer>,
  built: Map<string, Buffer>,
  siteUrl: string,
): number {
  const replaced: string[] = [];
  for (const [path, before] of generated) {
    const after = built.get(path);
    expect(after, `${path} is still there`).toBeDefined();
    if (!after || after.equals(before)) continue;
    if (path === '_headers') {
      expect(after.toString().startsWith(`${before.toString()}\n# feedwright: start`), path).toBe(true);
      continue;
    }
    const theirs = parseFeed(before.toString());
    const ours = parseFeed(after.toString());
    expect(theirs && ours, `${path} changed, and it is no feed`).toBeTruthy();
    if (!theirs || !ours) continue;
    replaced.push(path);
    const comparison = compareFeeds(theirs, ours);
    expect(comparison.differences.id, path).toEqual([]);
    expect(comparison.differences.link, path).toEqual([]);
    expect(comparison.differences.published, path).toEqual([]);
    expect(comparison.differences['only in feedwright'], path).toEqual([]);
    // Every item of the generator's, an undated page too (Hugo's RSS lists the About page, with
    // Hugo's zero date, and so does feedwright's in site mode).
    expect(comparison.differences['only in the generator'], path).toEqual([]);
  }
  expect(replaced.length).toBeGreaterThan(0);
  const rules = headerRules(built.get('_headers')?.toString() ?? '');
  let feeds = 0;
  for (const [path, body] of built) {
    const text = body.toString();
    if (generated.get(path)?.equals(body) || !isFeedFile(path, text)) continue;
    feeds++;
    expect(selfLink(path, text), path).toBe(new URL(path, siteUrl).href);
    const format = path.endsWith('.json') ? 'json' : text.includes('<rss') ? 'rss' : 'atom';
    const types = rules.filter((r) => r.pattern.test(`/${path}`)).map((r) => r.headers.get('content-type'));
    expect(types, `${path}: _headers`).toContain(CONTENT_TYPES[format]);
  }
  return feeds;
}

let tarball = '';

/**
 * Starts a project's setup when its suite is collected, so that the projects are made side by side
 * (most of the time is npm, hugo, jekyll and wrangler, waiting); the suite's beforeAll waits for it.
 */
function early(setup: () => Promise<void>): Promise<void> {
  const ready = setup();
  ready.catch(() => {});
  return ready;
}

describe('a Hugo site', () => {
  const site = join(work, 'hugo-site');
  const ci = join(work, 'hugo-ci');
  const other = join(work, 'hugo-other-order');
  const below = join(work, 'hugo-feeds-folder');
  let generated = new Map<string, Buffer>();
  let played: Result[] = [];

  const ready = early(async () => {
    tarball = await packedTarball();
    await ok(`hugo new site ${site}`, work);
    // `hugo new site` writes http://example.org/, a placeholder: the site's own URL is set first.
    write(
      site,
      'config.toml',
      "baseURL = 'https://blog.other.feedwright.dev/'\nlanguageCode = 'en-us'\ntitle = 'A Hugo blog'\n",
    );
    write(site, 'layouts/index.html', '<!doctype html><title>{{ .Site.Title }}</title><h1>Home</h1>\n');
    write(site, 'layouts/_default/single.html', '<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n');
    write(
      site,
      'layouts/_default/list.html',
      '<!doctype html><ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>\n',
    );
    write(site, 'static/_headers', '/*\n  X-Frame-Options: DENY\n');
    write(site, 'content/about.md', '---\ntitle: "About"\n---\nAbout me.\n');
    write(
      site,
      'content/posts/first.md',
      '---\ntitle: "First post"\ndate: 2025-01-02T10:00:00+01:00\ntags: ["Go", "Open Source"]\ncategories: ["Notes"]\n---\nHello **world**, [about](/about/).\n',
    );
    write(
      site,
      'content/posts/second.md',
      '+++\ntitle = "Second post"\ndate = 2025-02-03\ntags = ["go"]\n+++\nSecond.\n',
    );
    write(
      site,
      'content/posts/draft.md',
      '---\ntitle: "Draft"\ndate: 2025-03-01\ndraft: true\n---\nNot yet.\n',
    );
    const pristine = join(work, 'hugo-pristine');
    cpSync(site, pristine, { recursive: true });
    played = await play('hugo', site, fromTarball(tarball), (line) => {
      if (line === 'hugo') generated = files(join(site, 'public'));
    });
    // The same, as a host's build runs it (Netlify, Cloudflare Pages): a fresh checkout with its
    // dependencies installed, the README's build command. And in the other order.
    for (const dir of [ci, other, below]) {
      cpSync(pristine, dir, { recursive: true });
      for (const name of ['node_modules', 'package.json', 'package-lock.json', 'feedwright.config.ts'])
        cpSync(join(site, name), join(dir, name), { recursive: true });
    }
    expect(readme).toContain('the build command is `hugo && npx feedwright build`');
    expect(readme).toContain('`npx feedwright build --out public/feeds`');
    await Promise.all([
      ok('hugo && npx feedwright build', ci),
      ok('npx feedwright build && hugo', other),
      ok('hugo && npx feedwright build --out public/feeds', below),
    ]);
  });
  beforeAll(() => ready, 240_000);

  it('init finds the site and check finds nothing wrong', () => {
    const [, init, , check] = played;
    expect(init?.stdout).toContain('[feedwright] a Hugo site (config.toml): site mode');
    expect(readFileSync(join(site, 'feedwright.config.ts'), 'utf8')).toMatch(/^ {2}site: '\.',$/m);
    expect(check?.stdout).toMatch(/0 errors/);
  });

  it("replaces Hugo's feeds with the same items, merges _headers, leaves every other file", () => {
    const built = files(join(site, 'public'));
    // Hugo's RSS of the site, posts, 2 tags and 1 category, replaced; Atom and JSON Feed beside each.
    expect(expectMergedSite(generated, built, 'https://blog.other.feedwright.dev/')).toBe(5 + 5 * 2);
    expect(built.has('feeds.html')).toBe(true);
    expect(built.has('tags/go/atom.xml') && built.has('tags/go/feed.json')).toBe(true);
    expect(built.has('tags/go/feed.xml')).toBe(false);
    expect(built.get('index.html')?.toString()).toContain('<h1>Home</h1>');
  });

  it('gives the same files on a host, and writes nothing when built again', async () => {
    expect(files(join(ci, 'public'))).toEqual(files(join(site, 'public')));
    expect((await ok('npx feedwright build', site)).stdout).toMatch(/wrote 0 files/);
  });

  it("built into public/feeds: every feed under /feeds/, and Hugo's files as Hugo wrote them", () => {
    const built = files(join(below, 'public'));
    for (const [path, body] of generated) expect(built.get(path)?.equals(body), path).toBe(true);
    const feeds = files(join(below, 'public/feeds'));
    expect(feeds.has('index.html')).toBe(true);
    // Hosts read _headers only at the root of what they publish; Hugo's paths are Hugo's, at its root.
    expect([...feeds.keys()].filter((path) => path === '_headers' || path.endsWith('index.xml'))).toEqual([]);
    let checked = 0;
    for (const [path, body] of feeds) {
      if (!isFeedFile(path, body.toString())) continue;
      checked++;
      expect(selfLink(path, body.toString()), path).toBe(`https://blog.other.feedwright.dev/feeds/${path}`);
    }
    // The site, posts, 2 tags and 1 category, in 3 formats.
    expect(checked).toBe(5 * 3);
  });

  it("the other way round: Hugo's files are Hugo's, feedwright's others stay", () => {
    const built = files(join(other, 'public'));
    for (const [path, body] of generated) expect(built.get(path)?.equals(body), path).toBe(true);
    expect(built.has('feeds.html')).toBe(true);
    expect(built.has('tags/go/atom.xml')).toBe(true);
  });
});

describe('a Jekyll site', () => {
  const site = join(work, 'jekyll-site');
  const ci = join(work, 'jekyll-ci');
  const other = join(work, 'jekyll-other-order');
  let generated = new Map<string, Buffer>();
  let played: Result[] = [];

  const ready = early(async () => {
    tarball = await packedTarball();
    await ok(`jekyll new ${site} --skip-bundle`, work);
    // `jekyll new` writes url: "" (no site's URL: feedwright refuses it, and says where).
    const config = readFileSync(join(site, '_config.yml'), 'utf8');
    expect(config).toMatch(/^url: ""/m);
    write(
      site,
      '_config.yml',
      `${config.replace(/^url: ""/m, 'url: "https://jekyll.other.feedwright.dev"')}include: [_headers]\n`,
    );
    write(site, '_headers', '/*\n  X-Frame-Options: DENY\n');
    write(
      site,
      '_posts/2025-01-02-first-post.md',
      '---\nlayout: post\ntitle: "First post"\ndate: 2025-01-02 10:00:00 +0100\ncategories: notes\ntags: [go, open-source]\n---\nHello **world**.\n',
    );
    const pristine = join(work, 'jekyll-pristine');
    cpSync(site, pristine, { recursive: true });
    played = await play('jekyll', site, fromTarball(tarball), (line) => {
      if (line === 'jekyll build') generated = files(join(site, '_site'));
    });
    for (const dir of [ci, other]) {
      cpSync(pristine, dir, { recursive: true });
      for (const name of [
        'node_modules',
        'package.json',
        'package-lock.json',
        'feedwright.config.ts',
        '_config.yml',
      ])
        cpSync(join(site, name), join(dir, name), { recursive: true });
    }
    expect(readme).toContain('`jekyll build && npx feedwright build`');
    await Promise.all([
      ok('jekyll build && npx feedwright build', ci),
      ok('npx feedwright build && jekyll build', other),
    ]);
  });
  beforeAll(() => ready, 240_000);

  it('init finds the site; check reads only posts (about and index pages are none)', () => {
    const [, init, , check] = played;
    expect(init?.stdout).toContain('[feedwright] a Jekyll site (_config.yml): site mode');
    // Jekyll would publish the config, the ids file and npm's files as pages of the site.
    for (const name of ['feedwright.config.ts', 'feedwright.ids.json', 'package.json', 'package-lock.json'])
      expect(generated.has(name), name).toBe(false);
    expect(check?.stdout).toMatch(/^2 files, 2 readable, 0 errors, 0 warnings$/m);
  });

  it("replaces jekyll-feed's feed with the same items, merges _headers, leaves every other file", () => {
    const built = files(join(site, '_site'));
    expect(generated.has('feed.xml')).toBe(true);
    // jekyll-feed's Atom feed.xml, replaced; RSS and JSON Feed of the site beside it.
    expect(expectMergedSite(generated, built, 'https://jekyll.other.feedwright.dev/')).toBe(1 + 2);
    expect(built.has('feeds.html')).toBe(true);
    // jekyll-feed's Atom keeps /feed.xml: the RSS feed is at /rss.xml.
    expect(built.get('rss.xml')?.toString()).toContain('<rss');
  });

  it('gives the same files on a host', () => {
    expect(files(join(ci, '_site'))).toEqual(files(join(site, '_site')));
  });

  it("the other way round: Jekyll empties _site, its files are its own and feedwright's are gone", () => {
    const built = files(join(other, '_site'));
    expect([...built.keys()].sort()).toEqual([...generated.keys()].sort());
    // jekyll-feed dates its feed with the time of the build; everything else is the same bytes.
    const undated = (body: Buffer | undefined) => body?.toString().replace(/<updated>[^<]*<\/updated>/, '');
    for (const [path, body] of generated)
      expect(path === 'feed.xml' ? undated(built.get(path)) : built.get(path)?.toString(), path).toBe(
        path === 'feed.xml' ? undated(body) : body.toString(),
      );
  });
});

describe('a folder of Markdown files', () => {
  const dir = join(work, 'notes');
  const asWritten = join(work, 'notes-as-written');
  let played: Result[] = [];
  let refused: Result | undefined;
  let wroteNothing = false;
  const unreplaced: Result[] = [];

  const ready = early(async () => {
    tarball = await packedTarball();
    write(dir, 'content/posts/hello.md', '---\ntitle: Hello\ndate: 2025-01-02\ntags: [go]\n---\nHello.\n');
    write(
      dir,
      'content/posts/second.md',
      '---\ntitle: Second\ndate: 2025-01-03\ncategories: [Notes]\n---\nTwo.\n',
    );
    write(dir, 'content/about.md', '---\ntitle: About\n---\nMe.\n');
    expect(recipe('folder').text).toContain(README_ADDRESS);
    played = await play(
      'folder',
      dir,
      (line) => ownAddress(fromTarball(tarball)(line) ?? line),
      async (line) => {
        // Before init: no site's URL anywhere, and build says so instead of publishing 127.0.0.1.
        if (line.startsWith('npm install')) {
          refused = await sh('npx feedwright build --out public', dir);
          wroteNothing = !existsSync(join(dir, 'public'));
        }
      },
    );
    // The same lines with the README's address left as written, on the same install.
    write(asWritten, 'content/posts/hello.md', '---\ntitle: Hello\ndate: 2025-01-02\n---\nHello.\n');
    cpSync(join(dir, 'package.json'), join(asWritten, 'package.json'));
    symlinkSync(join(dir, 'node_modules'), join(asWritten, 'node_modules'));
    for (const line of recipe('folder')
      .text.split('\n')
      .map((l) => l.trim()))
      if (line !== '' && !line.startsWith('#') && !line.startsWith('npm install'))
        unreplaced.push(await sh(line, asWritten));
  });
  beforeAll(() => ready, 240_000);

  it('refuses to build without the site URL, naming the setting', () => {
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toBe(
      'feedwright: identity.siteUrl is not set: every link would point at http://127.0.0.1:8787/, this machine. Set it in feedwright.config.ts, or pass --site-url URL\n',
    );
    expect(wroteNothing).toBe(true);
  });

  it('checks with a warning for the page without a date, and builds the feeds at the URL', () => {
    const [, , check] = played;
    expect(check?.stdout).toContain('about.md:1: warning: no date: not a post, left out');
    const built = files(join(dir, 'public'));
    for (const path of ['index.html', 'feeds.opml', '_headers', 'tags/go/atom.xml'])
      expect(built.has(path), path).toBe(true);
    const feed = built.get('feed.xml')?.toString() ?? '';
    expect(feed).toContain('<title>My notes</title>');
    expect(selfLink('feed.xml', feed)).toBe(`${OWN_ADDRESS}feed.xml`);
    expect(feed).toContain(`<link>${OWN_ADDRESS}posts/hello/</link>`);
  });

  it("refuses the README's example address left as written: check and build say where", () => {
    const [init, check, build] = unreplaced;
    expect(init?.code).toBe(0);
    expect(init?.stdout).toContain(
      `[feedwright] to do: --site-url ${README_ADDRESS} is a placeholder (RFC 2606 reserves it for examples and tests): build and check refuse it until it is the site's own URL`,
    );
    const config = readFileSync(join(asWritten, 'feedwright.config.ts'), 'utf8');
    const line = config.split('\n').findIndex((l) => l.includes(README_ADDRESS)) + 1;
    expect(line).toBeGreaterThan(0);
    const message = refusedAddress('feedwright.config.ts', 'identity.siteUrl');
    expect(check?.code).toBe(1);
    expect(check?.stdout.split('\n')).toContain(
      `${join(asWritten, 'feedwright.config.ts')}:${line}: error: ${message}`,
    );
    expect([build?.code, build?.stderr]).toEqual([1, `feedwright: ${message}\n`]);
    expect(existsSync(join(asWritten, 'public'))).toBe(false);
  });
});

describe('a Hono app, on a newer hono than the repository locks', () => {
  const dir = join(work, 'hono-app');
  let result: { first: number; again: number; self: string; site: string; opml: string } | undefined;
  let hono: string[] = [];

  const ready = early(async () => {
    tarball = await packedTarball();
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    // A patch the lock file does not have: the site's hono is the one used, once.
    expect(lock.packages['node_modules/hono']?.version).not.toBe('4.13.23');
    write(dir, 'package.json', JSON.stringify({ name: 'hono-app', private: true, type: 'module' }));
    write(dir, 'content/posts/hello.md', '---\ntitle: Hello\ndate: 2025-01-02\ntags: [go]\n---\nHello.\n');
    await ok(`npm install hono@4.13.23 @hono/node-server ${tarball}`, dir);
    type Tree = { readonly version?: string; readonly dependencies?: Record<string, Tree> };
    const walk = (deps: Record<string, Tree> | undefined): string[] =>
      Object.entries(deps ?? {}).flatMap(([name, dep]) => [
        ...(name === 'hono' && dep.version ? [dep.version] : []),
        ...walk(dep.dependencies),
      ]);
    hono = walk((JSON.parse((await ok('npm ls hono --all --json', dir)).stdout) as Tree).dependencies);
    const { lang, text } = recipe('hono');
    expect(lang).toBe('ts');
    expect(text).toContain(README_ADDRESS);
    write(dir, 'server.ts', ownAddress(text));
    write(
      dir,
      'check.ts',
      `import app from './server.ts';
const first = await app.request('/feeds/tags/go/atom.xml');
const body = await first.text();
const again = await app.request('/feeds/tags/go/atom.xml', { headers: { 'If-None-Match': first.headers.get('etag') ?? '' } });
const opml = await (await app.request('/feeds/feeds.opml')).text();
console.log(JSON.stringify({
  first: first.status,
  again: again.status,
  self: /<link rel="self"[^>]*href="([^"]*)"/.exec(body)?.[1] ?? '',
  site: await (await app.request('/')).text(),
  opml,
}));
process.exit(0);
`,
    );
    write(
      dir,
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
        },
        include: ['server.ts', 'check.ts'],
      }),
    );
    await ok(`${join(root, 'node_modules/.bin/tsc')} -p .`, dir);
    // The app's own log lines come first (one per regeneration); the answer is the last line.
    const lines = (await ok(`${join(root, 'node_modules/.bin/tsx')} check.ts`, dir)).stdout
      .trim()
      .split('\n');
    result = JSON.parse(lines.at(-1) ?? '');
  });
  beforeAll(() => ready, 240_000);

  it('has one hono, the site’s, and tsc --strict passes on the recipe', () => {
    expect(hono.length).toBeGreaterThan(0);
    expect(new Set(hono)).toEqual(new Set(['4.13.23']));
  });

  it('answers 200 then 304 at /feeds/, with self links under /feeds/', () => {
    expect(result).toMatchObject({ first: 200, again: 304, site: 'My site' });
    expect(result?.self).toBe(`${OWN_ADDRESS}feeds/tags/go/atom.xml`);
    expect(result?.opml).toContain(`xmlUrl="${OWN_ADDRESS}feeds/feed.xml"`);
  });
});

describe('Cloudflare Workers', () => {
  const dir = join(work, 'workers');
  const wrangler = join(root, 'node_modules/.bin/wrangler');
  let mf: Miniflare | undefined;
  afterAll(() => mf?.dispose());

  const ready = early(async () => {
    tarball = await packedTarball();
    write(dir, 'package.json', JSON.stringify({ name: 'workers', private: true, type: 'module' }));
    write(dir, 'content/posts/hello.md', '---\ntitle: Hello\ndate: 2025-01-02\ntags: [go]\n---\nHello.\n');
    expect(recipe('workers').text).toContain(README_ADDRESS);
    await play('workers', dir, (line) => {
      if (line === 'npm install') return undefined; // wrangler: the repository's, below
      if (line === 'npx wrangler deploy') return `${wrangler} deploy --dry-run --outdir worker-dist`;
      return ownAddress(fromTarball(tarball)(line) ?? line);
    });
    const toml = readFileSync(join(dir, 'wrangler.toml'), 'utf8');
    mf = new Miniflare({
      modules: true,
      modulesRoot: join(dir, 'worker-dist'),
      scriptPath: join(dir, 'worker-dist/feeds-worker.js'),
      compatibilityDate: /compatibility_date = "([^"]+)"/.exec(toml)?.[1] ?? '',
      bindings: { SITE_URL: /SITE_URL = "([^"]+)"/.exec(toml)?.[1] ?? '' },
      assets: {
        directory: join(dir, '.feedwright/worker-assets'),
        binding: 'ASSETS',
        routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true },
      },
    });
  });
  beforeAll(() => ready, 240_000);

  it('init --worker sets SITE_URL, adds wrangler and the .gitignore entries', () => {
    expect(readFileSync(join(dir, 'wrangler.toml'), 'utf8')).toContain(
      `\n[vars]\nSITE_URL = "${OWN_ADDRESS}"\n`,
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(manifest.devDependencies.wrangler).toMatch(/^\^4\./);
    const wranglerVersion = JSON.parse(
      readFileSync(join(root, 'node_modules/wrangler/package.json'), 'utf8'),
    ).version;
    expect(manifest.devDependencies.wrangler).toBe(`^${wranglerVersion}`);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(
      expect.arrayContaining(['.feedwright-cache/', '.feedwright/', '.wrangler/']),
    );
  });

  it('serves the feeds built for the site URL', async () => {
    const feed = await mf?.dispatchFetch(`${OWN_ADDRESS}feed.xml`);
    expect(feed?.status).toBe(200);
    const text = (await feed?.text()) ?? '';
    expect(selfLink('feed.xml', text)).toBe(`${OWN_ADDRESS}feed.xml`);
    expect(text).toContain(`<link>${OWN_ADDRESS}posts/hello/</link>`);
    const index = await mf?.dispatchFetch(OWN_ADDRESS);
    expect(index?.status).toBe(200);
    await index?.arrayBuffer();
  });
});
