// The rules each generator reads content by (src/content/generators.ts), one per defect of issue 9
// that is decided while reading: feedwright's own rules keep every id they ever made.
import { describe, expect, it } from 'vitest';
import { article, md, read, testConfig } from '../helpers.ts';

const hugo = (overrides = {}) =>
  testConfig({ generator: 'hugo', languages: [{ key: 'en', code: 'en-US' }], ...overrides });
const jekyll = (overrides = {}) =>
  testConfig({
    generator: 'jekyll',
    permalink: '/:categories/:year/:month/:day/:title:output_ext',
    taxonomies: [
      { name: 'categories', fields: ['categories', 'category'] },
      { name: 'tags', fields: ['tags', 'tag'] },
    ],
    ...overrides,
  });

describe('Hugo', () => {
  it('gives a url: with no dot and no final slash its slash (1); feedwright keeps it as written', () => {
    const text = md({ title: 't', date: '2018-01-01', url: '/blog/2018/01/Foo' });
    expect(article(text, 'post/a.md', hugo()).head.permalink).toBe(
      'https://feedwright.dev/blog/2018/01/Foo/',
    );
    expect(
      article(md({ title: 't', date: '2018-01-01', url: 'cdn' }), 'post/a.md', hugo()).head.permalink,
    ).toBe('https://feedwright.dev/cdn/');
    expect(
      article(md({ title: 't', date: '2018-01-01', url: '/old/page.html' }), 'post/a.md', hugo()).head
        .permalink,
    ).toBe('https://feedwright.dev/old/page.html');
    expect(article(text, 'post/a.md').head.permalink).toBe('https://feedwright.dev/blog/2018/01/Foo');
  });

  it("reads :year/:month/:day in the date's own offset (2); feedwright and Jekyll in the site's zone", () => {
    const text = md({ title: 't', date: '2026-08-11T00:00:00Z' });
    const zone = { timeZone: 'America/Los_Angeles', permalink: '/:year/:month/:day/:slug/' };
    expect(article(text, 'post/a.md', hugo(zone)).head.permalink).toBe(
      'https://feedwright.dev/2026/08/11/t/',
    );
    expect(article(text, 'post/a.md', testConfig(zone)).head.permalink).toBe(
      'https://feedwright.dev/2026/08/10/a/',
    );
  });

  it('never fails on an impossible file-name date (3)', () => {
    const dates = { dates: { date: [':filename', 'date'] } };
    const result = read(
      md({ title: 'Welcome', date: '2015-03-02' }),
      'post/2015-03-00-welcome.md',
      hugo(dates),
    );
    expect(result.ok).toBe(true);
    const named = article(
      md({ title: 'Named', date: '2019-01-01' }),
      'post/2021-06-04-named.md',
      hugo(dates),
    );
    expect(named.head).toMatchObject({ date: Date.parse('2021-06-04T00:00:00Z') });
    expect(named.head.permalink).toBe('https://feedwright.dev/post/named/');
  });

  it('falls back from :slug to the urlized title (4); feedwright to the file name', () => {
    const text = md({ title: 'The Problem With Disk Encryption', date: '2019-01-10' });
    const pattern = { permalink: '/:year/:month/:slug/' };
    expect(article(text, 'post/problem.md', hugo(pattern)).head.permalink).toBe(
      'https://feedwright.dev/2019/01/the-problem-with-disk-encryption/',
    );
    expect(article(text, 'post/problem.md', testConfig(pattern)).head.permalink).toBe(
      'https://feedwright.dev/2019/01/problem/',
    );
  });

  it("uses Hugo's default path where [permalinks] has no entry, and :sections (11)", () => {
    const config = hugo({ permalinks: { cn: '/:sections/:year/:month/:slug/' } });
    const deep = article(md({ title: 'Showcase', date: '2013-03-11' }), 'knitr/demo/showcase.md', config);
    expect(deep.head.permalink).toBe('https://feedwright.dev/knitr/demo/showcase/');
    const nested = read(md({ title: 'Tale', slug: 'tale', date: '2019-11-01' }), 'cn/kids/tale.md', config);
    expect(nested.ok).toBe(true);
  });

  it('takes a file-name suffix for a language only when the site configures it (12)', () => {
    const text = md({ title: 'Notes', date: '2020-01-01' });
    expect(article(text, 'post/notes.md.md', hugo()).head).toMatchObject({
      language: 'en-US',
      permalink: 'https://feedwright.dev/post/notes.md/',
    });
    // feedwright alone: a suffix is a language when it is one (fr), never when it is not (md)
    expect(article(text, 'posts/notes.md.md').head.language).toBe('en');
    expect(article(text, 'posts/notes.fr.md').head.language).toBe('fr');
  });

  it('publishes a page with an empty date with the zero date and a warning, and ignores an unreadable one', () => {
    const empty = read('---\ntitle: t\ndate: ""\n---\nx', 'post/t.md', hugo());
    expect(empty.ok).toBe(true);
    expect(empty.problems.map((p) => p.message)).toEqual([expect.stringMatching(/zero date/)]);
    const bad = read('---\ntitle: t\ndate: someday\npublishDate: 2020-01-01\n---\nx', 'post/t.md', hugo());
    expect(bad.ok && bad.article.head.date).toBe(Date.parse('2020-01-01T00:00:00Z'));
    expect(read('---\ntitle: t\ndate: someday\n---\nx', 'post/t.md').ok).toBe(false);
  });

  it('leaves pages that are no posts out, without a problem', () => {
    for (const text of [
      md({ title: 't', date: '2020-01-01', feed: false }),
      '---\ntitle: t\ndate: 2020-01-01\n_build:\n  list: never\n---\n',
      '---\ntitle: t\ndate: 2020-01-01\nbuild:\n  list: never\n---\n',
      md({ title: 't', date: '2020-01-01', headless: true }),
    ]) {
      expect(read(text, 'post/t.md', hugo())).toEqual({ ok: false, skipped: true, problems: [] });
    }
    expect(read('---\ntitle: About\n---\nx', 'about.md', hugo({ sections: ['post'] }))).toEqual({
      ok: false,
      skipped: true,
      problems: [],
    });
  });
});

