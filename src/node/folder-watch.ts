/**
 * A content folder watched for changes (`serve --watch`), through whatever happens to it: a folder
 * deleted and made again (a `git checkout`, an `rsync --delete-after`, a deploy that swaps it) is
 * watched again once it is back, and a file saved over and over (an editor's autosave every 200 ms)
 * never holds the regeneration off for longer than a second.
 */
import { type Dirent, type FSWatcher, lstatSync, readdirSync, statSync, watch } from 'node:fs';
import { join, sep } from 'node:path';

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

/** Watchers over a folder and everything under it. */
interface TreeWatch {
  readonly close: () => void;
}

/**
 * Reports each change under `root` with the path it names (relative to `root`), or undefined when
 * it names none. Node 20's recursive fs.watch on Linux is made in JavaScript, with a watcher per
 * file, and lists the whole folder again on every event: at 10,000 files a save was reported 15 ms
 * late, its second event later still. inotify names the child that changed in a folder's own
 * watcher, so on Linux every folder gets one (a folder that appears is watched from then on, one
 * that goes is let go; a link to a folder is watched for changes as itself, as Node does);
 * elsewhere the platform's recursive watch is used. `onError`: the root's watcher failed.
 */
function watchTree(
  root: string,
  onEvent: (path: string | undefined) => void,
  onError: () => void,
): TreeWatch {
  if (process.platform !== 'linux') {
    const watcher = watch(root, { recursive: true }, (_event, name) =>
      onEvent(typeof name === 'string' ? name : undefined),
    );
    watcher.on('error', onError);
    return { close: () => watcher.close() };
  }
  /** By folder, relative to the root ('' is the root). */
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const within = (folder: string, name: string) => (folder === '' ? name : join(folder, name));
  /** Lets go of `path` and every folder under it. */
  const letGo = (path: string) => {
    for (const [folder, watcher] of watchers)
      if (path === '' || folder === path || folder.startsWith(path + sep)) {
        watcher.close();
        watchers.delete(folder);
      }
  };
  /** Watches `folder` (a link to one: as itself, not below) and, for a folder, the folders in it. */
  const add = (folder: string, link = false): void => {
    if (closed || watchers.has(folder)) return;
    const at = join(root, folder);
    let watcher: FSWatcher;
    try {
      watcher = watch(at, (_event, name) => {
        if (link || typeof name !== 'string') return onEvent(folder === '' ? undefined : folder);
        const path = within(folder, name);
        onEvent(path);
        look(path);
      });
    } catch (error) {
      // A folder gone before it could be watched: its parent's event already said so.
      if (folder === '') throw error;
      return;
    }
    watcher.on('error', () => {
      letGo(folder);
      if (folder === '') onError();
    });
    watchers.set(folder, watcher);
    if (link) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = within(folder, entry.name);
      if (entry.isDirectory()) add(path);
      else if (entry.isSymbolicLink() && statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory())
        add(path, true);
    }
  };
  /** A path an event named: a folder new here is watched from now on; one gone is let go. */
  const look = (path: string) => {
    const info = lstatSync(join(root, path), { throwIfNoEntry: false });
    if (!info) letGo(path);
    else if (info.isDirectory()) add(path);
    else if (info.isSymbolicLink() && statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory())
      add(path, true);
  };
  add('');
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

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
  let watcher: TreeWatch | undefined;
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
      // A watcher whose folder went away says so (onError), or falls silent: the check below
      // notices both.
      watcher = watchTree(dir, changed, () => {
        stop();
        check();
      });
    } catch {
      return false;
    }
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
