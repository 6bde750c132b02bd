import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../src/content/render/article-body.ts';
import { article, md, read, testConfig } from '../helpers.ts';

const seed = readFileSync(new URL('../../content/posts/000_1373a89ae2b4ce52.md', import.meta.url), 'utf8');

describe('readArticle: the seed article from a Hugo site', () => {
  const config = testConfig({ timeZone: 'Asia/Shanghai' });
  const { head, summaryMarkdown } = article(seed, 'posts/000_1373a89ae2b4ce52.md', config);

  it('reads its fields as the site wrote them', () => {
    expect(head.title).toBe('大火、环保、核电与DeepSeek，欧洲对AI追赶之道的思考');
    expect(new Date(head.date).toISOString()).toBe('2025-02-12T13:32:29.000Z');
    expect(head.language).toBe('zh-CN'); // a one-element list
    expect(head.terms).toEqual({ tags: ['qq'], categories: ['qq'] });
    expect(head.image).toBe(
      'https://inews.gtimg.com/om_ls/OyB-V6quwcumJmCl_LnNry6Cw28GAM_spJAuJrvU29vF8AA_640360/0',
    );
    expect(head.permalink).toBe('https://feedwright.dev/posts/000_1373a89ae2b4ce52/');
    expect(head.id).toBe(head.permalink);
    expect(summaryMarkdown).toMatch(/^这是2月10日/);
  });
});

