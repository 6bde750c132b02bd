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
} from '../content/article.ts';
import { UNDATED, ZERO_DATE } from '../content/dates/article-dates.ts';
import { type FrontMatterDefault, hugoCascade, inScope } from '../content/front-matter/defaults.ts';
import { GENERATORS } from '../content/generators.ts';
import { type ListPage, type ListPageResult, readListPage } from '../content/list-page.ts';
import { errorMessage } from '../core/guards.ts';
import { hashText } from '../core/hash.ts';
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
  contentFileAt,
  type FileStamp,
  gitAuthorDates,
  isFileStamp,
  listContentFiles,
  readBody,
  readSourceFile,
  sameStamp,
} from './content-folder.ts';
import {
  type FileRead,
  type FileReading,
  type FileToRead,
  type PlainReadResult,
  type ReadContext,
  readFileAt,
} from './file-read.ts';

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
  const inner = path.slice(prefix.length);
  const folders = (root?.target ? `${root.target}/${inner}` : inner).split('/').slice(0, -1);
  if (/^index\./i.test(path.split('/').at(-1) ?? '')) folders.pop();
  for (let n = folders.length; n > 1; n--) {
    if (sectionDirs.has(prefix + folders.slice(0, n).join('/'))) return folders.slice(0, n).join('/');
  }
  return folders[0] ?? '';
}

