/**
 * One source file → one article: front matter typed and checked once, here, with every problem
 * named by path and line, by the rules of the generator the site is written for (generators.ts).
 * Rendering the body is a separate, later step (article-body.ts), so that only the articles some
 * feed shows are ever rendered.
 */

import { errorMessage, isRecord } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { offsetMinutesAt } from '../core/time.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import type {
  ArticleHead,
  BodyFormat,
  ReadResult,
  ReadSettings,
  SourceArticle,
  SourceFile,
} from './article.ts';
import { attachmentsField } from './attachments.ts';
import { type ArticleDates, readArticleDates } from './dates/article-dates.ts';
import type { WrittenDate } from './dates/dates.ts';
import { episodeField } from './episode.ts';
import { withDefaults } from './front-matter/defaults.ts';
import { trackFieldUse } from './front-matter/field-use.ts';
import {
  authorsField,
  booleanField,
  boundedText,
  FieldError,
  type Fields,
  type FieldWarning,
  imageField,
  listField,
  textField,
  translationsField,
} from './front-matter/fields.ts';
import {
  type FrontMatter,
  FrontMatterError,
  lineOfField,
  splitFrontMatter,
} from './front-matter/front-matter.ts';
import { GENERATORS, type GeneratorRules } from './generators.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from './language-tag.ts';
import { isLanguageOf, languageCodeOf, languagePrefix } from './paths/languages.ts';
import { type PathParts, pathParts, rootOf } from './paths/path-parts.ts';
import {
  cleanPath,
  expandPattern,
  type PermalinkSubject,
  sitePath,
  urlFieldPermalink,
} from './paths/permalink.ts';
import { httpUrl, idProblem } from './paths/urls.ts';
import { smartify } from './render/markdown.ts';

type Report = (severity: Problem['severity'], line: number, message: string) => void;

/** A line terminator, which `.` in a pattern does not match. */
const LINE_TERMINATOR = /[\r\u2028\u2029]/;
const isBlank = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/**
 * The text of an ATX heading line (`## Title ##`), or undefined. What `^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$`
 * captures, without its cost: that pattern tried every split of a long run of spaces (10,000 of
 * them in one heading took 225 s on the thread that answers requests).
 */
function atxHeading(line: string): string | undefined {
  const opening = /^\s{0,3}#{1,6}\s/.exec(line);
  if (!opening) return undefined;
  let start = opening[0].length;
  while (start < line.length - 1 && isBlank(line[start])) start++;
  if (start >= line.length) return undefined;
  // The heading text is at least one character; what follows it may be spaces, closing #s, spaces.
  let end = line.length;
  while (end > start + 1 && isBlank(line[end - 1])) end--;
  while (end > start + 1 && line[end - 1] === '#') end--;
  while (end > start + 1 && isBlank(line[end - 1])) end--;
  const text = line.slice(start, end);
  return LINE_TERMINATOR.test(text) ? undefined : text;
}

/** Hugo's heading fallback for a missing title: the first ATX or setext heading outside code. */
function firstHeading(markdown: string): string | undefined {
  let inFence = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const atx = atxHeading(line);
    if (atx) return atx.replace(/[*_`]/g, '').trim();
    const next = lines[i + 1] ?? '';
    if (line.trim() && /^\s{0,3}(=+|-+)\s*$/.test(next) && !/^\s{0,3}[-*+]\s/.test(line)) {
      return line.replace(/[*_`]/g, '').trim();
    }
  }
  return undefined;
}

/** Why an article is not a post, if it is not: it is left out of every feed, and it is no problem. */
function notAPost(data: Fields, section: string, settings: ReadSettings): string | undefined {
  if (booleanField(data, 'feed') === false) return 'feed: false';
  if (settings.sections.length > 0 && !settings.sections.includes(section)) return 'not in a post section';
  for (const field of ['_build', 'build']) {
    const build = data[field];
    const list = isRecord(build) ? build.list : undefined;
    if (list === 'never' || list === false || list === 'false') return `${field}.list: never`;
  }
  if (booleanField(data, 'headless') === true) return 'headless';
  return undefined;
}

