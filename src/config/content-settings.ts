/**
 * The settings that decide how content is read (ReadSettings less the site's URL, zone and language):
 * whose rules, which folders, sections, languages, taxonomies and date sources. Site mode fills them
 * from a Hugo or Jekyll site's own configuration; each can also be written in feedwright.config.ts.
 */
import type {
  ContentRoot,
  DateSources,
  Generator,
  ReadSettings,
  SiteLanguage,
  TaxonomySetting,
} from '../content/article.ts';
import { GENERATORS } from '../content/generators.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from '../content/language-tag.ts';
import { isRecord } from '../core/guards.ts';
import { asTaxonomyName, RESERVED_KIND, type TaxonomyName } from './scope-kinds.ts';

/** The content settings a config file may write. */
export interface ContentUserConfig {
  /** Permalink pattern: `:year :month :day :slug :section :filename :title`. @default "/posts/:slug/" */
  readonly permalink?: string;
  /**
   * Read the content by the rules of the generator the site is built with, so that every item keeps
   * its id, link and date (`--site` sets it). @default "feedwright"
   */
  readonly generator?: Generator;
  /** Permalink patterns by top-level section (Hugo's `[permalinks]`), over `permalink`. */
  readonly permalinks?: Readonly<Record<string, string>>;
  /** The site's languages: `{ key: 'fr', code: 'fr-FR' }`. None: any known language suffix is one. */
  readonly languages?: readonly { readonly key: string; readonly code?: string }[];
  /** Folders under the content folder to read, each optionally in one language. @default [{ dir: '' }] */
  readonly roots?: readonly ContentRoot[];
  /** Taxonomies by plural name (`series`), or `{ name, fields }`. @default ["tags", "categories"] */
  readonly taxonomies?: readonly (string | TaxonomySetting)[];
  /** Sections whose articles are posts (Hugo's `mainSections`); others are left out. @default [] (all) */
  readonly sections?: readonly string[];
  /** Where each date comes from: field names, `:filename`, `:fileModTime`, `:git` (Hugo's `[frontmatter]`). */
  readonly dates?: Partial<DateSources>;
  /** Publish articles dated in the future now. @default false */
  readonly future?: boolean;
  /** The site's own variables (Jekyll's `site.*` in Liquid). */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** A taxonomy as validated: its name is a kind of feed. */
export interface Taxonomy extends TaxonomySetting {
  readonly name: TaxonomyName;
}

export type ContentSettings = Omit<
  ReadSettings,
  'siteUrl' | 'timeZone' | 'language' | 'maxBodyBytes' | 'taxonomies'
> & { readonly taxonomies: readonly Taxonomy[] };

export const CONTENT_KEYS = [
  'permalink',
  'generator',
  'permalinks',
  'languages',
  'roots',
  'taxonomies',
  'sections',
  'dates',
  'future',
  'variables',
] as const satisfies readonly (keyof ContentUserConfig)[];

type Input = { readonly [K in keyof ContentUserConfig]?: unknown };

const DEFAULT_TAXONOMIES = ['tags', 'categories'];
/** A pattern must name each article apart (Hugo's `:slugorfilename`, Jekyll's `:name` and `:path` too). */
const PERMALINK_KEY = /:(slug|filename|title|slugorfilename|name|path)(?![a-z])/;

const isGenerator = (value: unknown): value is Generator =>
  typeof value === 'string' && Object.hasOwn(GENERATORS, value);

/** Reads and checks the content settings, adding every problem to `problems`. */
export function readContentSettings(input: Input, problems: string[]): ContentSettings {
  let generator: Generator = 'feedwright';
  if (isGenerator(input.generator)) generator = input.generator;
  else if (input.generator !== undefined)
    problems.push(
      `generator must be one of ${Object.keys(GENERATORS).join(', ')}, got ${JSON.stringify(input.generator)}`,
    );
  const rules = GENERATORS[generator];
  let permalink = rules.permalink;
  if (typeof input.permalink === 'string') permalink = input.permalink;
  else if (input.permalink !== undefined) problems.push('permalink must be text');
  const permalinks = stringTable(input.permalinks, 'permalinks', problems);
  for (const pattern of [permalink, ...Object.values(permalinks)]) {
    if (!PERMALINK_KEY.test(pattern)) {
      problems.push(
        `permalink "${pattern}" must contain :slug, :filename or :title, or articles would share URLs`,
      );
    }
  }
  if (input.future !== undefined && typeof input.future !== 'boolean')
    problems.push('future must be true or false');
  if (input.variables !== undefined && !isRecord(input.variables)) problems.push('variables must be a table');
  return {
    permalink,
    generator,
    permalinks,
    languages: readLanguages(input.languages, problems),
    roots: readRoots(input.roots, problems),
    taxonomies: readTaxonomies(input.taxonomies, problems),
    sections: stringList(input.sections, 'sections', problems),
    dates: readDates(input.dates, rules.dates, problems),
    future: input.future === true,
    variables: isRecord(input.variables) ? input.variables : {},
  };
}

function stringList(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  problems.push(`${name} must be a list of text`);
  return [];
}

function stringTable(value: unknown, name: string, problems: string[]): Record<string, string> {
  if (value === undefined) return {};
  const entries = isRecord(value) ? Object.entries(value) : [];
  const text = entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (isRecord(value) && text.length === entries.length) return Object.fromEntries(text);
  problems.push(`${name} must be a table of text`);
  return {};
}

function readLanguages(value: unknown, problems: string[]): SiteLanguage[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('languages must be a list of { key, code? }');
    return [];
  }
  return value.flatMap((item): SiteLanguage[] => {
    if (!isRecord(item) || typeof item.key !== 'string' || item.key === '') {
      problems.push(`languages: ${JSON.stringify(item)} is not { key, code? }`);
      return [];
    }
    const code = typeof item.code === 'string' && item.code ? item.code : item.key;
    if (!isLanguageTag(code)) problems.push(`languages: "${code}" is not ${LANGUAGE_TAG_HINT}`);
    return [{ key: item.key, code }];
  });
}