/** A file's folder inside its content root, and that root's folder (see hugoSection). */
function innerPath(
  path: string,
  roots: readonly ContentRoot[],
): { inner: string; root: ContentRoot | undefined } {
  const root = roots
    .filter((r) => r.dir === '' || path.startsWith(`${r.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  const inner = root?.dir ? path.slice(root.dir.length + 1) : path;
  return { inner: root?.target ? `${root.target}/${inner}` : inner, root };
}

/**
 * Hugo's `cascade` from section pages: for a file, the values every `_index.md` above it cascades
 * to it (aimed by `_target`), the farthest first. Undefined when none does.
 */
function cascadesOf(
  pages: readonly ListPage[],
  roots: readonly ContentRoot[],
): (path: string) => Readonly<Record<string, unknown>>[] | undefined {
  const byDir = new Map<string, FrontMatterDefault[]>();
  for (const page of pages) {
    if (page.cascade === undefined) continue;
    const below =
      page.dir === '' ? '' : innerPath(`${page.dir}/_index.md`, roots).inner.replace(/\/?_index\.md$/, '');
    byDir.set(page.dir, hugoCascade(page.cascade, below));
  }
  if (byDir.size === 0) return () => undefined;
  return (path) => {
    const { inner } = innerPath(path, roots);
    const folders = path.split('/').slice(0, -1);
    const values: Readonly<Record<string, unknown>>[] = [];
    for (let n = 0; n <= folders.length; n++) {
      for (const entry of byDir.get(folders.slice(0, n).join('/')) ?? [])
        if (inScope(inner, entry.path)) values.push(entry.values);
    }
    return values.length > 0 ? values : undefined;
  };
}

/** New or changed files worth sharing with other readers: fewer are read here in less time than a round trip. */
const SHARED_READS = 256;

/** What reading a file depends on besides the file, from the last listing. */
interface Reading {
  /** Folders with an `_index` page: Hugo's sections. */
  readonly sectionDirs: ReadonlySet<string>;
  /** Hugo's `cascade` of the sections above a file. */
  readonly cascades: ((path: string) => Readonly<Record<string, unknown>>[] | undefined) | undefined;
  /** Hugo's section pages that are items (of their terms' feeds). */
  readonly listPagePaths: ReadonlySet<string>;
}

/**
 * `undatedPages: 'main-section'` (a site whose feed templates pick the pages they list): a page
 * without any date is a post only in the site's main section (Hugo's default mainSections: the
 * section with the most posts, here the most dated ones); an undated about or docs page elsewhere is
 * left out, without a warning, rather than published with the year 1.
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

/** Hugo dates a section page that names no date by the newest page below it, in its language. */
function datedSectionPages(articles: readonly SourceArticle[]): SourceArticle[] {
  if (!articles.some((a) => a.head.termsOnly && a.head.date === ZERO_DATE)) return [...articles];
  return articles.map((article) => {
    const { head } = article;
    if (!head.termsOnly || head.date !== ZERO_DATE) return article;
    const dir = head.path.split('/').slice(0, -1).join('/');
    let newest = ZERO_DATE;
    for (const { head: other } of articles) {
      if (!other.termsOnly && other.language === head.language && other.path.startsWith(`${dir}/`))
        newest = Math.max(newest, other.date);
    }
    if (newest === ZERO_DATE) return article;
    return { ...article, head: { ...head, date: newest, updated: newest, liveFrom: newest } };
  });
}

export class ContentScanner {
  readonly #root: string;
  readonly #settings: ReadSettings;
  readonly #ignoreFiles: readonly RegExp[];
  /** Which line closes a front-matter block, by the site's generator. */
  get #closing() {
    return GENERATORS[this.#settings.generator].frontMatterClosing;
  }
  /** Every article file (and Hugo section page that is an item), by path, in order of path. */
  #known = new Map<string, Known>();
  /** What the last listing found besides articles (none before the first). */
  #listing:
    | {
        /** Article files listed (section pages apart). */
        readonly seen: number;
        readonly reading: Reading;
        readonly problems: readonly Problem[];
        readonly pages: { readonly pages: readonly ListPage[]; readonly problems: readonly Problem[] };
      }
    | undefined;
  #listPages = new Map<string, { readonly stamp: FileStamp; readonly result: ListPageResult }>();

  /** Where files are read besides here (other threads), and how many read there. */
  readonly #readers: { readonly read: FileReading; readonly count: number } | undefined;

  /**
   * `readers`: where files are also read (render threads on Node), and how many read there: a
   * listing that finds many new or changed files hands them a share.
   */
  constructor(
    root: string,
    settings: ReadSettings,
    readers?: { readonly read: FileReading; readonly count: number },
  ) {
    this.#root = root;
    this.#settings = settings;
    this.#ignoreFiles = settings.ignoreFiles.map((pattern) => new RegExp(pattern));
    this.#readers = readers;
  }

  /** What the library knows, to be restored by a later run (see restore()). */
  save(): ScannerState {
    return {
      files: [...this.#known.values()].map((known) => {
        const article = known.result.ok ? store(known.result.article) : undefined;
        return {
          stamp: known.stamp,
          hash: known.hash,
          context: known.context,
          ok: known.result.ok,
          skipped: !known.result.ok && known.result.skipped === true,
          article,
          problems: known.result.problems,
          // The article itself, most often: kept once.
          lastGood:
            known.result.ok && known.lastGood === known.result.article ? article : store(known.lastGood),
        };
      }),
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
      const lastGood = file.lastGood === file.article ? article : load(file.lastGood);
      this.#known.set(file.stamp.path, {
        stamp: file.stamp,
        hash: file.hash,
        context: file.context,
        result: article
          ? { ok: true, article, problems: file.problems }
          : { ok: false, ...(file.skipped && { skipped: true as const }), problems: file.problems },
        lastGood,
      });
    }
  }

  /**
   * Brings the library up to date with the folder. Throws if the folder cannot be listed.
   * `changed`: the paths (relative to the folder) a watcher saw change since the last scan; only
   * those are looked at, when that is enough to know what a full listing would find (articles
   * edited, added or removed: not folders, links or list pages, which take a listing).
   */
  async scan(changed?: readonly string[]): Promise<ScanResult> {
    const { date, publishDate, lastmod, expiryDate } = this.#settings.dates;
    const usesGit = [date, publishDate, lastmod, expiryDate].some((sources) =>
      sources.some((source) => source.toLowerCase() === ':git'),
    );
    const partial = changed && !usesGit ? this.#scanPaths(changed) : undefined;
    return partial ?? this.#scanAll(usesGit);
  }

  #rules() {
    return { ...GENERATORS[this.#settings.generator], ignoreFiles: this.#ignoreFiles };
  }

  /** Every file listed and looked at (stat), and read when it changed. */
  async #scanAll(usesGit: boolean): Promise<ScanResult> {
    const settings = this.#settings;
    const files = await listContentFiles(this.#root, settings.roots, this.#rules());
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
    // List pages first: a section's `cascade` is part of what each page below it is read with.
    const pages = this.#scanListPages(files.listPages);
    const cascades = settings.generator === 'hugo' ? cascadesOf(pages.pages, settings.roots) : undefined;
    const next = new Map<string, Known>();
    const count = { read: pages.changed, changed: pages.changed };
    // Hugo: a section page with terms is an item of its terms' feeds (the home page never is).
    const sectionPages =
      settings.generator === 'hugo'
        ? files.listPages.filter((stamp) => innerPath(stamp.path, settings.roots).inner.includes('/'))
        : [];
    const listPagePaths = new Set(sectionPages.map((stamp) => stamp.path));
    const reading = { sectionDirs, cascades, listPagePaths };
    /** Files to read, each with where its result goes in `next` (kept in the order of paths). */
    const toRead: { readonly file: FileToRead; readonly known: Known | undefined; readonly key: string }[] =
      [];
    for (const stamp of [...files.articles, ...sectionPages]) {
      const known = this.#known.get(stamp.path);
      const { key, context } = this.#contextOf(stamp, reading, git.dates.get(stamp.path));
      if (known && known.context === key && sameStamp(known.stamp, stamp)) {
        next.set(stamp.path, known);
        continue;
      }
      const knownHash = known && known.context === key ? known.hash : undefined;
      toRead.push({ file: { stamp, context, ...(knownHash !== undefined && { knownHash }) }, known, key });
      // Its place in the order of paths, filled once read.
      next.set(stamp.path, known as Known);
    }
    const reads = await this.#readAll(toRead.map((entry) => entry.file));
    toRead.forEach(({ file, known, key }, i) => {
      next.set(file.stamp.path, this.#settle(file, known, key, reads[i] as FileRead, count));
    });
    for (const path of this.#known.keys()) if (!next.has(path)) count.changed++;
    // In order of path, as scans give articles: kept so, a scan of a few paths need not sort.
    this.#known = sectionPages.length > 0 ? new Map([...next].sort(([a], [b]) => (a < b ? -1 : 1))) : next;
    this.#listing = {
      seen: files.articles.length,
      reading,
      problems: [...gitProblems, ...files.problems],
      pages,
    };
    return this.#result(count.read, count.changed);
  }

  /**
   * Only `paths` looked at, the rest as the last scan left it; undefined when that cannot tell what
   * a listing would (no scan before, a folder or link or list page among them, a folder gone).
   */
  #scanPaths(paths: readonly string[]): ScanResult | undefined {
    const listing = this.#listing;
    if (!listing) return undefined;
    const found = new Map<string, FileStamp | undefined>();
    for (const path of new Set(paths)) {
      const known = this.#known.has(path);
      const now = contentFileAt(this.#root, this.#settings.roots, this.#rules(), path, known);
      if (now === 'listing') return undefined;
      if (now !== 'none') found.set(path, now.stamp);
      else if (known) found.set(path, undefined);
      // A folder that is gone took its articles with it: only a listing knows which.
      else if ([...this.#known.keys()].some((other) => other.startsWith(`${path}/`))) return undefined;
    }
    const count = { read: 0, changed: 0 };
    let seen = listing.seen;
    let added = false;
    for (const [path, stamp] of found) {
      const known = this.#known.get(path);
      if (!stamp) {
        this.#known.delete(path);
        count.changed++;
        seen--;
        continue;
      }
      if (!known) {
        added = true;
        seen++;
      }
      this.#known.set(path, this.#look(stamp, known, listing.reading, undefined, count));
    }
    if (added) this.#known = new Map([...this.#known].sort(([a], [b]) => (a < b ? -1 : 1)));
    this.#listing = { ...listing, seen };
    return this.#result(count.read, count.changed);
  }

  /** A file as it is now: the known one when nothing about it moved, else read (and parsed if its bytes changed). */
  #look(
    stamp: FileStamp,
    known: Known | undefined,
    reading: Reading,
    gitDate: number | undefined,
    count: { read: number; changed: number },
  ): Known {
    const { key, context } = this.#contextOf(stamp, reading, gitDate);
    if (known && known.context === key && sameStamp(known.stamp, stamp)) return known;
    const knownHash = known && known.context === key ? known.hash : undefined;
    const file: FileToRead = { stamp, context, ...(knownHash !== undefined && { knownHash }) };
    return this.#settle(file, known, key, readFileAt(file, this.#settings, this.#closing), count);
  }

  /** What a file is read with besides its bytes, and that as a key (a change of it is a change). */
  #contextOf(stamp: FileStamp, reading: Reading, gitDate: number | undefined) {
    const settings = this.#settings;
    const listPage = reading.listPagePaths.has(stamp.path);
    const sectionPath =
      settings.generator === 'hugo'
        ? hugoSection(stamp.path, settings.roots, reading.sectionDirs)
        : undefined;
    const cascade = reading.cascades?.(stamp.path);
    const key = `${listPage ? 'list|' : ''}${sectionPath ?? ''}|${gitDate ?? ''}${cascade ? `|${hashText(JSON.stringify(cascade))}` : ''}`;
    const context: ReadContext = {
      ...(gitDate !== undefined && { gitDate }),
      ...(sectionPath !== undefined && { sectionPath }),
      ...(cascade && { cascade }),
      ...(listPage && { listPage: true }),
    };
    return { key, context };
  }

  /**
   * Reads `files`: a share of many on the other readers, the rest here meanwhile. In the order
   * given, one result each.
   */
  async #readAll(files: readonly FileToRead[]): Promise<readonly FileRead[]> {
    const readers = this.#readers;
    const here = (list: readonly FileToRead[]) =>
      list.map((file) => readFileAt(file, this.#settings, this.#closing));
    if (!readers || files.length < SHARED_READS) return here(files);
    const mine = Math.ceil(files.length / (readers.count + 1));
    const theirs = readers.read(files.slice(mine));
    // Read here while they read there: not awaited first, or this thread would sit idle.
    theirs.catch(() => {});
    const local = here(files.slice(0, mine));
    return [...local, ...(await theirs)];
  }

  /** What a file read is in the library: the known one if its bytes did not change, else what they say. */
  #settle(
    file: FileToRead,
    known: Known | undefined,
    key: string,
    read: FileRead,
    count: { read: number; changed: number },
  ): Known {
    const { stamp } = file;
    count.read++;
    if (!read.ok) {
      count.changed++;
      return {
        stamp,
        hash: '',
        context: key,
        result: {
          ok: false,
          problems: [{ path: stamp.path, line: 1, severity: 'error', message: read.error }],
        },
        lastGood: known?.lastGood,
      };
    }
    if (known && known.hash === read.hash && known.context === key) return { ...known, stamp };
    count.changed++;
    const listPage = file.context.listPage === true;
    const outcome = this.#withBody(stamp, read.hash, read.result);
    // A section page in no term is in no feed: no item, and nothing to say about it.
    const result: ReadResult =
      listPage &&
      (!outcome.ok || Object.values(outcome.article.head.terms).every((names) => names.length === 0))
        ? { ok: false, skipped: true, problems: [] }
        : listPage
          ? // Its date, when it names none, is its pages' (see datedSectionPages).
            { ...outcome, problems: outcome.problems.filter((p) => p.message !== UNDATED) }
          : outcome;
    // A page that is not a post (any more) keeps no last good version: it is left out on purpose.
    const skipped = !result.ok && result.skipped === true;
    return {
      stamp,
      hash: read.hash,
      context: key,
      result,
      lastGood: result.ok ? result.article : skipped ? undefined : known?.lastGood,
    };
  }

  /** A result read as plain data, its article given its body loader (read again, checked by hash). */
  #withBody(stamp: FileStamp, hash: string, result: PlainReadResult | undefined): ReadResult {
    if (!result) throw new Error(`${stamp.path} was read without its contents`);
    if (!result.ok) return result;
    const article: SourceArticle = {
      ...result.article,
      markdown: () => readBody(stamp, hash, this.#settings.maxBodyBytes, this.#closing),
    };
    return { ok: true, article, problems: result.problems };
  }

  /** What the library holds now (its files in order of path), as a scan's result. */
  #result(read: number, changed: number): ScanResult {
    const listing = this.#listing;
    if (!listing) throw new Error('a scan result before any listing');
    const articles: SourceArticle[] = [];
    const problems: Problem[] = [];
    for (const [path, { result, lastGood }] of this.#known) {
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
    // A Hugo page with no date at all is published with Hugo's zero date, as Hugo's own feeds list it
    // (unless the site's feed templates pick their pages); a section page without one is as new as
    // the newest page below it.
    const settings = this.#settings;
    const posts =
      settings.generator === 'hugo' &&
      settings.undatedPages === 'main-section' &&
      settings.sections.length === 0
        ? withoutUndatedPages(datedSectionPages(articles), problems, settings.language)
        : { articles: datedSectionPages(articles), problems };
    return {
      seen: listing.seen,
      read,
      changed,
      articles: posts.articles,
      listPages: listing.pages.pages,
      problems: [...listing.problems, ...posts.problems, ...listing.pages.problems],
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
