// Articles written to exhaust memory and time, given to real processes: `serve` (one process and
// --workers 2), `build` and `check`. Each names the article and publishes the rest, at once, and
// a restart over the same files does the same.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedwright, serve } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-hostile-'));
const content = join(dir, 'content');

/** Under 400 bytes of YAML; 387 million strings once its aliases are expanded. */
function billionLaughs(): string {
  let aliases = 'a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n';
  for (let i = 1; i <= 8; i++)
    aliases += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  return `---\ntitle: Bomb\ndate: 2025-02-01\n${aliases}tags: *a8\n---\nBody.\n`;
}

beforeAll(() => {
  mkdirSync(join(content, 'posts'), { recursive: true });
  for (let i = 0; i < 20; i++) {
    writeFileSync(
      join(content, `posts/p${i}.md`),
      `---\ntitle: Post ${i}\ndate: 2025-01-${String(i + 1).padStart(2, '0')}\ntags: [t${i % 3}]\n---\nText ${i}.\n`,
    );
  }
  writeFileSync(join(content, 'posts/bomb.md'), billionLaughs());
  let capture = '{% capture a0 %}xxxxxxxxxx{% endcapture %}';
  for (let i = 1; i <= 8; i++) capture += `{% capture a${i} %}${`{{a${i - 1}}}`.repeat(10)}{% endcapture %}`;
  mkdirSync(join(dir, 'jekyll/_posts'), { recursive: true });
  writeFileSync(join(dir, 'jekyll/_config.yml'), 'title: J\nurl: https://feedwright.dev\n');
  writeFileSync(join(dir, 'jekyll/_posts/2025-01-01-ok.md'), '---\ntitle: Fine\n---\nFine.\n');
  writeFileSync(
    join(dir, 'jekyll/_posts/2025-01-02-liquid.md'),
    `---\ntitle: Liquid\n---\n${capture}{{a8}}\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROBLEM = /posts\/bomb\.md:5: error: front matter expands to more than [\d,]+ values and characters/;

describe('an alias bomb in front matter', () => {
  it('check names it and exits 1, at once', async () => {
    const result = await feedwright(['check', '--content', content, '--cache', join(dir, 'c1')], dir);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(PROBLEM);
  });

  it('build publishes the rest and names it', async () => {
    const out = join(dir, 'out');
    const args = [
      'build',
      '--content',
      content,
      '--out',
      out,
      '--cache',
      join(dir, 'c2'),
      '--site-url',
      'https://feedwright.dev/',
    ];
    const result = await feedwright(args, dir);
    expect(result.stdout + result.stderr).toMatch(PROBLEM);
    const feed = readFileSync(join(out, 'feed.json'), 'utf8');
    expect(JSON.parse(feed).items).toHaveLength(20);
  });

  it.each([
    ['one process', []],
    ['--workers 2', ['--workers', '2']],
  ])(
    'serve (%s) answers at once, says why in /health, and again after a restart',
    async (_name, extra) => {
      for (let start = 0; start < 2; start++) {
        const server = await serve(
          [
            '--content',
            content,
            '--cache',
            join(dir, `c-serve-${extra.length}`),
            '--refresh',
            'off',
            ...extra,
          ],
          dir,
        );
        try {
          const feed = await fetch(`${server.base}feed.json`, { signal: AbortSignal.timeout(10_000) });
          expect(feed.status).toBe(200);
          expect((await feed.json()).items).toHaveLength(20);
          const health = await (await fetch(`${server.base}health`)).text();
          expect(health).toMatch(/front matter expands to more than/);
        } finally {
          expect(await server.stop()).toBe(0);
        }
      }
    },
    60_000,
  );
});

describe('Liquid that multiplies text', () => {
  it('leaves the post out with a problem naming it, and publishes the rest', async () => {
    const out = join(dir, 'jekyll-out');
    const result = await feedwright(
      ['build', '--site', join(dir, 'jekyll'), '--out', out, '--cache', join(dir, 'c3')],
      dir,
    );
    expect(result.stdout + result.stderr).toMatch(
      /_posts\/2025-01-02-liquid\.md:\d+: error: .*Liquid makes more than [\d,]+ characters/,
    );
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toContain('Fine');
  });
});
