// An Astro entry as an article: the fields by the names Astro's blog template uses, the body as Astro
// rendered it, and values handed on as they are (publishArticles checks them, naming the file).
import { describe, expect, it } from 'vitest';
import { type AstroEntry, astroArticle, collectionPage } from '../../src/frameworks/astro-entries.ts';
import { publishArticles } from '../../src/node/publication.ts';

const entry = (over: Partial<AstroEntry> = {}): AstroEntry => ({
  id: 'hello',
  collection: 'blog',
  filePath: 'src/content/blog/hello.md',
  body: 'Hello *there*',
  rendered: { html: '<p>Hello <em>there</em></p>' },
  data: {
    title: 'Hello',
    description: 'Cats & dogs',
    pubDate: new Date('2025-01-02T00:00:00Z'),
    updatedDate: new Date('2025-01-05T00:00:00Z'),
    tags: ['Go'],
    heroImage: { src: '/_astro/hero.abc.jpg', width: 10, height: 10, format: 'jpg' },
    author: [{ name: 'Ada', email: 'ada@feedwright.dev' }, { collection: 'people', id: 'bob' }, 'Eve'],
  },
  ...over,
});

describe('astroArticle', () => {
  it('reads the blog template’s fields, with the HTML Astro rendered and the description as text', () => {
    expect(astroArticle(entry(), collectionPage)).toEqual({
      title: 'Hello',
      path: '/blog/hello/',
      date: new Date('2025-01-02T00:00:00Z'),
      updated: new Date('2025-01-05T00:00:00Z'),
      summary: 'Cats &amp; dogs',
      tags: ['Go'],
      categories: undefined,
      // A reference to another collection is no person.
      authors: [{ name: 'Ada', email: 'ada@feedwright.dev' }, 'Eve'],
      image: '/_astro/hero.abc.jpg',
      lang: undefined,
      draft: undefined,
      source: 'src/content/blog/hello.md',
      html: '<p>Hello <em>there</em></p>',
    });
  });

  it('takes the Markdown source when Astro rendered none, and its page from `page`', () => {
    const article = astroArticle(entry({ rendered: undefined }), (e) => `/posts/${e.id}.html`);
    expect(article).toMatchObject({
      path: '/posts/hello.html',
      markdown: 'Hello *there*',
      summary: 'Cats & dogs',
    });
    expect(article).not.toHaveProperty('html');
  });

  it('hands a wrong value on, to be an error naming the entry’s file', async () => {
    const publication = await publishArticles({
      siteUrl: 'https://feedwright.dev/',
      articles: [
        astroArticle(entry({ data: { title: 'T', pubDate: 'soon', tags: 'go' } }), collectionPage),
      ] as never,
    });
    expect(publication.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'src/content/blog/hello.md: "date": "soon" is not a date (expected e.g. 2025-02-12, 2025-02-12 21:32:29 or RFC 3339)',
      'src/content/blog/hello.md: "tags" must be a list of text, got text "go"',
    ]);
  });
});
