/**
 * What a catalog is built from, once the bodies are rendered: the heads read, the bodies of what the
 * feeds show, the problems, the list pages and the instant. Another process (a `serve --workers`
 * worker) given these builds the very catalog the publisher built, without reading a file or
 * rendering a body; between two regenerations only what changed is sent.
 */
import { buildCatalog, type Catalog, catalogOptions } from '../../catalog/catalog.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { ArticleHead, SourceArticle } from '../../content/article.ts';
import type { ListPage } from '../../content/list-page.ts';
import type { ArticleBody } from '../../content/render/article-body.ts';
import type { Problem } from '../../core/problem.ts';

export interface CatalogInputs {
  /** The instant the catalog is for. */
  readonly now: number;
  /** The catalog's version: what the one built from these must have. */
  readonly version: string;
  /** Every article the catalog was built from (published or not), by path. */
  readonly heads: ReadonlyMap<string, ArticleHead>;
  /** The rendered bodies of the articles feeds show, by path. */
  readonly bodies: ReadonlyMap<string, ArticleBody>;
  readonly problems: readonly Problem[];
  readonly listPages: readonly ListPage[];
}

/** The change from one CatalogInputs to the next (plain data: it crosses process boundaries). */
export interface CatalogDelta {
  readonly now: number;
  readonly version: string;
  /** Heads and bodies that are new or changed, and the paths of those gone. */
  readonly heads: readonly (readonly [string, ArticleHead])[];
  readonly headsGone: readonly string[];
  readonly bodies: readonly (readonly [string, ArticleBody])[];
  readonly bodiesGone: readonly string[];
  readonly problems: readonly Problem[];
  readonly listPages: readonly ListPage[];
}

/** Entries of `next` that `previous` does not hold as the same object, and the keys it lost. */
function changes<T>(previous: ReadonlyMap<string, T> | undefined, next: ReadonlyMap<string, T>) {
  const changed = [...next].filter(([key, value]) => previous?.get(key) !== value);
  const gone = previous ? [...previous.keys()].filter((key) => !next.has(key)) : [];
  return { changed, gone };
}

/**
 * What turns `previous` into `next`. An unchanged article keeps its head and body objects from one
 * regeneration to the next, so what is compared is identity, and an edit to one article sends one
 * head and one body.
 */
export function catalogDelta(previous: CatalogInputs | undefined, next: CatalogInputs): CatalogDelta {
  const heads = changes(previous?.heads, next.heads);
  const bodies = changes(previous?.bodies, next.bodies);
  return {
    now: next.now,
    version: next.version,
    heads: heads.changed,
    headsGone: heads.gone,
    bodies: bodies.changed,
    bodiesGone: bodies.gone,
    problems: next.problems,
    listPages: next.listPages,
  };
}

/** `previous` (none: nothing) with `delta` applied. */
export function applyCatalogDelta(previous: CatalogInputs | undefined, delta: CatalogDelta): CatalogInputs {
  const heads = new Map(previous?.heads);
  for (const path of delta.headsGone) heads.delete(path);
  for (const [path, head] of delta.heads) heads.set(path, head);
  const bodies = new Map(previous?.bodies);
  for (const path of delta.bodiesGone) bodies.delete(path);
  for (const [path, body] of delta.bodies) bodies.set(path, body);
  return {
    now: delta.now,
    version: delta.version,
    heads,
    bodies,
    problems: delta.problems,
    listPages: delta.listPages,
  };
}

const notHere = () => {
  throw new Error('bodies come rendered with the catalog inputs');
};

/** The catalog built from `inputs`: the one the publisher built. Throws if it is not. */
export function catalogFrom(inputs: CatalogInputs, config: SiteConfig): Catalog {
  const sources = [...inputs.heads.values()].map(
    (head): SourceArticle => ({
      head,
      markdown: notHere,
      format: { markup: 'markdown', liquid: undefined, linkify: false, typographer: false },
      bodyLine: 1,
      summaryMarkdown: undefined,
      descriptionMarkdown: undefined,
    }),
  );
  const catalog = buildCatalog(
    sources,
    [],
    catalogOptions(config, inputs.now, { listPages: inputs.listPages, bodies: inputs.bodies }),
  );
  if (catalog.version !== inputs.version)
    throw new Error(`rebuilt catalog ${catalog.version} is not the published ${inputs.version}`);
  return { ...catalog, problems: inputs.problems };
}
