/** The content folder on disk (Node only): which Markdown files there are, and reading them. */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  type Dirent,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ContentRoot, SourceFile } from '../content/article.ts';
import {
  type FrontMatterClosing,
  frontMatterLength,
  splitFrontMatter,
} from '../content/front-matter/front-matter.ts';
import type { GeneratorRules } from '../content/generators.ts';
import { LIST_PAGE } from '../content/list-page.ts';
import { mediaDuration } from '../content/media-duration.ts';
import { errorMessage, isRecord } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { type Guard, isNumber, isString, objectOf } from '../core/shape.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';

export interface FileStamp {
  /** Relative to the content folder, `/`-separated. */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
  /**
   * Change time and inode: tools that keep a file's size and mtime (`cp -p`, `rsync -t`, `tar x`)
   * still give it a new ctime or a new inode, and nothing can set either back.
   */
  readonly ctimeMs: number;
  readonly ino: number;
}

export const isFileStamp: Guard<FileStamp> = objectOf({
  path: isString,
  absolutePath: isString,
  size: isNumber,
  mtimeMs: isNumber,
  ctimeMs: isNumber,
  ino: isNumber,
});

/** What tells a file's version apart, from its stat. */
function stampOf(path: string, absolutePath: string, info: Stats): FileStamp {
  return { path, absolutePath, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

/** True when nothing about a file moved since `known` was taken: it need not be read again. */
export function sameStamp(known: FileStamp, now: FileStamp): boolean {
  return (
    known.size === now.size &&
    known.mtimeMs === now.mtimeMs &&
    known.ctimeMs === now.ctimeMs &&
    known.ino === now.ino
  );
}

export interface ContentFiles {
  readonly articles: readonly FileStamp[];
  /** Section and term pages (`_index.md`): not articles, but they name and describe feeds. */
  readonly listPages: readonly FileStamp[];
  /** Links that lead nowhere, folders that cannot be read: warnings, the rest is listed. */
  readonly problems: readonly Problem[];
}

/** What a generator reads as articles: which files, and which folders it never looks into. */
export type FileRules = Pick<GeneratorRules, 'articleFiles' | 'ignoredFolders' | 'leafBundles'> & {
  /** Files and folders never read, by their absolute paths (Hugo's `ignoreFiles`). */
  readonly ignoreFiles?: readonly RegExp[];
};

/** A leaf bundle's own page: `index.md`, `index.fr.md`. */
const BUNDLE_INDEX = /^index(?:\.[^./]+)?\.[^./]+$/i;

/**
 * Hugo's leaf bundles: in a folder with an `index.md`, every other file, and every folder below it,
 * is a resource of that page (`post/data.md` beside `post/index.md` is no page of its own).
 */
function withoutBundleResources(articles: readonly FileStamp[]): FileStamp[] {
  const leaves = articles
    .filter((stamp) => BUNDLE_INDEX.test(stamp.path.split('/').at(-1) ?? ''))
    .map((stamp) => stamp.path.split('/').slice(0, -1).join('/'))
    .filter((dir) => dir !== '');
  if (leaves.length === 0) return [...articles];
  const leafSet = new Set(leaves);
  const inLeaf = (path: string, own: boolean) => {
    const folders = path.split('/').slice(0, -1);
    // A bundle's own index is its page, unless it is itself inside another leaf bundle.
    for (let n = folders.length - (own ? 1 : 0); n > 0; n--)
      if (leafSet.has(folders.slice(0, n).join('/'))) return true;
    return false;
  };
  return articles.filter(
    (stamp) => !inLeaf(stamp.path, BUNDLE_INDEX.test(stamp.path.split('/').at(-1) ?? '')),
  );
}

/**
 * Every article file under the roots (by the generator's rules), apart from list pages, each sorted
 * by path relative to `base`. Hidden, dependency and generator folders are skipped.
 */
export async function listContentFiles(
  base: string,
  roots: readonly ContentRoot[],
  rules: FileRules,
): Promise<ContentFiles> {
  const lists = [];
  for (const root of roots) lists.push(await listRoot(base, root.dir, rules));
  const byPath = (a: FileStamp, b: FileStamp) => (a.path < b.path ? -1 : 1);
  const unique = (stamps: FileStamp[]) =>
    [...new Map(stamps.map((stamp) => [stamp.path, stamp])).values()].sort(byPath);
  const articles = unique(lists.flatMap((list) => list.articles));
  return {
    articles: rules.leafBundles ? withoutBundleResources(articles) : articles,
    listPages: unique(lists.flatMap((list) => list.listPages)),
    problems: lists.flatMap((list) => list.problems),
  };
}

/**
 * Whether a listing of `root` leaves the file at `inner` (relative to it) out: in a folder the
 * generator never looks into, or matched, it or a folder above it, by Hugo's `ignoreFiles`.
 */
function isIgnored(root: string, inner: string, rules: FileRules): boolean {
  const segments = inner.split('/');
  if (segments.slice(0, -1).some((folder) => rules.ignoredFolders.test(folder))) return true;
  const ignoreFiles = rules.ignoreFiles ?? [];
  if (ignoreFiles.length === 0) return false;
  // Hugo tests each folder and file it walks: one that matches is left out, with all it holds.
  for (let n = 1; n <= segments.length; n++) {
    const path = join(root, ...segments.slice(0, n))
      .split(sep)
      .join('/');
    if (ignoreFiles.some((pattern) => pattern.test(path))) return true;
  }
  return false;
}

/** `absolutePath` relative to `from`, `/`-separated: sliced when it is inside (nearly always). */
function slashedWithin(from: string, absolutePath: string): string {
  if (
    absolutePath.startsWith(from) &&
    absolutePath.length > from.length &&
    absolutePath[from.length] === sep
  ) {
    const inner = absolutePath.slice(from.length + 1);
    return sep === '/' ? inner : inner.split(sep).join('/');
  }
  return relative(from, absolutePath).split(sep).join('/');
}

/** The listing of one root under way: the folders left to list, the real ones listed, what it found. */
class RootListing {
  readonly articles: FileStamp[] = [];
  readonly listPages: FileStamp[] = [];
  readonly problems: Problem[] = [];
  readonly #root: string;
  readonly #realRoot: string;
  readonly #normalBase: string;
  readonly #rules: FileRules;
  readonly #folders: string[];
  readonly #visited: Set<string>;

  constructor(base: string, root: string, rules: FileRules) {
    this.#root = root;
    this.#realRoot = realpathSync(root);
    this.#normalBase = join(base);
    this.#rules = rules;
    this.#folders = [root];
    this.#visited = new Set([this.#realRoot]);
  }

  /** The next folder to list, if any is left. */
  nextFolder(): string | undefined {
    return this.#folders.pop();
  }

  /**
   * Everything below `folder`; a folder that cannot be listed is a warning, but for the root
   * itself: that throws, as a failed run, not an empty site.
   */
  entriesOf(folder: string): Dirent[] {
    try {
      return readdirSync(folder, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (folder === this.#root) throw error;
      const path = relative(this.#root, folder).split(sep).join('/');
      this.problems.push({
        path,
        line: 1,
        severity: 'warning',
        message: `cannot list: ${errorMessage(error)}`,
      });
      return [];
    }
  }

  /** Takes one entry: an article or list page is stamped, a link to a folder is listed later. */
  take(entry: Dirent): void {
    const link = entry.isSymbolicLink();
    if (!link && !entry.isFile()) return;
    const parent = entry.parentPath;
    const absolutePath = parent.endsWith(sep) ? join(parent, entry.name) : `${parent}${sep}${entry.name}`;
    const inner = slashedWithin(this.#root, absolutePath);
    if (entry.name.startsWith('.') || isIgnored(this.#root, inner, this.#rules)) return;
    const isListPage = LIST_PAGE.test(entry.name);
    // A link is stat-ed whatever its name: it may lead to a folder.
    if (!link && !isListPage && !this.#rules.articleFiles.test(inner)) return;
    const info: Stats | undefined = statSync(absolutePath, { throwIfNoEntry: false });
    if (link && info?.isDirectory()) {
      this.#followFolder(absolutePath);
      return;
    }
    if (!isListPage && !this.#rules.articleFiles.test(inner)) return;
    const path = slashedWithin(this.#normalBase, absolutePath);
    if (!info?.isFile()) {
      if (link)
        this.problems.push({ path, line: 1, severity: 'warning', message: 'is a link to nothing readable' });
      return;
    }
    (isListPage ? this.listPages : this.articles).push(stampOf(path, absolutePath, info));
  }

  /** A linked folder is listed where the link is, once per real folder (so a loop of links ends). */
  #followFolder(absolutePath: string): void {
    const real = realpathSync(absolutePath);
    // A link to a folder inside the content folder would list its files twice.
    const inside = real === this.#realRoot || real.startsWith(this.#realRoot + sep);
    if (inside || this.#visited.has(real)) return;
    this.#visited.add(real);
    this.#folders.push(absolutePath);
  }
}

/**
 * One root. Links are followed: to a file, it is read under the link's name; to a folder outside
 * the root, the folder is listed there (each real folder once, so a loop of links ends). Throws
 * when the root itself cannot be read: that is a failed run, not an empty site. Synchronous stats on
 * purpose: for thousands of small files they are 3-4 times faster than fs/promises, whose every
 * call is a thread-pool round trip (10,000 stats: 65 ms against 205 ms).
 */
async function listRoot(base: string, rootDir: string, rules: FileRules) {
  const listing = new RootListing(base, join(base, rootDir), rules);
  let sinceYield = 0;
  for (let folder = listing.nextFolder(); folder !== undefined; folder = listing.nextFolder()) {
    for (const entry of listing.entriesOf(folder)) {
      // A server keeps answering during a sweep: give the event loop a turn every few hundred stats.
      if (++sinceYield === 256) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      listing.take(entry);
    }
  }
  const { articles, listPages, problems } = listing;
  return { articles, listPages, problems };
}

/**
 * What one path of the content folder is now, as a full listing would see it: an article file
 * (its stamp), `none` (no such file, or nothing a listing takes: outside the roots, hidden,
 * ignored, not an article's extension), or `listing` when only a listing can tell (a folder, a
 * link, a list page, a bundle's index, or with leaf bundles any file a listing had not found:
 * whether it is a bundle's resource depends on its folder). `path` is relative to `base`,
 * `/`-separated; `known`: a listing found it.
 */
export function contentFileAt(
  base: string,
  roots: readonly ContentRoot[],
  rules: FileRules,
  path: string,
  known: boolean,
): { readonly stamp: FileStamp } | 'none' | 'listing' {
  if (path === '' || path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '.'))
    return 'listing';
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (LIST_PAGE.test(name)) return 'listing';
  if (rules.leafBundles && (!known || BUNDLE_INDEX.test(name))) return 'listing';
  const taken = roots.some((root) => {
    if (root.dir !== '' && !path.startsWith(`${root.dir}/`)) return false;
    const inner = root.dir === '' ? path : path.slice(root.dir.length + 1);
    return (
      !name.startsWith('.') &&
      !isIgnored(join(base, root.dir), inner, rules) &&
      rules.articleFiles.test(inner)
    );
  });
  const absolutePath = join(base, ...path.split('/'));
  const info = lstatSync(absolutePath, { throwIfNoEntry: false });
  if (info === undefined) return 'none';
  if (!info.isFile()) return info.isDirectory() || info.isSymbolicLink() ? 'listing' : 'none';
  if (!taken) return 'none';
  return { stamp: stampOf(path, absolutePath, info) };
}

/** Why no `:git` date could be read, in words a person can act on. */
function whyNoGit(error: unknown): string {
  if (isRecord(error) && error.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  const said = isRecord(error) && typeof error.stderr === 'string' ? error.stderr.trim().split('\n')[0] : '';
  if (said && /not a git repository/i.test(said)) return 'the content folder is in no Git repository';
  return `git log failed: ${said || errorMessage(error)}`;
}

/**
 * The author date of each file's last commit, by path relative to `base` (Hugo's `:git` date), or
 * why there are none: git is missing, or `base` is in no Git repository.
 */
export function gitAuthorDates(base: string): {
  readonly dates: ReadonlyMap<string, number>;
  readonly unavailable?: string;
} {
  const dates = new Map<string, number>();
  if (!existsSync(base)) return { dates };
  let log: string;
  try {
    log = execFileSync('git', ['-C', base, 'log', '--relative', '--name-only', '--format=%x00%aI'], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    return { dates, unavailable: whyNoGit(error) };
  }
  let date = 0;
  for (const line of log.split('\n')) {
    if (line.startsWith('\u0000')) date = Date.parse(line.slice(1));
    else if (line && !dates.has(line) && !Number.isNaN(date)) dates.set(line, date);
  }
  return { dates };
}

const hashBytes = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64url');

/**
 * A file's text as UTF-8 bytes. UTF-16 (what Windows tools write, with a byte order mark) is
 * converted; anything else is taken as UTF-8.
 */
function utf8Bytes(bytes: Buffer): Buffer {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : '';
  return utf16 ? Buffer.from(new TextDecoder(utf16).decode(bytes), 'utf8') : bytes;
}

/** Where the front matter block ends, in bytes; -1 if the file has none delimited by `---` or `+++`. */
function frontMatterEnd(bytes: Buffer, closing: FrontMatterClosing): number {
  return frontMatterLength(bytes.toString('latin1'), closing);
}

/**
 * A body asked for after its file changed on disk (an edit in the middle of a run): the run cannot
 * publish that article as read, and must not publish the site without it either.
 */
export class SourceChangedError extends Error {
  override readonly name = 'SourceChangedError';
}

/** Bytes of front matter a file may have: what is read is this, plus the body's budget. */
export const FRONT_MATTER_BYTES = 1_048_576;

/**
 * The first `maxBytes` of a file, with a hash of what was read (and of the file's size, when that
 * is not all of it): what is rendered depends on those bytes alone, so they are what caches key on.
 */
function readPrefix(stamp: FileStamp, maxBytes: number): { raw: Buffer; hash: string } {
  const fd = openSync(stamp.absolutePath, 'r');
  try {
    const size = fstatSync(fd).size;
    const raw = Buffer.allocUnsafe(Math.min(size, maxBytes));
    let read = 0;
    while (read < raw.length) {
      const n = readSync(fd, raw, read, raw.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = raw.subarray(0, read);
    const hash = hashBytes(bytes) + (size > read ? `+${size}` : '');
    return { raw: bytes, hash };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a source file, decoding only its front matter: the body is read again, and checked against
 * the hash, only if the article is ever rendered. At 10,000 articles most never are. No more than
 * FRONT_MATTER_BYTES plus `maxBodyBytes` are read, however large the file: a longer body is cut
 * when rendered anyway.
 */
export function readSourceFile(
  stamp: FileStamp,
  maxBodyBytes: number,
  closing: FrontMatterClosing = 'line',
): SourceFile {
  const { raw, hash } = readPrefix(stamp, FRONT_MATTER_BYTES + maxBodyBytes);
  const bytes = utf8Bytes(raw);
  const end = frontMatterEnd(bytes, closing);
  const sizeOf = (reference: string) => fileSize(referencedFile(stamp.absolutePath, reference));
  const durationOf = (reference: string, type: string) =>
    fileDuration(referencedFile(stamp.absolutePath, reference), type);
  if (end === -1) return { path: stamp.path, text: bytes.toString('utf8'), hash, sizeOf, durationOf };
  return {
    path: stamp.path,
    text: bytes.subarray(0, end).toString('utf8'),
    hash,
    body: () => readBody(stamp, hash, maxBodyBytes, closing),
    sizeOf,
    durationOf,
  };
}

/** A path inside `dir`, or undefined when `reference` would lead out of it. */
function inside(dir: string, reference: string): string | undefined {
  const path = join(dir, reference);
  return path.startsWith(dir + sep) ? path : undefined;
}

function fileSize(path: string | undefined): number | undefined {
  const info = path === undefined ? undefined : statSync(path, { throwIfNoEntry: false });
  return info?.isFile() ? info.size : undefined;
}

/**
 * How long an audio or video file plays, from its headers (content/media-duration.ts): a few reads
 * of a few kilobytes at most, whatever its size. Undefined when it cannot be read or says nothing.
 */
function fileDuration(path: string | undefined, type: string): number | undefined {
  if (path === undefined) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const opened = fd;
    const size = fstatSync(opened).size;
    const read = (offset: number, length: number) => {
      const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const got = bytes.length === 0 ? 0 : readSync(opened, bytes, 0, bytes.length, offset);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, got);
    };
    return mediaDuration(read, size, type);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The file an article refers to: relative to the article (a page bundle), or, written from the
 * site's root (`/audio/x.mp3`), among a Hugo site's `static/` files or a Jekyll site's own (the
 * folder holding `_config.yml`), looked for up from the article's folder. Undefined: none there.
 */
function referencedFile(articlePath: string, reference: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('//')) return undefined;
  let path: string;
  try {
    const query = reference.search(/[?#]/);
    path = decodeURIComponent(query === -1 ? reference : reference.slice(0, query));
  } catch {
    return undefined;
  }
  const folder = dirname(articlePath);
  const file = (candidate: string | undefined) =>
    candidate !== undefined && fileSize(candidate) !== undefined ? candidate : undefined;
  if (!path.startsWith('/')) return file(inside(folder, path));
  for (let dir = folder, depth = 0; depth < 8; dir = dirname(dir), depth++) {
    const found =
      file(inside(join(dir, 'static'), path)) ??
      (existsSync(join(dir, '_config.yml')) ? file(inside(dir, path)) : undefined);
    if (found !== undefined) return found;
    if (dirname(dir) === dir) break;
  }
  return undefined;
}

/**
 * The Markdown body of a file read earlier, read again from disk: only if the file still has the
 * content hash it was read with (else the next run picks the change up).
 */
export function readBody(
  stamp: FileStamp,
  hash: string,
  maxBodyBytes: number,
  closing: FrontMatterClosing = 'line',
): string {
  const read = readPrefix(stamp, FRONT_MATTER_BYTES + maxBodyBytes);
  if (read.hash !== hash)
    throw new SourceChangedError(`${stamp.path} changed while it was being read; the next run picks it up`);
  const bytes = utf8Bytes(read.raw);
  const end = frontMatterEnd(bytes, closing);
  // Without --- or +++ (JSON or no front matter) the body is found by the same split as at first read.
  return end === -1
    ? splitFrontMatter(stripForbiddenXmlChars(bytes.toString('utf8')), 'text', closing).body
    : bytes.subarray(end).toString('utf8');
}
