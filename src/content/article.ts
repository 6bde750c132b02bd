/**
 * One source file → one Article: front matter typed and checked once, here, with every problem
 * named by path and line. Rendering the Markdown body is a separate, later step (article-body.ts),
 * so that only the articles some feed shows are ever rendered.
 */
import type { SiteConfig } from '../config.ts';
import { DateValueError, parseDateValue, wallTimeIn } from './dates.ts';
import { type FrontMatter, FrontMatterError, lineOfField, splitFrontMatter } from './front-matter.ts';
import { urlize } from './slug.ts';
import { safeAbsoluteUrl } from './urls.ts';
import { stripForbiddenXmlChars } from './xml-safe.ts';

export interface Author {
  readonly name?: string;
  readonly email?: string;
  readonly url?: string;
}

export interface Translation {
  readonly language: string;
  readonly url: string;
}

export interface Problem {
  readonly path: string;
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Everything known about an article without rendering its Markdown. */
export interface ArticleHead {
  /** Path relative to the content folder, with `/` separators. */
  readonly path: string;
  /** Hash of the source text: what caches key on. */
  readonly sourceHash: string;
  readonly title: string;
  readonly slug: string;
  readonly permalink: string;
  readonly id: string;
  readonly section: string;
  /** Epoch milliseconds. `date` is what feeds show as published; `liveFrom` is when it goes live. */
  readonly date: number;
  readonly updated: number;
  readonly liveFrom: number;
  readonly expires: number | undefined;
  readonly draft: boolean;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly language: string;
  readonly authors: readonly Author[];
  readonly image: string | undefined;
  readonly translationKey: string;
  readonly translations: readonly Translation[];
}

/** An article as read from its file: the head plus the Markdown it will be rendered from. */
export interface SourceArticle {
  readonly head: ArticleHead;
  /** The Markdown body. Loaded on demand: most articles are never shown in any feed. */
  readonly markdown: () => string;
  /** 1-based file line where the Markdown starts. */
  readonly bodyLine: number;
  /** Front matter `summary`, as Markdown. */
  readonly summaryMarkdown: string | undefined;
  /** Front matter `description`, as Markdown: the summary when there is neither `summary` nor `<!--more-->`. */
  readonly descriptionMarkdown: string | undefined;
}

export interface SourceFile {
  readonly path: string;
  /** The whole file; or, when `body` is given, only its front matter. */
  readonly text: string;
  readonly hash: string;
  /** Loads the rest of the file after `text`, for sources that read bodies lazily. */
  readonly body?: () => string;
}

export type ReadResult =
  | { readonly ok: true; readonly article: SourceArticle; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = stripForbiddenXmlChars(value).trim();
    return text === '' || text === '~' || text === 'null' ? undefined : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

function textField(data: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = data[field];
  if (value !== undefined && value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (Array.isArray(value) && value.length === 1) return scalarText(value[0]);
    throw new FieldError(field, `"${field}" should be text, not a list or table`);
  }
  return scalarText(value);
}

/** A field Hugo takes as one value or a list of values. */
function listField(data: Readonly<Record<string, unknown>>, field: string): string[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text === undefined && item !== null && typeof item === 'object') {
      throw new FieldError(field, `"${field}" should be text or a list of text`);
    }
    if (text !== undefined) out.push(text);
  }
  return out;
}

function booleanField(data: Readonly<Record<string, unknown>>, field: string): boolean | undefined {
  const value = data[field];
  if (typeof value === 'boolean') return value;
  const text = scalarText(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['true', 'yes', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  throw new FieldError(field, `"${field}" should be true or false, not "${text}"`);
}

function dateField(
  data: Readonly<Record<string, unknown>>,
  field: string,
  timeZone: string,
): number | undefined {
  const value = data[field];
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return parseDateValue(Array.isArray(value) && value.length === 1 ? value[0] : value, timeZone);
  } catch (error) {
    if (error instanceof DateValueError) throw new FieldError(field, `"${field}": ${error.message}`);
    throw error;
  }
}

const NAME_AND_EMAIL = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/;
const EMAIL_AND_NAME = /^([^()\s]+@[^()\s]+)\s*\((.*)\)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseAuthor(value: unknown): Author | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const name = scalarText(record.name);
    const email = scalarText(record.email);
    const url = scalarText(record.url ?? record.link ?? record.website);
    if (!name && !email) return undefined;
    return { ...(name && { name }), ...(email && { email }), ...(url && { url }) };
  }
  const text = scalarText(value);
  if (!text) return undefined;
  const withEmail = NAME_AND_EMAIL.exec(text);
  if (withEmail?.[2])
    return withEmail[1] ? { name: withEmail[1], email: withEmail[2] } : { email: withEmail[2] };
  const emailFirst = EMAIL_AND_NAME.exec(text);
  if (emailFirst?.[1])
    return emailFirst[2] ? { name: emailFirst[2], email: emailFirst[1] } : { email: emailFirst[1] };
  if (EMAIL.test(text)) return { email: text };
  return { name: text };
}

