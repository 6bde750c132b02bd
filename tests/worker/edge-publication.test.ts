// The Worker's publication over its assets, in Node: an archive page whose asset is not there is a
// 404, but an asset that fails any other way is an error (a 500, in the log and on /health), never
// a page that "does not exist".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderArticleBody, renderArticleSummary } from '../../src/content/render/article-body.ts';
import { bodyContext } from '../../src/content/render/body-context.ts';
import { workerAssets } from '../../src/publish/worker-format/worker-assets.ts';
import { ContentScanner } from '../../src/source/content-scanner.ts';
import type { Assets } from '../../src/worker/assets.ts';
import { loadPublication } from '../../src/worker/edge-publication.ts';
import { appFor } from '../../src/worker/publication-app.ts';
import { NOW, testConfig } from '../helpers.ts';

// One item per feed: the site feed of tests/fixtures/site has archive pages.
const config = testConfig({ itemLimit: 1 });
const scan = await new ContentScanner(new URL('../fixtures/site/', import.meta.url).pathname, config).scan();
const context = bodyContext(config, scan.articles);
const { files } = await workerAssets(
  config,
  scan.articles,
  scan.listPages,
  scan.problems,
  {
    body: (article) => renderArticleBody(article, context),
    summary: (article) => renderArticleSummary(article, context),
  },
  NOW,
);

/** Assets served from `files`, except that `broken` says how a file fails (a status), if it does. */
function assetsOf(broken: (file: string) => number | undefined): Assets {
  return {
    async fetch(request) {
      const file = new URL(request.url).pathname.slice(1);
      const status = broken(file);
      if (status !== undefined) return new Response('no', { status });
      const text = files.get(file);
      return text === undefined ? new Response('missing', { status: 404 }) : new Response(text);
    },
  };
}

afterEach(() => vi.restoreAllMocks());

describe('archive pages from Worker assets', () => {
  const isArchive = (file: string) => file.startsWith('_feedwright/archives/');

  it('serves them as written', async () => {
    const app = appFor(await loadPublication(assetsOf(() => undefined)));
    const page = await app.request('/archive/1/feed.xml');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<fh:archive/>');
  });

  it('answers 404 for a page whose asset is not there', async () => {
    const app = appFor(await loadPublication(assetsOf((file) => (isArchive(file) ? 404 : undefined))));
    expect((await app.request('/archive/1/feed.xml')).status).toBe(404);
    expect(await (await app.request('/health')).json()).not.toHaveProperty('failures');
  });

  it('answers 500, logs it and says so on /health when an asset fails otherwise', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = appFor(await loadPublication(assetsOf((file) => (isArchive(file) ? 503 : undefined))));
    const page = await app.request('/archive/1/feed.xml');
    expect([page.status, await page.text()]).toEqual([500, 'Internal error\n']);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/GET \/archive\/1\/feed\.xml: .*503/));
    const health = await (await app.request('/health')).json();
    expect(health).toMatchObject({
      runtime: 'workers',
      failures: {
        count: 1,
        last: { request: 'GET /archive/1/feed.xml', error: expect.stringMatching(/503/) },
      },
    });
  });
});
