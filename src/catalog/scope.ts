/**
 * Which articles a feed shows: the whole site, or the articles that share a value of a grouping — a
 * term of a taxonomy (`tags`, `categories`, a site's own such as `series`), a section or a language.
 * Groupings are rows of one table made from the config; scopes are values.
 */
import type { FeedGrouping, GroupingName, ScopeKind, Taxonomy } from '../config/scope-kinds.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { ArticleHead, SiteLanguage } from '../content/article.ts';
import { languagePrefix } from '../content/paths/languages.ts';
import { encodeSlugPath } from '../content/paths/slug.ts';

export interface Grouping {
  /** `tags`, `categories`, `series`, `sections`, `languages`, `authors`: the scope kind, and per-scope settings' key. */
  readonly name: GroupingName;
  /** Where its scopes' pages and feedwright's own feeds live, relative to the site URL: `tags/`. */
  readonly path: string;
  readonly singular: string;
  readonly plural: string;
  /** A taxonomy's terms are carried by every feed item (RSS and Atom `category`, JSON Feed `tags`). */
  readonly taxonomy: boolean;
  /** The values an article has in the grouping, as written. */
  readonly values: (head: ArticleHead) => readonly string[];
  /** Only worth feeds when articles differ in it (a site in one language has no language feeds). */
  readonly needsTwo?: boolean;
  /** Terms that exist, with a feed, even when no article is in them (a route's `always`). */
  readonly declared?: readonly string[];
  /**
   * The language site an article is in, when the grouping has terms per language (Hugo builds one
   * site per language, each with its own terms and sections): undefined for the default language's
   * (at `/tags/go/`), else the language's folder (`fr`, at `/fr/tags/go/`).
   */
  readonly languageSite?: (head: ArticleHead) => string | undefined;
  /** The folders of the other language sites than the default's (`fr`), when it has languageSite. */
  readonly languageFolders?: readonly string[];
  /**
   * Terms are names as written, each its own (Jekyll: `site.categories` is keyed by the exact name,
   * and jekyll-feed's category feed holds posts with exactly that one: `news,` is not `news`).
   * Otherwise spellings with one slug are one term, as in Hugo.
   */
  readonly exactTerms?: boolean;
}

