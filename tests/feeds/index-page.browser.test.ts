// The index page and a feed opened in a real browser (Debian's chromium, headless): they must
// parse, show every feed and item, and expose autodiscovery links. Skipped only where chromium is
// not installed (.ci/run installs it).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/node/server.ts';
import { chromium, chromiumArgs, dumpDom } from '../chromium.ts';
import { testConfig } from '../helpers.ts';

const run = promisify(execFile);

describe.skipIf(!chromium)('index page in headless Chromium', () => {
  let base = '';
  let close: (() => Promise<void>) | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'feedwright-chromium-'));

  beforeAll(async () => {
    const server = await startNodeServer({
      contentDir: new URL('../fixtures/site/', import.meta.url).pathname,
      config: testConfig({ refresh: 'off', siteUrl: 'http://127.0.0.1:1/' }),
      port: 0,
      host: '127.0.0.1',
      watch: false,
    });
    close = server.close;
    const address = server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });

  afterAll(async () => {
    await close?.();
    rmSync(profile, { recursive: true, force: true });
  });

  it('renders every feed and the autodiscovery links as the browser sees them', async () => {
    const stdout = await dumpDom(profile, base);
    expect(stdout).toContain('<h1>Test site</h1>');
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
      expect(stdout).toContain(`<link rel="alternate" type="${type}"`);
    }
    expect(stdout).toMatch(/<span class="name">C#<\/span> <span class="count">1<\/span>/);
    expect(stdout).toContain('href="http://127.0.0.1:1/tags/c%23/atom.xml"');
    expect(stdout).toContain('<h2>Categories <small>(2)</small></h2>');
  });

  it('shows a feed opened in the browser as a page: what it is, how to subscribe, its items', async () => {
    const dom = await dumpDom(profile, `${base}tags/go/feed.xml`);
    expect(dom).toContain('<h1>Test site — Tag: Go</h1>');
    expect(dom).toContain('This is a web feed (RSS)');
    expect(dom).toMatch(/<a href="https:\/\/feedly\.com\/i\/subscription\/feed\/[^"]+">Feedly<\/a>/);
    expect(dom.match(/<article>/g)?.length).toBeGreaterThan(0);
  });

  it('draws the page (screenshot is a real PNG)', async () => {
    const shot = join(profile, 'index.png');
    await run(chromium, [...chromiumArgs(profile), '--window-size=900,900', `--screenshot=${shot}`, base], {
      timeout: 60_000,
    });
    expect(existsSync(shot)).toBe(true);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 900]); // IHDR width, height
  });
});
