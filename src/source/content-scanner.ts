/**
 * ContentScanner: every content file read once and remembered by size, mtime and content hash, so a
 * regeneration re-reads only what changed on disk and re-parses only what changed in content.
 */

import {
  type ContentRoot,
  isArticleHead,
  isBodyFormat,
  type ReadResult,
  type ReadSettings,
  type SourceArticle,
  type SourceFile,
} from '../content/article.ts';
import { UNDATED, ZERO_DATE } from '../content/dates/article-dates.ts';
import { GENERATORS } from '../content/generators.ts';
import { type ListPage, type ListPageResult, readListPage } from '../content/list-page.ts';
import { readArticle } from '../content/read-article.ts';
import { errorMessage } from '../core/guards.ts';
import { isProblem, type Problem } from '../core/problem.ts';
import {
  absentOr,
  arrayOf,
  type Guard,
  isBoolean,
  isNumber,
  isString,
  objectOf,
  optional,
} from '../core/shape.ts';
import {
  type FileStamp,
  gitAuthorDates,
  isFileStamp,
  listContentFiles,
  readBody,
  readSourceFile,
  sameStamp,
} from './content-folder.ts';

interface Known {
  readonly stamp: FileStamp;
  readonly hash: string;
  /** What the file was read with besides its bytes: its section path and Git date. */
  readonly context: string;
  readonly result: ReadResult;
  /** The last version of this file that could be published. */
  readonly lastGood: SourceArticle | undefined;
}

export interface ScanResult {
  readonly seen: number;
  /** Files read from disk this scan (new, or size or mtime changed). */
  readonly read: number;
  /** Files added, changed in content, or removed. */
  readonly changed: number;
  readonly articles: readonly SourceArticle[];
  readonly listPages: readonly ListPage[];
  readonly problems: readonly Problem[];
}

/** An article without its body loader: what can be written to disk and read back. */
type StoredArticle = Omit<SourceArticle, 'markdown'>;

/** The library as it can be kept between runs (v8-serializable: no functions). */
export interface ScannerState {
  readonly files: readonly {
    readonly stamp: FileStamp;
    readonly hash: string;
    readonly context: string;
    readonly ok: boolean;
    readonly skipped: boolean;
    readonly article: StoredArticle | undefined;
    readonly problems: readonly Problem[];
    readonly lastGood: StoredArticle | undefined;
  }[];
}

const isStoredArticle: Guard<StoredArticle> = objectOf({
  head: isArticleHead,
  format: isBodyFormat,
  bodyLine: isNumber,
  summaryMarkdown: optional(isString),
  descriptionMarkdown: optional(isString),
  summarySeparator: absentOr(isString),
  unusedFields: absentOr(arrayOf(objectOf({ name: isString, line: isNumber }))),
});

/** Library state read back from outside, checked all the way down. */
export const isScannerState: Guard<ScannerState> = objectOf({
  files: arrayOf(
    objectOf({
      stamp: isFileStamp,
      hash: isString,
      context: isString,
      ok: isBoolean,
      skipped: isBoolean,
      article: optional(isStoredArticle),
      problems: arrayOf(isProblem),
      lastGood: optional(isStoredArticle),
    }),
  ),
});

const store = (article: SourceArticle | undefined): StoredArticle | undefined =>
  article && {
    head: article.head,
    format: article.format,
    bodyLine: article.bodyLine,
    summaryMarkdown: article.summaryMarkdown,
    descriptionMarkdown: article.descriptionMarkdown,
    ...(article.summarySeparator !== undefined && { summarySeparator: article.summarySeparator }),
    ...(article.unusedFields && { unusedFields: article.unusedFields }),
  };

/**
 * Hugo's section path of a file, relative to its root: its folders up to the nearest one with an
 * `_index` file (a top-level folder always is a section). A bundle (`x/index.md`) is in its parent's.
 */
