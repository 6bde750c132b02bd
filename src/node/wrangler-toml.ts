/** What the Node side reads from a wrangler.toml. */
import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { isRecord } from '../core/guards.ts';

/** `[vars] SITE_URL` of a wrangler.toml, if it has one. */
export async function wranglerSiteUrl(path: string): Promise<string | undefined> {
  try {
    const vars = parseToml(await readFile(path, 'utf8')).vars;
    return isRecord(vars) && typeof vars.SITE_URL === 'string' ? vars.SITE_URL : undefined;
  } catch {
    return undefined;
  }
}
