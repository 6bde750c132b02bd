// The built Worker bundle (wrangler's, made by tests/build.setup.ts before the tests) in Miniflare
// with exactly the compatibility date and flags of wrangler.toml: no Node compatibility, so a
// Node-only import in the Worker fails here. Every route must answer with the bytes and validators the Node server gives.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/catalog/archives.ts';
import { allScopes, type Catalog } from '../../src/catalog/catalog.ts';
import { scopePath } from '../../src/catalog/scope.ts';
import { parseConfig, type SiteConfig } from '../../src/config/site-config.ts';
import { archivePath } from '../../src/feeds/feed-paths.ts';
import { FORMATS } from '../../src/feeds/formats.ts';
import { PAGES } from '../../src/feeds/pages.ts';
import { createApp } from '../../src/http/app.ts';
import { loadConfig } from '../../src/node/config-file.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { expectParsersAgree } from '../helpers.ts';

const root = new URL('../../', import.meta.url).pathname;
const wrangler = parseToml(readFileSync(`${root}wrangler.toml`, 'utf8')) as {
  compatibility_date: string;
  compatibility_flags?: string[];
  vars: Record<string, string>;
  assets: { directory: string; binding: string; run_worker_first: boolean };
};

/** The built Worker in Miniflare over Worker assets built into `assets` for `siteUrl`. */
function workerOn(assets: string, siteUrl: string): Miniflare {
  return new Miniflare({
    modules: true,
    scriptPath: `${root}dist/worker/worker.js`,
    compatibilityDate: wrangler.compatibility_date,
    bindings: { SITE_URL: siteUrl },
    assets: {
      directory: assets,
      binding: 'ASSETS',
      routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true },
    },
  });
}

const mf = new Miniflare({
  modules: true,
  scriptPath: `${root}dist/worker/worker.js`,
  compatibilityDate: wrangler.compatibility_date,
  compatibilityFlags: wrangler.compatibility_flags ?? [],
  bindings: wrangler.vars,
  assets: {
    directory: `${root}${wrangler.assets.directory}`,
    binding: wrangler.assets.binding,
    routerConfig: {
      invoke_user_worker_ahead_of_assets: wrangler.assets.run_worker_first,
      has_user_worker: true,
    },
  },
});
afterAll(() => mf.dispose());

// The Node server over the same content and config, as `npm start` serves it.
const { config } = await loadConfig(undefined, { siteUrl: wrangler.vars.SITE_URL });
const { publisher, cache } = await publishFolder(`${root}content`, config, { log: () => {} });
const node = createApp({ config, catalog: () => publisher.catalog, cache });

const paths = ['/', ...PAGES.map((page) => `/${page.file}`)];
for (const scope of allScopes(publisher.catalog)) {
  const base = scopePath(scope);
  for (const format of FORMATS) paths.push(`/${base}${format.file}`);
}

/** Runs the built CLI's `build-worker` over `content` with `configFile`, into `out`, with more flags. */
function buildWorkerInto(content: string, configFile: string, out: string, ...more: string[]): void {
  execFileSync(process.execPath, [
    `${root}bin/feedwright.mjs`,
    'build-worker',
    '--content',
    content,
    '--config',
    configFile,
    '--out',
    out,
    ...more,
  ]);
}

/**
 * Asks the Worker and the Node app for every archive page of every scope in every format: the same
 * status, bytes, ETag, Cache-Control and type. Returns how many pages were compared.
 */
async function sameArchivePages(
  catalog: Catalog,
  config: SiteConfig,
  worker: Miniflare,
  nodeApp: ReturnType<typeof createApp>,
  siteUrl: string,
): Promise<number> {
  let compared = 0;
  for (const scope of allScopes(catalog)) {
    for (let page = 1; page <= (historyOf(catalog, scope, config.history)?.pages ?? 0); page++) {
      for (const format of FORMATS) {
        const path = `/${archivePath(scope, page, format)}`;
        const fromWorker = await worker.dispatchFetch(`${siteUrl.slice(0, -1)}${path}`);
        const fromNode = await nodeApp.request(path);
        expect(fromWorker.status, path).toBe(200);
        expect(new Uint8Array(await fromWorker.arrayBuffer()), path).toEqual(
          new Uint8Array(await fromNode.arrayBuffer()),
        );
        for (const header of ['etag', 'cache-control', 'content-type'])
          expect(fromWorker.headers.get(header), `${path} ${header}`).toBe(fromNode.headers.get(header));
        compared++;
      }
    }
  }
  return compared;
}

