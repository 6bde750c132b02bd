// Feeds per section, per language and per author: in every format, listed in the index page, the
// OPML and feeds.json, each folder serving one feed.
import { describe, expect, it } from 'vitest';
import { publishContent } from '../../src/node/publication.ts';
import { expectParsersAgree, expectWellFormedXml } from '../helpers.ts';

const content = new URL('../fixtures/feed-kinds/content/', import.meta.url).pathname;
const site = await publishContent({
  content,
  siteUrl: 'https://kinds.feedwright.dev/',
  title: 'Kinds',
  refresh: 'off',
});
const text = async (path: string) => {
  const document = await site.render(path);
  if (!document) throw new Error(`no document at ${path}`);
  return new TextDecoder().decode(document.body);
};
const titlesOf = async (path: string) =>
  (JSON.parse(await text(path)) as { items: { title: string }[] }).items.map((item) => item.title).sort();

describe('feeds per section, language and author', () => {
  it('gives each section its feed at its folder, in every format', async () => {
    // A section holds its articles in every language (the French translation lives in posts/ too).
    expect(await titlesOf('posts/feed.json')).toEqual(['Bonjour', 'Hello', 'Second']);
    expect(await titlesOf('notes/feed.json')).toEqual(['A note']);
    for (const path of ['posts/feed.xml', 'posts/atom.xml', 'notes/feed.xml']) {
      const xml = await text(path);
      expectWellFormedXml(xml);
      await expectParsersAgree(xml);
    }
  });

  it('gives each language its feed when there are several, with the language', async () => {
    expect(await titlesOf('fr/feed.json')).toEqual(['Bonjour']);
    expect(await titlesOf('en/feed.json')).toEqual([
      'A note',
      'Hello',
      'In a folder named like the tags',
      'Second',
    ]);
    const french = JSON.parse(await text('fr/feed.json'));
    expect([french.language, french.title, french.home_page_url]).toEqual([
      'fr',
      'Kinds (fr)',
      'https://kinds.feedwright.dev/fr/',
    ]);
    expect(await text('fr/atom.xml')).toContain('xml:lang="fr"');
    const single = await publishContent({
      content: `${content}notes`,
      siteUrl: 'https://kinds.feedwright.dev/',
    });
    expect(single.paths.filter((path) => /^(en|fr)\//.test(path))).toEqual([]);
  });

  it('gives each author a feed under authors/, by every article they wrote', async () => {
    expect(await titlesOf('authors/ada-lovelace/feed.json')).toEqual(['Bonjour', 'Hello', 'Second']);
    expect(await titlesOf('authors/grace-hopper/feed.json')).toEqual(['A note', 'Second']);
    expect(JSON.parse(await text('authors/grace-hopper/feed.json')).title).toBe(
      'Kinds — Author: Grace Hopper',
    );
  });

  it('gives a folder to one feed only: a section named tags has none', async () => {
    expect(site.paths).not.toContain('tags/feed.xml');
    expect(await site.render('tags/feed.xml')).toBeUndefined();
    expect(site.problems).toEqual([]);
  });

  it('lists them all in the index page, the OPML and feeds.json', async () => {
    const index = await text('index.html');
    const opml = await text('feeds.opml');
    const feeds = JSON.parse(await text('feeds.json')) as { feeds: Record<string, unknown> };
    for (const folder of [
      'posts/',
      'notes/',
      'fr/',
      'en/',
      'authors/ada-lovelace/',
      'authors/grace-hopper/',
    ]) {
      expect(index, folder).toContain(`href="https://kinds.feedwright.dev/${folder}feed.xml"`);
      expect(opml, folder).toContain(`xmlUrl="https://kinds.feedwright.dev/${folder}feed.xml"`);
      expect(Object.keys(feeds.feeds), folder).toContain(folder);
    }
    expect(index).toContain('<h2>Authors <small>(2)</small></h2>');
  });
});
