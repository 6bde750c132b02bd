/** `feedwright init`: the files a site needs to use feedwright, commented, never overwriting. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { VERSION } from '../core/version.ts';
import type { Flags } from './options.ts';

const CONFIG = `import { defineConfig } from 'feedwright';

// feedwright: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, each tag and each category.
// Every field is optional; the commented values are the defaults.
export default defineConfig({
  title: 'My site',
  // The site's public URL: every article link and id is built on it.
  siteUrl: 'https://example.org/',
  // Where the feeds are served, when it is another address than the site.
  // feedsUrl: 'https://feeds.example.org/',
  // description: '',
  // language: 'en',
  // Dates written without a zone are in this zone; a bare date is midnight there.
  // timeZone: 'UTC',
  // How article URLs are made: :year :month :day :slug :section :filename :title
  // permalink: '/posts/:slug/',
  // Items per feed (0 for all), once or per kind of feed: { site: 50, tags: 20, categories: 20 }
  // itemLimit: 20,
  // Only summaries and links, no full text (also per kind of feed, or per article: summaryOnly: true).
  // summaryOnly: false,
  // author: { name: 'Ada', email: 'ada@example.org' },
  // image: '/logo.png',
  // icon: '/favicon.png',
  // The content folder, and where \`feedwright build\` writes.
  // content: 'content',
  // out: 'public/feeds',
  // Every id and link published, recorded here (commit it): a new siteUrl, permalink or file name
  // then changes no item's id or link (\`feedwright check\` explains, --accept-id-changes takes the new).
  ids: 'feedwright.ids.json',
  // Regeneration schedule of \`feedwright serve\` (cron), or 'off'.
  // refresh: '* * * * *',
});
`;

function wrangler(name: string): string {
  return `# The feeds on Cloudflare Workers: \`npx wrangler deploy\` builds the content and deploys it.
name = "${name}"
main = "feeds-worker.ts"
# The newest date the workerd of wrangler 4.86 (Node 20) accepts.
compatibility_date = "2026-04-26"

# Parses and renders the content in Node (the Worker never runs the Markdown parser), into assets.
[build]
command = "npx feedwright build-worker --out .feedwright/worker-assets"
watch_dir = ["content"]

[assets]
directory = ".feedwright/worker-assets"
binding = "ASSETS"
run_worker_first = true

# Scheduled posts and expiries go live on their own.
[triggers]
crons = ["* * * * *"]
`;
}

const WORKER_ENTRY = `// The feedwright Worker: every feed, the index page, OPML and feeds.json, cached at the edge.
// To serve them beside routes of your own, mount createFeedApp({ assets: env.ASSETS }) from
// 'feedwright/hono' in your Hono app instead.
export { default } from 'feedwright/worker';
`;

/** Writes a file unless it exists (or `force`); says what it did. */
async function create(path: string, text: string, force: boolean): Promise<boolean> {
  if (existsSync(path) && !force) {
    console.error(`[feedwright] ${basename(path)} exists; left as it is (--force to replace it)`);
    return false;
  }
  await writeFile(path, text);
  console.log(`[feedwright] wrote ${basename(path)}`);
  return true;
}

export async function initCommand(flags: Flags): Promise<number> {
  const dir = resolve('.');
  await create(resolve(dir, 'feedwright.config.ts'), CONFIG, flags.force);
  if (flags.worker) {
    const name =
      basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'feeds';
    await create(resolve(dir, 'wrangler.toml'), wrangler(name), flags.force);
    await create(resolve(dir, 'feeds-worker.ts'), WORKER_ENTRY, flags.force);
  }
  console.log(
    `[feedwright ${VERSION}] next: npx feedwright serve${flags.worker ? ', or npx wrangler deploy' : ''}`,
  );
  return 0;
}
