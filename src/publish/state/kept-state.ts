/**
 * What a Node run keeps for the next one (a "warm restart"): the parsed articles, their rendered
 * bodies and when each document's bytes were first served, in one v8-serialized file per content folder, config and build of feedwright. A file is
 * taken only if it is, all the way down, what this code writes: anything else costs a cold start
 * and one log line, never a failed start.
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
import { arrayOf, type Guard, isString, objectOf, tupleOf } from '../../core/shape.ts';
import { isScannerState, type ScannerState } from '../../source/content-scanner.ts';
import { removeAbandonedTemporaryFiles, writeFileAtomic } from '../atomic-file.ts';
import { isKeptChanges, type KeptChange } from '../cache/change-times.ts';

export interface RunState {
  readonly library: ScannerState;
  readonly bodies: readonly (readonly [string, ArticleBody])[];
  /** When each feed's and page's bytes were first served: their Last-Modified (change-times.ts). */
  readonly changes: readonly KeptChange[];
}

const isRunState: Guard<RunState> = objectOf({
  library: isScannerState,
  bodies: arrayOf(tupleOf(isString, isArticleBody)),
  changes: isKeptChanges,
});

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
  let state: unknown;
  try {
    state = deserialize(await readFile(path));
  } catch (error) {
    if (!(isRecord(error) && error.code === 'ENOENT'))
      log(`[feedwright] kept state ${path} cannot be read (${errorMessage(error)}): starting cold`);
    return undefined;
  }
  if (isRunState(state)) return state;
  log(`[feedwright] kept state ${path} is not a state this version writes: starting cold`);
  return undefined;
}

/** Writes atomically, so a crash or a full disk never leaves half a state file, nor a temporary one. */
export async function saveState(path: string, state: RunState): Promise<void> {
  await writeFileAtomic(path, serialize(state));
}
