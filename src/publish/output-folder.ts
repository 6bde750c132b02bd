/**
 * Every file `build` and `build-worker` write or remove is named by a path relative to the output
 * folder; this is where such a path becomes a file, and it never becomes one outside the folder,
 * whatever made it (config, a site's settings, a term's name, a manifest read back from disk).
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isRecord } from '../core/guards.ts';
import { outputPathProblem } from '../core/output-path.ts';

export class OutputPathError extends Error {
  override readonly name = 'OutputPathError';
}

/**
 * The absolute path of `path` inside `outDir`. Throws OutputPathError for a path that is not a
 * plain relative path (outputPathProblem) or that resolves outside the folder.
 */
export function confinedPath(outDir: string, path: string): string {
  const problem = outputPathProblem(path);
  if (problem !== undefined)
    throw new OutputPathError(`refused to write "${path}" in ${outDir}: it ${problem}`);
  const root = resolve(outDir);
  const target = resolve(root, path);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new OutputPathError(`refused to write "${path}": it resolves outside ${outDir}`);
  }
  return target;
}

/** The absolute path of `path` inside `outDir`, or undefined when it would not be inside. */
export function pathInside(outDir: string, path: string): string | undefined {
  try {
    return confinedPath(outDir, path);
  } catch (error) {
    if (error instanceof OutputPathError) return undefined;
    throw error;
  }
}

/** The lock of an output folder: hidden, inside it (nothing is written outside the folder). */
export const OUTPUT_LOCK = '.feedwright-build.lock';

export class OutputLockedError extends Error {
  override readonly name = 'OutputLockedError';
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isRecord(error) && error.code === 'EPERM';
  }
}

/** Locks this process holds: what a process stopped by a signal releases before it exits. */
const held = new Set<() => void>();

/** Releases every output folder this process holds, at once (for a signal handler). */
export function releaseOutputLocks(): void {
  for (const release of [...held]) release();
}

/**
 * Takes the output folder for this process: two builds writing into one folder at once would
 * leave a mix of both. A lock left by a process that is gone (killed) is taken over. Returns what
 * releases it; throws OutputLockedError while another process holds it.
 */
export async function lockOutputFolder(outDir: string): Promise<() => void> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, OUTPUT_LOCK);
  for (let tries = 0; ; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        if (held.delete(release)) rmSync(path, { force: true });
      };
      held.add(release);
      return release;
    } catch (error) {
      if (!(isRecord(error) && error.code === 'EEXIST') || tries > 2) throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // Gone meanwhile, or being written: try again.
    }
    if (Number.isInteger(holder) && holder !== process.pid && running(holder)) {
      throw new OutputLockedError(
        `another feedwright (pid ${holder}) is writing into ${outDir}: wait for it to finish, or stop it (${path})`,
      );
    }
    if (Number.isInteger(holder)) rmSync(path, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
