/**
 * One source file → one article: front matter typed and checked once, here, with every problem
 * named by path and line. Rendering the Markdown body is a separate, later step (article-body.ts),
 * so that only the articles some feed shows are ever rendered.
 */
import { errorMessage } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import type { ArticleHead, ReadResult, ReadSettings, SourceArticle, SourceFile } from './article.ts';
import { DateValueError, parseDateValue } from './dates.ts';
import { trackFieldUse } from './field-use.ts';
import {
  authorsField,
  booleanField,
  dateField,
  FieldError,
  type Fields,
  type FieldWarning,
  imageField,
  listField,
  textField,
  translationsField,
} from './fields.ts';
import { type FrontMatter, FrontMatterError, lineOfField, splitFrontMatter } from './front-matter.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from './language-tag.ts';
import { type PathParts, pathParts } from './path-parts.ts';
import { patternPermalink, urlFieldPermalink } from './permalink.ts';
import { urlize } from './slug.ts';
import { httpUrl, ID_SCHEMES, uriScheme } from './urls.ts';

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

/** The date in a Jekyll file name; an impossible one (`2015-03-00`) counts as none. */
function fileNameDate(parts: PathParts, timeZone: string): number | undefined {
  if (!parts.jekyllDate) return undefined;
  try {
    return parseDateValue(parts.jekyllDate, timeZone);
  } catch (error) {
    if (error instanceof DateValueError) return undefined;
    throw error;
  }
}

interface ArticleDates {
  readonly date: number;
  readonly publishDate: number | undefined;
  readonly lastmod: number | undefined;
  readonly expires: number | undefined;
}

/** The dates Hugo reads, by its spellings; undefined when the article has no date at all. */
function readDates(data: Fields, parts: PathParts, timeZone: string): ArticleDates | undefined {
  const first = (...fields: string[]) =>
    fields.reduce<number | undefined>((found, field) => found ?? dateField(data, field, timeZone), undefined);
  // Astro's blog template calls them pubDate and updatedDate; Jekyll's plugins last_modified_at.
  const written = first('date', 'pubDate');
  const publishDate = first('publishDate', 'publishdate');
  const date = written ?? publishDate ?? fileNameDate(parts, timeZone);
  if (date === undefined) return undefined;
  return {
    date,
    publishDate,
    lastmod: first('lastmod', 'updated', 'modified', 'updatedDate', 'last_modified_at'),
    expires: first('expiryDate', 'expirydate'),
  };
}

/** Hugo puts a file-name translation (`post.zh-cn.md`) of a non-default language under `/zh-cn/`. */
function languagePrefix(parts: PathParts, settings: ReadSettings): string {
  const suffix = parts.languageSuffix;
  return suffix && suffix.toLowerCase() !== settings.language.toLowerCase()
    ? `/${suffix.toLowerCase()}/`
    : '';
}

/** Builds the head from typed fields; throws FieldError for a field that cannot be used. */
function readHead(
  file: SourceFile,
  fm: FrontMatter,
  settings: ReadSettings,
  problem: (severity: Problem['severity'], line: number, message: string) => void,
): ArticleHead | undefined {
  const data = fm.data;
  const parts = pathParts(file.path);
  const dates = readDates(data, parts, settings.timeZone);
  if (!dates) {
    problem('error', 1, 'no date: set "date" in the front matter (or name the file YYYY-MM-DD-title.md)');
    return undefined;
  }

  let title = textField(data, 'title');
  if (title === undefined) {
    // A lazily read body has not passed the boundary's character check yet.
    title = stripForbiddenXmlChars(firstHeading(file.body?.() ?? fm.body) ?? parts.fileStem);
    problem('warning', 1, `no title: using "${title}"`);
  }

  const slug = urlize(textField(data, 'slug') ?? parts.fileStem) || urlize(title) || 'article';
  const urlField = textField(data, 'url');
  const permalink = urlField
    ? urlFieldPermalink(settings.siteUrl, urlField)
    : patternPermalink(
        settings.siteUrl,
        languagePrefix(parts, settings) + settings.permalink,
        { slug, section: urlize(parts.section), filename: urlize(parts.fileStem), title: urlize(title) },
        dates.date,
        settings.timeZone,
      );

  const warn: FieldWarning = (field, message) => problem('warning', lineOfField(fm, field), message);
  const imageRaw = imageField(data);
  const image = imageRaw ? httpUrl(imageRaw, permalink) : undefined;
  if (imageRaw && !image) warn('image', `image "${imageRaw}" is not an http(s) URL; left out`);

  return {
    path: file.path,
    sourceHash: file.hash,
    title,
    slug,
    permalink,
    id: idField(data) ?? permalink,
    section: parts.section,
    date: dates.date,
    updated: dates.lastmod !== undefined && dates.lastmod > dates.date ? dates.lastmod : dates.date,
    liveFrom: dates.publishDate ?? dates.date,
    expires: dates.expires,
    draft: booleanField(data, 'draft') ?? false,
    summaryOnly: booleanField(data, 'summaryOnly') ?? false,
    tags: listField(data, 'tags'),
    categories: listField(data, 'categories'),
    language: languageField(data, parts.languageSuffix ?? settings.language, warn),
    authors: authorsField(data, permalink, warn),
    image,
    translationKey: textField(data, 'translationKey') ?? parts.translationStem,
    translations: translationsField(data, permalink, warn),
  };
}

/** `id`: plain text (a tag: URI in the feeds) or a URI in a scheme readers cannot be led astray by. */
function idField(data: Fields): string | undefined {
  const id = textField(data, 'id');
  const scheme = id === undefined ? undefined : uriScheme(id);
  if (scheme !== undefined && !ID_SCHEMES.has(scheme)) {
    throw new FieldError(
      'id',
      `"id": "${id}" is a ${scheme}: URI; an id is an http(s) URL, a tag: or urn: URI, or plain text`,
    );
  }
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
 * `ok: false`; what was guessed is a warning.
 */
export function readArticle(file: SourceFile, settings: ReadSettings): ReadResult {
  const problems: Problem[] = [];
  const problem = (severity: Problem['severity'], line: number, message: string) => {
    problems.push({ path: file.path, line, severity, message });
  };

  let fm: FrontMatter;
  try {
    fm = splitFrontMatter(stripForbiddenXmlChars(file.text));
  } catch (error) {
    if (error instanceof FrontMatterError) problem('error', error.line, error.message);
    else problem('error', 1, `cannot read the front matter: ${errorMessage(error)}`);
    return { ok: false, problems };
  }

  const use = trackFieldUse(fm.data);
  try {
    const head = readHead(file, { ...fm, data: use.fields }, settings, problem);
    if (!head) return { ok: false, problems };
    const body = fm.body;
    const summaryMarkdown = textField(use.fields, 'summary');
    const descriptionMarkdown = textField(use.fields, 'description');
    const unused = use.unused().map((name) => ({ name, line: lineOfField(fm, name) }));
    const article: SourceArticle = {
      head,
      markdown: file.body ?? (() => body),
      bodyLine: fm.bodyLine,
      summaryMarkdown,
      descriptionMarkdown,
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
