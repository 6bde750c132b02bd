import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FolderWatch, watchFolder } from '../../src/node/folder-watch.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A watched temporary folder and every call of onChange, as sets of paths ('all': none named). */
function watched() {
  const dir = mkdtempSync(join(tmpdir(), 'feedwright-watch-'));
  mkdirSync(join(dir, 'posts/2024'), { recursive: true });
  writeFileSync(join(dir, 'posts/2024/a.md'), 'a');
  const calls: (readonly string[] | 'all')[] = [];
  const watch = watchFolder(dir, (paths) => calls.push(paths ?? 'all'), { debounceMs: 20 });
  return { dir, calls, watch };
}

/** Waits until a call names `path`, for at most two seconds. */
async function reported(calls: readonly (readonly string[] | 'all')[], path: string): Promise<boolean> {
  for (let waited = 0; waited < 2000; waited += 10) {
    if (calls.some((call) => call === 'all' || call.includes(path))) return true;
    await sleep(10);
  }
  return false;
}

describe('watchFolder', () => {
  let open: { dir: string; watch: FolderWatch } | undefined;
  afterEach(() => {
    open?.watch.close();
    if (open) rmSync(open.dir, { recursive: true, force: true });
    open = undefined;
  });

  it('names a file changed deep in the folder', async () => {
    const { dir, calls, watch } = watched();
    open = { dir, watch };
    writeFileSync(join(dir, 'posts/2024/a.md'), 'edited');
    expect(await reported(calls, 'posts/2024/a.md')).toBe(true);
    // The path, not "anything may have changed": the run looks at that file alone.
    expect(calls.flat()).not.toContain('all');
  });

  it('watches a folder made after it started, and what is written in it', async () => {
    const { dir, calls, watch } = watched();
    open = { dir, watch };
    mkdirSync(join(dir, 'posts/2025/06'), { recursive: true });
    expect(await reported(calls, 'posts/2025')).toBe(true);
    await sleep(50);
    writeFileSync(join(dir, 'posts/2025/06/new.md'), 'new');
    expect(await reported(calls, 'posts/2025/06/new.md')).toBe(true);
  });

  it('follows a folder renamed, and says the old and the new place', async () => {
    const { dir, calls, watch } = watched();
    open = { dir, watch };
    renameSync(join(dir, 'posts/2024'), join(dir, 'posts/old'));
    expect(await reported(calls, 'posts/2024')).toBe(true);
    expect(await reported(calls, 'posts/old')).toBe(true);
    await sleep(50);
    writeFileSync(join(dir, 'posts/old/a.md'), 'edited');
    expect(await reported(calls, 'posts/old/a.md')).toBe(true);
  });

  it('says nothing more once closed', async () => {
    const { dir, calls, watch } = watched();
    open = { dir, watch };
    watch.close();
    writeFileSync(join(dir, 'posts/2024/a.md'), 'edited');
    await sleep(200);
    expect(calls).toEqual([]);
  });
});
