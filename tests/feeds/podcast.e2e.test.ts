// The podcast fixture served on 127.0.0.1 and read by podcast clients nobody here wrote: gpodder
// (Debian's; it subscribes with its own `gpo` and keeps each episode's duration, type and size) and
// Python's feedparser (Debian's /usr/bin/python3), which reads the itunes: and podcast: tags.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/site-config.ts';
import { listeningPort } from '../../src/node/listen.ts';
import { startNodeServer } from '../../src/node/server.ts';

const content = new URL('../fixtures/podcast-site/content/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'feedwright-podcast-'));
const server = await startNodeServer({
  contentDir: content,
  config: parseConfig({
    siteUrl: 'https://pod.feedwright.dev/',
    title: 'The Pod',
    description: 'A show about feeds.',
    image: '/art/show.png',
    author: { name: 'Ada Host', email: 'ada@pod.feedwright.dev' },
    podcast: { categories: ['Technology'], explicit: false, type: 'serial' },
    refresh: 'off',
  }),
  port: 0,
  host: '127.0.0.1',
  log: () => {},
});
const base = `http://127.0.0.1:${listeningPort(server.server)}/`;
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

// Asynchronously: the server answering them runs in this process.
const run = promisify(execFile);
const python = async (script: string, ...args: string[]) =>
  (await run('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' })).stdout;

describe('gpodder', () => {
  it('subscribes to the podcast and lists every episode with its duration, type and size', async () => {
    const env = {
      ...process.env,
      GPODDER_HOME: join(work, 'gpodder'),
      GPODDER_DOWNLOAD_DIR: join(work, 'downloads'),
    };
    const feed = `${base}tags/podcast/feed.xml`;
    const subscribed = await run('gpo', ['subscribe', feed], { env, encoding: 'utf8' });
    expect(subscribed.stdout).toContain(`Successfully added ${feed}`);
    // What gpodder keeps of each episode, from its own database.
    const episodes = JSON.parse(
      await python(
        `import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(json.dumps(db.execute("select title, total_time, mime_type, file_size from episode order by published desc").fetchall()))`,
        join(work, 'gpodder', 'Database'),
      ),
    );
    expect(episodes).toEqual([
      ['Season two, soon', 60, 'audio/mpeg', 480000],
      ['Episode two', 3723, 'audio/mp4', expect.any(Number)],
      ['Episode one', 65, 'audio/mpeg', 65120],
    ]);
  });
});

describe('feedparser', () => {
  it('reads the show and every episode with their itunes_ and podcast_ fields', async () => {
    const parsed = JSON.parse(
      await python(
        `import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
fields = lambda o: {k: o[k] for k in o if k.startswith(('itunes_', 'podcast_'))}
print(json.dumps({'bozo': d.bozo, 'feed': fields(d.feed), 'image': d.feed.get('image'),
  'tags': [t['term'] for t in d.feed.tags if t.get('scheme') == 'http://www.itunes.com/'],
  'entries': [dict(fields(e), title=e.title, image=e.get('image')) for e in d.entries]}))`,
        `${base}tags/podcast/feed.xml`,
      ),
    );
    expect(parsed.bozo).toBe(false);
    expect(parsed.image).toEqual({ href: 'https://pod.feedwright.dev/art/show.png' });
    expect(parsed.tags).toEqual(['Technology']);
    expect(parsed.feed).toMatchObject({
      itunes_type: 'serial',
      podcast_guid: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      podcast_locked: { owner: 'ada@pod.feedwright.dev' },
    });
    expect(parsed.entries).toEqual([
      expect.objectContaining({
        title: 'Season two, soon',
        itunes_duration: '60',
        itunes_season: '2',
        itunes_episodetype: 'trailer',
      }),
      expect.objectContaining({
        title: 'Episode two',
        itunes_duration: '3723',
        itunes_episode: '2',
        itunes_season: '1',
        itunes_episodetype: 'full',
        image: { href: 'https://pod.feedwright.dev/posts/two/cover.png' },
        podcast_person: { href: 'https://grace.feedwright.dev/' },
      }),
      expect.objectContaining({
        title: 'Episode one',
        itunes_duration: '65',
        itunes_episode: '1',
        podcast_chapters: {
          url: 'https://pod.feedwright.dev/chapters/one.json',
          type: 'application/json+chapters',
        },
      }),
    ]);
    // feedparser 6.0 knows Apple's older explicit values only ("yes", "clean"): for the "true" and
    // "false" Apple's guide asks for now, it keeps the field and gives None.
    expect(parsed.entries[0]).toHaveProperty('itunes_explicit', null);
  });
});
