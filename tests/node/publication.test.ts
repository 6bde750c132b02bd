// The programmatic API: a folder or a Hugo/Jekyll site published in memory, any path rendered.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContent, publishContent } from '../../src/node/publication.ts';

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

describe('a placeholder site URL (example.org)', () => {
  const work = mkdtempSync(join(tmpdir(), 'feedwright-placeholder-api-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const rule = 'is a placeholder (RFC 2606 reserves it for examples and tests)';
  const site = join(work, 'hugo');
  cpSync(`${fixtures}hugo-site`, site, { recursive: true });
  // The fixture site as `hugo new site` left its URL.
  const config = readFileSync(join(site, 'hugo.toml'), 'utf8');
  writeFileSync(
    join(site, 'hugo.toml'),
    config.replace(/^baseURL = .*$/m, "baseURL = 'http://example.org/'"),
  );

  it("is refused by buildContent, naming the site's file or the option, and nothing is written", async () => {
    const out = join(work, 'out');
    await expect(buildContent({ site, out })).rejects.toThrow(
      `buildContent: hugo.toml: baseURL = 'http://example.org/' ${rule}: every link and id would point at it; set the site's own URL`,
    );
    await expect(
      buildContent({ content: `${fixtures}site`, out, siteUrl: 'https://www.example.com/' }),
    ).rejects.toThrow(`buildContent: siteUrl = 'https://www.example.com/' ${rule}`);
    expect(existsSync(out)).toBe(false);
  });

  it('is published in memory by publishContent, as an unset one is: writing it is the caller’s', async () => {
    const publication = await publishContent({ content: `${fixtures}site`, siteUrl: 'https://example.org/' });
    expect(publication.config.siteUrl.href).toBe('https://example.org/');
  });
});
