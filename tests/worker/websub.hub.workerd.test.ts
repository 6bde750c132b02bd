// The Cron Trigger of a Worker whose config names a WebSub hub: a scheduled post going live is
// announced, feed by feed, to the hub (through Miniflare's outbound service, recorded in Node).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker.ts';

const hubLog = (env as unknown as { HUB_LOG: Fetcher }).HUB_LOG;
const FEEDS = 'https://websub.feedwright.dev/';
const announced = (...paths: string[]) =>
  paths
    .flatMap((path) => ['feed.xml', 'atom.xml', 'feed.json'].map((file) => `${FEEDS}${path}${file}`))
    .map(
      (url) =>
        `POST https://hub.feedwright.dev/publish hub.mode=publish&hub.url=${encodeURIComponent(url)}&hub.topic=${encodeURIComponent(url)}`,
    )
    .sort();

describe('WebSub from the Worker', () => {
  it('announces every feed a scheduled post changes, once each, retrying a refusing hub', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.parse('2031-01-01T00:00:20Z'), cron: '* * * * *' }),
      env as never,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const received = (await (await hubLog.fetch('http://log/')).json()) as string[];
    expect(received.sort()).toEqual(announced('', 'tags/future/', 'categories/plans/', 'posts/'));
  });

  it('announces nothing when nothing is due', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.parse('2027-06-01T00:00:20Z'), cron: '* * * * *' }),
      env as never,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(await (await hubLog.fetch('http://log/')).json()).toEqual([]);
  });
});
