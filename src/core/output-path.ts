/**
 * Paths of files written into an output folder (`build --out`, `build-worker --out`). They come
 * from the config (`feeds[].path`), from a site's own settings (Hugo's output format `baseName`,
 * jekyll-feed's `feed.path`), from terms as written (`{name}`) and from kept state: each is checked
 * by this one rule where it is read, and again where a file is written (publish/output-folder.ts).
 */

/** Characters no written path may hold: controls (a newline would end a `_headers` rule) and `\`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is its purpose.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * Why `path` cannot name a file inside an output folder, or undefined when it can: it must be
 * relative, with `/` between non-empty segments, none of them `.` or `..`, and no control characters.
 */
export function outputPathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.startsWith('/')) return 'is absolute (it is relative to the output folder)';
  if (UNSAFE.test(path)) return 'holds a control character or a backslash';
  const segments = path.split('/');
  if (segments.includes('..')) return 'has a ".." segment (it would lead out of the folder)';
  if (segments.some((segment) => segment === '.' || segment === '')) return 'has an empty or "." segment';
  return undefined;
}
