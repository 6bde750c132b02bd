/** What a server announced to WebSub hubs, kept in its cache folder so a restart announces only what changed. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SiteConfig } from '../../config/site-config.ts';
import { isRecord } from '../../core/guards.ts';
import { isString } from '../../core/shape.ts';
import { writeFileAtomic } from '../atomic-file.ts';

/**
 * Where a server remembers the ETag it last announced to WebSub hubs for each feed: per content
 * folder and feeds address only, so a new version of feedwright still announces what it changed.
 */
export function announcedPath(cacheDir: string, contentDir: string, config: SiteConfig): string {
  const key = createHash('sha1').update(resolve(contentDir)).update(config.feedsUrl.href).digest('base64url');
  return join(cacheDir, `${key}.websub.json`);
}

/** The announced ETags kept by an earlier run (topic → ETag); none when missing or unreadable. */
export async function loadAnnounced(path: string): Promise<Map<string, string>> {
  try {
    const kept: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!isRecord(kept)) return new Map();
    return new Map(Object.entries(kept).filter((entry): entry is [string, string] => isString(entry[1])));
  } catch {
    return new Map();
  }
}

export async function saveAnnounced(path: string, announced: ReadonlyMap<string, string>): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(Object.fromEntries(announced)));
}
