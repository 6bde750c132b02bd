/**
 * What each feed of a site is called: the same in the feed itself, its HTML view, the OPML,
 * feeds.json and the index page. A title says what the feed is ("Site — Tag: Go", "Site —
 * Category: Go", "Site (中文)"), and no two feeds of a site share one, even as readers compare them:
 * rss2email, sfeed and others name a subscription after its title with case and punctuation folded
 * away, and refuse or merge two that come out the same ("C#" and "C++").
 */
import { allScopes, type Catalog } from '../catalog/catalog.ts';
import {
  configGroupings,
  type FeedScope,
  groupingOf,
  LANGUAGES,
  scopeKey,
  scopePath,
} from '../catalog/scope.ts';
import { type Term, termOfScope } from '../catalog/terms.ts';
import type { SiteConfig } from '../config/site-config.ts';

/** A term's name as its feeds show it: what its own page calls it, else the name articles use. */
export function termName(term: Term): string {
  return term.page?.title ?? term.name;
}

/**
 * How readers that name subscriptions after titles tell them apart: case folded, and every run of
 * characters that are not letters or digits one separator (rss2email keeps `.`, `-` and `_`; folding
 * them too is stricter, never looser).
 */
function looseKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A language's feed served at the site's root (a multilingual Hugo site's home feed, in its default
 * language): the feed subscribers of the site have, titled as the site is.
 */
function atRoot(config: SiteConfig, scope: FeedScope): boolean {
  return config.feeds.some(
    (route) => route.scope === LANGUAGES && route.term === scope.slug && !route.path.includes('/'),
  );
}

/** The title a scope would have if no other feed had it too. */
function ownTitle(catalog: Catalog, config: SiteConfig, scope: FeedScope): string {
  const site = config.title;
  if (scope.kind === 'site') {
    const languages = catalog.terms[LANGUAGES];
    const rootLanguage = [...(languages?.values() ?? [])].some((term) => atRoot(config, term));
    return rootLanguage ? `${site} (all languages)` : site;
  }
  if (scope.kind === LANGUAGES) {
    const language = config.languages.find((l) => l.key === scope.slug);
    // Hugo titles a language's home feed with the site's title in that language.
    const own = language?.title ?? (atRoot(config, scope) ? site : undefined);
    if (own !== undefined && (own !== site || atRoot(config, scope))) return own;
    return `${site} (${language?.name ?? language?.code ?? scope.slug})`;
  }
  const term = termOfScope(catalog.terms, scope);
  const name = term ? termName(term) : scope.slug;
  const worded = term?.page?.feedTitle?.replaceAll('{site}', site).replaceAll('{name}', name).trim();
  if (worded) return worded;
  const label = groupingOf(configGroupings(config), scope.kind)?.singular ?? scope.kind;
  return `${site} — ${label}: ${name}`;
}

/** By config, then by the catalog's terms (an archive page's model shares them with its catalog). */
const memo = new WeakMap<SiteConfig, WeakMap<object, ReadonlyMap<string, string>>>();

/**
 * Every feed's title, by scope key. Titles that readers would take for one another get the path of
 * their page (percent-encoded, so `c%23` and `c++` stay apart) after them; the site's own feed keeps
 * its title. Made once per catalog.
 *
 * In site mode the generator's wording of the site's own feed is kept (the site's title; a
 * multilingual Hugo site's home feed, in its default language, too: those are what subscribers
 * have). Term feeds are worded as here, not as Hugo ("qq on Site", for a tag and a category alike)
 * or jekyll-feed did: theirs are the titles readers cannot tell apart.
 */
export function feedTitles(catalog: Catalog, config: SiteConfig): ReadonlyMap<string, string> {
  let byCatalog = memo.get(config);
  if (!byCatalog) {
    byCatalog = new WeakMap();
    memo.set(config, byCatalog);
  }
  const known = byCatalog.get(catalog.terms);
  if (known) return known;
  const scopes = allScopes(catalog);
  const titles = new Map(scopes.map((scope) => [scopeKey(scope), ownTitle(catalog, config, scope)]));
  const rename = (key: string, title: string) => titles.set(key, title);
  // Once with each page's path, then (for titles written to collide even so) numbered.
  for (const suffix of [
    (scope: FeedScope) => ` (${scopePath(scope)})`,
    (_scope: FeedScope, n: number) => ` (${n})`,
  ]) {
    const groups = new Map<string, FeedScope[]>();
    for (const scope of scopes) {
      const loose = looseKey(titles.get(scopeKey(scope)) ?? '');
      const group = groups.get(loose);
      if (group) group.push(scope);
      else groups.set(loose, [scope]);
    }
    let clashes = false;
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      clashes = true;
      group.forEach((scope, i) => {
        const key = scopeKey(scope);
        if (scope.kind !== 'site') rename(key, `${titles.get(key)}${suffix(scope, i + 1)}`);
      });
    }
    if (!clashes) break;
  }
  byCatalog.set(catalog.terms, titles);
  return titles;
}

/** A feed's title (see feedTitles). */
export function feedTitle(catalog: Catalog, config: SiteConfig, scope: FeedScope): string {
  return feedTitles(catalog, config).get(scopeKey(scope)) ?? ownTitle(catalog, config, scope);
}