function authorsField(data: Readonly<Record<string, unknown>>): Author[] {
  const raw = [data.authors, data.author].flatMap((v) =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v : [v],
  );
  const seen = new Set<string>();
  const authors: Author[] = [];
  for (const value of raw) {
    const author = parseAuthor(value);
    const key = `${author?.name ?? ''}\u0000${author?.email ?? ''}`;
    if (author && !seen.has(key)) {
      seen.add(key);
      authors.push(author);
    }
  }
  return authors;
}

function imageField(data: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of ['thumbnail', 'image', 'images', 'cover', 'featured_image', 'featuredImage']) {
    const value = data[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== null && typeof first === 'object' && !(first instanceof Date)) {
      const nested = scalarText(
        (first as Record<string, unknown>).image ?? (first as Record<string, unknown>).src,
      );
      if (nested) return nested;
      continue;
    }
    const text = scalarText(first);
    if (text) return text;
  }
  return undefined;
}

/** Explicit translations: a table `{ en: url }` or a list of `{ lang, url }`. Plain language codes carry no link. */
function translationsField(data: Readonly<Record<string, unknown>>, base: string): Translation[] {
  const value = data.translations;
  const out: Translation[] = [];
  const add = (language: string | undefined, url: string | undefined) => {
    const absolute = url ? safeAbsoluteUrl(url, base) : undefined;
    if (language && absolute) out.push({ language, url: absolute });
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        add(scalarText(record.lang ?? record.language), scalarText(record.url ?? record.link ?? record.href));
      }
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [language, url] of Object.entries(value)) add(language, scalarText(url));
  }
  return out;
}

/** `post.en.md` → `en`; the language suffix Hugo uses for translations by file name. */
const LANGUAGE_SUFFIX = /\.([a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)$/;
/** Jekyll's `_posts/2024-01-15-title.md`. */
const JEKYLL_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

interface PathParts {
  readonly section: string;
  readonly fileStem: string;
  readonly languageSuffix: string | undefined;
  readonly jekyllDate: string | undefined;
  readonly translationStem: string;
}

function pathParts(path: string): PathParts {
  const segments = path.split('/');
  let file = (segments.pop() ?? '').replace(/\.(md|markdown|mdown|mkd)$/i, '');
  const bundleIndex = file === 'index' || file.startsWith('index.');
  const languageMatch = LANGUAGE_SUFFIX.exec(file);
  const languageSuffix = languageMatch?.[1];
  if (languageMatch) file = file.slice(0, languageMatch.index);
  if (bundleIndex) file = segments.at(-1) ?? file;
  const jekyll = JEKYLL_DATE_PREFIX.exec(file);
  const stem = jekyll?.[2] ?? file;
  const section = segments.length > (bundleIndex ? 1 : 0) ? (segments[0] ?? '') : '';
  const dir = bundleIndex ? segments.slice(0, -1).join('/') : segments.join('/');
  return {
    section: section.replace(/^_/, ''),
    fileStem: stem,
    languageSuffix,
    jekyllDate: jekyll?.[1],
    translationStem: `${dir}/${stem}`,
  };
}

/** Hugo's heading fallback for a missing title: the first ATX or setext heading outside code. */
function firstHeading(markdown: string): string | undefined {
  let inFence = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const atx = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (atx?.[1]) return atx[1].replace(/[*_`]/g, '').trim();
    const next = lines[i + 1] ?? '';
    if (line.trim() && /^\s{0,3}(=+|-+)\s*$/.test(next) && !/^\s{0,3}[-*+]\s/.test(line)) {
      return line.replace(/[*_`]/g, '').trim();
    }
  }
  return undefined;
}

const PERMALINK_DATE = /:(year|month|day)\b/;

function datePathTokens(wall: { year: number; month: number; day: number }, pad: (n: number) => string) {
  return { year: String(wall.year), month: pad(wall.month), day: pad(wall.day) };
}

function resolvePermalink(config: SiteConfig, pattern: string, tokens: Record<string, string>): string {
  const path = pattern.replace(/:([a-z]+)/g, (whole, name: string) => tokens[name] ?? whole);
  const collapsed = `/${path.replace(/\/{2,}/g, '/').replace(/^\//, '')}`;
  return new URL(collapsed.slice(1), config.siteUrl).href;
}

