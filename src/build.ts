/** `feedwright build`: every feed, the index page and the OPML as files, at the paths they are served at. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Catalog } from './catalog.ts';
import { allScopes, type FeedCache } from './feed-cache.ts';
import { FORMATS } from './feeds/formats.ts';
import { taxonomyOf } from './feeds/scope.ts';

/** Writes everything `serve` would answer; returns how many files were written. */
export async function writeSite(catalog: Catalog, cache: FeedCache, outDir: string): Promise<number> {
  const files: [string, Uint8Array][] = [
    ['index.html', (await cache.page(catalog, 'index')).body],
    ['feeds.opml', (await cache.page(catalog, 'opml')).body],
  ];
  for (const scope of allScopes(catalog)) {
    // On disk the slug is decoded: static servers decode the request path before looking it up.
    const dir = scope.kind === 'site' ? '' : `${taxonomyOf(scope.kind).path}/${scope.slug}/`;
    for (const format of FORMATS) {
      const document = await cache.feed(catalog, scope, format);
      if (!document) continue;
      for (const file of [format.file, ...format.aliases]) files.push([dir + file, document.body]);
    }
  }
  const dirs = new Set(files.map(([path]) => dirname(join(outDir, path))));
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })));
  await Promise.all(files.map(([path, body]) => writeFile(join(outDir, path), body)));
  return files.length;
}
