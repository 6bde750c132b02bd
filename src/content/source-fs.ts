/** The content folder on disk (Node only): which Markdown files there are, and reading them. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hashText } from '../hash.ts';
import type { SourceFile } from './article.ts';

export interface FileStamp {
  /** Relative to the content folder, `/`-separated. */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly mtimeMs: number;
}

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

/**
 * Every article file under `root`. Section pages (`_index.md`) and hidden or dependency folders are
 * not articles. Throws when `root` itself cannot be read: that is a failed run, not an empty site.
 */
export async function listContentFiles(root: string): Promise<FileStamp[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const candidates = entries.filter((entry) => {
    if (!entry.isFile() || !MARKDOWN.test(entry.name) || /^_index\./i.test(entry.name)) return false;
    const rel = relative(root, join(entry.parentPath, entry.name));
    return !rel.split(sep).some((part) => part.startsWith('.') || part === 'node_modules');
  });
  const stamps = await Promise.all(
    candidates.map(async (entry) => {
      const absolutePath = join(entry.parentPath, entry.name);
      try {
        const info = await stat(absolutePath);
        const path = relative(root, absolutePath).split(sep).join('/');
        return { path, absolutePath, size: info.size, mtimeMs: info.mtimeMs };
      } catch {
        return undefined; // deleted between readdir and stat: it is simply gone
      }
    }),
  );
  return stamps.filter((s): s is FileStamp => s !== undefined).sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function readSourceFile(stamp: FileStamp): Promise<SourceFile> {
  const text = await readFile(stamp.absolutePath, 'utf8');
  return { path: stamp.path, text, hash: hashText(text) };
}
