/** What an article's path says about it: section, folder, file stem, language suffix, file-name date. */

import type { ContentRoot } from '../article.ts';

/** `post.en.md` → `en`: the suffix Hugo reads as a language, when it is one. */
const LANGUAGE_SUFFIX = /\.([a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)$/i;
/** `2024-01-15-title`: a dated file name (the date not yet checked to be a real one). */
const STRICT_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-(.+)$/;
/** Jekyll's DATE_FILENAME_MATCHER: one-digit months and days too (`2015-10-8-title`). */
const JEKYLL_DATE_PREFIX = /^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)$/;
const EXTENSION = /\.[^./]+$/;

export interface PathParts {
  /** The first folder (without a leading `_`), or `''` for a file at the top. */
  readonly section: string;
  /** The folder the article's URL is made in (Hugo's default path): a bundle's parent folder. */
  readonly dir: string;
  /** The file name without extension and language suffix; a bundle's folder name. */
  readonly fileName: string;
  /** The file name without its date prefix: the slug feedwright and Jekyll take from a name. */
  readonly fileStem: string;
  readonly languageSuffix: string | undefined;
  /** The date a file name starts with, as written, not yet checked to be a real date. */
  readonly fileNameDate: string | undefined;
  /** Files that are translations of each other share this. */
  readonly translationStem: string;
}

export interface PathRules {
  /** Whether a suffix names a language of the site. */
  readonly isLanguage: (suffix: string) => boolean;
  readonly fileNameDate: 'strict' | 'jekyll';
}

/** `path` is relative to its content root. */
export function pathParts(path: string, rules: PathRules): PathParts {
  const segments = path.split('/');
  let file = (segments.pop() ?? '').replace(EXTENSION, '');
  const bundleIndex = file === 'index' || file.startsWith('index.');
  const languageMatch = LANGUAGE_SUFFIX.exec(file);
  const languageSuffix =
    languageMatch?.[1] && rules.isLanguage(languageMatch[1]) ? languageMatch[1] : undefined;
  if (languageMatch && languageSuffix) file = file.slice(0, languageMatch.index);
  if (bundleIndex) file = segments.at(-1) ?? file;
  const dated = (rules.fileNameDate === 'jekyll' ? JEKYLL_DATE_PREFIX : STRICT_DATE_PREFIX).exec(file);
  const stem =
    rules.fileNameDate === 'jekyll' ? (dated?.[2] ?? file).replace(/\.+$/, '') : (dated?.[2] ?? file);
  const folders = bundleIndex ? segments.slice(0, -1) : segments;
  const section = segments.length > (bundleIndex ? 1 : 0) ? (segments[0] ?? '') : '';
  return {
    section: section.replace(/^_/, ''),
    dir: folders.join('/'),
    fileName: file,
    fileStem: stem,
    languageSuffix,
    fileNameDate: dated?.[1],
    translationStem: `${folders.join('/')}/${stem}`,
  };
}

/** The root a file was found under (the longest that holds it), and its path inside that root. */
export function rootOf(path: string, roots: readonly ContentRoot[]): { root: ContentRoot; inner: string } {
  let best: ContentRoot = { dir: '' };
  for (const root of roots) {
    if ((root.dir === '' || path.startsWith(`${root.dir}/`)) && root.dir.length >= best.dir.length)
      best = root;
  }
  const inner = best.dir ? path.slice(best.dir.length + 1) : path;
  return { root: best, inner: best.target ? `${best.target}/${inner}` : inner };
}
