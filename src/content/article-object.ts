/**
 * An article handed over as a plain object (publishArticles, the Astro and Eleventy helpers) → the
 * head and source a file's front matter gives. Each field is checked once, here: a wrong shape is
 * an error naming the article and the field, and that article is left out; the values are then
 * cleaned by the rules front matter is (characters XML forbids, bounded text, http(s) URLs, ids in
 * schemes readers cannot be led astray by, authors, enclosures), with the same warnings.
 */
import { describe, nearestName } from '../core/describe.ts';
import { isRecord } from '../core/guards.ts';
import { hashText } from '../core/hash.ts';
import type { Problem } from '../core/problem.ts';
import { utf8Prefix } from '../core/utf8.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import type { ArticleHead, BodyFormat, ReadSettings, SourceArticle } from './article.ts';
import { attachmentsField } from './attachments.ts';
import { DateValueError, readDateValue } from './dates/dates.ts';
import { durationValue, episodeField } from './episode.ts';
import {
  authorsField,
  boundedText,
  type FieldWarning,
  type Fields as FrontMatterFields,
} from './front-matter/fields.ts';
import { GENERATORS } from './generators.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from './language-tag.ts';
import { languageCodeOf } from './paths/languages.ts';
import { sitePath } from './paths/permalink.ts';
import { httpUrl, refusedIdScheme } from './paths/urls.ts';

/** A date: a Date, or text as front matter writes one (`2025-02-12`, RFC 3339); no zone: the site's. */
export type ArticleDate = Date | string;

/** A person: `Name`, `Name <a@example.org>`, or the parts. */
export type ArticleAuthor =
  | string
  | { readonly name?: string; readonly email?: string; readonly url?: string };

/** Audio, video or a file the article carries: its URL, or the URL and what is known of it. */
export type ArticleEnclosure =
  | string
  | {
      readonly url: string;
      /** Media type (`audio/mpeg`); else from the URL's extension. */
      readonly type?: string;
      /** In bytes. */
      readonly length?: number;
      readonly title?: string;
      /** How long it plays: seconds, or `h:mm:ss` text. */
      readonly duration?: number | string;
    };

/** A transcript or captions file of an episode: its URL, or the URL and its type, language, `rel`. */
export type ArticleTranscript =
  | string
  | { readonly url: string; readonly type?: string; readonly language?: string; readonly rel?: string };

/**
 * What a podcast episode says of itself, as its front matter would (see README, Podcasts): the
 * episode is an article whose first enclosure is audio or video.
 */
interface EpisodeFields {
  /** `itunes:episode`: a whole number from 1. */
  readonly episode?: number;
  /** `itunes:season`: a whole number from 1. */
  readonly season?: number;
  readonly episodeType?: 'full' | 'trailer' | 'bonus';
  /** Else the show's. */
  readonly explicit?: boolean;
  /** How long the first audio or video plays: seconds, or `h:mm:ss` text. */
  readonly duration?: number | string;
  readonly transcripts?: readonly ArticleTranscript[];
  /** A chapters file (`podcast:chapters`): its URL, or the URL and its type. */
  readonly chapters?: string | { readonly url: string; readonly type?: string };
}

interface ArticleFields extends EpisodeFields {
  /** Plain text. */
  readonly title: string;
  /** What feeds show as published. */
  readonly date: ArticleDate;
  /** Last changed; an `updated` before `date` is `date`. */
  readonly updated?: ArticleDate;
  /** Live from this instant (a scheduled post); @default date */
  readonly publishDate?: ArticleDate;
  /** Out of every feed from this instant. */
  readonly expiryDate?: ArticleDate;
  /** The item's id: an http(s) URL, a tag: or urn: URI, or plain text (made a tag: URI). @default the link */
  readonly id?: string;
  /** In the body's markup (Markdown with `markdown`, HTML with `html`). @default the body's first 70 words */
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly categories?: readonly string[];
  /** Terms of the config's other taxonomies, by taxonomy (`{ series: ['Go in depth'] }`). */
  readonly terms?: Readonly<Record<string, readonly string[]>>;
  readonly authors?: readonly ArticleAuthor[];
  /** A BCP 47 language tag, or a key of the config's `languages`. @default the site's language */
  readonly lang?: string;
  /** An http(s) URL, or a path resolved against the article's link. */
  readonly image?: string;
  readonly enclosures?: readonly ArticleEnclosure[];
  /** Left out of every feed. */
  readonly draft?: boolean;
  /** Feeds carry only its summary and link. */
  readonly summaryOnly?: boolean;
  /** Where it comes from (`src/content/blog/hello.md`): what problems name it by, and the ids file keys it by. */
  readonly source?: string;
}