/**
 * Reads one file. Never throws for bad content: what cannot be published is an error problem and
 * `ok: false`; what was guessed is a warning.
 */
export function readArticle(file: SourceFile, config: SiteConfig): ReadResult {
  const problems: Problem[] = [];
  const problem = (severity: Problem['severity'], line: number, message: string) =>
    problems.push({ path: file.path, line, severity, message });

  let fm: FrontMatter;
  try {
    fm = splitFrontMatter(stripForbiddenXmlChars(file.text));
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    problem('error', error.line, error.message);
    return { ok: false, problems };
  }
  const data = fm.data;
  const parts = pathParts(file.path);

  try {
    const dateRaw = dateField(data, 'date', config.timeZone);
    const publishDate =
      dateField(data, 'publishDate', config.timeZone) ?? dateField(data, 'publishdate', config.timeZone);
    const lastmod =
      dateField(data, 'lastmod', config.timeZone) ??
      dateField(data, 'updated', config.timeZone) ??
      dateField(data, 'modified', config.timeZone);
    const expires =
      dateField(data, 'expiryDate', config.timeZone) ?? dateField(data, 'expirydate', config.timeZone);
    const fileDate = parts.jekyllDate ? parseDateValue(parts.jekyllDate, config.timeZone) : undefined;
    const date = dateRaw ?? publishDate ?? fileDate;
    if (date === undefined) {
      problem('error', 1, 'no date: set "date" in the front matter (or name the file YYYY-MM-DD-title.md)');
      return { ok: false, problems };
    }

    const markdown = file.body ?? (() => fm.body);
    let title = textField(data, 'title');
    if (title === undefined) {
      title = firstHeading(markdown()) ?? parts.fileStem;
      problem('warning', 1, `no title: using "${title}"`);
    }

    const explicitSlug = textField(data, 'slug');
    const slug = urlize(explicitSlug ?? parts.fileStem) || urlize(title) || 'article';
    const language =
      textField(data, 'lang') ?? textField(data, 'language') ?? parts.languageSuffix ?? config.language;
    const pad = (n: number) => String(n).padStart(2, '0');
    // Hugo puts a file-name translation (`post.zh-cn.md`) of a non-default language under `/zh-cn/`.
    const languagePrefix =
      parts.languageSuffix && parts.languageSuffix.toLowerCase() !== config.language.toLowerCase()
        ? `/${parts.languageSuffix.toLowerCase()}/`
        : '';
    const urlField = textField(data, 'url');
    const permalink = urlField
      ? new URL(urlField.replace(/^\/*/, ''), urlField.includes('://') ? undefined : config.siteUrl).href
      : resolvePermalink(config, languagePrefix + config.permalink, {
          ...(PERMALINK_DATE.test(config.permalink) &&
            datePathTokens(wallTimeIn(date, config.timeZone), pad)),
          slug,
          section: urlize(parts.section),
          filename: urlize(parts.fileStem),
          title: urlize(title),
        });

    const imageRaw = imageField(data);
    const image = imageRaw ? safeAbsoluteUrl(imageRaw, permalink, true) : undefined;
    if (imageRaw && !image)
      problem('warning', lineOfField(fm, 'image'), `image "${imageRaw}" is not a usable URL`);

    const draft = booleanField(data, 'draft') ?? false;
    const head: ArticleHead = {
      path: file.path,
      sourceHash: file.hash,
      title,
      slug,
      permalink,
      id: textField(data, 'id') ?? permalink,
      section: parts.section,
      date,
      updated: lastmod !== undefined && lastmod > date ? lastmod : date,
      liveFrom: publishDate ?? date,
      expires,
      draft,
      tags: listField(data, 'tags'),
      categories: listField(data, 'categories'),
      language,
      authors: authorsField(data),
      image,
      translationKey: textField(data, 'translationKey') ?? parts.translationStem,
      translations: translationsField(data, permalink),
    };
    return {
      ok: true,
      article: {
        head,
        markdown,
        bodyLine: fm.bodyLine,
        summaryMarkdown: textField(data, 'summary'),
        descriptionMarkdown: textField(data, 'description'),
      },
      problems,
    };
  } catch (error) {
    if (error instanceof FieldError) {
      problem('error', lineOfField(fm, error.field), error.message);
      return { ok: false, problems };
    }
    if (error instanceof TypeError) {
      problem('error', 1, `unusable URL: ${error.message}`);
      return { ok: false, problems };
    }
    throw error;
  }
}
