/** `feedwright init`: the files a site needs to use feedwright, commented, never overwriting. The config is made from the settings' definition (config/reference.ts). */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { initTemplate } from '../config/reference.ts';
import { VERSION } from '../core/version.ts';
import type { Flags } from './options.ts';

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
  await create(resolve(dir, 'feedwright.config.ts'), initTemplate(), flags.force);
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
