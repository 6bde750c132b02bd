// Properties of every feed, over generated content: front matter in YAML, JSON or as raw text, with
// any field holding anything (any Unicode, lone surrogates and controls included, any nesting, huge
// and empty values, hostile URLs), and bodies mixing Markdown, HTML, shortcodes and junk. Whatever
// the content and the limits: nothing throws; every XML feed is well-formed for a strict parser and
// for libxml2 with its default limits; every JSON Feed is valid; ids are unique; links are http(s);
// feeds fit maxFeedBytes; the same content gives the same bytes. (The cases and the checks are in
// hostile-content.ts: articles in memory go through the same ones.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogOf, NOW, testConfig } from '../helpers.ts';
import { testSeed } from '../seed.ts';
import { expectGoodFeeds, limits, renderAll, site } from './hostile-content.ts';

const work = mkdtempSync(join(tmpdir(), 'feedwright-properties-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;

describe('every feed of any content', () => {
  it('is well-formed, valid, bounded, safe and deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(site, limits, async (files, limit) => {
        const config = testConfig(limit);
        const catalog = catalogOf(files, NOW, config);
        const documents = await expectGoodFeeds(catalog, config, work, runs++);
        // The same files, read in the other order and rendered afresh: the same bytes.
        const reversed = Object.fromEntries(Object.entries(files).reverse());
        const again = await renderAll(catalogOf(reversed, NOW, config), config);
        expect(again.map((d) => d.text)).toEqual(documents.map((d) => d.text));
      }),
      { numRuns: 40, seed: testSeed('generated content') },
    );
  }, 120_000);
});
