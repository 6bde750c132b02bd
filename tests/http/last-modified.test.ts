// Last-Modified never allows a 304 for bytes a client has not seen: it is when a feed's bytes were
// first served (change-times.ts), not its newest item's date, which an edit without `lastmod`, a
// removed article or a new title leave as they were. It is kept across restarts, so unchanged bytes
// keep their 304s. ETags differ per content coding, and each gets its 304.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publicationApp } from '../../src/http/publication-app.ts';
import { nodeCompressor } from '../../src/node/compress.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { staticHeaders } from '../../src/publish/static/static-headers.ts';
import { md, testConfig } from '../helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'feedwright-last-modified-'));
const content = join(work, 'content');
const cacheDir = join(work, 'cache');
mkdirSync(join(content, 'posts'), { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const config = testConfig();
const T0 = Date.parse('2026-03-01T08:00:00Z');
let clock = T0;
const write = (name: string, body: string) =>
  writeFileSync(join(content, 'posts', name), md({ title: name, date: '2026-02-01', tags: ['go'] }, body));

write('a.md', 'First version of a.');
writeFileSync(
  join(content, 'posts', 'b.md'),
  md({ title: 'b.md', date: '2026-01-01', tags: ['go'] }, 'An older post.'),
);

async function serving() {
  const publication = await publishFolder(content, config, { cacheDir, log: () => {} });
  const { app } = publicationApp(publication, { now: () => clock, compress: nodeCompressor });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  return { publication, get };
}

let site = await serving();

/** A feed's answer a while after it was first served, when its Last-Modified has come. */
async function settled(path: string, headers: Record<string, string> = {}) {
  await site.get(path);
  clock += 5_000;
  return site.get(path, headers);
}

describe('Last-Modified', () => {
  it('is refused by a 200 once an article body changed without lastmod', async () => {
    const before = await settled('/tags/go/feed.xml');
    const lastModified = before.headers.get('last-modified') as string;
    expect(lastModified).not.toBeNull();
    expect((await site.get('/tags/go/feed.xml', { 'If-Modified-Since': lastModified })).status).toBe(304);

    // Same title, same dates, no lastmod: only the body is new.
    write('a.md', 'Second version of a: the body changed, the dates did not.');
    clock += 60_000;
    expect((await site.publication.publisher.run()).ok).toBe(true);
    const after = await site.get('/tags/go/feed.xml', { 'If-Modified-Since': lastModified });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Second version of a');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    clock += 5_000;
    const later = (await site.get('/tags/go/feed.xml')).headers.get('last-modified') as string;
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(lastModified));
    expect((await site.get('/tags/go/feed.xml', { 'If-Modified-Since': later })).status).toBe(304);
  });

  it('is refused by a 200 once an older article is removed (no item date moves)', async () => {
    const before = await settled('/feed.xml');
    const lastModified = before.headers.get('last-modified') as string;
    unlinkSync(join(content, 'posts', 'b.md'));
    clock += 60_000;
    expect((await site.publication.publisher.run()).ok).toBe(true);
    expect((await site.get('/feed.xml', { 'If-Modified-Since': lastModified })).status).toBe(200);
    // The pages beside the feeds too.
    expect((await site.get('/feeds.json', { 'If-Modified-Since': lastModified })).status).toBe(200);
    write('b.md', 'Back again.');
    clock += 60_000;
    expect((await site.publication.publisher.run()).ok).toBe(true);
  });

  it('stays what it was across a restart when the bytes did not change, and moves on when they did', async () => {
    const before = await settled('/tags/go/atom.xml');
    const lastModified = before.headers.get('last-modified') as string;
    const etag = before.headers.get('etag');
    const untouched = (await settled('/feed.json')).headers.get('last-modified') as string;
    await site.publication.save();

    clock += 3_600_000;
    site = await serving();
    const again = await site.get('/tags/go/atom.xml', { 'If-Modified-Since': lastModified });
    expect([again.status, again.headers.get('etag'), again.headers.get('last-modified')]).toEqual([
      304,
      etag,
      lastModified,
    ]);
    expect((await site.get('/feed.json', { 'If-Modified-Since': untouched })).status).toBe(304);

    // Changed while the server was down: the next process has other bytes, and a later date.
    await site.publication.save();
    write('a.md', 'Third version, written while nothing served.');
    clock += 60_000;
    site = await serving();
    const changed = await site.get('/tags/go/atom.xml', { 'If-Modified-Since': lastModified });
    expect(changed.status).toBe(200);
    expect(Date.parse(changed.headers.get('last-modified') as string)).toBeGreaterThanOrEqual(
      Date.parse(lastModified),
    );
  });

  it('is not sent for a browser view or an archive page, whose bytes are not followed', async () => {
    const view = await site.get('/tags/go/feed.xml', {
      'Sec-Fetch-Mode': 'navigate',
      'Sec-Fetch-Dest': 'document',
    });
    expect(view.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(view.headers.get('last-modified')).toBeNull();
    expect(
      (
        await site.get('/tags/go/feed.xml', {
          'Sec-Fetch-Mode': 'navigate',
          'Sec-Fetch-Dest': 'document',
          'If-Modified-Since': new Date(clock).toUTCString(),
        })
      ).status,
    ).toBe(200);
  });

  it('is not claimed by build for static hosts: they date files themselves, when each is written', () => {
    expect(staticHeaders(config)).not.toMatch(/last-modified/i);
  });
});

describe('ETags per content coding', () => {
  it('differ for identity, gzip and br, and each gets its 304', async () => {
    const tags = new Map<string, string>();
    for (const encoding of ['identity', 'gzip', 'br']) {
      const response = await site.get('/tags/go/feed.xml', { 'Accept-Encoding': encoding });
      expect(response.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
      tags.set(encoding, response.headers.get('etag') as string);
    }
    expect(new Set(tags.values()).size).toBe(3);
    for (const [encoding, tag] of tags) {
      const answer = await site.get('/tags/go/feed.xml', {
        'Accept-Encoding': encoding,
        'If-None-Match': tag,
      });
      expect([encoding, answer.status, answer.headers.get('etag')]).toEqual([encoding, 304, tag]);
    }
  });
});
