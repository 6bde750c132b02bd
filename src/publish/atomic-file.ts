/**
 * Files written whole or not at all: into a temporary file beside the target, then renamed over it.
 * A crash, a kill or a full disk at any instant leaves the old file (or none), never part of one;
 * readers of the folder (a static host, the next start) only ever see complete files.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isRecord } from '../core/guards.ts';

/** `.name.feedwright-<pid>-<random>.tmp`: hidden from static hosts, and tells whose it is. */
const TEMPORARY = /^\..*\.feedwright-(\d+)-[0-9a-f]+\.tmp$/;

/** Unique per process and write: a random start (a pid can come back) and a counter. */
const instance = randomBytes(4).toString('hex');
let written = 0;

function temporaryPath(path: string): string {
  const unique = `${process.pid}-${instance}${(written++).toString(16)}`;
  return join(dirname(path), `.${basename(path)}.feedwright-${unique}.tmp`);
}

/** Temporary files being written now, and the writes: what a process stopped by a signal settles. */
const inFlight = new Set<string>();
const writes = new Set<Promise<void>>();
let stopping = false;

export class StoppingError extends Error {
  override readonly name = 'StoppingError';
}

/**
 * For a process stopped by a signal: starts no more writes, lets those in flight finish (a file
 * system call cannot be taken back half-way: a temporary file removed while its open is still
 * pending comes back), then removes any temporary file left. Targets are old or new, whole.
 */
export async function settleWrites(): Promise<void> {
  stopping = true;
  await Promise.allSettled([...writes]);
  for (const temporary of inFlight) rmSync(temporary, { force: true });
  inFlight.clear();
}

/**
 * What a file is written from: its whole text or bytes, or its parts in order (made as they are
 * written, so a large file never has to be in memory whole).
 */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

/** Writes `data` to `path` atomically, making its folder if needed. On failure nothing is left behind. */
export function writeFileAtomic(path: string, data: FileData): Promise<void> {
  if (stopping) return Promise.reject(new StoppingError(`not writing ${path}: stopping`));
  const write = writeAtomically(path, data).finally(() => writes.delete(write));
  writes.add(write);
  return write;
}

async function writeAll(handle: FileHandle, data: FileData): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await handle.writeFile(data);
    return;
  }
  // writeFile on a handle writes from where the last write ended, all of it.
  for (const part of data) await handle.writeFile(part);
}

async function writeAtomically(path: string, data: FileData): Promise<void> {
  const temporary = temporaryPath(path);
  inFlight.add(temporary);
  try {
    let handle: FileHandle;
    try {
      handle = await open(temporary, 'wx');
    } catch (error) {
      // The folder is made only when missing: one system call fewer for every other file.
      if (!(isRecord(error) && error.code === 'ENOENT')) throw error;
      await mkdir(dirname(path), { recursive: true });
      handle = await open(temporary, 'wx');
    }
    try {
      await writeAll(handle, data);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    inFlight.delete(temporary);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return isRecord(error) && error.code === 'EPERM';
  }
}

/**
 * Removes the temporary files that writers which died mid-write left under `dir` (and its folders,
 * when `recursive`). Files of writers still running are theirs to finish. Returns how many went.
 */
export async function removeAbandonedTemporaryFiles(dir: string, recursive: boolean): Promise<number> {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive, encoding: 'utf8' });
  } catch {
    return 0;
  }
  const abandoned = entries.filter((entry) => {
    const pid = TEMPORARY.exec(basename(entry))?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  await Promise.all(abandoned.map((entry) => rm(join(dir, entry), { force: true })));
  return abandoned.length;
}