describe('readArticle: fields', () => {
  it('types scalars Hugo-style: numeric title, quoted "false", scalar tags, one-element lang list', () => {
    const { head } = article(
      '---\ntitle: 2024\ndate: 2025-01-01\ndraft: "false"\ntags: solo\ncategories: [a, b]\nlang: [fr]\n---\nx',
    );
    expect(head).toMatchObject({
      title: '2024',
      draft: false,
      terms: { tags: ['solo'], categories: ['a', 'b'] },
      language: 'fr',
    });
  });

  it('reads draft in its spellings', () => {
    for (const [value, draft] of [
      ['true', true],
      ['"true"', true],
      ['yes', true],
      ['false', false],
      ['"False"', false],
    ] as const) {
      expect(article(`---\ntitle: t\ndate: 2025-01-01\ndraft: ${value}\n---\n`).head.draft).toBe(draft);
    }
  });

  it('reads authors as names, e-mail addresses, tables and lists', () => {
    const one = article(md({ title: 't', date: '2025-01-01', author: 'Ada <ada@feedwright.dev>' })).head;
    expect(one.authors).toEqual([{ name: 'Ada', email: 'ada@feedwright.dev' }]);
    const many = article(
      '---\ntitle: t\ndate: 2025-01-01\nauthors:\n  - Grace\n  - name: Linus\n    email: l@feedwright.dev\n---\n',
    ).head;
    expect(many.authors).toEqual([{ name: 'Grace' }, { name: 'Linus', email: 'l@feedwright.dev' }]);
  });

  it('takes the image from thumbnail, image, images or cover, absolute against the permalink', () => {
    expect(article(md({ title: 't', date: '2025-01-01', images: ['a.png', 'b.png'] })).head.image).toBe(
      'https://feedwright.dev/posts/example/a.png',
    );
    expect(article('---\ntitle: t\ndate: 2025-01-01\ncover:\n  image: /c.jpg\n---\n').head.image).toBe(
      'https://feedwright.dev/c.jpg',
    );
  });

  it('uses lastmod (or updated) as the updated date, never earlier than the date', () => {
    expect(article(md({ title: 't', date: '2025-01-01', lastmod: '2025-02-01' })).head.updated).toBe(
      Date.parse('2025-02-01T00:00:00Z'),
    );
    expect(article(md({ title: 't', date: '2025-01-01', updated: '2025-03-01' })).head.updated).toBe(
      Date.parse('2025-03-01T00:00:00Z'),
    );
    expect(article(md({ title: 't', date: '2025-01-01', lastmod: '2024-01-01' })).head.updated).toBe(
      Date.parse('2025-01-01T00:00:00Z'),
    );
  });

  it('builds the permalink from the pattern; url in front matter wins; id only from front matter or permalink', () => {
    const config = testConfig({ permalink: '/:year/:month/:slug/' });
    expect(
      article(md({ title: 'Any Title', date: '2025-03-04' }), 'posts/My File.md', config).head.permalink,
    ).toBe('https://feedwright.dev/2025/03/my-file/');
    expect(
      article(md({ title: 't', date: '2025-03-04', slug: 'Custom Slug' }), 'posts/x.md', config).head
        .permalink,
    ).toBe('https://feedwright.dev/2025/03/custom-slug/');
    expect(article(md({ title: 't', date: '2025-03-04', url: '/about/me/' })).head.permalink).toBe(
      'https://feedwright.dev/about/me/',
    );
    const withId = article(md({ title: 't', date: '2025-03-04', id: 'tag:feedwright.dev,2025:1' })).head;
    expect(withId.id).toBe('tag:feedwright.dev,2025:1');
    const a = article(md({ title: 'First title', date: '2025-03-04' }, 'Body one'));
    const b = article(md({ title: 'Other title', date: '2025-03-04' }, 'Body two'));
    expect(a.head.id).toBe(b.head.id); // same file, different title and body: same id
  });

  it('treats x/index.md as a page bundle named after its folder', () => {
    const { head } = article(md({ title: 't', date: '2025-01-01' }), 'posts/my-bundle/index.md');
    expect(head.permalink).toBe('https://feedwright.dev/posts/my-bundle/');
  });

  it('reads Jekyll file names: the date and the slug', () => {
    const { head } = article('---\ntitle: t\n---\nx', '_posts/2024-01-15-hello-world.md');
    expect(head.permalink).toBe('https://feedwright.dev/posts/hello-world/');
    expect(head.date).toBe(Date.parse('2024-01-15T00:00:00Z'));
  });

  it('takes an impossible Jekyll file-name date as no date, never as a failure of the run', () => {
    const dated = article('---\ntitle: t\ndate: 2015-03-02\n---\nx', '_posts/2015-03-00-welcome.md');
    expect(dated.head).toMatchObject({
      permalink: 'https://feedwright.dev/posts/welcome/',
      date: Date.parse('2015-03-02T00:00:00Z'),
    });
    const undated = read('---\ntitle: t\n---\nx', '_posts/2015-03-00-welcome.md');
    expect(undated.ok).toBe(false);
    expect(undated.problems[0]?.message).toMatch(/^no date/);
  });

  it('puts a file-name translation of another language under /<lang>/ and takes its language', () => {
    const { head } = article(md({ title: 't', date: '2025-01-01' }), 'posts/hello.zh-cn.md');
    expect(head).toMatchObject({ language: 'zh-cn', permalink: 'https://feedwright.dev/zh-cn/posts/hello/' });
  });
});

