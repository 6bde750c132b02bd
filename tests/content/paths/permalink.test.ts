// Permalink patterns token by token, as each generator fills them (Hugo's permalinks docs, Jekyll's
// permalink docs and UrlDrop), the paths each cleans, and front matter `url`.
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../src/content/front-matter/fields.ts';
import {
  cleanPath,
  expandPattern,
  jekyllSlugify,
  type PermalinkSubject,
  sitePath,
  urlFieldPermalink,
} from '../../../src/content/paths/permalink.ts';
import { SiteUrl } from '../../../src/core/site-url.ts';

/** `content/cn/kids/2024-03-05-Hello World.md`, dated Tuesday 5 March 2024 (day 65 of a leap year). */
const subject = (fields: Partial<PermalinkSubject> = {}): PermalinkSubject => ({
  parts: {
    section: 'cn',
    dir: 'cn/kids',
    fileName: '2024-03-05-Hello World',
    fileStem: 'Hello World',
    languageSuffix: undefined,
    fileNameDate: '2024-03-05',
    translationStem: 'cn/kids/2024-03-05-Hello World',
  },
  slug: undefined,
  title: 'Hello, World: Part 1',
  sections: 'cn/kids',
  categories: [],
  clock: new Date(Date.UTC(2024, 2, 5, 7, 8, 9)),
  ...fields,
});

const site = SiteUrl.parse('https://feedwright.dev/blog/');

describe('Hugo tokens', () => {
  it.each([
    [':year/:month/:day', '2024/03/05'],
    [':monthname :weekday :weekdayname :yearday', 'March 2 Tuesday 65'],
    [':section/:sections', 'cn/cn/kids'],
    [':title', 'hello-world-part-1'],
    // `:slug` is the title when there is no slug; `:slugorfilename` the file name.
    [':slug', 'hello-world-part-1'],
    [':slugorfilename', '2024-03-05-hello-world'],
    [':filename', '2024-03-05-hello-world'],
  ])('%s → %s', (pattern, path) => {
    expect(expandPattern(pattern, 'hugo', subject())).toBe(path);
  });

  it('takes the front-matter slug for :slug and :slugorfilename', () => {
    const withSlug = subject({ slug: 'My Slug' });
    expect(expandPattern('/:slug/ /:slugorfilename/', 'hugo', withSlug)).toBe('/my-slug/ /my-slug/');
  });

  it('leaves a token it does not know as written', () => {
    expect(expandPattern('/:year/:nope/', 'hugo', subject())).toBe('/2024/:nope/');
  });

  it('cleans the path as MakePathSanitized: lower case, no unsafe characters, the final slash kept', () => {
    expect(cleanPath('hugo', 'Posts/A B!/')).toBe('/posts/a-b/');
    expect(cleanPath('hugo', 'posts/a.html')).toBe('/posts/a.html');
    expect(cleanPath('hugo', '/posts//../a/')).toBe('/posts/a/');
  });
});

