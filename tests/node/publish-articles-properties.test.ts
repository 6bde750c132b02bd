// publishArticles over the hostile cases of the folder path's property test (feeds/hostile-content.ts):
// the same front matter, handed over as objects, fields holding what they are meant to and now and
// then anything at all, with the same bodies as Markdown or HTML. Whatever the articles and the
// limits: nothing throws; every feed is well-formed, valid, bounded and safe, as for files; every
// field of the wrong shape is an error naming its article and the field, and that article (only
// it) is left out; the same articles in the other order give the same bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isRecord } from '../../src/core/guards.ts';
import { publishArticles } from '../../src/node/publication.ts';
import {
  anyValue,
  body,
  expectGoodFeeds,
  field,
  frontMatter,
  limits,
  rare,
  renderAll,
  text,
  url,
} from '../feeds/hostile-content.ts';
import { SITE } from '../helpers.ts';
import { testSeed } from '../seed.ts';

const work = mkdtempSync(join(tmpdir(), 'feedwright-articles-properties-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const enclosure = fc.oneof(
  url,
  fc.record(
    {
      url,
      type: fc.oneof(fc.constantFrom('audio/mpeg', 'video/mp4', 'audio'), text),
      length: fc.oneof(fc.nat(), fc.integer(), fc.double()),
      title: text,
    },
    { requiredKeys: ['url'] },
  ),
);

/** One article: the folder test's front matter as an article's fields, a body as Markdown or HTML. */
const articleOf = fc
  .tuple(
    frontMatter,
    body,
    fc.boolean(),
    rare(field(fc.array(enclosure, { maxLength: 3 }))),
    rare(field(fc.boolean())),
    rare(anyValue),
  )
  .map(([fm, b, html, enclosures, summaryOnly, stray]) => {
    const {
      url: link,
      lastmod,
      author,
      authors,
      description,
      slug,
      translations,
      ...rest
    } = fm as Record<string, unknown>;
    void slug;
    void translations;
    const written: Record<string, unknown> = { ...rest };
    // The folder's `url` is a path on the site or an active URL; with none, a page of its own.
    if (link === undefined) written.path = '/posts/';
    else if (typeof link === 'string' && link.startsWith('/')) written.path = link;
    else written.url = link;
    written.updated = lastmod;
    written.authors = authors ?? (author === undefined ? undefined : [author]);
    written.summary ??= description;
    written[html ? 'html' : 'markdown'] = b;
    written.enclosures = enclosures;
    written.summaryOnly = summaryOnly;
    // Now and then a field no article has.
    if (stray !== undefined) written.stray = stray;
    return written;
  });

const articles = fc.array(articleOf, { minLength: 1, maxLength: 6 });

// ——— the oracle: which fields have the wrong shape for the Article type ———

const isText = (v: unknown) => typeof v === 'string';
const isDate = (v: unknown) => typeof v === 'string' || v instanceof Date;
const isTextList = (v: unknown) => Array.isArray(v) && v.every(isText);
const isPerson = (v: unknown) =>
  isText(v) ||
  (isRecord(v) &&
    Object.entries(v).every(
      ([k, part]) => ['name', 'email', 'url'].includes(k) && (part == null || isText(part)),
    ));
const isEnclosure = (v: unknown) =>
  isText(v) ||
  (isRecord(v) &&
    isText(v.url) &&
    Object.entries(v).every(([k, part]) =>
      part == null || k === 'url'
        ? true
        : k === 'type'
          ? isText(part) && /^[\w.+-]+\/[\w.+-]+$/.test(part as string)
          : k === 'length'
            ? Number.isSafeInteger(part) && (part as number) >= 0
            : k === 'title' && isText(part),
    ));

const SHAPES: Readonly<Record<string, (v: unknown) => boolean>> = {
  title: isText,
  url: isText,
  path: isText,
  date: isDate,
  updated: isDate,
  publishDate: isDate,
  expiryDate: isDate,
  id: isText,
  html: isText,
  markdown: isText,
  summary: isText,
  tags: isTextList,
  categories: isTextList,
  authors: (v) => Array.isArray(v) && v.every(isPerson),
  lang: isText,
  image: isText,
  enclosures: (v) => Array.isArray(v) && v.every(isEnclosure),
  draft: (v) => typeof v === 'boolean',
  summaryOnly: (v) => typeof v === 'boolean',
  source: isText,
};

/** The fields of `article` whose value has a shape the type does not allow (unknown ones included). */
function wrongFields(article: Record<string, unknown>): string[] {
  return Object.entries(article).flatMap(([name, value]) => {
    // null is no value (but where one is needed).
    if (value === undefined || (value === null && name !== 'title' && name !== 'date')) return [];
    const fits = Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
    return fits?.(value) ? [] : [name];
  });
}

let runs = 0;

describe('publishArticles with any articles', () => {
  it('gives well-formed, valid, bounded, safe, deterministic feeds, and an error for each wrong field', async () => {
    await fc.assert(
      fc.asyncProperty(articles, limits, async (given, limit) => {
        const list = given.map((article, i) => ({ ...article, source: `posts/a${i}.md` }));
        const publication = await publishArticles({
          title: 'Test site',
          siteUrl: SITE,
          ...limit,
          articles: list as never,
        });
        const { catalog, config, problems } = publication;
        list.forEach((article, i) => {
          const errors = problems.filter((p) => p.path === article.source && p.severity === 'error');
          for (const name of wrongFields(article))
            expect(
              errors.some((e) => e.message.startsWith(`"${name}`)),
              `articles[${i}] "${name}": ${JSON.stringify(errors)}`,
            ).toBe(true);
          const published = catalog.articles.some((head) => head.path === article.source);
          // Left out exactly when something about it is an error (drafts and scheduled ones aside).
          if (errors.length > 0) expect(published, `articles[${i}] left out`).toBe(false);
        });
        // Every problem names an article of the list.
        for (const problem of problems) expect(list.map((a) => a.source)).toContain(problem.path);
        const documents = await expectGoodFeeds(catalog, config, work, runs++);
        const again = await publishArticles({
          title: 'Test site',
          siteUrl: SITE,
          ...limit,
          articles: [...list].reverse() as never,
        });
        const reversed = await renderAll(again.catalog, again.config);
        expect(reversed.map((d) => d.text)).toEqual(documents.map((d) => d.text));
      }),
      { numRuns: 40, seed: testSeed('generated articles') },
    );
  }, 120_000);
});
