/**
 * Reliability under hostile content and load (issue 11), for `npm run bench`: memory with one article
 * of thousands of tags, serving while a 50 MB article is regenerated, and `serve --workers 2` under
 * edits and wrk. Only 127.0.0.1; every loop is bounded.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface BenchContext {
  readonly work: string;
  readonly bin: string;
  readonly row: (...cells: (string | number)[]) => void;
  readonly corpus: (n: number) => string;
  readonly has: (command: string) => boolean;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** Peak and current resident memory of a process, in MB (from /proc). */
function memory(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** One GET on a connection of its own; resolves with the status, body and milliseconds taken. */
function fresh(
  url: string,
  timeoutMs = 120_000,
): Promise<{ status: number; body: string; ms: number; etag: string; bytes: Buffer }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          body: bytes.toString('utf8'),
          bytes,
          etag: String(response.headers.etag ?? ''),
          ms: performance.now() - started,
        });
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () =>
      resolve({ status: 0, body: '', bytes: Buffer.alloc(0), etag: '', ms: performance.now() - started }),
    );
  });
}

/** The strong ETag feedwright gives `bytes`: the first 16 bytes of their SHA-256, base64url. */
const etagOf = (bytes: Buffer) =>
  `"${createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url')}"`;

async function until(condition: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function serve(ctx: BenchContext, content: string, port: number, extra: string[]): ChildProcess {
  const cache = join(ctx.work, `cache-${port}`);
  rmSync(cache, { recursive: true, force: true });
  return spawn(
    process.execPath,
    [ctx.bin, 'serve', '--content', content, '--port', String(port), '--cache', cache, ...extra],
    { stdio: 'ignore', cwd: ctx.work },
  );
}

async function stop(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  server.kill('SIGKILL');
}

const post = (title: string, date: string, tags: readonly string[], body: string) =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ntags: ${JSON.stringify(tags)}\n---\n${body}\n`;

/** Twenty ordinary articles and one with `tags` tags: every tag feed holds that one. */
function manyTagsSite(ctx: BenchContext, tags: number): string {
  const dir = join(ctx.work, `tags-${tags}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 20; i++)
    writeFileSync(
      join(dir, `p${i}.md`),
      post(`Post ${i}`, `2025-01-${String(i + 1).padStart(2, '0')}`, [`t${i % 5}`], 'Text. '.repeat(200)),
    );
  const names = Array.from({ length: tags }, (_, i) => `tag number ${i}`);
  writeFileSync(
    join(dir, 'tagged.md'),
    post('Tagged', '2025-02-01', names, 'A short article with very many tags. '.repeat(20)),
  );
  return dir;
}

/** Memory of `serve` (and of `serve --workers 2`) with one article of 1,000, 2,000 and 5,000 tags. */
export async function manyTags(ctx: BenchContext) {
  console.error('# one article with thousands of tags: serve memory');
  for (const [i, tags] of [1000, 2000, 5000].entries()) {
    const dir = manyTagsSite(ctx, tags);
    for (const workers of [1, 2]) {
      const port = 18900 + i * 2 + workers;
      const server = serve(ctx, dir, port, ['--refresh', 'off', '--workers', String(workers)]);
      const started = performance.now();
      const ready = await until(
        async () => (await fresh(`http://127.0.0.1:${port}/health`, 5_000)).status === 200,
        300_000,
      );
      const seconds = (performance.now() - started) / 1000;
      const pids = [server.pid ?? -1, ...childrenOf(server.pid ?? -1)];
      const peak = ready ? pids.reduce((sum, pid) => sum + memory(pid).peak, 0) : Number.NaN;
      ctx.row(
        `${tags} tags on one article, serve${workers > 1 ? ` --workers ${workers}` : ''}`,
        ready ? `ready in ${fmt(seconds, 1)} s` : 'never ready (5 min)',
        `peak RSS ${fmt(peak)} MB${workers > 1 ? ` (${pids.length} processes)` : ''}`,
        '',
        '',
        'issue: 1,000 tags 600 MB, 2,000 2 GB, 5,000 out of heap',
      );
      await stop(server);
    }
  }
}

/**
 * A 50 MB article, edited while serving: the longest a request waits during its regeneration, with
 * bodies rendered on a thread (the default) and on the serving thread (`--render-threads 0`).
 */
