// Every file `build` writes is inside --out, whatever named it: a Hugo output format's baseName,
// jekyll-feed's feed.path, the config's feeds[].path, a term's name, or a manifest read back.
// Each bad source is refused before anything is written, with a message naming it.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { feedwright } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-confined-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh working folder for one case: what is in it besides `out/` afterwards was written outside. */
function workspace(name: string): string {
  const root = join(dir, name, 'work');
  mkdirSync(join(root, 'out'), { recursive: true });
  return root;
}

/** Every file under `root` outside `root/out`, the site and the cache. */
function strayFiles(root: string, own: readonly string[]): string[] {
  const parent = join(root, '..');
  return readdirSync(parent, { recursive: true, encoding: 'utf8' }).filter(
    (f) =>
      !own.some((o) => f === o || f.startsWith(`${o}/`)) &&
      !f.startsWith('work/out') &&
      f !== 'work' &&
      !f.startsWith('work/cache'),
  );
}

function hugoSite(root: string, hugoToml: string) {
  mkdirSync(join(root, 'site/content/posts'), { recursive: true });
  writeFileSync(
    join(root, 'site/hugo.toml'),
    `baseURL = "https://feedwright.dev/"\ntitle = "T"\n${hugoToml}`,
  );
  writeFileSync(
    join(root, 'site/content/posts/a.md'),
    '---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\nA.\n',
  );
}

describe('build refuses to write outside --out', () => {
  it.each([
    ['../escaped', /outputFormats\.rss\.baseName "\.\.\/escaped" has a "\.\." segment/],
    ['a/../../../x', /outputFormats\.rss\.baseName "a\/\.\.\/\.\.\/\.\.\/x" has a "\.\." segment/],
    [
      'index\n/*\n  X-Injected: 1',
      /outputFormats\.rss\.baseName "index\\n\/\*\\n {2}X-Injected: 1" holds a control character/,
    ],
  ])('from a Hugo output format baseName %j', async (baseName, message) => {
    const root = workspace(`hugo-${baseName.length}`);
    hugoSite(root, `[outputFormats.rss]\nbaseName = ${JSON.stringify(baseName)}\n`);
    const result = await feedwright(['build', '--site', 'site', '--out', 'out', '--cache', 'cache'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(join(root, 'out'))).toEqual([]);
    expect(strayFiles(root, ['work/site'])).toEqual([]);
  });

  it("from jekyll-feed's feed.path", async () => {
    const root = workspace('jekyll');
    mkdirSync(join(root, 'site/_posts'), { recursive: true });
    writeFileSync(
      join(root, 'site/_config.yml'),
      'title: J\nurl: https://feedwright.dev\nfeed:\n  path: ../escaped.xml\n',
    );
    writeFileSync(join(root, 'site/_posts/2025-01-01-a.md'), '---\ntitle: A\n---\nA.\n');
    const result = await feedwright(['build', '--site', 'site', '--out', 'out', '--cache', 'cache'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/feed\.path "\.\.\/escaped\.xml" has a "\.\." segment/);
    expect(strayFiles(root, ['work/site'])).toEqual([]);
    expect(existsSync(join(root, 'escaped.xml'))).toBe(false);
  });

  it.each(['../escaped.xml', 'a/../../../x.json', 'tags/{slug}/../../../../y.xml', 'feed\r\n.xml'])(
    'from the config feeds[].path %j',
    async (path) => {
      const root = workspace(`config-${path.length}`);
      mkdirSync(join(root, 'content'), { recursive: true });
      writeFileSync(join(root, 'content/a.md'), '---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\nA.\n');
      const scope = path.includes('{slug}') ? 'tags' : 'site';
      writeFileSync(
        join(root, 'feedwright.config.json'),
        JSON.stringify({ siteUrl: 'https://feedwright.dev/', feeds: [{ scope, path, format: 'rss' }] }),
      );
      const result = await feedwright(
        ['build', '--config', 'feedwright.config.json', '--out', 'out', '--cache', 'cache'],
        root,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`feeds[0].path ${JSON.stringify(path)}`);
      expect(readdirSync(join(root, 'out'))).toEqual([]);
      expect(strayFiles(root, ['work/content', 'work/feedwright.config.json'])).toEqual([]);
    },
  );

  it('from a term written as `..` or with a `/` in a `{name}` path: that file is left out, the rest written', async () => {
    const root = workspace('names');
    mkdirSync(join(root, 'content'), { recursive: true });
    writeFileSync(
      join(root, 'content/a.md'),
      '---\ntitle: A\ndate: 2025-01-01\ncategories: ["..", "../../../n", "ok"]\n---\nA.\n',
    );
    writeFileSync(
      join(root, 'feedwright.config.json'),
      JSON.stringify({
        siteUrl: 'https://feedwright.dev/',
        feeds: [{ scope: 'categories', path: 'feed/{name}/x.xml', format: 'atom' }],
      }),
    );
    const result = await feedwright(
      ['build', '--config', 'feedwright.config.json', '--out', 'out', '--cache', 'cache'],
      root,
    );
    expect(result.code).toBe(0);
    expect(existsSync(join(root, 'out/feed/ok/x.xml'))).toBe(true);
    expect(existsSync(join(root, 'out/feed/x.xml'))).toBe(false);
    expect(strayFiles(root, ['work/content', 'work/feedwright.config.json'])).toEqual([]);
  });

  it('from a manifest read back from the cache: a path in it outside --out is never removed', async () => {
    const root = workspace('manifest');
    mkdirSync(join(root, 'content'), { recursive: true });
    writeFileSync(join(root, 'content/a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n');
    writeFileSync(join(root, 'victim.txt'), 'keep me');
    const args = [
      'build',
      '--content',
      'content',
      '--out',
      'out',
      '--cache',
      'cache',
      '--site-url',
      'https://feedwright.dev/',
    ];
    expect((await feedwright(args, root)).code).toBe(0);
    const manifests = readdirSync(join(root, 'cache'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.includes('build'),
    );
    expect(manifests.length).toBeGreaterThan(0);
    for (const name of manifests) {
      const file = join(root, 'cache', name);
      if (!name.endsWith('.json')) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      manifest.files['../victim.txt'] = null;
      manifest.files['/etc/hostname-not-really'] = null;
      writeFileSync(file, JSON.stringify(manifest));
    }
    writeFileSync(join(root, 'content/b.md'), '---\ntitle: B\ndate: 2025-01-02\n---\nB.\n');
    expect((await feedwright(args, root)).code).toBe(0);
    expect(readFileSync(join(root, 'victim.txt'), 'utf8')).toBe('keep me');
  });
});