describe('readArticle: bad input', () => {
  it('reports broken YAML with its line and leaves the article out', () => {
    const result = read('---\ntitle: ok\ntags: [a\n---\nbody', 'posts/broken.md');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'posts/broken.md',
        line: 4,
        severity: 'error',
        message: expect.stringMatching(/YAML/),
      }),
    ]);
  });

  it('reports a date that is not a date on its line', () => {
    const result = read('---\ntitle: t\n\ndate: next tuesday\n---\n');
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({
      line: 4,
      message: expect.stringMatching(/"date".*not a date/),
    });
  });

  it('refuses ---js front matter without running it', () => {
    const result = read('---js\n{ title: (() => { globalThis.ran = true; return "x" })() }\n---\n');
    expect(result.ok).toBe(false);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect(result.problems[0]?.message).toMatch(/would run code/);
  });

  it("treats Hugo's zero date as no date: the next source of a date is used, else it is an error", () => {
    const zero = read('---\ntitle: t\ndate: 0001-01-01T00:00:00Z\npublishDate: 2025-05-05\n---\n');
    expect(zero.ok && new Date(zero.article.head.date).toISOString()).toBe('2025-05-05T00:00:00.000Z');
    expect(read('---\ntitle: t\ndate: 0001-01-01\n---\n').problems[0]?.message).toMatch(/no date/);
  });

  it('leaves a page without a date out as no post, with a warning (about.md, index.md)', () => {
    for (const path of ['about.md', 'index.markdown', 'posts/undated.md']) {
      const result = read('---\ntitle: About\nlayout: page\n---\nMe.\n', path);
      expect(result, path).toMatchObject({ ok: false, skipped: true });
      expect(result.problems, path).toEqual([
        {
          path,
          line: 1,
          severity: 'warning',
          message: 'no date: not a post, left out (set "date" to publish it)',
        },
      ]);
    }
  });

  it('reports a missing date as an error where the generator publishes every post it reads (Jekyll)', () => {
    const jekyll = testConfig({ generator: 'jekyll' });
    const result = read('---\ntitle: t\ndate: 0001-01-01\n---\n', '_posts/0000-00-00-x.md', jekyll);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.severity)).toContain('error');
  });

  it('reports a field of the wrong shape', () => {
    const result = read('---\ntitle:\n  nested: table\ndate: 2025-01-01\n---\n');
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/"title" should be text/),
    });
  });

  it('falls back to the first heading, then the file name, for a missing title, with a warning', () => {
    const heading = read('---\ndate: 2025-01-01\n---\n\n```\n# not this\n```\n\n## The *real* heading\n');
    expect(heading.ok && heading.article.head.title).toBe('The real heading');
    expect(heading.problems[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/no title/),
    });
    const file = read('---\ndate: 2025-01-01\n---\nno heading', 'posts/file-name.md');
    expect(file.ok && file.article.head.title).toBe('file-name');
  });

  it('removes characters XML forbids from every field', () => {
    const { head } = article(
      '---\ntitle: "bell\\a and \\u0001"\ndate: 2025-01-01\ntags: ["x\u0002y"]\n---\n',
    );
    expect(head.title).toBe('bell and');
    expect(head.terms.tags).toEqual(['xy']);
  });
});

describe('renderArticleBody: summary precedence', () => {
  const render = (text: string) => renderArticleBody(article(text));

  it('front matter summary first', () => {
    expect(
      render(
        md(
          { title: 't', date: '2025-01-01', summary: 'From *front* matter', description: 'd' },
          'A\n\n<!--more-->\n\nB',
        ),
      ),
    ).toMatchObject({ summaryText: 'From front matter', summaryHtml: '<p>From <em>front</em> matter</p>\n' });
  });

  it('then the text before <!--more-->', () => {
    const body = render(
      md({ title: 't', date: '2025-01-01', description: 'd' }, 'Intro **bold**.\n\n<!--more-->\n\nRest.'),
    );
    expect(body.summaryText).toBe('Intro bold.');
    expect(body.contentHtml).toContain('Rest.');
    expect(body.contentHtml).not.toContain('more');
  });

  it('then description', () => {
    expect(
      render(md({ title: 't', date: '2025-01-01', description: 'The description' }, 'Body')).summaryText,
    ).toBe('The description');
  });

  it('then the first 70 words, CJK characters counting one each', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const english = render(md({ title: 't', date: '2025-01-01' }, words)).summaryText;
    expect(english.split(' ')).toHaveLength(70);
    expect(english.endsWith('w69…')).toBe(true);
    const chinese = render(md({ title: 't', date: '2025-01-01' }, '字'.repeat(100))).summaryText;
    expect(chinese).toBe(`${'字'.repeat(70)}…`);
  });
});

