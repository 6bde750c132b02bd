/**
 * npm run bench [-- --large] [--runs N] [--quick] [--bin PATH]
 *   [--only builds,incremental,cachemiss,worker,serving,tags,bigarticle,load]
 * Builds corpora with ../shared/bench/make-corpus.mjs and prints medians of: cold build, warm
 * restart, incremental regeneration, cache-miss rendering and serving under load, beside Hugo and
 * nginx (+ wrk) when they are installed; then reliability (bench/reliability.ts): memory with an
 * article of thousands of tags, requests during a 50 MB article's regeneration, `serve --workers 2`
 * under edits and wrk. Traffic goes only to 127.0.0.1; every loop is bounded.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
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
import { gzipSync } from 'node:zlib';
import { parseConfig } from '../src/config/site-config.ts';
import { ArticleLibrary } from '../src/content/library.ts';
import { FORMATS } from '../src/feeds/formats.ts';
import { FeedCache } from '../src/publish/feed-cache.ts';
import { Publisher } from '../src/publish/publisher.ts';
import { SNAPSHOT_FILE, type WorkerSnapshot } from '../src/publish/worker-snapshot.ts';
import { EdgePublication } from '../src/worker/edge-publication.ts';
import { bigArticle, loadUnderEdits, manyTags } from './reliability.ts';

const args = process.argv.slice(2);
const LARGE = args.includes('--large');
const QUICK = args.includes('--quick');
const RUNS = Number(args[args.indexOf('--runs') + 1]) || (QUICK ? 1 : 3);
/** `--only builds,serving`: run just these sections (builds, incremental, cachemiss, worker, serving). */
const ONLY = args.includes('--only')
  ? new Set((args[args.indexOf('--only') + 1] ?? '').split(','))
  : undefined;
const section = (name: string) => !ONLY || ONLY.has(name);
const root = resolve(import.meta.dirname, '..');
const work = join(root, 'bench/.corpora');
const generator = resolve(root, '../shared/bench/make-corpus.mjs');
/** `--bin PATH`: another build's bin/feedwright.mjs, to measure it the same way (before and after). */
const bin = args.includes('--bin')
  ? resolve(args[args.indexOf('--bin') + 1] ?? '')
  : join(root, 'bin/feedwright.mjs');
const SIZES = QUICK ? [1000] : LARGE ? [1000, 10000, 50000] : [1000, 10000];
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
    `baseURL = "https://example.org/"\ndisableKinds = ["section", "sitemap", "robotsTXT", "404"]\ntimeZone = "UTC"\nignoreErrors = ["error-disable-taxonomy"]\n[outputs]\nhome = ["RSS"]\nterm = ["RSS"]\ntaxonomy = []\npage = []\n[services.rss]\nlimit = 20\n[[cascade]]\n[cascade._build]\nrender = "never"\n[cascade._target]\nkind = "page"\n`,
  );
  return site;
}

async function builds() {
  console.error('# cold build, warm restart');
  const results: Record<number, { cold: Measured; warm: Measured; hugo?: Measured }> = {};
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
    results[n] = { cold: medianOf(cold), warm: medianOf(warm) };
    if (has('hugo')) {
      const site = hugoSite(dir, n);
      const hugo: Measured[] = [];
      for (let i = 0; i < RUNS; i++) {
        rmSync(join(site, 'public'), { recursive: true, force: true });
        hugo.push(measure('hugo', ['--quiet', '-s', site, '-d', join(site, 'public')]));
      }
      results[n].hugo = medianOf(hugo);
    }
    const r = results[n];
    row(
      `cold build ${n}`,
      `${fmt(r.cold.wall, 2)} s`,
      `${fmt(r.cold.cpu, 2)} s CPU`,
      `${fmt(r.cold.rssMb)} MB`,
      r.hugo ? `Hugo ${fmt(r.hugo.wall, 2)} s, ${fmt(r.hugo.rssMb)} MB` : 'Hugo not installed',
      r.hugo ? `feedwright/Hugo ${fmt(r.cold.wall / r.hugo.wall, 2)}` : '',
    );
    row(
      `warm restart ${n}`,
      `${fmt(r.warm.wall, 2)} s`,
      `${fmt(r.warm.cpu, 2)} s CPU`,
      `${fmt(r.warm.rssMb)} MB`,
      '',
      r.hugo ? `feedwright/Hugo ${fmt(r.warm.wall / r.hugo.wall, 2)}` : '',
    );
  }
}

async function incremental() {
  console.error('# incremental regeneration (10,000)');
  const dir = corpus(QUICK ? 1000 : 10000);
  const config = parseConfig({});
  const cache = new FeedCache(config);
  const publisher = new Publisher({ source: new ArticleLibrary(dir, config), config, cache, log: () => {} });
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
  row('regeneration, nothing changed', `${fmt(median(nothing), 1)} ms`);
  row('regeneration after one edit', `${fmt(median(edit), 1)} ms`);
  row('regeneration after one added', `${fmt(median(add), 1)} ms`);
}

