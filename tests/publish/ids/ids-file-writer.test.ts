// The ids file, written by one writer with what was done, and held to the rules front matter is:
// a recorded link must be http(s), a recorded id well-formed and in a safe scheme; a `moved` table
// never redirects the server's own pages; a `serve` never writes back over what a build beside it
// accepted; a write that failed is done again later, at the latest at a clean stop.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/site-config.ts';
import { startFeedApp } from '../../../src/node/feed-app.ts';
import { KeptIds } from '../../../src/publish/ids/kept-ids.ts';
import { buildFolder } from '../../../src/publish/static/build-folder.ts';
import { article, md } from '../../helpers.ts';

const fixture = new URL('../../fixtures/ids-site/', import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ids-writer-'));
  cpSync(fixture, join(dir, 'content'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const configOf = (config: Record<string, unknown> = {}) =>
  parseConfig({ title: 'Ids', siteUrl: 'https://old.feedwright.dev/', refresh: 'off', ...config });

async function build(file: string, config: Record<string, unknown> = {}, acceptChanges = false) {
  const outDir = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const result = await buildFolder({
    contentDir: join(dir, 'content'),
    outDir,
    cacheDir: join(dir, 'cache'),
    config: configOf(config),
    ids: { file, acceptChanges },
  });
  return { outDir, result };
}

/** The ids file a first build records, with one entry changed by `edit`. */
async function recordedWith(edit: (entry: Record<string, string>) => void): Promise<string> {
  const file = join(dir, 'feedwright.ids.json');
  await build(file);
  const ledger = JSON.parse(readFileSync(file, 'utf8'));
  const [first] = Object.keys(ledger.articles);
  edit(ledger.articles[first as string]);
  writeFileSync(file, JSON.stringify(ledger));
  return file;
}

describe('what an ids file may hold', () => {
  it.each([
    [
      'a javascript: link',
      (e: Record<string, string>) => {
        e.link = 'javascript:alert(1)';
      },
      /its link "javascript:alert\(1\)" is not an absolute http\(s\) URL/,
    ],
    [
      'a relative link',
      (e: Record<string, string>) => {
        e.link = '/posts/x/';
      },
      /its link "\/posts\/x\/" is not an absolute/,
    ],
    [
      'a javascript: id',
      (e: Record<string, string>) => {
        e.id = 'javascript:alert(1)';
      },
      /its id "javascript:alert\(1\)" is a javascript: URI/,
    ],
    [
      'a plain-text id with a lone surrogate',
      (e: Record<string, string>) => {
        e.id = 'x\ud800y';
      },
      /its id ".*" is not well-formed Unicode text/,
    ],
  ])(
    '%s: the file is reported by name and left alone, the feeds published as they are now',
    async (_name, edit, message) => {
      const file = await recordedWith(edit);
      const before = readFileSync(file, 'utf8');
      const { outDir, result } = await build(file);
      const problems = result.catalog.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
      expect(problems).toContain(file);
      expect(problems).toMatch(message);
      const rss = readFileSync(join(outDir, 'feed.xml'), 'utf8');
      expect(rss).not.toContain('javascript:');
      expect(rss).not.toContain('\ufffd');
      expect(readFileSync(file, 'utf8')).toBe(before);
    },
  );

  it("a moved table naming the server's own pages redirects none of them", async () => {
    const file = join(dir, 'feedwright.ids.json');
    await build(file);
    const ledger = JSON.parse(readFileSync(file, 'utf8'));
    const key = Object.keys(ledger.feeds)[0] as string;
    for (const path of [
      '',
      'feeds.opml',
      'feeds.json',
      'index.html',
      'health',
      'favicon.ico',
      'old/feed.xml',
    ])
      ledger.moved[`https://old.feedwright.dev/${path}`] = key;
    writeFileSync(file, JSON.stringify(ledger));
    const { outDir } = await build(file);
    const redirects = readFileSync(join(outDir, '_redirects'), 'utf8');
    expect(
      redirects
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split(' ')[0]),
    ).toEqual(['/old/feed.xml']);
    const running = await startFeedApp({
      contentDir: join(dir, 'content'),
      config: configOf(),
      log: () => {},
      ids: { file },
    });
    try {
      expect((await running.app.request('/favicon.ico')).status).toBe(404);
      expect((await running.app.request('/old/feed.xml')).status).toBe(301);
    } finally {
      await running.close();
    }
  });
});

describe('/health is public', () => {
  it("names the ids file's problem without the server's folders", async () => {
    const file = join(dir, 'feedwright.ids.json');
    writeFileSync(file, 'not json');
    const running = await startFeedApp({
      contentDir: join(dir, 'content'),
      config: configOf(),
      log: () => {},
      ids: { file },
    });
    try {
      const health = await (await running.app.request('/health')).text();
      expect(health).toContain('feedwright.ids.json');
      expect(health).not.toContain(dir);
    } finally {
      await running.close();
    }
  });
});

describe('one writer with what was done', () => {
  it('serve takes what a build beside it accepted, and never writes the old ids back', async () => {
    const file = join(dir, 'feedwright.ids.json');
    const running = await startFeedApp({
      contentDir: join(dir, 'content'),
      config: configOf(),
      log: () => {},
      ids: { file },
    });
    try {
      const oldId = JSON.parse(readFileSync(file, 'utf8')).articles;
      // Beside it: a build with a new site URL that accepts the new ids.
      await build(file, { siteUrl: 'https://new.feedwright.dev/' }, true);
      const accepted = readFileSync(file, 'utf8');
      expect(accepted).not.toBe(JSON.stringify(oldId));
      expect(accepted).toContain('https://new.feedwright.dev/');
      // serve's next regeneration (its own siteUrl unchanged) keeps what was accepted.
      await running.run();
      await running.close();
      // The articles' ids and links stay as accepted (where its own feeds are, serve records itself).
      expect(JSON.parse(readFileSync(file, 'utf8')).articles).toEqual(JSON.parse(accepted).articles);
      const atom = await (await running.app.request('/atom.xml')).text();
      expect(atom).toContain('<id>https://new.feedwright.dev/posts/second-post/</id>');
    } finally {
      await running.close();
    }
  });

  it('a write that failed is done at the next scan, and its warning goes with it', async () => {
    const folder = join(dir, 'ids');
    const file = join(folder, 'feedwright.ids.json');
    // The folder is a file: every write fails, as on a full disk.
    writeFileSync(folder, 'not a folder');
    const ids = new KeptIds({ file });
    const source = article(md({ title: 'A', date: '2025-01-01' }), 'posts/a.md');
    const failed = await ids.apply([source], Date.parse('2026-01-01'));
    expect(failed.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^cannot write the ids file: /),
    ]);
    rmSync(folder);
    mkdirSync(folder);
    const retried = await ids.apply([source], Date.parse('2026-01-01'));
    expect(retried.problems).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8')).articles['posts/a.md']).toBeDefined();
  });

  it('a write that failed is done at a clean stop', async () => {
    const folder = join(dir, 'ids');
    const file = join(folder, 'feedwright.ids.json');
    writeFileSync(folder, 'not a folder');
    const ids = new KeptIds({ file });
    const source = article(md({ title: 'A', date: '2025-01-01' }), 'posts/a.md');
    await ids.apply([source], Date.parse('2026-01-01'));
    rmSync(folder);
    mkdirSync(folder);
    expect(await ids.flush()).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8')).articles['posts/a.md']).toBeDefined();
  });
});
