// A placeholder URL is an error, not a default: a site as `hugo new site` (Debian's hugo) leaves it,
// with `baseURL = 'http://example.org/'`, and a Jekyll site whose `url` is https://example.com, are
// refused by build, build-worker and check in one line naming the file and the key as written
// there, and nothing is written; serve, a preview, keeps serving and says it once under its banner.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { feedwright, serve } from './processes.ts';

const work = mkdtempSync(join(tmpdir(), 'feedwright-placeholder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RULE = 'is a placeholder (RFC 2606 reserves it for examples and tests)';
const SITE_URL = "every link and id would point at it; set the site's own URL";

function write(dir: string, path: string, text: string) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A site as `hugo new site` makes it (its config untouched), with one post. */
function stockHugoSite(name: string): string {
  const site = join(work, name);
  execFileSync('hugo', ['new', 'site', site], { stdio: 'ignore' });
  write(site, 'content/posts/first.md', '---\ntitle: First\ndate: 2025-01-02\n---\nHello.\n');
  return site;
}

const written = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : []);

describe('a Hugo site as `hugo new site` leaves it', () => {
  // Debian's hugo (0.111) writes config.toml; later versions write hugo.toml.
  const stock = stockHugoSite('stock-hugo');
  const renamed = stockHugoSite('stock-hugo-toml');
  renameSync(join(renamed, 'config.toml'), join(renamed, 'hugo.toml'));

  it('is refused by build and check, naming the file, its line and baseURL as written', async () => {
    for (const [site, file] of [
      [stock, 'config.toml'],
      [renamed, 'hugo.toml'],
    ] as const) {
      const line = `${file}: baseURL = 'http://example.org/' ${RULE}: ${SITE_URL}`;
      const build = await feedwright(['build'], site);
      expect([build.code, build.stderr, build.stdout], file).toEqual([1, `feedwright: ${line}\n`, '']);
      // hugo new site makes public/ empty: it stays so.
      expect(written(join(site, 'public')), file).toEqual([]);
      const check = await feedwright(['check'], site);
      expect(check.code, file).toBe(1);
      expect(check.stdout.split('\n'), file).toContain(`${join(site, file)}:1: error: ${line}`);
      expect(check.stdout, file).toMatch(/\b1 errors\b/);
    }
  });

  it("is refused by build-worker, as by build, and by wrangler.toml's SITE_URL when that is one", async () => {
    const worker = await feedwright(['build-worker', '--out', 'assets'], stock);
    expect([worker.code, worker.stderr]).toEqual([
      1,
      `feedwright: config.toml: baseURL = 'http://example.org/' ${RULE}: ${SITE_URL}\n`,
    ]);
    const folder = join(work, 'worker');
    write(folder, 'content/a.md', '---\ntitle: A\ndate: 2025-01-02\n---\nA.\n');
    write(folder, 'wrangler.toml', 'name = "feeds"\n\n[vars]\nSITE_URL = "https://example.com/"\n');
    const fromToml = await feedwright(['build-worker', '--content', 'content', '--out', 'assets'], folder);
    expect([fromToml.code, fromToml.stderr]).toEqual([
      1,
      `feedwright: wrangler.toml: SITE_URL = 'https://example.com/' ${RULE}: ${SITE_URL}\n`,
    ]);
    expect(existsSync(join(folder, 'assets'))).toBe(false);
  });

  it('is said by init as a thing to do, where it is to be replaced', async () => {
    const site = stockHugoSite('stock-hugo-init');
    const init = await feedwright(['init'], site);
    expect(init.code).toBe(0);
    expect(init.stdout.split('\n')).toContain(
      `[feedwright] to do: config.toml: baseURL = 'http://example.org/' ${RULE}: build and check refuse it until it is the site's own URL`,
    );
    const given = await feedwright(['init', '--force', '--site-url', 'https://example.net/'], site);
    expect(given.stdout).toContain(`[feedwright] to do: --site-url https://example.net/ ${RULE}:`);
  });

  it("builds once the site's own URL is given", async () => {
    const build = await feedwright(
      ['build', '--site-url', 'https://stock.feedwright.dev/', '--out', join(work, 'stock-out')],
      stock,
    );
    expect(build.code, build.stderr).toBe(0);
    // Hugo's home feed, at Hugo's path.
    expect(written(join(work, 'stock-out'))).toContain('index.xml');
  });

  it('is served by serve, which says once under its banner that links point at a placeholder', async () => {
    const note = `[feedwright] config.toml: baseURL = 'http://example.org/' ${RULE}: ${SITE_URL} (fine for a preview here; build, build-worker and check refuse it)`;
    const server = await serve(['--refresh', 'off'], stock);
    try {
      await server.waitFor(/refuse it\)\n/);
      const response = await fetch(`${server.base}index.xml`);
      expect(await response.text()).toContain('<link>http://example.org/posts/first/</link>');
      const lines = server.output().split('\n');
      expect(lines.filter((line) => line === note)).toHaveLength(1);
      expect(lines.indexOf(note)).toBeGreaterThan(
        lines.findIndex((line) => line.startsWith('[feedwright] serving ')),
      );
    } finally {
      await server.stop();
    }
  });
});

describe('a Jekyll site whose url is https://example.com', () => {
  const site = join(work, 'jekyll');
  write(site, '_config.yml', 'title: My blog\nurl: "https://example.com"\nbaseurl: ""\n');
  write(site, '_posts/2025-01-02-first.md', '---\ntitle: First\n---\nHello.\n');

  it('is refused by build and check, naming _config.yml and its url', async () => {
    const line = `_config.yml: url: "https://example.com" ${RULE}: ${SITE_URL}`;
    const build = await feedwright(['build'], site);
    expect([build.code, build.stderr]).toEqual([1, `feedwright: ${line}\n`]);
    expect(existsSync(join(site, '_site'))).toBe(false);
    const check = await feedwright(['check', '--site', site], work);
    expect(check.code).toBe(1);
    expect(check.stdout.split('\n')).toContain(`${join(site, '_config.yml')}:2: error: ${line}`);
  });
});

describe('a folder of Markdown files', () => {
  const folder = join(work, 'notes');
  write(folder, 'content/a.md', '---\ntitle: A\ndate: 2025-01-02\n---\nA.\n');
  write(
    folder,
    'feedwright.config.ts',
    "export default {\n  identity: {\n    siteUrl: 'https://www.example.org/',\n  },\n};\n",
  );

  it('is refused naming feedwright.config.ts or --site-url, whichever gave the placeholder', async () => {
    const build = await feedwright(['build', '--out', 'public'], folder);
    expect([build.code, build.stderr]).toEqual([
      1,
      `feedwright: feedwright.config.ts: identity.siteUrl = 'https://www.example.org/' ${RULE}: ${SITE_URL}\n`,
    ]);
    const flag = await feedwright(['build', '--out', 'public', '--site-url', 'https://notes.test/'], folder);
    expect([flag.code, flag.stderr]).toEqual([
      1,
      `feedwright: --site-url https://notes.test/ ${RULE}: ${SITE_URL}\n`,
    ]);
    expect(existsSync(join(folder, 'public'))).toBe(false);
    const check = await feedwright(['check'], folder);
    expect(check.code).toBe(1);
    expect(check.stdout.split('\n')).toContain(
      `${join(folder, 'feedwright.config.ts')}:3: error: feedwright.config.ts: identity.siteUrl = 'https://www.example.org/' ${RULE}: ${SITE_URL}`,
    );
  });
});
