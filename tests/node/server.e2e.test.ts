import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/node/server.ts';
import { publishFolder } from '../../src/publish/regenerate/folder-publication.ts';
import { md, testConfig } from '../helpers.ts';

let dir: string;
let stop: (() => Promise<void>) | undefined;
let running: Awaited<ReturnType<typeof startNodeServer>> | undefined;

afterEach(async () => {
  await stop?.();
  stop = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function titlesAt(url: string): Promise<string[]> {
  const feed = (await (await fetch(url)).json()) as { items: { title: string }[] };
  return feed.items.map((i) => i.title);
}

/** Polls until `predicate` holds, for at most `ms`: the triggers are real timers and real file events. */
async function eventually(predicate: () => Promise<boolean>, ms = 8000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function serveTemp(refresh: string, watch: boolean, cacheDir?: string) {
  dir = mkdtempSync(join(tmpdir(), 'feedwright-node-'));
  writeFileSync(join(dir, 'first.md'), md({ title: 'First', date: '2025-01-01' }));
  const server = await startNodeServer({
    contentDir: dir,
    ...(cacheDir !== undefined && { cacheDir }),
    config: testConfig({ refresh }),
    port: 0,
    host: '127.0.0.1',
    watch,
  });
  stop = server.close;
  running = server;
  const address = server.server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  return `http://127.0.0.1:${address.port}/feed.json`;
}

describe('Node server triggers', () => {
  it('node-cron picks up a new file on its schedule', async () => {
    const url = await serveTemp('* * * * * *', false);
    expect(await titlesAt(url)).toEqual(['First']);
    writeFileSync(join(dir, 'second.md'), md({ title: 'Second', date: '2025-02-01' }));
    expect(await eventually(async () => (await titlesAt(url)).includes('Second'))).toBe(true);
  });

  it('keeps what a scheduled run found for the next start', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'feedwright-state-'));
    const url = await serveTemp('* * * * * *', false, cacheDir);
    writeFileSync(join(dir, 'second.md'), md({ title: 'Second', date: '2025-02-01' }));
    expect(await eventually(async () => (await titlesAt(url)).includes('Second'))).toBe(true);
    await stop?.();
    stop = undefined;
    // A restart reads nothing from disk: both files come from the kept state.
    const { first } = await publishFolder(dir, testConfig({ refresh: '* * * * * *' }), {
      cacheDir,
      log: () => {},
    });
    expect(first).toMatchObject({ seen: 2, read: 0, published: 2 });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('--watch picks up a new file with no schedule', async () => {
    const url = await serveTemp('off', true);
    writeFileSync(join(dir, 'second.md'), md({ title: 'Second', date: '2025-02-01' }));
    expect(await eventually(async () => (await titlesAt(url)).includes('Second'))).toBe(true);
  });

  it('--watch looks at the files that changed, and edits them into the catalog in place', async () => {
    const url = await serveTemp('off', true);
    for (let i = 0; i < 20; i++)
      writeFileSync(join(dir, `p${i}.md`), md({ title: `P${i}`, date: '2024-01-01' }));
    expect(await eventually(async () => running?.publisher.catalog.articleCount === 21)).toBe(true);
    const before = running?.publisher.lastRun;
    writeFileSync(join(dir, 'first.md'), md({ title: 'First, edited', date: '2025-01-01' }));
    expect(await eventually(async () => (await titlesAt(url)).includes('First, edited'))).toBe(true);
    const run = running?.publisher.lastRun;
    expect(run).not.toBe(before);
    // One file read, none of the others even looked at again; the catalog edited, not built.
    expect(run).toMatchObject({ ok: true, seen: 21, read: 1, changed: 1, inPlace: true });
  });

  it('with refresh off and no watch, nothing changes until a run', async () => {
    // Nothing can start a run: no task in node-cron's registry and no file watcher more than before.
    // (Asked of both directly, rather than by waiting to see that nothing happens.)
    const watchers = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;
    // The watchers of earlier tests are gone once their handles are closed.
    expect(await eventually(async () => watchers() === 0)).toBe(true);
    const tasks = cron.getTasks().size;
    const url = await serveTemp('off', false);
    expect([cron.getTasks().size, watchers()]).toEqual([tasks, 0]);
    writeFileSync(join(dir, 'second.md'), md({ title: 'Second', date: '2025-02-01' }));
    expect(await titlesAt(url)).toEqual(['First']);
    await running?.publisher.run();
    expect(await titlesAt(url)).toEqual(['Second', 'First']);
  });
});
