/**
 * npm run bench [-- --large] [--runs N] [--quick] [--bin PATH] [--only SECTION,…] [--real-blog SITE] [--write]
 * Sections: builds, typical, incremental, cachemiss, worker, serving, manytags, coldstart, and the
 * reliability ones (bench/reliability.ts): tags, bigarticle, load.
 * Builds corpora with bench/make-corpus.mjs and prints medians of: cold build, warm
 * restart, a typical blog's build (generated, and a real Hugo site given as --real-blog), incremental
 * regeneration (also as `--watch` runs it, from the write to the new feeds), cache-miss rendering,
 * the Worker's costs (and its assets at 50,000 with --large), serving under load beside nginx and a
 * bare node:http server (one process, then one per core), server memory (also `--workers 2` under
 * load with edits), serve's cold start, and a site with many tags; then each target of issue 20,
 * met or not, with the defaults;
 * then reliability: memory with an article of thousands of tags, requests during a 50 MB article's
 * regeneration, `serve --workers 2` under edits and wrk.
 * Hugo, nginx and wrk are used when installed. Traffic goes only to 127.0.0.1; every loop is bounded.
 */
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { parseConfig } from '../src/config/site-config.ts';
import { FORMATS } from '../src/feeds/formats.ts';
import { startFeedApp } from '../src/node/feed-app.ts';
import { catalogOnly } from '../src/publish/cache/document-source.ts';
import { FeedCache } from '../src/publish/cache/feed-cache.ts';
import { Publisher } from '../src/publish/regenerate/publisher.ts';
import { SNAPSHOT_FILE, type WorkerSnapshot } from '../src/publish/worker-format/worker-snapshot.ts';
import { ContentScanner } from '../src/source/content-scanner.ts';
import { EdgePublication } from '../src/worker/edge-publication.ts';
import { bigArticle, loadUnderEdits, manyTags as oneArticleManyTags } from './reliability.ts';

const args = process.argv.slice(2);
const LARGE = args.includes('--large');
const QUICK = args.includes('--quick');
const RUNS = Number(args[args.indexOf('--runs') + 1]) || (QUICK ? 1 : 3);
/** `--only builds,serving`: run just these sections. */
const ONLY = args.includes('--only')
  ? new Set((args[args.indexOf('--only') + 1] ?? '').split(','))
  : undefined;
const section = (name: string) => !ONLY || ONLY.has(name);
const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench/.corpora');
const generator = join(root, 'bench/make-corpus.mjs');
/** `--bin PATH`: another build's bin/feedwright.mjs, to measure it the same way (before and after). */
const bin = args.includes('--bin')
  ? resolve(args[args.indexOf('--bin') + 1] ?? '')
  : join(root, 'bin/feedwright.mjs');
const SIZES = QUICK ? [1000] : LARGE ? [1000, 10000, 50000] : [1000, 10000];
/** A typical blog: the issue's 9 and 119 posts, and the 150 it names as the top of the range. */
const BLOG_SIZES = QUICK ? [9] : [9, 119, 150];
/** Serving is measured with as many worker processes as nginx has (worker_processes auto). */
const WORKERS = Math.max(1, cpus().length);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2 : Number.NaN;
};
const rows: string[][] = [];
const row = (...cells: (string | number)[]) => {
  rows.push(cells.map(String));
  console.error(`  ${cells.join(' | ')}`);
};
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The targets of issue 20 ("the default must be cheap"), on the defaults: what was measured against
 * each (filled by the sections that measure it), beside the tool it is compared with.
 */
const TARGETS = [
  { key: 'cold', label: 'cold build, 10,000', target: '≤ 0.5× Hugo', met: (x: number) => x <= 0.5 },
  { key: 'blog', label: 'cold build, real blog', target: '≤ 1× Hugo', met: (x: number) => x <= 1 },
  { key: 'large', label: 'cold build, 50,000', target: '≤ 1× Hugo', met: (x: number) => x <= 1 },
  {
    key: 'peak',
    label: 'peak memory, cold build of 50,000',
    target: '< 400 MB',
    met: (x: number) => x < 400,
  },
  { key: 'warm', label: 'warm restart, 10,000', target: '< 0.5 s', met: (x: number) => x < 0.5 },
  {
    key: 'watch',
    label: 'edit → new feeds served, serve --watch, 10,000',
    target: '< 50 ms',
    met: (x: number) => x < 50,
  },
  {
    key: 'memory',
    label: 'serve memory, 10,000, every feed fetched',
    target: '< 250 MB',
    met: (x: number) => x < 250,
  },
  {
    key: 'clusterMemory',
    label: 'serve --workers 2 memory, 10,000, under load with edits',
    target: '< 500 MB',
    met: (x: number) => x < 500,
  },
  {
    key: '200',
    label: 'cached feed 200s, one serve process vs one nginx worker',
    target: '≥ 0.8× nginx',
    met: (x: number) => x >= 0.8,
  },
  {
    key: '304',
    label: '304s, one serve process vs one nginx worker',
    target: '≥ 0.6× nginx',
    met: (x: number) => x >= 0.6,
  },
  { key: 'isolate', label: 'Worker isolate start, 10,000', target: '< 1 ms CPU', met: (x: number) => x < 1 },
  {
    key: 'firstFeed',
    label: 'Worker first tag feed, 10,000',
    target: '< 3 ms CPU',
    met: (x: number) => x < 3,
  },
  {
    key: 'miss',
    label: 'Worker cache miss (worst format), 10,000',
    target: '< 3 ms CPU',
    met: (x: number) => x < 3,
  },
  {
    key: 'assets',
    label: 'Worker assets, 50,000 articles',
    target: '< 20,000 files, none > 25 MiB',
    met: (x: number) => x < 20_000,
  },
] as const;
type TargetKey = (typeof TARGETS)[number]['key'];
const measured = new Map<TargetKey, { value: number; text: string }>();
const record = (key: TargetKey, value: number, text: string) => measured.set(key, { value, text });