async function cacheMiss() {
  console.error('# cache miss: one 20-item tag feed from the in-memory catalog');
  const dir = corpus(QUICK ? 1000 : 10000);
  const config = parseConfig({});
  const warm = new FeedCache(config);
  const publisher = new Publisher({
    source: new ArticleLibrary(dir, config),
    config,
    cache: warm,
    log: () => {},
  });
  await publisher.run();
  const catalog = publisher.catalog;
  const tags = [...(catalog.terms.tags?.values() ?? [])].filter((t) => t.articles.length >= 20).slice(0, 50);
  for (const format of FORMATS) {
    const cpu: number[] = [];
    for (const tag of tags) {
      const cache = new FeedCache(config); // nothing rendered yet: every item too
      const before = process.cpuUsage();
      await cache.feed(catalog, { kind: 'tags', slug: tag.slug }, format);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
    row(`cache miss ${format.label}`, `${fmt(median(cpu) * 1000)} µs CPU`, `${tags.length} tags`);
  }
}

function wrk(url: string, headers: string[] = []): { rps: number; p50: number; p99: number } {
  const out = execFileSync(
    'wrk',
    ['-t2', '-c64', '-d5s', '--latency', ...headers.flatMap((h) => ['-H', h]), url],
    { encoding: 'utf8' },
  );
  const ms = (label: string) => {
    const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return Number.NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50: ms('50'), p99: ms('99') };
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

async function serving() {
  console.error(
    `# serving (wrk, 64 connections, 5 s, while regenerating every second; ${cpus().length} worker processes)`,
  );
  if (!has('wrk')) {
    row('serving', 'wrk not installed');
    return;
  }
  const n = QUICK ? 1000 : 10000;
  const dir = corpus(n);
  const out = join(work, `out${n}`);
  if (!existsSync(join(out, 'feed.xml')))
    measure(process.execPath, [bin, 'build', '--content', dir, '--out', out]);
  // The RSS feed closest to 100 KB.
  const feeds = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('feed.xml'));
  const pick = feeds.sort(
    (a, b) =>
      Math.abs(statSync(join(out, a)).size - 100_000) - Math.abs(statSync(join(out, b)).size - 100_000),
  )[0] as string;
  const size = statSync(join(out, pick)).size;
  const path = pick.split('/').map(encodeURIComponent).join('/');
  const port = 18787;
  const server: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--content', dir, '--port', String(port), '--refresh', '* * * * * *'],
    { stdio: 'ignore' },
  );
  const results: Record<string, ReturnType<typeof wrk>> = {};
  try {
    await waitFor(`http://127.0.0.1:${port}/health`);
    // Every worker process runs its own first regeneration: let them all finish before measuring.
    await new Promise((r) => setTimeout(r, 5000));
    const url = `http://127.0.0.1:${port}/${path}`;
    const etag = (await fetch(url)).headers.get('etag') as string;
    results.fw200 = wrk(url);
    results.fw304 = wrk(url, [`If-None-Match: ${etag}`]);
  } finally {
    server.kill();
  }
  if (has('nginx')) {
    const conf = join(work, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes auto; daemon off; pid ${work}/nginx.pid; error_log ${work}/nginx-error.log;\nevents { worker_connections 1024; }\nhttp { access_log off; types { application/rss+xml xml; } default_type application/octet-stream; sendfile on;\n  server { listen 127.0.0.1:${port + 1}; root ${out}; } }\n`,
    );
    const nginx = spawn('nginx', ['-c', conf, '-p', work], { stdio: 'ignore' });
    try {
      const url = `http://127.0.0.1:${port + 1}/${path}`;
      await waitFor(url);
      const etag = (await fetch(url)).headers.get('etag') as string;
      results.nx200 = wrk(url);
      results.nx304 = wrk(url, [`If-None-Match: ${etag}`]);
    } finally {
      nginx.kill();
    }
  }
  const line = (label: string, fw: ReturnType<typeof wrk>, nx?: ReturnType<typeof wrk>) =>
    row(
      label,
      `${fmt(fw.rps)} req/s`,
      `p50 ${fmt(fw.p50, 2)} ms`,
      `p99 ${fmt(fw.p99, 2)} ms`,
      nx ? `nginx ${fmt(nx.rps)} req/s` : 'nginx not installed',
      nx ? `feedwright/nginx ${fmt(fw.rps / nx.rps, 2)}` : '',
    );
  line(`cached feed 200 (${fmt(size / 1024)} KB)`, results.fw200 as ReturnType<typeof wrk>, results.nx200);
  line('conditional 304', results.fw304 as ReturnType<typeof wrk>, results.nx304);
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
      `${fmt(median(misses[format.label] ?? []) * 1000)} µs CPU`,
      'Free plan limit 10 ms',
    );
}

mkdirSync(work, { recursive: true });
console.error(
  `feedwright bench — ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, runs ${RUNS}`,
);
if (section('builds')) await builds();
if (section('incremental')) await incremental();
if (section('cachemiss')) await cacheMiss();
if (section('worker')) await workerRows();
if (section('serving')) await serving();
const reliability = { work, bin, row, corpus, has };
if (section('tags')) await manyTags(reliability);
if (section('bigarticle')) await bigArticle(reliability);
if (section('load')) await loadUnderEdits(reliability);
const header = `| measure | result | | | | ratio |\n|---|---|---|---|---|---|`;
const table = `${header}\n${rows.map((r) => `| ${[...r, '', '', '', '', ''].slice(0, 6).join(' | ')} |`).join('\n')}`;
const summary = `${new Date().toISOString().slice(0, 10)} — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, medians of ${RUNS}\n\n${table}\n`;
console.log(summary);
if (args.includes('--write')) appendFileSync(join(root, 'bench/last-run.md'), summary);
