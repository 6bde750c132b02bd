/**
 * The library (every file read, see content-scanner.ts) as kept between runs: JSON, and compact —
 * what can be derived is left out (a file's absolute path, an id that is its permalink, a date
 * given three times, a last good version that is the article itself). At 10,000 articles this
 * reads back in a third of the time the v8-serialized library took: JSON.parse is the fastest
 * decoder Node has for many small objects, and there are fewer of them.
 *
 * What JSON cannot hold exactly (Jekyll's page variables for Liquid: dates, infinities) is kept
 * v8-serialized, as base64 inside the JSON.
 */
import { deserialize, serialize } from 'node:v8';
import type { ArticleHead, BodyFormat } from '../content/article.ts';
import { isRecord } from '../core/guards.ts';
import type { ScannerState } from './content-scanner.ts';

type StoredArticle = ScannerState['files'][number]['article'] & {};
type StoredFile = ScannerState['files'][number];

/** A head as kept: fields equal to others (or to the file's path and hash) left out. */
type KeptHead = Omit<Partial<ArticleHead>, 'updated' | 'liveFrom' | 'id' | 'sourceHash' | 'path'> & {
  readonly updated?: number;
  readonly liveFrom?: number;
  readonly id?: string;
  readonly sourceHash?: string;
};

interface KeptArticle extends Omit<StoredArticle, 'head' | 'format'> {
  readonly head: KeptHead;
  readonly format: Omit<BodyFormat, 'liquid'> & { readonly liquid?: string };
}

interface KeptFile {
  /** path, size, mtimeMs, ctimeMs, ino, and the absolute path when it is not `base` + path. */
  readonly stamp: readonly [string, number, number, number, number, string?];
  readonly hash: string;
  readonly context: string;
  readonly ok?: 1;
  readonly skipped?: 1;
  readonly article?: KeptArticle;
  readonly problems?: StoredFile['problems'];
  /** 1: the article itself. */
  readonly lastGood?: KeptArticle | 1;
}

/** The library, JSON-ready. */
export interface KeptLibrary {
  /** What every file's absolute path starts with (its path relative to the content folder follows). */
  readonly base: string;
  readonly files: readonly KeptFile[];
}

/** Head fields kept as null when they are what restoreLibrary derives again (their place is kept). */
const DERIVED = ['path', 'sourceHash', 'id', 'updated', 'liveFrom'] as const;

function keptArticle(article: StoredArticle, file: StoredFile): KeptArticle {
  const { head, format } = article;
  const derived: Record<(typeof DERIVED)[number], boolean> = {
    path: head.path === file.stamp.path,
    sourceHash: head.sourceHash === file.hash,
    id: head.id === head.permalink,
    updated: head.updated === head.date,
    liveFrom: head.liveFrom === head.date,
  };
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(head))
    kept[key] = key in derived && derived[key as (typeof DERIVED)[number]] ? null : value;
  const { liquid, ...plain } = format;
  return {
    ...article,
    head: kept as KeptHead,
    format: liquid === undefined ? plain : { ...plain, liquid: serialize(liquid).toString('base64') },
  };
}

/** The library as JSON-ready data. */
export function keepLibrary(state: ScannerState): KeptLibrary {
  const first = state.files[0]?.stamp;
  const base = first ? first.absolutePath.slice(0, first.absolutePath.length - first.path.length) : '';
  return {
    base,
    files: state.files.map((file): KeptFile => {
      const { stamp } = file;
      const article = file.article && keptArticle(file.article, file);
      return {
        stamp:
          stamp.absolutePath === base + stamp.path
            ? [stamp.path, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino]
            : [stamp.path, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, stamp.absolutePath],
        hash: file.hash,
        context: file.context,
        ...(file.ok && { ok: 1 }),
        ...(file.skipped && { skipped: 1 }),
        ...(article && { article }),
        ...(file.problems.length > 0 && { problems: file.problems }),
        ...(file.lastGood &&
          (file.lastGood === file.article
            ? { lastGood: 1 }
            : { lastGood: keptArticle(file.lastGood, file) })),
      };
    }),
  };
}

class NotKept extends Error {}

const fail = (): never => {
  throw new NotKept();
};
const str = (value: unknown): string => (typeof value === 'string' ? value : fail());
const num = (value: unknown): number => (typeof value === 'number' ? value : fail());

/**
 * An object with the keys of `kept` in their order, each value as `value` makes it: built key by key,
 * it is a fast object (spreading one and overriding keys made a slow one: catalogs took 10 times as
 * long over such heads).
 */
function rebuilt(kept: Record<string, unknown>, value: (key: string, kept: unknown) => unknown) {
  const out: Record<string, unknown> = {};
  for (const key in kept) out[key] = value(key, kept[key]);
  return out;
}

function expandArticle(value: unknown, path: string, hash: string): StoredArticle {
  if (!isRecord(value) || !isRecord(value.head) || !isRecord(value.format)) return fail();
  const kept = value.head;
  const date = num(kept.date);
  const permalink = str(kept.permalink);
  const derive: Record<(typeof DERIVED)[number], unknown> = {
    path,
    sourceHash: hash,
    id: permalink,
    updated: date,
    liveFrom: date,
  };
  const head = rebuilt(kept, (key, field) =>
    field === null && key in derive ? derive[key as (typeof DERIVED)[number]] : field,
  );
  // Fields a head always has, though undefined (JSON leaves them out).
  if (!('expires' in head)) head.expires = undefined;
  if (!('image' in head)) head.image = undefined;
  const format = rebuilt(value.format, (key, field) =>
    key === 'liquid' ? (deserialize(Buffer.from(str(field), 'base64')) as unknown) : field,
  );
  if (!('liquid' in format)) format.liquid = undefined;
  const article = rebuilt(value, (key, field) => (key === 'head' ? head : key === 'format' ? format : field));
  if (!('summaryMarkdown' in article)) article.summaryMarkdown = undefined;
  if (!('descriptionMarkdown' in article)) article.descriptionMarkdown = undefined;
  return article as unknown as StoredArticle;
}

/**
 * The library `keepLibrary` made, or undefined when `value` is not one: the caller checks it all
 * the way down (isScannerState) before taking it.
 */
export function restoreLibrary(value: unknown): ScannerState | undefined {
  if (!isRecord(value) || typeof value.base !== 'string' || !Array.isArray(value.files)) return undefined;
  const base = value.base;
  try {
    return {
      files: value.files.map((file: unknown): StoredFile => {
        if (!isRecord(file) || !Array.isArray(file.stamp)) return fail();
        const [path, size, mtimeMs, ctimeMs, ino, absolutePath] = file.stamp as unknown[];
        const hash = str(file.hash);
        const article = file.article === undefined ? undefined : expandArticle(file.article, str(path), hash);
        return {
          stamp: {
            path: str(path),
            absolutePath: absolutePath === undefined ? base + str(path) : str(absolutePath),
            size: num(size),
            mtimeMs: num(mtimeMs),
            ctimeMs: num(ctimeMs),
            ino: num(ino),
          },
          hash,
          context: str(file.context),
          ok: file.ok === 1,
          skipped: file.skipped === 1,
          article,
          problems: (file.problems ?? []) as StoredFile['problems'],
          lastGood:
            file.lastGood === 1
              ? article
              : file.lastGood === undefined
                ? undefined
                : expandArticle(file.lastGood, str(path), hash),
        };
      }),
    };
  } catch (error) {
    if (error instanceof NotKept) return undefined;
    throw error;
  }
}