describe('the built Worker bundle in Miniflare', () => {
  it('has no Node compatibility flag to lean on', () => {
    expect(wrangler.compatibility_flags ?? []).not.toContain('nodejs_compat');
    expect(readFileSync(`${root}dist/worker/worker.js`, 'utf8')).not.toMatch(
      /from\s*["']node:|require\(["']node:/,
    );
  });

  it(`serves every route of content/ (${paths.length}) with the Node server's bytes and headers`, async () => {
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      const fromWorker = await mf.dispatchFetch(`http://127.0.0.1:8787${path}`);
      const fromNode = await node.request(path);
      expect(fromWorker.status, path).toBe(200);
      expect(new Uint8Array(await fromWorker.arrayBuffer()), path).toEqual(
        new Uint8Array(await fromNode.arrayBuffer()),
      );
      for (const header of ['etag', 'cache-control', 'content-type', 'vary']) {
        expect(fromWorker.headers.get(header), `${path} ${header}`).toBe(fromNode.headers.get(header));
      }
      // Node says when its bytes changed; the Worker cannot honestly (see FeedCache.lastModified).
      expect(fromWorker.headers.get('last-modified'), path).toBeNull();
    }
  });

  it('answers conditional requests, HEAD, unknown feeds and other methods as Node does', async () => {
    const first = await mf.dispatchFetch('http://127.0.0.1:8787/atom.xml');
    await first.arrayBuffer();
    const etag = first.headers.get('etag') as string;
    const notModified = await mf.dispatchFetch('http://127.0.0.1:8787/atom.xml', {
      headers: { 'If-None-Match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    const head = await mf.dispatchFetch('http://127.0.0.1:8787/atom.xml', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const missing = await mf.dispatchFetch('http://127.0.0.1:8787/tags/no-such-tag/feed.xml');
    expect([missing.status, await missing.text()]).toEqual([404, 'Not found\n']);
    const post = await mf.dispatchFetch('http://127.0.0.1:8787/feed.xml', { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    await post.arrayBuffer();
  });
});

describe('feed history from the Worker', () => {
  // tests/fixtures/site with one item per feed: its feeds have archive pages (the site's of
  // summaries, the others of whole articles), which the Worker serves as build-worker rendered them.
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-worker-archives-'));
  const siteUrl = 'http://127.0.0.1:8787/';
  const configFile = join(dir, 'feedwright.config.json');
  const archiveInput = {
    title: 'Archives',
    siteUrl,
    itemLimit: 1,
    refresh: 'off',
    history: { site: true, tags: 'full', categories: 'full' },
  } as const;
  writeFileSync(configFile, JSON.stringify(archiveInput));
  const content = `${root}tests/fixtures/site`;
  buildWorkerInto(content, configFile, join(dir, 'assets'));
  const archived = workerOn(join(dir, 'assets'), siteUrl);
  afterAll(async () => {
    await archived.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every archive page with the Node server's bytes, ETag and Cache-Control", async () => {
    const archiveConfig = parseConfig(archiveInput);
    const { publisher: p, cache: c } = await publishFolder(content, archiveConfig, { log: () => {} });
    const nodeApp = createApp({ config: archiveConfig, catalog: () => p.catalog, cache: c });
    expect(await sameArchivePages(p.catalog, archiveConfig, archived, nodeApp, siteUrl)).toBeGreaterThan(20);
  });
});

describe('feed history with a backdated article, from the Worker', () => {
  // tests/fixtures/site built once with the ids file, then again with an article dated before the
  // others: it takes the last place (the ids file's order), not the first by date, and the Worker
  // serves every archive page with the bytes Node gives from the same content and ids file.
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-worker-backdated-'));
  const siteUrl = 'https://history.feedwright.dev/';
  const content = join(dir, 'content');
  cpSync(`${root}tests/fixtures/site`, content, { recursive: true });
  const input = {
    title: 'Backdated',
    siteUrl,
    itemLimit: 1,
    refresh: 'off',
    history: { site: 'full', tags: 'full', categories: 'full' },
    ids: join(dir, 'feedwright.ids.json'),
  } as const;
  const configFile = join(dir, 'feedwright.config.json');
  writeFileSync(configFile, JSON.stringify(input));
  const buildWorker = () => buildWorkerInto(content, configFile, join(dir, 'assets'), '--site-url', siteUrl);
  buildWorker();
  writeFileSync(
    join(content, 'posts', 'backdated.md'),
    '---\ntitle: Backdated\ndate: 2024-06-01T10:00:00Z\ntags: [go]\ncategories: [Code]\n---\nAn old one.\n',
  );
  buildWorker();
  const worker = workerOn(join(dir, 'assets'), siteUrl);
  afterAll(async () => {
    await worker.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every archive page with the Node server's bytes, ETag and Cache-Control", async () => {
    const config = parseConfig(input);
    const { publisher: p, cache: c } = await publishFolder(content, config, {
      log: () => {},
      ids: { file: input.ids, write: false },
    });
    const nodeApp = createApp({ config, catalog: () => p.catalog, cache: c });
    // Tag go: go-one (place 1) on page 1; go-two (2), which the feed shows, keeps page 2 open and
    // empty; the backdated article (3) fills page 3; page 4 is the newest. By date it would be on
    // page 1, and go-one on page 2.
    const history = historyOf(p.catalog, { kind: 'tags', slug: 'go' }, config.history);
    expect(history?.pages).toBe(4);
    const page = async (n: number) => (await nodeApp.request(`/tags/go/archive/${n}/feed.xml`)).text();
    expect(await page(1)).toContain(`${siteUrl}posts/go-one/`);
    expect(await page(3)).toContain(`${siteUrl}posts/backdated/`);
    expect(await sameArchivePages(p.catalog, config, worker, nodeApp, siteUrl)).toBeGreaterThan(20);
  });
});

describe('ids that never move, from the Worker', () => {
  // tests/fixtures/ids-site built once with jekyll-feed's tag paths and /posts/:slug/ links, then
  // with neither: the Worker keeps the recorded links and answers 301 at the old tag feed paths.
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-worker-ids-'));
  // Ids are recorded for a site's public address only, never this machine's.
  const siteUrl = 'https://ids.feedwright.dev/';
  cpSync(`${root}tests/fixtures/ids-site`, join(dir, 'content'), { recursive: true });
  const buildWorker = (config: Record<string, unknown>) => {
    const configFile = join(dir, 'feedwright.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({ title: 'Ids', siteUrl, refresh: 'off', ids: 'feedwright.ids.json', ...config }),
    );
    // --site-url: over the repository's wrangler.toml, which the working folder holds.
    buildWorkerInto(join(dir, 'content'), configFile, join(dir, 'assets'), '--site-url', siteUrl);
  };
  buildWorker({ feeds: [{ scope: 'tags', path: 'tag/{slug}.xml', format: 'atom' }] });
  buildWorker({ permalink: '/:year/:slug/' });
  const worker = workerOn(join(dir, 'assets'), siteUrl);
  afterAll(async () => {
    await worker.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the recorded links and redirects the moved feeds', async () => {
    const atom = await worker.dispatchFetch(`${siteUrl}tags/go/atom.xml`);
    expect(atom.status).toBe(200);
    expect((await expectParsersAgree(await atom.text())).map((item) => item.link)).toEqual([
      `${siteUrl}posts/second-post/`,
      `${siteUrl}posts/first-post/`,
    ]);
    const moved = await worker.dispatchFetch(`${siteUrl}tag/go.xml`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, `${siteUrl}tags/go/atom.xml`]);
    await moved.arrayBuffer();
    const never = await worker.dispatchFetch(`${siteUrl}tag/rust.xml`, { redirect: 'manual' });
    expect(never.status).toBe(404);
    await never.arrayBuffer();
  });
});
