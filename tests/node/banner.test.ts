// The start-up banner names the feeds where readers find them: on feedsUrl, not the listen address.
import { describe, expect, it } from 'vitest';
import { servingBanner } from '../../src/node/banner.ts';
import { catalogOf, md, testConfig } from '../helpers.ts';

describe('the serve banner', () => {
  it('gives the listen address, then the public URL of every kind of feed', () => {
    const config = testConfig({ feedsUrl: 'https://feeds.feedwright.dev/blog/' });
    const catalog = catalogOf(
      {
        'posts/a.md': md({ title: 'A', date: '2025-01-01', tags: ['go', 'rust'], categories: ['notes'] }),
        'posts/b.md': md({ title: 'B', date: '2025-01-02', tags: ['go'] }),
      },
      undefined,
      config,
    );
    const lines = servingBanner(config, catalog, { contentDir: 'content', local: 'http://127.0.0.1:8787/' });
    expect(lines[0]).toBe('[feedwright] serving 2 articles from content on http://127.0.0.1:8787/');
    expect(lines).toContain(
      '  The feeds, at their public address (feedsUrl https://feeds.feedwright.dev/blog/):',
    );
    expect(lines).toContain('  RSS        https://feeds.feedwright.dev/blog/feed.xml');
    expect(lines).toContain('  Index      https://feeds.feedwright.dev/blog/');
    expect(lines).toContain('  OPML       https://feeds.feedwright.dev/blog/feeds.opml');
    expect(lines).toContain('  Tags       https://feeds.feedwright.dev/blog/tags/go/feed.xml (and 1 more)');
    expect(lines).toContain('  Categories https://feeds.feedwright.dev/blog/categories/notes/feed.xml');
    expect(lines.at(-1)).toBe('  Health     http://127.0.0.1:8787/health');
  });
});
