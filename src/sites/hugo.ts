/**
 * A Hugo site's own settings as feedwright's config: base URL, title, languages and their content
 * folders, time zone, permalinks and ugly URLs per section, taxonomies, main sections, RSS limit,
 * `[frontmatter]` date sources, and the paths its feeds were served at (the RSS output format's
 * base name, Atom output formats, section, language and term feeds). As Hugo 0.111 reads them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { FeedRouteInput, FormatName } from '../config/feed-routes.ts';
import type { ConfigInput } from '../config/site-config.ts';
import type { ContentRoot } from '../content/article.ts';
import { hugoCascade } from '../content/front-matter/defaults.ts';
import { GENERATORS } from '../content/generators.ts';
import { isRecord } from '../core/guards.ts';
import { outputPathProblem } from '../core/output-path.ts';
import {
  lowerKeys,
  readConfigFile,
  readConfigFolder,
  SiteConfigError,
  type Table,
  type WrittenSetting,
  writtenSetting,
} from './config-files.ts';

const ROOT_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];

/** True when `dir` holds a Hugo site's configuration. */
export function isHugoSite(dir: string): boolean {
  return (
    ROOT_FILES.some((name) => existsSync(join(dir, name))) || existsSync(join(dir, 'config', '_default'))
  );
}

/** The file (or folder) holding a Hugo site's configuration, relative to `dir`. */
export function hugoConfigName(dir: string): string {
  return ROOT_FILES.find((name) => existsSync(join(dir, name))) ?? 'config/_default/';
}

/**
 * Where a Hugo site's `baseURL` is written: the root config file that sets it, else the one in
 * `config/_default/` (the root file wins, as readHugoConfig lays it over the folder).
 */
export function hugoUrlSetting(dir: string): WrittenSetting | undefined {
  const files = [...ROOT_FILES, ...ROOT_FILES.map((name) => `config/_default/${name}`)];
  for (const file of files) {
    if (!existsSync(join(dir, file))) continue;
    const table = lowerKeys(readConfigFile(join(dir, file)));
    const value = isRecord(table) ? text(table.baseurl) : undefined;
    if (value !== undefined) return writtenSetting(dir, file, 'baseURL', value);
  }
  return undefined;
}

/** Where Hugo writes the site (`publishDir`, `public` unless set), relative to `dir`. */
export function hugoPublishDir(dir: string): string {
  return text(readHugoConfig(dir).publishdir) ?? 'public';
}

function readHugoConfig(dir: string): Table {
  const file = ROOT_FILES.map((name) => join(dir, name)).find((path) => existsSync(path));
  const folder = join(dir, 'config', '_default');
  const table = {
    ...(existsSync(folder) ? readConfigFolder(folder) : {}),
    ...(file ? readConfigFile(file) : {}),
  };
  const lowered = lowerKeys(table);
  return isRecord(lowered) ? lowered : {};
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const table = (value: unknown): Table => (isRecord(value) ? value : {});
const texts = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/** Hugo's defaults for `[frontmatter]`, and the aliases it adds to each list. */
const DATE_DEFAULTS = GENERATORS.hugo.dates;
const DATE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  lastmod: ['modified'],
  publishdate: ['pubdate', 'published'],
  expirydate: ['unpublishdate'],
};

function dateList(configured: unknown, defaults: readonly string[]): string[] {
  const list = configured === undefined ? [...defaults] : texts(configured).map((s) => s.toLowerCase());
  const expanded = list.flatMap((s) => (s === ':default' ? defaults : [s]));
  return [...new Set(expanded.flatMap((s) => [s, ...(DATE_ALIASES[s] ?? [])]))];
}

/** A page's link always ends in `/`, or, with ugly URLs, in `.html` (page_paths.go). */
function pagePattern(pattern: string, ugly: boolean): string {
  const bare = pattern.replace(/\/+$/, '');
  return ugly ? `${bare}.html` : `${bare}/`;
}

interface OutputFormat {
  readonly name: string;
  readonly format: FormatName;
  readonly baseName: string;
  readonly ugly: boolean;
}

/** An output format's `baseName`, when it names a file inside the output folder (Hugo's `index` when unset). */
function baseNameOf(definition: Table, name: string): string {
  const baseName = text(definition.basename) ?? 'index';
  const problem = outputPathProblem(`${baseName}.xml`);
  if (problem)
    throw new SiteConfigError(`outputFormats.${name}.baseName ${JSON.stringify(baseName)} ${problem}`);
  return baseName;
}