function corpus(n: number): string {
  const dir = join(work, `c${n}`);
  if (!existsSync(join(dir, '.done'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [generator, '--articles', String(n), '--out', dir, '--quiet']);
    writeFileSync(join(dir, '.done'), '');
  }
  return dir;
}

interface Measured {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs a command to completion: wall seconds, CPU seconds (user + system) and peak RSS via GNU time. */
function measure(cmd: string, cmdArgs: string[], cwd = root): Measured {
  const started = performance.now();
  const full = TIME ? [TIME, ['-f', '@@%U %S %M', cmd, ...cmdArgs]] : [cmd, cmdArgs];
  const result = spawnSync(full[0] as string, full[1] as string[], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  const match = /@@([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  return match
    ? { wall, cpu: Number(match[1]) + Number(match[2]), rssMb: Number(match[3]) / 1024 }
    : { wall, cpu: Number.NaN, rssMb: Number.NaN };
}

function medianOf(runs: Measured[]): Measured {
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    rssMb: median(runs.map((r) => r.rssMb)),
  };
}

function hugoSite(dir: string, n: number): string {
  const site = join(work, `hugo${n}`);
  mkdirSync(join(site, 'content'), { recursive: true });
  const link = join(site, 'content/posts');
  if (!existsSync(link)) execFileSync('ln', ['-s', dir, link]);
  // RSS for home and taxonomy terms only, 20 items; pages are listed but not rendered.
  writeFileSync(
    join(site, 'config.toml'),
    `baseURL = "https://feedwright.dev/"\ndisableKinds = ["section", "sitemap", "robotsTXT", "404"]\ntimeZone = "UTC"\nignoreErrors = ["error-disable-taxonomy"]\n[outputs]\nhome = ["RSS"]\nterm = ["RSS"]\ntaxonomy = []\npage = []\n[services.rss]\nlimit = 20\n[[cascade]]\n[cascade._build]\nrender = "never"\n[cascade._target]\nkind = "page"\n`,
  );
  return site;
}

function hugoBuild(dir: string, n: number): Measured | undefined {
  if (!has('hugo')) return undefined;
  const site = hugoSite(dir, n);
  const hugo: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(join(site, 'public'), { recursive: true, force: true });
    hugo.push(measure('hugo', ['--quiet', '-s', site, '-d', join(site, 'public')]));
  }
  return medianOf(hugo);
}

async function builds() {
  console.error('# cold build, warm restart');
  for (const n of SIZES) {
    const dir = corpus(n);
    const out = join(work, `out${n}`);
    const cold: Measured[] = [];
    const warm: Measured[] = [];
    // Cold: no output folder and no kept state. Warm: both as the previous run left them.
    const state = join(work, `state${n}`);
    const build = [bin, 'build', '--content', dir, '--out', out, '--cache', state];
    for (let i = 0; i < RUNS; i++) {
      rmSync(out, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
      cold.push(measure(process.execPath, build));
      warm.push(measure(process.execPath, build));
    }
    const r = { cold: medianOf(cold), warm: medianOf(warm), hugo: hugoBuild(dir, n) };
    const ratio = r.hugo ? r.cold.wall / r.hugo.wall : Number.NaN;
    row(
      `cold build ${n}`,
      `${fmt(r.cold.wall, 2)} s`,
      `${fmt(r.cold.cpu, 2)} s CPU`,
      `${fmt(r.cold.rssMb)} MB`,
      r.hugo ? `Hugo ${fmt(r.hugo.wall, 2)} s, ${fmt(r.hugo.rssMb)} MB` : 'Hugo not installed',
      r.hugo ? `feedwright/Hugo ${fmt(ratio, 2)}` : '',
    );
    row(
      `warm restart ${n}`,
      `${fmt(r.warm.wall, 2)} s`,
      `${fmt(r.warm.cpu, 2)} s CPU`,
      `${fmt(r.warm.rssMb)} MB`,
      '',
      r.hugo ? `feedwright/Hugo ${fmt(r.warm.wall / r.hugo.wall, 2)}` : '',
    );
    if (n === 10000) {
      if (r.hugo)
        record(
          'cold',
          ratio,
          `${fmt(ratio, 2)}× Hugo (${fmt(r.cold.wall, 2)} s, Hugo ${fmt(r.hugo.wall, 2)} s)`,
        );
      record('warm', r.warm.wall, `${fmt(r.warm.wall, 2)} s (${fmt(r.warm.cpu, 2)} s CPU)`);
    }
    if (n === 50000) {
      if (r.hugo)
        record(
          'large',
          ratio,
          `${fmt(ratio, 2)}× Hugo (${fmt(r.cold.wall, 2)} s, Hugo ${fmt(r.hugo.wall, 2)} s)`,
        );
      record('peak', r.cold.rssMb, `${fmt(r.cold.rssMb)} MB (Hugo ${fmt(r.hugo?.rssMb ?? Number.NaN)} MB)`);
    }
  }
}

/**
 * A blog as its owner has it after `feedwright init`: a feedwright.config.ts that imports
 * defineConfig from the installed package, `feedwright build` run in the site's folder.
 */
function blogSite(dir: string, n: number): string {
  const site = join(work, `blog${n}`);
  mkdirSync(join(site, 'node_modules'), { recursive: true });
  const link = join(site, 'node_modules/feedwright');
  if (!existsSync(link)) execFileSync('ln', ['-s', root, link]);
  writeFileSync(
    join(site, 'feedwright.config.ts'),
    `import { defineConfig } from 'feedwright';\n\nexport default defineConfig({\n  title: 'A blog',\n  siteUrl: 'https://feedwright.dev/',\n  timeZone: 'Asia/Shanghai',\n  content: ${JSON.stringify(dir)},\n  out: 'public/feeds',\n});\n`,
  );
  return site;
}

async function typical() {
  console.error('# a typical blog: cold build with a feedwright.config.ts, beside Hugo');
  const bare = medianOf(Array.from({ length: 5 }, () => measure(process.execPath, ['-e', '0'])));
  const version = medianOf(Array.from({ length: 5 }, () => measure(process.execPath, [bin, '--version'])));
  row(
    'node -e 0 (Node’s own start)',
    `${fmt(bare.wall, 3)} s`,
    `${fmt(bare.cpu, 3)} s CPU`,
    `${fmt(bare.rssMb)} MB`,
  );
  row(
    'feedwright --version',
    `${fmt(version.wall, 3)} s`,
    `${fmt(version.cpu, 3)} s CPU`,
    `${fmt(version.rssMb)} MB`,
    '',
    `+${fmt((version.wall - bare.wall) * 1000)} ms over Node`,
  );
  let worst = Number.NaN;
  for (const n of BLOG_SIZES) {
    const dir = corpus(n);
    const site = blogSite(dir, n);
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(site, 'public'), { recursive: true, force: true });
      rmSync(join(site, '.feedwright-cache'), { recursive: true, force: true });
      runs.push(measure(process.execPath, [bin, 'build'], site));
    }
    const fw = medianOf(runs);
    const hugo = hugoBuild(dir, n);
    const ratio = hugo ? fw.wall / hugo.wall : Number.NaN;
    if (!(worst >= ratio)) worst = ratio;
    row(
      `cold build, blog of ${n} posts`,
      `${fmt(fw.wall, 2)} s`,
      `${fmt(fw.cpu, 2)} s CPU`,
      `${fmt(fw.rssMb)} MB`,
      hugo ? `Hugo ${fmt(hugo.wall, 2)} s` : 'Hugo not installed',
      hugo ? `feedwright/Hugo ${fmt(ratio, 2)}` : '',
    );
  }
  row('', '', '', '', '', `generated blogs: ${fmt(worst, 2)}× Hugo at worst`);
  await realBlog();
}

/**
 * A real Hugo blog (`--real-blog SITE`, e.g. a copy of npf.io's repository), built whole by Hugo as
 * its owner builds it, and its feeds by `feedwright build --site`, side by side. Neither writes into
 * the site: Hugo builds a copy.
 */
async function realBlog() {
  const given = args.includes('--real-blog')
    ? resolve(args[args.indexOf('--real-blog') + 1] ?? '')
    : undefined;
  if (!given || !existsSync(given)) {
    row('cold build, real blog', 'not measured: pass --real-blog SITE (a Hugo site)');
    return;
  }
  const copy = join(work, 'real-blog');
  rmSync(copy, { recursive: true, force: true });
  execFileSync('cp', ['-r', given, copy]);
  const fwRuns: Measured[] = [];
  const hugoRuns: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const dir of ['real-blog-out', 'real-blog-cache', 'real-blog-public'])
      rmSync(join(work, dir), { recursive: true, force: true });
    fwRuns.push(
      measure(process.execPath, [
        bin,
        'build',
        '--site',
        copy,
        '--out',
        join(work, 'real-blog-out'),
        '--cache',
        join(work, 'real-blog-cache'),
      ]),
    );
    if (has('hugo'))
      hugoRuns.push(measure('hugo', ['--quiet', '-s', copy, '-d', join(work, 'real-blog-public')]));
  }
  const fw = medianOf(fwRuns);
  const hugo = hugoRuns.length > 0 ? medianOf(hugoRuns) : undefined;
  const ratio = hugo ? fw.wall / hugo.wall : Number.NaN;
  const posts = readdirSync(join(work, 'real-blog-out'), { recursive: true }).length;
  row(
    `cold build, real blog (${given.split('/').at(-1)}, ${posts} files written)`,
    `${fmt(fw.wall, 2)} s`,
    `${fmt(fw.cpu, 2)} s CPU`,
    `${fmt(fw.rssMb)} MB`,
    hugo ? `Hugo ${fmt(hugo.wall, 2)} s, ${fmt(hugo.cpu, 2)} s CPU` : 'Hugo not installed',
    hugo ? `feedwright/Hugo ${fmt(ratio, 2)}` : '',
  );
  if (hugo)
    record('blog', ratio, `${fmt(ratio, 2)}× Hugo (${fmt(fw.wall, 2)} s, Hugo ${fmt(hugo.wall, 2)} s)`);
}