/** The page an item links to: an absolute http(s) URL, or a path on the site (`/blog/hello/`). */
type ArticleLink =
  | { readonly url: string; readonly path?: never }
  | { readonly path: string; readonly url?: never };

/** The body, as HTML or as Markdown (rendered as feedwright renders Markdown files); or none. */
type ArticleBody =
  | { readonly html: string; readonly markdown?: never }
  | { readonly markdown: string; readonly html?: never }
  | { readonly html?: never; readonly markdown?: never };

/** One article, as publishArticles takes it. */
export type Article = ArticleFields & ArticleLink & ArticleBody;

const FIELD_NAMES = [
  'title',
  'url',
  'path',
  'date',
  'updated',
  'publishDate',
  'expiryDate',
  'id',
  'html',
  'markdown',
  'summary',
  'tags',
  'categories',
  'terms',
  'authors',
  'lang',
  'image',
  'enclosures',
  'draft',
  'summaryOnly',
  'source',
  'episode',
  'season',
  'episodeType',
  'explicit',
  'duration',
  'transcripts',
  'chapters',
] as const satisfies readonly (keyof ArticleFields | 'url' | 'path' | 'html' | 'markdown')[];

/** Every field an article may have: TypeScript says so when one is missing from the list. */
type Missing = Exclude<
  keyof ArticleFields | 'url' | 'path' | 'html' | 'markdown',
  (typeof FIELD_NAMES)[number]
>;
const allNamed: [Missing] extends [never] ? true : Missing = true;
void allNamed;

/** The markup of a Markdown body: feedwright's own rules, as for a Markdown file. */
const MARKDOWN: BodyFormat = {
  markup: 'markdown',
  liquid: undefined,
  linkify: GENERATORS.feedwright.linkify,
  typographer: GENERATORS.feedwright.typographer,
};
const HTML: BodyFormat = { markup: 'html', liquid: undefined, linkify: false, typographer: false };

/**
 * A body is kept to this many bytes past the budget: enough for the renderer to see it is longer
 * than the budget (and end it with a link to the article), as a file's read past it does.
 */
const PAST_BUDGET = 4;

export interface ObjectRead {
  /** The article, or undefined when it cannot be published. */
  readonly article: SourceArticle | undefined;
  /** Each problem, named by the article's key when it has one, else by its place in the list. */
  readonly problems: readonly Problem[];
}

type Report = (severity: Problem['severity'], message: string) => void;

/** What a value is, for a problem: `text "go"`, `a list`, `3`. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `text ${describe(value)}`;
  if (Array.isArray(value)) return `a list ${describe(value)}`;
  if (value === null) return 'null';
  if (value instanceof Date) return 'a Date';
  if (isRecord(value)) return `an object ${describe(value)}`;
  return `${typeof value} ${describe(value)}`;
}

/** A table without its null values (what a CMS writes for an empty field); anything else as it is. */
const withoutNulls = (item: unknown): unknown =>
  isRecord(item) ? Object.fromEntries(Object.entries(item).filter(([, v]) => v != null)) : item;

const DURATION_EXPECTED = 'seconds (a number above 0), or h:mm:ss text';
const MEDIA_TYPE_EXPECTED = 'a media type such as "text/vtt"';
const isMediaType = (v: unknown) => typeof v === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(v);

