/**
 * Compares a Hugo or Jekyll site's feeds as its own generator makes them with what
 * `feedwright build --site` makes of the same folder, item by item: does every item keep its id,
 * its link and its published instant? Feeds are compared path for path (site mode serves the
 * generator's paths), the main feed and every other feed the generator wrote.
 *
 *   npx tsx scripts/compare-site.ts SITE_DIR [--reference DIR] [--generator-config FILE]
 *     [--feedwright-config FILE] [--feed PATH] [--out DIR] [--examples N] [--json]
 *
 * --reference DIR: the generator's output, already built (else it is built here: `hugo`, or
 * `jekyll build`, which must be installed); --generator-config FILE: a config laid over the site's
 * (e.g. one that lifts the feed's item limit, so whole feeds are compared) and --feedwright-config
 * FILE the same for feedwright (`{"itemLimit": 0}`); --out DIR: keep feedwright's output there (for
 * feedcheck); --feed PATH: the main
 * feed (default: the first of feed.xml, index.xml, atom.xml the generator wrote).
 * An entry the generator lists twice in one feed counts once; an item whose id the generator gives
 * to other items too is kept when feedwright's id is that id with `#n` (two posts at one URL).
 * Exit code 0 when ≥ 99% of the main feed's items are kept, 1 otherwise, 2 on a usage error.
 * Not a test: real sites are not committed; tests/fixtures hold small sites for each rule.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';

interface Item {
  readonly id: string | undefined;
  readonly link: string | undefined;
  readonly published: number | undefined;
  readonly title: string;
}

interface Feed {
  readonly format: 'rss' | 'atom';
  readonly items: readonly Item[];
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

type Node = Readonly<Record<string, unknown>>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  if (isNode(value) && '#text' in value) return textOf(value['#text']);
  return undefined;
}

/** A title as a reader shows it: markup dropped, entities decoded, white space collapsed. */
function plainText(html: string | undefined): string {
  let text = '';
  const parser = new Parser({ ontext: (chunk) => (text += chunk) }, { decodeEntities: true });
  parser.write(html ?? '');
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}

function instant(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

const list = (value: unknown): readonly unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** A link as a reader follows it: a relative one (a theme printing `link: /x/`) on the feed's own page. */
function resolved(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined || base === undefined || URL.canParse(link) || !URL.canParse(base)) return link;
  return new URL(link, base).href;
}

/** An RSS 2.0 or Atom 1.0 feed's items; undefined for any other XML (a sitemap). */
export function parseFeed(text: string): Feed | undefined {
  const doc: unknown = xml.parse(text);
  if (!isNode(doc)) return undefined;
  const rss = doc.rss;
  if (isNode(rss) && isNode(rss.channel)) {
    const base = list(rss.channel.link)
      .map(textOf)
      .find((l) => l !== undefined && URL.canParse(l));
    const items = list(rss.channel.item)
      .filter(isNode)
      .map((item) => ({
        id: textOf(item.guid),
        link: resolved(textOf(list(item.link)[0]), base),
        published: instant(textOf(item.pubDate) ?? textOf(item['dc:date'])),
        title: plainText(textOf(item.title)),
      }));
    return { format: 'rss', items };
  }
  const atom = doc.feed;
  if (isNode(atom)) {
    const base = list(atom.link)
      .filter(isNode)
      .map((l) => l['@href'])
      .find((href): href is string => typeof href === 'string' && URL.canParse(href));
    const items = list(atom.entry)
      .filter(isNode)
      .map((entry) => {
        const links = list(entry.link).filter(isNode);
        const alternate =
          links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate' && !l['@hreflang']) ??
          links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
        return {
          id: textOf(entry.id),
          link: resolved(typeof alternate?.['@href'] === 'string' ? alternate['@href'] : undefined, base),
          published: instant(textOf(entry.published) ?? textOf(entry.updated)),
          title: plainText(textOf(entry.title)),
        };
      });
    return { format: 'atom', items };
  }
  return undefined;
}

