// How a command's settings are settled from flags, the environment, the config file and a site's
// own settings: site mode, out and the feeds' address that follows from it, stand-in defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags, refuseStandIns, settings } from '../../src/cli/options.ts';
import { ConfigError, envInput, unsetStandIns } from '../../src/config/site-config.ts';
import { writtenSetting } from '../../src/sites/config-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hugo = join(dir, 'hugo');
mkdirSync(join(hugo, 'content/posts'), { recursive: true });
writeFileSync(join(hugo, 'hugo.toml'), 'baseURL = "https://blog.alt.feedwright.dev/"\ntitle = "Blog"\n');
const jekyll = join(dir, 'jekyll');
mkdirSync(jekyll, { recursive: true });
writeFileSync(
  join(jekyll, '_config.yml'),
  'url: https://j.alt.feedwright.dev\nbaseurl: /blog\ndestination: built\n',
);

const settle = (...args: string[]) => settings(parseFlags(args).flags);

describe('site mode', () => {
  it("writes into the site's publish folder, with the feeds at the site's URL", async () => {
    const run = await settle('--site', hugo);
    expect(run.site).toMatchObject({ generator: 'Hugo', configFile: 'hugo.toml', root: hugo, found: false });
    expect(run.out).toBe(join(hugo, 'public'));
    expect(run.config.feedsUrl.href).toBe('https://blog.alt.feedwright.dev/');
    expect(run.standIns).toEqual([]);
  });

  it('puts the feeds at the path of the publish folder they are written to', async () => {
    const run = await settle('--site', hugo, '--out', join(hugo, 'public/feeds'));
    expect(run.config.feedsUrl.href).toBe('https://blog.alt.feedwright.dev/feeds/');
    const jekyllRun = await settle('--site', jekyll, '--out', join(jekyll, 'built/all feeds'));
    expect(jekyllRun.out).toBe(join(jekyll, 'built/all feeds'));
    expect(jekyllRun.config.feedsUrl.href).toBe('https://j.alt.feedwright.dev/blog/all%20feeds/');
    // Outside the site's folder, or with feedsUrl given, the address is not guessed.
    expect((await settle('--site', hugo, '--out', join(dir, 'elsewhere'))).config.feedsUrl.href).toBe(
      'https://blog.alt.feedwright.dev/',
    );
  });

  it("takes the config's site, relative to the config file", async () => {
    const config = join(dir, 'site.config.json');
    writeFileSync(config, JSON.stringify({ site: 'jekyll' }));
    const run = await settle('--config', config);
    expect(run.site).toMatchObject({ generator: 'Jekyll', root: jekyll, found: false });
    expect(run.out).toBe(join(jekyll, 'built'));
    expect(run.config.siteUrl.href).toBe('https://j.alt.feedwright.dev/blog/');
  });

  it('is one or the other with a content folder', async () => {
    const config = join(dir, 'both.config.json');
    writeFileSync(config, JSON.stringify({ site: 'jekyll', content: 'content' }));
    await expect(settle('--config', config)).rejects.toThrow(/one or the other/);
    await expect(settle('--site', hugo, '--content', 'x')).rejects.toThrow(/one or the other/);
  });
});

describe('stand-in defaults', () => {
  it('are the unset settings whose default only works on this machine', async () => {
    const run = await settle('--content', join(hugo, 'content'), '--config', join(dir, 'none.json'));
    expect(run.standIns).toEqual([
      'identity.siteUrl is not set: every link would point at http://127.0.0.1:8787/, this machine',
    ]);
    expect(() => refuseStandIns(run)).toThrow(
      'identity.siteUrl is not set: every link would point at http://127.0.0.1:8787/, this machine. Set it in none.json, or pass --site-url URL',
    );
    expect(unsetStandIns(new Set(['siteUrl']))).toEqual([]);
  });
});
writeFileSync(join(dir, 'none.json'), '{}');

