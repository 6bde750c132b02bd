/**
 * An article's dates, from the sources the site names for each (Hugo's `[frontmatter]`): front-matter
 * fields, `:filename`, `:fileModTime`, `:git`. The first source that gives a date wins.
 */
import { utc } from '../../core/time.ts';
import type { ReadSettings, SourceFile } from '../article.ts';
import { FieldError, type Fields } from '../front-matter/fields.ts';
import type { GeneratorRules } from '../generators.ts';
import type { PathParts } from '../paths/path-parts.ts';
import { DateValueError, isZeroDate, jekyllFileNameDate, readDateValue, type WrittenDate } from './dates.ts';

export interface ArticleDates {
  /** What feeds show as published, and what date tokens in permalinks read. */
  readonly date: WrittenDate;
  readonly publishDate: number | undefined;
  readonly lastmod: number | undefined;
  readonly expires: number | undefined;
  /** The slug Hugo's `:filename` date rule takes from the rest of the name (`2021-06-04-x.md` → `x`). */
  readonly fileNameSlug: string | undefined;
}

/** Go's zero time, which Hugo gives a page without any date. */
export const ZERO_DATE = utc(1, 0, 1);
const ZERO: WrittenDate = { instant: ZERO_DATE, offset: 0 };

/** A warning about a field (its line is looked up), or about the article as a whole. */
/** The warning about a page Hugo publishes with its zero date. */
export const UNDATED = 'no date: published with the zero date 0001-01-01, as Hugo does';

type Warn = (field: string | undefined, message: string) => void;

interface Found {
  readonly date: WrittenDate;
  readonly slug?: string;
}

function fromField(data: Fields, field: string, settings: ReadSettings, rules: GeneratorRules, warn: Warn) {
  const value = data[field.toLowerCase()];
  if (value === undefined || value === null || value === '' || isZeroDate(value)) return undefined;
  try {
    const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
    return readDateValue(one, settings.timeZone, rules.fileNameDate === 'jekyll');
  } catch (error) {
    if (!(error instanceof DateValueError)) throw error;
    if (rules.unreadableDate === 'error') throw new FieldError(field, `"${field}": ${error.message}`);
    warn(field, `"${field}" is not a date Hugo reads (${error.message}); it is ignored, as Hugo does`);
    return undefined;
  }
}

/** Hugo's dateAndSlugFromBaseFilename: a date in the first ten characters, the slug after it. */
function hugoFileNameDate(parts: PathParts, timeZone: string): Found | undefined {
  const name = parts.fileName;
  if (name.length < 10) return undefined;
  try {
    const date = readDateValue(name.slice(0, 10), timeZone);
    return { date, slug: name.slice(10).replace(/^[ _-]+|[ _-]+$/g, '') };
  } catch (error) {
    if (error instanceof DateValueError) return undefined;
    throw error;
  }
}

function fromFileName(parts: PathParts, settings: ReadSettings, rules: GeneratorRules): Found | undefined {
  if (settings.generator === 'hugo') return hugoFileNameDate(parts, settings.timeZone);
  if (!parts.fileNameDate) return undefined;
  if (rules.fileNameDate === 'jekyll') {
    const date = jekyllFileNameDate(parts.fileNameDate, settings.timeZone);
    return date && { date };
  }
  try {
    return { date: readDateValue(parts.fileNameDate, settings.timeZone) };
  } catch (error) {
    // An impossible date in a name (`2015-03-00`) is no date, never a failure of the run.
    if (error instanceof DateValueError) return undefined;
    throw error;
  }
}

function first(
  sources: readonly string[],
  context: {
    data: Fields;
    parts: PathParts;
    file: SourceFile;
    settings: ReadSettings;
    rules: GeneratorRules;
  },
  warn: Warn,
): Found | undefined {
  const { data, parts, file, settings, rules } = context;
  for (const source of sources) {
    const key = source.toLowerCase();
    let found: Found | undefined;
    if (key === ':filename') found = fromFileName(parts, settings, rules);
    else if (key === ':filemodtime') found = file.modTime === undefined ? undefined : atInstant(file.modTime);
    else if (key === ':git') found = file.gitDate === undefined ? undefined : atInstant(file.gitDate);
    else {
      const date = fromField(data, source, settings, rules, warn);
      found = date && { date };
    }
    if (found) return found;
  }
  return undefined;
}

const atInstant = (instant: number): Found => ({ date: { instant, offset: 0 } });

/** The dates of an article; undefined when it has none and the generator publishes no undated page. */
export function readArticleDates(
  data: Fields,
  parts: PathParts,
  file: SourceFile,
  settings: ReadSettings,
  rules: GeneratorRules,
  warn: Warn,
): ArticleDates | undefined {
  const context = { data, parts, file, settings, rules };
  const sources = settings.dates;
  let date = first(sources.date, context, warn);
  if (!date) {
    if (rules.undated !== 'zero-date') return undefined;
    warn(undefined, UNDATED);
    date = { date: ZERO };
  }
  const instant = (list: readonly string[]) => first(list, context, warn)?.date.instant;
  return {
    date: date.date,
    publishDate: instant(sources.publishDate),
    lastmod: instant(sources.lastmod),
    expires: instant(sources.expiryDate),
    fileNameSlug: date.slug || undefined,
  };
}