describe('readArticle: every URL a feed carries is http(s)', () => {
  const fields = { title: 't', date: '2025-01-01' };
  const refused = (extra: Record<string, unknown>, field: string) => {
    const result = read(md({ ...fields, ...extra }));
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', message: expect.stringContaining(`"${field}"`) }),
    );
  };

  it('refuses an article whose url or id would be a javascript: or data: link', () => {
    refused({ url: 'javascript:alert(1)' }, 'url');
    refused({ url: 'JavaScript://feedwright.dev/%0Aalert(1)' }, 'url');
    refused({ url: 'data:text/html,<script>alert(1)</script>' }, 'url');
    refused({ id: 'javascript:alert(1)' }, 'id');
    refused({ id: 'data:text/html,<script>alert(1)</script>' }, 'id');
    refused({ id: 'vbscript:msgbox(1)' }, 'id');
  });

  it('takes ids as http(s), tag: and urn: URIs or plain text', () => {
    for (const id of [
      'https://feedwright.dev/p/1',
      'tag:feedwright.dev,2025:1',
      'urn:uuid:1',
      '12345',
      'post 1',
    ])
      expect(article(md({ ...fields, id })).head.id).toBe(id);
  });

  it('leaves out an author URL, image or translation that is not http(s), with a warning naming it', () => {
    const result = read(
      md({
        ...fields,
        author: { name: 'Ada', url: 'javascript:alert(1)' },
        image: 'data:image/png;base64,AAAA',
        translations: { fr: 'javascript:alert(1)', de: '/de/p/' },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.head).toMatchObject({
      authors: [{ name: 'Ada' }],
      image: undefined,
      translations: [{ language: 'de', url: 'https://feedwright.dev/de/p/' }],
    });
    const warnings = result.problems.map((p) => `${p.severity} ${p.message}`);
    expect(warnings).toEqual([
      expect.stringMatching(/^warning image "data:image.*not an http\(s\) URL/),
      expect.stringMatching(/^warning "author": "javascript:alert\(1\)" is not an http\(s\) URL/),
      expect.stringMatching(/^warning "translations": "javascript:alert\(1\)" is not an http\(s\) URL/),
    ]);
  });

  it('resolves a relative author URL against the permalink', () => {
    const { head } = article(md({ ...fields, author: { name: 'Ada', url: '/about/' } }));
    expect(head.authors).toEqual([{ name: 'Ada', url: 'https://feedwright.dev/about/' }]);
  });
});

describe('readArticle: language tags and e-mail addresses', () => {
  it('takes a BCP 47 tag as written and replaces anything else by the fallback, with a warning', () => {
    expect(article(md({ title: 't', date: '2025-01-01', lang: 'zh-cn' })).head.language).toBe('zh-cn');
    expect(article(md({ title: 't', date: '2025-01-01', lang: 'tlh' })).head.language).toBe('tlh');
    for (const lang of ['english', 'en_US', 'xx', 'md', '<b>']) {
      const result = read(md({ title: 't', date: '2025-01-01', lang }));
      expect(result.ok && result.article.head.language, lang).toBe('en');
      expect(result.problems[0]?.message).toMatch(/is not a BCP 47 language tag.*using "en"/);
    }
  });

  it('leaves out an address that is not one, keeping the name', () => {
    const result = read(md({ title: 't', date: '2025-01-01', author: 'Ada <ada@-example>' }));
    expect(result.ok && result.article.head.authors).toEqual([{ name: 'Ada' }]);
    expect(result.problems[0]?.message).toMatch(/"ada@-example" is not an e-mail address/);
    const table = read(md({ title: 't', date: '2025-01-01', author: { email: 'no at sign' } }));
    expect(table.ok && table.article.head.authors).toEqual([]);
  });
});

describe('readArticle: nothing in a file makes it throw', () => {
  it('takes a __proto__ key for data, never as the fields behind the others', () => {
    const { head } = article('---\ntitle: t\ndate: 2025-01-01\n__proto__:\n  draft: "true"\n---\n');
    expect(head.draft).toBe(false);
    const json = article('{"title": "t", "date": "2025-01-01", "__proto__": {"draft": true}}\n');
    expect(json.head.draft).toBe(false);
  });

  it('reports front matter nested too deeply to read as a problem of that file', () => {
    const deep = `---\ntitle: t\ndate: 2025-01-01\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n`;
    const result = read(deep);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ severity: 'error', path: 'posts/example.md' });
  });
});

