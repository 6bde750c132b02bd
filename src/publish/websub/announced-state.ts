/**
 * What each WebSub hub was told, kept in the server's cache folder: per hub, the version (ETag) of
 * each feed that hub took or refused for good. Written by one writer (the announcer), after the
 * hub answered — never when a ping is only queued — so a restart announces what is still owed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SiteConfig } from '../../config/site-config.ts';
import { isRecord } from '../../core/guards.ts';
import { isString } from '../../core/shape.ts';
import { writeFileAtomic } from '../atomic-file.ts';

/** Per hub URL: topic → the version the hub was told of. */
export type Announced = Map<string, Map<string, string>>;

/**
 * Where a server remembers what it announced to WebSub hubs: per content folder and feeds address
 * only, so a new version of feedwright still announces what it changed.
 */
export function announcedPath(cacheDir: string, contentDir: string, config: SiteConfig): string {
  const key = createHash('sha1').update(resolve(contentDir)).update(config.feedsUrl.href).digest('base64url');
  return join(cacheDir, `${key}.websub.json`);
}

const versions = (value: unknown): Map<string, string> =>
  new Map(isRecord(value) ? Object.entries(value).filter((e): e is [string, string] => isString(e[1])) : []);

/**
 * What an earlier run announced, for `hubs`; a hub missing from it has no memory (nothing is owed
 * to it). A file of the first version (one table for every hub) counts for each configured hub.
 */
export async function loadAnnounced(path: string, hubs: readonly string[]): Promise<Announced> {
  let kept: unknown;
  try {
    kept = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return new Map();
  }
  if (!isRecord(kept)) return new Map();
  if (kept.version === 2 && isRecord(kept.hubs)) {
    const byHub = kept.hubs;
    return new Map(hubs.filter((hub) => isRecord(byHub[hub])).map((hub) => [hub, versions(byHub[hub])]));
  }
  const shared = versions(kept);
  return shared.size > 0 ? new Map(hubs.map((hub) => [hub, new Map(shared)])) : new Map();
}

export async function saveAnnounced(path: string, announced: Announced): Promise<void> {
  const hubs = Object.fromEntries([...announced].map(([hub, topics]) => [hub, Object.fromEntries(topics)]));
  await writeFileAtomic(path, JSON.stringify({ version: 2, hubs }));
}
