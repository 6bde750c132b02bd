// Settings validation, setting by setting: what a config may write (grouped, or flat as earlier
// versions took it), what it is refused with (every problem at once, named where it was written),
// and what the validated config holds.
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  type ConfigInput,
  configInput,
  parseConfig,
  placeholderLine,
  readConfig,
  runSettings,
} from '../../src/config/site-config.ts';

function problemsOf(...layers: Record<string, unknown>[]): readonly string[] {
  try {
    readConfig(layers);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the defaults', () => {
  it('are every setting of an empty config', () => {
    const config = parseConfig({});
    expect({ ...config, siteUrl: config.siteUrl.href, feedsUrl: config.feedsUrl.href }).toEqual({
      // The site URL's host: a placeholder title is never published (build refuses the default URL).
      title: '127.0.0.1:8787',
      siteUrl: 'http://127.0.0.1:8787/',
      feedsUrl: 'http://127.0.0.1:8787/',
      description: '',
      language: 'en',
      author: undefined,
      image: undefined,
      icon: undefined,
      generator: 'feedwright',
      timeZone: 'UTC',
      permalink: '/posts/:slug/',
      permalinks: {},
      languages: [],
      roots: [{ dir: '' }],
      itemDate: 'date',
      undatedPages: 'publish',
      linkField: '',
      ignoreFiles: [],
      taxonomies: [
        { name: 'tags', fields: ['tags'] },
        { name: 'categories', fields: ['categories'] },
      ],
      sections: [],
      dates: {
        date: ['date', 'pubDate', 'publishDate', ':filename'],
        publishDate: ['publishDate'],
        lastmod: ['lastmod', 'updated', 'modified', 'updatedDate', 'last_modified_at'],
        expiryDate: ['expiryDate'],
      },
      future: false,
      variables: {},
      defaults: [],
      feedsPer: ['sections', 'languages', 'authors'],
      feeds: [],
      ownFeeds: 'all',
      itemLimit: { site: 20, tags: 20, categories: 20, sections: 20, languages: 20, authors: 20 },
      summaryOnly: {
        site: false,
        tags: false,
        categories: false,
        sections: false,
        languages: false,
        authors: false,
      },
      history: {
        site: 'summaries',
        tags: false,
        categories: false,
        sections: false,
        languages: false,
        authors: false,
      },
      maxBodyBytes: 500_000,
      maxItemCategories: 100,
      maxFeedBytes: 2_000_000,
      polling: { min: 60, max: 10_800 },
      maxAge: 60,
      staleWhileRevalidate: 300,
      hubs: [],
      refresh: '* * * * *',
    });
    expect(runSettings({})).toEqual({
      content: undefined,
      out: undefined,
      port: undefined,
      host: undefined,
      ids: undefined,
      acceptIdChanges: false,
      refresh: '* * * * *',
    });
  });

  it('follow what other settings say: feedsUrl the site, permalink and dates the generator', () => {
    const config = parseConfig({
      siteUrl: 'https://feedwright.dev/blog',
      generator: 'hugo',
      dates: { date: ['pubdate'] },
    });
    expect(config.feedsUrl.href).toBe('https://feedwright.dev/blog/');
    expect(config.permalink).toBe('/:dir/:slugorfilename/');
    // Dates left out keep Hugo's.
    expect(config.dates.date).toEqual(['pubdate']);
    expect(config.dates.expiryDate).toEqual(['expirydate', 'unpublishdate']);
  });
});