describe('placeholder addresses', () => {
  const rule = 'is a placeholder (RFC 2606 reserves it for examples and tests)';
  const site = (name: string, file: string, text: string) => {
    const root = join(dir, name);
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    return root;
  };

  it("are refused naming the site's config file, its line and the key as written there", async () => {
    const root = site(
      'stock-hugo',
      'config.toml',
      "languageCode = 'en-us'\nbaseURL = 'http://example.org/'\n",
    );
    const run = await settle('--site', root);
    const line = `config.toml: baseURL = 'http://example.org/' ${rule}: every link and id would point at it; set the site's own URL`;
    expect(run.placeholders).toEqual([
      { path: join(root, 'config.toml'), line: 2, severity: 'error', message: line },
    ]);
    expect(run.standIns).toEqual([]);
    expect(() => refuseStandIns(run)).toThrow(line);
    const jekyllRoot = site(
      'stock-jekyll',
      '_config.yml',
      'title: Blog\nurl: "https://www.example.com"\nbaseurl: /b\n',
    );
    expect((await settle('--site', jekyllRoot)).placeholders.map((p) => [p.line, p.message])).toEqual([
      [
        2,
        `_config.yml: url: "https://www.example.com" ${rule}: every link and id would point at it; set the site's own URL`,
      ],
    ]);
    const folder = site(
      'folder-hugo',
      'config/_default/hugo.yaml',
      'title: T\nbaseURL: https://blog.test/\n',
    );
    expect((await settle('--site', folder)).placeholders.map((p) => [p.path, p.line, p.message])).toEqual([
      [
        join(folder, 'config/_default/hugo.yaml'),
        2,
        `config/_default/hugo.yaml: baseURL: "https://blog.test/" ${rule}: every link and id would point at it; set the site's own URL`,
      ],
    ]);
  });

  it("name feedwright's config, the flag or wrangler.toml, whichever gave the address", async () => {
    const config = join(dir, 'placeholder.config.json');
    writeFileSync(config, '{\n  "identity": {\n    "siteUrl": "https://example.com"\n  }\n}\n');
    const fromFile = await settle('--content', 'c', '--config', config);
    expect(fromFile.placeholders.map((p) => [p.path, p.line, p.message])).toEqual([
      [
        config,
        3,
        `placeholder.config.json: identity.siteUrl = 'https://example.com' ${rule}: every link and id would point at it; set the site's own URL`,
      ],
    ]);
    // A flag wins over the file: the flag is what is refused, and a real URL there is taken.
    const flag = await settle('--content', 'c', '--config', config, '--site-url', 'https://x.example/');
    expect(flag.placeholders.map((p) => p.message)).toEqual([
      `--site-url https://x.example/ ${rule}: every link and id would point at it; set the site's own URL`,
    ]);
    expect(
      (await settle('--content', 'c', '--config', config, '--site-url', 'https://feedwright.dev/'))
        .placeholders,
    ).toEqual([]);
    const wrangler = site(
      'worker',
      'wrangler.toml',
      'name = "w"\n[vars]\nSITE_URL = "https://example.net/"\n',
    );
    const worker = await settings(parseFlags(['--content', 'c', '--config', join(dir, 'none.json')]).flags, {
      siteUrl: 'https://example.net/',
      from: writtenSetting('.', join(wrangler, 'wrangler.toml'), 'SITE_URL', 'https://example.net/'),
    });
    expect(worker.placeholders.map((p) => [p.path, p.line, p.message])).toEqual([
      [
        join(wrangler, 'wrangler.toml'),
        3,
        `wrangler.toml: SITE_URL = 'https://example.net/' ${rule}: every link and id would point at it; set the site's own URL`,
      ],
    ]);
  });

  it('are the feeds URL too when it is written, never when it follows the site URL', async () => {
    const config = join(dir, 'feeds-placeholder.config.json');
    writeFileSync(
      config,
      JSON.stringify({ siteUrl: 'https://feedwright.dev/', feedsUrl: 'https://feeds.example.org/' }),
    );
    expect((await settle('--content', 'c', '--config', config)).placeholders.map((p) => p.message)).toEqual([
      `feeds-placeholder.config.json: feedsUrl = 'https://feeds.example.org/' ${rule}: every self link would point at it; set where the feeds are served`,
    ]);
    const stock = join(dir, 'stock-hugo');
    // The feeds' address made from --out follows the site's: only the site's is said.
    const below = await settle('--site', stock, '--out', join(stock, 'public/feeds'));
    expect(below.config.feedsUrl.href).toBe('http://example.org/feeds/');
    expect(below.placeholders.map((p) => p.message)).toEqual([
      `config.toml: baseURL = 'http://example.org/' ${rule}: every link and id would point at it; set the site's own URL`,
    ]);
  });

  it("leave this machine's address alone: it stands in, and is no placeholder", async () => {
    const run = await settle(
      '--content',
      'c',
      '--config',
      join(dir, 'none.json'),
      '--site-url',
      'http://localhost:1313/',
    );
    expect(run.placeholders).toEqual([]);
    expect(() => refuseStandIns(run)).not.toThrow();
  });
});

describe('the environment', () => {
  it('gives the settings that name a variable, converted', () => {
    expect(
      envInput({ PORT: '8080', HOST: '0.0.0.0', FEEDWRIGHT_ACCEPT_ID_CHANGES: '1', OTHER: 'x' }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      acceptIdChanges: true,
    });
    expect(envInput({ FEEDWRIGHT_ACCEPT_ID_CHANGES: 'false', PORT: '' })).toEqual({ acceptIdChanges: false });
  });

  it('refuses a value that cannot be one, naming the variable', () => {
    expect(() => envInput({ PORT: 'eighty', FEEDWRIGHT_ACCEPT_ID_CHANGES: 'yes' })).toThrow(ConfigError);
    expect(() => envInput({ PORT: 'eighty', FEEDWRIGHT_ACCEPT_ID_CHANGES: 'yes' })).toThrow(
      /PORT must be a whole number, got "eighty"[\s\S]*FEEDWRIGHT_ACCEPT_ID_CHANGES must be 1 or 0/,
    );
  });

  it('lies between the config file and the flags', async () => {
    const previous = process.env.FEEDWRIGHT_ACCEPT_ID_CHANGES;
    process.env.FEEDWRIGHT_ACCEPT_ID_CHANGES = '1';
    try {
      const run = await settle('--site', hugo, '--ids', join(dir, 'ids.json'));
      expect(run.ids).toEqual({ file: join(dir, 'ids.json'), acceptChanges: true });
    } finally {
      if (previous === undefined) delete process.env.FEEDWRIGHT_ACCEPT_ID_CHANGES;
      else process.env.FEEDWRIGHT_ACCEPT_ID_CHANGES = previous;
    }
  });
});