const ENCLOSURE_EXPECTED = 'a list of URLs or { url, type?, length?, title?, duration? }';

/** What each part of an enclosure must be besides its `url`. */
const ENCLOSURE_PARTS: Readonly<Record<string, { fits: (v: unknown) => boolean; expected: string }>> = {
  type: { fits: isMediaType, expected: 'a media type such as "audio/mpeg"' },
  length: { fits: (v) => Number.isSafeInteger(v) && (v as number) >= 0, expected: 'a whole number of bytes' },
  title: { fits: (v) => typeof v === 'string', expected: 'text' },
  duration: { fits: (v) => durationValue(v) !== undefined, expected: DURATION_EXPECTED },
};

/** What each part of a transcript or a chapters file may be besides its `url`. */
const LINKED_PARTS: Readonly<Record<string, { fits: (v: unknown) => boolean; expected: string }>> = {
  type: { fits: isMediaType, expected: MEDIA_TYPE_EXPECTED },
  language: { fits: (v) => typeof v === 'string', expected: 'text' },
  rel: { fits: (v) => typeof v === 'string', expected: 'text' },
};

/** Checks each field's shape; every wrong one is an error. Returns the fields as given, or undefined. */
class Shape {
  ok = true;
  constructor(
    private readonly value: Readonly<Record<string, unknown>>,
    private readonly report: Report,
  ) {}

