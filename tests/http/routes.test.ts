// Which document a request path names: the pages, every scope's feeds in each format (raw or
// percent-encoded), archive pages, and nothing for what was never published.
import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../../src/http/routes.ts';
import { catalogOf, md, testConfig } from '../helpers.ts';

const config = testConfig({ itemLimit: 1 });
const catalog = catalogOf(
  {
    'posts/a.md': md({ title: 'a', date: '2025-01-01', tags: ['Go', '开源', 'C#'], categories: ['News'] }),
    'posts/b.md': md({ title: 'b', date: '2025-01-02', tags: ['Go'] }),
  },
  undefined,
  config,
);

/** What a path resolves to, in a line: `page index`, `tags/go rss`, `site json archive 1`. */
function route(path: string): string | undefined {
  const found = resolveRoute(config, catalog, path);
  if (!found) return undefined;
  if ('page' in found) return `page ${found.page.name}`;
  const scope = found.scope.kind === 'site' ? 'site' : `${found.scope.kind}/${found.scope.slug}`;
  return `${scope} ${found.format.name}${found.archive === undefined ? '' : ` archive ${found.archive}`}`;
}

describe('routes', () => {
  it.each([
    ['/', 'page index'],
    ['/index.html', 'page index'],
    ['/feeds.opml', 'page opml'],
    ['/feeds.json', 'page feeds'],
  ])('%s is %s', (path, expected) => {
    expect(route(path)).toBe(expected);
  });

  it.each([
    ['/feed.xml', 'site rss'],
    ['/atom.xml', 'site atom'],
    ['/feed.json', 'site json'],
    ['/tags/go/feed.xml', 'tags/go rss'],
    ['/categories/news/atom.xml', 'categories/news atom'],
    ['/posts/feed.json', 'sections/posts json'],
  ])('%s is the feed of %s', (path, expected) => {
    expect(route(path)).toBe(expected);
  });

  it('finds a term whose slug must be escaped, percent-encoded or as a framework decoded it', () => {
    expect(route('/tags/c%23/atom.xml')).toBe('tags/c# atom');
    expect(route('/tags/%E5%BC%80%E6%BA%90/feed.json')).toBe('tags/开源 json');
    expect(route('/tags/开源/feed.json')).toBe('tags/开源 json');
  });

  it('names archive pages under each scope, from page 1', () => {
    expect(route('/archive/1/feed.json')).toBe('site json archive 1');
    expect(route('/tags/go/archive/1/atom.xml')).toBe('tags/go atom archive 1');
    expect(route('/tags/%E5%BC%80%E6%BA%90/archive/2/feed.xml')).toBe('tags/开源 rss archive 2');
    expect(route('/archive/0/feed.json')).toBeUndefined();
    expect(route('/archive/01/feed.json')).toBeUndefined();
    expect(route('/archive/1/index.html')).toBeUndefined();
    expect(route('/tags/rust/archive/1/feed.xml')).toBeUndefined();
  });

  it.each([
    '/rss.xml',
    '/tags/rust/feed.xml',
    '/tags/go/',
    '/tags/go/feed.xml/',
    '/sections/posts/feed.xml',
    '/tags/%E0%A4%A/feed.xml',
    '/feed.xml?x=1',
    '/index.htm',
    '',
  ])('%j names nothing', (path) => {
    expect(route(path)).toBeUndefined();
  });
});
