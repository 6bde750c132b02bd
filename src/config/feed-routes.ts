/**
 * Where feeds are served, as rows of a table: a scope kind, a path template and a format. feedwright's
 * own paths follow from the format table; a site switching from another generator adds that
 * generator's paths (jekyll-feed's Atom `/feed.xml`, Hugo's `/<section>/index.xml`), which win where
 * both name the same path, so its subscribers keep getting the format they subscribed to.
 */
import { isRecord } from '../core/guards.ts';
import { outputPathProblem } from '../core/output-path.ts';
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
  /** The one term served at a path without `{slug}` (Hugo's default language at `/index.xml`). */
  readonly term?: string;
  /** Only these terms (as written) have a feed here (jekyll-feed's `feed.categories`). */
  readonly only?: readonly string[];
  /** Not these. */
  readonly except?: readonly string[];
  /** Only terms matching this (jekyll-feed serves tag feeds only for `[A-Za-z0-9_]+`). */
  readonly match?: string;
}

const isFormatName = (value: unknown): value is FormatName =>
  typeof value === 'string' && (FORMAT_NAMES as readonly string[]).includes(value);

const textList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Checks the `feeds` setting, adding a problem for each row that is not a route of one of `kinds`. */
export function readFeedRoutes(value: unknown, kinds: readonly ScopeKind[], problems: string[]): FeedRoute[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('feeds must be a list of { scope, path, format }');
    return [];
  }
  return value.flatMap((row): FeedRoute[] => {
    const valid =
      isRecord(row) &&
      typeof row.scope === 'string' &&
      typeof row.path === 'string' &&
      row.path !== '' &&
      !row.path.startsWith('/') &&
      isFormatName(row.format) &&
      (row.term === undefined || typeof row.term === 'string') &&
      (row.only === undefined || textList(row.only)) &&
      (row.except === undefined || textList(row.except)) &&
      (row.match === undefined || typeof row.match === 'string');
    if (!valid || !isRecord(row) || !isFormatName(row.format)) {
      problems.push(`feeds: ${JSON.stringify(row)} is not { scope, path (relative), format: rss|atom|json }`);
      return [];
    }
    const scope = kinds.find((kind) => kind === row.scope);
    if (scope === undefined) {
      problems.push(`feeds: scope "${row.scope}" is not a kind of feed (known: ${kinds.join(', ')})`);
      return [];
    }
    const pathProblem = outputPathProblem(String(row.path));
    if (pathProblem) {
      problems.push(`feeds: path ${JSON.stringify(row.path)} ${pathProblem}`);
      return [];
    }
    if (typeof row.match === 'string') {
      try {
        new RegExp(row.match);
      } catch {
        problems.push(`feeds: "${row.match}" is not a regular expression`);
        return [];
      }
    }
    return [
      {
        scope,
        path: String(row.path),
        format: row.format,
        ...(typeof row.term === 'string' && { term: row.term }),
        ...(textList(row.only) && { only: row.only }),
        ...(textList(row.except) && { except: row.except }),
        ...(typeof row.match === 'string' && { match: row.match }),
      },
    ];
  });
}
