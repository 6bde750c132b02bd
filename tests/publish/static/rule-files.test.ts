// `_headers` and `_redirects` are the site's files too: feedwright's rules are one block of each,
// merged with the site's own lines, the same on every build.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK_END, BLOCK_START, mergeRules, writeRules } from '../../../src/publish/static/rule-files.ts';

const ours = '/feed.xml\n  Content-Type: application/rss+xml\n';
const block = `${BLOCK_START}\n${ours}${BLOCK_END}\n`;
const site = '/*\n  X-Frame-Options: DENY\n';

describe('mergeRules', () => {
  it("keeps the site's lines and puts feedwright's block after them, or before (redirects)", () => {
    expect(mergeRules(site, ours, false)).toBe(`${site}\n${block}`);
    expect(mergeRules(site, ours, true)).toBe(`${block}\n${site}`);
    expect(mergeRules('', ours, false)).toBe(block);
  });

  it('gives the same file when run again, and replaces the block when the rules change', () => {
    const once = mergeRules(site, ours, false);
    expect(mergeRules(once, ours, false)).toBe(once);
    const first = mergeRules(site, ours, true);
    expect(mergeRules(first, ours, true)).toBe(first);
    const changed = mergeRules(once, '/atom.xml\n  Content-Type: application/atom+xml\n', false);
    expect(changed).toBe(
      `${site}\n${BLOCK_START}\n/atom.xml\n  Content-Type: application/atom+xml\n${BLOCK_END}\n`,
    );
  });

  it("takes the block out, leaving the site's lines as they were", () => {
    expect(mergeRules(mergeRules(site, ours, false), undefined, false)).toBe(site);
    expect(mergeRules(mergeRules(site, ours, true), undefined, true)).toBe(site);
    expect(mergeRules(`${site}# a note at the end`, ours, false)).toBe(
      `${site}# a note at the end\n\n${block}`,
    );
  });
});

describe('writeRules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-rules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("merges into the site's file, and changes nothing when nothing changed", async () => {
    writeFileSync(join(dir, '_headers'), site);
    expect(await writeRules(dir, '_headers', ours, false)).toBe(true);
    expect(readFileSync(join(dir, '_headers'), 'utf8')).toBe(`${site}\n${block}`);
    expect(await writeRules(dir, '_headers', ours, false)).toBe(false);
  });

  it("removes a file that held only feedwright's block; leaves a site's empty one", async () => {
    expect(await writeRules(dir, '_redirects', ours, true)).toBe(true);
    expect(await writeRules(dir, '_redirects', undefined, true)).toBe(true);
    expect(existsSync(join(dir, '_redirects'))).toBe(false);
    writeFileSync(join(dir, '_redirects'), '\n');
    expect(await writeRules(dir, '_redirects', undefined, true)).toBe(false);
    expect(readFileSync(join(dir, '_redirects'), 'utf8')).toBe('\n');
  });
});
