// Enclosures from front matter, with lengths and durations found on disk, in all three formats.
import { statSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/feeds/formats.ts';
import { publishContent } from '../../src/node/publication.ts';
import { expectParsersAgree, expectWellFormedXml } from '../helpers.ts';

const content = new URL('../fixtures/podcast-site/content/', import.meta.url).pathname;
const site = await publishContent({ content, siteUrl: 'https://pod.feedwright.dev/', refresh: 'off' });
const text = async (path: string) => new TextDecoder().decode((await site.render(path))?.body);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const M4A_BYTES = statSync(`${content}episodes/two/two.m4a`).size;

describe('enclosures', () => {
  it('are read with lengths and durations from the static folder and the page bundle, unsafe ones left out', () => {
    const heads = Object.fromEntries(site.catalog.articles.map((h) => [h.title, h.attachments]));
    // one.mp3: its Info frame counts 903 frames of 72 ms; two.m4a: its mvhd says 3,723 s.
    expect(heads['Episode one']).toEqual([
      { url: 'https://pod.feedwright.dev/audio/one.mp3', type: 'audio/mpeg', length: 65120, duration: 65 },
      {
        url: 'https://cdn.other.feedwright.dev/one-notes.pdf',
        type: 'application/pdf',
        length: 2048,
        title: 'Show notes',
      },
    ]);
    expect(heads['Episode two']).toEqual([
      {
        url: 'https://pod.feedwright.dev/posts/two/two.m4a',
        type: 'audio/mp4',
        length: M4A_BYTES,
        duration: 3723,
      },
    ]);
    // A remote file: its length and duration as front matter writes them.
    expect(heads['Season two, soon']).toEqual([
      {
        url: 'https://cdn.other.feedwright.dev/season-two-trailer.mp3',
        type: 'audio/mpeg',
        length: 480000,
        duration: 60,
      },
    ]);
    expect(site.problems).toContainEqual(
      expect.objectContaining({
        path: 'episodes/two/index.md',
        severity: 'warning',
        message: expect.stringMatching(/"video"/),
      }),
    );
  });

  it('are one RSS enclosure per item, every Atom enclosure link, every JSON Feed attachment', async () => {
    const rss = await text('tags/podcast/feed.xml');
    expectWellFormedXml(rss);
    await expectParsersAgree(rss);
    const items = asList(xml.parse(rss).rss.channel.item);
    expect(items.map((i: { enclosure: unknown }) => i.enclosure)).toEqual([
      {
        url: 'https://cdn.other.feedwright.dev/season-two-trailer.mp3',
        length: '480000',
        type: 'audio/mpeg',
      },
      { url: 'https://pod.feedwright.dev/posts/two/two.m4a', length: String(M4A_BYTES), type: 'audio/mp4' },
      { url: 'https://pod.feedwright.dev/audio/one.mp3', length: '65120', type: 'audio/mpeg' },
    ]);
    // Without the podcast setting, no podcast tags.
    expect(rss).not.toContain('itunes:');
    const atom = await text('atom.xml');
    expectWellFormedXml(atom);
    const entries = asList(xml.parse(atom).feed.entry);
    const one = entries.find((e: { title: unknown }) => JSON.stringify(e.title).includes('Episode one'));
    const enclosures = asList(one.link).filter((l: { rel: string }) => l.rel === 'enclosure');
    expect(enclosures).toEqual([
      {
        rel: 'enclosure',
        href: 'https://pod.feedwright.dev/audio/one.mp3',
        type: 'audio/mpeg',
        length: '65120',
      },
      {
        rel: 'enclosure',
        href: 'https://cdn.other.feedwright.dev/one-notes.pdf',
        type: 'application/pdf',
        length: '2048',
        title: 'Show notes',
      },
    ]);
    const json = JSON.parse(await text('feed.json'));
    const jsonOne = json.items.find((item: { title: string }) => item.title === 'Episode one');
    expect(jsonOne.attachments).toEqual([
      {
        url: 'https://pod.feedwright.dev/audio/one.mp3',
        mime_type: 'audio/mpeg',
        size_in_bytes: 65120,
        duration_in_seconds: 65,
      },
      {
        url: 'https://cdn.other.feedwright.dev/one-notes.pdf',
        mime_type: 'application/pdf',
        title: 'Show notes',
        size_in_bytes: 2048,
      },
    ]);
    expect(FORMATS).toHaveLength(3);
  });
});
