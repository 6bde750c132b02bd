// publishArticles: articles handed over as objects go through the folder's pipeline. The same
// articles as Markdown files (publishContent) and as objects give the same bytes on every path,
// archive pages included; settings that only a folder has are refused; problems name the article.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/site-config.ts';
import type { Article } from '../../src/content/article-object.ts';
import {
  articleFiles,
  buildContent,
  type Publication,
  publishArticleList,
  publishArticles,
  publishContent,
} from '../../src/node/publication.ts';

const work = mkdtempSync(join(tmpdir(), 'feedwright-articles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SETTINGS = {
  title: 'Same',
  siteUrl: 'https://feedwright.dev/',
  itemLimit: 2,
  timeZone: 'Europe/Berlin',
};

/** Each article as front matter and body, and as the object that says the same. */
const ARTICLES: readonly { file: string; text: string; object: Article }[] = [
  {
    file: 'blog/hello.md',
    text: '---\ntitle: Hello & welcome\nurl: /blog/hello/\ndate: 2025-01-02 10:00\ntags: [Go, Rust]\ncategories: [Notes]\nauthors: ["Ada <ada@feedwright.dev>"]\nimage: cover.png\n---\nHello **world**, see [the list](../list/).\n\n<!--more-->\n\nMore <script>alert(1)</script> here.\n',
    object: {
      title: 'Hello & welcome',
      path: '/blog/hello/',
      date: '2025-01-02 10:00',
      tags: ['Go', 'Rust'],
      categories: ['Notes'],
      authors: ['Ada <ada@feedwright.dev>'],
      image: 'cover.png',
      markdown:
        'Hello **world**, see [the list](../list/).\n\n<!--more-->\n\nMore <script>alert(1)</script> here.\n',
      source: 'blog/hello.md',
    },
  },
  {
    file: 'blog/second.md',
    text: '---\ntitle: Second\nurl: https://feedwright.dev/blog/second/\ndate: 2025-01-03T08:00:00Z\nlastmod: 2025-02-01\nid: tag:feedwright.dev,2025:second\nsummary: A *short* one.\ntags: [go]\nenclosures:\n  - url: /audio/2.mp3\n    length: 1234\n    title: Episode 2\nlang: fr\n---\nDeux.\n',
    object: {
      title: 'Second',
      url: 'https://feedwright.dev/blog/second/',
      date: new Date('2025-01-03T08:00:00Z'),
      updated: '2025-02-01',
      id: 'tag:feedwright.dev,2025:second',
      summary: 'A *short* one.',
      tags: ['go'],
      enclosures: [{ url: '/audio/2.mp3', length: 1234, title: 'Episode 2' }],
      lang: 'fr',
      markdown: 'Deux.\n',
      source: 'blog/second.md',
    },
  },
  {
    file: 'notes/third.md',
    text: '---\ntitle: Third\nurl: /notes/third/\ndate: 2025-01-04\ntags: [Rust]\nsummaryOnly: true\n---\nThird, with `code` and a [link](https://alt.feedwright.dev/).\n',
    object: {
      title: 'Third',
      path: '/notes/third/',
      date: '2025-01-04',
      tags: ['Rust'],
      summaryOnly: true,
      markdown: 'Third, with `code` and a [link](https://alt.feedwright.dev/).\n',
      source: 'notes/third.md',
    },
  },
  {
    file: 'notes/fourth.md',
    text: '---\ntitle: Fourth\nurl: /notes/fourth/\ndate: 2025-01-05\ntags: [Go, "C#", 开源]\n---\nFour.\n',
    object: {
      title: 'Fourth',
      path: '/notes/fourth/',
      date: '2025-01-05',
      tags: ['Go', 'C#', '开源'],
      markdown: 'Four.\n',
      source: 'notes/fourth.md',
    },
  },
  {
    file: 'notes/draft.md',
    text: '---\ntitle: Draft\nurl: /notes/draft/\ndate: 2025-01-06\ndraft: true\n---\nNot yet.\n',
    object: {
      title: 'Draft',
      path: '/notes/draft/',
      date: '2025-01-06',
      draft: true,
      markdown: 'Not yet.\n',
      source: 'notes/draft.md',
    },
  },
  {
    file: 'notes/later.md',
    text: '---\ntitle: Later\nurl: /notes/later/\ndate: 2025-01-07\npublishDate: 2099-01-01\n---\nLater.\n',
    object: {
      title: 'Later',
      path: '/notes/later/',
      date: '2025-01-07',
      publishDate: '2099-01-01',
      markdown: 'Later.\n',
      source: 'notes/later.md',
    },
  },
  {
    file: 'notes/gone.md',
    text: '---\ntitle: Gone\nurl: /notes/gone/\ndate: 2025-01-08\nexpiryDate: 2025-02-01\n---\nGone.\n',
    object: {
      title: 'Gone',
      path: '/notes/gone/',
      date: '2025-01-08',
      expiryDate: '2025-02-01',
      markdown: 'Gone.\n',
      source: 'notes/gone.md',
    },
  },
];

/** Every file of a publication, archive pages included, with its bytes. */
async function everything(publication: Publication): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of publication.files) {
    const document = await publication.renderFile(file);
    if (!document) throw new Error(`nothing at ${file}`);
    out.set(file, new TextDecoder().decode(document.body));
  }
  return out;
}

