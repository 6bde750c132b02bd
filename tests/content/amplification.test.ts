// Front matter and bodies written to cost far more than their size (see amplification.ts): each
// article is refused with a problem naming its file and line, or read and rendered within a
// bound proportional to its size — its parsed data within dataBudget of its front matter, its
// body within maxBodyBytes — and, in a process whose heap is capped at 160 MB, every one of 300
// such articles is handled one after the other without running out of memory.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOf, hostileArticle, MAX_BODY_BYTES } from './amplification.ts';

const root = new URL('../..', import.meta.url).pathname;

describe('an article never costs more than a bound proportional to its size', () => {
  it('is refused with its file and line, or read within the data budget and rendered within maxBodyBytes', () => {
    fc.assert(
      fc.property(hostileArticle, (article) => {
        const cost = costOf(article);
        if (cost.refused) {
          expect(cost.problems.length).toBeGreaterThan(0);
          expect(cost.problems.join('\n')).toMatch(
            /^(?:posts\/x\.md|_posts\/2025-01-01-x\.md):\d+: error: |refused/m,
          );
          return;
        }
        expect(cost.dataSize).toBeLessThanOrEqual(cost.dataBound);
        expect(cost.bodyBytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
      }),
      { numRuns: 150, seed: 19 },
    );
  });

  it('reads 300 of them one after another in a heap of 160 MB', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=160',
        '--import',
        'tsx',
        join(root, 'tests/content/amplification-child.ts'),
        '300',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: 300_000 },
    );
    expect(child.stderr).not.toMatch(/heap out of memory/);
    expect(child.status).toBe(0);
    const lines = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ done: 300 });
    const kinds = new Set(lines.slice(0, -1).map((line) => line.kind));
    // Every kind of amplification was tried, and some of each kind was refused or cut.
    expect(kinds.size).toBeGreaterThanOrEqual(8);
  }, 320_000);
});
