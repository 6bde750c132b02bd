// A podcast (tests/fixtures/podcast-site with the `podcast` setting): its RSS feeds that hold episodes
// carry every tag Apple Podcasts requires and recommends of a show and of an episode, and the
// Podcasting 2.0 tags podcast apps read; a feed without episodes carries none; Atom and JSON Feed
// carry what their formats can; the browser view plays each episode.
import { execFileSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderArticleBody, renderArticleSummary } from '../../src/content/render/article-body.ts';
import { bodyContext } from '../../src/content/render/body-context.ts';
import { uuidV5 } from '../../src/core/uuid.ts';
import { publicationApp } from '../../src/http/publication-app.ts';
import { publishContent } from '../../src/node/publication.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { workerAssets } from '../../src/publish/worker-format/worker-assets.ts';
import { ContentScanner } from '../../src/source/content-scanner.ts';
import type { Assets } from '../../src/worker/assets.ts';
import { loadPublication } from '../../src/worker/edge-publication.ts';
import { appFor } from '../../src/worker/publication-app.ts';
import { article, expectParsersAgree, expectWellFormedXml, md, NOW, read, testConfig } from '../helpers.ts';

const content = new URL('../fixtures/podcast-site/content/', import.meta.url).pathname;
const GUID = '3f2c7d1e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
const site = await publishContent({
  content,
  siteUrl: 'https://pod.feedwright.dev/',
  title: 'The Pod',
  description: 'A show about feeds, and how they reach their listeners.',
  image: '/art/show.png',
  author: { name: 'Ada Host', email: 'ada@pod.feedwright.dev', url: 'https://pod.feedwright.dev/about/' },
  podcast: {
    categories: ['Technology', 'Society & Culture/Documentary'],
    explicit: false,
    guid: GUID,
    locked: true,
    funding: [{ url: 'https://pod.feedwright.dev/support', text: 'Support the show' }],
  },
  refresh: 'off',
});
const text = async (path: string) => {
  const document = await site.render(path);
  if (!document) throw new Error(`no document at ${path}`);
  return new TextDecoder().decode(document.body);
};
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
type Node = Record<string, unknown>;
const channelOf = (rss: string) => (xml.parse(rss) as { rss: { channel: Node } }).rss.channel;
const itemsOf = (channel: Node) => asList(channel.item as Node | Node[]);
const byTitle = (items: Node[], title: string) => items.find((item) => item.title === title) as Node;

/** Apple Podcasts' required and recommended show tags (podcasters.apple.com: "A podcaster's guide to RSS"). */
const APPLE_SHOW = [
  'title',
  'description',
  'itunes:image',
  'language',
  'itunes:category',
  'itunes:explicit',
  'itunes:author',
  'link',
  'itunes:owner',
];
/** Required and recommended episode tags, and the situational ones an episode says. */
const APPLE_EPISODE = [
  'title',
  'enclosure',
  'guid',
  'pubDate',
  'description',
  'itunes:duration',
  'link',
  'itunes:image',
  'itunes:explicit',
  'itunes:episodeType',
];
const PODCASTING_2 = ['podcast:guid', 'podcast:locked', 'podcast:funding', 'podcast:person'];