export async function bigArticle(ctx: BenchContext) {
  console.error('# a 50 MB article: requests during its regeneration');
  const dir = join(ctx.work, 'big-article');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 20; i++)
    writeFileSync(
      join(dir, `p${i}.md`),
      post(`Post ${i}`, `2025-01-${String(i + 1).padStart(2, '0')}`, ['t'], 'Text. '.repeat(200)),
    );
  const paragraph = `${'A sentence with *emphasis*, a [link](/x/) and <b>markup</b>. '.repeat(20)}\n\n`;
  const big = join(dir, 'big.md');
  writeFileSync(big, post('Big', '2025-03-01', ['t'], paragraph.repeat(Math.ceil(50e6 / paragraph.length))));
  const EDITS = 5;
  for (const threads of [1, 0]) {
    const port = 18950 + threads;
    const server = serve(ctx, dir, port, [
      '--refresh',
      'off',
      '--watch',
      '--render-threads',
      String(threads),
    ]);
    const started = performance.now();
    await until(async () => (await fresh(`http://127.0.0.1:${port}/health`, 5_000)).status === 200, 300_000);
    const startSeconds = (performance.now() - started) / 1000;
    // Edits that change what is read (the beginning); requests back to back until each is served.
    const waits: number[] = [];
    let original = readFileSync(big, 'utf8');
    for (let edit = 1; edit <= EDITS; edit++) {
      const title = `Big, edit ${threads}-${edit}`;
      const text = original.replace(/title: "[^"]*"/, `title: "${title}"`);
      writeFileSync(big, text);
      original = text;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const answer = await fresh(`http://127.0.0.1:${port}/feed.json`);
        waits.push(answer.ms);
        if (answer.body.includes(title)) break;
      }
    }
    waits.sort((a, b) => a - b);
    const peak = memory(server.pid ?? -1).peak;
    ctx.row(
      `50 MB article edited ${EDITS} times, serve --render-threads ${threads}`,
      `longest request ${fmt(waits.at(-1) ?? Number.NaN)} ms, p99 ${fmt(waits[Math.floor(waits.length * 0.99)] ?? Number.NaN)} ms, median ${fmt(waits[waits.length >> 1] ?? Number.NaN, 1)} ms (${waits.length} requests)`,
      `start ${fmt(startSeconds, 1)} s`,
      `peak RSS ${fmt(peak)} MB`,
      '',
      'issue: a request waited 51 s, peak 2.5 GB',
    );
    await stop(server);
  }
}

const VERSIONS_LUA = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0; seen = 0 end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
  if string.match(body, '"title":"Edit (%d+)"') then seen = seen + 1 end
end
function done(summary, latency, requests)
  local n, s = 0, 0
  for _, t in ipairs(threads) do n = n + t:get("non200"); s = s + t:get("seen") end
  io.write(string.format("FEEDWRIGHT non200=%d withversion=%d\\n", n, s))
end
`;

/**
 * `serve --workers 2` on 1,000 articles, one of them edited every 300 ms, under wrk for 30 s: errors,
 * throughput and p99 from wrk; versions from a client that fetches on a fresh connection after each
 * answer (each connection may reach either worker) and counts answers older than one it has seen.
 */
export async function loadUnderEdits(ctx: BenchContext) {
  console.error('# serve --workers 2 under wrk for 30 s, an article edited every 300 ms');
  if (!ctx.has('wrk')) {
    ctx.row('load under edits', 'wrk not installed');
    return;
  }
  const dir = join(ctx.work, 'load-under-edits');
  rmSync(dir, { recursive: true, force: true });
  cpSync(ctx.corpus(1000), dir, { recursive: true });
  const edited = join(dir, 'zz-edited.md');
  // Newer than every article of the corpus, so it heads the site feed, and not in the future.
  const date = new Date(Date.now() - 60_000).toISOString();
  const edit = (n: number) => writeFileSync(edited, post(`Edit ${n}`, date, ['bench'], `Version ${n}.`));
  edit(0);
  const port = 18960;
  const server = serve(ctx, dir, port, ['--workers', '2', '--watch', '--refresh', '* * * * * *']);
  const url = `http://127.0.0.1:${port}/feed.json`;
  try {
    if (!(await until(async () => (await fresh(url, 5_000)).body.includes('"Edit 0"'), 120_000)))
      throw new Error('serve never answered');
    let n = 0;
    const editing = setInterval(() => edit(++n), 300);
    // The causal client: each request sent after the answer to the one before.
    let stopped = false;
    let fetches = 0;
    let backwards = 0;
    let highest = -1;
    let failed = 0;
    let torn = 0;
    let wrongEtags = 0;
    const versions = new Set<number>();
    const checker = (async () => {
      while (!stopped) {
        const answer = await fresh(url, 10_000);
        fetches++;
        if (answer.status === 200) {
          // A body cut or mixed is no JSON; every ETag must be the one of the bytes it came with.
          try {
            JSON.parse(answer.body);
          } catch {
            torn++;
          }
          if (answer.etag !== etagOf(answer.bytes)) wrongEtags++;
        }
        const version = Number(/"title":"Edit (\d+)"/.exec(answer.body)?.[1] ?? Number.NaN);
        if (answer.status !== 200 || Number.isNaN(version)) failed++;
        else if (version < highest) backwards++;
        else highest = version;
        if (!Number.isNaN(version)) versions.add(version);
      }
    })();
    const script = join(ctx.work, 'versions.lua');
    writeFileSync(script, VERSIONS_LUA);
    // Not execFileSync: the edits and the checker run on this event loop meanwhile.
    const { stdout: out } = await run('wrk', ['-t2', '-c64', '-d30s', '--latency', '-s', script, url], {
      encoding: 'utf8',
    });
    console.error(out);
    clearInterval(editing);
    stopped = true;
    await checker;
    const ms = (label: string) => {
      const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
      return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : Number.NaN;
    };
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errors =
      (socketErrors ? socketErrors.slice(1).reduce((sum, x) => sum + Number(x), 0) : 0) +
      Number(/non200=(\d+)/.exec(out)?.[1] ?? 0) +
      failed;
    const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
    ctx.row(
      'serve --workers 2, edits every 300 ms, wrk 30 s',
      `${fmt(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]))} req/s, ${requests} requests, ${errors} errors`,
      `p50 ${fmt(ms('50'), 2)} ms, p99 ${fmt(ms('99'), 2)} ms`,
      `${n} edits, ${versions.size} versions seen`,
      `${backwards} backwards, ${torn} torn bodies, ${wrongEtags} ETags not the body's, in ${fetches} fresh-connection fetches`,
      'issue: 97 backwards in 937 fetches',
    );
  } finally {
    await stop(server);
  }
}
