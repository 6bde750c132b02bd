import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publishFolder } from '../../../src/publish/regenerate/folder-publication.ts';
import { stateFilePath } from '../../../src/publish/state/kept-state.ts';
import { md, testConfig } from '../../helpers.ts';

const config = testConfig();
let content: string;
let cacheDir: string;

beforeEach(() => {
  content = mkdtempSync(join(tmpdir(), 'feedwright-state-content-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-state-'));
  writeFileSync(join(content, 'a.md'), md({ title: 'A', date: '2025-01-01' }));
  writeFileSync(join(content, 'b.md'), md({ title: 'B', date: '2025-01-02' }));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(content, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

async function startWith(stateBytes: Uint8Array) {
  writeFileSync(stateFilePath(cacheDir, content, config), stateBytes);
  const logged: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  const { first, publisher } = await publishFolder(content, config, { cacheDir, log: () => {} });
  return { first, logged, titles: publisher.catalog.articles.map((a) => a.title) };
}

describe('kept state read back', () => {
  const warm = async () => {
    const { save } = await publishFolder(content, config, { cacheDir, log: () => {} });
    await save();
  };

  it('restores a state this version wrote: nothing is read again, everything as it was read', async () => {
    writeFileSync(
      join(content, 'c.md'),
      md({ title: 'C', date: '2025-01-03', id: 'urn:c', lastmod: '2025-02-01', tags: ['x'], summary: 'S' }),
    );
    await warm();
    const { first, publisher } = await publishFolder(content, config, { cacheDir, log: () => {} });
    expect(first).toMatchObject({ ok: true, seen: 3, read: 0, published: 3 });
    const fresh = await publishFolder(content, config, { log: () => {} });
    const plain = (sources: typeof publisher.sources) => sources.map(({ markdown: _, ...rest }) => rest);
    expect(plain(publisher.sources)).toStrictEqual(plain(fresh.publisher.sources));
    expect(publisher.catalog.version).toBe(fresh.publisher.catalog.version);
  });

  /** A state file as this version writes it, from its parts: the library JSON, the bodies, the trailer. */
  const stateFile = (library: unknown, bodies: [string, unknown][] = [], trailer: object = {}) => {
    const mark = Buffer.from('feedwright state 2\n');
    const json = Buffer.from(JSON.stringify(library));
    const parts: Buffer[] = [mark, json];
    for (const [, body] of bodies) {
      const bytes = serialize(body);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      parts.push(length, bytes);
    }
    const tail = Buffer.from(
      JSON.stringify({ library: json.length, bodies: bodies.map(([key]) => key), changes: [], ...trailer }),
    );
    const tailLength = Buffer.alloc(4);
    tailLength.writeUInt32LE(tail.length);
    return new Uint8Array(Buffer.concat([...parts, tail, tailLength]));
  };

  it.each([
    ['nothing but the mark', new Uint8Array(Buffer.from('feedwright state 2\n'))],
    ['a library that is not one', stateFile({})],
    ['files that are not a list', stateFile({ base: '/', files: {} })],
    ['a file entry of another shape', stateFile({ base: '/', files: [{ stamp: { path: 1 } }] })],
    [
      'a head missing a field',
      stateFile({
        base: '/',
        files: [{ stamp: ['a.md', 1, 1, 1, 1], hash: 'h', context: '|', article: { head: {} } }],
      }),
    ],
    ['bodies of another shape', stateFile({ base: '/', files: [] }, [['x', { contentHtml: 1 }]])],
    [
      'a trailer that says more bodies than there are',
      stateFile({ base: '/', files: [] }, [], { bodies: ['x'] }),
    ],
    ['a trailer past the library', stateFile({ base: '/', files: [] }, [], { library: 1e6 })],
    ['an older format (v8)', serialize({ library: { files: [] }, bodies: [], changes: [] })],
    ['bytes that are no state', new Uint8Array([0xff, 0x0d, 0x00, 0x42])],
  ])('starts cold, with one log line, from a state file holding %s', async (_, bytes) => {
    const { first, logged, titles } = await startWith(bytes);
    expect(first).toMatchObject({ ok: true, seen: 2, read: 2, published: 2 });
    expect(titles).toEqual(['B', 'A']);
    expect(logged).toEqual([expect.stringMatching(/^\[feedwright\] kept state .* starting cold$/)]);
  });

  it('keeps Liquid page variables exactly as they were read', async () => {
    const jekyll = testConfig({ generator: 'jekyll' });
    mkdirSync(join(content, '_posts'));
    writeFileSync(
      join(content, '_posts/2025-01-03-c.md'),
      '---\ntitle: C\nwhen: 2024-05-06 07:08:09\nodd: .inf\n---\nOn {{ page.when | date: "%Y" }}, {{ page.odd }}.\n',
    );
    const fresh = await publishFolder(content, jekyll, { log: () => {} });
    const { save } = await publishFolder(content, jekyll, { cacheDir, log: () => {} });
    await save();
    const warmed = await publishFolder(content, jekyll, { cacheDir, log: () => {} });
    expect(warmed.first.read).toBe(0);
    const [article] = warmed.publisher.sources;
    const [original] = fresh.publisher.sources;
    expect(article?.format).toEqual(original?.format);
    expect(article?.format.liquid?.title).toBe('C');
  });

  it('takes a state whose files changed shape since (a stamp without ctime) as not its own', async () => {
    await warm();
    const old = stateFile({
      base: `${content}/`,
      files: [{ stamp: ['a.md', 1, 1], hash: 'h', context: '|' }],
    });
    const { first, logged } = await startWith(old);
    expect(first.read).toBe(2);
    expect(logged).toHaveLength(1);
  });

  it('removes the temporary files of writers that died, and keeps those of writers still running', async () => {
    mkdirSync(cacheDir, { recursive: true });
    const name = (pid: number) => `.state.v8.feedwright-${pid}-0a1b2c3d.tmp`;
    // pid 2^22 + 1 is above Linux's largest pid: no process has it.
    writeFileSync(join(cacheDir, name(4_194_305)), 'half a state');
    writeFileSync(join(cacheDir, name(process.pid)), 'being written');
    await publishFolder(content, config, { cacheDir, log: () => {} });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([name(process.pid)]);
  });
});
