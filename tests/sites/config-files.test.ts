import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfigFile, SiteConfigError } from '../../src/sites/config-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-config-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readConfigFile', () => {
  it('refuses a site configuration whose aliases expand without bound, naming the file', () => {
    let text = 'a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n';
    for (let i = 1; i <= 9; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    const file = join(dir, '_config.yml');
    writeFileSync(file, `title: Site\n${text}`);
    expect(() => readConfigFile(file)).toThrow(SiteConfigError);
    expect(() => readConfigFile(file)).toThrow(`cannot read ${file}: expands to more than`);
  });

  it('reads tables as plain data, without a prototype to reach', () => {
    const file = join(dir, 'hugo.json');
    writeFileSync(file, '{"title": "T", "__proto__": {"x": 1}}');
    const table = readConfigFile(file);
    expect(Object.getPrototypeOf(table)).toBeNull();
    expect(table.title).toBe('T');
  });
});
