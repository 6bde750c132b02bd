/** What the API's options name: a content folder, or a Hugo or Jekyll site whose own settings apply. */
import { resolve } from 'node:path';
import {
  type ConfigInput,
  placeholderLine,
  type RunSettings,
  readConfig,
  type SiteConfig,
} from '../config/site-config.ts';
import { findSite, readSiteDir } from '../sites/site-dir.ts';

export interface ContentSource {
  /** A content folder. @default "content" */
  readonly content?: string;
  /** A Hugo or Jekyll site's root: its own config says where the content is, its URL, zones, permalinks… */
  readonly site?: string;
}

export interface ResolvedContent {
  readonly config: SiteConfig;
  readonly contentDir: string;
  readonly run: RunSettings;
  /** The settings the options or the site wrote (by flat name); the others are defaults. */
  readonly given: ReadonlySet<string>;
  /**
   * The addresses given as placeholders (`https://example.org/`), one line each naming where: the
   * site's config (`config.toml: baseURL = 'http://example.org/'`) or the options (`siteUrl = …`).
   */
  readonly placeholders: readonly string[];
}

/** Validates the options once: fields given win over what a site's own configuration says. */
export function resolveContent(options: ConfigInput & ContentSource): ResolvedContent {
  const { site, ...input } = options;
  if (site !== undefined && input.content !== undefined)
    throw new Error('site and content are one or the other: a site names its content folders');
  const root = site === undefined ? undefined : resolve(site);
  const read = readConfig([root === undefined ? {} : readSiteDir(root), input]);
  const { config, run, given } = read;
  const written = root === undefined ? undefined : findSite(root)?.urlSetting;
  const placeholders = read.placeholders.map((p) =>
    placeholderLine(
      p,
      p.layer === 0 && written ? `${written.file}: ${written.text}` : `${p.at} = '${p.written}'`,
    ),
  );
  return { config, contentDir: root ?? resolve(run.content ?? 'content'), run, given, placeholders };
}