/** The output formats that are feeds: Hugo's RSS, and any whose media type is Atom's. */
function feedFormats(config: Table): OutputFormat[] {
  const outputFormats = table(config.outputformats);
  const mediaTypes = table(config.mediatypes);
  const formats: OutputFormat[] = [];
  const rss = table(outputFormats.rss);
  // RSS has noUgly: its feeds stay index.xml whatever uglyURLs says.
  formats.push({ name: 'rss', format: 'rss', baseName: baseNameOf(rss, 'rss'), ugly: false });
  for (const [name, value] of Object.entries(outputFormats)) {
    if (name === 'rss') continue;
    const definition = table(value);
    const mediaType = (text(definition.mediatype) ?? '').toLowerCase();
    const suffixes = texts(table(mediaTypes[mediaType]).suffixes);
    if (!mediaType.includes('atom') || (suffixes.length > 0 && !suffixes.includes('xml'))) continue;
    formats.push({
      name,
      format: 'atom',
      baseName: baseNameOf(definition, name),
      ugly: definition.nougly !== true,
    });
  }
  return formats;
}

/** Which feed outputs a kind of page has (`outputs`, less disabled kinds), by Hugo 0.111's defaults. */
function outputsOf(config: Table, kind: 'home' | 'section' | 'term', formats: readonly OutputFormat[]) {
  const disabled = texts(config.disablekinds).map((k) => k.toLowerCase());
  if (disabled.includes(kind) || (kind === 'term' && disabled.includes('taxonomy'))) return [];
  const configured = table(config.outputs)[kind];
  const names = configured === undefined ? ['html', 'rss'] : texts(configured).map((n) => n.toLowerCase());
  if (disabled.includes('rss')) names.splice(names.indexOf('rss') >>> 0, 1);
  return formats.filter((f) => names.includes(f.name));
}

function feedRoutes(
  config: Table,
  taxonomies: readonly string[],
  languages: readonly { key: string }[],
  defaultLanguage: string,
  uglyEverywhere: boolean,
): FeedRouteInput[] {
  const formats = feedFormats(config);
  const routes: FeedRouteInput[] = [];
  const file = (f: OutputFormat, folder: string) =>
    f.ugly && uglyEverywhere && folder ? `${folder}.xml` : `${folder ? `${folder}/` : ''}${f.baseName}.xml`;
  for (const f of outputsOf(config, 'home', formats)) {
    if (languages.length > 1) {
      routes.push({ scope: 'languages', path: `${f.baseName}.xml`, format: f.format, term: defaultLanguage });
      routes.push({
        scope: 'languages',
        path: `{slug}/${f.baseName}.xml`,
        format: f.format,
        except: [defaultLanguage],
      });
    } else routes.push({ scope: 'site', path: `${f.baseName}.xml`, format: f.format });
  }
  // Each language is a site of its own, with its own sections and terms under its folder.
  const sites = [
    { prefix: '', language: undefined },
    ...(languages.length > 1
      ? languages
          .filter((l) => l.key !== defaultLanguage)
          .map((l) => ({ prefix: `${l.key.toLowerCase()}/`, language: l.key.toLowerCase() }))
      : []),
  ];
  for (const { prefix, language } of sites) {
    const inSite = language === undefined ? {} : { language };
    for (const f of outputsOf(config, 'section', formats)) {
      // A section page's own `outputs` (events/_index.md: [HTML, Calendar]) can leave its feed out.
      routes.push({
        scope: 'sections',
        path: prefix + file(f, '{slug}'),
        format: f.format,
        output: f.name,
        ...inSite,
      });
    }
    for (const f of outputsOf(config, 'term', formats)) {
      for (const taxonomy of taxonomies)
        routes.push({
          scope: taxonomy,
          path: prefix + file(f, `${taxonomy}/{slug}`),
          format: f.format,
          output: f.name,
          ...inSite,
        });
    }
  }
  return routes;
}

/**
 * The content folders `module.mounts` mounts (`source: content/en, target: content, lang: en`):
 * when a site mounts any, Hugo reads only those. Undefined when it mounts none.
 */
