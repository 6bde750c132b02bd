// Enclosures from front matter, with lengths found on disk, in all three formats.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/feeds/formats.ts';
import { publishContent } from '../../src/node/publication.ts';
import { expectParsersAgree, expectWellFormedXml } from '../helpers.ts';

const content = new URL('../fixtures/podcast-site/content/', import.meta.url).pathname;
const site = await publishContent({ content, siteUrl: 'https://pod.example/', refresh: 'off' });
const text = async (path: string) => new TextDecoder().decode((await site.render(path))?.body);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('enclosures', () => {
  it('are read with lengths from the static folder and the page bundle, and unsafe ones left out', () => {
    const heads = Object.fromEntries(site.catalog.articles.map((h) => [h.title, h.attachments]));
    expect(heads['Episode one']).toEqual([
      { url: 'https://pod.example/audio/one.mp3', type: 'audio/mpeg', length: 12345 },
      {
        url: 'https://cdn.example.net/one-notes.pdf',
        type: 'application/pdf',
        length: 2048,
        title: 'Show notes',
      },
    ]);
    expect(heads['Episode two']).toEqual([
      { url: 'https://pod.example/posts/two/two.m4a', type: 'audio/mp4', length: 777 },
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
      { url: 'https://pod.example/posts/two/two.m4a', length: '777', type: 'audio/mp4' },
      { url: 'https://pod.example/audio/one.mp3', length: '12345', type: 'audio/mpeg' },
    ]);
    const atom = await text('atom.xml');
    expectWellFormedXml(atom);
    const entries = asList(xml.parse(atom).feed.entry);
    const enclosures = asList(entries[1].link).filter((l: { rel: string }) => l.rel === 'enclosure');
    expect(enclosures).toEqual([
      { rel: 'enclosure', href: 'https://pod.example/audio/one.mp3', type: 'audio/mpeg', length: '12345' },
      {
        rel: 'enclosure',
        href: 'https://cdn.example.net/one-notes.pdf',
        type: 'application/pdf',
        length: '2048',
        title: 'Show notes',
      },
    ]);
    const json = JSON.parse(await text('feed.json'));
    expect(json.items[1].attachments).toEqual([
      { url: 'https://pod.example/audio/one.mp3', mime_type: 'audio/mpeg', size_in_bytes: 12345 },
      {
        url: 'https://cdn.example.net/one-notes.pdf',
        mime_type: 'application/pdf',
        title: 'Show notes',
        size_in_bytes: 2048,
      },
    ]);
    expect(FORMATS).toHaveLength(3);
  });
});