/** A Jekyll string of terms is a list split on white space (`categories: news release`). */
function termList(data: Fields, field: string, rules: GeneratorRules): string[] {
  const value = data[field.toLowerCase()];
  if (rules.jekyllTerms && typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return listField(data, field);
}

function readTerms(
  data: Fields,
  parts: PathParts,
  settings: ReadSettings,
  rules: GeneratorRules,
  warn: FieldWarning,
) {
  const terms: Record<string, readonly string[]> = {};
  for (const taxonomy of settings.taxonomies) {
    const names = taxonomy.fields.flatMap((field) =>
      termList(data, field, rules).map((name) => boundedText(name, field, warn)),
    );
    // Jekyll: the folders above `_posts/` are categories too (`news/_posts/x.md` is in "news").
    if (rules.jekyllTerms && taxonomy.name === 'categories') names.unshift(...jekyllFolderCategories(parts));
    terms[taxonomy.name] = [...new Set(names)];
  }
  return terms;
}

/**
 * Jekyll's Document#categories_from_path: the folders *above* `_posts/` (`news/_posts/x.md` is in
 * "news"); folders below it (`_posts/2024/x.md`) only hold files.
 */
function jekyllFolderCategories(parts: PathParts): string[] {
  const folders = parts.dir.split('/');
  const posts = folders.indexOf('_posts');
  return folders.slice(0, posts < 0 ? folders.length : posts).filter((folder) => folder !== '');
}

/** The clock the generator reads a date's calendar fields from (see GeneratorRules.dateTokens). */
function clockOf(date: WrittenDate, rules: GeneratorRules, timeZone: string): Date {
  const offset = rules.dateTokens === 'written' ? date.offset : offsetMinutesAt(date.instant, timeZone);
  return new Date(date.instant + offset * 60_000);
}

interface Link {
  readonly permalink: string;
  readonly id: string;
}

/** Jekyll's Document#id: the URL's folder joined with the slug, not the URL itself. */
function jekyllId(settings: ReadSettings, path: string, slug: string): string {
  const folder = path.replace(/\/[^/]*\/?$/, '') || '';
  return jekyllAbsoluteUrl(settings, `${folder}/${slug}`);
}

const leadingSlash = (path: string) => (path === '' || path.startsWith('/') ? path : `/${path}`);

/**
 * Jekyll's absolute_url, which jekyll-feed makes every link and id with: the `url` setting as
 * written, then the baseurl and the path, joined as text, so a `url` ending in `/` gives `//`
 * (`https://kubevirt.io//2024/x`). Only while they are the site's URL: a site URL given instead
 * (`--site-url`) is joined the usual way.
 */
function jekyllAbsoluteUrl(settings: ReadSettings, path: string): string {
  const { url, baseurl } = settings.variables;
  if (typeof url === 'string' && url.endsWith('/')) {
    const base = typeof baseurl === 'string' ? baseurl.replace(/\/+$/, '') : '';
    const site = `${url.replace(/\/+$/, '')}${leadingSlash(base)}/`;
    if (URL.canParse(site) && new URL(site).href === settings.siteUrl.href) {
      const joined = `${url}${leadingSlash(base)}${leadingSlash(path)}`;
      if (URL.canParse(joined)) return new URL(joined).href;
    }
  }
  return sitePath(settings.siteUrl, path);
}

function readLink(
  data: Fields,
  parts: PathParts,
  dates: ArticleDates,
  title: string,
  terms: Readonly<Record<string, readonly string[]>>,
  context: { settings: ReadSettings; rules: GeneratorRules; prefix: string; sections: string },
): Link {
  const { settings, rules } = context;
  const slug = textField(data, 'slug') ?? dates.fileNameSlug;
  const explicitId = idField(data);
  const urlField = settings.generator === 'jekyll' ? undefined : textField(data, 'url');
  if (urlField) {
    // Hugo puts a relative `url` under the language's folder, and leaves one that starts with `/` alone.
    const url = urlField.startsWith('/') || urlField.includes('://') ? urlField : context.prefix + urlField;
    const permalink = urlFieldPermalink(settings.siteUrl, url, rules.urlIsFolder);
    return { permalink, id: explicitId ?? permalink };
  }
  const subject: PermalinkSubject = {
    parts,
    slug,
    title,
    sections: context.sections,
    categories: terms.categories ?? [],
    clock: clockOf(dates.date, rules, settings.timeZone),
  };
  const ownPattern = settings.generator === 'jekyll' ? textField(data, 'permalink') : undefined;
  const pattern = ownPattern ?? settings.permalinks[parts.section] ?? settings.permalink;
  const path = cleanPath(settings.generator, expandPattern(pattern, settings.generator, subject));
  const sitePathOf = `${context.prefix}${path}`.replace(/\/{2,}/g, '/');
  if (rules.id === 'jekyll') {
    return {
      permalink: jekyllAbsoluteUrl(settings, sitePathOf),
      id: jekyllId(settings, path, slug ?? parts.fileStem),
    };
  }
  const permalink = hugoMainOutput(data, settings, sitePath(settings.siteUrl, sitePathOf));
  return { permalink, id: explicitId ?? permalink };
}

/** The file Hugo's built-in output formats write in a page's folder (`outputs: [json, html]`). */
const OUTPUT_FILES: Readonly<Record<string, string>> = {
  json: 'index.json',
  rss: 'index.xml',
  calendar: 'index.ics',
  csv: 'index.csv',
};

/**
 * Hugo's `.Permalink` is that of the page's first output format: a page whose `outputs` start with
 * JSON is linked to its `index.json` (its feed items too).
 */
function hugoMainOutput(data: Fields, settings: ReadSettings, permalink: string): string {
  if (settings.generator !== 'hugo' || !permalink.endsWith('/')) return permalink;
  const first = listField(data, 'outputs')[0]?.toLowerCase();
  const file = first === undefined ? undefined : OUTPUT_FILES[first];
  return file ? `${permalink}${file}` : permalink;
}

function titleOf(
  data: Fields,
  file: SourceFile,
  fm: FrontMatter,
  parts: PathParts,
  rules: GeneratorRules,
  problem: Report,
): string {
  const written = textField(data, 'title');
  if (written !== undefined) return rules.smartTitles ? smartify(written) : written;
  if (rules.titleFallback === 'none') return '';
  if (rules.titleFallback === 'jekyll') {
    // Jekyll's Utils.titleize_slug.
    return parts.fileStem
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
      .join(' ');
  }
  // A lazily read body has not passed the boundary's character check yet.
  const title = stripForbiddenXmlChars(firstHeading(file.body?.() ?? fm.body) ?? parts.fileStem);
  problem('warning', 1, `no title: using "${title}"`);
  return title;
}

/** An article with no date: left out as no post where the generator does so, else an error. */
function undated(rules: GeneratorRules, problem: Report): { skipped: string } | undefined {
  if (rules.undated === 'not-a-post') {
    problem('warning', 1, 'no date: not a post, left out (set "date" to publish it)');
    return { skipped: 'no date' };
  }
  problem('error', 1, 'no date: set "date" in the front matter (or name the file YYYY-MM-DD-title.md)');
  return undefined;
}

/** A link post's target and the image, each an http(s) URL against the permalink, or left out with a warning. */
function linkAndImage(
  data: Fields,
  permalink: string,
  settings: ReadSettings,
  warn: FieldWarning,
): { readonly link: string | undefined; readonly image: string | undefined } {
  // A link post: the item leads to what it links to; its id stays the article's own.
  const linkRaw = settings.linkField ? textField(data, settings.linkField) : undefined;
  const link = linkRaw === undefined ? undefined : httpUrl(linkRaw, permalink);
  if (linkRaw !== undefined && !link)
    warn(settings.linkField, `"${linkRaw}" is not an http(s) URL; left out`);
  const imageRaw = imageField(data);
  const image = imageRaw ? httpUrl(imageRaw, permalink) : undefined;
  if (imageRaw && !image) warn('image', `image "${imageRaw}" is not an http(s) URL; left out`);
  return { link, image };
}

/** The head's instants, in the head's order: shown date, publish date when shown apart, updated, live, expiry. */
function headDates(
  dates: ArticleDates,
  settings: ReadSettings,
): Pick<ArticleHead, 'date' | 'published' | 'updated' | 'liveFrom' | 'expires'> {
  const { date, publishDate, lastmod, expires } = dates;
  return {
    date: date.instant,
    ...(settings.itemDate === 'publishDate' &&
      publishDate !== undefined &&
      publishDate !== date.instant && { published: publishDate }),
    updated: lastmod !== undefined && lastmod > date.instant ? lastmod : date.instant,
    // Published now whatever its date: the earliest instant a head is written with (it goes into JSON).
    liveFrom: settings.future ? Math.min(0, date.instant) : (publishDate ?? date.instant),
    expires,
  };
}

/** Builds the head from typed fields; throws FieldError for a field that cannot be used. */
function readHead(
  file: SourceFile,
  fm: FrontMatter,
  settings: ReadSettings,
  problem: Report,
): { head: ArticleHead; data: Fields } | { skipped: string } | undefined {
  const rules = GENERATORS[settings.generator];
  const data = fm.data;
  const { root, inner } = rootOf(file.path, settings.roots);
  const isLanguage = isLanguageOf(settings);
  const parts = pathParts(inner, { isLanguage, fileNameDate: rules.fileNameDate });
  const sections = file.sectionPath ?? parts.section;
  // A section page is in its terms' feeds whatever the post sections are.
  const skip = notAPost(data, parts.section, file.listPage ? { ...settings, sections: [] } : settings);
  if (skip) return { skipped: skip };

  const dates = readArticleDates(data, parts, file, settings, rules, (field, message) =>
    problem('warning', field ? lineOfField(fm, field) : 1, message),
  );
  if (!dates) return undated(rules, problem);

  const warn: FieldWarning = (field, message) => problem('warning', lineOfField(fm, field), message);
  const title = boundedText(titleOf(data, file, fm, parts, rules, problem), 'title', warn);
  const terms = readTerms(data, parts, settings, rules, warn);
  const pathLanguage = root.language ?? parts.languageSuffix;
  // Hugo takes a page's language from where it is; a `lang` field is only a parameter there.
  const fallbackLanguage = pathLanguage ?? settings.language;
  const languageKey =
    settings.generator === 'hugo' ? fallbackLanguage : languageField(data, fallbackLanguage, warn);
  const prefix = pathLanguage ? languagePrefix(pathLanguage, settings) : '';
  const { permalink, id } = file.listPage
    ? sectionLink(data, parts, settings, rules, prefix)
    : readLink(data, parts, dates, title, terms, { settings, rules, prefix, sections });

  const { link, image } = linkAndImage(data, permalink, settings, warn);
  // Jekyll's `published: false` is a draft; Hugo's `published` is a date (publishDate's alias).
  const attachments = attachmentsField(data, permalink, file, warn, settings.podcast !== undefined);
  const episode = episodeField(data, permalink, warn);
  const draft =
    booleanField(data, 'draft') ??
    (settings.generator !== 'hugo' && booleanField(data, 'published') === false);

  const head: ArticleHead = {
    path: file.path,
    sourceHash: file.hash,
    title,
    permalink,
    id,
    ...(link !== undefined && link !== permalink && { link }),
    ...(weightOf(data, settings) !== undefined && { weight: weightOf(data, settings) }),
    ...(file.listPage && { termsOnly: true }),
    section: sections,
    ...headDates(dates, settings),
    draft,
    summaryOnly: booleanField(data, 'summaryOnly') ?? false,
    terms,
    language: languageCodeOf(languageKey, settings),
    authors: authorsField(data, permalink, warn),
    image,
    attachments,
    ...(episode && { episode }),
    translationKey: textField(data, 'translationKey') ?? parts.translationStem,
    translations: translationsField(data, permalink, warn),
  };
  return { head, data };
}

function bodyFormat(file: SourceFile, head: ArticleHead, data: Fields, rules: GeneratorRules): BodyFormat {
  const html = rules.htmlFiles?.test(file.path) ?? false;
  return {
    markup: html ? 'html' : 'markdown',
    liquid: rules.liquid ? { ...data, title: head.title, url: new URL(head.permalink).pathname } : undefined,
    linkify: rules.linkify,
    typographer: rules.typographer,
    ...(rules.kramdown && { kramdown: true }),
  };
}

/** A Hugo section page's link: its `url`, or its folder's (`/blog/`, `/fr/blog/`). */
function sectionLink(
  data: Fields,
  parts: PathParts,
  settings: ReadSettings,
  rules: GeneratorRules,
  prefix: string,
): Link {
  const explicitId = idField(data);
  const urlField = textField(data, 'url');
  const path = urlField
    ? urlField.startsWith('/') || urlField.includes('://')
      ? urlField
      : prefix + urlField
    : `${prefix}${cleanPath(settings.generator, `/${parts.dir}/`)}`.replace(/\/{2,}/g, '/');
  const permalink = urlFieldPermalink(settings.siteUrl, path, rules.urlIsFolder);
  return { permalink, id: explicitId ?? permalink };
}

/** Hugo's `weight`, when it is a whole number other than 0 (0 is no weight). */
function weightOf(data: Fields, settings: ReadSettings): number | undefined {
  if (settings.generator !== 'hugo') return undefined;
  const value = data.weight;
  const weight = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(weight) && weight !== 0 ? weight : undefined;
}

/** `id`: plain text (a tag: URI in the feeds) or a URI in a scheme readers cannot be led astray by. */
function idField(data: Fields): string | undefined {
  const id = textField(data, 'id');
  const problem = id === undefined ? undefined : idProblem(id);
  if (problem !== undefined) throw new FieldError('id', `"id": "${id}" ${problem}`);
  return id;
}

/** `lang` (or `language`) when it is a language tag; else the fallback, with a warning. */
function languageField(data: Fields, fallback: string, warn: FieldWarning): string {
  const field = textField(data, 'lang') !== undefined ? 'lang' : 'language';
  const written = textField(data, field);
  if (written === undefined || isLanguageTag(written)) return written ?? fallback;
  warn(field, `"${field}": "${written}" is not ${LANGUAGE_TAG_HINT}; using "${fallback}"`);
  return fallback;
}

/**
 * Reads one file. Never throws for bad content: what cannot be published is an error problem and
 * `ok: false`; what was guessed is a warning; a page that is not a post is `skipped`.
 */
export function readArticle(file: SourceFile, settings: ReadSettings): ReadResult {
  const problems: Problem[] = [];
  const problem: Report = (severity, line, message) => {
    problems.push({ path: file.path, line, severity, message });
  };
  const rules = GENERATORS[settings.generator];

  let fm: FrontMatter;
  try {
    fm = splitFrontMatter(stripForbiddenXmlChars(file.text), rules.yaml, rules.frontMatterClosing);
  } catch (error) {
    if (error instanceof FrontMatterError) problem('error', error.line, error.message);
    else problem('error', 1, `cannot read the front matter: ${errorMessage(error)}`);
    return { ok: false, problems };
  }

  const written = fm.data;
  const { inner } = rootOf(file.path, settings.roots);
  const defaults = [...settings.defaults, ...(file.cascade ?? []).map((values) => ({ path: '', values }))];
  const data = defaults.length > 0 ? (withDefaults(written, inner, defaults) ?? written) : written;
  const use = trackFieldUse(data);
  try {
    const read = readHead(file, { ...fm, data: use.fields }, settings, problem);
    if (!read) return { ok: false, problems };
    if ('skipped' in read) return { ok: false, skipped: true, problems };
    const body = fm.body;
    const descriptionMarkdown = textField(use.fields, 'description');
    // jekyll-feed's summary is the description, else the excerpt: front matter's, or the body up to
    // the excerpt separator.
    const jekyll = settings.generator === 'jekyll';
    const summaryMarkdown = jekyll
      ? (descriptionMarkdown ?? textField(use.fields, 'excerpt'))
      : textField(use.fields, 'summary');
    const siteSeparator = settings.variables.excerpt_separator;
    const summarySeparator = jekyll
      ? (textField(use.fields, 'excerpt_separator') ??
        (typeof siteSeparator === 'string' && siteSeparator !== '' ? siteSeparator : '\n\n'))
      : undefined;
    // Only what the file itself writes is reported as unused (defaults are the site's business).
    const unused = use
      .unused()
      .filter((name) => name in written)
      .map((name) => ({ name, line: lineOfField(fm, name) }));
    const article: SourceArticle = {
      head: read.head,
      markdown: file.body ?? (() => body),
      format: bodyFormat(file, read.head, data, rules),
      bodyLine: fm.bodyLine,
      summaryMarkdown,
      descriptionMarkdown,
      ...(summarySeparator !== undefined && { summarySeparator }),
      ...(unused.length > 0 && { unusedFields: unused }),
    };
    return { ok: true, article, problems };
  } catch (error) {
    if (error instanceof FieldError) problem('error', lineOfField(fm, error.field), error.message);
    // Whatever else a file makes go wrong stays with that file: the rest of the site is published.
    else problem('error', 1, `cannot read the article: ${errorMessage(error)}`);
    return { ok: false, problems };
  }
}
