// tests/fixtures/pinned-corpus: 40 articles from bench/make-corpus.mjs (seed 1), committed.
// The SHA-256 of every file `build` writes for it is pinned in pinned-output.sha256.json, so a
// performance change that alters a single byte fails here; one feed per format is also kept whole in
// fixtures/pinned-output/ (JSON indented), so a change shows as a diff. After an intended output change, run
// `UPDATE_PINS=1 npx vitest run tests/pinned-output.test.ts` and say why in the commit. A missing pins
// or golden file fails: only UPDATE_PINS=1 writes them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyOf } from '../src/catalog/archives.ts';
import { allScopes, type Catalog } from '../src/catalog/catalog.ts';
import { scopePath } from '../src/catalog/scope.ts';
import { parseConfig } from '../src/config/site-config.ts';
import { archivePath } from '../src/feeds/feed-paths.ts';
import { FORMATS } from '../src/feeds/formats.ts';
import { PAGES } from '../src/feeds/pages.ts';
import type { FeedCache } from '../src/publish/cache/feed-cache.ts';
import { publishFolder } from '../src/publish/regenerate/folder-publication.ts';

const UPDATE = process.env.UPDATE_PINS === '1';
const HOW = 'UPDATE_PINS=1 npx vitest run tests/pinned-output.test.ts writes it';
const pins = new URL('./fixtures/pinned-output.sha256.json', import.meta.url).pathname;
const goldens = new URL('./fixtures/pinned-output/', import.meta.url).pathname;
/** The feed kept whole, in every format: a tag's, two items long, so a diff stays readable. */
const GOLDEN_SCOPE = 'tags/policy-guide/';
const corpus = new URL('./fixtures/pinned-corpus/', import.meta.url).pathname;
const config = parseConfig({
  title: 'Pinned',
  siteUrl: 'https://pinned.feedwright.dev/',
  timeZone: 'Asia/Shanghai',
});

let catalog: Catalog;
let cache: FeedCache;
beforeAll(async () => {
  const publication = await publishFolder(corpus, config, { log: () => {} });
  catalog = publication.publisher.catalog;
  cache = publication.cache;
});

describe('the pinned corpus', () => {
  it('is what bench/make-corpus.mjs makes of 40 articles with seed 1', () => {
    const made = mkdtempSync(join(tmpdir(), 'feedwright-corpus-'));
    try {
      const generator = new URL('../bench/make-corpus.mjs', import.meta.url).pathname;
      execFileSync(process.execPath, [
        generator,
        '--articles',
        '40',
        '--seed',
        '1',
        '--out',
        made,
        '--quiet',
      ]);
      const names = readdirSync(corpus).sort();
      expect(readdirSync(made).sort()).toEqual(names);
      for (const name of names)
        expect(readFileSync(join(made, name), 'utf8'), name).toBe(readFileSync(join(corpus, name), 'utf8'));
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
  });
});

describe('output bytes of a fixed corpus', () => {
  it('match the pinned SHA-256 of every feed, archive page and page', async () => {
    const actual: Record<string, string> = {};
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    for (const page of PAGES) actual[page.name] = sha((await cache.page(catalog, page)).body);
    for (const scope of allScopes(catalog)) {
      for (const format of FORMATS) {
        const document = await cache.feed(catalog, scope, format);
        if (document) actual[`${scopePath(scope)}${format.file}`] = sha(document.body);
        // Its history (RFC 5005), page by page.
        for (let page = 1; page <= (historyOf(catalog, scope, config.history)?.pages ?? 0); page++) {
          const archive = await cache.archive(catalog, scope, format, page);
          if (archive) actual[archivePath(scope, page, format)] = sha(archive.body);
        }
      }
    }
    expect(Object.keys(actual).some((path) => path.includes('archive/'))).toBe(true);
    if (UPDATE) writeFileSync(pins, `${JSON.stringify(actual, null, 1)}\n`);
    expect(existsSync(pins), `${pins} is missing: ${HOW}`).toBe(true);
    const pinned = JSON.parse(readFileSync(pins, 'utf8')) as Record<string, string>;
    expect(Object.keys(actual).length).toBeGreaterThan(100);
    expect(actual).toEqual(pinned);
  });

  it.each(FORMATS.map((format) => [format.file, format] as const))(
    `give ${GOLDEN_SCOPE}%s as kept in fixtures/pinned-output`,
    async (file, format) => {
      const scope = allScopes(catalog).find((s) => scopePath(s) === GOLDEN_SCOPE);
      const document = scope && (await cache.feed(catalog, scope, format));
      expect(document, `no ${GOLDEN_SCOPE}${file}`).toBeDefined();
      const bytes = new TextDecoder().decode(document?.body);
      // JSON Feed is one line: kept indented, so a change is a readable diff (the pins hold its bytes).
      const text = format.name === 'json' ? `${JSON.stringify(JSON.parse(bytes), null, 2)}\n` : bytes;
      const path = `${goldens}${GOLDEN_SCOPE}${file}`;
      if (UPDATE) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      expect(existsSync(path), `${path} is missing: ${HOW}`).toBe(true);
      expect(text).toBe(readFileSync(path, 'utf8'));
    },
  );
});
