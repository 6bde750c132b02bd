/**
 * A content folder watched for changes (`serve --watch`), through whatever happens to it: a folder
 * deleted and made again (a `git checkout`, an `rsync --delete-after`, a deploy that swaps it) is
 * watched again once it is back, and a file saved over and over (an editor's autosave every 200 ms)
 * never holds the regeneration off for longer than a second.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { sep } from 'node:path';

export interface FolderWatchOptions {
  /** Quiet time after a change before `onChange` is called. @default 200 */
  readonly debounceMs?: number;
  /** The longest a change waits, however often more come. @default 1000 */
  readonly maxWaitMs?: number;
  /** How often the folder is looked at: still there, the same folder? @default 1000 */
  readonly checkMs?: number;
}

export interface FolderWatch {
  readonly close: () => void;
}

const identity = (dir: string): string | undefined => {
  const info = statSync(dir, { throwIfNoEntry: false });
  return info?.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
};

/**
 * Calls `onChange` (debounced) when anything under `dir` changes, and when `dir` comes back after it
 * was gone: with the paths (relative to `dir`, `/`-separated) that changed since the last call, or
 * undefined when the watcher could not say which (anything may have).
 */
export function watchFolder(
  dir: string,
  onChange: (paths: readonly string[] | undefined) => void,
  options: FolderWatchOptions = {},
): FolderWatch {
  const debounceMs = options.debounceMs ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 1000;
  let watcher: FSWatcher | undefined;
  let watched: string | undefined;
  let quiet: NodeJS.Timeout | undefined;
  let firstPending: number | undefined;
  let closed = false;
  /** Paths changed since the last call; `all` when some change named none. */
  let paths: Set<string> | 'all' = new Set();

  const fire = () => {
    clearTimeout(quiet);
    quiet = undefined;
    firstPending = undefined;
    const said = paths === 'all' ? undefined : [...paths];
    paths = new Set();
    if (!closed) onChange(said);
  };
  const changed = (filename?: string | null) => {
    if (typeof filename !== 'string' || paths === 'all') paths = 'all';
    else paths.add(filename.split(sep).join('/'));
    const now = Date.now();
    firstPending ??= now;
    clearTimeout(quiet);
    // Waited long enough already: no more postponing.
    if (now - firstPending >= maxWaitMs) return fire();
    quiet = setTimeout(fire, Math.min(debounceMs, maxWaitMs - (now - firstPending)));
  };
  const stop = () => {
    watcher?.close();
    watcher = undefined;
    watched = undefined;
  };
  const start = (): boolean => {
    const id = identity(dir);
    if (id === undefined) return false;
    try {
      watcher = watch(dir, { recursive: true }, (_event, filename) => changed(filename));
    } catch {
      return false;
    }
    // A watcher whose folder went away says so here, or falls silent: the check below notices both.
    watcher.on('error', () => {
      stop();
      check();
    });
    watched = id;
    return true;
  };
  /** The folder is still the one watched; if not, watch the one there now (or wait for one). */
  const check = () => {
    if (closed) return;
    const id = identity(dir);
    if (id !== undefined && id === watched) return;
    stop();
    // Back (or a new folder in its place): what is in it is new to the publisher.
    if (id !== undefined && start()) changed();
  };
  start();
  const checking = setInterval(check, options.checkMs ?? 1000);
  checking.unref();
  return {
    close() {
      closed = true;
      clearInterval(checking);
      clearTimeout(quiet);
      stop();
    },
  };
}
