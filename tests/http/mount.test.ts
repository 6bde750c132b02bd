// The feeds app mounted in someone else's Hono app: `app.route('/feeds', feeds)` answers below the
// mount, a feeds address that does not end where the app is mounted is a clear 500 (never a silent
// 404), and an app that learns its address from the first request starts once, for one mount.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SiteUrl } from '../../src/core/site-url.ts';
import { createApp } from '../../src/http/app.ts';
import { mountedFeedsUrl, mountLearningApp, mountProblem } from '../../src/http/mount.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { testConfig } from '../helpers.ts';

const contentDir = new URL('../fixtures/site/', import.meta.url).pathname;

async function feedsApp(feedsUrl: string) {
  const config = testConfig({ feedsUrl });
  const { publisher, cache } = await publishFolder(contentDir, config, { log: () => {}, warm: false });
  return createApp({ config, catalog: () => publisher.catalog, cache });
}

describe('an app mounted at /feeds', () => {
  it('answers below the mount when the feeds are published there', async () => {
    const app = new Hono().route('/feeds', await feedsApp('https://feedwright.dev/feeds/'));
    const feed = await app.request('/feeds/feed.xml');
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<atom:link href="https://feedwright.dev/feeds/feed.xml" rel="self"');
    expect((await app.request('/feeds/tags/go/atom.xml')).status).toBe(200);
    expect((await app.request('/feeds/health')).status).toBe(200);
    for (const index of ['/feeds/', '/feeds']) {
      const page = await app.request(index);
      expect(page.status, index).toBe(200);
      expect(page.headers.get('content-type'), index).toContain('text/html');
    }
    expect((await app.request('/feeds/nothing.xml')).status).toBe(404);
    expect((await app.request('/feed.xml')).status).toBe(404);
  });

  it('says what is wrong when the feeds are published elsewhere', async () => {
    const app = new Hono().route('/feeds', await feedsApp('https://feedwright.dev/'));
    for (const path of ['/feeds/feed.xml', '/feeds/health', '/feeds/nothing']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(500);
      expect(await response.text(), path).toBe(
        'feedwright is mounted at /feeds, but its feeds are published at https://feedwright.dev/ (feedsUrl): set feedsUrl to https://feedwright.dev/feeds/, or mount it at /\n',
      );
    }
  });

  it('takes a feeds path that ends at the mount (a proxy adds the rest), and a nested mount', async () => {
    const proxied = new Hono().route('/feeds', await feedsApp('https://feedwright.dev/blog/feeds/'));
    expect((await proxied.request('/feeds/feed.xml')).status).toBe(200);
    const nested = new Hono().route(
      '/api',
      new Hono().route('/feeds', await feedsApp('https://feedwright.dev/api/feeds/')),
    );
    expect((await nested.request('/api/feeds/atom.xml')).status).toBe(200);
  });
});

describe('the mount path', () => {
  const site = SiteUrl.parse('https://feedwright.dev/blog/');
  it('gives the feeds an address on the site origin', () => {
    expect(mountedFeedsUrl(site, '')).toBe('https://feedwright.dev/blog/');
    expect(mountedFeedsUrl(site, '/feeds')).toBe('https://feedwright.dev/feeds/');
    expect(mountedFeedsUrl(site, '/blog/feeds')).toBe('https://feedwright.dev/blog/feeds/');
  });
  it('must be where the feeds path ends', () => {
    expect(mountProblem(SiteUrl.parse('https://feedwright.dev/feeds/'), '/feeds')).toBeUndefined();
    expect(mountProblem(SiteUrl.parse('https://feedwright.dev/'), '')).toBeUndefined();
    expect(mountProblem(SiteUrl.parse('https://feedwright.dev/x/feeds/'), '/feeds')).toBeUndefined();
    expect(mountProblem(SiteUrl.parse('https://feedwright.dev/myfeeds/'), '/feeds')).toContain(
      'set feedsUrl to https://feedwright.dev/feeds/, or mount it at /myfeeds',
    );
  });
});

describe('an app that learns where it is mounted', () => {
  it('starts once, for the mount of the first request, and refuses another', async () => {
    const starts: string[] = [];
    const inner = mountLearningApp(async (mount) => {
      starts.push(mount);
      return new Hono().get('*', (c) => c.text(`inner ${c.req.path}`));
    });
    const app = new Hono().route('/feeds', inner).route('/other', inner);
    const [a, b] = await Promise.all([app.request('/feeds/x'), app.request('/feeds/y')]);
    expect([await a.text(), await b.text()]).toEqual(['inner /feeds/x', 'inner /feeds/y']);
    const other = await app.request('/other/x');
    expect(other.status).toBe(500);
    expect(await other.text()).toContain('serves its feeds at /feeds');
    expect(starts).toEqual(['/feeds']);
  });

  it('answers a failed start with its reason, and tries again at the next request', async () => {
    let calls = 0;
    const app = new Hono().route(
      '/feeds',
      mountLearningApp(async () => {
        calls++;
        if (calls === 1) throw new Error('the content folder is gone');
        return new Hono().get('*', (c) => c.text('ok'));
      }),
    );
    const spy = console.error;
    console.error = () => {};
    try {
      const failed = await app.request('/feeds/feed.xml');
      expect(failed.status).toBe(500);
      expect(await failed.text()).toBe('feedwright cannot serve the feeds: the content folder is gone\n');
    } finally {
      console.error = spy;
    }
    expect(await (await app.request('/feeds/feed.xml')).text()).toBe('ok');
    expect(calls).toBe(2);
  });
});
