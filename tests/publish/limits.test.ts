// Output bounded by design: a 12 MB article and one with 3,000 tags give feeds that every reader
// (and libxml2 with its default limits) can parse, and say which file was cut.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allScopes } from '../../src/catalog/catalog.ts';
import { FORMATS } from '../../src/feeds/formats.ts';
import type { RenderedDocument } from '../../src/feeds/rendered-document.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { expectWellFormedXml, md, testConfig } from '../helpers.ts';

let dir: string;
const config = testConfig({ maxFeedBytes: 300_000, maxBodyBytes: 100_000, itemLimit: 0 });
const documents = new Map<string, RenderedDocument>();
let problems: readonly { path: string; severity: string; message: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-limits-'));
  const paragraph = `${'A long sentence with *emphasis*, a [link](/x/) and <b>markup</b>. '.repeat(20)}\n\n`;
  writeFileSync(
    join(dir, 'huge.md'),
    md({ title: 'Huge', date: '2025-03-01', tags: ['big'] }, paragraph.repeat(9_000)),
  );
  const tags = Array.from({ length: 3_000 }, (_, i) => `tag-${i}`);
  writeFileSync(join(dir, 'tagged.md'), md({ title: 'Tagged', date: '2025-02-01', tags }, 'Short.'));
  for (let i = 0; i < 30; i++)
    writeFileSync(
      join(dir, `p${i}.md`),
      md(
        { title: `Post ${i}`, date: `2025-01-${String(i + 1).padStart(2, '0')}`, tags: ['big'] },
        paragraph.repeat(6),
      ),
    );
  const { publisher, cache } = await publishFolder(dir, config, { log: () => {}, warm: false });
  const catalog = publisher.catalog;
  problems = catalog.problems;
  for (const scope of ['site', 'tag:big', 'tag:tag-7']) {
    const found = allScopes(catalog).find((s) => (s.kind === 'site' ? 'site' : `tag:${s.slug}`) === scope);
    if (!found) throw new Error(`no scope ${scope}`);
    for (const format of FORMATS) {
      const document = await cache.feed(catalog, found, format);
      if (document) documents.set(`${scope}|${format.name}`, document);
    }
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a 12 MB article', () => {
  it('is cut to maxBodyBytes, at an element boundary, with a warning naming the file', () => {
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'huge.md',
        severity: 'warning',
        message: expect.stringMatching(/maxBodyBytes/),
      }),
    );
    const json = JSON.parse(new TextDecoder().decode(documents.get('site|json')?.body)) as {
      items: { title: string; content_html: string }[];
    };
    const huge = json.items.find((i) => i.title === 'Huge');
    expect(Buffer.byteLength(huge?.content_html ?? '')).toBeLessThanOrEqual(100_000);
    expect(huge?.content_html).toMatch(/<p><a href="https:\/\/feedwright\.dev\/posts\/huge\/">…<\/a><\/p>$/);
  });

  it('keeps every item within maxFeedBytes: the oldest carry their summary, none is left out', async () => {
    for (const [key, document] of documents)
      expect(document.body.byteLength, key).toBeLessThanOrEqual(300_000);
    const tagFeed = documents.get('tag:big|json');
    const json = JSON.parse(new TextDecoder().decode(tagFeed?.body)) as {
      items: { title: string; content_html: string; summary: string; url: string }[];
    };
    expect(json.items.map((i) => i.title)).toEqual([
      'Huge',
      ...Array.from({ length: 30 }, (_, i) => `Post ${29 - i}`),
    ]);
    const fit = tagFeed?.fit;
    expect(fit?.leftOut).toBe(0);
    expect(fit?.summarized).toBeGreaterThan(0);
    expect(fit?.summarized).toBeLessThan(31);
    // The newest keep their whole text; from the first summary on, every older one is a summary.
    const summaries = json.items.map((i) => Buffer.byteLength(i.content_html) < 1_000);
    const first = summaries.indexOf(true);
    expect(first).toBe(31 - (fit?.summarized ?? 0));
    expect(summaries.slice(first).every(Boolean)).toBe(true);
    expect(summaries.slice(0, first).some(Boolean)).toBe(false);
    for (const item of json.items) expect(item.url).toMatch(/^https:\/\/feedwright\.dev\/posts\//);
    // RSS: the summarized items have a description and no content:encoded.
    const rss = new TextDecoder().decode(documents.get('tag:big|rss')?.body);
    const rssItems = rss.split('<item>').slice(1);
    expect(rssItems).toHaveLength(31);
    expect(rssItems.filter((i) => !i.includes('<content:encoded>'))).toHaveLength(
      documents.get('tag:big|rss')?.fit?.summarized ?? -1,
    );
    // A feed that fits is left as it was.
    expect(documents.get('tag:tag-7|rss')?.fit).toBeUndefined();
  });

  it('leaves out the oldest items only when even summaries do not fit, and says how many', async () => {
    const many = mkdtempSync(join(tmpdir(), 'feedwright-limits-many-'));
    try {
      const summary = 'A summary that is long on purpose. '.repeat(40);
      for (let i = 0; i < 150; i++)
        writeFileSync(
          join(many, `p${i}.md`),
          md(
            {
              title: `Post ${i}`,
              date: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString(),
              summary,
            },
            'Text. '.repeat(300),
          ),
        );
      const { publisher, cache } = await publishFolder(
        many,
        testConfig({ maxFeedBytes: 100_000, itemLimit: 0 }),
        {
          log: () => {},
          warm: false,
        },
      );
      const site = allScopes(publisher.catalog).find((s) => s.kind === 'site');
      const rss = FORMATS.find((f) => f.name === 'rss');
      if (!site || !rss) throw new Error('no site scope');
      const document = await cache.feed(publisher.catalog, site, rss);
      const text = new TextDecoder().decode(document?.body);
      expect(document?.body.byteLength).toBeLessThanOrEqual(100_000);
      expectWellFormedXml(text);
      const titles = [...text.matchAll(/<item><title>([^<]*)</g)].map((m) => m[1]);
      expect(titles.length).toBeGreaterThan(10);
      // The newest, in order; every one shown is a summary, and the rest are counted as left out.
      expect(titles).toEqual(Array.from({ length: titles.length }, (_, i) => `Post ${149 - i}`));
      expect(text).not.toContain('<content:encoded>');
      expect(document?.fit).toEqual({ summarized: titles.length, leftOut: 150 - titles.length });
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  it('gives feeds that strict XML and libxml2 with its default limits parse', () => {
    const files: string[] = [];
    for (const [key, document] of documents) {
      if (key.endsWith('json')) continue;
      const text = new TextDecoder().decode(document.body);
      expectWellFormedXml(text);
      const file = join(dir, `${key.replace(/\W/g, '_')}.xml`);
      writeFileSync(file, text);
      files.push(file);
    }
    const xmllint = spawnSync('xmllint', ['--noout', ...files], { encoding: 'utf8' });
    expect(xmllint.error, 'xmllint (libxml2-utils) is needed').toBeUndefined();
    expect(xmllint.stderr).toBe('');
    expect(xmllint.status).toBe(0);
  });
});

describe('an article with 3,000 tags', () => {
  it('lists at most maxItemCategories categories in each of its feeds', () => {
    const rss = new TextDecoder().decode(documents.get('tag:tag-7|rss')?.body);
    expect(rss.match(/<category>/g)).toHaveLength(100);
    const atom = new TextDecoder().decode(documents.get('tag:tag-7|atom')?.body);
    expect(atom.match(/<category /g)).toHaveLength(100);
    const json = JSON.parse(new TextDecoder().decode(documents.get('tag:tag-7|json')?.body)) as {
      items: { tags: string[] }[];
    };
    expect(json.items[0]?.tags).toHaveLength(100);
    expect(json.items[0]?.tags.slice(0, 2)).toEqual(['tag-0', 'tag-1']);
  });
});