describe('Jekyll tokens', () => {
  it.each([
    [':year-:month-:day :hour::minute::second', '2024-03-05 07:08:09'],
    [':i_month/:i_day :short_month :long_month :short_year', '3/5 Mar March 24'],
    [':y_day :week :w_year :w_day :short_day :long_day', '065 10 2024 2 Tue Tuesday'],
    // `:title` keeps case and more punctuation (pretty), `:slug` and `:name` do not (default).
    [':title', 'Hello-World'],
    [':slug', 'hello-world'],
    [':name', '2024-03-05-hello-world'],
    [':output_ext :collection', '.html posts'],
    [':path', 'cn/kids/2024-03-05-Hello World'],
  ])('%s → %s', (pattern, path) => {
    expect(expandPattern(pattern, 'jekyll', subject())).toBe(path);
  });

  it('counts ISO weeks from the week-based year (1 January 2021 is in week 53 of 2020)', () => {
    const newYear = subject({ clock: new Date(Date.UTC(2021, 0, 1)) });
    expect(expandPattern(':w_year-W:week-:w_day', 'jekyll', newYear)).toBe('2020-W53-5');
  });

  it('joins categories lower-cased and once each, and escapes what would end the path', () => {
    const categorized = subject({ categories: ['Release', 'release', 'C#', 'Q?'] });
    expect(expandPattern('/:categories/:title:output_ext', 'jekyll', categorized)).toBe(
      '/release/c%23/q%3F/Hello-World.html',
    );
    expect(expandPattern('/:slugified_categories/', 'jekyll', categorized)).toBe('/release/c/q/');
  });

  it('takes the front-matter slug for :title and :slug', () => {
    const withSlug = subject({ slug: 'My Slug!' });
    expect(expandPattern('/:title/ /:slug/', 'jekyll', withSlug)).toBe('/My-Slug!/ /my-slug/');
  });

  it('cleans the path as sanitize_url: one leading slash, no `..`, no doubled slashes', () => {
    expect(cleanPath('jekyll', '/a//b/')).toBe('/a/b/');
    expect(cleanPath('jekyll', 'a/../b.html')).toBe('/a/b.html');
  });

  it('slugifies as Utils.slugify in default and pretty modes', () => {
    expect(jekyllSlugify('Hello, World! #1', 'default')).toBe('hello-world-1');
    expect(jekyllSlugify('Hello, World! #1', 'pretty')).toBe('hello,-world!-1');
    expect(jekyllSlugify('Hello, World! #1', 'pretty', true)).toBe('Hello,-World!-1');
    expect(jekyllSlugify('  Ünïcödé 开源  ', 'default')).toBe('ünïcödé-开源');
  });
});

describe('feedwright tokens', () => {
  it('slugs from the slug field, else the file stem, else the title, else "article"', () => {
    expect(expandPattern(':section/:slug/', 'feedwright', subject({ slug: 'Mine' }))).toBe('cn/mine/');
    expect(expandPattern(':slug', 'feedwright', subject())).toBe('hello-world');
    const noStem = subject({ parts: { ...subject().parts, fileStem: '!!!' } });
    expect(expandPattern(':slug', 'feedwright', noStem)).toBe('hello-world-part-1');
    expect(expandPattern(':slug', 'feedwright', { ...noStem, title: '???' })).toBe('article');
  });

  it('collapses doubled slashes and leaves the rest as the pattern made it', () => {
    expect(cleanPath('feedwright', 'posts//Hello/')).toBe('posts/Hello/');
  });
});

describe('permalinks on the site', () => {
  it('puts a site path under the site URL, also one that starts with a slash or a colon', () => {
    expect(sitePath(site, '/posts/a/')).toBe('https://feedwright.dev/blog/posts/a/');
    expect(sitePath(site, 'a:b/')).toBe('https://feedwright.dev/blog/a:b/');
  });

  it('takes front matter `url` as a site path, or an http(s) URL as it is', () => {
    expect(urlFieldPermalink(site, '/about/', false)).toBe('https://feedwright.dev/blog/about/');
    expect(urlFieldPermalink(site, 'https://elsewhere.feedwright.dev/x', false)).toBe(
      'https://elsewhere.feedwright.dev/x',
    );
  });

  it('adds the final slash to a `url` naming a folder, where the generator reads it so', () => {
    expect(urlFieldPermalink(site, '/about', true)).toBe('https://feedwright.dev/blog/about/');
    expect(urlFieldPermalink(site, '/about.html', true)).toBe('https://feedwright.dev/blog/about.html');
    expect(urlFieldPermalink(site, '/about', false)).toBe('https://feedwright.dev/blog/about');
  });

  it('refuses a `url` that is another kind of absolute URL', () => {
    expect(() => urlFieldPermalink(site, 'javascript:alert(1)', false)).toThrow(FieldError);
    expect(() => urlFieldPermalink(site, 'data:text/html,x', false)).toThrow(/neither a path nor an http/);
  });
});