/** Labels of the taxonomies every site has; others are named after themselves. */
const LABELS: Readonly<Record<string, readonly [string, string]>> = {
  tags: ['Tag', 'Tags'],
  categories: ['Category', 'Categories'],
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The grouping names scopes may have besides taxonomies: Hugo's section and language feeds, authors. */
export const SECTIONS = 'sections';
export const LANGUAGES = 'languages';
export const AUTHORS = 'authors';

interface GroupingSettings {
  readonly taxonomies: readonly Taxonomy[];
  readonly languages: readonly SiteLanguage[];
  readonly language?: string;
  readonly generator?: string;
}

/**
 * Hugo's language sites: with more than one language, each language is a site of its own, with its
 * own terms and sections (`/fr/tags/go/`, `/fr/blog/`); the default language's are at the top.
 * Undefined for other generators and for a site in one language.
 */
function languageSitesOf(
  settings: GroupingSettings,
): Pick<Grouping, 'languageSite' | 'languageFolders'> | undefined {
  if (settings.generator !== 'hugo' || settings.languages.length < 2) return undefined;
  const config = { languages: settings.languages, language: settings.language ?? '' };
  const folders = new Map<string, string | undefined>();
  for (const language of settings.languages) {
    const folder = languagePrefix(language.key, config).replace(/^\/|\/$/g, '') || undefined;
    folders.set(language.code.toLowerCase(), folder);
    folders.set(language.key.toLowerCase(), folder);
  }
  return {
    languageSite: (head) => folders.get(head.language.toLowerCase()),
    languageFolders: [...new Set([...folders.values()].filter((f): f is string => f !== undefined))],
  };
}

/**
 * Every grouping of a site: its taxonomies, then sections, languages and authors when feeds are
 * asked for them (`extra`: the config's `feedsPer` and the kinds its feed routes serve). A taxonomy
 * that has one of their names (a Hugo site's `authors`) is that kind of feed: names are kinds, once.
 */
export function groupingsOf(settings: GroupingSettings, extra: readonly ScopeKind[] = []): Grouping[] {
  const languageSite = languageSitesOf(settings);
  const groupings: Grouping[] = settings.taxonomies.map((taxonomy) => {
    const [singular, plural] = LABELS[taxonomy.name] ?? [
      capitalized(taxonomy.name),
      capitalized(taxonomy.name),
    ];
    return {
      name: taxonomy.name,
      path: `${taxonomy.name}/`,
      singular,
      plural,
      taxonomy: true,
      values: (head) => head.terms[taxonomy.name] ?? [],
      ...languageSite,
      ...(settings.generator === 'jekyll' && { exactTerms: true }),
    };
  });
  const asked = (name: FeedGrouping) =>
    extra.includes(name) && !settings.taxonomies.some((taxonomy) => taxonomy.name === name);
  if (asked(SECTIONS)) {
    groupings.push({
      name: SECTIONS,
      path: '',
      singular: 'Section',
      plural: 'Sections',
      taxonomy: false,
      values: (head) => (head.section && !head.termsOnly ? [head.section] : []),
      ...languageSite,
    });
  }
  if (asked(LANGUAGES)) {
    // Hugo's language folders are named by the language's key, feeds carry its code.
    const keys = new Map(settings.languages.map((l) => [l.code.toLowerCase(), l.key]));
    groupings.push({
      name: LANGUAGES,
      path: '',
      singular: 'Language',
      plural: 'Languages',
      taxonomy: false,
      values: (head) => (head.termsOnly ? [] : [keys.get(head.language.toLowerCase()) ?? head.language]),
      needsTwo: true,
    });
  }
  if (asked(AUTHORS)) {
    groupings.push({
      name: AUTHORS,
      path: 'authors/',
      singular: 'Author',
      plural: 'Authors',
      taxonomy: false,
      values: (head) =>
        head.termsOnly ? [] : head.authors.flatMap((author) => author.name ?? author.email ?? []),
    });
  }
  return groupings;
}

/** A scope: the whole site (`kind: 'site'`, no slug), or one term of a grouping. */
export interface FeedScope {
  /** `site`, or the grouping's name. */
  readonly kind: ScopeKind;
  /** The term's slug, as in its URL (not encoded); `''` for the site. */
  readonly slug: string;
  /** A term of one language site (see Grouping.languageSite): its folder (`fr`). */
  readonly language?: string;
}

/** A term's scope: one of a grouping's. */
export interface TermScope extends FeedScope {
  readonly kind: GroupingName;
}

const byConfig = new WeakMap<SiteConfig, readonly Grouping[]>();

/** The groupings of a site's config: its taxonomies, and sections and languages its feed routes serve. */
export function configGroupings(config: SiteConfig): readonly Grouping[] {
  let groupings = byConfig.get(config);
  if (!groupings) {
    groupings = groupingsOf(config, [...config.feedsPer, ...config.feeds.map((route) => route.scope)]).map(
      (grouping) => {
        const declared = config.feeds.flatMap((route) =>
          route.always && route.scope === grouping.name ? (route.only ?? []) : [],
        );
        return declared.length > 0 ? { ...grouping, declared } : grouping;
      },
    );
    byConfig.set(config, groupings);
  }
  return groupings;
}

export const SITE_SCOPE: FeedScope = { kind: 'site', slug: '' };

export function groupingOf(groupings: readonly Grouping[], kind: ScopeKind): Grouping | undefined {
  return groupings.find((g) => g.name === kind);
}

/** Which language site an article is in, when a site is one site per language (see Grouping.languageSite). */
export function languageSiteOf(
  groupings: readonly Grouping[],
): ((head: ArticleHead) => string | undefined) | undefined {
  return groupings.find((grouping) => grouping.languageSite)?.languageSite;
}

/** A stable string for maps and cache keys. */
export function scopeKey(scope: FeedScope): string {
  if (scope.kind === 'site') return 'site';
  return scope.language === undefined
    ? `${scope.kind}:${scope.slug}`
    : `${scope.kind}@${scope.language}:${scope.slug}`;
}

/** The key of a scope's term among its grouping's terms: its slug, under its language site's folder. */
export function termMapKey(scope: { readonly slug: string; readonly language?: string | undefined }): string {
  return scope.language === undefined ? scope.slug : `${scope.language}/${scope.slug}`;
}

/**
 * Where a scope's page (and feedwright's own feeds) live, relative to the site URL: `''` for the
 * site, `tags/c%23/` for a term, `cn/kids/` for a section. The one place a term's path is made. As a
 * file path (`build`), the slug is not encoded: static servers decode a request's path first.
 */
export function scopePath(scope: FeedScope, form: 'url' | 'file' = 'url'): string {
  if (scope.kind === 'site') return '';
  const slug = form === 'url' ? encodeSlugPath(scope.slug) : scope.slug;
  const folder = scope.kind === SECTIONS || scope.kind === LANGUAGES ? '' : `${scope.kind}/`;
  const site = scope.language === undefined ? '' : `${scope.language}/`;
  return `${site}${folder}${slug}/`;
}
