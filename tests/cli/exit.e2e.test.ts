// A command's output reaches a pipe whole: what build says about each article and feed is read
// through a pipe by CI logs and scripts, and process.exit() used to drop what the pipe had not taken.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedwright } from './processes.ts';

const PAGES = 1500;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-exit-'));
  mkdirSync(join(dir, 'content'));
  // Pages without a date: each is left out with a warning that names it (about 250 bytes a line,
  // several times what a pipe holds).
  for (let i = 0; i < PAGES; i++) {
    const name = `${String(i).padStart(4, '0')}-${'a-page-without-a-date-whose-name-is-long-'.repeat(4)}.md`;
    writeFileSync(join(dir, 'content', name), '---\ntitle: Page\n---\nText.\n');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feedwright build, read through a pipe', () => {
  it('prints every warning and its summary line before it exits', async () => {
    const run = await feedwright(
      ['build', '--content', 'content', '--out', 'out', '--site-url', 'https://alt.feedwright.dev/'],
      dir,
    );
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes(': warning: no date'));
    expect(warnings).toHaveLength(PAGES);
    expect(new Set(warnings).size).toBe(PAGES);
    expect(run.stdout).toContain(`[feedwright] 0 articles: wrote`);
  });
});