describe('two spellings of one setting', () => {
  it('grouped and flat give the same config', () => {
    const grouped = parseConfig({
      identity: { title: 'T', siteUrl: 'https://feedwright.dev/' },
      articles: { sectionPermalinks: { notes: '/n/:slug/' }, taxonomies: ['tags', 'series'] },
      feeds: {
        per: ['sections'],
        routes: [{ scope: 'series', path: 's/{slug}.xml', format: 'atom' }],
        itemLimit: 5,
      },
      http: { polling: false },
      push: { hubs: ['https://hub.feedwright.dev/'] },
    });
    const flat = parseConfig({
      title: 'T',
      siteUrl: 'https://feedwright.dev/',
      permalinks: { notes: '/n/:slug/' },
      taxonomies: ['tags', 'series'],
      feedsPer: ['sections'],
      feeds: [{ scope: 'series', path: 's/{slug}.xml', format: 'atom' }],
      itemLimit: 5,
      polling: false,
      hubs: ['https://hub.feedwright.dev/'],
    });
    expect(grouped).toEqual(flat);
    expect(flat.permalinks).toEqual({ notes: '/n/:slug/' });
    expect(flat.feeds).toEqual([{ scope: 'series', path: 's/{slug}.xml', format: 'atom' }]);
  });

  it('may be mixed, but one setting written twice in one config is refused', () => {
    expect(problemsOf({ identity: { title: 'A' }, siteUrl: 'https://feedwright.dev/' })).toEqual([]);
    expect(problemsOf({ identity: { title: 'A' }, title: 'B' })).toEqual([
      'title and identity.title are one setting: write it once',
    ]);
  });

  it('layers win setting by setting, whichever spelling each uses (site mode, file, flags)', () => {
    const site = { title: 'From Hugo', siteUrl: 'https://hugo.feedwright.dev/', itemLimit: 10 };
    const file = { identity: { title: 'From the file' }, feeds: { summaryOnly: true } };
    const flags = { siteUrl: 'https://flag.feedwright.dev/' };
    const { config } = readConfig([site, file, flags]);
    expect([config.title, config.siteUrl.href, config.itemLimit.site, config.summaryOnly.tags]).toEqual([
      'From the file',
      'https://flag.feedwright.dev/',
      10,
      true,
    ]);
  });
});

describe('problems', () => {
  it('are reported all together, each named where it was written', () => {
    expect(
      problemsOf({
        identity: { title: 3, siteUrl: 'ftp://feedwright.dev/' },
        itemLimit: '20',
        feeds: { history: 'yes' },
        limits: { maxFeedBytes: 10 },
        port: 70_000,
      }),
    ).toEqual([
      'identity.siteUrl must be an absolute http(s) URL without query or fragment: "ftp://feedwright.dev/" is not http(s)',
      'identity.title must be text, got 3',
      'itemLimit must be a whole number ≥ 0, got "20"',
      'feeds.history must be true, false, "summaries" or "full", got "yes"',
      'limits.maxFeedBytes must be a whole number ≥ 100000, got 10',
      'port must be a whole number from 0 to 65535, got 70000',
    ]);
  });

  it('name a number JSON cannot spell (itemLimit: 1e400) as JavaScript writes it', () => {
    expect(problemsOf({ itemLimit: Number.POSITIVE_INFINITY })).toEqual([
      'itemLimit must be a whole number ≥ 0, got Infinity',
    ]);
    expect(problemsOf({ http: { maxAge: Number.NaN } })).toEqual([
      'http.maxAge must be a whole number ≥ 0, got NaN',
    ]);
  });

  it('name an unknown setting, with the one probably meant', () => {
    expect(
      problemsOf({ titel: 'x', identity: { siteURL: 'https://feedwright.dev/' }, feeds: { perr: [] } }),
    ).toEqual([
      'unknown setting "titel": did you mean "title"?',
      'unknown setting "identity.siteURL": did you mean "siteUrl"?',
      'unknown setting "feeds.perr": did you mean "per"?',
    ]);
    expect(problemsOf({ colour: 'red' })).toEqual(['unknown setting "colour" (see the README\'s reference)']);
    expect(problemsOf({ identity: 'My blog' })).toEqual([
      'identity must be a table of settings (siteUrl, title, feedsUrl, description, language, author, image, icon, podcast), got "My blog"',
    ]);
  });

  it('name a key a table of known keys does not have', () => {
    expect(problemsOf({ polling: { minimum: 5 }, author: { name: 'A', avatar: '/a.png' } })).toEqual([
      'author.avatar is not one of name, email, url',
      'polling.minimum is not one of min, max',
    ]);
  });
});

