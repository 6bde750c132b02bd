// An Eleventy item as an article: its page and date as Eleventy gives them, tags without the
// collection's own, and the HTML Eleventy rendered only once asked for.
import { describe, expect, it } from 'vitest';
import { type EleventyItem, eleventyArticle } from '../../src/frameworks/eleventy-items.ts';

const item: EleventyItem = {
  url: '/posts/hello/',
  date: new Date('2025-01-02T00:00:00Z'),
  inputPath: './posts/hello.md',
  data: {
    title: 'Hello',
    tags: ['posts', 'Go', 'all'],
    description: 'A & B',
    author: 'Ada <ada@feedwright.dev>',
  },
  get content(): string {
    throw new Error('not rendered yet');
  },
};

describe('eleventyArticle', () => {
  it('reads the page, date and fields, without the body until it is rendered', () => {
    expect(eleventyArticle(item, 'posts', false)).toEqual({
      title: 'Hello',
      path: '/posts/hello/',
      date: new Date('2025-01-02T00:00:00Z'),
      updated: undefined,
      summary: 'A &amp; B',
      tags: ['Go'],
      categories: undefined,
      authors: ['Ada <ada@feedwright.dev>'],
      image: undefined,
      lang: undefined,
      draft: undefined,
      source: 'posts/hello.md',
    });
    expect(() => eleventyArticle(item, 'posts', true)).toThrow('not rendered yet');
  });

  it('takes tags written as one text, and the rendered HTML when there is some', () => {
    const rendered: EleventyItem = {
      url: '/posts/hi/',
      date: new Date('2025-01-02T00:00:00Z'),
      inputPath: './posts/hi.md',
      data: { title: 'T', tags: 'posts' },
      content: '<p>hi</p>',
    };
    expect(eleventyArticle(rendered, 'posts', true)).toMatchObject({ tags: [], html: '<p>hi</p>' });
  });
});
