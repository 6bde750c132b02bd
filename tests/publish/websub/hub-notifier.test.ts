// WebSub end to end on Node: a recording hub on 127.0.0.1, a feed app over a real content folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/feeds/formats.ts';
import { type RunningFeedApp, startFeedApp } from '../../../src/node/feed-app.ts';
import { md, testConfig } from '../../helpers.ts';

/** A hub that records every publish notification, answering each request with the next status given. */
class RecordingHub {
  readonly received: { mode: string | null; url: string | null }[] = [];
  statuses: number[] = [];
  readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      // As strict as Flask-WebSub: a form, with hub.mode and hub.topic.
      const form = new URLSearchParams(body);
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded' || !form.get('hub.mode')) {
        response.writeHead(400).end('Missing form argument: hub.mode\n');
        return;
      }
      if (!form.get('hub.topic')) {
        response.writeHead(400).end('Missing form argument: hub.topic\n');
        return;
      }
      const status = this.statuses.shift() ?? 204;
      if (status < 300) this.received.push({ mode: form.get('hub.mode'), url: form.get('hub.topic') });
      response.writeHead(status).end();
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hub`;
  }
  take() {
    return this.received.splice(0).map((r) => `${r.mode} ${r.url}`);
  }
}

const hub = new RecordingHub();
let dir = '';
let cacheDir = '';
let running: RunningFeedApp | undefined;
beforeAll(() => hub.start());
afterAll(() => new Promise<void>((resolve) => hub.server.close(() => resolve())));
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const FEEDS = 'https://feeds.feedwright.dev/';
const config = () => testConfig({ feedsUrl: FEEDS, hubs: [hub.url], refresh: 'off', itemLimit: 10 });

function write(name: string, fields: Record<string, unknown>) {
  writeFileSync(join(dir, `${name}.md`), md({ title: name, ...fields }));
}

/** The instant the app publishes at: a test moves it on instead of waiting. */
let clock = Date.now();

async function start() {
  running = await startFeedApp({
    contentDir: dir,
    config: config(),
    cacheDir,
    log: () => {},
    hubs: { retryDelayMs: 20, log: () => {} },
    now: () => clock,
  });
  await running.announcer?.idle();
  return running;
}

/** Every format of each scope path, as publish notifications. */
const published = (...paths: string[]) =>
  paths.flatMap((path) => FORMATS.map((f) => `publish ${FEEDS}${path}${f.file}`)).sort();

describe('WebSub publishing', () => {
  it('tells the hub exactly which feeds changed, once each, and nothing on a first start', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-websub-cache-'));
    write('a', { date: '2025-01-01', tags: ['alpha'], categories: ['one'] });
    write('b', { date: '2025-01-02', tags: ['beta'], categories: ['two'] });
    const app = await start();
    expect(hub.take()).toEqual([]);

    write('a', { date: '2025-01-01', tags: ['alpha'], categories: ['one'], summary: 'edited' });
    await app.run();
    await app.announcer?.idle();
    expect(hub.take().sort()).toEqual(published('', 'tags/alpha/', 'categories/one/'));

    // Nothing changed: nothing is announced.
    await app.run();
    await app.announcer?.idle();
    expect(hub.take()).toEqual([]);
  });

  it('announces after a restart what changed while the server was down', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-websub-cache-'));
    write('a', { date: '2025-01-01', tags: ['alpha'] });
    await (await start()).close();
    write('b', { date: '2025-01-02', tags: ['beta'] });
    await start();
    expect(hub.take().sort()).toEqual(published('', 'tags/beta/'));
  });

  it('announces a scheduled post when it goes live', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-websub-cache-'));
    write('a', { date: '2025-01-01', tags: ['alpha'] });
    clock = Date.now();
    const soon = new Date(clock + 60_000).toISOString();
    write('later', { date: '2025-01-02', publishDate: soon, tags: ['gamma'] });
    const app = await start();
    expect(hub.take()).toEqual([]);
    // Nothing is announced before the post is due, and it is once it is.
    await app.run();
    await app.announcer?.idle();
    expect(hub.take()).toEqual([]);
    clock += 61_000;
    await app.run();
    await app.announcer?.idle();
    expect(hub.take().sort()).toEqual(published('', 'tags/gamma/'));
  });

  it('retries a hub that fails, and reports it on /health', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-websub-cache-'));
    write('a', { date: '2025-01-01' });
    const app = await start();
    hub.statuses = [503, 500];
    write('a', { date: '2025-01-01', summary: 'edited' });
    await app.run();
    await app.announcer?.idle();
    expect(hub.take().sort()).toEqual(published(''));
    const health = await (await app.app.request('/health')).json();
    expect(health.websub).toEqual([
      expect.objectContaining({
        hub: hub.url,
        delivered: 3,
        refused: 0,
        pending: 0,
        lastFailure: expect.anything(),
      }),
    ]);
  });

  it('names the hubs in every feed and in a Link header', async () => {
    dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-websub-cache-'));
    write('a', { date: '2025-01-01', tags: ['alpha'] });
    const { app } = await start();
    const rss = await app.request('/tags/alpha/feed.xml');
    expect(rss.headers.get('link')).toBe(
      `<${hub.url}>; rel="hub", <${FEEDS}tags/alpha/feed.xml>; rel="self"`,
    );
    expect(await rss.text()).toContain(`<atom:link href="${hub.url}" rel="hub"/>`);
    expect(await (await app.request('/atom.xml')).text()).toContain(`<link rel="hub" href="${hub.url}"/>`);
    expect((await (await app.request('/feed.json')).json()).hubs).toEqual([{ type: 'WebSub', url: hub.url }]);
    // Pages are no topics.
    expect((await app.request('/feeds.opml')).headers.get('link')).toBeNull();
  });
});
