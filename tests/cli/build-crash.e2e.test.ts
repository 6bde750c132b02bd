// `feedwright build` killed at random instants and starved of disk: what is left in the output
// folder is, file by file, the old or the new build (never empty, never cut), and the next build
// makes it exactly what a clean build makes.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import {
  type FSWatcher,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '../seed.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin/feedwright.mjs');
const work = mkdtempSync(join(tmpdir(), 'feedwright-crash-'));
const SITE_URL = 'https://feedwright.dev/';

/** Two versions of one site: B retitles a third of the articles, drops one tag and brings a new one. */
function writeSite(dir: string, version: 'A' | 'B') {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 120; i++) {
    const tags = [`t${i % 60}`, `t${(i * 7) % 60}`];
    if (version === 'B' && i % 5 === 0) tags.push('new-in-b');
    const kept = tags.filter((t) => version === 'A' || t !== 't59');
    const title = version === 'B' && i % 3 === 0 ? `Retitled ${i}` : `Article ${i}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    writeFileSync(
      join(dir, `a${i}.md`),
      `---\ntitle: ${title}\ndate: 2025-${String((i % 12) + 1).padStart(2, '0')}-${day}\ntags: [${kept.join(', ')}]\n---\n${`Paragraph ${i} of ${version}. `.repeat(10)}\n`,
    );
  }
}

const build = (content: string, out: string, cache: string) => [
  'build',
  '--content',
  content,
  '--out',
  out,
  '--cache',
  cache,
  '--site-url',
  SITE_URL,
];

/** The files a static host would serve (the temporary files a killed build leaves are hidden dotfiles). */
function files(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [relative(dir, join(dir, f)), readFileSync(join(dir, f))]),
  );
}
/** What a killed build leaves, hidden: temporary files, and its lock (taken over by the next build). */
const LEFT_BY_A_KILL = /\.feedwright-\d+-\w+\.tmp$|(?:^|\/)\.feedwright-build\.lock$/;
const temporaryFiles = (dir: string) => [...files(dir).keys()].filter((f) => LEFT_BY_A_KILL.test(f));
const published = (dir: string) => new Map([...files(dir)].filter(([f]) => !LEFT_BY_A_KILL.test(f)));

async function buildFully(content: string, out: string, cache: string) {
  const result = await run(process.execPath, [bin, ...build(content, out, cache)], { cwd: work });
  expect(result.stdout).toMatch(/wrote \d+ files/);
}

const versions = {
  A: { content: join(work, 'content-a'), clean: join(work, 'clean-a') },
  B: { content: join(work, 'content-b'), clean: join(work, 'clean-b') },
};
/** How long a build runs before it touches the output folder, and how long it then writes. */
let startMs = 0;
let writeMs = 0;
/** What each clean build serves, read once. */
const clean: Record<'A' | 'B', Map<string, Buffer>> = { A: new Map(), B: new Map() };

beforeAll(async () => {
  writeSite(versions.A.content, 'A');
  writeSite(versions.B.content, 'B');
  await buildFully(versions.A.content, versions.A.clean, join(work, 'cache-clean-a'));
  // Timed on a rebuild into a folder that holds the other version: what the kills below interrupt.
  const timing = join(work, 'timing');
  await buildFully(versions.A.content, timing, join(work, 'cache-timing'));
  const started = performance.now();
  const { child, firstWrite } = spawnBuild(versions.B.content, timing, join(work, 'cache-timing'));
  await new Promise((resolve) => child.once('exit', resolve));
  startMs = (await firstWrite) - started;
  writeMs = performance.now() - started - startMs;
  await buildFully(versions.B.content, versions.B.clean, join(work, 'cache-clean-b'));
  clean.A = published(versions.A.clean);
  clean.B = published(versions.B.clean);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A build, and the instant it first changes anything in the output folder. */
function spawnBuild(content: string, out: string, cache: string) {
  const child: ChildProcess = spawn(process.execPath, [bin, ...build(content, out, cache)], {
    cwd: work,
    stdio: 'ignore',
  });
  let watcher: FSWatcher | undefined;
  const firstWrite = new Promise<number>((resolve) => {
    watcher = watch(out, { recursive: true }, () => resolve(performance.now()));
    child.once('exit', () => resolve(performance.now()));
  }).finally(() => watcher?.close());
  return { child, firstWrite };
}

/** Every served file holds what one of the two clean builds holds at its path: nothing else, nothing cut. */
function expectOldOrNew(out: string) {
  const neither = [...published(out)]
    .filter(([file, bytes]) => !clean.A.get(file)?.equals(bytes) && !clean.B.get(file)?.equals(bytes))
    .map(([file, bytes]) => `${file} (${bytes.length} bytes)`);
  expect(neither).toEqual([]);
}

function expectSameAs(out: string, version: 'A' | 'B') {
  const got = published(out);
  const want = clean[version];
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  expect([...want].filter(([file, bytes]) => !got.get(file)?.equals(bytes)).map(([file]) => file)).toEqual(
    [],
  );
  expect(temporaryFiles(out)).toEqual([]);
}

describe('build killed at random instants', () => {
  it('leaves each file old or new, and the next build gives what a clean build gives', async () => {
    const out = join(work, 'out');
    const cache = join(work, 'cache');
    await buildFully(versions.A.content, out, cache);
    let current: 'A' | 'B' = 'A';
    const kills = 5;
    const landed: string[] = [];
    const random = seededRandom(testSeed('kill instants'));
    for (let k = 0; k < kills; k++) {
      const next: 'A' | 'B' = current === 'A' ? 'B' : 'A';
      // Random, stratified: one kill before anything is written (start-up, reading, rendering), the
      // others spread over the time the build replaces files, where a crash can do harm.
      const { child, firstWrite } = spawnBuild(versions[next].content, out, cache);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (k === 0) await new Promise((resolve) => setTimeout(resolve, startMs * random()));
      else {
        await firstWrite;
        const share = (k - 1 + random()) / (kills - 1);
        await new Promise((resolve) => setTimeout(resolve, writeMs * share));
      }
      child.kill('SIGKILL');
      await exited;
      const left = published(out);
      const fromNext = [...left].filter(([f, bytes]) => clean[next].get(f)?.equals(bytes));
      landed.push(`${fromNext.length}/${left.size}`);
      expectOldOrNew(out);
      // Half the time the content goes back (the case a manifest written last got wrong), else forward.
      const target: 'A' | 'B' = k % 2 === 0 ? current : next;
      await buildFully(versions[target].content, out, cache);
      expectSameAs(out, target);
      current = target;
    }
    console.log(
      `kills (start ${Math.round(startMs)} ms, writing ${Math.round(writeMs)} ms), files of the new build left: ${landed.join(', ')}`,
    );
  }, 120_000);
});

describe('build on a full disk', () => {
  it('fails with one line, leaves every old file whole and no temporary file, and recovers', async () => {
    const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;
    expect(hasPrlimit, 'prlimit (util-linux) is needed').toBe(true);
    const out = join(work, 'out-full');
    const cache = join(work, 'cache-full');
    await buildFully(versions.A.content, out, cache);
    // A file size limit makes every write past it fail partway, exactly as a disk that fills up does
    // (EFBIG instead of ENOSPC), without needing a small file system.
    const largest = Math.max(...[...clean.B.values()].map((b) => b.length));
    const limited = spawnSync(
      'prlimit',
      [`--fsize=${Math.floor(largest / 2)}`, process.execPath, bin, ...build(versions.B.content, out, cache)],
      { cwd: work, encoding: 'utf8' },
    );
    expect(limited.status).toBe(1);
    expect(limited.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^feedwright: .*EFBIG/)]);
    expectOldOrNew(out);
    expect(temporaryFiles(out)).toEqual([]);
    expect(
      readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp')),
    ).toEqual([]);
    await buildFully(versions.B.content, out, cache);
    expectSameAs(out, 'B');
  }, 60_000);
});