describe('each setting', () => {
  it('title and description: bounded text', () => {
    expect(problemsOf({ title: 'x'.repeat(2000) })[0]).toMatch(
      /^title must be at most \d+ characters, got 2000$/,
    );
    expect(problemsOf({ description: 'x'.repeat(20_000) })[0]).toMatch(/^description must be at most/);
  });

  it('siteUrl and feedsUrl: absolute http(s), no query or fragment, made to end in /', () => {
    expect(parseConfig({ feedsUrl: 'https://feeds.feedwright.dev/x' }).feedsUrl.href).toBe(
      'https://feeds.feedwright.dev/x/',
    );
    expect(problemsOf({ feedsUrl: 'https://feeds.feedwright.dev/?a=1' })).toEqual([
      'feedsUrl must be an absolute http(s) URL without query or fragment: "https://feeds.feedwright.dev/?a=1" has a query or fragment',
    ]);
  });

  it('language: a BCP 47 tag', () => {
    expect(problemsOf({ language: 'english' })).toEqual([
      'language "english" is not a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"',
    ]);
    expect(problemsOf({ language: 'pt-BR' })).toEqual([]);
  });

  it('author: a name, or { name, email?, url? } with an e-mail and an http(s) URL', () => {
    expect(parseConfig({ author: 'Ada' }).author).toEqual({ name: 'Ada' });
    expect(
      problemsOf({ author: { name: 'A', email: 'a@b.feedwright.dev', url: 'https://b.feedwright.dev/' } }),
    ).toEqual([]);
    expect(
      problemsOf({ author: { name: 'A', email: 'not an address', url: 'javascript:alert(1)' } }),
    ).toEqual([
      'author.email must be an e-mail address, got "not an address"',
      'author.url "javascript:alert(1)" is not an absolute http(s) URL',
    ]);
    expect(problemsOf({ author: { email: 'a@b.feedwright.dev' } })).toEqual([
      'author.name is missing (author must be { name, email?, url? })',
    ]);
  });

  it('image and icon: a URL, or a path on the site made absolute', () => {
    const config = parseConfig({
      siteUrl: 'https://feedwright.dev/blog/',
      image: 'logo.png',
      icon: 'https://cdn.feedwright.dev/i.png',
    });
    expect([config.image, config.icon]).toEqual([
      'https://feedwright.dev/blog/logo.png',
      'https://cdn.feedwright.dev/i.png',
    ]);
    expect(problemsOf({ image: 'javascript:alert(1)' })).toEqual([
      'image must be an http(s) URL or a path on the site, got "javascript:alert(1)"',
    ]);
  });

  it('generator and timeZone: known ones', () => {
    expect(problemsOf({ generator: 'gatsby', timeZone: 'Mars/Olympus' })).toEqual([
      'generator must be one of feedwright, hugo, jekyll, got "gatsby"',
      'timeZone "Mars/Olympus" is not an IANA time zone (e.g. "Asia/Shanghai", "UTC")',
    ]);
  });

  it('permalink and sectionPermalinks: patterns that tell articles apart', () => {
    expect(
      problemsOf({ permalink: '/:year/', articles: { sectionPermalinks: { notes: '/notes/' } } }),
    ).toEqual([
      'permalink "/:year/" must contain :slug, :filename or :title, or articles would share URLs',
      'articles.sectionPermalinks.notes "/notes/" must contain :slug, :filename or :title, or articles would share URLs',
    ]);
  });

  it('languages, roots, sections: lists of their shapes', () => {
    const config = parseConfig({
      languages: [{ key: 'fr' }, { key: 'en', code: 'en-GB' }],
      roots: [{ dir: './fr/', language: 'fr' }],
    });
    expect(config.languages).toEqual([
      { key: 'fr', code: 'fr' },
      { key: 'en', code: 'en-GB' },
    ]);
    expect(config.roots).toEqual([{ dir: 'fr', language: 'fr' }]);
    expect(
      problemsOf({ languages: [{ key: '' }, { key: 'x', code: 'not a tag' }], roots: [], sections: 'posts' }),
    ).toEqual([
      'languages[0].key must not be empty',
      'languages[1].code "not a tag" is not a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"',
      'roots must be a list of { dir, language?, target? }, not empty, got []',
      'sections must be list of text, got "posts"',
    ]);
  });

  it('taxonomies: names or { name, fields }, never "site", one named twice merged', () => {
    expect(problemsOf({ taxonomies: ['tags', 'site', 'a/b'] })).toEqual([
      'taxonomies[1] "site" is the site\'s own kind of feed; name the taxonomy otherwise',
      'taxonomies[2] "a/b" is not a name without "/" or spaces',
    ]);
    expect(parseConfig({ taxonomies: ['tags', { name: 'tags', fields: ['tag'] }] }).taxonomies).toEqual([
      { name: 'tags', fields: ['tags', 'tag'] },
    ]);
  });

  it('dates: lists of sources per date', () => {
    expect(problemsOf({ dates: { date: 'date', modified: [] } })).toEqual([
      'dates.modified is not one of date, publishDate, lastmod, expiryDate',
      'dates.date must be list of field names, `:filename`, `:fileModTime`, `:git`, got "date"',
    ]);
  });

  it('future and variables', () => {
    expect(problemsOf({ future: 'yes', variables: [] })).toEqual([
      'future must be true or false, got "yes"',
      'variables must be a table, got []',
    ]);
  });

  it('feedsPer: the groupings there are', () => {
    expect(problemsOf({ feedsPer: ['sections', 'years'] })).toEqual([
      'feedsPer[1] must be one of sections, languages, authors, got "years"',
    ]);
  });

  it('feeds (routes): a kind of feed, a relative path, a format, a regular expression', () => {
    expect(
      parseConfig({
        feeds: [{ scope: 'tags', path: 't/{name}.xml', format: 'atom', match: '^\\w+$', only: ['go'] }],
      }).feeds,
    ).toEqual([{ scope: 'tags', path: 't/{name}.xml', format: 'atom', match: '^\\w+$', only: ['go'] }]);
    expect(
      problemsOf({
        feeds: [
          { scope: 'serie', path: 'serie/{slug}.xml', format: 'rss' },
          { scope: 'tags', path: '/abs.xml', format: 'rdf', match: '(' },
        ],
      }),
    ).toEqual([
      'feeds[0].scope "serie" is not a kind of feed (known: site, tags, categories, sections, languages, authors)',
      'feeds[1].path "/abs.xml" is absolute (it is relative to the output folder)',
      'feeds[1].format must be one of rss, atom, json, got "rdf"',
      'feeds[1].match "(" is not a regular expression',
    ]);
  });

  it('itemLimit, summaryOnly, history: one value, or one per kind of feed the site has', () => {
    const config = parseConfig({
      taxonomies: ['tags', 'series'],
      itemLimit: { site: 50, series: 0 },
      history: false,
    });
    expect(config.itemLimit).toEqual({
      site: 50,
      tags: 20,
      series: 0,
      sections: 20,
      languages: 20,
      authors: 20,
    });
    expect(Object.values(config.history).every((keep) => keep === false)).toBe(true);
    expect(
      parseConfig({ taxonomies: ['tags', 'series'], history: { tags: 'summaries', series: true } }).history,
    ).toMatchObject({
      tags: 'summaries',
      series: 'summaries',
      site: 'summaries',
      sections: false,
    });
    expect(problemsOf({ summaryOnly: { tags: 'yes', serie: true } })).toEqual([
      'summaryOnly.serie is not a kind of feed (known: site, tags, categories, sections, languages, authors)',
      'summaryOnly.tags must be true or false, got "yes"',
    ]);
  });

  it('limits: whole numbers above their floors', () => {
    expect(problemsOf({ maxBodyBytes: 999, maxItemCategories: -1 })).toEqual([
      'maxBodyBytes must be a whole number ≥ 1000, got 999',
      'maxItemCategories must be a whole number ≥ 0, got -1',
    ]);
  });

  it('polling: false, or bounds with min at most max', () => {
    expect(parseConfig({ polling: false }).polling).toBeUndefined();
    expect(parseConfig({ polling: { min: 20_000 } }).polling).toEqual({ min: 20_000, max: 20_000 });
    expect(problemsOf({ http: { polling: { min: 100, max: 50 } } })).toEqual([
      'http.polling.min (100) is above http.polling.max (50)',
    ]);
    expect(problemsOf({ polling: true })).toEqual(['polling must be false or { min?, max? }, got true']);
  });

  it('hubs: http(s) URLs, one or a list, each once', () => {
    expect(parseConfig({ hubs: 'https://hub.feedwright.dev' }).hubs).toEqual(['https://hub.feedwright.dev/']);
    expect(parseConfig({ hubs: ['https://hub.feedwright.dev/', 'https://hub.feedwright.dev'] }).hubs).toEqual(
      ['https://hub.feedwright.dev/'],
    );
    expect(problemsOf({ push: { hubs: ['mailto:a@b.feedwright.dev'] } })).toEqual([
      'push.hubs[0] "mailto:a@b.feedwright.dev" is not an absolute http(s) URL',
    ]);
  });

  it('refresh: cron or "off"', () => {
    expect(problemsOf({ refresh: 'off' })).toEqual([]);
    expect(problemsOf({ refresh: '*/5 * * * *' })).toEqual([]);
    expect(problemsOf({ refresh: 'every now and then' })).toEqual([
      'refresh "every now and then" is not a cron expression (or "off"): it has 4 fields; cron has 5 (minute hour day month weekday) or 6 (seconds first)',
    ]);
  });

  it("the process's settings: paths, a port, a flag", () => {
    expect(
      runSettings({
        content: 'posts',
        out: 'public',
        port: 0,
        host: '::1',
        ids: 'ids.json',
        acceptIdChanges: true,
      }),
    ).toEqual({
      content: 'posts',
      out: 'public',
      port: 0,
      host: '::1',
      ids: 'ids.json',
      acceptIdChanges: true,
      refresh: '* * * * *',
    });
    expect(problemsOf({ port: '8080', acceptIdChanges: 'yes' })).toEqual([
      'port must be a whole number from 0 to 65535, got "8080"',
      'acceptIdChanges must be true or false, got "yes"',
    ]);
  });
});