function contentMounts(config: Table, languageKeys: readonly string[]): ContentRoot[] | undefined {
  const mounts = table(config.module).mounts;
  const roots = (Array.isArray(mounts) ? mounts : []).flatMap((value): ContentRoot[] => {
    const mount = table(value);
    const source = text(mount.source)?.replace(/^\.?\/+|\/+$/g, '');
    const target = text(mount.target)?.replace(/^\/+|\/+$/g, '');
    if (source === undefined || (target !== 'content' && !target?.startsWith('content/'))) return [];
    const language = text(mount.lang);
    const within = target.slice('content'.length).replace(/^\//, '');
    return [
      {
        dir: source,
        ...(language !== undefined && languageKeys.length > 1 && { language }),
        ...(within && { target: within }),
      },
    ];
  });
  return roots.length > 0 ? roots : undefined;
}

/** A feed template that prints a page's `.PublishDate` as the item's date (`<pubDate>`, `<published>`). */
const PRINTS_PUBLISH_DATE = /<(?:pubDate|published)>\s*\{\{-?\s*(?:\$\.|\.)?PublishDate\b/;

/** A feed template whose items link to a page's `.Params.link` (a link post), as Atom's alternate or RSS's link. */
const LINKS_PARAMS_LINK =
  /\.Params\.link\b[\s\S]{0,200}?(?:rel="alternate"|<link>)|<link>\s*\{\{-?\s*\.Params\.link\b/;

/** The text of the site's and its themes' feed templates (the `.xml` files of their layouts). */
function feedTemplates(dir: string, config: Table): { readonly name: string; readonly text: string }[] {
  const themes = texts(config.theme);
  const folders = [join(dir, 'layouts'), ...themes.map((theme) => join(dir, 'themes', theme, 'layouts'))];
  const found: { name: string; text: string }[] = [];
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.xml')) continue;
      const path = join(folder, name);
      const info = statSync(path, { throwIfNoEntry: false });
      if (info?.isFile() && info.size <= 200_000)
        found.push({ name: name.split(sep).join('/'), text: readFileSync(path, 'utf8') });
    }
  }
  return found;
}

/** The templates of the site's home, section and term feeds (not one section's own: `rbloggers/rss.xml`). */
const SITE_FEED_TEMPLATE = /^(?:_default\/)?[^/]+\.xml$/;

/** A feed template that picks the pages it lists (`where .Site.RegularPages "Type" "in" …`). */
const PICKS_PAGES = /\bwhere\b[^}]*\.(?:RegularPages|Pages|Data\.Pages)\b/;

/**
 * What the site's feed templates print, where a theme's differ from Hugo's own: `.PublishDate` as
 * the item's date, and `.Params.link` as its link (link posts); and whether they pick the pages they
 * list (then undated pages are no posts: an about page is not in such a site's feeds).
 */
function templateRules(dir: string, config: Table) {
  const all = feedTemplates(dir, config);
  const templates = all.map((t) => t.text);
  const picks = all.some((t) => SITE_FEED_TEMPLATE.test(t.name) && PICKS_PAGES.test(t.text));
  return {
    undatedPages: picks ? ('main-section' as const) : ('publish' as const),
    itemDate: templates.some((t) => PRINTS_PUBLISH_DATE.test(t))
      ? ('publishDate' as const)
      : ('date' as const),
    linkField: templates.some((t) => LINKS_PARAMS_LINK.test(t)) ? 'link' : '',
  };
}

/** One language of the site, as feedwright's config takes it. */
interface HugoLanguage {
  readonly key: string;
  readonly code: string;
  readonly name?: string;
  readonly title?: string;
}

/** The site's languages: their tables by key (a disabled language is none), and each one's names. */
function siteLanguages(config: Table, defaultLanguage: string) {
  // A disabled language is no site (vitess.io configures zh and disables it).
  const disabled = texts(config.disablelanguages).map((key) => key.toLowerCase());
  const tables: Readonly<Record<string, unknown>> = Object.fromEntries(
    Object.entries(table(config.languages)).filter(([key]) => !disabled.includes(key.toLowerCase())),
  );
  // `locale` is what Hugo 0.158 and later call `languageCode`.
  const codeOf = (t: Table) => text(t.languagecode) ?? text(t.locale);
  const languages = Object.keys(tables).map((key): HugoLanguage => {
    const language = table(tables[key]);
    // What names its feeds: the language's own name, and the site's title in it.
    const name = text(language.languagename) ?? text(language.label);
    const title = text(language.title) ?? text(table(language.params).title);
    return {
      key,
      code: codeOf(language) ?? (key === defaultLanguage ? codeOf(config) : undefined) ?? key,
      ...(name && { name }),
      ...(title && { title }),
    };
  });
  const defaultCode =
    languages.find((l) => l.key === defaultLanguage)?.code ?? codeOf(config) ?? defaultLanguage;
  return { tables, languages, defaultCode };
}

/**
 * The content folders Hugo reads: the mounted ones when the site mounts any, else each language's
 * `contentDir` (a folder only one of several languages reads holds that language), else `contentDir`.
 */
function contentRoots(config: Table, languageTables: Readonly<Record<string, unknown>>): ContentRoot[] {
  const languageKeys = Object.keys(languageTables);
  const mounted = contentMounts(config, languageKeys);
  if (mounted) return mounted;
  const contentDir = text(config.contentdir) ?? 'content';
  if (languageKeys.length === 0) return [{ dir: contentDir }];
  const dirOf = (key: string) => text(table(languageTables[key]).contentdir) ?? contentDir;
  return [...new Set(languageKeys.map(dirOf))].map((dir) => {
    const [only, ...others] = languageKeys.filter((key) => dirOf(key) === dir);
    return only !== undefined && others.length === 0 && languageKeys.length > 1
      ? { dir, language: only }
      : { dir };
  });
}

/**
 * The pages' permalink patterns, the default and by section, with ugly URLs (`uglyURLs`, for every
 * page or by section) folded in; `uglyEverywhere` also makes the feeds' paths ugly.
 */
function hugoPermalinks(config: Table) {
  const ugly = config.uglyurls;
  // A site can keep its HTML pages pretty while its other outputs are ugly (`[outputFormats.html] noUgly`).
  const htmlNoUgly = table(table(config.outputformats).html).nougly === true;
  const uglyEverywhere = ugly === true;
  const uglyPages = uglyEverywhere && !htmlNoUgly;
  const uglySections = isRecord(ugly) ? Object.keys(ugly).filter((s) => ugly[s] === true) : [];
  const permalinks: Record<string, string> = {};
  // Hugo 0.117's `[permalinks.page]` holds what `[permalinks]` held (pages' patterns by section).
  const permalinkTable = isRecord(table(config.permalinks).page)
    ? table(table(config.permalinks).page)
    : table(config.permalinks);
  for (const [section, pattern] of Object.entries(permalinkTable)) {
    if (typeof pattern === 'string')
      permalinks[section.replace(/^\/+|\/+$/g, '')] = pagePattern(
        pattern,
        (uglyPages || uglySections.includes(section)) && !htmlNoUgly,
      );
  }
  const defaultPath = GENERATORS.hugo.permalink;
  for (const section of uglySections) permalinks[section] ??= pagePattern(defaultPath, true);
  return { permalink: pagePattern(defaultPath, uglyPages), permalinks, uglyEverywhere };
}

/** Where each of a page's dates is read from: `[frontmatter]`, else Hugo's defaults (git's with `enableGitInfo`). */
function hugoDates(config: Table) {
  const frontmatter = table(config.frontmatter);
  const lastmodDefaults =
    config.enablegitinfo === true ? [':git', ...DATE_DEFAULTS.lastmod] : DATE_DEFAULTS.lastmod;
  return {
    date: dateList(frontmatter.date, DATE_DEFAULTS.date),
    publishDate: dateList(frontmatter.publishdate, DATE_DEFAULTS.publishDate),
    lastmod: dateList(frontmatter.lastmod, lastmodDefaults),
    expiryDate: dateList(frontmatter.expirydate, DATE_DEFAULTS.expiryDate),
  };
}

/** The taxonomies' plural names: `[taxonomies]`, else Hugo's tags and categories. */
function hugoTaxonomies(config: Table): string[] {
  const taxonomyTable =
    config.taxonomies === undefined ? { tag: 'tags', category: 'categories' } : table(config.taxonomies);
  return Object.values(taxonomyTable).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The site's settings as config input; content folders are relative to `dir`. */
export function readHugoSite(dir: string): ConfigInput {
  const config = readHugoConfig(dir);
  const baseUrl = text(config.baseurl);
  if (!baseUrl) throw new SiteConfigError(`${dir}: the Hugo config sets no baseURL`);
  const params = table(config.params);
  const defaultLanguage = text(config.defaultcontentlanguage) ?? 'en';
  const { tables, languages, defaultCode } = siteLanguages(config, defaultLanguage);
  const { permalink, permalinks, uglyEverywhere } = hugoPermalinks(config);
  const taxonomies = hugoTaxonomies(config);
  const limit = Number(table(table(config.services).rss).limit ?? config.rsslimit ?? -1);

  return {
    generator: 'hugo',
    siteUrl: baseUrl,
    title: text(config.title) ?? text(table(tables[defaultLanguage]).title) ?? baseUrl,
    description: text(params.description) ?? '',
    language: defaultCode,
    ...(text(config.timezone) && { timeZone: text(config.timezone) }),
    permalink,
    permalinks,
    // Only the languages the site configures are languages (`post.pm.md` is no Perl-mongers translation).
    languages: languages.length > 0 ? languages : [{ key: defaultLanguage, code: defaultCode }],
    roots: contentRoots(config, tables),
    ignoreFiles: texts(config.ignorefiles),
    // The config's cascade reaches every page it aims at.
    defaults: hugoCascade(config.cascade, ''),
    ...templateRules(dir, config),
    taxonomies,
    sections: texts(params.mainsections ?? config.mainsections),
    dates: hugoDates(config),
    future: config.buildfuture === true,
    itemLimit: Number.isInteger(limit) && limit > 0 ? limit : 0,
    feeds: feedRoutes(config, taxonomies, languages, defaultLanguage, uglyEverywhere),
    // The site's feeds are the ones Hugo made (its kinds, outputs and disabled kinds); feedwright's
    // own formats are added beside them, in their folders.
    ownFeeds: 'beside',
  };
}
