/**
 * `feedwright build`: every feed, the index page and the OPML as files, at the paths they are served
 * at. A manifest in the output folder records what each file was made from, so a later build renders
 * and writes only what changed, and removes the files of feeds that no longer exist.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { allScopes, type Catalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { isRecord } from '../core/guards.ts';
import { hashText } from '../core/hash.ts';
import { feedPaths } from '../feeds/feed-paths.ts';
import { PAGES } from '../feeds/pages.ts';
import { type RenderedDocument, renderedDocument } from '../feeds/rendered-document.ts';
import type { FeedCache } from './feed-cache.ts';
import { STATIC_HEADERS_FILE, staticHeaders } from './static-headers.ts';

interface Manifest {
  /** Code and config the files were made with: when it differs, nothing is reused. */
  readonly fingerprint: string;
  /** File → what it was made from. */
  readonly files: Record<string, string>;
}

export interface SiteWrite {
  readonly written: number;
  readonly unchanged: number;
  readonly removed: number;
}

export interface SiteOutput {
  readonly outDir: string;
  /**
   * Where what each file was made from is recorded, outside the public folder (a static host would
   * publish it). Without it, or when it was made with other code or config, every file is written.
   */
  readonly manifestPath: string;
  /** Code and config: see outputFingerprint(). */
  readonly fingerprint: string;
}

async function readManifest(path: string, fingerprint: string): Promise<Record<string, string>> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(manifest) || manifest.fingerprint !== fingerprint || !isRecord(manifest.files)) return {};
    return Object.fromEntries(
      Object.entries(manifest.files).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

/** Writes everything `serve` would answer, and the `_headers` that make static hosts answer alike. */
export async function writeSite(
  catalog: Catalog,
  cache: FeedCache,
  config: SiteConfig,
  output: SiteOutput,
): Promise<SiteWrite> {
  const { outDir, manifestPath, fingerprint } = output;
  const previous = await readManifest(manifestPath, fingerprint);
  const files: Record<string, string> = {};
  const pending: [string[], () => Promise<RenderedDocument> | undefined][] = [];
  const plan = (paths: string[], key: string, render: () => Promise<RenderedDocument> | undefined) => {
    for (const path of paths) files[path] = key;
    if (paths.some((path) => previous[path] !== key || !existsSync(join(outDir, path))))
      pending.push([paths, render]);
  };
  for (const page of PAGES) plan([page.file], `page:${catalog.version}`, () => cache.page(catalog, page));
  const headers = staticHeaders(config);
  plan([STATIC_HEADERS_FILE], `headers:${hashText(headers)}`, async () =>
    renderedDocument(headers, 'text/plain; charset=utf-8', 0),
  );
  const paths = feedPaths(config);
  for (const scope of allScopes(catalog)) {
    const input = cache.feedInputKey(catalog, scope);
    const all = paths.of(catalog, scope, 'file');
    for (const format of new Set(all.map((p) => p.format))) {
      plan(
        all.filter((p) => p.format === format).map((p) => p.path),
        `${input}|${format.name}`,
        () => cache.feed(catalog, scope, format),
      );
    }
  }
  let written = 0;
  for (const [paths, render] of pending) {
    const document = await render();
    if (!document) continue;
    await Promise.all(
      paths.map(async (path) => {
        await mkdir(dirname(join(outDir, path)), { recursive: true });
        await writeFile(join(outDir, path), document.body);
      }),
    );
    written += paths.length;
  }
  const stale = Object.keys(previous).filter((path) => !(path in files));
  await Promise.all(stale.map((path) => rm(join(outDir, path), { force: true })));
  await mkdir(dirname(manifestPath), { recursive: true });
  await writeFile(manifestPath, JSON.stringify({ fingerprint, files } satisfies Manifest));
  return { written, unchanged: Object.keys(files).length - written, removed: stale.length };
}
