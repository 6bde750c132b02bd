// What `serve` says when it cannot serve: one line, exit code 1, and no work done first.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve as started } from './processes.ts';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin/feedwright.mjs');
const dir = mkdtempSync(join(tmpdir(), 'feedwright-serve-'));
let taken: Server;
let port = 0;

beforeAll(async () => {
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), '---\ntitle: A\ndate: 2025-01-01\n---\nText.\n');
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => {
  taken.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(...args: string[]) {
  const all = ['serve', '--content', 'content', '--cache', 'cache', '--refresh', 'off', ...args];
  return run(process.execPath, [bin, ...all], { cwd: dir, timeout: 20_000 }).then(
    () => ({ code: 0, stdout: '', stderr: '' }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const oneLine = (text: string) => text.trim().split('\n');

describe('serve refuses to start, in one line', () => {
  it('on a port in use, before reading anything', async () => {
    for (const workers of ['1', '2']) {
      const result = await serve('--port', String(port), '--workers', workers);
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toEqual([
        `feedwright: cannot listen on 127.0.0.1:${port}: the port is in use (another server, or feedwright already running?)`,
      ]);
      expect(result.stdout).toBe('');
    }
  });

  it('on a host that is not this machine', async () => {
    const result = await serve('--port', '0', '--host', '203.0.113.7');
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toEqual([
      'feedwright: cannot listen on 203.0.113.7:0: that address is not one of this machine’s',
    ]);
    const unknown = await serve('--port', '0', '--host', 'no-such-host.invalid');
    expect(oneLine(unknown.stderr)).toEqual([
      'feedwright: cannot listen on no-such-host.invalid:0: no such host name',
    ]);
  });

  it('on a content folder that does not exist, as build and check do', async () => {
    for (const command of ['serve', 'build', 'check']) {
      const args = [command, '--content', 'missing', '--cache', 'cache', '--out', 'out'].filter(
        (a, i, all) => command === 'build' || (a !== '--out' && all[i - 1] !== '--out'),
      );
      const result = await run(
        process.execPath,
        [bin, ...args, ...(command === 'serve' ? ['--port', '0'] : [])],
        {
          cwd: dir,
        },
      ).catch((e: { code: number; stderr: string }) => e);
      expect('code' in result && result.code, command).toBe(1);
      expect(oneLine('stderr' in result ? result.stderr : ''), command).toEqual([
        `feedwright: the content folder ${join(dir, 'missing')} does not exist (--content, or content in the config)`,
      ]);
    }
  });

  it('on a config that cannot be read or run', async () => {
    writeFileSync(join(dir, 'broken.config.ts'), 'export default { title: "x" \n');
    const broken = await serve('--config', 'broken.config.ts', '--port', '0');
    expect(broken.code).toBe(1);
    expect(oneLine(broken.stderr)).toEqual([
      expect.stringMatching(
        /^feedwright: cannot read the config .*broken\.config\.ts: .*broken\.config\.ts:2:0: Expected "}" but found end of file$/,
      ),
    ]);
    const missing = await serve('--config', 'nowhere.config.ts', '--port', '0');
    expect(oneLine(missing.stderr)).toEqual([
      `feedwright: cannot read the config ${join(dir, 'nowhere.config.ts')}: no such file`,
    ]);
  });

  it('on more workers than make sense', async () => {
    const result = await serve('--workers', '1000000', '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^feedwright: --workers 1000000 is not a whole number from 1 to \d+\n/);
  });
});

describe('serve without a site URL', () => {
  it('stands in 127.0.0.1 and says so once, under the banner, with one process or several', async () => {
    const note =
      '[feedwright] identity.siteUrl is not set: every link would point at http://127.0.0.1:8787/, this machine (fine for trying it here; build, build-worker and check refuse it)';
    for (const workers of ['1', '2']) {
      const server = await started(['--content', 'content', '--refresh', 'off', '--workers', workers], dir);
      try {
        await server.waitFor(/refuse it\)\n/);
        const lines = server.output().split('\n');
        expect(
          lines.filter((line) => line === note),
          workers,
        ).toHaveLength(1);
        // Under the banner: after the lines that say where the feeds are.
        expect(lines.indexOf(note), workers).toBeGreaterThan(
          lines.findIndex((line) => line.startsWith('[feedwright] serving ')),
        );
      } finally {
        await server.stop();
      }
    }
  }, 60_000);
});
