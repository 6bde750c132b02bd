// The lane of ready answers answers exactly as the Hono app does: two real servers over one publication, one
// with the lane and one without, asked the same requests; every status, header and byte must match,
// and the lane must have answered the repeated ones itself.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, listeningPort, type NodeServer } from '../../src/node/listen.ts';
import { nodeApp } from '../../src/node/node-app.ts';
import type { Lane } from '../../src/node/ready-answers.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { testConfig } from '../helpers.ts';

// One item per feed: every feed with more articles has archive pages (RFC 5005).
const config = testConfig({
  hubs: ['https://hub.feedwright.dev/'],
  icon: '/icon.png',
  itemLimit: 1,
  history: 'full',
});
const contentDir = new URL('../fixtures/site/', import.meta.url).pathname;
const publication = await publishFolder(contentDir, config, { log: () => {} });
const { app, lane } = nodeApp(publication, () => ({ ok: true }));
let answeredByLane = 0;
const counted: Lane = (req, res) => {
  const answered = lane(req, res);
  if (answered) answeredByLane++;
  return answered;
};
const servers: NodeServer[] = [
  await listen(app.fetch, 0, '127.0.0.1'),
  await listen(app.fetch, 0, '127.0.0.1', counted),
];
const [plainPort, lanePort] = servers.map((server) => listeningPort(server) as number);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Raw {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Buffer;
}

/** One request as it goes over the wire: raw bytes, headers as sent (less Date, which is the clock's). */
function raw(port: number, method: string, path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const { date: _date, ...rest } = res.headers;
        resolve({ status: res.statusCode ?? 0, headers: rest, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const PATHS = [
  '/feed.xml',
  '/atom.xml',
  '/feed.json',
  '/tags/go/feed.xml',
  '/tags/GO/atom.xml',
  '/tags/%67o/feed.json',
  '/tags/%E5%BC%80%E6%BA%90/feed.json',
  '/tags/c%23/atom.xml',
  '/tags/c++/feed.xml',
  '/categories/code/feed.xml',
  '/feed.xml?utm_source=reader',
  '/archive/1/feed.xml',
  '/archive/2/atom.xml',
  '/tags/go/archive/1/feed.json',
  '/archive/9/feed.xml',
  '/',
  '/index.html',
  '/feeds.opml',
  '/feeds.json',
  '/tags/nope/feed.xml',
  '/favicon.ico',
  '/health',
  '/tags/./go/feed.xml',
  '/tags/%E0%A4%A/feed.xml',
];

// A feed's or page's Last-Modified is the whole second after it is first served (change-times.ts);
// until then the header says the present, which two requests a moment apart could see differ.
for (const path of PATHS) await raw(plainPort as number, 'GET', path, {});
await new Promise((resolve) => setTimeout(resolve, 1_100));

const etag = async (path: string) =>
  String((await raw(plainPort as number, 'GET', path, {})).headers.etag ?? '"none"');

describe('the lane of ready answers', () => {
  it.each(PATHS)('answers %s as the app does, whatever the request says', async (path) => {
    const current = await etag(path);
    const variants: [string, Record<string, string>][] = [
      ['GET', {}],
      ['HEAD', {}],
      ['GET', { 'If-None-Match': current }],
      ['GET', { 'If-None-Match': `"other", W/${current}` }],
      ['GET', { 'If-None-Match': '"other"' }],
      ['GET', { 'If-None-Match': '*' }],
      ['GET', { 'If-Modified-Since': 'Wed, 01 Jan 2031 00:00:00 GMT' }],
      ['GET', { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT', 'If-None-Match': '"other"' }],
      ['GET', { 'Accept-Encoding': 'gzip' }],
      ['GET', { 'Accept-Encoding': 'gzip, deflate, br' }],
      ['GET', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' }],
      ['HEAD', { 'Accept-Encoding': 'br' }],
      ['GET', { 'Accept-Encoding': 'br', 'If-None-Match': current }],
      ['GET', { 'Accept-Encoding': 'br', 'If-None-Match': current.replace(/"$/, '-br"') }],
      ['GET', { 'Accept-Encoding': 'gzip', 'If-None-Match': current.replace(/"$/, '-gzip"') }],
      ['GET', { 'If-None-Match': `${current.replace(/"$/, '-gzip"')}, ${current.replace(/"$/, '-br"')}` }],
      ['GET', { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' }],
      ['GET', { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' }],
      ['GET', { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document', 'Accept-Encoding': 'gzip' }],
      ['POST', {}],
    ];
    for (const [method, headers] of variants) {
      // The first request may go the long way and prepare what the next ones find.
      for (let i = 0; i < 3; i++) {
        const [expected, actual] = await Promise.all([
          raw(plainPort as number, method, path, headers),
          raw(lanePort as number, method, path, headers),
        ]);
        expect({ method, asked: headers, ...actual }).toEqual({ method, asked: headers, ...expected });
      }
    }
  });

  it('has archive pages to compare, none of them immutable', async () => {
    const page = await raw(plainPort as number, 'GET', '/archive/1/feed.xml', {});
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).not.toContain('immutable');
    expect((await raw(plainPort as number, 'GET', '/tags/go/archive/1/feed.json', {})).status).toBe(200);
  });

  it('answered the repeated requests for feeds and pages itself', () => {
    // 19 paths that name a document; most of their variants repeat three times each.
    expect(answeredByLane).toBeGreaterThan(19 * 20);
  });
});
