/**
 * One content file read and parsed into an article, as plain data: what the scanner does for each
 * new or changed file, on its own thread or, handed over in batches, on others (a cold start reads
 * thousands of files: two cores read them in half the time). The result crosses threads, so the
 * article comes without its body loader; the scanner gives it one (readBody, checked by hash).
 */
import type { ReadResult, ReadSettings, SourceArticle, SourceFile } from '../content/article.ts';
import type { FrontMatterClosing } from '../content/front-matter/front-matter.ts';
import { readArticle } from '../content/read-article.ts';
import { errorMessage } from '../core/guards.ts';
import { type FileStamp, readSourceFile } from './content-folder.ts';

/** What a file is read with besides its bytes (see SourceFile). */
export type ReadContext = Pick<SourceFile, 'gitDate' | 'sectionPath' | 'cascade' | 'listPage'>;

export interface FileToRead {
  readonly stamp: FileStamp;
  readonly context: ReadContext;
  /** The hash the file had when last read: the same bytes need no parsing again. */
  readonly knownHash?: string;
}

/** An article without its body loader: what crosses threads. */
export type ArticleRead = Omit<SourceArticle, 'markdown'>;

/** A read result that can cross threads. */
export type PlainReadResult =
  | { readonly ok: true; readonly article: ArticleRead; readonly problems: ReadResult['problems'] }
  | Extract<ReadResult, { ok: false }>;

/**
 * A file read: its hash and, unless the bytes are those it had (`knownHash`), what they say; or why
 * it could not be read.
 */
export type FileRead =
  | { readonly ok: true; readonly hash: string; readonly result?: PlainReadResult }
  | { readonly ok: false; readonly error: string };

/** Reads files, somewhere: one result each, in order. */
export type FileReading = (files: readonly FileToRead[]) => Promise<readonly FileRead[]>;

/** Reads and parses one file here. */
export function readFileAt(file: FileToRead, settings: ReadSettings, closing: FrontMatterClosing): FileRead {
  let source: SourceFile;
  try {
    source = {
      ...readSourceFile(file.stamp, settings.maxBodyBytes, closing),
      modTime: file.stamp.mtimeMs,
      ...file.context,
    };
  } catch (error) {
    return { ok: false, error: `cannot read file: ${errorMessage(error)}` };
  }
  if (file.knownHash === source.hash) return { ok: true, hash: source.hash };
  const result = readArticle(source, settings);
  if (!result.ok) return { ok: true, hash: source.hash, result };
  const { markdown: _, ...article } = result.article;
  return { ok: true, hash: source.hash, result: { ok: true, article, problems: result.problems } };
}
