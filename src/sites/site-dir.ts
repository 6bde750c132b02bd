/**
 * Site mode: a Hugo or Jekyll site's folder read as feedwright's config, so a site switching over
 * writes no config at all. Its content folders are relative to the site folder.
 */
import { resolve } from 'node:path';
import type { ConfigInput } from '../config/site-config.ts';
import { SiteConfigError } from './config-files.ts';
import { isHugoSite, readHugoSite } from './hugo.ts';
import { isJekyllSite, readJekyllSite } from './jekyll.ts';

export { SiteConfigError };

/** The settings of the Hugo or Jekyll site in `dir`. Throws SiteConfigError when it is neither. */
export function readSiteDir(dir: string): ConfigInput {
  const root = resolve(dir);
  if (isHugoSite(root)) return readHugoSite(root);
  if (isJekyllSite(root)) return readJekyllSite(root);
  throw new SiteConfigError(
    `${dir} is neither a Hugo site (hugo.toml, config.toml, config/_default/) nor a Jekyll site (_config.yml)`,
  );
}