describe('Jekyll', () => {
  it("gives ids as jekyll-feed does: the URL's folder and the slug, no final slash (15)", () => {
    const plain = article(
      '---\ntitle: t\n---\nx',
      '_posts/2020-01-01-plain-post.md',
      jekyll({ permalink: '/:year/:month/:day/:title/' }),
    );
    expect(plain.head).toMatchObject({
      permalink: 'https://feedwright.dev/2020/01/01/plain-post/',
      id: 'https://feedwright.dev/2020/01/01/plain-post',
    });
  });

  it('reads category:, categories as a string and folders (6), with the default permalink', () => {
    const single = article(
      '---\ntitle: t\ncategory: release\n---\nx',
      '_posts/2020-01-06-singular.md',
      jekyll(),
    );
    expect(single.head.terms.categories).toEqual(['release']);
    expect(single.head.permalink).toBe('https://feedwright.dev/release/2020/01/06/singular.html');
    const string = article(
      '---\ntitle: t\ncategories: news release\n---\nx',
      'news/_posts/2020-01-07-s.md',
      jekyll(),
    );
    expect(string.head.terms.categories).toEqual(['news', 'release']);
  });

  it('keeps the case of :title, and a post may set its own permalink', () => {
    const cased = article(
      '---\ntitle: t\n---\nx',
      '_posts/2014-05-31-HFDP-Note4.md',
      jekyll({ permalink: '/:year/:month/:day/:title/' }),
    );
    expect(cased.head.permalink).toBe('https://feedwright.dev/2014/05/31/HFDP-Note4/');
    const own = article(
      '---\ntitle: t\npermalink: /custom/path/\n---\nx',
      '_posts/2020-01-03-overridden.md',
      jekyll(),
    );
    expect(own.head).toMatchObject({
      permalink: 'https://feedwright.dev/custom/path/',
      id: 'https://feedwright.dev/custom/overridden',
    });
  });

  it('reads dates as Ruby does: one-digit days, rolled-over days, words after the time', () => {
    const config = jekyll({ timeZone: 'Asia/Shanghai', permalink: '/:year/:month/:day/:title/' });
    expect(article('---\ntitle: t\n---\nx', '_posts/2015-10-8-short.md', config).head.permalink).toBe(
      'https://feedwright.dev/2015/10/08/short/',
    );
    expect(article('---\ntitle: t\n---\nx', '_posts/2015-02-30-feb.md', config).head.permalink).toBe(
      'https://feedwright.dev/2015/03/02/feb/',
    );
    const odd = article(
      '---\ntitle: t\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nx',
      '_posts/2023-01-29-odd.md',
      config,
    );
    expect(odd.head.date).toBe(Date.parse('2023-01-29T18:30:22+08:00'));
    expect(read('---\ntitle: t\n---\nx', '_posts/2015-03-00-zero.md', config).ok).toBe(false);
  });

  it('smartifies titles as jekyll-feed does (16)', () => {
    expect(
      article('---\ntitle: "It\'s \\"here\\" -- now"\n---\nx', '_posts/2020-01-01-t.md', jekyll()).head.title,
    ).toBe('It’s “here” – now');
  });
});
