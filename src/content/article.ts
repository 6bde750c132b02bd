/**
 * One source file → one Article: front matter typed and checked once, here, with every problem
 * named by path and line. Rendering the Markdown body is a separate, later step (article-body.ts),
 * so that only the articles some feed shows are ever rendered.
 */
import type { SiteConfig } from '../config/site-config.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import { parseDateValue, wallTimeIn } from './dates.ts';
import {
  authorsField,
  booleanField,
  dateField,
  FieldError,
  imageField,
  listField,
  textField,
  translationsField,
} from './fields.ts';
import { type FrontMatter, FrontMatterError, lineOfField, splitFrontMatter } from './front-matter.ts';
import { urlize } from './slug.ts';
import { safeAbsoluteUrl } from './urls.ts';

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
      // A lazily read body has not passed the boundary's character check yet.
      title = stripForbiddenXmlChars(firstHeading(markdown()) ?? parts.fileStem);
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
