/**
 * Every file `build` and `build-worker` write or remove is named by a path relative to the output
 * folder; this is where such a path becomes a file, and it never becomes one outside the folder,
 * whatever made it (config, a site's settings, a term's name, a manifest read back from disk).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
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