function readRoots(value: unknown, problems: string[]): ContentRoot[] {
  if (value === undefined) return [{ dir: '' }];
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('roots must be a list of { dir, language? }');
    return [{ dir: '' }];
  }
  return value.flatMap((item): ContentRoot[] => {
    if (isRecord(item) && typeof item.dir === 'string') {
      const dir = item.dir.replace(/^\.?\/+|\/+$/g, '');
      return [typeof item.language === 'string' ? { dir, language: item.language } : { dir }];
    }
    problems.push(`roots: ${JSON.stringify(item)} is not { dir, language? }`);
    return [];
  });
}

function readTaxonomies(value: unknown, problems: string[]): Taxonomy[] {
  const list = value === undefined ? DEFAULT_TAXONOMIES : value;
  if (!Array.isArray(list)) {
    problems.push('taxonomies must be a list of names or { name, fields }');
    return [];
  }
  const taxonomies = list.flatMap((item): Taxonomy[] => {
    const name = typeof item === 'string' ? item : isRecord(item) ? item.name : undefined;
    const fields = typeof item === 'string' ? [item] : isRecord(item) ? item.fields : undefined;
    if (typeof name !== 'string' || !/^[^/\s]+$/.test(name) || !Array.isArray(fields)) {
      problems.push(`taxonomies: ${JSON.stringify(item)} is not a name or { name, fields }`);
      return [];
    }
    if (name === RESERVED_KIND) {
      problems.push(`taxonomies: "${name}" is the site's own kind of feed; name the taxonomy otherwise`);
      return [];
    }
    return [{ name: asTaxonomyName(name), fields: fields.filter((f): f is string => typeof f === 'string') }];
  });
  // A name given twice is one taxonomy (a Hugo site may map two singulars to one plural).
  const byName = new Map<TaxonomyName, Taxonomy>();
  for (const taxonomy of taxonomies) {
    const fields = [...(byName.get(taxonomy.name)?.fields ?? []), ...taxonomy.fields];
    byName.set(taxonomy.name, { name: taxonomy.name, fields: [...new Set(fields)] });
  }
  return [...byName.values()];
}

function readDates(value: unknown, defaults: DateSources, problems: string[]): DateSources {
  if (value === undefined) return defaults;
  if (!isRecord(value)) {
    problems.push('dates must be a table of lists (date, publishDate, lastmod, expiryDate)');
    return defaults;
  }
  const one = (key: keyof DateSources) =>
    value[key] === undefined ? defaults[key] : stringList(value[key], `dates.${key}`, problems);
  return {
    date: one('date'),
    publishDate: one('publishDate'),
    lastmod: one('lastmod'),
    expiryDate: one('expiryDate'),
  };
}
