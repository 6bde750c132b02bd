// How pings reach hubs, against real HTTP servers on 127.0.0.1 as strict as Flask-WebSub: both
// hub.url and hub.topic; a 4xx is final for that ping (logged once, on /health) and delays no
// other; a 5xx, no connection or no answer is retried; a redirect is not followed; what a hub took
// is recorded when it took it, so a restart sends what a hub that was down is still owed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFeedApp } from '../../../src/node/feed-app.ts';
import { HubNotifier, publishPingBody } from '../../../src/publish/websub/hub-notifier.ts';
import { md, testConfig } from '../../helpers.ts';

type Answer = (form: URLSearchParams, response: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 answering each request with `answer`, recording what it was sent. */
class Endpoint {
  readonly received: { topic: string | null; url: string | null; at: number }[] = [];
  readonly sockets = new Set<import('node:net').Socket>();
  readonly server: Server;
  url = '';
  constructor(public answer: Answer) {
    this.server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        const form = new URLSearchParams(body);
        if (request.headers['content-type'] !== 'application/x-www-form-urlencoded' || !form.get('hub.mode'))
          return void response.writeHead(400).end('Missing form argument: hub.mode\n');
        if (!form.get('hub.topic'))
          return void response.writeHead(400).end('Missing form argument: hub.topic\n');
        this.received.push({ topic: form.get('hub.topic'), url: form.get('hub.url'), at: Date.now() });
        this.answer(form, response);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hub`;
    return this;
  }
  stop() {
    for (const socket of this.sockets) socket.destroy();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const endpoints: Endpoint[] = [];
const endpoint = async (answer: Answer) => {
  const e = await new Endpoint(answer).start();
  endpoints.push(e);
  return e;
};
afterAll(() => Promise.all(endpoints.map((e) => e.stop())));

describe('publish pings', () => {
  it('carry the feed as both hub.url and hub.topic', () => {
    const form = new URLSearchParams(publishPingBody('https://feedwright.dev/tags/go/feed.xml'));
    expect([...form]).toEqual([
      ['hub.mode', 'publish'],
      ['hub.url', 'https://feedwright.dev/tags/go/feed.xml'],
      ['hub.topic', 'https://feedwright.dev/tags/go/feed.xml'],
    ]);
  });

  it('a 400 for one feed is final, logged once, on health, and delays no other feed', async () => {
    const refused = 'https://feedwright.dev/tags/bad/feed.xml';
    const hub = await endpoint((form, response) => {
      if (form.get('hub.topic') === refused) response.writeHead(400).end('Topic not allowed\n');
      else response.writeHead(202).end();
    });
    const log: string[] = [];
    // Retries an hour apart: a feed that had to wait for a retry would not be delivered in this test.
    const notifier = new HubNotifier([hub.url], {
      retryDelayMs: 3_600_000,
      concurrency: 1,
      log: (l) => log.push(l),
    });
    const others = Array.from({ length: 8 }, (_, i) => `https://feedwright.dev/tags/t${i}/feed.xml`);
    notifier.notify([refused, ...others]);
    await notifier.idle();
    expect(hub.received.map((r) => r.topic)).toEqual([refused, ...others]);
    expect(log).toEqual([
      `[feedwright] WebSub: ${hub.url} refused ${refused}: 400 Topic not allowed (not retried)`,
    ]);
    expect(notifier.health()).toEqual([
      expect.objectContaining({
        delivered: 8,
        refused: 1,
        pending: 0,
        lastRefused: expect.objectContaining({ topic: refused, error: '400 Topic not allowed' }),
      }),
    ]);
  });

  it('a 5xx or no connection is retried; a feed failing does not hold the others back', async () => {
    let failing = 2;
    const hub = await endpoint((form, response) => {
      if (form.get('hub.topic')?.endsWith('/flaky.xml') && failing-- > 0)
        response.writeHead(503).end('busy\n');
      else response.writeHead(204).end();
    });
    const notifier = new HubNotifier([hub.url], { retryDelayMs: 200, concurrency: 1, log: () => {} });
    notifier.notify([
      'https://feedwright.dev/flaky.xml',
      'https://feedwright.dev/a.xml',
      'https://feedwright.dev/b.xml',
    ]);
    await notifier.idle();
    const topics = hub.received.map((r) => r.topic?.replace('https://feedwright.dev/', ''));
    // The other feeds went out while the flaky one waited for its retries.
    expect(topics).toEqual(['flaky.xml', 'a.xml', 'b.xml', 'flaky.xml', 'flaky.xml']);
    expect(notifier.health()[0]).toMatchObject({
      delivered: 3,
      refused: 0,
      pending: 0,
      lastFailure: { error: '503 busy' },
    });

    const nobody = await endpoint(() => {});
    await nobody.stop();
    const down = new HubNotifier([nobody.url], { attempts: 2, retryDelayMs: 10, log: () => {} });
    down.notify(['https://feedwright.dev/c.xml']);
    await down.idle();
    expect(down.health()[0]).toMatchObject({
      delivered: 0,
      pending: 0,
      lastFailure: { error: expect.any(String) },
    });
  });

  it('a hub that never answers times out, is reported, and never holds another hub', async () => {
    const silent = await endpoint(() => {});
    const ok = await endpoint((_form, response) => response.writeHead(204).end());
    const notifier = new HubNotifier([silent.url, ok.url], { timeoutMs: 300, attempts: 1, log: () => {} });
    notifier.notify(['https://feedwright.dev/feed.xml']);
    await notifier.idle();
    const [stuck, fine] = notifier.health();
    expect(stuck).toMatchObject({
      delivered: 0,
      pending: 0,
      lastFailure: { error: 'no answer within 300 ms' },
    });
    expect(fine).toMatchObject({ delivered: 1 });
    // The other hub took its ping before the silent one's timed out.
    expect(Date.parse(fine?.lastDelivered ?? '')).toBeLessThan(Date.parse(stuck?.lastFailure?.at ?? ''));
  });

  it('a redirect is not followed: nothing reaches where it points', async () => {
    const internal = await endpoint((_form, response) => response.writeHead(204).end());
    for (const status of [301, 307]) {
      const hub = await endpoint((_form, response) =>
        response.writeHead(status, { Location: internal.url }).end(),
      );
      const notifier = new HubNotifier([hub.url], { log: () => {} });
      notifier.notify(['https://feedwright.dev/feed.xml']);
      await notifier.idle();
      expect(notifier.health()[0]).toMatchObject({
        delivered: 0,
        refused: 1,
        lastRefused: { error: `${status} redirect to ${internal.url}, not followed` },
      });
    }
    expect(internal.received).toEqual([]);
  });
});

