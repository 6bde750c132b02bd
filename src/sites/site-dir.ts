/**
 * Site mode: a Hugo or Jekyll site's folder read as feedwright's config, so a site switching over
 * writes no config at all. Its content folders are relative to the site folder.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConfigInput } from '../config/site-config.ts';
import { SiteConfigError, type WrittenSetting } from './config-files.ts';
import { hugoConfigName, hugoPublishDir, hugoUrlSetting, isHugoSite, readHugoSite } from './hugo.ts';
import { isJekyllSite, jekyllDestination, jekyllUrlSetting, readJekyllSite } from './jekyll.ts';

export { SiteConfigError, type WrittenSetting };

/** The settings of the Hugo or Jekyll site in `dir`. Throws SiteConfigError when it is neither. */
export function readSiteDir(dir: string): ConfigInput {
  const root = resolve(dir);
  if (isHugoSite(root)) return readHugoSite(root);
  if (isJekyllSite(root)) return readJekyllSite(root);
  throw new SiteConfigError(
    `${dir} is neither a Hugo site (hugo.toml, config.toml, config/_default/) nor a Jekyll site (_config.yml)`,
  );
}

/** A site found in a folder: whose it is, the file its settings are in, and where it is published. */
export interface FoundSite {
  readonly generator: 'Hugo' | 'Jekyll';
  /** Its configuration, relative to the site's folder (`hugo.toml`, `_config.yml`). */
  readonly configFile: string;
  /** The folder the generator writes the site into, absolute (Hugo's `publishDir`, Jekyll's `destination`). */
  readonly publishDir: string;
  /** Where the site's URL is written (Hugo's `baseURL`, Jekyll's `url`): what a refusal of it names. */
  readonly urlSetting: WrittenSetting | undefined;
}

/** The Hugo or Jekyll site in `dir`, or undefined when it is neither. */
export function findSite(dir: string): FoundSite | undefined {
  const root = resolve(dir);
  if (isHugoSite(root))
    return {
      generator: 'Hugo',
      configFile: hugoConfigName(root),
      publishDir: resolve(root, hugoPublishDir(root)),
      urlSetting: hugoUrlSetting(root),
    };
  if (isJekyllSite(root)) {
    const configFile = existsSync(join(root, '_config.yml')) ? '_config.yml' : '_config.yaml';
    return {
      generator: 'Jekyll',
      configFile,
      publishDir: resolve(root, jekyllDestination(root)),
      urlSetting: jekyllUrlSetting(root),
    };
  }
  return undefined;
}
