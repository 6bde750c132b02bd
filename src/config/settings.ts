/**
 * Every setting, defined once: its type, default, check, what it does and an example. The config's
 * TypeScript type (UserConfig), its validation (site-config.ts), the README's reference and
 * `feedwright init`'s template (reference.ts) all come from here. The feed's settings are in groups;
 * the process's (what the command-line flags also say) are apart, at the top level.
 *
 * Order matters: a setting is read after those it depends on (feedsUrl after siteUrl, per-scope
 * settings after the taxonomies that are kinds of feed).
 */
import type { Author, ContentRoot, DateSources, SiteLanguage } from '../content/article.ts';
import { isEmailAddress } from '../content/email.ts';
import type { FrontMatterDefault } from '../content/front-matter/defaults.ts';
import { MAX_DESCRIPTION_CHARS, MAX_LINE_CHARS } from '../content/front-matter/fields.ts';
import { GENERATORS } from '../content/generators.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from '../content/language-tag.ts';
import { httpUrl } from '../content/paths/urls.ts';
import { describe } from '../core/describe.ts';
import { isRecord } from '../core/guards.ts';
import { outputPathProblem } from '../core/output-path.ts';
import { SiteUrl, SiteUrlError } from '../core/site-url.ts';
import { assertTimeZone } from '../core/time.ts';
import { cronProblem } from './cron.ts';
import { type FeedRoute, FORMAT_NAMES } from './feed-routes.ts';
import { appleCategory, type PodcastCategory, type PodcastSettings } from './podcast.ts';
import {
  asTaxonomyName,
  FEED_GROUPINGS,
  kindsOf,
  type PerKind,
  RESERVED_KIND,
  type ScopeKind,
  type Taxonomy,
  type TaxonomyName,
} from './scope-kinds.ts';
import {
  custom,
  either,
  type Field,
  flag,
  INVALID,
  type Invalid,
  list,
  map,
  object,
  off,
  oneOf,
  problem,
  required,
  table,
  text,
  whole,
} from './setting-kit.ts';

/** Carries a setting's flat name in its type (read by indexing, which does not depend on compiler options). */
export declare const flatName: unique symbol;

/** One setting: its field, and what the reference and `init` say of it. */
export interface Setting<In, Out, Flat extends string = never> {
  /** Never set: carries `flat`'s type. */
  readonly [flatName]?: readonly [Flat];
  readonly field: Field<In, Out>;
  /** What it does, in a sentence or three (the reference's text, `init`'s comment). */
  readonly doc: string;
  /** The default, as a config would write it; or made from settings read before (feedsUrl's is siteUrl). */
  readonly default?: In | ((values: Values) => In | undefined);
  /** What the reference says the default is, when it is not a value: `siteUrl`, `the generator's`. */
  readonly defaultDoc?: string;
  /** A value to show, when the default does not show how it is written. */
  readonly example?: In;
  /** The name it may also be written under at the top level, as earlier versions took it: its own by default. */
  readonly flat?: Flat;
  /** In a fresh `feedwright init` config, written out with this value (others are commented out). */
  readonly init?: In;
  /** The environment variable that also gives it (over the config file, under a flag): process settings. */
  readonly env?: string;
  /**
   * The default only stands in while trying feedwright on this machine: what would go wrong if it
   * were published. `build`, `build-worker` and `check` refuse to run with it unset; `serve` says so.
   */
  readonly standIn?: string;
  /**
   * An address readers are sent to: one at a host reserved for examples and tests (RFC 2606,
   * core/site-url.ts) is a placeholder nobody replaced, which `build`, `build-worker` and `check`
   * refuse as they refuse an unset siteUrl; `serve` says so. What to do instead, in a few words.
   */
  readonly placeholder?: string;
  /** A validated value written back as config input (configInput), when it is not one already. */
  readonly write?: (value: Out) => unknown;
}

/** Settings read so far, by flat name (what the validated config calls them). */
export type Values = Readonly<Record<string, unknown>>;

/** What a kind of feed's archive pages carry of each article: its summary and link, or all of it. */
export type HistoryForm = 'summaries' | 'full';

export interface Group<S> {
  /** What the group holds, in a line. */
  readonly doc: string;
  readonly settings: S;
}

