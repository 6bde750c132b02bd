// 300 hostile articles (amplification.ts) read and rendered one after the other in a process
// whose heap is capped at 160 MB: one that cost more than that would end it ("JavaScript heap out
// of memory"). The bound on memory per article, shown for real.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

describe('an article never costs more than a bound proportional to its size', () => {
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
