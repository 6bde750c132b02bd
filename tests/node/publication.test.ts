// The programmatic API: a folder or a Hugo/Jekyll site published in memory, any path rendered.
import { describe, expect, it } from 'vitest';
import { publishContent } from '../../src/node/publication.ts';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

describe('publishContent', () => {
  it("reads a Hugo site by its own settings, with the caller's fields winning", async () => {
    const site = await publishContent({ site: `${fixtures}hugo-site`, title: 'Given title' });
    expect(site.config.title).toBe('Given title');
    // Hugo's set of feeds: the default language's home feed at the top, at the path the site's RSS
    // output format gives it (baseName "feed"); no feed of every language, and no copy at index.xml.
    expect(site.paths).toContain('feed.xml');
    expect(site.paths).not.toContain('index.xml');
    const home = await site.render('/feed.xml');
    expect(home?.contentType).toMatch(/^application\/rss\+xml/);
    expect(new TextDecoder().decode(home?.body)).toContain('<title>Given title</title>');
    expect(new TextDecoder().decode(home?.body)).not.toContain('hugo.feedwright.dev/fr/');
    expect(await site.render('no/such/feed.xml')).toBeUndefined();
  });

  it('refuses a site and a content folder together', async () => {
    await expect(publishContent({ site: `${fixtures}hugo-site`, content: 'content' })).rejects.toThrow(
      /one or the other/,
    );
  });
});