/** A setting with a default: never undefined once read. */
export interface Defaulted<In, Out, Flat extends string = never> extends Setting<In, Out, Flat> {
  readonly default: In | ((values: Values) => In);
}

function setting<In, Out, const Flat extends string = never>(
  field: Field<In, Out>,
  spec: NoInfer<Omit<Defaulted<In, Out, Flat>, 'field' | 'flat'>> & { readonly flat?: Flat },
): Defaulted<In, Out, Flat>;
function setting<In, Out, const Flat extends string = never>(
  field: Field<In, Out>,
  spec: NoInfer<Omit<Setting<In, Out, Flat>, 'field' | 'default' | 'flat'>> & { readonly flat?: Flat },
): Setting<In, Out, Flat>;
function setting<In, Out, const Flat extends string = never>(
  field: Field<In, Out>,
  spec: Omit<Setting<In, Out, Flat>, 'field'>,
): Setting<In, Out, Flat> {
  return { field, ...spec };
}

const group = <S>(doc: string, settings: S): Group<S> => ({ doc, settings });

const siteUrlOf = (values: Values) => values.siteUrl as SiteUrl;

/** An absolute http(s) URL without query or fragment, parsed. */
const siteAddress = map(text({ type: 'URL' }), (value, at, reading) => {
  try {
    return SiteUrl.parse(value);
  } catch (error) {
    if (!(error instanceof SiteUrlError)) throw error;
    return problem(
      reading,
      at,
      `must be an absolute http(s) URL without query or fragment: ${error.message}`,
    );
  }
});

/** An http(s) URL, or a path on the site: made absolute on siteUrl. */
const siteResource = map(text({ type: 'URL or path' }), (value, at, reading) => {
  const url = httpUrl(value, siteUrlOf(reading.values).href);
  return url ?? problem(reading, at, `must be an http(s) URL or a path on the site, got "${value}"`);
});

const httpAddress = text({
  type: 'URL',
  check: (value) => (httpUrl(value) === undefined ? `"${value}" is not an absolute http(s) URL` : undefined),
});

/** A pattern must name each article apart (Hugo's `:slugorfilename`, `:contentbasename`, Jekyll's `:name` and `:path` too). */
const PERMALINK_KEY =
  /:(slug|filename|title|slugorfilename|contentbasename|slugorcontentbasename|name|path)(?![a-z])/;
const permalinkPattern = text({
  type: 'pattern',
  check: (value) =>
    PERMALINK_KEY.test(value)
      ? undefined
      : `"${value}" must contain :slug, :filename or :title, or articles would share URLs`,
});

const languageTag = text({
  type: 'language tag',
  check: (value) => (isLanguageTag(value) ? undefined : `"${value}" is not ${LANGUAGE_TAG_HINT}`),
});

const generatorOf = (values: Values) => GENERATORS[values.generator as keyof typeof GENERATORS];

const taxonomyNames = (values: Values): readonly Taxonomy[] => (values.taxonomies as Taxonomy[]) ?? [];

/** The kinds of feed of the config read so far: known once the taxonomies are. */
export const kindsIn = (values: Values): ScopeKind[] => kindsOf(taxonomyNames(values));

/**
 * A value for every kind of feed (`20`), or one per kind (`{ site: 50, tags: 10 }`): kinds left out
 * take the default (`fallback`, the same for every kind or one per kind); a key that is no kind of
 * the site's is a problem.
 */
function perScope<In, Out>(
  item: Field<In, Out>,
  fallback: Out | ((kind: ScopeKind) => Out),
): Field<In | { readonly [kind: string]: In }, PerKind<Out>> {
  const type = `${item.type}, or by kind of feed: { site?, tags?, … }`;
  const fallbackOf = (kind: ScopeKind): Out =>
    typeof fallback === 'function' ? (fallback as (kind: ScopeKind) => Out)(kind) : fallback;
  return custom(type, item.shape, (value, at, reading): PerKind<Out> | Invalid => {
    const kinds = kindsIn(reading.values);
    if (!isRecord(value)) {
      const one = item.read(value, at, reading);
      if (one === INVALID) return INVALID;
      return Object.fromEntries(kinds.map((kind) => [kind, one])) as PerKind<Out>;
    }
    let valid = true;
    for (const name of Object.keys(value)) {
      if ((kinds as string[]).includes(name)) continue;
      reading.problems.push(`${at}.${name} is not a kind of feed (known: ${kinds.join(', ')})`);
      valid = false;
    }
    const out: Record<string, Out> = {};
    for (const kind of kinds) {
      const read =
        value[kind] === undefined ? fallbackOf(kind) : item.read(value[kind], `${at}.${kind}`, reading);
      if (read === INVALID) valid = false;
      else out[kind] = read;
    }
    return valid ? (out as PerKind<Out>) : INVALID;
  });
}

