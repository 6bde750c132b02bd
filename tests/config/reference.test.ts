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

  it('is a valid config as written: the defaults but for title, siteUrl and the ids file', async () => {
    const { config, run } = await load(initTemplate(index));
    expect(config).toEqual(parseConfig({ title: 'My site', siteUrl: 'https://example.org/' }));
    expect(run.ids).toBe(join(dir, 'feedwright.ids.json'));
  });

  it('stays valid with every line uncommented, and each default it shows is the default', async () => {
    let template = initTemplate(index);
    for (const place of SETTINGS)
      template = template.replace(new RegExp(`^(\\s*)// (${place.key}: )`, 'm'), '$1$2');
    expect(template).not.toMatch(/^\s*\/\/ \w+: .*,$/m);
    const { config } = await load(template);
    const defaults = parseConfig({ title: 'My site', siteUrl: 'https://example.org/' }) as Record<
      string,
      unknown
    >;
    for (const place of SETTINGS) {
      const shown = place.setting.default;
      if (place.group === undefined || shown === undefined || typeof shown === 'function') continue;
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