describe('publishArticles', () => {
  it('gives for objects the bytes publishContent gives for the same articles as files', async () => {
    const content = join(work, 'content');
    for (const { file, text } of ARTICLES) {
      mkdirSync(dirname(join(content, file)), { recursive: true });
      writeFileSync(join(content, file), text);
    }
    const fromFiles = await everything(await publishContent({ ...SETTINGS, content }));
    // `files` are the files build writes, with their bytes.
    const out = join(work, 'out');
    await buildContent({ ...SETTINGS, content, out, cacheDir: join(work, 'cache') });
    const built = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(join(out, file)).isFile() && !file.startsWith('_'))
      .sort();
    expect([...fromFiles.keys()].sort()).toEqual(built);
    for (const file of built) expect(fromFiles.get(file), file).toBe(readFileSync(join(out, file), 'utf8'));
    const publication = await publishArticles({ ...SETTINGS, articles: ARTICLES.map((a) => a.object) });
    const fromObjects = await everything(publication);
    expect([...fromObjects.keys()]).toEqual([...fromFiles.keys()]);
    // The feeds it is about: tags, a category, two sections, a language, an author, history.
    expect([...fromObjects.keys()]).toEqual(
      expect.arrayContaining([
        'tags/go/feed.xml',
        'categories/notes/atom.xml',
        'blog/feed.json',
        'notes/feed.xml',
        'fr/feed.xml',
        'authors/ada/feed.xml',
        'archive/1/feed.xml',
        'tags/c#/atom.xml',
        'tags/开源/feed.json',
      ]),
    );
    for (const [path, text] of fromFiles) expect(fromObjects.get(path), path).toBe(text);
    const rss = fromObjects.get('feed.xml') ?? '';
    expect(rss).not.toContain('Draft');
    expect(rss).not.toContain('<script');
    expect(publication.problems).toEqual([]);
  });

  it('takes podcast episodes as objects, with the bytes the same episodes as files give', async () => {
    const podcast = {
      categories: ['Technology'],
      explicit: false,
      image: 'https://feedwright.dev/art.png',
      owner: { name: 'Ada', email: 'ada@feedwright.dev' },
    };
    const episodes: readonly { file: string; text: string; object: Article }[] = [
      {
        file: 'episodes/one.md',
        text: '---\ntitle: One\nurl: /episodes/one/\ndate: 2025-03-01\nenclosures:\n  - url: https://media.feedwright.dev/one.mp3\n    length: 1000\nduration: "1:02:03"\nepisode: 1\nseason: 2\nepisodeType: full\nexplicit: true\ntranscript:\n  - url: https://media.feedwright.dev/one.vtt\n    language: en\n  - https://media.feedwright.dev/one.srt\nchapters: https://media.feedwright.dev/one.json\n---\nShow notes.\n',
        object: {
          title: 'One',
          path: '/episodes/one/',
          date: '2025-03-01',
          enclosures: [{ url: 'https://media.feedwright.dev/one.mp3', length: 1000 }],
          duration: '1:02:03',
          episode: 1,
          season: 2,
          episodeType: 'full',
          explicit: true,
          transcripts: [
            { url: 'https://media.feedwright.dev/one.vtt', language: 'en' },
            'https://media.feedwright.dev/one.srt',
          ],
          chapters: 'https://media.feedwright.dev/one.json',
          markdown: 'Show notes.\n',
          source: 'episodes/one.md',
        },
      },
      {
        file: 'episodes/trailer.md',
        text: '---\ntitle: Trailer\nurl: /episodes/trailer/\ndate: 2025-02-01\nenclosures:\n  - url: https://media.feedwright.dev/t.m4a\n    duration: 65\nepisodeType: trailer\n---\nSoon.\n',
        object: {
          title: 'Trailer',
          path: '/episodes/trailer/',
          date: '2025-02-01',
          enclosures: [{ url: 'https://media.feedwright.dev/t.m4a', duration: 65 }],
          episodeType: 'trailer',
          markdown: 'Soon.\n',
          source: 'episodes/trailer.md',
        },
      },
    ];
    const content = join(work, 'episodes-content');
    for (const { file, text } of episodes) {
      mkdirSync(dirname(join(content, file)), { recursive: true });
      writeFileSync(join(content, file), text);
    }
    const fromFiles = await publishContent({ ...SETTINGS, podcast, content });
    const fromObjects = await publishArticles({
      ...SETTINGS,
      podcast,
      articles: episodes.map((e) => e.object),
    });
    const rss = new TextDecoder().decode((await fromObjects.render('feed.xml'))?.body);
    expect(rss).toContain('<itunes:duration>3723</itunes:duration>');
    expect(rss).toContain('<itunes:episode>1</itunes:episode>');
    expect(rss).toContain('<itunes:season>2</itunes:season>');
    expect(rss).toContain('<itunes:episodeType>trailer</itunes:episodeType>');
    expect(rss).toContain('<itunes:explicit>true</itunes:explicit>');
    expect(rss).toContain('<itunes:duration>65</itunes:duration>');
    expect(rss).toMatch(
      /<podcast:transcript url="https:\/\/media.feedwright.dev\/one.vtt" type="text\/vtt" language="en"/,
    );
    expect(rss).toContain('type="application/x-subrip"');
    expect(rss).toContain(
      '<podcast:chapters url="https://media.feedwright.dev/one.json" type="application/json+chapters"',
    );
    for (const file of ['feed.xml', 'atom.xml', 'feed.json', 'episodes/feed.xml']) {
      const files = new TextDecoder().decode((await fromFiles.render(file))?.body);
      expect(new TextDecoder().decode((await fromObjects.render(file))?.body), file).toBe(files);
    }
    expect(fromObjects.problems).toEqual([]);
  });

  it('says each wrongly shaped podcast field of an episode, naming it', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      articles: [
        {
          title: 'Bad episode',
          path: '/e/bad/',
          date: '2025-03-01',
          episode: 0,
          season: '2',
          episodeType: 'pilot',
          explicit: 'yes',
          duration: 'long',
          transcripts: 'https://media.feedwright.dev/t.vtt',
          chapters: { url: 'https://media.feedwright.dev/c.json', kind: 'json' },
          enclosures: [{ url: 'https://media.feedwright.dev/e.mp3', duration: -3 }],
        } as never,
      ],
    });
    expect(publication.catalog.articles).toEqual([]);
    expect(publication.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'e/bad/: "enclosures duration" must be seconds (a number above 0), or h:mm:ss text, got number -3',
      'e/bad/: "episode" must be a whole number from 1, got number 0',
      'e/bad/: "season" must be a whole number from 1, got text "2"',
      'e/bad/: "episodeType" must be one of "full", "trailer", "bonus", got text "pilot"',
      'e/bad/: "explicit" must be true or false, got text "yes"',
      'e/bad/: "duration" must be seconds (a number above 0), or h:mm:ss text, got text "long"',
      'e/bad/: "transcripts" must be a list of URLs or { url, type?, language?, rel? }, got text "https://media.feedwright.dev/t.vtt"',
      'e/bad/: "chapters" must be a URL or { url, type? }, got an object {"url":"https://media.feedwright.dev/c.json","kind":"json"}',
    ]);
  });

  it('lists, before rendering any body, the files its publication holds', async () => {
    const now = Date.parse('2025-06-01T00:00:00Z');
    const options = { ...SETTINGS, articles: ARTICLES.map((a) => a.object) };
    const { publication } = await publishArticleList(options, () => now);
    expect(articleFiles(options, now)).toEqual(publication.files);
    // Before the fourth article is out, its tags have no feeds.
    const earlier = articleFiles(options, Date.parse('2025-01-03T12:00:00Z'));
    expect(publication.files).toContain('tags/开源/feed.xml');
    expect(earlier).not.toContain('tags/开源/feed.xml');
  });

  it('takes HTML bodies, cleaned and made absolute as Markdown’s HTML is', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      articles: [
        {
          title: 'Html',
          path: '/p/html/',
          date: '2025-03-01',
          html: '<p onclick="x()">Hi <a href="../q/">q</a><iframe src="https://evil.feedwright.dev/"></iframe><img src="a.png"></p>',
        },
      ],
    });
    const json = JSON.parse(new TextDecoder().decode((await publication.render('feed.json'))?.body));
    expect(json.items[0].content_html).toBe(
      '<p>Hi <a href="https://feedwright.dev/p/q/">q</a><img src="https://feedwright.dev/p/html/a.png"></p>',
    );
    expect(json.items[0].url).toBe('https://feedwright.dev/p/html/');
  });

  it('leaves out an article that cannot be published, with one error per problem naming it', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      articles: [
        { title: 'Good', path: '/good/', date: '2025-01-01' },
        { title: 3, date: 'soon', tags: 'go', path: '/bad/', draft: 'no', tagz: ['x'] } as never,
        { title: 'No page', date: '2025-01-01', source: 'cms/7' } as never,
        { title: 'Both', url: 'https://feedwright.dev/x/', path: '/x/', date: '2025-01-01' } as never,
        { title: 'Script id', path: '/s/', date: '2025-01-01', id: 'javascript:alert(1)' },
        'not an article' as never,
      ],
    });
    expect(publication.catalog.articles.map((a) => a.title)).toEqual(['Good']);
    const said = publication.problems.map((p) => `${p.path}: ${p.severity}: ${p.message}`);
    expect(said).toEqual([
      'bad/: error: "tagz" is not a field of an article: did you mean "tags"?',
      'bad/: error: "title" must be text, got number 3',
      'bad/: error: "date": "soon" is not a date (expected e.g. 2025-02-12, 2025-02-12 21:32:29 or RFC 3339)',
      'bad/: error: "tags" must be a list of text, got text "go"',
      'bad/: error: "draft" must be true or false, got text "no"',
      'cms/7: error: "url" or "path" is needed: the page the item links to',
      'articles[3]: error: "url" and "path" are one or the other: the page the item links to',
      's/: error: "id": "javascript:alert(1)" is a javascript: URI; an id is an http(s) URL, a tag: or urn: URI, or plain text',
      'articles[5]: error: articles[5] must be an object, got text "not an article"',
    ]);
  });

  it('cleans what it keeps, with a warning for what it left out', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      articles: [
        {
          title: `A\u0000 ${'long '.repeat(200)}`,
          path: '/w/',
          date: '2025-01-01',
          image: 'javascript:alert(1)',
          lang: 'english',
          authors: [{ name: 'Ada', email: 'not-an-address', url: 'data:x' }],
          enclosures: ['ftp://feedwright.dev/a.mp3', '/a.mp3'],
          tags: ['  Go  ', 'go', ''],
          summary: null as never,
        },
      ],
    });
    const [head] = publication.catalog.articles;
    expect(head?.title.length).toBeLessThanOrEqual(501);
    expect(head?.title).not.toContain('\u0000');
    expect(head?.image).toBeUndefined();
    expect(head?.language).toBe('en');
    expect(head?.authors).toEqual([{ name: 'Ada' }]);
    expect(head?.attachments).toEqual([{ url: 'https://feedwright.dev/a.mp3', type: 'audio/mpeg' }]);
    expect(head?.terms.tags).toEqual(['Go', 'go']);
    expect(publication.problems.every((p) => p.path === 'w/' && p.severity === 'warning')).toBe(true);
    expect(publication.problems.map((p) => p.message).join('\n')).toMatch(
      /title.*longer than 500[\s\S]*lang[\s\S]*image[\s\S]*not an e-mail address[\s\S]*not an http\(s\) URL[\s\S]*ftp:/,
    );
  });

  it('keys articles by source, else by page, and keeps two with one page apart', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      articles: [
        { title: 'One', path: '/same/', date: '2025-01-01' },
        { title: 'Two', path: '/same/', date: '2025-01-02' },
        { title: 'Off site', url: 'https://elsewhere.feedwright.dev/post', date: '2025-01-03' },
      ],
    });
    expect(publication.catalog.articles.map((a) => [a.path, a.id, a.section])).toEqual([
      ['https://elsewhere.feedwright.dev/post', 'https://elsewhere.feedwright.dev/post', ''],
      ['same/#2', 'https://feedwright.dev/same/#2', ''],
      ['same/', 'https://feedwright.dev/same/', ''],
    ]);
  });

  it('keeps the ids and links an ids file recorded when the site moves', async () => {
    const ids = join(work, 'ids.json');
    const articles: Article[] = [
      { title: 'Kept', path: '/blog/kept/', date: '2025-01-01', source: 'cms/1' },
      { title: 'Renamed', path: '/blog/old-name/', date: '2025-01-02' },
    ];
    const before = await publishArticles({ ...SETTINGS, ids, articles });
    expect(before.catalog.articles.map((a) => a.id)).toEqual([
      'https://feedwright.dev/blog/old-name/',
      'https://feedwright.dev/blog/kept/',
    ]);
    const moved = await publishArticles({
      ...SETTINGS,
      siteUrl: 'https://blog.other.feedwright.dev/',
      ids,
      // The same source; a new page for the same date and title.
      articles: [articles[0] as Article, { title: 'Renamed', path: '/blog/new-name/', date: '2025-01-02' }],
    });
    expect(moved.catalog.articles.map((a) => [a.id, a.permalink])).toEqual([
      ['https://feedwright.dev/blog/old-name/', 'https://feedwright.dev/blog/old-name/'],
      ['https://feedwright.dev/blog/kept/', 'https://feedwright.dev/blog/kept/'],
    ]);
    const accepted = await publishArticles({
      ...SETTINGS,
      siteUrl: 'https://blog.other.feedwright.dev/',
      ids,
      acceptIdChanges: true,
      articles,
    });
    expect(accepted.catalog.articles.map((a) => a.id)).toEqual([
      'https://blog.other.feedwright.dev/blog/old-name/',
      'https://blog.other.feedwright.dev/blog/kept/',
    ]);
  });

  it('refuses settings a folder has, a missing siteUrl and articles that are no list, all at once', async () => {
    const refused = publishArticles({
      title: 'T',
      permalink: '/:slug/',
      content: 'x',
      articles: [],
    } as never);
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(
      /permalink is not a setting of articles in memory[\s\S]*content is not[\s\S]*siteUrl is needed/,
    );
    await expect(
      publishArticles({ siteUrl: 'https://feedwright.dev/', articles: { timeZone: 'UTC' } } as never),
    ).rejects.toThrow(/articles must be a list of articles, got \{"timeZone":"UTC"\}.*top level/);
    await expect(
      publishArticles({
        identity: { siteUrl: 'https://feedwright.dev/', titel: 'x' },
        articles: [],
      } as never),
    ).rejects.toThrow(/did you mean "title"/);
  });

  it('refuses a placeholder siteUrl or feedsUrl as it refuses none, naming the setting', async () => {
    const rule = 'is a placeholder (RFC 2606 reserves it for examples and tests)';
    const articles = [{ title: 'A', path: '/a/', date: '2025-01-01' }];
    const refused = publishArticles({ identity: { siteUrl: 'https://example.com' }, articles });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(
      `identity.siteUrl = 'https://example.com' ${rule}: every link and id would point at it; set the site's own URL`,
    );
    await expect(
      publishArticles({ siteUrl: 'https://feedwright.dev/', feedsUrl: 'https://feeds.blog.test/', articles }),
    ).rejects.toThrow(`feedsUrl = 'https://feeds.blog.test/' ${rule}`);
    expect(() => articleFiles({ siteUrl: 'https://www.example.org/', articles }, Date.now())).toThrow(rule);
    // Astro lists its routes on a placeholder of its own, whose documents are never served.
    const listed = await publishArticleList({ siteUrl: 'https://feedwright.invalid/', articles }, undefined, {
      listing: true,
    });
    expect(listed.publication.paths).toContain('feed.xml');
  });

  it('takes other taxonomies as terms, and refuses one the config does not name', async () => {
    const publication = await publishArticles({
      ...SETTINGS,
      taxonomies: ['tags', 'series'],
      articles: [
        { title: 'A', path: '/a/', date: '2025-01-01', terms: { series: ['Go in depth'] }, tags: ['go'] },
        { title: 'B', path: '/b/', date: '2025-01-01', categories: ['x'], terms: { topics: ['y'] } },
      ],
    });
    expect(publication.paths).toContain('series/go-in-depth/feed.xml');
    expect(publication.problems.map((p) => p.message)).toEqual([
      '"terms.topics" is not a taxonomy of the config (known: series)',
      '"categories" are given, but the config\'s taxonomies do not include categories',
    ]);
  });
});