const DIFFERENCES = [
  'id',
  'shared id',
  'link',
  'published',
  'only in the generator',
  'only in feedwright',
  'listed twice by the generator',
] as const;
type Difference = (typeof DIFFERENCES)[number];

export interface Comparison {
  /** The generator's items, each entry once (an entry it lists twice counts once). */
  readonly referenceItems: number;
  readonly feedwrightItems: number;
  /** Items whose id, link and published instant are all the generator's. */
  readonly matched: number;
  /**
   * Matched, and items whose link and instant are the generator's and whose id is the one the
   * generator gave more than one of its items, with feedwright's `#n` (two posts at one URL: the
   * newer gets an id of its own, as the README says; a reader takes one id for one entry).
   */
  readonly kept: number;
  readonly differences: Readonly<Record<Difference, readonly string[]>>;
}

/** The generator's items, an entry it lists more than once (same id, link and instant) once. */
function entries(items: readonly Item[]): { unique: Item[]; repeated: Item[] } {
  const seen = new Set<string>();
  const unique: Item[] = [];
  const repeated: Item[] = [];
  for (const item of items) {
    const key = JSON.stringify([item.id, item.link, item.published]);
    if (item.id !== undefined && seen.has(key)) repeated.push(item);
    else unique.push(item);
    seen.add(key);
  }
  return { unique, repeated };
}

/** Curly quotes, dashes and ellipses as typed: what a typographer changes in a title. */
function foldTypography(title: string): string {
  return title
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\u2014/g, '---')
    .replace(/\u2013/g, '--')
    .replace(/[*_]/g, '')
    .toLowerCase();
}

function normalized(url: string | undefined): string | undefined {
  return url?.replace(/\/+$/, '').toLowerCase();
}

/**
 * Pairs items (the same id, link and instant, then by link, then id, then either one without a final slash, then title) and counts the
 * pairs whose id, link and published instant are all the same.
 */
export function compareFeeds(reference: Feed, feedwright: Feed): Comparison {
  const keys: ((item: Item) => string | undefined)[] = [
    // The same item first: of two at one link (two posts at one URL), the one with the same id.
    (i) => JSON.stringify([i.id, i.link, i.published]),
    (i) => i.link,
    (i) => i.id,
    (i) => normalized(i.link),
    (i) => normalized(i.id),
    (i) => (i.title ? foldTypography(i.title) : undefined),
  ];
  const unpaired = new Set(feedwright.items);
  const pairs: [Item, Item][] = [];
  const { unique, repeated } = entries(reference.items);
  let pending = [...unique];
  for (const key of keys) {
    const byKey = new Map<string, Item[]>();
    for (const item of unpaired) {
      const k = key(item);
      if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), item]);
    }
    pending = pending.filter((item) => {
      const k = key(item);
      const match = k === undefined ? undefined : byKey.get(k)?.find((c) => unpaired.has(c));
      if (!match) return true;
      unpaired.delete(match);
      pairs.push([item, match]);
      return false;
    });
  }
  const differences: Record<Difference, string[]> = {
    id: [],
    'shared id': [],
    link: [],
    published: [],
    'only in the generator': pending.map((i) => `${i.title} <${i.link}>`),
    'only in feedwright': [...unpaired].map((i) => `${i.title} <${i.link}>`),
    'listed twice by the generator': repeated.map((i) => `${i.title} <${i.id}>`),
  };
  const idCount = new Map<string | undefined, number>();
  for (const item of unique) idCount.set(item.id, (idCount.get(item.id) ?? 0) + 1);
  const sharedId = (r: Item, f: Item) =>
    r.id !== undefined &&
    (idCount.get(r.id) ?? 0) > 1 &&
    f.id?.startsWith(`${r.id}#`) === true &&
    /^\d+$/.test(f.id.slice(r.id.length + 1));
  let matched = 0;
  let kept = 0;
  for (const [r, f] of pairs) {
    if (r.id !== f.id) (sharedId(r, f) ? differences['shared id'] : differences.id).push(`${r.id} → ${f.id}`);
    if (r.link !== f.link) differences.link.push(`${r.link} → ${f.link}`);
    if (r.published !== f.published)
      differences.published.push(
        `${r.title}: ${r.published && new Date(r.published).toISOString()} → ${f.published && new Date(f.published).toISOString()}`,
      );
    if (r.link !== f.link || r.published !== f.published) continue;
    if (r.id === f.id) matched++;
    if (r.id === f.id || sharedId(r, f)) kept++;
  }
  return {
    referenceItems: unique.length,
    feedwrightItems: feedwright.items.length,
    matched,
    kept,
    differences,
  };
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.xml') && !path.endsWith('sitemap.xml'))
    .map((path) => path.split('\\').join('/'))
    .sort();
}

