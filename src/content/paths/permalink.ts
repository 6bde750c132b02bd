/**
 * An article's permalink: from its `url` (Hugo) or `permalink` (Jekyll) field, or from a pattern whose
 * tokens each generator fills its own way. The token tables are the generators' own (Hugo's
 * permalinks.go, Jekyll's UrlDrop); feedwright's row keeps the tokens it always had.
 */
import type { SiteUrl } from '../../core/site-url.ts';
import type { Generator } from '../article.ts';
import { FieldError } from '../front-matter/fields.ts';
import type { PathParts } from './path-parts.ts';
import { urlize } from './slug.ts';
import { httpUrl } from './urls.ts';

/** What a pattern's tokens are made of. */
export interface PermalinkSubject {
  readonly parts: PathParts;
  /** Front-matter `slug` (or the one Hugo's `:filename` date rule took from the name), as written. */
  readonly slug: string | undefined;
  readonly title: string;
  /** Hugo's section path (`cn/kids`): the folders up to the nearest section. */
  readonly sections: string;
  readonly categories: readonly string[];
  /** The calendar fields of the date, on the clock the generator reads them from. */
  readonly clock: Date;
}

type TokenTable = Readonly<Record<string, (subject: PermalinkSubject) => string>>;

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const year = (s: PermalinkSubject) => String(s.clock.getUTCFullYear());
const month = (s: PermalinkSubject) => pad2(s.clock.getUTCMonth() + 1);
const day = (s: PermalinkSubject) => pad2(s.clock.getUTCDate());
const yearDay = (s: PermalinkSubject) =>
  Math.floor((s.clock.getTime() - Date.UTC(s.clock.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;

/** ISO 8601 week number and week-based year. */
function isoWeek(date: Date): { week: number; year: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((d.getTime() - start) / 86_400_000 + 1) / 7), year: d.getUTCFullYear() };
}

/** Jekyll's Utils.slugify: `default` mode lower-cases and keeps letters and digits; `pretty` keeps more. */
export function jekyllSlugify(text: string, mode: 'default' | 'pretty', cased = false): string {
  const replaced =
    mode === 'pretty'
      ? text.replace(/[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu, '-')
      : text.replace(/[^\p{M}\p{L}\p{Nd}]+/gu, '-');
  const slug = replaced.replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

const hugoSlug = (s: PermalinkSubject) => (s.slug ? urlize(s.slug) : urlize(s.title));

const TOKENS: Readonly<Record<Generator, TokenTable>> = {
  feedwright: {
    year,
    month,
    day,
    slug: (s) => urlize(s.slug ?? s.parts.fileStem) || urlize(s.title) || 'article',
    section: (s) => urlize(s.parts.section),
    filename: (s) => urlize(s.parts.fileStem),
    title: (s) => urlize(s.title),
  },
  hugo: {
    year: (s) => String(s.clock.getUTCFullYear()),
    month,
    monthname: (s) => MONTHS[s.clock.getUTCMonth()] ?? '',
    day,
    weekday: (s) => String(s.clock.getUTCDay()),
    weekdayname: (s) => DAYS[s.clock.getUTCDay()] ?? '',
    yearday: (s) => String(yearDay(s)),
    section: (s) => s.parts.section,
    sections: (s) => s.sections,
    title: (s) => urlize(s.title),
    slug: hugoSlug,
    slugorfilename: (s) => (s.slug ? urlize(s.slug) : urlize(s.parts.fileName)),
    filename: (s) => urlize(s.parts.fileName),
    // Hugo 0.144: the file's name, or a bundle's folder's (what 0.111's :filename is).
    contentbasename: (s) => urlize(s.parts.fileName),
    slugorcontentbasename: (s) => (s.slug ? urlize(s.slug) : urlize(s.parts.fileName)),
    // Not Hugo's: the folder of the file, which Hugo's default path (no [permalinks] entry) starts with.
    dir: (s) => s.parts.dir,
  },
  jekyll: {
    year,
    month,
    day,
    hour: (s) => pad2(s.clock.getUTCHours()),
    minute: (s) => pad2(s.clock.getUTCMinutes()),
    second: (s) => pad2(s.clock.getUTCSeconds()),
    i_day: (s) => String(s.clock.getUTCDate()),
    i_month: (s) => String(s.clock.getUTCMonth() + 1),
    short_month: (s) => (MONTHS[s.clock.getUTCMonth()] ?? '').slice(0, 3),
    long_month: (s) => MONTHS[s.clock.getUTCMonth()] ?? '',
    short_year: (s) => year(s).slice(-2),
    y_day: (s) => String(yearDay(s)).padStart(3, '0'),
    week: (s) => pad2(isoWeek(s.clock).week),
    w_year: (s) => String(isoWeek(s.clock).year),
    w_day: (s) => String(s.clock.getUTCDay() || 7),
    short_day: (s) => (DAYS[s.clock.getUTCDay()] ?? '').slice(0, 3),
    long_day: (s) => DAYS[s.clock.getUTCDay()] ?? '',
    title: (s) => jekyllSlugify(s.slug ?? s.parts.fileStem, 'pretty', true),
    slug: (s) => jekyllSlugify(s.slug ?? s.parts.fileStem, 'default'),
    name: (s) => jekyllSlugify(s.parts.fileName, 'default'),
    categories: (s) => [...new Set(s.categories.map((c) => c.toLowerCase()))].join('/'),
    slugified_categories: (s) => [...new Set(s.categories.map((c) => jekyllSlugify(c, 'default')))].join('/'),
    output_ext: () => '.html',
    collection: () => 'posts',
    path: (s) => `${s.parts.dir}/${s.parts.fileName}`.replace(/^\/+/, ''),
  },
};

/** A pattern's tokens (`:slug`, Jekyll's `:short_year`) replaced by the generator's values. */
export function expandPattern(pattern: string, generator: Generator, subject: PermalinkSubject): string {
  const tokens = TOKENS[generator];
  return pattern.replace(/:([a-z_]+)/g, (whole, name: string) => {
    const token = tokens[name];
    if (token) return escapeToken(generator, token(subject));
    return whole;
  });
}

/** Jekyll escapes each value it puts in a URL (a `#` or `?` in a slug must not end the path). */
function escapeToken(generator: Generator, value: string): string {
  return generator === 'jekyll' ? value.replace(/[#?]/g, encodeURIComponent) : value;
}

/** The path made from an expanded pattern, as each generator cleans it, relative to the site. */
export function cleanPath(generator: Generator, path: string): string {
  if (generator === 'jekyll') {
    // Jekyll's URL#sanitize_url.
    return `/${path}`
      .replaceAll('..', '/')
      .replaceAll('../', '')
      .replace(/\/{2,}/g, '/');
  }
  if (generator === 'hugo') {
    // MakePathSanitized: lower case, unsafe characters out, empty segments gone; the final slash stays.
    const clean = urlize(path);
    return `/${clean}${clean && path.endsWith('/') ? '/' : ''}`;
  }
  return path.replace(/\/{2,}/g, '/');
}

/** A site-relative path as an absolute URL on the site. */
export function sitePath(siteUrl: SiteUrl, path: string): string {
  // `./` keeps a first segment with a colon from being read as a URL scheme.
  return siteUrl.resolve(`./${path.replace(/^\/+/, '')}`);
}

/**
 * Front matter `url`: a path on the site, or an absolute http(s) URL. Any other absolute URL
 * (`javascript:…`, `data:…`) would become every item's link, and is refused. `urlIsFolder`: Hugo's
 * CreateTargetPaths rule, a URL with neither a dot nor a final slash names a folder (and gets the slash).
 */
export function urlFieldPermalink(siteUrl: SiteUrl, value: string, urlIsFolder: boolean): string {
  if (URL.canParse(value)) {
    const absolute = httpUrl(value);
    if (absolute) return absolute;
    throw new FieldError('url', `"url": "${value}" is neither a path nor an http(s) URL`);
  }
  const path = urlIsFolder && !value.includes('.') && !value.endsWith('/') ? `${value}/` : value;
  try {
    return sitePath(siteUrl, path);
  } catch {
    throw new FieldError('url', `"url": "${value}" is not a usable URL`);
  }
}
