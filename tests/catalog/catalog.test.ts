import { describe, expect, it } from 'vitest';
import { catalogOptions, showablePaths } from '../../src/catalog/catalog.ts';
import { configGroupings, SITE_SCOPE, scopePath } from '../../src/catalog/scope.ts';
import { findTerm, type Term } from '../../src/catalog/terms.ts';
import { article, catalogOf, md, NOW, testConfig } from '../helpers.ts';

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('publish rules at a fixed clock', () => {
  const files = {
    'posts/live.md': md({ title: 'live', date: iso(NOW - day) }),
    'posts/draft.md': md({ title: 'draft', date: iso(NOW - day), draft: true }),
    'posts/future.md': md({ title: 'future', date: iso(NOW + day) }),
    'posts/scheduled.md': md({
      title: 'scheduled',
      date: iso(NOW - 2 * day),
      publishDate: iso(NOW + 2 * day),
    }),
    'posts/expired.md': md({ title: 'expired', date: iso(NOW - 3 * day), expiryDate: iso(NOW - 1000) }),
    'posts/expiring.md': md({ title: 'expiring', date: iso(NOW - 3 * day), expiryDate: iso(NOW + 3 * day) }),
  };

  it('publishes what is not a draft, is due and has not expired', () => {
    expect(catalogOf(files).articles.map((a) => a.title)).toEqual(['live', 'expiring']);
  });

  it('knows when the next scheduled change happens', () => {
    expect(catalogOf(files).nextChange).toBe(NOW + day);
  });

  it('lets time pass: later, the future post is in and the expiring one out', () => {
    expect(catalogOf(files, NOW + 4 * day).articles.map((a) => a.title)).toEqual([
      'future',
      'live',
      'scheduled',
    ]);
  });

  it('orders newest first, ties by path', () => {
    const catalog = catalogOf({
      'posts/b.md': md({ title: 'b', date: '2025-01-01' }),
      'posts/a.md': md({ title: 'a', date: '2025-01-01' }),
      'posts/c.md': md({ title: 'c', date: '2025-02-01' }),
    });
    expect(catalog.articles.map((a) => a.title)).toEqual(['c', 'a', 'b']);
  });
});

describe('unique permalinks and ids', () => {
  it('never invents a link: two articles at one URL keep it, the newer gets an id of its own', () => {
    const catalog = catalogOf({
      'posts/one/x.md': md({ title: 'old', date: '2025-01-01' }),
      'notes/x.md': md({ title: 'new', date: '2025-02-01' }),
    });
    expect(catalog.articles.map((a) => [a.title, a.permalink, a.id])).toEqual([
      ['new', 'https://feedwright.dev/posts/x/', 'https://feedwright.dev/posts/x/#2'],
      ['old', 'https://feedwright.dev/posts/x/', 'https://feedwright.dev/posts/x/'],
    ]);
    expect(catalog.problems).toEqual([
      expect.objectContaining({
        path: 'notes/x.md',
        severity: 'warning',
        message: expect.stringMatching(/also that of posts\/one\/x\.md.*#2/),
      }),
    ]);
  });

  it('never merges two articles that set the same id', () => {
    const catalog = catalogOf({
      'posts/a.md': md({ title: 'a', date: '2025-01-01', id: 'same' }),
      'posts/b.md': md({ title: 'b', date: '2025-02-01', id: 'same' }),
    });
    expect(catalog.articles.map((a) => a.id).sort()).toEqual(['same', 'same-2']);
    expect(catalog.problems[0]?.message).toMatch(/id "same" is taken/);
  });
});

describe('taxonomies', () => {
  const catalog = catalogOf({
    'posts/a.md': md({ title: 'a', date: '2025-01-01', tags: ['Go', 'C++', 'Open Source', 'a/b'] }),
    'posts/b.md': md({ title: 'b', date: '2025-01-02', tags: ['go', 'C#', 'open   source', 'Hello, World'] }),
    'posts/c.md': md({
      title: 'c',
      date: '2025-01-03',
      tags: ['GO', 'hello world', '开源'],
      categories: 'Notes',
    }),
  });
  const tags: ReadonlyMap<string, Term> = catalog.terms.tags ?? new Map();

  it('folds tags that differ only in case or spacing into one, named by the most used spelling', () => {
    expect(tags.get('go')?.articles.map((a) => a.title)).toEqual(['c', 'b', 'a']);
    expect(tags.get('open-source')?.articles).toHaveLength(2);
  });

  it('makes spellings that urlize alike one term, as Hugo does: no made-up `-2` URL', () => {
    expect(tags.get('c++')?.name).toBe('C++');
    expect(tags.get('c#')?.name).toBe('C#');
    expect(tags.get('hello-world')?.articles).toHaveLength(2);
    expect(tags.has('hello-world-2')).toBe(false);
    expect(new Set([...tags.values()].map((t) => t.slug)).size).toBe(tags.size);
  });

  it('keeps a tag holding / reachable, and finds terms raw, encoded or in any case', () => {
    expect(scopePath({ kind: 'tags', slug: 'a/b' })).toBe('tags/a/b/');
    expect(findTerm(catalog.terms, 'tags', 'A/B')?.name).toBe('a/b');
    expect(scopePath(findTerm(catalog.terms, 'tags', '开源') ?? SITE_SCOPE)).toBe('tags/%E5%BC%80%E6%BA%90/');
    expect(findTerm(catalog.terms, 'tags', 'OPEN SOURCE')?.slug).toBe('open-source');
    expect(findTerm(catalog.terms, 'categories', 'notes')?.name).toBe('Notes');
    expect(findTerm(catalog.terms, 'tags', 'missing')).toBeUndefined();
  });
});

describe('translations', () => {
  it('links published articles that share a translationKey, by language', () => {
    const catalog = catalogOf({
      'posts/hello.md': md({ title: 'en', date: '2025-01-01' }),
      'posts/hello.fr.md': md({ title: 'fr', date: '2025-01-01' }),
      'posts/hello.de.md': md({ title: 'de', date: '2025-01-01', draft: true }),
    });
    const en = catalog.articles.find((a) => a.title === 'en');
    expect(en?.translations).toEqual([{ language: 'fr', url: 'https://feedwright.dev/fr/posts/hello/' }]);
  });
});

describe('rendering only what feeds show', () => {
  it('renders bodies for the articles in some feed, not the rest', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++)
      files[`posts/p${i}.md`] = md({
        title: `p${i}`,
        date: iso(NOW - i * day),
        tags: i === 29 ? ['rare'] : [],
      });
    const catalog = catalogOf(files, NOW, testConfig({ itemLimit: 5 }));
    expect([...(catalog.bodies as Map<string, unknown>).keys()].sort()).toEqual([
      'posts/p0.md',
      'posts/p1.md',
      'posts/p2.md',
      'posts/p29.md',
      'posts/p3.md',
      'posts/p4.md',
    ]);
  });
});

