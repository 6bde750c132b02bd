/**
 * What a Node run keeps for the next one (a "warm restart"): the parsed articles, their rendered
 * bodies and when each document's bytes were first served, in one file per content folder, config
 * and build of feedwright. A file is taken only if it is, all the way down, what this code writes:
 * anything else costs a cold start and one log line, never a failed start.
 *
 * The file is written part by part, never whole in memory: a mark, the library as compact JSON
 * (see kept-library.ts: JSON.parse decodes many small objects fastest), each body v8-serialized
 * behind its length, then a trailer (JSON) saying where the library ends, whose the bodies are,
 * and the change times, and the trailer's length in its last four bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { SiteConfig } from '../../config/site-config.ts';
import { type ArticleBody, isArticleBody } from '../../content/render/article-body.ts';
import { errorMessage, isRecord } from '../../core/guards.ts';
import { arrayOf, type Guard, isString, objectOf } from '../../core/shape.ts';
import { isScannerState, type ScannerState } from '../../source/content-scanner.ts';
import { keepLibrary, restoreLibrary } from '../../source/kept-library.ts';
import { removeAbandonedTemporaryFiles, writeFileAtomic } from '../atomic-file.ts';
import { isKeptChanges, type KeptChange } from '../cache/change-times.ts';

export interface RunState {
  readonly library: ScannerState;
  readonly bodies: readonly (readonly [string, ArticleBody])[];
  /** When each feed's and page's bytes were first served: their Last-Modified (change-times.ts). */
  readonly changes: readonly KeptChange[];
}

/** What a state file starts with: this format, and nothing older or newer. */
const MARK = Buffer.from('feedwright state 2\n');

/** Files of the library per part written: a part is a few hundred kilobytes of JSON. */
const FILES_PER_PART = 500;

interface Trailer {
  /** Bytes of library JSON after the mark. */
  readonly library: number;
  /** Whose each body is, in order. */
  readonly bodies: readonly string[];
  readonly changes: readonly KeptChange[];
}

const isTrailer: Guard<Trailer> = objectOf({
  library: (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value),
  bodies: arrayOf(isString),
  changes: isKeptChanges,
});

/** A four-byte little-endian length. */
function length(bytes: number): Uint8Array {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(bytes);
  return out;
}

/** The file's parts, made as they are written. */
function* stateParts(state: RunState): Generator<Uint8Array> {
  yield MARK;
  const library = keepLibrary(state.library);
  let libraryBytes = 0;
  const part = (text: string) => {
    const bytes = Buffer.from(text);
    libraryBytes += bytes.length;
    return bytes;
  };
  yield part(`{"base":${JSON.stringify(library.base)},"files":[`);
  for (let i = 0; i < library.files.length; i += FILES_PER_PART) {
    const files = library.files.slice(i, i + FILES_PER_PART).map((file) => JSON.stringify(file));
    yield part(`${i > 0 ? ',' : ''}${files.join(',')}`);
  }
  yield part(']}');
  for (const [, body] of state.bodies) {
    const bytes = serialize(body);
    yield length(bytes.length);
    yield bytes;
  }
  const trailer: Trailer = {
    library: libraryBytes,
    bodies: state.bodies.map(([key]) => key),
    changes: state.changes,
  };
  const bytes = Buffer.from(JSON.stringify(trailer));
  yield bytes;
  yield length(bytes.length);
}

/** The state in `file`'s bytes; undefined when they are not what stateParts() wrote. */
function readState(file: Buffer): RunState | undefined {
  if (file.length < MARK.length + 4 || !file.subarray(0, MARK.length).equals(MARK)) return undefined;
  const trailerBytes = file.readUInt32LE(file.length - 4);
  const trailerStart = file.length - 4 - trailerBytes;
  if (trailerStart < MARK.length) return undefined;
  const trailer: unknown = JSON.parse(file.toString('utf8', trailerStart, file.length - 4));
  if (!isTrailer(trailer)) return undefined;
  let at = MARK.length + trailer.library;
  if (at > trailerStart) return undefined;
  const library = restoreLibrary(JSON.parse(file.toString('utf8', MARK.length, at)));
  if (!library || !isScannerState(library)) return undefined;
  const bodies: [string, ArticleBody][] = [];
  for (const key of trailer.bodies) {
    if (at + 4 > trailerStart) return undefined;
    const end = at + 4 + file.readUInt32LE(at);
    if (end > trailerStart) return undefined;
    const body: unknown = deserialize(file.subarray(at + 4, end));
    if (!isArticleBody(body)) return undefined;
    bodies.push([key, body]);
    at = end;
  }
  if (at !== trailerStart) return undefined;
  return { library, bodies, changes: trailer.changes };
}

let code: string | undefined;

/** Changes with the running code (the bundle or source file this is part of): output may depend on it. */
function codeFingerprint(): string {
  code ??= createHash('sha1')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
  return code;
}

/**
 * A fingerprint of everything besides the articles that output depends on: the code and the config,
 * less the settings that only shape scheduling and HTTP headers (so `serve --refresh` finds the
 * state `build` left).
 */
export function outputFingerprint(config: SiteConfig): string {
  const { refresh: _refresh, maxAge: _maxAge, staleWhileRevalidate: _swr, ...output } = config;
  return createHash('sha1').update(codeFingerprint()).update(JSON.stringify(output)).digest('base64url');
}

export function stateFilePath(cacheDir: string, contentDir: string, config: SiteConfig): string {
  const key = createHash('sha1')
    .update(resolve(contentDir))
    .update(outputFingerprint(config))
    .digest('base64url');
  return join(cacheDir, `${key}.v8`);
}

/** Where `build` records what it wrote into `outDir` (see site-writer.ts): one file per output folder. */
export function buildManifestPath(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'builds', `${createHash('sha1').update(resolve(outDir)).digest('base64url')}.json`);
}

/**
 * The state kept at `path`: undefined when there is none, and when the file cannot be read or holds
 * anything but a state this code wrote (said in one line to `log`). Temporary files that writers
 * killed mid-write left beside it are removed.
 */
export async function loadState(
  path: string,
  log: (line: string) => void = (line) => console.error(line),
): Promise<RunState | undefined> {
  await removeAbandonedTemporaryFiles(dirname(path), false);
  let state: RunState | undefined;
  try {
    state = readState(await readFile(path));
  } catch (error) {
    if (!(isRecord(error) && error.code === 'ENOENT'))
      log(`[feedwright] kept state ${path} cannot be read (${errorMessage(error)}): starting cold`);
    return undefined;
  }
  if (state) return state;
  log(`[feedwright] kept state ${path} is not a state this version writes: starting cold`);
  return undefined;
}

/**
 * Writes atomically, so a crash or a full disk never leaves half a state file, nor a temporary one;
 * part by part, so it is never whole in memory.
 */
export async function saveState(path: string, state: RunState): Promise<void> {
  await writeFileAtomic(path, stateParts(state));
}