/** Waits until `changed()` says so, up to `ms`; false when it never did. */
async function until(changed: () => boolean, ms = 20_000): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(5)) if (changed()) return true;
  return false;
}

async function incremental() {
  console.error('# incremental regeneration (10,000)');
  const dir = corpus(QUICK ? 1000 : 10000);
  const config = parseConfig({});
  const cache = new FeedCache(catalogOnly(config));
  const publisher = new Publisher({
    source: new ContentScanner(dir, config),
    config,
    warm: (catalog) => cache.warm(catalog),
    log: () => {},
  });
  await publisher.run();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const edit: number[] = [];
  const add: number[] = [];
  const nothing: number[] = [];
  for (let i = 0; i < (QUICK ? 3 : 7); i++) {
    const target = join(dir, files[i * 37] as string);
    const original = readFileSync(target, 'utf8');
    writeFileSync(target, `${original}\nEdited ${i}.\n`);
    edit.push((await publisher.run()).durationMs);
    writeFileSync(target, original);
    await publisher.run();
    const added = join(dir, `zz-bench-added-${i}.md`);
    writeFileSync(added, `---\ntitle: Added ${i}\ndate: 2025-06-30T00:00:00Z\ntags: [bench]\n---\nNew.\n`);
    add.push((await publisher.run()).durationMs);
    rmSync(added);
    await publisher.run();
    nothing.push((await publisher.run()).durationMs);
  }
  row('regeneration, nothing changed', `${fmt(median(nothing), 1)} ms`, 'a full sweep (cron)');
  row('regeneration after one edit', `${fmt(median(edit), 1)} ms`, 'a full sweep (cron)');
  row('regeneration after one added', `${fmt(median(add), 1)} ms`, 'a full sweep (cron)');

  // As `serve --watch` runs it: the watcher reports the edit, and the time from the write to the
  // new catalog being served (the watcher's debounce, the run) is timed, and the run alone.
  const app = await startFeedApp({ contentDir: dir, config, watch: true, log: () => {} });
  const watched: number[] = [];
  const served: number[] = [];
  const settled = async () => {
    // Quiet for half a second: no run is pending behind the watcher's debounce.
    for (let last = app.publisher.lastRun; ; last = app.publisher.lastRun) {
      await sleep(500);
      if (app.publisher.lastRun === last) return;
    }
  };
  try {
    await settled();
    for (let i = 0; i < (QUICK ? 3 : 7); i++) {
      const target = join(dir, files[i * 41 + 3] as string);
      const original = readFileSync(target, 'utf8');
      const before = app.publisher.lastRun;
      const written = Date.now();
      writeFileSync(target, `${original}\nWatched ${i}.\n`);
      if (await until(() => app.publisher.lastRun !== before)) {
        await settled();
        const run = app.publisher.lastRun;
        if (run?.ok && run.changed > 0) {
          watched.push(run.durationMs);
          served.push(run.startedAt + run.durationMs - written);
        }
      }
      writeFileSync(target, original);
      await until(() => false, 300);
      await settled();
    }
  } finally {
    await app.close();
  }
  row(
    'edit → new feeds served, --watch',
    `${fmt(median(served), 1)} ms`,
    `the run itself ${fmt(median(watched), 1)} ms`,
    `${watched.length} edits`,
  );
  if (!QUICK && served.length > 0)
    record('watch', median(served), `${fmt(median(served), 1)} ms (the run ${fmt(median(watched), 1)} ms)`);
}

