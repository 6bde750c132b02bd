// feedwright on Bun and Deno, with the real binaries (npm's `bun` and `deno` packages ship them), from
// the packed tarball installed into a site: createFeedApp served by Bun.serve and Deno.serve answers
// 200, then 304 to its ETag, and a tag feed, with the bytes and ETags Node's server gives; the CLI's
// `build` writes there exactly the files Node's writes, and its `serve` answers 200 then 304.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProject, packedTarball, run } from './packed.ts';

const BUN = 'bun@1.4.5';
const DENO = 'deno@2.9.6';

const work = mkdtempSync(join(tmpdir(), 'feedwright-runtimes-'));
const project = join(work, 'site');
const SITE = 'https://feedwright.dev/';

/** How each runtime runs a JavaScript file of the project. */
const RUNTIMES = {
  node: (file: string) => [process.execPath, file],
  bun: (file: string) => [join(project, 'node_modules/.bin/bun'), file],
  deno: (file: string) => [join(project, 'node_modules/.bin/deno'), 'run', '--allow-all', file],
} as const;
type Runtime = keyof typeof RUNTIMES;

/** The app mounted in each runtime's own server, on a port of its choosing. */
const SERVER = `import { createFeedApp } from 'feedwright/hono';

const app = await createFeedApp({ content: 'content', siteUrl: '${SITE}', title: 'Runtimes', refresh: 'off', log: () => {} });
const ready = (port) => console.log(\`listening on http://127.0.0.1:\${port}/\`);
if (globalThis.Bun) {
  ready(Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch }).port);
} else if (globalThis.Deno) {
  Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => ready(port) }, app.fetch);
} else {
  const { serve } = await import('@hono/node-server');
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => ready(info.port));
}
`;

const POSTS: Record<string, string> = {
  'posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-02\ntags: [Go, Rust]\n---\nHello **world**.\n',
  'posts/second.md':
    '+++\ntitle = "Second"\ndate = 2025-01-03T10:00:00+08:00\ntags = ["go"]\ncategories = ["Notes"]\n+++\nSecond, with ![a](a.png).\n',
  'posts/third.md': '---\ntitle: Third — ünïcode\ndate: 2025-01-04\ntags: [开源]\n---\nThird.\n',
};

const PATHS = [
  'feed.xml',
  'atom.xml',
  'feed.json',
  'tags/go/feed.xml',
  'tags/%E5%BC%80%E6%BA%90/atom.xml',
  'feeds.opml',
];

const children = new Set<ChildProcess>();

/** Starts `args` in the project and waits for the URL it says it listens on. */
async function start(args: readonly string[]): Promise<{ base: string; stop: () => Promise<void> }> {
  const [command = '', ...rest] = args;
  const child = spawn(command, rest, {
    cwd: project,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DO_NOT_TRACK: '1' },
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    children.delete(child);
  };
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} did not listen within 60 s:\n${output}`)),
      60_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { base, stop };
}

interface Answer {
  readonly status: number;
  readonly etag: string | null;
  readonly type: string | null;
  readonly body: Buffer;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** What a server answers for every path, and 304 to each ETag. */
async function answers(base: string): Promise<Map<string, Answer>> {
  const out = new Map<string, Answer>();
  for (const path of PATHS) {
    const answer = await get(base + path);
    expect(answer.status, path).toBe(200);
    expect(answer.etag, path).toMatch(/^"[\w-]+"$/);
    const again = await get(base + path, { 'If-None-Match': answer.etag ?? '' });
    expect(again.status, `${path} again`).toBe(304);
    expect(again.body.length, `${path} again`).toBe(0);
    out.set(path, answer);
  }
  return out;
}

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(relative(dir, path), readFileSync(path));
  }
  return out;
}

let node: Map<string, Answer>;

beforeAll(async () => {
  const tarball = await packedTarball();
  installProject(project, [BUN, DENO, tarball]);
  for (const [path, text] of Object.entries(POSTS)) {
    mkdirSync(dirname(join(project, 'content', path)), { recursive: true });
    writeFileSync(join(project, 'content', path), text);
  }
  writeFileSync(join(project, 'server.mjs'), SERVER);
  writeFileSync(
    join(project, 'feedwright.json'),
    JSON.stringify({ title: 'Runtimes', siteUrl: SITE, content: 'content' }),
  );
  const server = await start(RUNTIMES.node('server.mjs'));
  try {
    node = await answers(server.base);
  } finally {
    await server.stop();
  }
}, 600_000);

afterAll(async () => {
  // A test that failed half-way may have left a server: none outlives the file.
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  rmSync(work, { recursive: true, force: true });
});

describe.each(['bun', 'deno'] as const)('on %s', (runtime: Runtime) => {
  it('createFeedApp answers 200, then 304 to its ETag, and a tag feed, with the bytes Node gives', async () => {
    const server = await start(RUNTIMES[runtime]('server.mjs'));
    try {
      const served = await answers(server.base);
      for (const path of PATHS) {
        const theirs = served.get(path);
        const ours = node.get(path);
        expect(theirs?.type, path).toBe(ours?.type);
        expect(theirs?.etag, path).toBe(ours?.etag);
        expect(theirs?.body.equals(ours?.body ?? Buffer.alloc(0)), path).toBe(true);
      }
      expect(served.get('tags/go/feed.xml')?.body.toString()).toContain('<title>Second</title>');
      // Compressed as clients ask, decoding to the same bytes.
      const gzip = await fetch(`${server.base}feed.xml`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(
        Buffer.from(await gzip.arrayBuffer()).equals(node.get('feed.xml')?.body ?? Buffer.alloc(0)),
      ).toBe(true);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('the CLI builds the files Node builds, and serves 200 then 304', async () => {
    const cli = join(project, 'node_modules/feedwright/bin/feedwright.mjs');
    const flags = ['--config', 'feedwright.json'];
    const build = (who: Runtime) => {
      const [command = '', ...args] = RUNTIMES[who](cli);
      run(command, [...args, 'build', ...flags, '--out', `out-${who}`, '--cache', `.cache-${who}`], project);
      return files(join(project, `out-${who}`));
    };
    const theirs = build(runtime);
    const ours = build('node');
    expect([...theirs.keys()].sort()).toEqual([...ours.keys()].sort());
    expect([...theirs.keys()]).toContain('tags/开源/feed.xml');
    for (const [path, bytes] of ours) expect(theirs.get(path)?.equals(bytes), path).toBe(true);

    const server = await start([
      ...RUNTIMES[runtime](cli),
      'serve',
      ...flags,
      '--port',
      '0',
      '--refresh',
      'off',
    ]);
    try {
      const first = await get(`${server.base}feed.xml`);
      expect(first.status).toBe(200);
      expect(first.body.equals(ours.get('feed.xml') ?? Buffer.alloc(0))).toBe(true);
      expect((await get(`${server.base}feed.xml`, { 'If-None-Match': first.etag ?? '' })).status).toBe(304);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