describe('configInput', () => {
  it('writes a validated config back as input that gives the same config', () => {
    for (const input of [
      {},
      {
        feedsUrl: 'https://feeds.feedwright.dev/',
        author: { name: 'A', url: 'https://a.feedwright.dev' },
        image: '/i.png',
        polling: false,
      },
      { generator: 'jekyll', taxonomies: ['tags', 'series'], itemLimit: { series: 3 }, feedsPer: [] },
      { feeds: [{ scope: 'site', path: 'index.xml', format: 'rss' }], hubs: 'https://hub.feedwright.dev/' },
    ] satisfies ConfigInput[]) {
      const config = parseConfig(input);
      const again = parseConfig(JSON.parse(JSON.stringify(configInput(config))));
      expect(again).toEqual(config);
    }
  });
});

describe('podcast', () => {
  const site = { siteUrl: 'https://cast.feedwright.dev/', title: 'The Cast' };

  it('takes the site’s image and author where the podcast says none, and finds a subcategory’s category', () => {
    const config = parseConfig({
      ...site,
      image: '/art.png',
      author: { name: 'Ada', email: 'ada@feedwright.dev' },
      podcast: { categories: ['Technology', 'documentary'], explicit: false },
    });
    expect(config.podcast).toEqual({
      image: 'https://cast.feedwright.dev/art.png',
      categories: [{ category: 'Technology' }, { category: 'Society & Culture', subcategory: 'Documentary' }],
      explicit: false,
      owner: { name: 'Ada', email: 'ada@feedwright.dev' },
      author: 'Ada',
      type: 'episodic',
      locked: false,
      funding: [],
      host: { name: 'Ada' },
    });
  });

  it('refuses what Apple would: no artwork, no category, a category not Apple’s, explicit unsaid', () => {
    expect(problemsOf({ ...site, podcast: { categories: ['Technology'], explicit: true } })).toEqual([
      'podcast needs an image (`podcast.image`, or the site’s `image`): Apple Podcasts requires show artwork, 1400 to 3000 pixels square',
    ]);
    expect(problemsOf({ ...site, image: '/a.png', podcast: { categories: ['Tech'] } })).toEqual([
      'podcast.categories[0] "Tech" is not one of Apple Podcasts\' categories (as "Technology", "Society & Culture/Documentary", or a subcategory alone)',
      'podcast.explicit is missing (podcast must be { image?, categories, explicit, owner?, author?, type?, locked?, guid?, funding? })',
    ]);
    expect(
      problemsOf({ ...site, image: '/a.png', podcast: { categories: [], explicit: false, guid: 'x' } }),
    ).toHaveLength(2);
  });
});

