/**
 * `feedwright init`: the files a site needs to use feedwright, never overwriting. It works out what
 * it can from the folder it stands in — a Hugo or Jekyll site is read in site mode, by its own
 * settings — and leaves unset what it cannot know (the site's URL of a plain folder, unless
 * `--site-url` says it), for `build` to refuse until it is set. The config is made from the
 * settings' definition (config/reference.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type InitValues, initTemplate } from '../config/reference.ts';
import { errorMessage, isRecord } from '../core/guards.ts';
import { PLACEHOLDER, reservedHost, SiteUrl } from '../core/site-url.ts';
import { VERSION, WRANGLER_RANGE } from '../core/version.ts';
import { type FoundSite, findSite, readSiteDir } from '../sites/site-dir.ts';
import { type Flags, UsageError } from './options.ts';

/** The folder that holds the articles, for wrangler's `watch_dir`. */
function articlesFolder(site: FoundSite | undefined): string {
  if (site?.generator === 'Jekyll') return '_posts';
  return 'content';
}

function wrangler(name: string, siteUrl: string | undefined, watch: string): string {
  const vars =
    siteUrl === undefined
      ? `# The site's public URL: every link is built on it, and the Worker serves only assets built for it.
# Not set: \`feedwright build-worker\` (wrangler's build step) refuses to run until it is.
# [vars]
# SITE_URL = "https://example.org/"`
      : `# The site's public URL: every link is built on it, and the Worker serves only assets built for it.
[vars]
SITE_URL = "${siteUrl}"`;
  return `# The feeds on Cloudflare Workers: \`npx wrangler deploy\` builds the content and deploys it.
# Try it here with \`npx wrangler dev --test-scheduled\`; the Cron Trigger runs when you ask
# \`curl "http://127.0.0.1:8787/__scheduled?cron=*+*+*+*+*"\`.
name = "${name}"
main = "feeds-worker.ts"
# The newest date the workerd of wrangler 4.86 (Node 20) accepts.
compatibility_date = "2026-04-26"

# Parses and renders the content in Node (the Worker never runs the Markdown parser), into assets.
# To publish new ids after a change of URL or permalinks: FEEDWRIGHT_ACCEPT_ID_CHANGES=1 npx wrangler deploy
[build]
command = "npx feedwright build-worker --out .feedwright/worker-assets"
watch_dir = ["${watch}"]

[assets]
directory = ".feedwright/worker-assets"
binding = "ASSETS"
run_worker_first = true

# Scheduled posts and expiries go live on their own.
[triggers]
crons = ["* * * * *"]

${vars}
`;
}

const WORKER_ENTRY = `// The feedwright Worker: every feed, the index page, OPML and feeds.json, cached at the edge.
// To serve them beside routes of your own, mount createFeedApp({ assets: env.ASSETS }) from
// 'feedwright/hono' in your Hono app instead.
export { default } from 'feedwright/worker';
`;

/** What feedwright writes that a repository should not hold (the ids file is meant to be committed). */
const IGNORED = ['.feedwright-cache/', '.feedwright/', '.wrangler/'];

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

/** Adds the lines `.gitignore` lacks, keeping every line it has. */
async function ignore(dir: string, lines: readonly string[]): Promise<void> {
  const path = resolve(dir, '.gitignore');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const has = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  const missing = lines.filter((line) => !has.has(line) && !has.has(line.replace(/\/$/, '')));
  if (missing.length === 0) return;
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  await writeFile(path, `${text}${lead}# feedwright's state and the Worker's build\n${missing.join('\n')}\n`);
  console.log(`[feedwright] .gitignore: added ${missing.join(' ')}`);
}

/**
 * Adds wrangler to package.json's devDependencies (when it has none), so that `npm install` puts it
 * in the project and `npx wrangler` runs it without asking (outside a terminal, npx cannot ask).
 */
async function addWrangler(dir: string): Promise<void> {
  const path = resolve(dir, 'package.json');
  let manifest: Record<string, unknown> = { private: true };
  let text = '';
  if (existsSync(path)) {
    text = readFileSync(path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`cannot add wrangler to ${path}: ${errorMessage(error)}`);
    }
    if (!isRecord(parsed)) throw new Error(`cannot add wrangler to ${path}: it is not a JSON object`);
    manifest = parsed;
  }
  const dev = isRecord(manifest.devDependencies) ? manifest.devDependencies : {};
  const deps = isRecord(manifest.dependencies) ? manifest.dependencies : {};
  if (dev.wrangler !== undefined || deps.wrangler !== undefined) return;
  manifest.devDependencies = { ...dev, wrangler: WRANGLER_RANGE };
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  await writeFile(path, `${JSON.stringify(manifest, null, indent)}\n`);
  console.log(
    `[feedwright] package.json: wrangler ${WRANGLER_RANGE} added to devDependencies (run npm install)`,
  );
}

/** What a site's folder holds of feedwright's and npm's, which Jekyll would publish as pages. */
const NOT_PAGES = ['feedwright.config.ts', 'feedwright.ids.json', 'package.json', 'package-lock.json'];

/**
 * Jekyll copies every file of the site's folder into the site but its own and those `exclude`
 * names (added to its default list): feedwright's config and ids file, and npm's files, are no
 * pages. Added when `_config.yml` has no `exclude` of its own; otherwise said, to add by hand.
 */