async function cacheMiss() {
  console.error('# cache miss: one 20-item tag feed from the in-memory catalog');
  const dir = corpus(QUICK ? 1000 : 10000);
  const config = parseConfig({});
  const warm = new FeedCache(catalogOnly(config));
  const publisher = new Publisher({
    source: new ContentScanner(dir, config),
    config,
    warm: (catalog) => warm.warm(catalog),
    log: () => {},
  });
  await publisher.run();
  const catalog = publisher.catalog;
  const tags = [...(catalog.terms.tags?.values() ?? [])].filter((t) => t.articles.length >= 20).slice(0, 50);
  for (const format of FORMATS) {
    const cpu: number[] = [];
    for (const tag of tags) {
      const cache = new FeedCache(catalogOnly(config)); // nothing rendered yet: every item too
      const before = process.cpuUsage();
      await cache.feed(catalog, { kind: 'tags', slug: tag.slug }, format);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    row(`cache miss ${format.label}`, `${fmt(median(cpu) * 1000)} µs CPU`, `${tags.length} tags`);
  }
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
}

/**
 * wrk for 5 s, 2 threads, 64 connections. `rotate`: the requests cycle through these paths, each
 * with its own If-None-Match, as an aggregator polling many feeds sends them.
 */
function wrk(url: string, headers: string[] = [], rotate?: readonly (readonly [string, string])[]): Load {
  const script = join(work, 'rotate.lua');
  if (rotate) {
    const list = (i: 0 | 1) => rotate.map((entry) => JSON.stringify(entry[i])).join(',\n');
    writeFileSync(
      script,
      `local paths = {\n${list(0)}\n}\nlocal etags = {\n${list(1)}\n}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i], { ["If-None-Match"] = etags[i] })\nend\n`,
    );
  }
  const out = execFileSync(
    'wrk',
    [
      '-t2',
      '-c64',
      '-d5s',
      '--latency',
      ...(rotate ? ['-s', script] : []),
      ...headers.flatMap((h) => ['-H', h]),
      url,
    ],
    { encoding: 'utf8' },
  );
  const ms = (label: string) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return Number.NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  if (non2xx > 0) console.error(`  (wrk: ${non2xx} responses other than 2xx or 3xx from ${url})`);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50: ms('50'), p99: ms('99') };
}

/** Polls `url` until it answers `status` (any 2xx by default); the milliseconds it took. */
async function waitFor(url: string, ok = (status: number) => status >= 200 && status < 300, ms = 120_000) {
  const started = performance.now();
  while (performance.now() - started < ms) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (ok(response.status)) return performance.now() - started;
    } catch {}
    await sleep(20);
  }
  throw new Error(`${url} never answered`);
}

/** Resident memory of a process and all its descendants, in MB. */
function treeRssMb(pid: number): number {
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of procs)
      if (p !== undefined && parent !== undefined && !tree.has(p) && tree.has(parent)) {
        tree.add(p);
        grew = true;
      }
  }
  return (
    procs.filter(([p]) => p !== undefined && tree.has(p)).reduce((sum, [, , rss]) => sum + (rss ?? 0), 0) /
    1024
  );
}

