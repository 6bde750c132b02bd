/**
 * Which front-matter fields feedwright used: what `check` reports once per name, so a typo (`tag:`
 * for `tags:`) or a field another generator reads does not vanish silently.
 */
import type { Problem } from '../../core/problem.ts';
import type { SourceArticle } from '../article.ts';
import type { Fields } from './fields.ts';

/** Fields of the generators' own page models (Hugo, Jekyll, Eleventy, Astro) that say nothing a feed shows. */
const GENERATOR_FIELDS = new Set(
  [
    // Hugo
    'aliases',
    'audio',
    'build',
    '_build',
    'cascade',
    'headless',
    'isCJKLanguage',
    'keywords',
    'layout',
    'linkTitle',
    'markup',
    'menu',
    'menus',
    'outputs',
    'params',
    'resources',
    'sitemap',
    'type',
    'weight',
    'videos',
    'toc',
    // Jekyll
    'permalink',
    'published',
    'excerpt_separator',
    'redirect_from',
    'redirect_to',
    'comments',
    // Eleventy, Astro
    'eleventyNavigation',
    'eleventyExcludeFromCollections',
    'eleventyComputed',
    'pagination',
  ].map((name) => name.toLowerCase()),
);

export interface FieldUse {
  /** The same fields, remembering which ones are read. */
  readonly fields: Fields;
  /** Top-level fields nobody read and no generator defines. */
  unused(): string[];
}

export function trackFieldUse(data: Fields): FieldUse {
  const read = new Set<string>();
  const fields = new Proxy(data, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  return {
    fields,
    unused: () =>
      Object.keys(data).filter((key) => !read.has(key) && !GENERATOR_FIELDS.has(key.toLowerCase())),
  };
}

/** One warning per unused field name, at its first use, counting the files that have it. */
export function unusedFieldProblems(articles: readonly SourceArticle[]): Problem[] {
  const byName = new Map<string, { path: string; line: number; files: number }>();
  for (const article of articles) {
    for (const { name, line } of article.unusedFields ?? []) {
      const known = byName.get(name);
      if (known) known.files++;
      else byName.set(name, { path: article.head.path, line, files: 1 });
    }
  }
  return [...byName].map(([name, { path, line, files }]) => ({
    path,
    line,
    severity: 'warning',
    message: `front-matter field "${name}" is not used by feedwright${files > 1 ? ` (in ${files} files)` : ''}`,
  }));
}
