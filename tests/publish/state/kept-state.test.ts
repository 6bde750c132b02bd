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

  it('restores a state this version wrote: nothing is read again', async () => {
    await warm();
    const { first } = await publishFolder(content, config, { cacheDir, log: () => {} });
    expect(first).toMatchObject({ ok: true, seen: 2, read: 0, published: 2 });
  });

  it.each([
    ['an empty object', serialize({})],
    ['files that are not a list', serialize({ library: { files: {} }, bodies: [] })],
    [
      'a file entry of another shape',
      serialize({ library: { files: [{ stamp: { path: 1 } }] }, bodies: [] }),
    ],
    ['bodies of another shape', serialize({ library: { files: [] }, bodies: [['x', { contentHtml: 1 }]] })],
    ['a head missing a field', serialize({ library: { files: [{ stamp: {}, article: { head: {} } }] } })],
    ['a list', serialize([1, 2, 3])],
    ['bytes that are no serialization', new Uint8Array([0xff, 0x0d, 0x00, 0x42])],
  ])('starts cold, with one log line, from a state file holding %s', async (_, bytes) => {
    const { first, logged, titles } = await startWith(bytes);
    expect(first).toMatchObject({ ok: true, seen: 2, read: 2, published: 2 });
    expect(titles).toEqual(['B', 'A']);
    expect(logged).toEqual([expect.stringMatching(/^\[feedwright\] kept state .* starting cold$/)]);
  });

  it('takes a state whose files changed shape since (a stamp without ctime) as not its own', async () => {
    await warm();
    const path = stateFilePath(cacheDir, content, config);
    const old = serialize({
      library: {
        files: [{ stamp: { path: 'a.md', absolutePath: join(content, 'a.md'), size: 1, mtimeMs: 1 } }],
      },
      bodies: [],
    });
    writeFileSync(path, old);
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