  #wrong(field: string, expected: string, value: unknown): undefined {
    this.ok = false;
    this.report('error', `"${field}" must be ${expected}, got ${shown(value)}`);
    return undefined;
  }

  text(field: string): string | undefined {
    const value = this.value[field];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? stripForbiddenXmlChars(value) : this.#wrong(field, 'text', value);
  }

  flag(field: string): boolean | undefined {
    const value = this.value[field];
    if (value === undefined || typeof value === 'boolean') return value;
    return this.#wrong(field, 'true or false', value);
  }

  textList(field: string, value = this.value[field]): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      return this.#wrong(field, 'a list of text', value);
    return value.map((item: string) => stripForbiddenXmlChars(item));
  }

  date(field: string, timeZone: string): number | undefined {
    const value = this.value[field];
    if (value === undefined) return undefined;
    if (!(value instanceof Date) && typeof value !== 'string')
      return this.#wrong(field, 'a Date or a date as text', value);
    try {
      return readDateValue(value, timeZone).instant;
    } catch (error) {
      if (!(error instanceof DateValueError)) throw error;
      this.ok = false;
      this.report('error', `"${field}": ${error.message}`);
      return undefined;
    }
  }

  /** `authors`: text, or `{ name?, email?, url? }` with text values (null: not given). */
  authors(): readonly unknown[] | undefined {
    const value = this.value.authors;
    if (value === undefined) return undefined;
    const person = (item: unknown) =>
      typeof item === 'string' ||
      (isRecord(item) &&
        Object.entries(item).every(
          ([key, part]) =>
            ['name', 'email', 'url'].includes(key) && (part == null || typeof part === 'string'),
        ));
    if (!Array.isArray(value) || !value.every(person))
      return this.#wrong('authors', 'a list of names or { name?, email?, url? }', value);
    return value.map(withoutNulls);
  }

  /** `enclosures`: URLs, or `{ url, type?, length?, title? }` (null: not given). */
  enclosures(): readonly unknown[] | undefined {
    const value = this.value.enclosures;
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.#wrong('enclosures', ENCLOSURE_EXPECTED, value);
    const items = value.map(withoutNulls);
    let ok = true;
    // Every item is checked, so that each wrong one is said.
    for (const item of items) if (!this.#enclosureFits(item)) ok = false;
    return ok ? items : undefined;
  }

  /** Whether one enclosure has its shape; each part that has not is said. */
  #enclosureFits(item: unknown): boolean {
    if (typeof item === 'string') return true;
    if (!isRecord(item) || typeof item.url !== 'string')
      return this.#wrong('enclosures', ENCLOSURE_EXPECTED, item) ?? false;
    let ok = true;
    for (const [key, part] of Object.entries(item)) {
      if (key === 'url') continue;
      const wrong = Object.hasOwn(ENCLOSURE_PARTS, key) ? ENCLOSURE_PARTS[key] : undefined;
      if (!wrong) ok = this.#wrong('enclosures', ENCLOSURE_EXPECTED, item) ?? false;
      else if (!wrong.fits(part)) ok = this.#wrong(`enclosures ${key}`, wrong.expected, part) ?? false;
    }
    return ok;
  }

  /** A whole number from 1 (`episode`, `season`). */
  counting(field: string): number | undefined {
    const value = this.value[field];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
    return this.#wrong(field, 'a whole number from 1', value);
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const value = this.value[field];
    if (value === undefined) return undefined;
    if ((values as readonly unknown[]).includes(value)) return value as T;
    return this.#wrong(field, `one of ${values.map((v) => `"${v}"`).join(', ')}`, value);
  }

  /** How long media plays: seconds, or `h:mm:ss` text. */
  duration(field: string): number | string | undefined {
    const value = this.value[field];
    if (value === undefined) return undefined;
    if (durationValue(value) !== undefined) return value as number | string;
    return this.#wrong(field, DURATION_EXPECTED, value);
  }

  /** `transcripts`: URLs, or `{ url, type?, language?, rel? }` (null: not given). */
  transcripts(): readonly unknown[] | undefined {
    const value = this.value.transcripts;
    const expected = 'a list of URLs or { url, type?, language?, rel? }';
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.#wrong('transcripts', expected, value);
    const items = value.map(withoutNulls);
    let ok = true;
    for (const item of items) if (!this.#partsFit('transcripts', item, LINKED_PARTS, expected)) ok = false;
    return ok ? items : undefined;
  }

  /** `chapters`: a URL, or `{ url, type? }`. */
  chapters(): unknown {
    const value = withoutNulls(this.value.chapters);
    if (value === undefined) return undefined;
    const parts = { type: LINKED_PARTS.type } as typeof LINKED_PARTS;
    return this.#partsFit('chapters', value, parts, 'a URL or { url, type? }') ? value : undefined;
  }

  /** Whether a linked file (text, or `{ url, … }` of `parts`) has its shape; each part that has not is said. */
  #partsFit(field: string, item: unknown, parts: typeof LINKED_PARTS, expected: string): boolean {
    if (typeof item === 'string') return true;
    if (!isRecord(item) || typeof item.url !== 'string') return this.#wrong(field, expected, item) ?? false;
    let ok = true;
    for (const [key, part] of Object.entries(item)) {
      if (key === 'url') continue;
      const wrong = Object.hasOwn(parts, key) ? parts[key] : undefined;
      if (!wrong) ok = this.#wrong(field, expected, item) ?? false;
      else if (!wrong.fits(part)) ok = this.#wrong(`${field} ${key}`, wrong.expected, part) ?? false;
    }
    return ok;
  }

  /** `terms`: a list of text for each taxonomy the config names (tags and categories have fields of their own). */
  terms(taxonomies: readonly string[]): Readonly<Record<string, string[]>> | undefined {
    const value = this.value.terms;
    if (value === undefined) return undefined;
    if (!isRecord(value)) return this.#wrong('terms', 'an object of term lists by taxonomy', value);
    const out: Record<string, string[]> = Object.create(null);
    for (const [name, list] of Object.entries(value)) {
      if (name === 'tags' || name === 'categories') {
        this.ok = false;
        this.report('error', `"terms.${name}": ${name} are given as "${name}"`);
      } else if (!taxonomies.includes(name)) {
        this.ok = false;
        const others = taxonomies.filter((t) => t !== 'tags' && t !== 'categories');
        this.report(
          'error',
          `"terms.${name}" is not a taxonomy of the config (${others.length ? `known: ${others.join(', ')}` : 'it names none besides tags and categories'})`,
        );
      } else {
        const terms = this.textList(`terms.${name}`, list);
        if (terms) out[name] = terms;
      }
    }
    return out;
  }
}

