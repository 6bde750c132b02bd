// The unit tests (`npm run test:unit`) need no build and start no process, so they run in seconds on
// a fresh clone: a test that runs the built CLI or Worker, spawns a process that outlives the call,
// or opens a browser or a Miniflare belongs in a `*.e2e.test.ts` (so do tests that wait on real
// schedules and file events). Allowed in unit tests: servers in the test's own process on 127.0.0.1,
// and short command-line tools that have exited before the test goes on (xmllint, git).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tests = new URL('.', import.meta.url).pathname;
const NOT_UNIT = /\.(e2e|browser|workerd)\.test\.ts$/;

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bbin\/feedwright|\bdist\//, 'runs the build'],
  [/(?<![.\w])(spawn|exec|execFile|fork)\(/, 'starts a process that outlives the call'],
  [/from 'miniflare'|\bchromium\b/, 'starts a runtime or a browser'],
];

const unitFiles = readdirSync(tests, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts') && !NOT_UNIT.test(path) && !path.startsWith('fixtures/'))
  .sort();

describe('unit test files', () => {
  it('are found', () => {
    expect(unitFiles.length).toBeGreaterThan(30);
  });

  it('need no build and start no process', () => {
    const found: string[] = [];
    for (const path of unitFiles) {
      if (path === 'test-split.test.ts') continue;
      const text = readFileSync(tests + path, 'utf8');
      for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) found.push(`${path}: ${what}`);
    }
    expect(found).toEqual([]);
  });
});