/**
 * Archive pages of a kind of feed: none (`false`), pages of each article's summary and link
 * (`'summaries'`; `true`), or pages of whole articles as the feed carries them (`'full'`).
 */
/** The history of every kind of feed left out: the site's feed keeps one (every article is in it), others none. */
const SITE_HISTORY_ONLY = (kind: ScopeKind): HistoryForm | false => (kind === 'site' ? 'summaries' : false);

const historyForm = custom<boolean | HistoryForm, HistoryForm | false>(
  'true, false, "summaries" or "full"',
  'boolean',
  (value, at, reading) => {
    if (value === true) return 'summaries';
    if (value === false || value === 'summaries' || value === 'full') return value;
    return problem(reading, at, `must be true, false, "summaries" or "full", got ${describe(value)}`);
  },
);

const TAXONOMY_NAME = /^[^/\s]+$/;

/** A taxonomy: its name (a kind of feed, so never `site`) and the front-matter fields listing its terms. */
const taxonomy = map(
  either(
    map(text(), (name) => ({ name, fields: [name] })),
    object({ name: required(text()), fields: required(list(text())) }),
  ),
  ({ name, fields }, at, reading): Taxonomy | Invalid => {
    if (name === RESERVED_KIND)
      return problem(reading, at, `"${name}" is the site's own kind of feed; name the taxonomy otherwise`);
    if (!TAXONOMY_NAME.test(name))
      return problem(reading, at, `"${name}" is not a name without "/" or spaces`);
    return { name: asTaxonomyName(name), fields };
  },
);

/** Taxonomies, each once (a name given twice is one: a Hugo site may map two singulars to one plural). */
const taxonomies = map(list(taxonomy), (items): Taxonomy[] => {
  const byName = new Map<TaxonomyName, Taxonomy>();
  for (const { name, fields } of items)
    byName.set(name, { name, fields: [...new Set([...(byName.get(name)?.fields ?? []), ...fields])] });
  return [...byName.values()];
});

const scopeKind = map(text(), (value, at, reading) => {
  const kinds = kindsIn(reading.values);
  return (
    kinds.find((kind) => kind === value) ??
    problem(reading, at, `"${value}" is not a kind of feed (known: ${kinds.join(', ')})`)
  );
});

const feedRoute = map(
  object({
    scope: required(scopeKind),
    path: required(
      text({
        type: 'path',
        // It names a file `build` writes, too: one rule for every such path.
        check: (value) => {
          const problem = outputPathProblem(value);
          return problem && `${JSON.stringify(value)} ${problem}`;
        },
      }),
    ),
    format: required(oneOf(FORMAT_NAMES)),
    language: text(),
    term: text(),
    only: list(text()),
    always: flag(),
    except: list(text()),
    output: text(),
    match: text({
      check: (value) => {
        try {
          new RegExp(value);
          return undefined;
        } catch {
          return `"${value}" is not a regular expression`;
        }
      },
    }),
  }),
  (route): FeedRoute => route,
);

const email = text({
  check: (value) => (isEmailAddress(value) ? undefined : `must be an e-mail address, got "${value}"`),
});

const author = either(
  map(text(), (name): Author => ({ name })),
  object({
    name: required(text()),
    email,
    url: map(httpAddress, (value) => httpUrl(value) ?? value),
  }),
);

const POLLING = { min: 60, max: 10_800 };

