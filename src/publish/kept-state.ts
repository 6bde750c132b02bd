/**
 * What a Node run keeps for the next one (a "warm restart"): the parsed articles and their rendered
 * bodies, in one v8-serialized file per content folder, config and build of feedwright. Anything
 * that does not match is ignored: a stale or broken state file only costs a cold start.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleBody } from '../content/article-body.ts';
import type { LibraryState } from '../content/library.ts';

export interface RunState {
  readonly library: LibraryState;
  readonly bodies: readonly (readonly [string, ArticleBody])[];
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

export async function loadState(path: string): Promise<RunState | undefined> {
  try {
    return deserialize(await readFile(path)) as RunState;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temporary file, then rename), so a crash never leaves half a state file. */
export async function saveState(path: string, state: RunState): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, serialize(state));
  await rename(temporary, path);
}
