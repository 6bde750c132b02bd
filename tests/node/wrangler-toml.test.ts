// build-worker reads the site URL from wrangler.toml's [vars] SITE_URL. A file that is not there
// sets none; one that is there but broken is an error, never a quiet build for another URL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wranglerSiteUrl } from '../../src/node/wrangler-toml.ts';

const dir = mkdtempSync(join(tmpdir(), 'wrangler-toml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (text: string) => {
  const path = join(dir, `wrangler-${++files}.toml`);
  writeFileSync(path, text);
  return path;
};

describe('wranglerSiteUrl', () => {
  it('reads [vars] SITE_URL, and nothing from a file that is not there or sets none', async () => {
    expect(await wranglerSiteUrl(file('[vars]\nSITE_URL = "https://feeds.feedwright.dev/"\n'))).toBe(
      'https://feeds.feedwright.dev/',
    );
    expect(await wranglerSiteUrl(join(dir, 'none.toml'))).toBeUndefined();
    expect(await wranglerSiteUrl(file('name = "x"\n'))).toBeUndefined();
    expect(await wranglerSiteUrl(file('[vars]\nOTHER = "y"\n'))).toBeUndefined();
  });

  it('refuses a file it cannot parse, naming it and the line', async () => {
    const broken = file('name = "x"\n[vars\nSITE_URL = "https://feeds.feedwright.dev/"\n');
    await expect(wranglerSiteUrl(broken)).rejects.toThrow(`${broken}:2: `);
  });

  it('refuses a SITE_URL that is not a string', async () => {
    await expect(wranglerSiteUrl(file('[vars]\nSITE_URL = 8787\n'))).rejects.toThrow(
      /SITE_URL must be a string/,
    );
    await expect(wranglerSiteUrl(file('vars = 1\n'))).rejects.toThrow(/SITE_URL must be a string/);
  });

  it('refuses a path it cannot read', async () => {
    await expect(wranglerSiteUrl(dir)).rejects.toThrow(`cannot read ${dir}`);
  });
});