/** GETs every path once, 8 at a time, with `headers`; the ETag of each. */
async function fetchAll(base: string, paths: readonly string[], headers: Record<string, string> = {}) {
  const etags = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const path = paths[next++] as string;
        const response = await fetch(`${base}${path}`, { headers });
        await response.arrayBuffer();
        etags.set(path, response.headers.get('etag') ?? '');
      }
    }),
  );
  return etags;
}

const ARCHIVE_PAGE = /(^|\/)archive\/\d+\//;

/** Every feed file of a built folder (or, with `archives`, every archive page), as URL paths (percent-encoded). */
function feedFiles(out: string, name?: string, archives = false): string[] {
  return readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(xml|json)$/.test(f) && !f.startsWith('.') && (name === undefined || f.endsWith(name)))
    .filter((f) => f !== 'feeds.json' && f !== 'feeds.opml' && ARCHIVE_PAGE.test(f) === archives)
    .sort()
    .map((f) => `/${f.split('/').map(encodeURIComponent).join('/')}`);
}

let nextPort = 18787;

/** A server started as a child process, stopped (and waited for) by `stop`. */
function started(cmd: string, cmdArgs: string[], cwd = root) {
  const child: ChildProcess = spawn(cmd, cmdArgs, { stdio: 'ignore', cwd });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid as number,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** `serve` on a fresh port with its own cache folder, answering feeds: its base URL. */
async function serveSite(dir: string, workers: number, extra: string[] = []) {
  const port = nextPort++;
  const cache = join(work, `serve-cache-${port}`);
  rmSync(cache, { recursive: true, force: true });
  const server = started(process.execPath, [
    bin,
    'serve',
    '--content',
    dir,
    '--port',
    String(port),
    '--cache',
    cache,
    '--workers',
    String(workers),
    ...extra,
  ]);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/feed.xml`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...server, base };
}

/** nginx (worker_processes auto, sendfile) serving `out`: its base URL. */
async function nginxServing(out: string, processes?: number) {
  const port = nextPort++;
  const conf = join(work, `nginx-${port}.conf`);
  writeFileSync(
    conf,
    `worker_processes ${processes ?? 'auto'}; daemon off; pid ${work}/nginx-${port}.pid; error_log ${work}/nginx-error.log;\nevents { worker_connections 1024; }\nhttp { access_log off; types { application/rss+xml xml; application/feed+json json; } default_type application/octet-stream; sendfile on;\n  server { listen 127.0.0.1:${port}; root ${out}; } }\n`,
  );
  const server = started('nginx', ['-c', conf, '-p', work]);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/feed.xml`);
  return { ...server, base };
}

/**
 * Node's own floor: node:http alone, in as many processes as the others, answering the same
 * headers feedwright sends: a fixed 304 to a matching If-None-Match, else the file.
 */
const BARE_NODE = `
const cluster = require('node:cluster');
const http = require('node:http');
if (cluster.isPrimary) {
  for (let i = 0; i < Number(process.env.WORKERS); i++) cluster.fork();
} else {
  const body = require('node:fs').readFileSync(process.env.FILE);
  const etag = '"bare-node-etag"';
  const common = {
    ETag: etag,
    'Last-Modified': 'Mon, 30 Jun 2025 00:00:00 GMT',
    'Cache-Control': 'public, max-age=60, stale-while-revalidate=300',
    Vary: 'Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode',
  };
  const full = { ...common, 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Length': body.length };
  http.createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, common); res.end(); }
    else { res.writeHead(200, full); res.end(body); }
  }).listen(Number(process.env.PORT), '127.0.0.1');
}
`;