async function excludeFromJekyll(dir: string, configFile: string): Promise<string | undefined> {
  const path = resolve(dir, configFile);
  const text = readFileSync(path, 'utf8');
  if (/^exclude\s*:/m.test(text))
    return `Jekyll publishes the site folder's files: add ${NOT_PAGES.join(', ')} to exclude in ${configFile}`;
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  await writeFile(
    path,
    `${text}${lead}\n# feedwright's and npm's files, which are no pages (added by feedwright init)\nexclude: [${NOT_PAGES.join(', ')}]\n`,
  );
  console.log(`[feedwright] ${configFile}: exclude ${NOT_PAGES.join(', ')} (no pages of the site)`);
  return undefined;
}

/** The site's own URL in site mode, when its settings give one; the reason when they do not. */
function siteUrlOf(dir: string): { readonly url?: string; readonly problem?: string } {
  try {
    const url = readSiteDir(dir).siteUrl;
    return typeof url === 'string' ? { url: SiteUrl.parse(url).href } : {};
  } catch (error) {
    return { problem: errorMessage(error) };
  }
}

/** `--site-url`, checked, or undefined when not given. */
function givenSiteUrl(flags: Flags): string | undefined {
  if (flags['site-url'] === undefined) return undefined;
  try {
    return SiteUrl.parse(flags['site-url']).href;
  } catch (error) {
    throw new UsageError(`--site-url ${errorMessage(error)}`);
  }
}

/** What the config says about a site read in site mode, and what is left to do; Jekyll's exclude is set. */
async function planSiteMode(
  dir: string,
  site: FoundSite,
  given: string | undefined,
  set: Record<string, unknown>,
): Promise<{ readonly intro: string[]; readonly todo: string[]; readonly siteUrl: string | undefined }> {
  set.site = '.';
  const own = siteUrlOf(dir);
  const intro = [
    `Site mode: the ${site.generator} site's own settings (${site.configFile}) give the URL, title,`,
    'permalinks, dates and feed paths, so every item keeps what the generator gives it; a setting here wins.',
  ];
  const todo: string[] = [];
  if (own.problem !== undefined && given === undefined) todo.push(own.problem);
  if (site.generator === 'Jekyll') {
    const exclude = await excludeFromJekyll(dir, site.configFile);
    if (exclude) todo.push(exclude);
  }
  return { intro, todo, siteUrl: given ?? own.url };
}

/** What is left to do in a plain folder of articles. */
function folderTodo(dir: string, given: string | undefined): string[] {
  const todo: string[] = [];
  if (given === undefined)
    todo.push('set identity.siteUrl in feedwright.config.ts (or init again with --site-url URL)');
  if (!existsSync(resolve(dir, 'content')))
    todo.push('no content/ folder here: set `content` to the folder that holds your articles');
  return todo;
}

/**
 * What to do about a placeholder URL (`hugo new site`'s example.org, the README's example.com): it is
 * written as it is, for build and check to refuse until it is replaced, so it is said now, where it
 * is to be replaced.
 */
function placeholderTodo(
  siteUrl: string | undefined,
  given: string | undefined,
  site: FoundSite | undefined,
): string | undefined {
  if (siteUrl === undefined || reservedHost(siteUrl) !== 'placeholder') return undefined;
  const written = given === undefined ? site?.urlSetting : undefined;
  const where = written ? `${written.file}: ${written.text}` : `--site-url ${siteUrl}`;
  return `${where} is ${PLACEHOLDER}: build and check refuse it until it is the site's own URL`;
}

/** wrangler.toml, the Worker's entry and wrangler in package.json, for `--worker`. */
async function createWorkerFiles(
  dir: string,
  site: FoundSite | undefined,
  siteUrl: string | undefined,
  force: boolean,
): Promise<void> {
  const name =
    basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'feeds';
  await create(resolve(dir, 'wrangler.toml'), wrangler(name, siteUrl, articlesFolder(site)), force);
  await create(resolve(dir, 'feeds-worker.ts'), WORKER_ENTRY, force);
  await addWrangler(dir);
}

/** The commands to run next. */
function nextStep(flags: Flags, site: FoundSite | undefined): string {
  const publish = basename(site?.publishDir ?? 'public');
  if (flags.worker) return 'npm install, then npx wrangler deploy';
  if (site) return `npx feedwright check, then build the site and npx feedwright build (into ${publish}/)`;
  return 'npx feedwright check, then npx feedwright serve, or build --out public';
}

export async function initCommand(flags: Flags): Promise<number> {
  const dir = resolve('.');
  const given = givenSiteUrl(flags);
  const site = findSite(dir);
  const set: Record<string, unknown> = {
    ...(given !== undefined && { siteUrl: given }),
    ...(flags.title !== undefined && { title: flags.title }),
  };
  const { intro, todo, siteUrl } = site
    ? await planSiteMode(dir, site, given, set)
    : { intro: [], todo: folderTodo(dir, given), siteUrl: given };
  const placeholder = placeholderTodo(siteUrl, given, site);
  if (placeholder) todo.push(placeholder);
  const values: InitValues = { set, intro, ...(site && { elsewhere: ['siteUrl'] }) };
  await create(resolve(dir, 'feedwright.config.ts'), initTemplate(values), flags.force);
  await ignore(dir, flags.worker ? IGNORED : IGNORED.slice(0, 1));
  if (flags.worker) await createWorkerFiles(dir, site, siteUrl, flags.force);
  if (site) console.log(`[feedwright] a ${site.generator} site (${site.configFile}): site mode`);
  for (const line of todo) console.log(`[feedwright] to do: ${line}`);
  console.log(`[feedwright ${VERSION}] next: ${nextStep(flags, site)}`);
  return 0;
}
