// A TypeScript config is bundled once and kept, keyed by every file it was made from: an edit to
// the config or to a file it imports is picked up, and nothing is left beside a config without
// node_modules.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/node/config-file.ts';

let dir: string;

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(withModules: boolean) {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-config-'));
  if (withModules) mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'title.ts'), `export const title: string = 'First';\n`);
  writeFileSync(
    join(dir, 'feedwright.config.ts'),
    `import { title } from './title.ts';\nexport default { title, siteUrl: 'https://feedwright.dev/' } satisfies Record<string, string>;\n`,
  );
  return join(dir, 'feedwright.config.ts');
}

const cacheDir = () => join(dir, 'node_modules/.cache/feedwright');
const bundles = () => readdirSync(cacheDir()).filter((name) => name.endsWith('.mjs'));

describe('TypeScript config', () => {
  it('is bundled once, then imported as kept while no file it was made from changes', async () => {
    const path = site(true);
    expect((await loadConfig(path, {})).config.title).toBe('First');
    const [bundle] = bundles();
    expect(bundle).toBeDefined();
    const made = statSync(join(cacheDir(), bundle as string));
    expect((await loadConfig(path, {})).config.title).toBe('First');
    const again = statSync(join(cacheDir(), bundle as string));
    expect([again.ino, again.mtimeMs]).toEqual([made.ino, made.mtimeMs]);
    expect(bundles()).toEqual([bundle]);
  });

  it('is bundled again when a file it imports changes, and the old bundle goes', async () => {
    const path = site(true);
    expect((await loadConfig(path, {})).config.title).toBe('First');
    const [before] = bundles();
    writeFileSync(join(dir, 'title.ts'), `export const title: string = 'Second';\n`);
    expect((await loadConfig(path, {})).config.title).toBe('Second');
    expect(bundles()).toHaveLength(1);
    expect(bundles()).not.toContain(before);
    writeFileSync(
      join(dir, 'feedwright.config.ts'),
      `export default { title: 'Third', siteUrl: 'https://feedwright.dev/' };\n`,
    );
    expect((await loadConfig(path, {})).config.title).toBe('Third');
  });

  it('leaves nothing beside a config without node_modules', async () => {
    const path = site(false);
    expect((await loadConfig(path, {})).config.title).toBe('First');
    expect(readdirSync(dir).sort()).toEqual(['feedwright.config.ts', 'title.ts']);
  });
});