describe('readArticle: field names and other generators', () => {
  it('reads front-matter names in any case, as Hugo does (lastMod, PublishDate)', () => {
    const { head } = article(
      '---\nTitle: Cased\nDate: 2025-01-01\nlastMod: 2025-02-01\nTags: [go]\n---\nx',
      'posts/cased.md',
    );
    expect(head).toMatchObject({
      title: 'Cased',
      date: Date.parse('2025-01-01T00:00:00Z'),
      updated: Date.parse('2025-02-01T00:00:00Z'),
      terms: { tags: ['go'], categories: [] },
    });
  });

  it("reads Astro's pubDate, updatedDate and heroImage, and Jekyll's last_modified_at", () => {
    const astro = article(
      md({ title: 'A', pubDate: '2025-03-01', updatedDate: '2025-03-05', heroImage: '/hero.jpg' }),
      'blog/a.md',
    ).head;
    expect(astro).toMatchObject({
      date: Date.parse('2025-03-01T00:00:00Z'),
      updated: Date.parse('2025-03-05T00:00:00Z'),
      image: 'https://feedwright.dev/hero.jpg',
    });
    const jekyll = article(md({ title: 'J', last_modified_at: '2025-04-02' }), '_posts/2025-04-01-j.md').head;
    expect(jekyll.updated).toBe(Date.parse('2025-04-02T00:00:00Z'));
  });

  it('remembers the fields it did not use, with their lines, but not the generators own', () => {
    const source = article(
      '---\ntitle: t\ndate: 2025-01-01\ntag: go\nweight: 3\nlayout: post\nshowToc: true\n---\nx',
      'posts/typo.md',
    );
    expect(source.unusedFields).toEqual([
      { name: 'tag', line: 4 },
      { name: 'showtoc', line: 7 },
    ]);
    expect(article(md({ title: 't', date: '2025-01-01' })).unusedFields).toBeUndefined();
  });
});

describe('readArticle: fields read in linear time', () => {
  it('takes a heading with a long run of spaces as the title (10,000 spaces took 225 s)', () => {
    const { head } = article(`---\ndate: 2025-01-01\n---\n# a${' '.repeat(200)}x  ##  \n`);
    expect(head.title).toBe(`a${' '.repeat(200)}x`);
    // Longer than a title may be: cut, with its warning, but read at once.
    const long = read(`---\ndate: 2025-01-01\n---\n# a${' '.repeat(20_000)}x  ##  \n`);
    expect(long.ok && long.article.head.title).toMatch(/^a +…$/);
    expect(article('---\ndate: 2025-01-01\n---\n## Closing hashes ##\n').head.title).toBe('Closing hashes');
  });

  it('reads an author written as `Name <address>` or `address (Name)`, however long', () => {
    const authors = (value: string) =>
      article(md({ title: 't', date: '2025-01-01', author: value })).head.authors;
    expect(authors('Ada Lovelace <ada@feedwright.dev>')).toEqual([
      { name: 'Ada Lovelace', email: 'ada@feedwright.dev' },
    ]);
    expect(authors('ada@feedwright.dev (Ada)')).toEqual([{ name: 'Ada', email: 'ada@feedwright.dev' }]);
    expect(authors(`${'\t'.repeat(40_000)}<x${'@@'.repeat(40_000)}x<x@x>`)).toBeDefined();
    expect(authors(`x${'@@'.repeat(40_000)} (a`)).toBeDefined();
  });
});
