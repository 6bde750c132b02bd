// The README's settings reference and `feedwright init`'s config are made from the settings'
// definition: the README must say what it makes, and the config init writes must be a valid one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  configReference,
  initTemplate,
  literal,
  REFERENCE_END,
  REFERENCE_START,
} from '../../src/config/reference.ts';
import { parseConfig, SETTINGS } from '../../src/config/site-config.ts';
import { loadConfig } from '../../src/node/config-file.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("the README's settings reference", () => {
  it('is what the settings say (npm run docs:config writes it)', () => {
    const start = readme.indexOf(REFERENCE_START);
    const end = readme.indexOf(REFERENCE_END);
    expect(start, 'README.md has the settings markers').toBeGreaterThan(0);
    expect(readme.slice(start, end + REFERENCE_END.length)).toBe(configReference());
  });

  it('has a row for every setting, with its group, flat name, type and default', () => {
    for (const place of SETTINGS) {
      const name = place.group
        ? `| \`${place.group}.${place.key}\` (\`${place.flat}\`) |`
        : `| \`${place.key}\` |`;
      expect(configReference(), name).toContain(name);
    }
    expect(configReference()).toContain(
      '| `feeds.itemLimit` (`itemLimit`) | whole number ≥ 0, or by kind of feed',
    );
  });
});

describe("init's config", () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const index = new URL('../../src/index.ts', import.meta.url).pathname;

  async function load(text: string) {
    const file = join(dir, `feedwright.config.${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, text);
    return loadConfig(file, {});
  }

  it('names every setting, in its group, with what it does', () => {
    const template = initTemplate();
    expect(template).toMatch(/^import \{ defineConfig \} from 'feedwright';/);
    for (const place of SETTINGS) {
      expect(template, place.key).toMatch(new RegExp(`^\\s*(// )?${place.key}: `, 'm'));
      expect(template, place.key).toContain(place.setting.doc.split(' ').slice(0, 4).join(' '));
    }
  });

  it('is a valid config as written: the defaults but for the ids file', async () => {
    const { config, run, given } = await load(initTemplate({ importFrom: index }));
    expect(config).toEqual(parseConfig({}));
    expect(run.ids).toBe(join(dir, 'feedwright.ids.json'));
    // The site URL is left unset, for build to refuse until it is set.
    expect(given.has('siteUrl')).toBe(false);
    expect(initTemplate()).toMatch(
      /\/\/ Not set: build, build-worker and check refuse to run until it is .*\n\s*\/\/ siteUrl: 'https:\/\/example\.org\/', \/\/ e\.g\.\n/,
    );
  });

  it('writes out the values init was given', async () => {
    const set = { siteUrl: 'https://blog.alt.feedwright.dev/', title: 'Blog', site: '.' };
    const { config, run } = await load(initTemplate({ importFrom: index, set, intro: ['Site mode.'] }));
    expect(config).toEqual(parseConfig({ siteUrl: 'https://blog.alt.feedwright.dev/', title: 'Blog' }));
    expect(run.site).toBe(dir);
    expect(initTemplate({ set, intro: ['Site mode.'] })).toContain('\n// Site mode.\n');
  });

  it('stays valid with every line uncommented, and each default it shows is the default', async () => {
    let template = initTemplate({ importFrom: index });
    for (const place of SETTINGS)
      template = template.replace(new RegExp(`^(\\s*)// (${place.key}: )`, 'm'), '$1$2');
    expect(template).not.toMatch(/^\s*\/\/ \w+: .*,$/m);
    // content and site are one or the other: a site names its content folders.
    const { config } = await load(template.replace(/^\s*site: .*$/m, ''));
    const defaults = parseConfig({ siteUrl: 'https://feedwright.dev/' }) as Record<string, unknown>;
    for (const place of SETTINGS) {
      const shown = place.setting.default;
      if (place.group === undefined || shown === undefined || typeof shown === 'function') continue;
      if (place.setting.defaultDoc !== undefined) continue;
      expect((config as Record<string, unknown>)[place.flat], place.flat).toEqual(defaults[place.flat]);
    }
  });
});

describe('literal', () => {
  it('writes values as a config file does', () => {
    expect(literal({ site: 50, 'my-tags': [true, "it's"] })).toBe(
      "{ site: 50, 'my-tags': [true, 'it\\'s'] }",
    );
  });
});