const polling = either(
  off(undefined),
  map(object({ min: whole(), max: whole() }), (bounds, at, reading) => {
    const min = bounds.min ?? POLLING.min;
    const max = bounds.max ?? Math.max(min, POLLING.max);
    if (min > max) {
      reading.problems.push(`${at}.min (${min}) is above ${at}.max (${max})`);
      return INVALID;
    }
    return { min, max };
  }),
);

const dateSources = list(text(), { type: 'list of field names, `:filename`, `:fileModTime`, `:git`' });

/** Date sources given for some dates; the others are the generator's. */
const dates = map(
  object({ date: dateSources, publishDate: dateSources, lastmod: dateSources, expiryDate: dateSources }),
  (given, _at, reading): DateSources => ({ ...generatorOf(reading.values).dates, ...given }),
);

const languages = list(
  map(
    object({
      key: required(text({ check: (v) => (v === '' ? 'must not be empty' : undefined) })),
      code: languageTag,
      name: text({ max: MAX_LINE_CHARS }),
      title: text({ max: MAX_LINE_CHARS }),
    }),
    ({ key, code, name, title }): SiteLanguage => ({
      key,
      code: code || key,
      ...(name && { name }),
      ...(title && { title }),
    }),
  ),
);

const roots = list(
  map(
    object({ dir: required(text()), language: text(), target: text() }),
    ({ dir, language, target }): ContentRoot => {
      const folder = dir.replace(/^\.?\/+|\/+$/g, '');
      const within = target?.replace(/^\.?\/+|\/+$/g, '');
      return {
        dir: folder,
        ...(language !== undefined && { language }),
        ...(within && { target: within }),
      };
    },
  ),
  { nonEmpty: true },
);

