/** Renders an article's Markdown into the HTML and summary its feed items carry. */

import { escapeText } from '../core/escape.ts';
import { type Guard, isString, objectOf } from '../core/shape.ts';
import type { BodyFormat, SourceArticle } from './article.ts';
import { cleanHtml } from './html.ts';
import { type LiquidContext, renderLiquid } from './liquid.ts';
import { renderMarkdown } from './markdown.ts';
import { expandShortcodes } from './shortcodes.ts';

/** What rendering needs besides the article: for Liquid, the site's variables and its other documents. */
export interface BodyContext {
  readonly liquid?: Omit<LiquidContext, 'page'>;
}

export interface ArticleBody {
  /** Sanitized HTML with absolute URLs. */
  readonly contentHtml: string;
  readonly summaryHtml: string;
  readonly summaryText: string;
}

export const isArticleBody: Guard<ArticleBody> = objectOf({
  contentHtml: isString,
  summaryHtml: isString,
  summaryText: isString,
});

/** Hugo's summary divider. */
const MORE = /<!--\s*more\s*-->/i;
const SUMMARY_WORDS = 70;
/** Scripts written without spaces between words: each character counts as a word, as in Hugo. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The first `limit` words of `text`, with an ellipsis when something was cut. */
export function firstWords(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let words = 0;
  let inWord = false;
  for (let i = 0; i < flat.length; ) {
    const cp = flat.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (CJK.test(ch)) {
      words++;
      inWord = false;
    } else if (ch === ' ') {
      inWord = false;
    } else if (!inWord) {
      words++;
      inWord = true;
    }
    if (words > limit) return `${flat.slice(0, i).trimEnd()}…`;
    i += ch.length;
  }
  return flat;
}

function renderClean(source: string, format: BodyFormat, baseUrl: string) {
  const html = format.markup === 'html' ? source : renderMarkdown(source, format);
  return cleanHtml(html, baseUrl);
}

/** The body as the generator sees it before Markdown: Liquid run (Jekyll), or Hugo's shortcodes replaced. */
function preprocess(article: SourceArticle, context: BodyContext): string {
  const source = article.markdown();
  const page = article.format.liquid;
  if (page) return context.liquid ? renderLiquid(source, { ...context.liquid, page }) : source;
  return expandShortcodes(source);
}

/** Renders one article: full content, and the summary by Hugo's order of precedence. */
export function renderArticleBody(article: SourceArticle, context: BodyContext = {}): ArticleBody {
  const base = article.head.permalink;
  const format = article.format;
  const markdown = preprocess(article, context);
  const content = renderClean(markdown, format, base);
  const more = MORE.exec(markdown);
  const summarySource =
    article.summaryMarkdown ?? (more ? markdown.slice(0, more.index) : article.descriptionMarkdown);
  if (summarySource !== undefined) {
    const summary = renderClean(summarySource, format, base);
    if (summary.text)
      return { contentHtml: content.html, summaryHtml: summary.html, summaryText: summary.text };
  }
  const summaryText = firstWords(content.text, SUMMARY_WORDS);
  return { contentHtml: content.html, summaryHtml: escapeText(summaryText), summaryText };
}
