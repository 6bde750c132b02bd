/** What the Node side reads from a wrangler.toml. */
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { errorMessage, isRecord } from '../core/guards.ts';

/**
 * `[vars] SITE_URL` of a wrangler.toml; undefined when there is no such file or it sets none. A file
 * that cannot be read or parsed, or a SITE_URL that is not a string, is an error: building with the
 * config's URL instead would put another site's links in every feed, without a word.
 */
export async function wranglerSiteUrl(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isRecord(error) && error.code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${errorMessage(error)}`);
  }
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text);
  } catch (error) {
    const line = isRecord(error) && typeof error.line === 'number' ? `:${error.line}` : '';
    const why = errorMessage(error).split('\n')[0] ?? '';
    throw new Error(`${path}${line}: ${why} (the site URL is read from its [vars] SITE_URL)`);
  }
  const vars = toml.vars;
  if (vars === undefined) return undefined;
  const url = isRecord(vars) ? vars.SITE_URL : undefined;
  if (!isRecord(vars) || (url !== undefined && typeof url !== 'string'))
    throw new Error(`${path}: [vars] SITE_URL must be a string, the site's public URL`);
  return url;
}
