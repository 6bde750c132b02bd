/**
 * How a run gets its bodies rendered: here, between requests, or somewhere else (a worker thread on
 * Node, see node/render-pool.ts). Either way the event loop is never held for more than one body.
 */
import type { RenderResult } from '../../catalog/rendered-catalog.ts';
import type { SourceArticle } from '../../content/article.ts';
import { renderArticleBody } from '../../content/render/article-body.ts';
import { type BodyContextData, bodyContextFrom } from '../../content/render/body-context.ts';
import { errorMessage } from '../../core/guards.ts';
import { SourceChangedError } from '../../source/content-folder.ts';

/** Renders the bodies of `articles` in the context `context` describes: one result each, in order. */
export type BodyRendering = (
  articles: readonly SourceArticle[],
  context: BodyContextData,
) => Promise<readonly RenderResult[]>;

/** A turn of the event loop after this long: requests waiting meanwhile are answered. */
const SLICE_MS = 8;

/** Renders on this thread, giving the event loop a turn between bodies every few milliseconds. */
export const renderHere: BodyRendering = async (articles, data) => {
  const context = bodyContextFrom(data);
  const results: RenderResult[] = [];
  let since = performance.now();
  for (const article of articles) {
    try {
      results.push({ ok: true, body: renderArticleBody(article, context) });
    } catch (error) {
      results.push({ ok: false, error: errorMessage(error), changed: error instanceof SourceChangedError });
    }
    if (performance.now() - since > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  return results;
};