describe('podcast, written back', () => {
  it('is read again as it was (the Worker parses the config build-worker wrote)', () => {
    const config = parseConfig({
      siteUrl: 'https://cast.feedwright.dev/',
      image: '/art.png',
      author: { name: 'Ada', email: 'ada@feedwright.dev' },
      podcast: { categories: ['Documentary'], explicit: true, funding: ['https://cast.feedwright.dev/give'] },
    });
    expect(parseConfig(configInput(config)).podcast).toEqual(config.podcast);
  });
});

describe('placeholder addresses', () => {
  it('are the public addresses a layer wrote at a reserved host, with where and as written', () => {
    const read = readConfig([
      { siteUrl: 'http://example.org' },
      {},
      { identity: { feedsUrl: 'https://f.test/' } },
    ]);
    expect(read.config.siteUrl.href).toBe('http://example.org/');
    expect(read.placeholders).toEqual([
      {
        flat: 'siteUrl',
        at: 'siteUrl',
        layer: 0,
        written: 'http://example.org',
        instead: "every link and id would point at it; set the site's own URL",
      },
      {
        flat: 'feedsUrl',
        at: 'identity.feedsUrl',
        layer: 2,
        written: 'https://f.test/',
        instead: 'every self link would point at it; set where the feeds are served',
      },
    ]);
    const [first] = read.placeholders;
    expect(first && placeholderLine(first, 'hugo.toml: baseURL = "http://example.org"')).toBe(
      `hugo.toml: baseURL = "http://example.org" is a placeholder (RFC 2606 reserves it for examples and tests): every link and id would point at it; set the site's own URL`,
    );
  });

  it("are none for a later layer's real address, a default, this machine's address or another URL", () => {
    expect(
      readConfig([{ siteUrl: 'http://example.org/' }, { siteUrl: 'https://feedwright.dev/' }]).placeholders,
    ).toEqual([]);
    expect(readConfig([{}]).placeholders).toEqual([]);
    expect(readConfig([{ siteUrl: 'http://localhost:1313/' }]).placeholders).toEqual([]);
    // Only the addresses readers are sent to: an image there is the site's own business.
    expect(
      readConfig([{ siteUrl: 'https://feedwright.dev/', image: 'https://example.com/logo.png' }])
        .placeholders,
    ).toEqual([]);
  });
});
