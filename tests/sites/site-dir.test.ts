import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/site-config.ts';
import { readSiteDir, SiteConfigError } from '../../src/sites/site-dir.ts';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

describe("readSiteDir: a site's own settings as feedwright's config", () => {
  const scratch = mkdtempSync(join(tmpdir(), 'site-dir-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads a Hugo site: URL, languages and their folders, permalinks, taxonomies, limit, dates, feed paths', () => {
    const input = readSiteDir(join(fixtures, 'hugo-site'));
    expect(input).toMatchObject({
      generator: 'hugo',
      siteUrl: 'https://hugo.feedwright.dev/',
      title: 'A Hugo site',
      language: 'en-US',
      timeZone: 'America/Los_Angeles',
      languages: [
        { key: 'en', code: 'en-US' },
        { key: 'fr', code: 'fr-FR' },
      ],
      roots: [
        { dir: 'content/en', language: 'en' },
        { dir: 'content/fr', language: 'fr' },
      ],
      permalinks: { post: '/:year/:month/:day/:slug/', cn: '/:sections/:year/:month/:slug/' },
      permalink: '/:dir/:slugorfilename/',
      taxonomies: ['tags', 'categories', 'series'],
      sections: ['post', 'knitr', 'cn'],
      itemLimit: 50,
    });
    expect(input.dates).toMatchObject({
      date: [':filename', 'date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
    });
    expect(input.feeds).toEqual(
      expect.arrayContaining([
        { scope: 'languages', path: 'feed.xml', format: 'rss', term: 'en' },
        { scope: 'languages', path: '{slug}/feed.xml', format: 'rss', except: ['en'] },
        { scope: 'sections', path: '{slug}/feed.xml', format: 'rss', output: 'rss' },
        { scope: 'series', path: 'series/{slug}/feed.xml', format: 'rss', output: 'rss' },
      ]),
    );
    expect(() => parseConfig(input)).not.toThrow();
  });

  it("reads Hugo's config folder, ugly URLs (unless HTML has noUgly) and Atom output formats", () => {
    const site = join(scratch, 'hugo');
    mkdirSync(join(site, 'config', '_default'), { recursive: true });
    writeFileSync(
      join(site, 'config', '_default', 'hugo.toml'),
      [
        'baseURL = "https://feedwright.dev/"',
        'uglyURLs = true',
        'enableGitInfo = true',
        '[permalinks]',
        '  post = "/:year/:slug"',
        '[mediaTypes."application/atom"]',
        '  suffixes = ["xml"]',
        '[outputFormats.atom]',
        '  mediaType = "application/atom"',
        '  baseName = "feed"',
        '[outputs]',
        '  home = ["html", "atom"]',
        '  term = ["html", "atom"]',
      ].join('\n'),
    );
    writeFileSync(join(site, 'config', '_default', 'params.toml'), 'mainSections = ["post"]\n');
    const input = readSiteDir(site);
    expect(input).toMatchObject({
      permalinks: { post: '/:year/:slug.html' },
      permalink: '/:dir/:slugorfilename.html',
      sections: ['post'],
      feeds: [
        { scope: 'site', path: 'feed.xml', format: 'atom' },
        { scope: 'sections', path: '{slug}/index.xml', format: 'rss' },
        { scope: 'tags', path: 'tags/{slug}.xml', format: 'atom' },
        { scope: 'categories', path: 'categories/{slug}.xml', format: 'atom' },
      ],
    });
    expect(input.dates).toMatchObject({
      lastmod: [':git', 'lastmod', 'modified', 'date', 'publishdate', 'pubdate', 'published'],
    });
  });

  it("reads a Jekyll site: URL, zone, permalink style, jekyll-feed's limit and paths, site variables", () => {
    const input = readSiteDir(join(fixtures, 'jekyll-site'));
    expect(input).toMatchObject({
      generator: 'jekyll',
      siteUrl: 'https://jekyll.feedwright.dev/',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      permalink: '/:categories/:year/:month/:day/:title:output_ext',
      itemLimit: 50,
      author: 'Site Author',
      feeds: [
        { scope: 'site', path: 'feed.xml', format: 'atom' },
        { scope: 'categories', path: 'feed/{name}.xml', format: 'atom', only: ['release'] },
        { scope: 'tags', path: 'feed/by_tag/{name}.xml', format: 'atom', match: '^[A-Za-z0-9_]+$' },
      ],
    });
    expect(input.variables).toMatchObject({ repository: 'example/jekyll-site' });
    expect(() => parseConfig(input)).not.toThrow();
  });

  it('names what it cannot read', () => {
    expect(() => readSiteDir(scratch)).toThrow(SiteConfigError);
    const broken = join(scratch, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'hugo.toml'), 'baseURL = ');
    expect(() => readSiteDir(broken)).toThrow(/cannot read .*hugo\.toml/);
  });
});