function hugoSection(path: string, roots: readonly ContentRoot[], sectionDirs: ReadonlySet<string>): string {
  const root = roots
    .filter((r) => r.dir === '' || path.startsWith(`${r.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  const prefix = root?.dir ? `${root.dir}/` : '';
  const folders = path.slice(prefix.length).split('/').slice(0, -1);
  if (/^index\./i.test(path.split('/').at(-1) ?? '')) folders.pop();
  for (let n = folders.length; n > 1; n--) {
    if (sectionDirs.has(prefix + folders.slice(0, n).join('/'))) return folders.slice(0, n).join('/');
  }
  return folders[0] ?? '';
}

/**
 * A Hugo page without any date is a post only in the site's main section (Hugo's default
 * mainSections: the section with the most posts, here the most dated ones): an undated about or
 * docs page elsewhere is left out, without a warning, rather than published with the year 1.
 */
function withoutUndatedPages(
  articles: readonly SourceArticle[],
  problems: readonly Problem[],
  language: string,
) {
  const topSection = (article: SourceArticle) => article.head.section.split('/')[0] ?? '';
  // Counted in the default language, as Hugo's first site counts them (translations repeat its sections).
  const inLanguage = articles.filter((a) => a.head.language.toLowerCase() === language.toLowerCase());
  const dated = new Map<string, number>();
  for (const article of inLanguage.length > 0 ? inLanguage : articles) {
    if (article.head.date !== ZERO_DATE)
      dated.set(topSection(article), (dated.get(topSection(article)) ?? 0) + 1);
  }
  const main = [...dated].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const left = new Set(
    articles
      .filter((article) => article.head.date === ZERO_DATE && topSection(article) !== main)
      .map((article) => article.head.path),
  );
  if (left.size === 0) return { articles, problems };
  return {
    articles: articles.filter((article) => !left.has(article.head.path)),
    problems: problems.filter((problem) => !(left.has(problem.path) && problem.message === UNDATED)),
  };
}

export class ContentScanner {
  readonly #root: string;
  readonly #settings: ReadSettings;
  /** Which line closes a front-matter block, by the site's generator. */
  get #closing() {
    return GENERATORS[this.#settings.generator].frontMatterClosing;
  }
  #known = new Map<string, Known>();
  #listPages = new Map<string, { readonly stamp: FileStamp; readonly result: ListPageResult }>();

  constructor(root: string, settings: ReadSettings) {
    this.#root = root;
    this.#settings = settings;
  }

  /** What the library knows, to be restored by a later run (see restore()). */
  save(): ScannerState {
    return {
      files: [...this.#known.values()].map((known) => ({
        stamp: known.stamp,
        hash: known.hash,
        context: known.context,
        ok: known.result.ok,
        skipped: !known.result.ok && known.result.skipped === true,
        article: known.result.ok ? store(known.result.article) : undefined,
        problems: known.result.problems,
        lastGood: store(known.lastGood),
      })),
    };
  }

  /**
   * Takes back what an earlier run saved: files whose size and mtime still match are not read again.
   * Their bodies are read from disk only if rendered, and only if the file still has the saved hash.
   */
  restore(state: ScannerState): void {
    for (const file of state.files) {
      const load = (stored: StoredArticle | undefined): SourceArticle | undefined =>
        stored && {
          ...stored,
          markdown: () => readBody(file.stamp, file.hash, this.#settings.maxBodyBytes, this.#closing),
        };
      const article = load(file.article);
      this.#known.set(file.stamp.path, {
        stamp: file.stamp,
        hash: file.hash,
        context: file.context,
        result: article
          ? { ok: true, article, problems: file.problems }
          : { ok: false, ...(file.skipped && { skipped: true as const }), problems: file.problems },
        lastGood: load(file.lastGood),
      });
    }
  }

  /** Brings the library up to date with the folder. Throws if the folder cannot be listed. */
  async scan(): Promise<ScanResult> {
    const settings = this.#settings;
    const files = await listContentFiles(this.#root, settings.roots, GENERATORS[settings.generator]);
    const { date, publishDate, lastmod, expiryDate } = settings.dates;
    const usesGit = [date, publishDate, lastmod, expiryDate].some((sources) =>
      sources.some((source) => source.toLowerCase() === ':git'),
    );
    const git = usesGit ? gitAuthorDates(this.#root) : { dates: new Map<string, number>() };
    // Said on every scan that asks for :git dates and gets none, as other problems are.
    const gitProblems: Problem[] = git.unavailable
      ? [
          {
            path: '.',
            line: 1,
            severity: 'warning',
            message: `no :git dates: ${git.unavailable}; each article takes its date from the next source the dates settings name`,
          },
        ]
      : [];
    const sectionDirs = new Set(files.listPages.map((page) => page.path.split('/').slice(0, -1).join('/')));
    const next = new Map<string, Known>();
    let changed = 0;
    let read = 0;
    for (const stamp of files.articles) {
      const known = this.#known.get(stamp.path);
      const sectionPath =
        settings.generator === 'hugo' ? hugoSection(stamp.path, settings.roots, sectionDirs) : undefined;
      const gitDate = git.dates.get(stamp.path);
      const context = `${sectionPath ?? ''}|${gitDate ?? ''}`;
      if (known && known.context === context && sameStamp(known.stamp, stamp)) {
        next.set(stamp.path, known);
        continue;
      }
      read++;
      let file: SourceFile;
      try {
        file = {
          ...readSourceFile(stamp, this.#settings.maxBodyBytes, this.#closing),
          modTime: stamp.mtimeMs,
          ...(gitDate !== undefined && { gitDate }),
          ...(sectionPath !== undefined && { sectionPath }),
        };
      } catch (error) {
        changed++;
        const message = `cannot read file: ${errorMessage(error)}`;
        next.set(stamp.path, {
          stamp,
          hash: '',
          context,
          result: { ok: false, problems: [{ path: stamp.path, line: 1, severity: 'error', message }] },
          lastGood: known?.lastGood,
        });
        continue;
      }
      if (known && known.hash === file.hash && known.context === context) {
        next.set(stamp.path, { ...known, stamp });
        continue;
      }
      changed++;
      const result = readArticle(file, settings);
      // A page that is not a post (any more) keeps no last good version: it is left out on purpose.
      const skipped = !result.ok && result.skipped === true;
      next.set(stamp.path, {
        stamp,
        hash: file.hash,
        context,
        result,
        lastGood: result.ok ? result.article : skipped ? undefined : known?.lastGood,
      });
    }
    for (const path of this.#known.keys()) if (!next.has(path)) changed++;
    this.#known = next;

    const articles: SourceArticle[] = [];
    const problems: Problem[] = [];
    for (const [path, { result, lastGood }] of [...next].sort(([a], [b]) => (a < b ? -1 : 1))) {
      problems.push(...result.problems);
      if (result.ok) articles.push(result.article);
      else if (lastGood) {
        // A file that breaks mid-edit keeps its last good version in the feeds instead of vanishing
        // (and coming back later as a "new" item in readers).
        articles.push(lastGood);
        problems.push({
          path,
          line: 1,
          severity: 'warning',
          message: 'still publishing the last version that could be read',
        });
      }
    }
    const pages = this.#scanListPages(files.listPages);
    changed += pages.changed;
    read += pages.changed;
    const posts =
      settings.generator === 'hugo' && settings.sections.length === 0
        ? withoutUndatedPages(articles, problems, settings.language)
        : { articles, problems };
    return {
      seen: files.articles.length,
      read,
      changed,
      articles: posts.articles,
      listPages: pages.pages,
      problems: [...gitProblems, ...files.problems, ...posts.problems, ...pages.problems],
    };
  }

  /** List pages are few: read again whenever their stamp moves, never kept between runs. */
  #scanListPages(stamps: readonly FileStamp[]) {
    const next = new Map<string, { readonly stamp: FileStamp; readonly result: ListPageResult }>();
    let changed = 0;
    for (const stamp of stamps) {
      const known = this.#listPages.get(stamp.path);
      if (known && sameStamp(known.stamp, stamp)) {
        next.set(stamp.path, known);
        continue;
      }
      changed++;
      let result: ListPageResult;
      try {
        result = readListPage(
          readSourceFile(stamp, this.#settings.maxBodyBytes, this.#closing),
          this.#settings,
        );
      } catch (error) {
        const message = `cannot read file: ${errorMessage(error)}`;
        result = { ok: false, problem: { path: stamp.path, line: 1, severity: 'warning', message } };
      }
      next.set(stamp.path, { stamp, result });
    }
    for (const path of this.#listPages.keys()) if (!next.has(path)) changed++;
    this.#listPages = next;
    const pages: ListPage[] = [];
    const problems: Problem[] = [];
    for (const { result } of next.values()) {
      if (result.ok) pages.push(result.page);
      else problems.push(result.problem);
    }
    return { pages, problems, changed };
  }
}
