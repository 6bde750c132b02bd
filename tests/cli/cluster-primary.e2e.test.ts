// `serve --workers 2` with its primary stopped (SIGSTOP: as good as busy for a minute): the workers
// accept and answer connections themselves, so a blocked primary stalls no request.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Served, serve } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-primary-'));
let server: Served | undefined;
afterAll(async () => {
  if (server?.process.pid) process.kill(server.process.pid, 'SIGCONT');
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The status of a GET on a connection of its own (a kept-alive one would go to a worker already). */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 10 s')));
    request.on('error', reject);
  });
}

describe('serve --workers 2 with the primary stopped', () => {
  it('answers every request from the workers', async () => {
    mkdirSync(join(dir, 'content'));
    for (let i = 0; i < 5; i++)
      writeFileSync(
        join(dir, `content/a${i}.md`),
        `---\ntitle: A${i}\ndate: 2025-01-0${i + 1}\n---\nText.\n`,
      );
    server = await serve(
      ['--content', 'content', '--cache', 'cache', '--refresh', 'off', '--workers', '2'],
      dir,
    );
    await server.waitFor(/2 workers|workers? (are )?serving|serving/);
    // Every worker takes connections before the primary stops.
    for (let i = 0; i < 10; i++) expect(await statusOnNewConnection(`${server.base}feed.xml`)).toBe(200);
    const pid = server.process.pid ?? 0;
    process.kill(pid, 'SIGSTOP');
    try {
      for (let i = 0; i < 20; i++) expect(await statusOnNewConnection(`${server.base}feed.xml`)).toBe(200);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  }, 60_000);
});