const regularExpression = text({
  type: 'regular expression',
  check: (value) => {
    try {
      new RegExp(value);
      return undefined;
    } catch {
      return `"${value}" is not a regular expression`;
    }
  },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A podcast's show: written in part, the rest from the site's title, author and image. */
const podcast = map(
  object({
    image: siteResource,
    categories: required(
      list(
        map(text({ type: 'Apple category' }), (written, at, reading): PodcastCategory | Invalid => {
          const found = appleCategory(written);
          if (found) return found;
          return problem(
            reading,
            at,
            `"${written}" is not one of Apple Podcasts' categories (as "Technology", "Society & Culture/Documentary", or a subcategory alone)`,
          );
        }),
        { nonEmpty: true },
      ),
    ),
    explicit: required(flag()),
    owner: object({ name: text({ max: MAX_LINE_CHARS }), email: required(email) }),
    author: text({ max: MAX_LINE_CHARS }),
    type: oneOf(['episodic', 'serial'] as const),
    locked: flag(),
    guid: text({
      type: 'UUID',
      check: (value) => (UUID.test(value) ? undefined : `"${value}" is not a UUID (podcast:guid)`),
    }),
    funding: list(
      either(
        map(httpAddress, (url) => ({ url: httpUrl(url) ?? url, text: 'Support the show' })),
        map(object({ url: required(httpAddress), text: required(text({ max: 128 })) }), (f) => ({
          url: httpUrl(f.url) ?? f.url,
          text: f.text,
        })),
      ),
    ),
  }),
  (given, at, reading): PodcastSettings | Invalid => {
    const values = reading.values;
    const image = given.image ?? (values.image as string | undefined);
    if (image === undefined)
      return problem(
        reading,
        at,
        'needs an image (`podcast.image`, or the site’s `image`): Apple Podcasts requires show artwork, 1400 to 3000 pixels square',
      );
    const siteAuthor = values.author as Author | undefined;
    const owner =
      given.owner ??
      (siteAuthor?.email === undefined
        ? undefined
        : { ...(siteAuthor.name !== undefined && { name: siteAuthor.name }), email: siteAuthor.email });
    return {
      image,
      categories: given.categories,
      explicit: given.explicit,
      ...(owner && { owner }),
      author: given.author ?? siteAuthor?.name ?? (values.title as string),
      type: given.type ?? 'episodic',
      locked: given.locked ?? false,
      ...(given.guid !== undefined && { guid: given.guid.toLowerCase() }),
      funding: given.funding ?? [],
      ...(siteAuthor?.name !== undefined && {
        host: { name: siteAuthor.name, ...(siteAuthor.url !== undefined && { url: siteAuthor.url }) },
      }),
    };
  },
);

const anyTable = custom<Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>>(
  'table',
  'object',
  (value, at, reading) =>
    isRecord(value) ? value : problem(reading, at, `must be a table, got ${describe(value)}`),
);

const frontMatterDefaults = list(
  map(
    object({ path: text(), values: required(anyTable) }),
    ({ path, values }): FrontMatterDefault => ({ path: path ?? '', values }),
  ),
);

/** The feed's settings, by group. */
export const FEED_SETTINGS = {
  identity: group('What the feeds say they are, and where the site and the feeds live.', {
    siteUrl: setting(siteAddress, {
      doc: 'Absolute URL of the site the articles are published on: every article’s link and id is built on it. In site mode, the site’s own (Hugo’s `baseURL`, Jekyll’s `url` and `baseurl`). A placeholder is refused like an unset URL: `example.com`, `example.net`, `example.org`, any name under them, and any under `.example`, `.test` or `.invalid` (RFC 2606) — what `hugo new site` and the examples here write, for you to replace.',
      default: 'http://127.0.0.1:8787/',
      defaultDoc:
        'none: `build`, `build-worker` and `check` refuse to run without it or with a placeholder; `serve` stands in `http://127.0.0.1:8787/` and says so',
      example: 'https://example.org/',
      standIn: 'every link would point at http://127.0.0.1:8787/, this machine',
      placeholder: "every link and id would point at it; set the site's own URL",
      write: (url) => url.href,
    }),
    title: setting(text({ max: MAX_LINE_CHARS }), {
      doc: 'The site’s title: every feed’s starts with it (`My site — Tag: Go`, `My site (Français)`). In site mode, the site’s own.',
      default: (values) => new URL(siteUrlOf(values).href).host,
      defaultDoc: 'the host name of `siteUrl`',
      example: 'My blog',
    }),
    feedsUrl: setting(siteAddress, {
      doc: 'Absolute URL the feeds are served from, when it is not the site’s: self links, the OPML, the index page and WebSub are built on it.',
      default: (values) => siteUrlOf(values).href,
      defaultDoc: '`siteUrl`',
      example: 'https://feeds.example.org/',
      placeholder: 'every self link would point at it; set where the feeds are served',
      write: (url) => url.href,
    }),
    description: setting(text({ max: MAX_DESCRIPTION_CHARS }), {
      doc: 'What the site is about, in a sentence; empty, feeds say the title.',
      default: '',
      example: 'Notes on Go and gardening',
    }),
    language: setting(languageTag, {
      doc: 'The site’s language (BCP 47): the site feed’s, and that of articles that name none.',
      default: 'en',
    }),
    author: setting(author, {
      doc: 'The feeds’ author, for articles that name none: a name, or `{ name, email?, url? }`.',
      example: { name: 'Ada', email: 'ada@example.org' },
    }),
    image: setting(siteResource, {
      doc: 'The feeds’ image (RSS `image`, Atom `logo`, JSON Feed `icon`): a URL, or a path on the site.',
      example: '/logo.png',
    }),
    icon: setting(siteResource, {
      doc: 'A small square icon (Atom `icon`, JSON Feed `favicon`, and `/favicon.ico`): a URL, or a path on the site.',
      example: '/favicon.png',
    }),
    podcast: setting(podcast, {
      doc: 'Makes the site a podcast: its RSS feeds that hold episodes (items with an audio or video enclosure) carry Apple Podcasts’ `itunes:` tags and Podcasting 2.0’s `podcast:` tags. `categories` (Apple’s: `Technology`, `Society & Culture/Documentary`) and `explicit` must be said; `image` (else the site’s, required), `owner` `{ name, email }` (else the site’s author with an e-mail), `author` (else the site’s author or title), `type` (`episodic` or `serial`), `locked`, `guid` (else made from the site feed’s URL: write it down before that URL changes) and `funding` (`[{ url, text }]`) may be. Episodes say `duration` (else read from an MP3 or M4A in the site), `episode`, `season`, `episodeType`, `explicit`, `transcript`, `chapters` and `image` in their front matter.',
      example: {
        categories: ['Technology'],
        explicit: false,
        owner: { name: 'Ada', email: 'ada@example.org' },
        funding: [{ url: 'https://example.org/support', text: 'Support the show' }],
      },
      // As written: its host is the site's author again when read.
      write: (podcast) => {
        if (!podcast) return undefined;
        const { host: _host, categories, ...show } = podcast;
        const written = categories.map((c) =>
          c.subcategory ? `${c.category}/${c.subcategory}` : c.category,
        );
        return { ...show, categories: written };
      },
    }),
  }),
  articles: group('How the articles are read: whose rules, which folders, dates, links and taxonomies.', {
    generator: setting(oneOf(Object.keys(GENERATORS) as (keyof typeof GENERATORS)[]), {
      doc: 'Read the content by the rules of the generator the site is built with, so every item keeps the id, link and date it gave it (`--site` sets it).',
      default: 'feedwright',
    }),
    timeZone: setting(
      text({
        type: 'time zone',
        check: (value) => {
          try {
            assertTimeZone(value);
            return undefined;
          } catch {
            return `"${value}" is not an IANA time zone (e.g. "Asia/Shanghai", "UTC")`;
          }
        },
      }),
      {
        doc: 'IANA time zone of dates written without one; a bare date is midnight there.',
        default: 'UTC',
        example: 'Europe/Berlin',
      },
    ),
    permalink: setting(permalinkPattern, {
      doc: 'How an article’s URL is made: `:year :month :day :slug :section :filename :title`.',
      default: (values) => generatorOf(values).permalink,
      defaultDoc: `the generator’s: ${Object.entries(GENERATORS)
        .map(([name, rules]) => `\`'${rules.permalink}'\` (${name})`)
        .join(', ')}`,
      example: '/posts/:year/:slug/',
    }),
    sectionPermalinks: setting(table(permalinkPattern), {
      doc: 'Permalink patterns by top-level section, over `permalink` (Hugo’s `[permalinks]`).',
      flat: 'permalinks',
      default: {},
      example: { notes: '/notes/:year/:slug/' },
    }),
    languages: setting(languages, {
      doc: 'The languages the site is written in, by the key articles are marked with (`post.fr.md`, a root’s `language`) and the code feeds carry; a language’s feed is titled with its `title` (the site’s, in it), else the site’s followed by its `name` (Hugo’s `languageName`) or code. None: any known language suffix is one.',
      default: [],
      example: [{ key: 'fr', code: 'fr-FR', name: 'Français' }],
    }),
    roots: setting(roots, {
      doc: 'Folders under the content folder to read, each optionally all in one language.',
      default: [{ dir: '' }],
      example: [{ dir: 'en' }, { dir: 'fr', language: 'fr' }],
    }),
    itemDate: setting(oneOf(['date', 'publishDate'] as const), {
      doc: 'The date feeds show as an item’s publication: its `date`, or its `publishDate` (a Hugo theme whose feed template prints `.PublishDate`: `--site` reads the templates). Articles are ordered by `date` either way.',
      default: 'date',
    }),
    undatedPages: setting(oneOf(['publish', 'main-section'] as const), {
      doc: 'Hugo pages without a date: `publish` them with Hugo’s zero date (0001-01-01) wherever they are, as Hugo’s own feed template lists them, or only in the `main-section` (the section with the most dated pages): a site whose feed templates pick their pages (`--site` reads the templates).',
      default: 'publish',
    }),
    linkField: setting(text(), {
      doc: 'A front-matter field whose URL is an item’s link, the item’s id staying the article’s own URL: link posts (`link: https://…`), as a Hugo theme whose feed template links `.Params.link` makes them (`--site` reads the templates). Empty: none.',
      default: '',
      example: 'link',
    }),
    ignoreFiles: setting(list(regularExpression), {
      doc: 'Files and folders never read: regular expressions matched against their paths (Hugo’s `ignoreFiles`).',
      default: [],
      example: ['\\.Rmd$', '(^|/)drafts$'],
    }),
    taxonomies: setting(taxonomies, {
      doc: 'Taxonomies, by plural name (`series`) or `{ name, fields }` (front-matter fields that list its terms). Each is a kind of feed.',
      default: ['tags', 'categories'],
      example: ['tags', 'categories', 'series'],
    }),
    sections: setting(list(text()), {
      doc: 'Sections whose articles are posts (Hugo’s `mainSections`); others are left out. Empty: every section.',
      default: [],
      example: ['posts'],
    }),
    dates: setting(dates, {
      doc: 'Where each date comes from: front-matter fields, `:filename`, `:fileModTime`, `:git` (Hugo’s `[frontmatter]`). Dates left out keep the generator’s.',
      default: (values) => generatorOf(values).dates,
      defaultDoc: 'the generator’s',
      example: { lastmod: [':git', 'lastmod'] },
    }),
    future: setting(flag(), {
      doc: 'Publish articles dated in the future now.',
      default: false,
    }),
    variables: setting(anyTable, {
      doc: 'The site’s own variables (Jekyll’s `site.*` in Liquid).',
      default: {},
      example: { author: 'Ada' },
    }),
    defaults: setting(frontMatterDefaults, {
      doc: 'Front matter every article under a path gets unless it writes its own, later entries over earlier ones (Jekyll’s `defaults:`, Hugo’s `cascade`): `path` is a folder or file in the content folder, or a glob (`*`, `**`).',
      default: [],
      example: [{ path: '_posts/news', values: { permalink: '/news/:title/' } }],
    }),
  }),
  feeds: group('Which feeds there are, and what each kind of feed shows.', {
    per: setting(list(oneOf(FEED_GROUPINGS)), {
      doc: 'Feeds besides the site’s and its taxonomies’: one per section (`/posts/feed.xml`), per language when there are several (`/fr/feed.xml`), per author (`/authors/ada/feed.xml`).',
      flat: 'feedsPer',
      default: [...FEED_GROUPINGS],
    }),
    routes: setting(list(feedRoute), {
      doc: 'More paths feeds are served at, beside feedwright’s own: those of the generator a site switches from (`--site` sets them). `{slug}` is a term’s slug, `{name}` the term as written.',
      flat: 'feeds',
      default: [],
      example: [{ scope: 'tags', path: 'tags/{slug}/index.xml', format: 'rss' }],
    }),
    ownFeeds: setting(oneOf(['all', 'beside'] as const), {
      doc: 'Where feedwright’s own feeds are (its file names, all three formats): for `all` scopes, or only `beside` a feed of `routes`, so that a site keeps the set of feeds its generator made (`--site` sets it).',
      default: 'all',
    }),
    itemLimit: setting(perScope(whole(), 20), {
      doc: 'Items per feed, 0 for all; or per kind of feed (`site`, each taxonomy, `sections`, `languages`, `authors`).',
      default: 20,
      example: { site: 50, tags: 20, series: 0 },
    }),
    summaryOnly: setting(perScope(flag(), false), {
      doc: 'Feeds that carry each article’s summary and link instead of its full text; or per kind of feed. One article can ask for it with `summaryOnly: true` in its front matter.',
      default: false,
      example: { tags: true },
    }),
    history: setting(perScope(historyForm, SITE_HISTORY_ONLY), {
      doc: 'Archive pages (RFC 5005) for what a feed no longer shows, linked from the feed: `"summaries"` or `true` (pages of 100 articles, each its summary and link), `"full"` (pages as long as the feed, each article whole, as the feed carries it), `false` (none: the feed ends at its item limit); or per kind of feed. By default only the site’s feed keeps its history: every article is in it.',
      default: { site: 'summaries' },
      example: { site: 'full', tags: true },
    }),
  }),
  limits: group('Bounds on what one article or one feed may cost.', {
    maxBodyBytes: setting(whole(1_000), {
      doc: 'Bytes of an article’s body read and rendered, and of its HTML in an item; a longer body is cut at an element boundary and ends in a link to the article, with a warning.',
      default: 500_000,
    }),
    maxItemCategories: setting(whole(0), {
      doc: 'Categories (terms of every taxonomy) an item lists: the first ones written.',
      default: 100,
    }),
    maxFeedBytes: setting(whole(100_000), {
      doc: 'Bytes of a feed document: its oldest items carry their summary and link instead of their text until it fits, and only items that do not fit even so are left out, oldest first; `build` and `check` name each such feed (goread refuses feeds over 2 MiB, CommaFeed over 5 MiB, Miniflux over 15 MiB).',
      default: 2_000_000,
    }),
  }),
  http: group('How long answers may be cached, and how often readers are asked to poll.', {
    polling: setting(polling, {
      doc: 'Each feed’s RSS `ttl`, `sy:updateFrequency` and Cache-Control max-age: a 24th of the typical gap between its items, within these bounds in seconds; `false` for `maxAge` everywhere and no hints.',
      default: POLLING,
      write: (value) => value ?? false,
    }),
    maxAge: setting(whole(), {
      doc: 'Cache-Control max-age in seconds of pages, and of feeds when `polling` is false.',
      default: 60,
    }),
    staleWhileRevalidate: setting(whole(), {
      doc: 'Cache-Control stale-while-revalidate in seconds.',
      default: 300,
    }),
  }),
  push: group('Telling others the feeds changed.', {
    hubs: setting(
      map(either(httpAddress, list(httpAddress)), (value) => {
        const hubs = (typeof value === 'string' ? [value] : value).map((hub) => httpUrl(hub) ?? hub);
        return [...new Set(hubs)];
      }),
      {
        doc: 'WebSub hubs: every feed names them, and each regeneration tells them which feeds changed (`--hub`).',
        default: [],
        example: ['https://pubsubhubbub.appspot.com/'],
      },
    ),
  }),
} as const;

