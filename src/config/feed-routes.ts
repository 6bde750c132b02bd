/**
 * Where feeds are served, as rows of a table: a scope kind, a path template and a format. feedwright's
 * own paths follow from the format table; a site switching from another generator adds that
 * generator's paths (jekyll-feed's Atom `/feed.xml`, Hugo's `/<section>/index.xml`), which win where
 * both name the same path, so its subscribers keep getting the format they subscribed to.
 */
import type { ScopeKind } from './scope-kinds.ts';

export type FormatName = 'rss' | 'atom' | 'json';
export const FORMAT_NAMES: readonly FormatName[] = ['rss', 'atom', 'json'];

/** A route as written (site mode's readers write them too): its scope is any text until checked. */
export interface FeedRouteInput extends Omit<FeedRoute, 'scope'> {
  readonly scope: string;
}

export interface FeedRoute {
  /** `site`, or the grouping whose terms it serves: a taxonomy (`tags`), `sections`, `languages`, `authors`. */
  readonly scope: ScopeKind;
  /**
   * Relative to the feeds URL: `feed.xml`, `tags/{slug}.xml`, `feed/by_tag/{name}.xml`. `{slug}` is
   * the term's slug (Hugo's path), `{name}` the term as written (jekyll-feed's path).
   */
  readonly path: string;
  readonly format: FormatName;
  /** Terms of one language site (Hugo's `/fr/tags/{slug}/`): its folder. Absent: the default's. */
  readonly language?: string;
  /** The one term served at a path without `{slug}` (Hugo's default language at `/index.xml`). */
  readonly term?: string;
  /** Only these terms (as written) have a feed here (jekyll-feed's `feed.categories`). */
  readonly only?: readonly string[];
  /** Every term of `only` has a feed here, even one no article is in (jekyll-feed writes them all). */
  readonly always?: boolean;
  /** Not these. */
  readonly except?: readonly string[];
  /** Only terms matching this (jekyll-feed serves tag feeds only for `[A-Za-z0-9_]+`). */
  readonly match?: string;
  /**
   * The generator's name for this output format (Hugo's `rss`, or a site's Atom format): a term whose
   * own page names its outputs (Hugo's `outputs` front matter) has this feed only if it names this one.
   */
  readonly output?: string;
}
