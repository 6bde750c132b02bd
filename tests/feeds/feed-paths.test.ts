import { describe, expect, it } from 'vitest';
import { SITE_SCOPE } from '../../src/catalog/scope.ts';
import { canonicalPaths, feedPaths } from '../../src/feeds/feed-paths.ts';
import { catalogOf, md, testConfig } from '../helpers.ts';

const config = testConfig({
  feeds: [
    { scope: 'site', path: 'feed.xml', format: 'atom' },
    { scope: 'tags', path: 'feed/by_tag/{name}.xml', format: 'atom', match: '^[A-Za-z0-9_]+$' },
    { scope: 'categories', path: 'feed/{name}.xml', format: 'atom', only: ['release'] },
  ],
});
const catalog = catalogOf(
  {
    'posts/a.md': md({
      title: 'a',
      date: '2025-01-01',
      tags: ['Ruby', 'big things'],
      categories: ['release', 'news'],
    }),
  },
  undefined,
  config,
);

describe('feed paths: one table of routes', () => {
  it("serves a generator's path in its format, and feedwright's own paths where they are free", () => {
    const paths = feedPaths(config);
    expect(paths.resolve(catalog, 'feed.xml')?.format.name).toBe('atom');
    // jekyll-feed's Atom takes feed.xml: the RSS feed is at its format's fallback, rss.xml.
    expect(paths.resolve(catalog, 'rss.xml')?.format.name).toBe('rss');
    expect(paths.resolve(catalog, 'index.xml')).toBeUndefined();
    // One address per feed and format: the Atom feed is jekyll-feed's feed.xml, not also atom.xml.
    expect(paths.resolve(catalog, 'atom.xml')).toBeUndefined();
    expect(canonicalPaths(config, catalog, SITE_SCOPE).map((p) => `${p.format.name} ${p.path}`)).toEqual([
      'rss rss.xml',
      'atom feed.xml',
      'json feed.json',
    ]);
  });

  it('serves term feeds by name, only for the terms a route accepts', () => {
    const paths = feedPaths(config);
    expect(paths.resolve(catalog, 'feed/by_tag/Ruby.xml')?.scope).toEqual({ kind: 'tags', slug: 'ruby' });
    expect(paths.resolve(catalog, 'feed/by_tag/big%20things.xml')).toBeUndefined();
    expect(paths.resolve(catalog, 'feed/release.xml')?.scope).toEqual({
      kind: 'categories',
      slug: 'release',
    });
    expect(paths.resolve(catalog, 'feed/news.xml')).toBeUndefined();
    expect(paths.resolve(catalog, 'tags/big-things/atom.xml')?.scope).toEqual({
      kind: 'tags',
      slug: 'big-things',
    });
    expect(paths.of(catalog, { kind: 'tags', slug: 'ruby' }, 'file').map((p) => p.path)).toContain(
      'feed/by_tag/Ruby.xml',
    );
  });
});