/**
 * The process's settings: where and how this run works. Each is also a command-line flag (which
 * wins); paths are relative to the config file.
 */
export const PROCESS_SETTINGS = {
  site: setting(text(), {
    doc: 'A Hugo or Jekyll site’s folder, read with its own settings: site mode (`--site`). Every item keeps the id, link and date the generator gives it.',
    defaultDoc:
      'the working folder when it is a Hugo or Jekyll site (`hugo.toml`, `config.toml`, `config/_default/`, `_config.yml`) and `content` is not set',
    example: '.',
  }),
  content: setting(text(), {
    doc: 'The content folder, when it is no Hugo or Jekyll site (`--content`).',
    defaultDoc: "`'content'` in the working folder",
    example: 'content',
  }),
  out: setting(text(), {
    doc: 'Where `build` writes (`--out`). Inside a site’s publish folder (`public/feeds`), the feeds are published at that path of the site unless `feedsUrl` says otherwise.',
    defaultDoc:
      'in site mode, the site’s publish folder (Hugo’s `publishDir`, Jekyll’s `destination`); otherwise none: `build` asks for it',
    example: 'public',
  }),
  port: setting(whole(0, 65_535), {
    doc: 'Port `serve` listens on (`--port`).',
    defaultDoc: '`8787`',
    example: 8787,
    env: 'PORT',
  }),
  host: setting(text(), {
    doc: 'Address `serve` listens on (`--host`).',
    defaultDoc: "`'127.0.0.1'`",
    example: '127.0.0.1',
    env: 'HOST',
  }),
  ids: setting(text(), {
    doc: 'The ids file (`--ids`): every id and link published, kept when a new siteUrl, permalink or file name would change them. Commit it. Never written while `siteUrl` is this machine’s.',
    init: 'feedwright.ids.json',
  }),
  acceptIdChanges: setting(flag(), {
    doc: 'This run publishes and records new ids and links instead of the recorded ones (`--accept-id-changes`; in a wrangler build, `FEEDWRIGHT_ACCEPT_ID_CHANGES=1 npx wrangler deploy`). Readers show those items again.',
    default: false,
    env: 'FEEDWRIGHT_ACCEPT_ID_CHANGES',
  }),
  refresh: setting(
    text({
      type: 'cron or "off"',
      check: (value) => (value === 'off' ? undefined : prefixed(value, cronProblem(value))),
    }),
    {
      doc: 'When `serve` regenerates, as cron (seconds optional), or "off" (`--refresh`).',
      default: '* * * * *',
      example: '*/5 * * * *',
    },
  ),
} as const;

function prefixed(value: string, problem: string | undefined): string | undefined {
  return problem && `"${value}" is not a cron expression (or "off"): it ${problem}`;
}
