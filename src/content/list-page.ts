/**
 * List pages (`_index.md`): what a site says about a section or a taxonomy term — its title,
 * description and image — which the feeds of that section or term take over.
 */
import { errorMessage } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import type { ReadSettings, SourceFile } from './article.ts';
import {
  boundedText,
  FieldError,
  imageField,
  MAX_DESCRIPTION_CHARS,
  MAX_LINE_CHARS,
  textField,
} from './front-matter/fields.ts';
import {
  type FrontMatter,
  FrontMatterError,
  lineOfField,
  splitFrontMatter,
} from './front-matter/front-matter.ts';
import { GENERATORS } from './generators.ts';
import { isLanguageOf, languagePrefix } from './paths/languages.ts';
import { pathParts, rootOf } from './paths/path-parts.ts';
import { httpUrl } from './paths/urls.ts';

export interface ListPage {
  /** The folder it describes, relative to the content folder: `tags/rust`, `posts`, `` for the home page. */
  readonly dir: string;
  /**
   * Where the feeds of what it describes are (see scopePath): its folder inside its content root
   * (`content/`, a mount), under its language's folder on another language's site (`fr/tags/rust`).
   * Absent in pages read before it was kept: then `dir`.
   */
  readonly folder?: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  /** Absolute. */
  readonly image: string | undefined;
  /**
   * The title of the feeds it names (`feedTitle`), `{site}` and `{name}` standing for the site's title
   * and the term's name: on a term's or a section's page, that feed's; on a taxonomy's own page
   * (`tags/_index.md`), each of its terms' that says none (how a site words "Tag" in its language).
   */
  readonly feedTitle?: string;
  /** Its `cascade`, as written (Hugo: front matter for every page below; see hugoCascade). */
  readonly cascade?: unknown;
  /**
   * The output formats it names (Hugo's `outputs`, lower case), when it names them: its section's or
   * term's feeds are only those of these formats (`[HTML, Calendar]`: no feed at all).
   */
  readonly outputs?: readonly string[];
}

/** `tags/rust/_index.md`, `_index.fr.md`: the file names of list pages (Hugo: any `_index.` content file). */
export const LIST_PAGE =
  /^_index\..*\.(md|markdown|mdown|mkd|html?)$|^_index\.(md|markdown|mdown|mkd|html?)$/i;

export type ListPageResult =
  | { readonly ok: true; readonly page: ListPage }
  | { readonly ok: false; readonly problem: Problem };

/** A list page's text cut to `max` characters (its feed's title and description are bounded like an article's). */
const bounded = (text: string | undefined, field: string, max: number) =>
  text === undefined ? undefined : boundedText(text, field, () => {}, max);

/** Hugo's `outputs` of a page: a list of output format names (`[HTML, RSS]`); anything else names none. */
function outputsOf(value: unknown): { outputs?: readonly string[] } {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return {};
  return { outputs: value.slice(0, 100).map((name: string) => name.trim().toLowerCase()) };
}

/**
 * The folder a list page's section or term has its feeds in: a site's content is in a root
 * (`content/`), and with several languages, Hugo makes each a site of its own under its folder.
 */
function feedFolder(path: string, settings: ReadSettings): string {
  const { root, inner } = rootOf(path, settings.roots);
  const language =
    root.language ??
    pathParts(inner, { isLanguage: isLanguageOf(settings), fileNameDate: 'strict' }).languageSuffix;
  const site =
    settings.generator === 'hugo' && settings.languages.length > 1 && language !== undefined
      ? languagePrefix(language, settings).replace(/^\/|\/$/g, '')
      : '';
  return [site, ...inner.split('/').slice(0, -1)].filter(Boolean).join('/');
}

export function readListPage(file: SourceFile, settings: ReadSettings): ListPageResult {
  const dir = file.path.split('/').slice(0, -1).join('/');
  // A list page that cannot be read only costs its feed the defaults: a warning, never an error.
  const unreadable = (line: number, message: string): ListPageResult => ({
    ok: false,
    problem: { path: file.path, line, severity: 'warning', message },
  });
  let fm: FrontMatter;
  try {
    const rules = GENERATORS[settings.generator];
    fm = splitFrontMatter(stripForbiddenXmlChars(file.text), rules.yaml, rules.frontMatterClosing);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) return unreadable(1, `cannot read: ${errorMessage(error)}`);
    return unreadable(error.line, error.message);
  }
  try {
    const imageRaw = imageField(fm.data);
    const base = settings.siteUrl.resolve(dir ? `${dir}/` : '');
    const feedTitle = bounded(textField(fm.data, 'feedTitle'), 'feedTitle', MAX_LINE_CHARS);
    return {
      ok: true,
      page: {
        dir,
        folder: feedFolder(file.path, settings),
        title: bounded(textField(fm.data, 'title'), 'title', MAX_LINE_CHARS),
        description: bounded(
          textField(fm.data, 'description') ?? textField(fm.data, 'summary'),
          'description',
          MAX_DESCRIPTION_CHARS,
        ),
        image: imageRaw ? httpUrl(imageRaw, base) : undefined,
        ...(feedTitle !== undefined && { feedTitle }),
        ...(fm.data.cascade !== undefined && { cascade: fm.data.cascade }),
        ...outputsOf(fm.data.outputs),
      },
    };
  } catch (error) {
    if (!(error instanceof FieldError)) return unreadable(1, `cannot read: ${errorMessage(error)}`);
    return unreadable(lineOfField(fm, error.field), error.message);
  }
}
