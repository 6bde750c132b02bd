// What a careless operator does, done to real processes: an empty --host (what `--host "$HOST"`
// gives with HOST unset), a port written in hex, two builds into one folder at once, a SIGTERM
// in the middle of a build.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, feedwright } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-careless-'));
beforeAll(() => {
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nText.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = (...args: string[]) =>
  feedwright(['serve', '--content', 'content', '--cache', 'cache', '--refresh', 'off', ...args], dir, 20_000);

describe('serve refuses an address it would misread', () => {
  it('an empty --host (an unset variable) instead of listening on every interface', async () => {
    for (const host of ['', ' ']) {
      const result = await serve('--port', '0', '--host', host);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(
        'feedwright: --host is empty (an unset variable?): name the address to listen on, e.g. 127.0.0.1 or 0.0.0.0',
      );
    }
  });

  it.each(['0x4694', '1e3', '80.0', ' 80', '+80', '65536'])('--port %j', async (port) => {
    const result = await serve('--port', port);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `feedwright: --port ${port} is not a whole number from 0 to 65535`,
    );
  });
});

/** A site of `n` articles, version `v` (titles and tags differ between versions). */
function site(path: string, n: number, v: string) {
  mkdirSync(path, { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(path, `a${i}.md`),
      `---\ntitle: ${v} ${i}\ndate: 2025-01-${String((i % 28) + 1).padStart(2, '0')}\ntags: [t${i % 40}, ${v}]\n---\n${`Text ${v} ${i}. `.repeat(40)}\n`,
    );
  }
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
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
  'https://feedwright.dev/',
];

describe('two builds into one --out at once', () => {
  it('one builds, the other is refused naming the first; the folder is one build, never a mix', async () => {
    const a = join(dir, 'two/a');
    const b = join(dir, 'two/b');
    site(a, 300, 'alpha');
    site(b, 300, 'beta');
    const clean = { a: join(dir, 'two/clean-a'), b: join(dir, 'two/clean-b') };
    expect((await feedwright(build(a, clean.a, join(dir, 'two/cache-ca')), dir)).code).toBe(0);
    expect((await feedwright(build(b, clean.b, join(dir, 'two/cache-cb')), dir)).code).toBe(0);
    let refusals = 0;
    for (let round = 0; round < 3; round++) {
      const out = join(dir, `two/out-${round}`);
      const [first, second] = await Promise.all([
        feedwright(build(a, out, join(dir, `two/cache-a-${round}`)), dir),
        feedwright(build(b, out, join(dir, `two/cache-b-${round}`)), dir),
      ]);
      const refused = [first, second].filter((r) => r.code !== 0);
      refusals += refused.length;
      expect(refused.length).toBeLessThanOrEqual(1);
      for (const r of refused) expect(r.stderr).toMatch(/another feedwright \(pid \d+\) is writing into /);
      const result = snapshot(out);
      const matches = [snapshot(clean.a), snapshot(clean.b)].some(
        (expected) =>
          expected.size === result.size && [...expected].every(([f, text]) => result.get(f) === text),
      );
      expect(matches, `round ${round}: ${first.code}/${second.code}`).toBe(true);
    }
    // Started together, they ran at the same time: the lock was what kept them apart.
    expect(refusals).toBeGreaterThan(0);
  }, 120_000);
});

describe('SIGTERM during build', () => {
  it('leaves no temporary file and no lock in the output folder, and exits 143', async () => {
    const content = join(dir, 'term/content');
    site(content, 300, 'gamma');
    const codes: (number | null)[] = [];
    for (const delay of [0, 30, 100, 250]) {
      const out = join(dir, `term/out-${delay}`);
      mkdirSync(out, { recursive: true });
      const child = spawn(process.execPath, [bin, ...build(content, out, join(dir, `term/cache-${delay}`))], {
        cwd: dir,
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // Once the build writes into the folder, and `delay` ms later: stop it.
      while (readdirSync(out, { recursive: true }).filter((f) => !String(f).endsWith('.lock')).length === 0) {
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGTERM');
      const code = await exited;
      const left = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter(
        (f) => /\.feedwright-\d+-\w+\.tmp$/.test(f) || f.endsWith('.feedwright-build.lock'),
      );
      expect(left, `stopped ${delay} ms in`).toEqual([]);
      expect([143, 0]).toContain(code);
      codes.push(code);
    }
    expect(codes).toContain(143);
  }, 120_000);
});