function readFeed(path: string): Feed | undefined {
  try {
    return parseFeed(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function buildReference(site: string, out: string, extraConfig: string | undefined): void {
  if (existsSync(join(site, '_config.yml')) || existsSync(join(site, '_config.yaml'))) {
    const config = extraConfig ? ['--config', `${join(site, '_config.yml')},${resolve(extraConfig)}`] : [];
    execFileSync('jekyll', ['build', '-s', site, '-d', out, ...config], { stdio: 'ignore' });
  } else {
    const config = extraConfig ? ['--config', `${resolve(extraConfig)}`] : [];
    execFileSync('hugo', ['--source', site, '--destination', out, ...config], { stdio: 'ignore' });
  }
}

const ratio = (matched: number, total: number) => (total === 0 ? 100 : (100 * matched) / total);

function main(): number {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      allowPositionals: true,
      options: {
        reference: { type: 'string' },
        'generator-config': { type: 'string' },
        'feedwright-config': { type: 'string' },
        feed: { type: 'string' },
        out: { type: 'string' },
        examples: { type: 'string', default: '3' },
        json: { type: 'boolean', default: false },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    console.error(String(error));
    return 2;
  }
  const site = parsed.positionals[0];
  if (!site || parsed.positionals.length !== 1) {
    console.error(
      'usage: tsx scripts/compare-site.ts SITE_DIR [--reference DIR] [--generator-config FILE] [--feed PATH]',
    );
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'compare-site-'));
  try {
    const reference = parsed.values.reference ?? join(work, 'reference');
    if (!parsed.values.reference) buildReference(resolve(site), reference, parsed.values['generator-config']);
    const ours = parsed.values.out ? resolve(parsed.values.out) : join(work, 'feedwright');
    const root = resolve(import.meta.dirname, '..');
    const overlay = parsed.values['feedwright-config'];
    const built = spawnSync(
      process.execPath,
      [
        join(root, 'bin/feedwright.mjs'),
        'build',
        '--site',
        site,
        '--out',
        ours,
        '--cache',
        join(work, 'cache'),
        ...(overlay ? ['--config', resolve(overlay)] : []),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (built.status !== 0) throw new Error(`feedwright build failed: ${built.stderr}`);
    // What build said (problems in articles, feeds that had to fit their byte budget), kept beside the output.
    if (parsed.values.out) writeFileSync(`${ours}.log`, built.stderr);
    const examples = Number(parsed.values.examples);
    const referenceFeeds = xmlFiles(reference).filter((path) => readFeed(join(reference, path)));
    const main =
      parsed.values.feed ??
      ['feed.xml', 'index.xml', 'atom.xml'].find((path) => referenceFeeds.includes(path));
    if (!main) throw new Error(`${reference} has no feed.xml, index.xml or atom.xml; name one with --feed`);
    const results = referenceFeeds.map((path) => {
      const theirs = readFeed(join(reference, path));
      const mine = existsSync(join(ours, path)) ? readFeed(join(ours, path)) : undefined;
      const format =
        theirs && mine && theirs.format !== mine.format ? `${theirs.format} → ${mine.format}` : undefined;
      return { path, comparison: theirs && mine ? compareFeeds(theirs, mine) : undefined, theirs, format };
    });
    const mainResult = results.find((r) => r.path === main);
    const others = results.filter((r) => r.path !== main);
    const served = others.filter((r) => r.comparison);
    const sum = (key: 'matched' | 'kept' | 'referenceItems') =>
      served.reduce((n, r) => n + (r.comparison?.[key] ?? 0), 0);
    const report = {
      site,
      main: { path: main, format: mainResult?.format, ...mainResult?.comparison },
      otherFeeds: {
        count: others.length,
        missing: others
          .filter((r) => !r.comparison && (r.theirs?.items.length ?? 0) > 0)
          .map((r) => `${r.path} (${r.theirs?.items.length} items)`),
        // A feed with no item the generator wrote (an empty section): nothing in it to lose.
        missingEmpty: others.filter((r) => !r.comparison && (r.theirs?.items.length ?? 0) === 0).length,
        below99: others
          .filter((r) => r.comparison && ratio(r.comparison.kept, r.comparison.referenceItems) < 99)
          .map((r) => `${r.path}: ${r.comparison?.kept} / ${r.comparison?.referenceItems}`),
        formatChanged: others.filter((r) => r.format).map((r) => `${r.path} (${r.format})`),
        referenceItems: sum('referenceItems'),
        matched: sum('matched'),
        kept: sum('kept'),
        // Entries the generator lists twice in one feed (counted once above).
        listedTwice: served.reduce(
          (n, r) => n + (r.comparison?.differences['listed twice by the generator'].length ?? 0),
          0,
        ),
      },
    };
    if (parsed.values.json) console.log(JSON.stringify(report, null, 1));
    else {
      const c = mainResult?.comparison;
      console.log(`${site}: main feed ${main}${mainResult?.format ? ` (format ${mainResult.format})` : ''}`);
      if (!c) console.log('  feedwright serves nothing at this path');
      else {
        console.log(
          `  id+link+published match: ${c.matched} / ${c.referenceItems} (${ratio(c.matched, c.referenceItems).toFixed(1)}%); kept (an id the generator repeats as id#n): ${c.kept} (${ratio(c.kept, c.referenceItems).toFixed(1)}%); feedwright has ${c.feedwrightItems} items`,
        );
        for (const kind of DIFFERENCES) {
          const found = c.differences[kind];
          if (found.length === 0) continue;
          console.log(`  ${kind} differs: ${found.length}`);
          for (const example of found.slice(0, examples)) console.log(`      ${example}`);
        }
      }
      const o = report.otherFeeds;
      console.log(
        `  other feeds: ${o.count}, ${o.missing.length} with items not served by feedwright (and ${o.missingEmpty} empty ones); in the others, items matching ${o.matched} / ${o.referenceItems} (${ratio(o.matched, o.referenceItems).toFixed(1)}%), kept ${o.kept} (${ratio(o.kept, o.referenceItems).toFixed(1)}%); ${o.listedTwice} entries the generator lists twice counted once; ${o.below99.length} feeds below 99% kept`,
      );
      for (const path of o.missing.slice(0, examples)) console.log(`      not served: ${path}`);
      for (const path of o.formatChanged.slice(0, examples)) console.log(`      format changed: ${path}`);
      for (const line of o.below99.slice(0, examples)) console.log(`      below 99%: ${line}`);
      const worst = others
        .filter((r) => r.comparison && r.comparison.matched < r.comparison.referenceItems)
        .slice(0, examples);
      for (const r of worst)
        console.log(
          `      ${r.path}: ${r.comparison?.matched} / ${r.comparison?.referenceItems} (kept ${r.comparison?.kept})`,
        );
    }
    const c = mainResult?.comparison;
    return c && ratio(c.kept, c.referenceItems) >= 99 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exitCode = main();