async function bareNode(file: string, path: string, processes = WORKERS) {
  const port = nextPort++;
  // A file, not -e: cluster workers run the primary's script again.
  const script = join(work, 'bare-node.cjs');
  writeFileSync(script, BARE_NODE);
  const child = spawn(process.execPath, [script], {
    stdio: 'ignore',
    env: { ...process.env, WORKERS: String(processes), FILE: file, PORT: String(port) },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}${path}`);
    return {
      ok: wrk(`${base}${path}`),
      notModified: wrk(`${base}${path}`, ['If-None-Match: "bare-node-etag"']),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const loadRow = (label: string, fw: Load, beside: Load | undefined, besideName: string, ratio = true) =>
  row(
    label,
    `${fmt(fw.rps)} req/s`,
    `p50 ${fmt(fw.p50, 2)} ms`,
    `p99 ${fmt(fw.p99, 2)} ms`,
    beside ? `${besideName} ${fmt(beside.rps)} req/s` : `${besideName} not measured`,
    beside && ratio ? `feedwright/${besideName} ${fmt(fw.rps / beside.rps, 2)}` : '',
  );

/**
 * What one `serve` process holds once it has answered every feed once, compressed as readers ask
 * for them: RSS right after start, and after.
 */
async function serverMemory(dir: string, out: string, label: string) {
  const server = await serveSite(dir, 1, ['--refresh', 'off']);
  try {
    await sleep(1000);
    const idle = treeRssMb(server.pid);
    const paths = feedFiles(out);
    await fetchAll(server.base, paths, { 'Accept-Encoding': 'gzip, deflate, br' });
    await fetchAll(server.base, paths);
    const serving = treeRssMb(server.pid);
    row(
      `server memory, ${label}`,
      `${fmt(serving)} MB RSS`,
      `${fmt(idle)} MB after start`,
      `every one of ${paths.length} feed paths fetched, compressed and not`,
    );
    // A crawler walking the whole history: what the server holds after it (archive pages are not kept).
    const archives = feedFiles(out, undefined, true);
    if (archives.length > 0) {
      await fetchAll(server.base, archives);
      row(
        `server memory after a crawl, ${label}`,
        `${fmt(treeRssMb(server.pid))} MB RSS`,
        `every one of ${archives.length} archive pages fetched once`,
      );
    }
    return serving;
  } finally {
    await server.stop();
  }
}

/** The feed pollers ask for, nearest to this many bytes: an RSS feed (not an archive page). */
const SERVED_FEED_BYTES = 138_000;

async function serving() {
  console.error('# serving (wrk, 2 threads, 64 connections, 5 s): one process, then as many as cores');
  const n = QUICK ? 1000 : 10000;
  const dir = corpus(n);
  const out = join(work, `out${n}`);
  if (!existsSync(join(out, 'feed.xml')))
    measure(process.execPath, [
      bin,
      'build',
      '--content',
      dir,
      '--out',
      out,
      '--cache',
      join(work, `state${n}`),
    ]);
  // A feed, not an archive page: those are what pollers ask for (archive pages are read once).
  const feeds = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('feed.xml') && !ARCHIVE_PAGE.test(f),
  );
  const distance = (f: string) => Math.abs(statSync(join(out, f)).size - SERVED_FEED_BYTES);
  const pick = feeds.sort((a, b) => distance(a) - distance(b))[0] as string;
  const size = statSync(join(out, pick)).size;
  const path = `/${pick.split('/').map(encodeURIComponent).join('/')}`;
  if (!has('wrk')) row('serving', 'wrk not installed');
  else {
    for (const processes of [1, WORKERS]) {
      const results: Record<string, Load> = {};
      // One process: serve as it starts by default. Several: regenerating every second besides.
      const fw = await serveSite(dir, processes, processes === 1 ? [] : ['--refresh', '* * * * * *']);
      try {
        // Every worker process builds its version: let them all be ready before measuring.
        await sleep(3000);
        const etag = (await fetch(`${fw.base}${path}`)).headers.get('etag') as string;
        results.fw200 = wrk(`${fw.base}${path}`);
        results.fw304 = wrk(`${fw.base}${path}`, [`If-None-Match: ${etag}`]);
      } finally {
        await fw.stop();
      }
      const bare = await bareNode(join(out, pick), path, processes);
      if (has('nginx')) {
        const nx = await nginxServing(out, processes);
        try {
          const etag = (await fetch(`${nx.base}${path}`)).headers.get('etag') as string;
          results.nx200 = wrk(`${nx.base}${path}`);
          results.nx304 = wrk(`${nx.base}${path}`, [`If-None-Match: ${etag}`]);
        } finally {
          await nx.stop();
        }
      }
      const fw200 = results.fw200 as Load;
      const fw304 = results.fw304 as Load;
      const who = processes === 1 ? 'one process, one nginx worker' : `${processes} processes, nginx auto`;
      loadRow(`cached feed 200 (${fmt(size / 1024)} KB), ${who}`, fw200, results.nx200, 'nginx');
      loadRow('  bare node:http, same bytes', bare.ok, results.nx200, 'nginx');
      loadRow(`conditional 304, ${who}`, fw304, results.nx304, 'nginx');
      loadRow('  bare node:http, fixed 304 (Node’s floor)', bare.notModified, results.nx304, 'nginx');
      row(
        '  feedwright against Node’s floor',
        `200: ${fmt(fw200.rps / bare.ok.rps, 2)}`,
        `304: ${fmt(fw304.rps / bare.notModified.rps, 2)}`,
      );
      if (processes !== 1) continue;
      if (results.nx304) {
        const ratio = fw304.rps / results.nx304.rps;
        record(
          '304',
          ratio,
          `${fmt(ratio, 2)}× nginx (${fmt(fw304.rps)} against ${fmt(results.nx304.rps)} req/s; Node's floor ${fmt(bare.notModified.rps / results.nx304.rps, 2)}×)`,
        );
      }
      if (results.nx200) {
        const ratio = fw200.rps / results.nx200.rps;
        record(
          '200',
          ratio,
          `${fmt(ratio, 2)}× nginx (${fmt(fw200.rps)} against ${fmt(results.nx200.rps)} req/s, ${fmt(size / 1024)} KB; Node's floor ${fmt(bare.ok.rps / results.nx200.rps, 2)}×)`,
        );
      }
    }
  }
  const memory = await serverMemory(dir, out, `${n} articles, one process`);
  if (!QUICK) record('memory', memory, `${fmt(memory)} MB RSS`);
  if (!QUICK) await clusterMemory(dir);
}

/**
 * `serve --workers 2 --watch` on 10,000 articles under wrk (every tag feed in turn, with its ETag, as
 * pollers ask) for 20 s while an article is edited every 300 ms: the most the three processes held
 * together (sampled every half second), and at the end.
 */
async function clusterMemory(dir: string) {
  if (!has('wrk')) return;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const server = await serveSite(dir, 2, ['--watch']);
  const originals = new Map<string, string>();
  let peak = 0;
  let edits = 0;
  try {
    await sleep(3000);
    const tagFeeds = feedFiles(join(work, `out${QUICK ? 1000 : 10000}`, 'tags'), 'feed.xml').map(
      (p) => `/tags${p}`,
    );
    const etags = await fetchAll(server.base, tagFeeds, { 'Accept-Encoding': 'gzip' });
    const sampling = setInterval(() => {
      peak = Math.max(peak, treeRssMb(server.pid));
    }, 500);
    const editing = setInterval(() => {
      const name = files[(edits * 97) % files.length] as string;
      const target = join(dir, name);
      if (!originals.has(target)) originals.set(target, readFileSync(target, 'utf8'));
      writeFileSync(target, `${originals.get(target)}\nEdited ${edits++}.\n`);
    }, 300);
    const script = join(work, 'rotate.lua');
    const list = (i: 0 | 1) => [...etags].map((entry) => JSON.stringify(entry[i])).join(',\n');
    writeFileSync(
      script,
      `local paths = {\n${list(0)}\n}\nlocal etags = {\n${list(1)}\n}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i], { ["If-None-Match"] = etags[i], ["Accept-Encoding"] = "gzip" })\nend\n`,
    );
    const { stdout } = await promisify(execFile)(
      'wrk',
      ['-t2', '-c64', '-d20s', '-s', script, `${server.base}/`],
      {
        encoding: 'utf8',
      },
    );
    clearInterval(editing);
    clearInterval(sampling);
    const end = treeRssMb(server.pid);
    peak = Math.max(peak, end);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
    row(
      'serve --workers 2 memory under load with edits',
      `${fmt(peak)} MB at most`,
      `${fmt(end)} MB at the end`,
      `${edits} edits, ${fmt(rps)} req/s over ${tagFeeds.length} tag feeds`,
      '3 processes',
    );
    record('clusterMemory', peak, `${fmt(peak)} MB at most, 3 processes (${fmt(end)} MB at the end)`);
  } finally {
    for (const [target, text] of originals) writeFileSync(target, text);
    await server.stop();
  }
}

