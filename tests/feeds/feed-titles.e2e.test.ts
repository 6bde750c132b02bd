// rss2email (Debian's, a reader nobody here wrote) imports a site's /feeds.opml whole: it names each
// subscription after the outline's text with punctuation folded, and refuses the whole import when
// two come out alike (a tag and a category both named `qq`, the tags `C#` and `C++`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishContent } from '../../src/node/publication.ts';

const content = new URL('../fixtures/feed-titles/content/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'feedwright-r2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const r2e = (...args: string[]) =>
  execFileSync('r2e', ['-c', join(dir, 'r2e.cfg'), '-d', join(dir, 'r2e.json'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('rss2email', () => {
  it('imports every feed of the OPML, each under the title the feed gives itself', async () => {
    const site = await publishContent({
      content,
      siteUrl: 'https://titles.feedwright.dev/',
      title: 'Titles',
      refresh: 'off',
    });
    const text = async (path: string) => {
      const document = await site.render(path);
      if (!document) throw new Error(`no document at ${path}`);
      return new TextDecoder().decode(document.body);
    };
    const opml = join(dir, 'feeds.opml');
    writeFileSync(opml, await text('feeds.opml'));
    r2e('new', 'reader@feedwright.dev');
    r2e('opmlimport', opml);
    // `0: [*] Titles-Tag-Quiz (https://… -> reader@feedwright.dev)`
    const listed = r2e('list')
      .trim()
      .split('\n')
      .map((line) => /^\d+: \[\*\] (\S+) \((\S+) -> /.exec(line)?.slice(1) ?? []);
    const feeds = site.paths.filter((path) => path.endsWith('feed.xml'));
    expect(listed.map(([, url]) => url).sort()).toEqual(
      feeds.map((path) => `https://titles.feedwright.dev/${path}`).sort(),
    );
    // Each name is its feed's own title, as rss2email folds it.
    for (const [name, url] of listed) {
      const rss = await text((url ?? '').slice('https://titles.feedwright.dev/'.length));
      const title = (/<channel>\n<title>([^<]*)<\/title>/.exec(rss)?.[1] ?? '').replaceAll('&amp;', '&');
      expect(name, url).toBe(title.replace(/[^\p{L}\p{N}_.-]+/gu, '-'));
    }
  });
});
