// `serve --workers 2` as a service manager runs it: real processes, real signals, real HTTP on
// 127.0.0.1. Workers that die are replaced; when none can be kept alive the primary stops with
// code 1; and under edits no client ever sees a version older than one it has already seen.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin/feedwright.mjs');
let dir: string;
let server: ChildProcess | undefined;

afterEach(() => {
  server?.kill('SIGKILL');
  for (const pid of children(server?.pid ?? -1)) kill(pid);
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Kills `pid` if it still runs (one found a moment ago may have exited since). */
function kill(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}

/** The processes whose parent is `pid` (from /proc: no ps needed). */
function children(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // The parent pid is the 4th field, after the command name in parentheses.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const post = (n: number) =>
  `---\ntitle: Edit ${n}\ndate: 2025-01-10\ntags: [cluster]\n---\nVersion ${n} of the edited article.\n`;

/**
 * `serve --workers 2` over six articles; `ids`, when given, is written as the ids file first, and
 * `config` as the config file.
 */
async function start(
  ids?: object,
  config?: object,
): Promise<{ base: string; exited: Promise<number | null>; output: () => string }> {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-cluster-'));
  mkdirSync(join(dir, 'content'));
  if (ids) writeFileSync(join(dir, 'ids.json'), JSON.stringify(ids));
  writeFileSync(join(dir, 'content/edited.md'), post(0));
  for (let i = 1; i <= 5; i++)
    writeFileSync(join(dir, `content/p${i}.md`), `---\ntitle: P${i}\ndate: 2025-01-0${i}\n---\nText.\n`);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = ['serve', '--content', 'content', '--port', String(port), '--workers', '2'];
  if (ids) args.push('--ids', 'ids.json');
  if (config) {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    args.push('--config', 'config.json');
  }
  server = spawn(process.execPath, [bin, ...args, '--refresh', '* * * * * *', '--cache', 'cache'], {
    cwd: dir,
  });
  let output = '';
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => server?.once('exit', resolve));
  await until(
    () => /serving 6 articles/.test(output),
    () => output,
  );
  return { base: `http://127.0.0.1:${port}/`, exited, output: () => output };
}

async function until(condition: () => boolean | Promise<boolean>, what: () => string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GET on a connection of its own (no keep-alive): the primary hands each to a worker in turn. */
function fresh(url: string): Promise<{ status: number; body: string; location?: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 3_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, location: response.headers.location }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url}`)));
    request.on('error', reject);
  });
}

const answers = async (base: string) =>
  (await fresh(`${base}feed.json`).catch(() => ({ status: 0 }))).status === 200;

describe('serve --workers 2', () => {
  it('replaces a worker that is killed, and keeps serving', async () => {
    const { base, output } = await start();
    const primary = server?.pid ?? -1;
    const first = children(primary);
    expect(first).toHaveLength(2);
    const [victim] = first;
    kill(victim ?? -1);
    await until(() => children(primary).length === 2 && !children(primary).includes(victim ?? -1), output);
    // The new worker is in the rotation: every connection is answered, whichever worker takes it.
    for (let i = 0; i < 6; i++) expect((await fresh(`${base}feed.json`)).status).toBe(200);
    expect(output()).toMatch(/worker \d+ stopped \(signal SIGKILL\); starting another/);
  }, 40_000);

  it('comes back after every worker was killed at once', async () => {
    const { base, output } = await start();
    const primary = server?.pid ?? -1;
    for (const pid of children(primary)) kill(pid);
    await until(() => answers(base), output);
    expect(children(primary)).toHaveLength(2);
  }, 40_000);

  it('stops with code 1 when no worker can be kept alive', async () => {
    const { exited, output } = await start();
    const primary = server?.pid ?? -1;
    let code: number | null | undefined;
    void exited.then((c) => {
      code = c;
    });
    // Every worker is killed as soon as it appears: a crash loop.
    await until(
      () => {
        for (const pid of children(primary)) kill(pid);
        return code !== undefined;
      },
      output,
      30_000,
    );
    expect(code).toBe(1);
    expect(output()).toMatch(/worker processes keep stopping \(last: signal SIGKILL\): giving up/);
  }, 40_000);

  it('never shows a client a version older than one it has seen, while the content is edited', async () => {
    const { base } = await start();
    let n = 0;
    const editing = setInterval(() => writeFileSync(join(dir, 'content/edited.md'), post(++n)), 200);
    const seen: number[] = [];
    try {
      const until = Date.now() + 4_500;
      while (Date.now() < until) {
        const { status, body } = await fresh(`${base}feed.json`);
        expect(status).toBe(200);
        const version = /"title":"Edit (\d+)"/.exec(body)?.[1];
        if (version !== undefined) seen.push(Number(version));
      }
    } finally {
      clearInterval(editing);
    }
    const backwards = seen.filter((v, i) => i > 0 && v < (seen[i - 1] ?? 0));
    expect(backwards).toEqual([]);
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
  }, 40_000);
});

describe('serve --workers 2 with an ids file', () => {
  it('every worker answers 301 at the URL a feed moved from', async () => {
    // The site's RSS feed was recorded at /rss.xml; it is at /feed.xml now. (Ids are recorded for a
    // site's public address only, never this machine's.)
    const site = 'https://cluster.feedwright.dev/';
    const { base } = await start(
      { version: 1, articles: {}, feeds: { 'site|rss': `${site}rss.xml` } },
      { siteUrl: site },
    );
    const recorded = JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8')) as { moved: object };
    expect(recorded.moved).toEqual({ [`${site}rss.xml`]: 'site|rss' });
    // Fresh connections: the primary hands them to both workers in turn.
    for (let i = 0; i < 6; i++) {
      const answer = await fresh(`${base}rss.xml`);
      expect([answer.status, answer.location]).toEqual([301, `${site}feed.xml`]);
    }
    expect((await fresh(`${base}feed.xml`)).status).toBe(200);
  });
});

describe('serve --workers 2 and feed history', () => {
  it('every worker answers an archive page with its articles, rendered by the primary', async () => {
    // Six articles, two per feed: pages 1 and 2 are full (P1, P2; P3, P4), page 3 is the newest.
    const { base } = await start(undefined, { itemLimit: 2, history: 'full' });
    for (let i = 0; i < 6; i++) {
      const first = await fresh(`${base}archive/1/feed.json`);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body).items.map((item: { title: string }) => item.title)).toEqual(['P2', 'P1']);
      const second = await fresh(`${base}archive/2/feed.xml`);
      expect(second.body).toMatch(/<title>P4<\/title>[\s\S]*<title>P3<\/title>/);
    }
    expect((await fresh(`${base}archive/4/feed.json`)).status).toBe(404);
    // An edit to an archived article reaches its full page on every worker, not only on those
    // that had not kept it.
    writeFileSync(join(dir, 'content/p1.md'), '---\ntitle: P1 edited\ndate: 2025-01-01\n---\nText.\n');
    const titles = async () =>
      JSON.parse((await fresh(`${base}archive/1/feed.json`)).body).items.map(
        (item: { title: string }) => item.title,
      );
    await until(
      async () => (await titles()).includes('P1 edited'),
      () => 'the edit never showed',
    );
    for (let i = 0; i < 6; i++) expect(await titles()).toEqual(['P2', 'P1 edited']);
  }, 40_000);
});

describe('serve --workers 2 and WebSub', () => {
  it('tells a hub which feeds an edit changed, once every worker serves the new bytes', async () => {
    const pings: { topic: string; body: string }[] = [];
    let base = '';
    // As strict as Flask-WebSub: a ping without hub.topic is a 400. Like a hub, it fetches the
    // topic at once, on a new connection (any worker may answer).
    const hub = createServer((request, response) => {
      let form = '';
      request.on('data', (chunk) => {
        form += chunk;
      });
      request.on('end', () => {
        const params = new URLSearchParams(form);
        const topic = params.get('hub.topic');
        if (params.get('hub.mode') !== 'publish' || !topic) {
          response.writeHead(400).end('Missing form argument: hub.topic');
          return;
        }
        response.writeHead(204).end();
        const path = new URL(topic).pathname.slice(1);
        void fresh(new URL(path, base).href).then(({ body }) => pings.push({ topic, body }));
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
    try {
      const started = await start(undefined, { hubs: [hubUrl] });
      base = started.base;
      writeFileSync(join(dir, 'content/edited.md'), post(1));
      const pinged = (path: string) => pings.some((ping) => new URL(ping.topic).pathname === path);
      await until(
        () => pinged('/tags/cluster/feed.xml') && pinged('/feed.xml'),
        () => `${started.output()}\n${JSON.stringify(pings)}`,
      );
      // Every feed the hub heard of already held the edit when it fetched it, from either worker.
      for (const ping of pings) expect(ping.body, ping.topic).toContain('Edit 1');
      // The workers' /health reports the hub (the primary sends it with the next run's health).
      await until(
        async () => {
          const health = JSON.parse((await fresh(`${base}health`)).body) as {
            websub?: { hub: string; delivered: number }[];
          };
          return health.websub?.[0]?.hub === hubUrl && health.websub[0].delivered >= 2;
        },
        () => started.output(),
      );
    } finally {
      hub.close();
    }
  }, 40_000);
});