describe('a podcast feed', () => {
  it('carries every show tag Apple requires and recommends, and the Podcasting 2.0 ones', async () => {
    for (const path of ['feed.xml', 'tags/podcast/feed.xml', 'episodes/feed.xml']) {
      const rss = await text(path);
      expectWellFormedXml(rss);
      await expectParsersAgree(rss);
      const channel = channelOf(rss);
      for (const name of [...APPLE_SHOW, ...PODCASTING_2])
        expect(channel[name], `${path} ${name}`).toBeDefined();
      expect(channel['itunes:image']).toEqual({ '@href': 'https://pod.feedwright.dev/art/show.png' });
      expect(channel['itunes:category']).toEqual([
        { '@text': 'Technology' },
        { '@text': 'Society & Culture', 'itunes:category': { '@text': 'Documentary' } },
      ]);
      expect(channel['itunes:explicit']).toBe('false');
      expect(channel['itunes:author']).toBe('Ada Host');
      expect(channel['itunes:owner']).toEqual({
        'itunes:name': 'Ada Host',
        'itunes:email': 'ada@pod.feedwright.dev',
      });
      expect(channel['itunes:type']).toBe('episodic');
      expect(channel['podcast:locked']).toEqual({ '#text': 'yes', '@owner': 'ada@pod.feedwright.dev' });
      expect(channel['podcast:funding']).toEqual({
        '#text': 'Support the show',
        '@url': 'https://pod.feedwright.dev/support',
      });
      expect(channel['podcast:person']).toEqual({
        '#text': 'Ada Host',
        '@href': 'https://pod.feedwright.dev/about/',
      });
    }
  });

  it("says the podcast's guid in the site feed; another feed's is made from its URL, as Podcast Index makes it", async () => {
    expect(channelOf(await text('feed.xml'))['podcast:guid']).toBe(GUID);
    expect(channelOf(await text('tags/podcast/feed.xml'))['podcast:guid']).toBe(
      uuidV5('ead4c236-bf58-58c6-a2c6-a6b28d128cb6', 'pod.feedwright.dev/tags/podcast/feed.xml'),
    );
  });

  it('carries every episode tag Apple requires and recommends, and what each episode says', async () => {
    const items = itemsOf(channelOf(await text('tags/podcast/feed.xml')));
    expect(items.map((item) => item.title)).toEqual(['Season two, soon', 'Episode two', 'Episode one']);
    for (const item of items)
      for (const name of APPLE_EPISODE) expect(item[name], `${item.title} ${name}`).toBeDefined();
    const one = byTitle(items, 'Episode one');
    expect([one['itunes:duration'], one['itunes:episode'], one['itunes:season']]).toEqual(['65', '1', '1']);
    expect(one['itunes:episodeType']).toBe('full');
    expect(one['itunes:image']).toEqual({ '@href': 'https://pod.feedwright.dev/art/show.png' });
    expect(one['podcast:transcript']).toEqual([
      {
        '@url': 'https://pod.feedwright.dev/transcripts/one.vtt',
        '@type': 'text/vtt',
        '@language': 'en',
        '@rel': 'captions',
      },
      { '@url': 'https://cdn.other.feedwright.dev/one.html', '@type': 'text/html' },
    ]);
    expect(one['podcast:chapters']).toEqual({
      '@url': 'https://pod.feedwright.dev/chapters/one.json',
      '@type': 'application/json+chapters',
    });
    const two = byTitle(items, 'Episode two');
    // Its duration read from its M4A; its own artwork, explicit flag and guest.
    expect([two['itunes:duration'], two['itunes:explicit']]).toEqual(['3723', 'true']);
    expect(two['itunes:image']).toEqual({ '@href': 'https://pod.feedwright.dev/posts/two/cover.png' });
    expect(two['podcast:person']).toEqual({
      '#text': 'Grace Guest',
      '@href': 'https://grace.feedwright.dev/',
    });
    const trailer = byTitle(items, 'Season two, soon');
    expect([trailer['itunes:duration'], trailer['itunes:episodeType'], trailer['itunes:season']]).toEqual([
      '60',
      'trailer',
      '2',
    ]);
    expect(trailer['itunes:episode']).toBeUndefined();
  });

  it('leaves a post that is no episode, and a feed without episodes, as any other', async () => {
    const site = itemsOf(channelOf(await text('feed.xml')));
    const post = byTitle(site, 'A new microphone');
    expect(Object.keys(post).filter((name) => /^(itunes|podcast):/.test(name))).toEqual([]);
    const studio = await text('tags/studio/feed.xml');
    expect(studio).not.toMatch(/itunes|podcastindex/);
  });

  it('is valid XML to libxml2 (xmllint)', async () => {
    for (const path of ['feed.xml', 'tags/podcast/feed.xml']) {
      execFileSync('xmllint', ['--noout', '-'], { input: await text(path) });
    }
  });

  it('in JSON Feed, gives each attachment its duration; in Atom, its enclosures', async () => {
    const json = JSON.parse(await text('tags/podcast/feed.json')) as {
      items: { title: string; attachments: { duration_in_seconds?: number }[] }[];
    };
    expect(json.items.map((item) => item.attachments[0]?.duration_in_seconds)).toEqual([60, 3723, 65]);
    const atom = await text('tags/podcast/atom.xml');
    expectWellFormedXml(atom);
    expect(atom.match(/<link rel="enclosure" [^>]*type="audio\/[^>]*>/g)).toEqual([
      '<link rel="enclosure" href="https://cdn.other.feedwright.dev/season-two-trailer.mp3" type="audio/mpeg" length="480000"/>',
      '<link rel="enclosure" href="https://pod.feedwright.dev/posts/two/two.m4a" type="audio/mp4" length="750"/>',
      '<link rel="enclosure" href="https://pod.feedwright.dev/audio/one.mp3" type="audio/mpeg" length="65120"/>',
    ]);
  });

  it('in the browser, lets each episode be played, with its length', async () => {
    const { app } = publicationApp(await publishFolder(content, site.config, { log: () => {} }));
    const view = await app.request('/tags/podcast/feed.xml', {
      headers: { 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' },
    });
    expect(view.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // Its CSP lets the browser's own player load the audio, and nothing run.
    expect(view.headers.get('content-security-policy')).toMatch(/media-src https: http:/);
    const html = await view.text();
    expect(html).toContain(
      '<audio controls preload="none" src="https://pod.feedwright.dev/audio/one.mp3"></audio>',
    );
    expect(html).toContain('(audio/mp4, 1:02:03)');
    expect(html).toContain('(audio/mpeg, 1:05)');
  });
});

describe("an episode's front matter", () => {
  it('reads durations as seconds or h:mm:ss, explicit as podcast themes write it', () => {
    const episode = (fields: Record<string, unknown>) =>
      article(
        md({ title: 'E', date: '2025-01-01', enclosure: 'https://cdn.feedwright.dev/e.mp3', ...fields }),
      );
    expect(episode({ duration: '1:02:03' }).head.attachments[0]?.duration).toBe(3723);
    expect(episode({ duration: 95 }).head.attachments[0]?.duration).toBe(95);
    expect(episode({ duration: '04:05' }).head.attachments[0]?.duration).toBe(245);
    expect(episode({ explicit: 'clean' }).head.episode).toEqual({ explicit: false, transcripts: [] });
    expect(episode({ explicit: 'yes' }).head.episode?.explicit).toBe(true);
    expect(episode({}).head.episode).toBeUndefined();
  });

  it('says, on a podcast, an episode whose length cannot be known (Apple recommends itunes:duration)', () => {
    const podcast = testConfig({
      image: '/art.png',
      podcast: { categories: ['Technology'], explicit: false },
    });
    const remote = md({ title: 'E', date: '2025-01-01', audio: 'https://cdn.feedwright.dev/e.mp3' });
    const said = read(remote, 'posts/e.md', podcast);
    expect(said.problems.map((p) => p.message)).toEqual([
      'how long "https://cdn.feedwright.dev/e.mp3" plays is not known (not an MP3 or M4A in the site): write "duration" (seconds, or h:mm:ss) for podcast apps',
    ]);
    expect(read(remote).problems).toEqual([]);
    const timed = md({
      title: 'E',
      date: '2025-01-01',
      audio: 'https://cdn.feedwright.dev/e.mp3',
      duration: 30,
    });
    expect(read(timed, 'posts/e.md', podcast).problems).toEqual([]);
  });

  it('says what it cannot use, leaves it out, and publishes the episode', () => {
    const result = read(
      md({
        title: 'E',
        date: '2025-01-01',
        enclosure: 'https://cdn.feedwright.dev/e.mp3',
        duration: 'an hour',
        episode: 0,
        episodeType: 'pilot',
        explicit: 'maybe',
        transcript: 'https://cdn.feedwright.dev/e.doc',
        chapters: 'javascript:alert(1)',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.head.attachments[0]?.duration).toBeUndefined();
    expect(result.article.head.episode).toBeUndefined();
    expect(result.problems.map((p) => p.message)).toEqual([
      '"duration" should be seconds or h:mm:ss, not "an hour"; left out',
      '"episode" should be a whole number from 1, not "0"; left out',
      '"episodeType" should be full, trailer or bonus, not "pilot"; left out',
      '"explicit" should be true or false, not "maybe"; left out',
      '"transcript": the type of "https://cdn.feedwright.dev/e.doc" is not known; say it with { url, type }',
      '"chapters": "javascript:alert(1)" is not an http(s) URL; left out',
    ]);
  });
});

describe('a podcast on the Worker', () => {
  it('is served with the bytes Node serves: episodes and durations travel in its assets', async () => {
    const scan = await new ContentScanner(content, site.config).scan();
    const context = bodyContext(site.config, scan.articles);
    const { files } = await workerAssets(
      site.config,
      scan.articles,
      scan.listPages,
      scan.problems,
      {
        body: (source) => renderArticleBody(source, context),
        summary: (source) => renderArticleSummary(source, context),
      },
      NOW,
    );
    const assets: Assets = {
      fetch: async (request) => {
        const asset = files.get(new URL(request.url).pathname.slice(1));
        return asset === undefined ? new Response('missing', { status: 404 }) : new Response(asset);
      },
    };
    const app = appFor(await loadPublication(assets));
    for (const path of [
      'feed.xml',
      'tags/podcast/feed.xml',
      'tags/podcast/feed.json',
      'tags/studio/feed.xml',
    ]) {
      const fromWorker = await app.request(`/${path}`);
      expect(await fromWorker.text(), path).toBe(await text(path));
    }
  });
});
