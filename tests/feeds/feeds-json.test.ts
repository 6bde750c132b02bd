// feeds.json: what a site's templates read to write autodiscovery links on every page.
import { describe, expect, it } from 'vitest';
import { renderFeedsJson } from '../../src/feeds/feeds-json.ts';
import { catalogOf, md, NOW, testConfig } from '../helpers.ts';

const config = testConfig({
  siteUrl: 'https://blog.feedwright.dev/',
  feedsUrl: 'https://feeds.feedwright.dev/',
});
const catalog = catalogOf(
  {
    'posts/a.md': md({ title: 'A', date: '2025-01-01', tags: ['Open Source', 'C#'], categories: ['Notes'] }),
    'posts/b.md': md({ title: 'B', date: '2025-01-02', tags: ['open source'] }),
  },
  NOW,
  config,
);
const feeds = JSON.parse(renderFeedsJson(catalog, config));

describe('feeds.json', () => {
  it('lists every feed by the path of its page, with a link per format on the feeds address', () => {
    expect(Object.keys(feeds.feeds)).toEqual([
      '',
      'tags/open-source/',
      'tags/c%23/',
      'categories/notes/',
      'posts/',
    ]);
    expect(feeds.feeds['tags/open-source/']).toEqual({
      title: 'Test site — Tag: Open Source',
      page: 'https://blog.feedwright.dev/tags/open-source/',
      kind: 'tags',
      name: 'Open Source',
      count: 2,
      links: [
        {
          type: 'application/rss+xml',
          title: 'Test site — Tag: Open Source (RSS)',
          href: 'https://feeds.feedwright.dev/tags/open-source/feed.xml',
        },
        {
          type: 'application/atom+xml',
          title: 'Test site — Tag: Open Source (Atom)',
          href: 'https://feeds.feedwright.dev/tags/open-source/atom.xml',
        },
        {
          type: 'application/feed+json',
          title: 'Test site — Tag: Open Source (JSON Feed)',
          href: 'https://feeds.feedwright.dev/tags/open-source/feed.json',
        },
      ],
    });
  });

  it("finds a term's feeds by the name an article gives it, lower-cased", () => {
    expect(feeds.names).toEqual({
      tags: { 'open source': 'tags/open-source/', 'c#': 'tags/c%23/' },
      categories: { notes: 'categories/notes/' },
      sections: { posts: 'posts/' },
      languages: {},
      authors: {},
    });
  });
});
