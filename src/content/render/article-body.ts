/** Renders an article's Markdown into the HTML and summary its feed items carry. */

import { escapeAttribute, escapeText } from '../../core/escape.ts';
import { absentOr, type Guard, isBoolean, isString, objectOf } from '../../core/shape.ts';
import { utf8Length, utf8Prefix } from '../../core/utf8.ts';
import type { BodyFormat, SourceArticle } from '../article.ts';
import { cleanHtml } from './html.ts';
import { stripAttributeLists } from './kramdown.ts';
import { type LiquidContext, renderLiquid } from './liquid.ts';
import { renderMarkdownWithin } from './markdown.ts';
import { expandShortcodes } from './shortcodes.ts';

/** What rendering needs besides the article: for Liquid, the site's variables and its other documents. */
export interface BodyContext {
  readonly liquid?: Omit<LiquidContext, 'page'>;
  /** Bytes of Markdown rendered, and of HTML kept (the site's maxBodyBytes). @default unlimited */
  readonly maxBytes?: number;
}

export interface ArticleBody {
  /** Sanitized HTML with absolute URLs. */
  readonly contentHtml: string;
  readonly summaryHtml: string;
  readonly summaryText: string;
  /** True when the body was longer than the budget and the content is its beginning. */
  readonly truncated?: boolean;
}

export const isArticleBody: Guard<ArticleBody> = objectOf({
  contentHtml: isString,
  summaryHtml: isString,
  summaryText: isString,
  truncated: absentOr(isBoolean),
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

/**
 * HTML rendered from Markdown beyond this many times the kept bytes is not made: the sanitizer
 * would cut it anyway, unless it drops most of what it reads.
 */
const RENDERED_PER_KEPT_BYTE = 4;

function renderClean(source: string, format: BodyFormat, baseUrl: string, maxBytes: number) {
  if (format.markup === 'html') return cleanHtml(source, baseUrl, maxBytes);
  const rendered = renderMarkdownWithin(source, format, RENDERED_PER_KEPT_BYTE * maxBytes);
  const clean = cleanHtml(rendered.html, baseUrl, maxBytes);
  return rendered.cut ? { ...clean, truncated: true } : clean;
}

const maxBytes = (context: BodyContext) => context.maxBytes ?? Number.POSITIVE_INFINITY;

/** The body as the generator sees it before Markdown: Liquid run (Jekyll), or Hugo's shortcodes replaced. */
function preprocess(article: SourceArticle, context: BodyContext): string {
  const source = article.markdown();
  const page = article.format.liquid;
  if (!page) return expandShortcodes(source);
  const rendered = context.liquid
    ? renderLiquid(source, { ...context.liquid, page, maxChars: maxBytes(context) })
    : source;
  return article.format.kramdown && article.format.markup === 'markdown'
    ? stripAttributeLists(rendered)
    : rendered;
}

/**
 * At most `maxBytes` of a body's source, cut at the last line break that fits (a cut inside a line
 * could leave half a link or tag to the renderer), so rendering costs no more than a long article.
 */
function boundedSource(source: string, maxBytes: number): { text: string; cut: boolean } {
  if (source.length <= maxBytes / 3 || utf8Length(source) <= maxBytes) return { text: source, cut: false };
  const prefix = utf8Prefix(source, maxBytes);
  const line = prefix.lastIndexOf('\n');
  return { text: line > 0 ? prefix.slice(0, line + 1) : prefix, cut: true };
}

/** What a cut body ends with: a link to the whole article, in no language. */
const continued = (permalink: string) => `<p><a href="${escapeAttribute(permalink)}">…</a></p>`;

/**
 * Renders one article: full content, and the summary by Hugo's order of precedence. A body longer
 * than `context.maxBytes` is rendered from its beginning and cut to fit, then marked `truncated`.
 */
export function renderArticleBody(article: SourceArticle, context: BodyContext = {}): ArticleBody {
  const base = article.pageUrl ?? article.head.permalink;
  const format = article.format;
  const budget = maxBytes(context);
  const source = boundedSource(preprocess(article, context), budget);
  const markdown = source.text;
  const ending = continued(base);
  let content = renderClean(markdown, format, base, budget - utf8Length(ending));
  const truncated = source.cut || content.truncated;
  if (truncated) content = { ...content, html: content.html + ending };
  const cut = truncated ? { truncated } : {};
  const separator = article.summarySeparator;
  const at = separator === undefined ? (MORE.exec(markdown)?.index ?? -1) : markdown.indexOf(separator);
  const summarySource =
    article.summaryMarkdown ?? (at >= 0 ? markdown.slice(0, at) : article.descriptionMarkdown);
  if (summarySource !== undefined) {
    const summary = renderClean(boundedSource(summarySource, budget).text, format, base, budget);
    if (summary.text)
      return { contentHtml: content.html, summaryHtml: summary.html, summaryText: summary.text, ...cut };
  }
  const summaryText = firstWords(content.text, SUMMARY_WORDS);
  return { contentHtml: content.html, summaryHtml: escapeText(summaryText), summaryText, ...cut };
}