describe('what a hub was told survives a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-websub-restart-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pings a hub could not take are sent after a restart, and only those', async () => {
    let up = false;
    const hub = await endpoint((_form, response) => response.writeHead(up ? 204 : 503).end());
    const content = join(dir, 'content');
    const cacheDir = join(dir, 'cache');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, 'a.md'), md({ title: 'a', date: '2025-01-01', tags: ['x'] }));
    writeFileSync(join(content, 'b.md'), md({ title: 'b', date: '2025-01-02', tags: ['y'] }));
    const config = testConfig({ feedsUrl: 'https://feeds.feedwright.dev/', hubs: [hub.url], refresh: 'off' });
    const options = {
      contentDir: content,
      config,
      cacheDir,
      log: () => {},
      hubs: { attempts: 2, retryDelayMs: 10, log: () => {} },
    };
    const first = await startFeedApp(options);
    await first.announcer?.idle();
    writeFileSync(
      join(content, 'a.md'),
      md({ title: 'a', date: '2025-01-01', tags: ['x'], summary: 'edited' }),
    );
    await first.run();
    await first.announcer?.idle();
    // The hub was down for every attempt: nothing was taken, and it says so.
    expect(first.announcer?.health()[0]).toMatchObject({ delivered: 0, pending: 0 });
    await first.close();

    up = true;
    hub.received.length = 0;
    const second = await startFeedApp(options);
    await second.announcer?.idle();
    const owed = hub.received.map((r) => r.topic).sort();
    expect(owed).toEqual(
      ['', 'tags/x/']
        .flatMap((p) =>
          ['atom.xml', 'feed.json', 'feed.xml'].map((f) => `https://feeds.feedwright.dev/${p}${f}`),
        )
        .sort(),
    );
    await second.close();

    // Taken now, and recorded: a third start owes nothing.
    hub.received.length = 0;
    const third = await startFeedApp(options);
    await third.announcer?.idle();
    expect(hub.received).toEqual([]);
    await third.close();
  });
});