/** How many tags, and articles, the many-tags site has (issue 13). */
const MANY_TAGS = 476;
const MANY_TAGS_ARTICLES = 2900;

/**
 * make-corpus's vocabulary has 200 tags; a site with many tags gets each article one more, from a
 * long tail of `topic N` tags, as many as bring the site to MANY_TAGS (checked by publishing it).
 */
async function manyTagsCorpus(): Promise<string> {
  const dir = join(work, `tags${MANY_TAGS}`);
  if (existsSync(join(dir, '.done'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  execFileSync(process.execPath, [
    generator,
    '--articles',
    String(MANY_TAGS_ARTICLES),
    '--out',
    dir,
    '--quiet',
  ]);
  const config = parseConfig({});
  const count = async () => {
    const publisher = new Publisher({
      source: new ContentScanner(dir, config),
      config,
      log: () => {},
    });
    await publisher.run();
    return publisher.catalog.terms.tags?.size ?? 0;
  };
  const extra = MANY_TAGS - (await count());
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  files.forEach((file, i) => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('\ntags:\n', `\ntags:\n  - "topic ${i % extra}"\n`));
  });
  const tags = await count();
  if (tags !== MANY_TAGS) throw new Error(`the many-tags corpus has ${tags} tags, not ${MANY_TAGS}`);
  writeFileSync(join(dir, '.done'), '');
  return dir;
}

async function manyTags() {
  console.error(`# a site with many tags: ${MANY_TAGS} tags, ${MANY_TAGS_ARTICLES} articles`);
  const dir = await manyTagsCorpus();
  const out = join(work, `out-tags${MANY_TAGS}`);
  rmSync(out, { recursive: true, force: true });
  measure(process.execPath, [
    bin,
    'build',
    '--content',
    dir,
    '--out',
    out,
    '--cache',
    join(work, 'state-tags'),
  ]);
  const tagFeeds = feedFiles(join(out, 'tags'), 'feed.xml').map((p) => `/tags${p}`);
  if (has('wrk')) {
    const fw = await serveSite(dir, WORKERS, ['--refresh', '* * * * * *']);
    let fwLoad: Load;
    try {
      await sleep(3000);
      const etags = await fetchAll(fw.base, tagFeeds);
      fwLoad = wrk(`${fw.base}/`, [], [...etags]);
    } finally {
      await fw.stop();
    }
    let nxLoad: Load | undefined;
    if (has('nginx')) {
      const nx = await nginxServing(out);
      try {
        nxLoad = wrk(`${nx.base}/`, [], [...(await fetchAll(nx.base, tagFeeds))]);
      } finally {
        await nx.stop();
      }
    }
    loadRow(`304s across all ${tagFeeds.length} tag feeds`, fwLoad, nxLoad, 'nginx');
  }
  await serverMemory(dir, out, `${MANY_TAGS} tags, ${MANY_TAGS_ARTICLES} articles`);
}

/** `serve` with nothing kept: from the command to the first feed answered, and its memory then. */
async function coldStart() {
  console.error('# serve cold start (no kept state)');
  for (const n of LARGE ? [10000, 50000] : QUICK ? [1000] : [10000]) {
    const dir = corpus(n);
    const times: number[] = [];
    const listening: number[] = [];
    let rss = Number.NaN;
    for (let i = 0; i < Math.min(RUNS, 2); i++) {
      const port = nextPort++;
      const cache = join(work, `cold-cache-${port}`);
      rmSync(cache, { recursive: true, force: true });
      const t0 = performance.now();
      const server = started(process.execPath, [
        bin,
        'serve',
        '--content',
        dir,
        '--port',
        String(port),
        '--cache',
        cache,
        '--refresh',
        'off',
      ]);
      try {
        await waitFor(`http://127.0.0.1:${port}/health`, () => true, 30_000);
        listening.push(performance.now() - t0);
        await waitFor(`http://127.0.0.1:${port}/feed.xml`, (s) => s === 200, 300_000);
        times.push((performance.now() - t0) / 1000);
        rss = treeRssMb(server.pid);
      } finally {
        await server.stop();
        rmSync(cache, { recursive: true, force: true });
      }
    }
    row(
      `serve cold start ${n}`,
      `${fmt(median(times), 2)} s to the first feed`,
      `listening after ${fmt(median(listening))} ms`,
      `${fmt(rss)} MB RSS then`,
    );
  }
}

/**
 * The Worker's own work, measured in Node on the same code (workerd freezes timers during a request,
 * so CPU cannot be read from inside it): starting an isolate (parse the heads, build the catalog) and
 * rendering one 20-item tag feed on a cache miss with its bodies already fetched.
 */
async function workerRows() {
  console.error('# Workers (10,000)');
  const n = QUICK ? 1000 : 10000;
  const dir = corpus(n);
  const out = join(work, `worker${n}`);
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [bin, 'build-worker', '--content', dir, '--out', out]);
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(out, f)).isFile(),
  );
  const largest = Math.max(...files.map((f) => statSync(join(out, f)).size));
  const script = existsSync(join(root, 'dist/worker/worker.js'))
    ? gzipSync(readFileSync(join(root, 'dist/worker/worker.js'))).length
    : Number.NaN;
  row(
    `Worker assets ${n}`,
    `${files.length} files`,
    `largest ${fmt(largest / 2 ** 20, 1)} MiB`,
    `script ${fmt(script / 1024)} KiB gzipped`,
    'limits: 20,000 files, 25 MiB, 3 MiB',
  );
  // The Worker's own code, with ASSETS read from the built folder.
  const assets = {
    fetch: async (request: Request) => new Response(readFileSync(join(out, new URL(request.url).pathname))),
  };
  const starts: number[] = [];
  const firstFeed: number[] = [];
  const misses: Record<string, number[]> = Object.fromEntries(FORMATS.map((f) => [f.label, []]));
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    const snapshot = JSON.parse(readFileSync(join(out, SNAPSHOT_FILE), 'utf8')) as WorkerSnapshot;
    const edge = new EdgePublication(
      assets,
      snapshot,
      parseConfig(snapshot.config),
      JSON.parse(readFileSync(join(out, snapshot.indexes[0]?.file ?? ''), 'utf8')),
    );
    await edge.ready(Date.now());
    const catalog = edge.catalogAt(Date.now());
    const used = process.cpuUsage(before);
    starts.push((used.user + used.system) / 1000);
    const tags = [...(catalog.terms.tags?.values() ?? [])].filter((t) => t.count >= 20).slice(0, 20);
    for (const [f, format] of FORMATS.entries()) {
      for (const tag of tags) {
        const t0 = process.cpuUsage();
        await edge.cache.feed(catalog, { kind: 'tags', slug: tag.slug }, format);
        const u = process.cpuUsage(t0);
        // The first format of a tag also fetches its heads and bodies; the others find them loaded.
        (f === 0 ? firstFeed : (misses[format.label] as number[])).push((u.user + u.system) / 1000);
      }
    }
  }
  row(`Worker isolate start ${n}`, `${fmt(median(starts), 2)} ms CPU`, 'snapshot + build-time catalog index');
  row(
    'Worker first feed of a tag',
    `${fmt(median(firstFeed), 2)} ms CPU`,
    'fetch its heads and 20 bodies, render RSS',
    'Free plan limit 10 ms',
  );
  for (const format of FORMATS.slice(1))
    row(
      `Worker cache miss ${format.label}`,
      `${fmt(median(misses[format.label] ?? []), 2)} ms CPU`,
      'Free plan limit 10 ms',
    );
  if (n === 10000 || QUICK) {
    record('isolate', median(starts), `${fmt(median(starts), 2)} ms CPU`);
    record('firstFeed', median(firstFeed), `${fmt(median(firstFeed), 2)} ms CPU`);
    const worst = Math.max(...FORMATS.slice(1).map((format) => median(misses[format.label] ?? [])));
    record('miss', worst, `${fmt(worst, 2)} ms CPU`);
  }
  if (LARGE) {
    // The file count of a 50,000-article site with the defaults (Free plan: 20,000).
    const large = join(work, 'worker50000');
    rmSync(large, { recursive: true, force: true });
    execFileSync(process.execPath, [bin, 'build-worker', '--content', corpus(50000), '--out', large]);
    const names = readdirSync(large, { recursive: true, encoding: 'utf8' }).filter((f) =>
      statSync(join(large, f)).isFile(),
    );
    const biggest = Math.max(...names.map((f) => statSync(join(large, f)).size));
    row('Worker assets 50000', `${names.length} files`, `largest ${fmt(biggest / 2 ** 20, 1)} MiB`);
    record('assets', names.length, `${names.length} files, largest ${fmt(biggest / 2 ** 20, 1)} MiB`);
  }
}