describe('an article whose body cannot be rendered', () => {
  it('is left out with an error naming its file, and the next article takes its place', async () => {
    const { buildCatalog } = await import('../../src/catalog/catalog.ts');
    const { renderArticleBody } = await import('../../src/content/render/article-body.ts');
    const { read } = await import('../helpers.ts');
    const sources = ['a', 'b', 'c'].map((name, i) => {
      const result = read(md({ title: name, date: `2025-01-0${i + 1}` }), `posts/${name}.md`);
      if (!result.ok) throw new Error('unreadable');
      return result.article;
    });
    const config = testConfig({ itemLimit: 2 });
    const catalog = buildCatalog(sources, [], {
      now: NOW,
      itemLimits: config.itemLimit,
      groupings: configGroupings(config),
      renderBody: (article) => {
        if (article.head.path === 'posts/c.md') throw new Error('disk went away');
        return renderArticleBody(article);
      },
    });
    expect(catalog.articles.map((a) => a.title)).toEqual(['b', 'a']);
    expect(catalog.bodies.get('posts/a.md')).toBeDefined();
    expect(catalog.problems).toEqual([
      expect.objectContaining({
        path: 'posts/c.md',
        severity: 'error',
        message: 'cannot render the article body: disk went away',
      }),
    ]);
  });
});

describe('a taxonomy named like a grouping of its own (a Hugo site with an authors taxonomy)', () => {
  it('is that kind of feed, once', () => {
    const config = testConfig({ taxonomies: ['tags', 'authors'] });
    const authors = configGroupings(config).filter((grouping) => grouping.name === 'authors');
    expect(authors).toHaveLength(1);
    expect(authors[0]?.taxonomy).toBe(true);
  });
});

describe('what feeds can show from now on (the bodies the Worker holds)', () => {
  const config = testConfig({ itemLimit: 2 });
  const sources = (files: Record<string, string>) =>
    Object.entries(files).map(([path, text]) => article(text, path, config));

  it("stops in each scope after the item limit's worth of articles that stay for good", () => {
    const showable = showablePaths(
      sources({
        'posts/a.md': md({ title: 'a', date: iso(NOW - day), tags: ['t'] }),
        'posts/b.md': md({ title: 'b', date: iso(NOW - 2 * day) }),
        // Shown in tag t's feed only: the site's has two newer lasting ones.
        'posts/c.md': md({ title: 'c', date: iso(NOW - 3 * day), tags: ['t'] }),
        'posts/d.md': md({ title: 'd', date: iso(NOW - 4 * day) }),
        // Scheduled and expiring ones take a place only for a while: what is behind them counts.
        'posts/soon.md': md({ title: 'soon', date: iso(NOW), publishDate: iso(NOW + day), tags: ['u'] }),
        'posts/going.md': md({
          title: 'going',
          date: iso(NOW - day / 2),
          expiryDate: iso(NOW + day),
          tags: ['u'],
        }),
        'posts/u1.md': md({ title: 'u1', date: iso(NOW - 5 * day), tags: ['u'] }),
        'posts/u2.md': md({ title: 'u2', date: iso(NOW - 6 * day), tags: ['u'] }),
        'posts/u3.md': md({ title: 'u3', date: iso(NOW - 7 * day), tags: ['u'] }),
        // Gone for good, and never published.
        'posts/expired.md': md({ title: 'expired', date: iso(NOW), expiryDate: iso(NOW - 1), tags: ['u'] }),
        'posts/draft.md': md({ title: 'draft', date: iso(NOW), draft: true, tags: ['u'] }),
      }),
      catalogOptions(config, NOW),
    );
    expect([...showable].sort()).toEqual(
      ['a', 'b', 'c', 'going', 'soon', 'u1', 'u2'].map((name) => `posts/${name}.md`),
    );
  });
});
