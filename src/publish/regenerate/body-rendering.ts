/**
 * How a run gets its bodies rendered: here, between requests, or somewhere else (a worker thread on
 * Node, see node/render-pool.ts). Either way the event loop is never held for more than one body.
 */
import type { RenderResult } from '../../catalog/rendered-catalog.ts';
import type { SourceArticle } from '../../content/article.ts';
import type { BodyContext } from '../../content/render/article-body.ts';
import {
  type ArticleBody,
  type ArticleSummary,
  renderArticleBody,
  renderArticleSummary,
} from '../../content/render/article-body.ts';
import { type BodyContextData, bodyContextFrom } from '../../content/render/body-context.ts';
import { errorMessage } from '../../core/guards.ts';
import { SourceChangedError } from '../../source/content-folder.ts';

/** What is rendered of an article: its whole body, or only its summary (for an archive page of summaries). */
export type RenderPart = 'body' | 'summary';

export type Rendered<P extends RenderPart> = P extends 'summary' ? ArticleSummary : ArticleBody;

/** Renders `part` of the bodies of `articles` in the context `context` describes: one result each, in order. */
export type BodyRendering = <P extends RenderPart = 'body'>(
  articles: readonly SourceArticle[],
  context: BodyContextData,
  part?: P,
) => Promise<readonly RenderResult<Rendered<P>>[]>;

/** The function that renders `part` of a body. */
export function renderPart(part: RenderPart = 'body') {
  return part === 'summary' ? renderArticleSummary : renderArticleBody;
}

/** A turn of the event loop after this long: requests waiting meanwhile are answered. */
const SLICE_MS = 8;

/** Renders on this thread, giving the event loop a turn between bodies every few milliseconds. */
export const renderHere: BodyRendering = async <P extends RenderPart = 'body'>(
  articles: readonly SourceArticle[],
  data: BodyContextData,
  part?: P,
) => {
  const context = bodyContextFrom(data);
  const render = renderPart(part) as (article: SourceArticle, context: BodyContext) => Rendered<P>;
  const results: RenderResult<Rendered<P>>[] = [];
  let since = performance.now();
  for (const article of articles) {
    try {
      results.push({ ok: true, body: render(article, context) });
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