mkdirSync(work, { recursive: true });
console.error(
  `feedwright bench — ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, runs ${RUNS}`,
);
if (section('builds')) await builds();
if (section('typical')) await typical();
if (section('incremental')) await incremental();
if (section('cachemiss')) await cacheMiss();
if (section('worker')) await workerRows();
if (section('serving')) await serving();
if (section('manytags')) await manyTags();
if (section('coldstart')) await coldStart();
const reliability = { work, bin, row, corpus, has };
if (section('tags')) await oneArticleManyTags(reliability);
if (section('bigarticle')) await bigArticle(reliability);
if (section('load')) await loadUnderEdits(reliability);
const header = `| measure | result | | | | ratio |\n|---|---|---|---|---|---|`;
const table = `${header}\n${rows.map((r) => `| ${[...r, '', '', '', '', ''].slice(0, 6).join(' | ')} |`).join('\n')}`;
const targets = `| target (issue 20) | measured | target | met |\n|---|---|---|---|\n${TARGETS.map((t) => {
  const m = measured.get(t.key);
  return `| ${t.label} | ${m?.text ?? 'not measured in this run'} | ${t.target} | ${m ? (t.met(m.value) ? 'yes' : 'no') : ''} |`;
}).join('\n')}`;
const summary = `${new Date().toISOString().slice(0, 10)} — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, medians of ${RUNS}\n\n${table}\n\n${targets}\n`;
console.log(summary);
if (args.includes('--write')) appendFileSync(join(root, 'bench/last-run.md'), summary);
