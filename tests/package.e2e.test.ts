// feedwright as a site owner gets it: `npm pack`, installed from the tarball into an empty project
// with its own Hugo-style content and a feedwright.config.ts that imports from 'feedwright'. The
// installed CLI, the Hono app, the types and the Worker all work there, and give the bytes the
// repository's own CLI gives.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedTarball } from './packed.ts';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const work = mkdtempSync(join(tmpdir(), 'feedwright-package-'));
const project = join(work, 'my-site');
let tarball = '';

function run(command: string, args: string[], cwd = project): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    timeout: 180_000,
  });
}

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(relative(dir, path), readFileSync(path));
  }
  return out;
}

function write(path: string, text: string) {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), text);
}

const SITE = 'https://feedwright.dev/';

beforeAll(async () => {
  tarball = await packedTarball();
  mkdirSync(project);
  write('package.json', JSON.stringify({ name: 'my-site', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
  // A small Hugo-style site: YAML and TOML front matter, a bundle, a term page, a draft.
  write(
    'content/posts/hello.md',
    '---\ntitle: Hello\ndate: 2025-01-02\ntags: [Go, rust]\n---\nHello **world**.\n',
  );
  write(
    'content/posts/second.md',
    '+++\ntitle = "Second"\ndate = 2025-01-03T10:00:00+08:00\ncategories = ["Notes"]\n+++\nSecond, with ![a](a.png).\n',
  );
  write(
    'content/posts/bundle/index.md',
    '---\ntitle: Bundle\ndate: 2025-01-04\ntags: [go]\n---\n![x](x.png)\n',
  );
  write('content/posts/draft.md', '---\ntitle: Draft\ndate: 2025-01-05\ndraft: true\n---\nNot yet.\n');
  write('content/tags/go/_index.md', '---\ntitle: The Go language\n---\n');
  write(
    'feedwright.config.ts',
    `import { defineConfig } from 'feedwright';\n\nexport default defineConfig({ title: 'My site', siteUrl: '${SITE}', out: 'public/feeds', refresh: 'off' });\n`,
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds what runs, and no tests, fixtures, bench or sources', () => {
    const listed = run('tar', ['tzf', tarball], work).split('\n').filter(Boolean);
    expect(listed).toContain('package/dist/cli.js');
    expect(listed).toContain('package/dist/types/index.d.ts');
    for (const entry of ['astro', 'eleventy']) {
      expect(listed).toContain(`package/dist/${entry}.js`);
      expect(listed).toContain(`package/dist/types/${entry}.d.ts`);
    }
    expect(listed).toContain('package/bin/feedwright.mjs');
    expect(listed.filter((f) => /^package\/(tests|bench|src|scripts|content)\//.test(f))).toEqual([]);
    expect(listed.filter((f) => /fixtures|\.test\.|worker-assets/.test(f))).toEqual([]);
  });

  it('holds every file its README names (links, and the repository files and documents it quotes)', () => {
    const listed = new Set(run('tar', ['tzf', tarball], work).split('\n').filter(Boolean));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#:\s]+)\)/g)].map((m) => m[1] ?? '');
    const quoted = [...readme.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1] ?? '')
      .filter((name) => /^(?:scripts|tests|bench)\/|^[A-Z][A-Z_-]*\.md$/.test(name));
    expect(links.length).toBeGreaterThan(0);
    for (const name of [...links, ...quoted]) expect(listed.has(`package/${name}`), name).toBe(true);
  });
});

describe('installed without its peer dependencies (a package manager that leaves them out)', () => {
  const bare = join(work, 'no-peers');

  it('builds, and serve says what to install', async () => {
    mkdirSync(join(bare, 'content/posts'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'no-peers', private: true }));
    writeFileSync(join(bare, 'content/posts/a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nA\n');
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--legacy-peer-deps', tarball],
      bare,
    );
    expect(existsSync(join(bare, 'node_modules/hono'))).toBe(false);
    const cli = join(bare, 'node_modules/feedwright/bin/feedwright.mjs');
    const built = run(process.execPath, [cli, 'build', '--out', 'out', '--site-url', SITE], bare);
    expect(built).toMatch(/1 articles: wrote \d+ files/);
    const serve = (() => {
      try {
        run(process.execPath, [cli, 'serve', '--site-url', SITE, '--port', '0'], bare);
        return '';
      } catch (error) {
        return String((error as { stderr?: string }).stderr);
      }
    })();
    expect(serve).toMatch(
      /^feedwright: serve needs (hono|@hono\/node-server), which is not installed: npm install hono @hono\/node-server/,
    );
  }, 120_000);
});

describe('installed into a site', () => {
  it('builds with the installed CLI exactly what the repository CLI builds', () => {
    run('npx', ['feedwright', 'build']);
    const repoOut = join(work, 'repo-out');
    run(process.execPath, [join(root, 'bin/feedwright.mjs'), 'build', '--out', repoOut]);
    const installed = files(join(project, 'public/feeds'));
    expect([...installed.keys()]).toContain('tags/go/atom.xml');
    expect(installed.get('tags/go/feed.xml')?.toString()).toContain(
      '<title>My site — Tag: The Go language</title>',
    );
    expect(installed.get('feed.xml')?.toString()).not.toContain('Draft');
    expect(installed).toEqual(files(repoOut));
  });

  it('serves with the installed CLI the bytes it built', async () => {
    // The installed bin itself, not `npx`: npx would stand between, and a signal to it would leave
    // the real server running.
    const installed = join(project, 'node_modules/feedwright/bin/feedwright.mjs');
    const server: ChildProcess = spawn(process.execPath, [installed, 'serve', '--port', '0'], {
      cwd: project,
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout?.on('data', (chunk) => {
          output += chunk;
          const match = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      for (const path of ['feed.xml', 'tags/go/atom.xml', 'categories/notes/feed.json', 'feeds.json']) {
        const served = Buffer.from(await (await fetch(base + path)).arrayBuffer());
        expect(served.equals(readFileSync(join(project, 'public/feeds', path))), path).toBe(true);
      }
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  });

  it("type-checks a file importing from 'feedwright' and 'feedwright/hono', and a mounted app answers 304", () => {
    write(
      'app.ts',
      `import { Hono } from 'hono';
import { defineConfig, publishContent, type UserConfig } from 'feedwright';
import { createFeedApp } from 'feedwright/hono';

const config: UserConfig = defineConfig({ title: 'My site', siteUrl: '${SITE}', refresh: 'off' });
const app = new Hono();
app.get('/hello', (c) => c.text('hi'));
app.route('/', await createFeedApp({ ...config, content: 'content', log: () => {} }));
const first = await app.request('/feed.xml');
const second = await app.request('/feed.xml', { headers: { 'If-None-Match': first.headers.get('etag') ?? '' } });
const publication = await publishContent({ ...config, content: 'content' });
// The published types are the settings' own, whatever the site's compiler options.
// @ts-expect-error itemLimit is a number
export const wrong = () => publishContent({ feeds: { itemLimit: 'ten' } });
const built = await publication.render('tags/go/atom.xml');
console.log(JSON.stringify({
  first: first.status,
  second: second.status,
  hello: (await app.request('/hello')).status,
  paths: publication.paths.length,
  atom: new TextDecoder().decode(built?.body),
}));
`,
    );
    // The helpers' entry points and their types, as a site's TypeScript sees them (compiled, not run).
    write(
      'frameworks.ts',
      `import { type Article, publishArticles } from 'feedwright';
import { type AstroEntry, astroFeeds } from 'feedwright/astro';
import feedwright, { type EleventyConfig } from 'feedwright/eleventy';

interface BlogEntry extends AstroEntry {
  readonly collection: 'blog';
  readonly data: { title: string; pubDate: Date; tags: string[] };
}
declare const getCollection: (name: 'blog') => Promise<BlogEntry[]>;
export const { getStaticPaths, GET } = astroFeeds({
  title: 'My site',
  entries: () => getCollection('blog'),
  page: (post) => \`/posts/\${post.id}/\`,
});
export const plugin = (config: EleventyConfig) => feedwright(config, { collection: 'posts', itemLimit: 10 });
const articles: Article[] = [{ title: 'A', path: '/a/', date: new Date(), tags: ['go'], markdown: '*a*' }];
export const published = publishArticles({ siteUrl: '${SITE}', articles });
// @ts-expect-error an article's tags are a list
export const wrongArticle = publishArticles({ siteUrl: '${SITE}', articles: [{ title: 'A', path: '/a/', date: 'x', tags: 'go' }] });
// @ts-expect-error the plugin's options are the settings'
export const wrongPlugin = (config: EleventyConfig) => feedwright(config, { itemLimit: 'ten' });
`,
    );
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
        },
        include: ['app.ts', 'frameworks.ts'],
      }),
    );
    expect(run(bin('tsc'), ['-p', '.'])).toBe('');
    const result = JSON.parse(run(bin('tsx'), ['app.ts']));
    expect(result).toMatchObject({ first: 200, second: 304, hello: 200 });
    // The site, tags go and rust, category notes, section posts (3 files each),
    // and 3 pages.
    expect(result.paths).toBe(5 * 3 + 3);
    expect(result.atom).toBe(readFileSync(join(project, 'public/feeds/tags/go/atom.xml'), 'utf8'));
  }, 120_000);
});

describe("the site's own Worker project", () => {
  let mf: Miniflare | undefined;
  afterAll(() => mf?.dispose());

  it('is written by init --worker, builds with wrangler, and serves in Miniflare the Node bytes', async () => {
    const config = readFileSync(join(project, 'feedwright.config.ts'), 'utf8');
    rmSync(join(project, 'feedwright.config.ts'));
    run('npx', ['feedwright', 'init', '--worker']);
    expect(readFileSync(join(project, 'feedwright.config.ts'), 'utf8')).toContain("from 'feedwright'");
    writeFileSync(join(project, 'feedwright.config.ts'), config);
    run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'worker-dist']);
    const toml = readFileSync(join(project, 'wrangler.toml'), 'utf8');
    const date = /compatibility_date = "([^"]+)"/.exec(toml)?.[1] ?? '';
    mf = new Miniflare({
      modules: true,
      // Module names are paths relative to this root; the default (the working folder) is elsewhere.
      modulesRoot: join(project, 'worker-dist'),
      scriptPath: join(project, 'worker-dist/feeds-worker.js'),
      compatibilityDate: date,
      assets: {
        directory: join(project, '.feedwright/worker-assets'),
        binding: 'ASSETS',
        routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true },
      },
    });
    const built = files(join(project, 'public/feeds'));
    const paths = [...built.keys()].filter((path) => path !== '_headers');
    expect(paths).toHaveLength(5 * 3 + 3);
    for (const path of paths) {
      const response = await mf.dispatchFetch(`http://127.0.0.1:8787/${path === 'index.html' ? '' : path}`);
      expect(response.status, path).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(built.get(path) ?? Buffer.alloc(0)), path).toBe(
        true,
      );
    }
  });
});
