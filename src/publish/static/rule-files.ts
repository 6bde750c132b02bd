/**
 * `_headers` and `_redirects` as static hosts read them (Netlify, Cloudflare Pages): at the root of
 * what they publish, one file each, which the site may have already (Hugo copies `static/_headers`).
 * feedwright's rules are one block of the file, between two marker lines; the site's own lines are
 * kept as they are, and building again replaces the block (the same rules give the same file).
 */
import { readFile, rm } from 'node:fs/promises';
import { isRecord } from '../../core/guards.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { confinedPath } from '../output-folder.ts';

export const BLOCK_START =
  '# feedwright: start (written by feedwright build; your own rules go outside these lines)';
export const BLOCK_END = '# feedwright: end';

/** The site's own lines of a rules file: everything but feedwright's block. */
function ownLines(text: string): string {
  const start = text.indexOf(BLOCK_START);
  if (start < 0) return text;
  const endAt = text.indexOf(BLOCK_END, start);
  const end = endAt < 0 ? text.length : endAt + BLOCK_END.length;
  // The blank line that parts the block from the site's lines goes with it.
  const before = text.slice(0, start).replace(/\n\n$/, '\n');
  let after = text.slice(end).replace(/^\r?\n/, '');
  if (before === '') after = after.replace(/^\r?\n/, '');
  return before + after;
}

/**
 * `existing` with feedwright's block set to `rules` (undefined: removed). The block goes `first`
 * (redirects: the first rule that matches wins, and a site's catch-all must not hide a moved feed)
 * or last (headers: every matching rule applies).
 */
export function mergeRules(existing: string, rules: string | undefined, first: boolean): string {
  const own = ownLines(existing);
  if (rules === undefined) return own;
  const block = `${BLOCK_START}\n${rules.replace(/\n*$/, '\n')}${BLOCK_END}\n`;
  if (own.trim() === '') return block;
  const site = own.endsWith('\n') ? own : `${own}\n`;
  return first ? `${block}\n${site}` : `${site}\n${block}`;
}

async function readIfAny(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isRecord(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Sets feedwright's block of the rules file `name` in `outDir` to `rules` (undefined: none), keeping
 * the site's lines; a file left with nothing in it is removed. True when the file changed.
 */
export async function writeRules(
  outDir: string,
  name: string,
  rules: string | undefined,
  first: boolean,
): Promise<boolean> {
  const path = confinedPath(outDir, name);
  const existing = await readIfAny(path);
  const merged = mergeRules(existing ?? '', rules, first);
  if (merged === (existing ?? '')) return false;
  if (merged.trim() === '') {
    // Only a file that held nothing but feedwright's block is removed; a site's empty one stays.
    if (existing === undefined || !existing.includes(BLOCK_START)) return false;
    await rm(path, { force: true });
    return true;
  }
  await writeFileAtomic(path, merged);
  return true;
}
