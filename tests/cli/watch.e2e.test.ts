// `serve --watch --refresh off`, where the watcher is all that publishes: a content folder deleted
// and made again, a file saved every 100 ms, a file added while the first publish runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Served, serve } from './processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedwright-watch-'));
const servers: Served[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const post = (content: string, name: string, text = 'Text.') =>
  writeFileSync(join(content, `${name}.md`), `---\ntitle: ${name}\ndate: 2025-01-01\n---\n${text}\n`);

async function titles(base: string): Promise<string[]> {
  const feed = await (await fetch(`${base}feed.json`)).json();
  return feed.items.map((item: { title: string }) => item.title);
}

/** Polls until `test` holds; fails with what it last saw after `ms`. */
async function eventually(test: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > until) throw new Error('never happened');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function watching(name: string, articles = 1): Promise<{ content: string; server: Served }> {
  const content = join(dir, name);
  mkdirSync(content, { recursive: true });
  for (let i = 0; i < articles; i++) post(content, `first-${i}`);
  const server = await serve(
    ['--content', content, '--cache', join(dir, `${name}-cache`), '--refresh', 'off', '--watch'],
    dir,
  );
  servers.push(server);
  return { content, server };
}

describe('serve --watch', () => {
  it('watches a content folder again after it was deleted and made again', async () => {
    const { content, server } = await watching('deleted');
    rmSync(content, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    mkdirSync(content);
    post(content, 'after');
    await eventually(async () => (await titles(server.base)).includes('after'));
    post(content, 'later');
    await eventually(async () => (await titles(server.base)).includes('later'));
    expect((await (await fetch(`${server.base}health`)).json()).ok).toBe(true);
  }, 40_000);

  it('publishes while a file is saved every 100 ms', async () => {
    const { content, server } = await watching('autosave');
    let saving = true;
    let saves = 0;
    const loop = (async () => {
      while (saving) {
        post(content, 'autosaved', `Save ${saves++}.`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      post(content, 'new-while-saving');
      await eventually(async () => (await titles(server.base)).includes('new-while-saving'));
    } finally {
      saving = false;
      await loop;
    }
    // It was published while the saves went on, not after they stopped.
    expect(saves).toBeGreaterThan(0);
  }, 40_000);

  it('publishes a file added while the first publish runs', async () => {
    const content = join(dir, 'during');
    mkdirSync(content, { recursive: true });
    for (let i = 0; i < 2000; i++) post(content, `bulk-${i}`);
    const starting = serve(
      ['--content', content, '--cache', join(dir, 'during-cache'), '--refresh', 'off', '--watch'],
      dir,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    post(content, 'zz-during-first-publish');
    const server = await starting;
    servers.push(server);
    await eventually(async () => {
      const feed = await (await fetch(`${server.base}feed.json`)).json();
      return (
        feed.items.length > 0 && (await fetch(`${server.base}health`).then((r) => r.json())).articles === 2001
      );
    });
  }, 60_000);
});
