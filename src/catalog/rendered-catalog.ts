/**
 * Building a catalog whose bodies are rendered somewhere else (a worker thread) and so arrive
 * later: the catalog is built, the bodies of what its feeds show are asked for, and an article that
 * cannot be rendered is left out and the catalog built again, as buildCatalog() does in one go.
 */
import type { SourceArticle } from '../content/article.ts';
import type { ArticleBody } from '../content/render/article-body.ts';
import type { Problem } from '../core/problem.ts';
import {
  bodyProblem,
  buildCatalog,
  type Catalog,
  type CatalogOptions,
  shownHeads,
  truncatedBodyProblem,
} from './catalog.ts';

/**
 * A body as rendered, or why it could not be. `changed`: its file changed on disk since it was read,
 * so the run itself is stale (not the article broken).
 */
export type RenderResult<T = ArticleBody> =
  | { readonly ok: true; readonly body: T }
  | { readonly ok: false; readonly error: string; readonly changed?: boolean };

/** A run that read a file which changed before its body was rendered: another run will read it whole. */
export class StaleRunError extends Error {
  override readonly name = 'StaleRunError';
}

/** Renders the bodies of `articles`: one result for each, in the same order. */
export type RenderBodies = (articles: readonly SourceArticle[]) => Promise<readonly RenderResult[]>;

/** A catalog and the articles it was built from: those read, less any whose body could not be rendered. */
export interface RenderedCatalog {
  readonly catalog: Catalog;
  readonly sources: readonly SourceArticle[];
}

/** The catalog at `options.now` with the body of every article a feed shows, rendered by `render`. */
export async function buildRenderedCatalog(
  sources: readonly SourceArticle[],
  readProblems: readonly Problem[],
  options: Omit<CatalogOptions, 'renderBody' | 'bodies'>,
  render: RenderBodies,
): Promise<RenderedCatalog> {
  const byPath = new Map(sources.map((source) => [source.head.path, source]));
  let rest = sources;
  let problems = readProblems;
  for (;;) {
    const bodies = new Map<string, ArticleBody>();
    const catalog = buildCatalog(rest, problems, { ...options, bodies });
    // Rendered with the head the catalog shows: its permalink may have been made unique.
    const shown = [...shownHeads(catalog)].flatMap((head) => {
      const source = byPath.get(head.path);
      return source ? [{ ...source, head }] : [];
    });
    const results = await render(shown);
    // Leaving such an article out would make it vanish from the feeds until the next run: the
    // catalog being built is given up instead, and the last good one served meanwhile.
    const changed = results.find((result) => !result.ok && result.changed);
    if (changed && !changed.ok) throw new StaleRunError(changed.error);
    const failed: Problem[] = [];
    const cut: Problem[] = [];
    shown.forEach((source, i) => {
      const result = results[i];
      if (!result?.ok) failed.push(bodyProblem(source, result?.error ?? 'no result'));
      else {
        bodies.set(source.head.path, result.body);
        if (result.body.truncated) cut.push(truncatedBodyProblem(source));
      }
    });
    if (failed.length === 0) {
      const warned = cut.length ? { ...catalog, problems: [...catalog.problems, ...cut] } : catalog;
      return { catalog: warned, sources: rest };
    }
    // Leave the broken articles out and build again, so the next article takes each freed place.
    const out = new Set(failed.map((p) => p.path));
    rest = rest.filter((s) => !out.has(s.head.path));
    problems = [...problems, ...failed];
  }
}
