// tests/fixtures/pinned-corpus: 40 articles from ../shared/bench/make-corpus.mjs (seed 1), committed.
// The SHA-256 of every file `build` writes for it is pinned in pinned-output.sha256.json, so a
// performance change that alters a single byte fails here. After an intended output change, run
// `UPDATE_PINS=1 npx vitest run tests/pinned-output.test.ts` and say why in the commit.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allScopes } from '../src/catalog/catalog.ts';
import { scopePath } from '../src/catalog/scope.ts';
import { parseConfig } from '../src/config/site-config.ts';
import { FORMATS } from '../src/feeds/formats.ts';
import { PAGES } from '../src/feeds/pages.ts';
import { publishFolder } from '../src/publish/regenerate/folder-publication.ts';

const pins = new URL('./fixtures/pinned-output.sha256.json', import.meta.url).pathname;
const config = parseConfig({
  title: 'Pinned',
  siteUrl: 'https://pinned.example.org/',
  timeZone: 'Asia/Shanghai',
});

describe('output bytes of a fixed corpus', () => {
  it('match the pinned SHA-256 of every feed and page', async () => {
    const { publisher, cache } = await publishFolder(
      new URL('./fixtures/pinned-corpus/', import.meta.url).pathname,
      config,
      { log: () => {} },
    );
    const catalog = publisher.catalog;
    const actual: Record<string, string> = {};
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    for (const page of PAGES) actual[page.name] = sha((await cache.page(catalog, page)).body);
    for (const scope of allScopes(catalog)) {
      for (const format of FORMATS) {
        const document = await cache.feed(catalog, scope, format);
        if (document) actual[`${scopePath(scope)}${format.file}`] = sha(document.body);
      }
    }
    if (process.env.UPDATE_PINS === '1' || !existsSync(pins))
      writeFileSync(pins, `${JSON.stringify(actual, null, 1)}\n`);
    const pinned = JSON.parse(readFileSync(pins, 'utf8')) as Record<string, string>;
    expect(Object.keys(actual).length).toBeGreaterThan(100);
    expect(actual).toEqual(pinned);
  });
});
