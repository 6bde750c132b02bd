/** What an article's path says about it: section, file stem, language suffix, Jekyll date. */

/** `post.en.md` → `en`; the language suffix Hugo uses for translations by file name. */
const LANGUAGE_SUFFIX = /\.([a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)$/;
/** Jekyll's `_posts/2024-01-15-title.md`. */
const JEKYLL_DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})-(.+)$/;
const MARKDOWN_EXTENSION = /\.(md|markdown|mdown|mkd)$/i;

export interface PathParts {
  /** The first folder (without a leading `_`), or `''` for a file at the top. */
  readonly section: string;
  /** The file name without extension, language suffix and Jekyll date; a bundle's folder name. */
  readonly fileStem: string;
  readonly languageSuffix: string | undefined;
  /** `YYYY-MM-DD` from a Jekyll file name, not yet checked to be a real date. */
  readonly jekyllDate: string | undefined;
  /** Files that are translations of each other share this. */
  readonly translationStem: string;
}

export function pathParts(path: string): PathParts {
  const segments = path.split('/');
  let file = (segments.pop() ?? '').replace(MARKDOWN_EXTENSION, '');
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