/** Where an article's page is, from `url` or `path`; undefined (with an error) when neither gives one. */
function linkOf(url: string | undefined, path: string | undefined, settings: ReadSettings, report: Report) {
  if (url !== undefined && path !== undefined) {
    report('error', '"url" and "path" are one or the other: the page the item links to');
    return undefined;
  }
  if (url !== undefined) {
    const absolute = httpUrl(url);
    if (absolute && URL.canParse(url.trim())) return absolute;
    report(
      'error',
      `"url" must be an absolute http(s) URL, got ${describe(url)} (a path on the site goes in "path")`,
    );
    return undefined;
  }
  if (path !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path.trim())) {
      report('error', `"path" must be a path on the site, got ${describe(path)} (a URL goes in "url")`);
      return undefined;
    }
    return sitePath(settings.siteUrl, path.trim());
  }
  report('error', '"url" or "path" is needed: the page the item links to');
  return undefined;
}

/** The page's path under the site (`blog/hello/`), or undefined when it is elsewhere. */
function pathOnSite(permalink: string, settings: ReadSettings): string | undefined {
  const url = new URL(permalink);
  const site = settings.siteUrl;
  if (url.origin !== site.origin || !url.pathname.startsWith(site.path)) return undefined;
  return url.pathname.slice(site.path.length) + url.search;
}

