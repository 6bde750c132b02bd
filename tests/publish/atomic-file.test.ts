import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/publish/atomic-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces a file whole, making its folder', async () => {
    const path = join(dir, 'a/b/feed.xml');
    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['feed.xml']);
  });

  it('leaves the old file and no temporary file when the write cannot be finished', async () => {
    const path = join(dir, 'feed.xml');
    writeFileSync(path, 'old');
    // A folder where the file should be: the rename over it fails after the data was written.
    mkdirSync(join(dir, 'taken'));
    await expect(writeFileAtomic(join(dir, 'taken'), 'new')).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['feed.xml', 'taken']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });
});
