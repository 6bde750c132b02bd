/** What `feedwright --help` and `feedwright help COMMAND` print. */

const COMMON = `  --site DIR        a Hugo or Jekyll site, read with its own settings (instead of --content);
                    the working folder is one when it is such a site and no content is named
  --config FILE     the config file (default: ./feedwright.config.ts, .mjs, .js or .json; with
                    --site, the one in the site's folder)
  --cache DIR       state kept between runs for fast restarts (default: .feedwright-cache)
  --ids FILE        the ids file: published ids and links, kept when they would change
                    (default: \`ids\` in the config; none without it)
  --accept-id-changes  publish and record the new ids and links instead (serve, build)
  -h, --help        this help`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  serve: `feedwright serve [--content DIR | --site DIR] [--port N] [--host H] [--site-url URL] [--refresh CRON|off] [--hub URL]… [--watch] [--workers N] [--render-threads N]

Serves every feed, the index page, OPML, feeds.json and /health over HTTP, with ETags, 304s and
compression, regenerating on the refresh schedule (and on file changes with --watch).
  --content DIR     the content folder (default: content, or \`content\` in the config)
  --port N          (default: PORT, \`port\` in the config, or 8787)
  --host H          (default: HOST, \`host\` in the config, or 127.0.0.1)
  --site-url URL    the site's public URL (default: \`siteUrl\` in the config)
  --refresh CRON    regeneration schedule, or off (default: every minute)
  --hub URL         a WebSub hub to name in every feed and to tell of changes (repeatable)
  --watch           also regenerate when a file changes
  --workers N       serve from N processes on one port (one publisher; at most 4 per core)
  --render-threads N  threads that render Markdown off the serving thread (default 1; 0: none)`,
  build: `feedwright build [--content DIR | --site DIR] [--out DIR] [--site-url URL] [--render-threads N]

Writes every feed and page under the paths they are served at, and _headers for static hosts.
Building again into the same folder rewrites only what changed. In site mode it writes into the
site's publish folder after the generator: the generator's feed files are replaced, no other file
of the site is, and _headers and _redirects rules are merged with the site's own.
  --content DIR     the content folder (default: content, or \`content\` in the config)
  --out DIR         where to write (or \`out\` in the config; in site mode, the site's publish
                    folder: public/ for Hugo, _site/ for Jekyll)
  --render-threads N  threads that read files and render Markdown beside the build's own (default: one
                    per core but one; 0: none)`,
  check: `feedwright check [--content DIR | --site DIR] [--site-url URL]

Reads and renders every article and prints each problem as path:line: severity: message.
Exits 1 on any error: an article that cannot be published, or a setting build would refuse.
Pages that are no posts (no date) are warnings.`,
  init: `feedwright init [--site-url URL] [--title TEXT] [--worker] [--force]

Writes a commented feedwright.config.ts in this folder. In a Hugo or Jekyll site it uses site mode:
the site's own settings give the URL, title and permalinks. In a plain folder, --site-url (and
--title) are written out; without --site-url, build and check refuse to run until it is set.
With --worker, also a wrangler.toml (SITE_URL set), a Worker entry, wrangler in package.json's
devDependencies and .gitignore entries, for deploying the feeds to Cloudflare Workers. Never
overwrites a file unless --force.
  --site-url URL    the site's public URL (a site's own config gives it in site mode)
  --title TEXT      the site's title (default: the URL's host name)`,
  'build-worker': `feedwright build-worker [--content DIR] --out DIR [--wrangler FILE]

Prepares the content for the Cloudflare Worker (run by wrangler's [build] command): parses and
renders in Node, writes static assets. The site URL comes from --site-url, the config, or
wrangler.toml's [vars] SITE_URL.`,
};

export const OVERVIEW = `usage: feedwright COMMAND [options]

  serve          serve the feeds over HTTP, regenerating them as content changes
  build          write every feed and page into a folder, for any static host
  check          report every problem in the content
  init           write a feedwright.config.ts (--worker: and a Cloudflare Worker project)
  build-worker   prepare the content for the Cloudflare Worker (run by wrangler)
  help COMMAND   the options of a command

options of every command:
${COMMON}
  -v, --version     feedwright's version`;

export function commandHelp(command: string): string | undefined {
  const text = COMMAND_HELP[command];
  return text && `usage: ${text}\n\n${COMMON}`;
}