/** The section of a page at `path` under the site: its first folder (`blog/hello/` is in `blog`), as Hugo's. */
function sectionOf(path: string | undefined): string {
  if (path === undefined) return '';
  const folders = path.split(/[?#]/)[0]?.replace(/\/+$/, '').split('/').slice(0, -1) ?? [];
  const first = folders[0] ?? '';
  try {
    return decodeURIComponent(first);
  } catch {
    return first;
  }
}

function termsOf(
  given: {
    tags: string[] | undefined;
    categories: string[] | undefined;
    terms: Readonly<Record<string, string[]>> | undefined;
  },
  settings: ReadSettings,
  warn: FieldWarning,
  report: Report,
): Record<string, readonly string[]> | undefined {
  const names = settings.taxonomies.map((t) => t.name);
  let ok = true;
  for (const field of ['tags', 'categories'] as const) {
    if (given[field] !== undefined && !names.includes(field)) {
      report('error', `"${field}" are given, but the config's taxonomies do not include ${field}`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  const out: Record<string, readonly string[]> = {};
  for (const name of names) {
    const field = name === 'tags' || name === 'categories' ? name : `terms.${name}`;
    const written =
      name === 'tags' ? given.tags : name === 'categories' ? given.categories : given.terms?.[name];
    const bounded = (written ?? []).map((term) => boundedText(term.trim(), field, warn)).filter(Boolean);
    out[name] = [...new Set(bounded)];
  }
  return out;
}

/** The fields by their shapes: undefined where not given or wrongly shaped (said, and `shape.ok` false). */
function readFields(
  given: Readonly<Record<string, unknown>>,
  shape: Shape,
  settings: ReadSettings,
  report: Report,
) {
  for (const key of Object.keys(given)) {
    if ((FIELD_NAMES as readonly string[]).includes(key)) continue;
    shape.ok = false;
    const guess = nearestName(key, FIELD_NAMES);
    report('error', `"${key}" is not a field of an article${guess ? `: did you mean "${guess}"?` : ''}`);
  }
  const source = shape.text('source')?.trim() || undefined;
  const title = shape.text('title');
  if (given.title === undefined) {
    shape.ok = false;
    report('error', '"title" is missing');
  }
  const url = shape.text('url');
  const path = shape.text('path');
  const date = shape.date('date', settings.timeZone);
  if (given.date === undefined) {
    shape.ok = false;
    report('error', '"date" is missing');
  }
  const updated = shape.date('updated', settings.timeZone);
  const publishDate = shape.date('publishDate', settings.timeZone);
  const expiryDate = shape.date('expiryDate', settings.timeZone);
  const id = shape.text('id');
  const html = shape.text('html');
  const markdown = shape.text('markdown');
  if (html !== undefined && markdown !== undefined) {
    shape.ok = false;
    report('error', '"html" and "markdown" are one or the other: the body as HTML, or as Markdown');
  }
  return {
    source,
    title,
    url,
    path,
    date,
    updated,
    publishDate,
    expiryDate,
    id,
    html,
    markdown,
    summary: shape.text('summary'),
    tags: shape.textList('tags'),
    categories: shape.textList('categories'),
    terms: shape.terms(settings.taxonomies.map((t) => t.name)),
    authors: shape.authors(),
    lang: shape.text('lang'),
    image: shape.text('image'),
    enclosures: shape.enclosures(),
    draft: shape.flag('draft'),
    summaryOnly: shape.flag('summaryOnly'),
    podcast: episodeShapes(shape),
  };
}

/** What a podcast episode says of itself, each field of its shape. */
function episodeShapes(shape: Shape) {
  return {
    episode: shape.counting('episode'),
    season: shape.counting('season'),
    episodeType: shape.oneOf('episodeType', ['full', 'trailer', 'bonus'] as const),
    explicit: shape.flag('explicit'),
    duration: shape.duration('duration'),
    transcripts: shape.transcripts(),
    chapters: shape.chapters(),
  };
}

/**
 * The episode the fields describe, read by the rules front matter is read by (episode.ts): the
 * field names are front matter's, `transcripts` its `transcript` list.
 */
function episodeOf(podcast: ReturnType<typeof episodeShapes>, base: string, warn: FieldWarning) {
  const data: FrontMatterFields = Object.assign(Object.create(null), {
    episode: podcast.episode,
    season: podcast.season,
    episodetype: podcast.episodeType,
    explicit: podcast.explicit,
    transcript: podcast.transcripts,
    chapters: podcast.chapters,
  });
  return episodeField(data, base, warn);
}

type Fields = ReturnType<typeof readFields>;

/** What an article that can be published is known by, once its fields are checked. */
interface Identity {
  readonly title: string;
  readonly date: number;
  readonly permalink: string;
  /** Its path on the site, when its page is on it. */
  readonly onSite: string | undefined;
  /** What the ids file keys it by. */
  readonly key: string | undefined;
  readonly itemId: string | undefined;
  readonly terms: Record<string, readonly string[]>;
}

/** The head's `episode`, when the article says anything of one. */
function episodeFieldOf(fields: Fields, base: string, warn: FieldWarning): Pick<ArticleHead, 'episode'> {
  const episode = episodeOf(fields.podcast, base, warn);
  return episode ? { episode } : {};
}

/** The source of an article whose fields are all of their shapes; what is left out is a warning. */
function sourceArticle(
  fields: Fields,
  known: Identity,
  settings: ReadSettings,
  warn: FieldWarning,
): SourceArticle {
  const { permalink, key, date } = known;
  const { lang, image, html, markdown, summary, updated } = fields;
  const plainTitle = boundedText(known.title.trim(), 'title', warn);
  if (!plainTitle) warn('title', '"title" is empty');
  const languageKey =
    lang === undefined || isLanguageTag(lang.trim()) ? (lang?.trim() ?? settings.language) : undefined;
  if (languageKey === undefined)
    warn('lang', `"lang": "${lang}" is not ${LANGUAGE_TAG_HINT}; using "${settings.language}"`);
  const imageUrl = image?.trim() ? httpUrl(image, permalink) : undefined;
  if (image?.trim() && !imageUrl) warn('image', `"image": "${image}" is not an http(s) URL; left out`);

  const budget = settings.maxBodyBytes + PAST_BUDGET;
  const body = utf8Prefix(html ?? markdown ?? '', budget);
  const summaryText = summary === undefined ? undefined : utf8Prefix(summary, budget);
  const head: Omit<ArticleHead, 'sourceHash'> = {
    path: key ?? permalink,
    title: plainTitle,
    permalink,
    id: known.itemId || permalink,
    section: sectionOf(known.onSite),
    date,
    updated: updated !== undefined && updated > date ? updated : date,
    liveFrom: settings.future ? Math.min(0, date) : (fields.publishDate ?? date),
    expires: fields.expiryDate,
    draft: fields.draft ?? false,
    summaryOnly: fields.summaryOnly ?? false,
    terms: known.terms,
    language: languageCodeOf(languageKey ?? settings.language, settings),
    authors: authorsField({ authors: fields.authors }, permalink, warn),
    image: imageUrl,
    attachments: attachmentsField(
      { enclosures: fields.enclosures, duration: fields.podcast.duration },
      permalink,
      {},
      warn,
      settings.podcast !== undefined,
    ),
    ...episodeFieldOf(fields, permalink, warn),
    translationKey: key ?? permalink,
    translations: [],
  };
  const format = html !== undefined ? HTML : MARKDOWN;
  // What caches key on: everything the head and the body are made from.
  const sourceHash = hashText(JSON.stringify([head, format.markup, body, summaryText ?? null]));
  return {
    head: { ...head, sourceHash },
    markdown: () => body,
    format,
    bodyLine: 1,
    summaryMarkdown: summaryText,
    descriptionMarkdown: undefined,
  };
}

/**
 * Reads the article at `index` of the list. Never throws for what the object holds: what cannot be
 * published is an error and no article; what was left out of a field is a warning.
 */
export function readArticleObject(value: unknown, index: number, settings: ReadSettings): ObjectRead {
  const found: { severity: Problem['severity']; message: string }[] = [];
  const report: Report = (severity, message) => found.push({ severity, message });
  const named = (key: string | undefined): ObjectRead['problems'] =>
    found.map(({ severity, message }) => ({ path: key ?? `articles[${index}]`, line: 1, severity, message }));

  if (!isRecord(value)) {
    report('error', `articles[${index}] must be an object, got ${shown(value)}`);
    return { article: undefined, problems: named(undefined) };
  }
  // `null` is taken as not given (data from a CMS or JSON holds it for an empty field), but for the
  // two fields every article must have.
  const given = Object.fromEntries(
    Object.entries(value).filter(
      ([key, v]) => v !== undefined && (v !== null || key === 'title' || key === 'date'),
    ),
  );
  const shape = new Shape(given, report);
  const fields = readFields(given, shape, settings, report);
  const { url, path, title, date, id } = fields;

  // A link is looked for unless `url` or `path` was of the wrong shape (said already).
  const linkShaped =
    (given.url === undefined || url !== undefined) && (given.path === undefined || path !== undefined);
  const permalink = linkShaped ? linkOf(url, path, settings, report) : undefined;
  const onSite = permalink && pathOnSite(permalink, settings);
  // The ids file keys an article by it: where it comes from, else where its page is.
  const key = fields.source ?? (onSite || permalink);
  const warn: FieldWarning = (_field, message) => report('warning', message);
  const { tags, categories } = fields;
  const terms = termsOf({ tags, categories, terms: fields.terms }, settings, warn, report);
  const itemId = id?.trim();
  const refused = itemId ? refusedIdScheme(itemId) : undefined;
  if (refused !== undefined) {
    report(
      'error',
      `"id": "${itemId}" is a ${refused}: URI; an id is an http(s) URL, a tag: or urn: URI, or plain text`,
    );
  }
  if (
    !shape.ok ||
    permalink === undefined ||
    date === undefined ||
    title === undefined ||
    !terms ||
    refused !== undefined
  )
    return { article: undefined, problems: named(key) };
  if (id !== undefined && !itemId) warn('id', '"id" is empty: the link is the id');
  const article = sourceArticle(
    fields,
    { title, date, permalink, onSite, key, itemId, terms },
    settings,
    warn,
  );
  return { article, problems: named(key) };
}
