/** Renders an article's Markdown into the HTML and summary its feed items carry. */

import { escapeAttribute, escapeText } from '../../core/escape.ts';
import { absentOr, type Guard, isBoolean, isString, objectOf } from '../../core/shape.ts';
import { utf8Length, utf8Prefix } from '../../core/utf8.ts';
import type { BodyFormat, SourceArticle } from '../article.ts';
import { cleanHtml } from './html.ts';
import { stripAttributeLists } from './kramdown.ts';
import { leadingBlocks } from './leading-blocks.ts';
import { type LiquidContext, renderLiquid } from './liquid.ts';
import { renderMarkdownWithin } from './markdown.ts';
import { expandShortcodes } from './shortcodes.ts';

/** What rendering needs besides the article: for Liquid, the site's variables and its other documents. */
export interface BodyContext {
  readonly liquid?: Omit<LiquidContext, 'page'>;
  /** Bytes of Markdown rendered, and of HTML kept (the site's maxBodyBytes). @default unlimited */
  readonly maxBytes?: number;
}

/** What an item carrying only an article's summary shows of its body. */
export interface ArticleSummary {
  readonly summaryHtml: string;
  readonly summaryText: string;
}

export interface ArticleBody extends ArticleSummary {
  /** Sanitized HTML with absolute URLs. */
  readonly contentHtml: string;
  /** True when the body was longer than the budget and the content is its beginning. */
  readonly truncated?: boolean;
}

export const isArticleSummary: Guard<ArticleSummary> = objectOf({
  summaryHtml: isString,
  summaryText: isString,
});

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
  return wordsCut(text, limit) ?? text.replace(/\s+/g, ' ').trim();
}

/** The first `limit` words of `text` and an ellipsis; undefined when it has no more words than that. */
function wordsCut(text: string, limit: number): string | undefined {
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
  return undefined;
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

/** The body's source as rendered: preprocessed and bounded, with the URL its links resolve against. */
function prepared(article: SourceArticle, context: BodyContext) {
  const base = article.pageUrl ?? article.head.permalink;
  const budget = maxBytes(context);
  const source = boundedSource(preprocess(article, context), budget);
  return { base, budget, source, ending: continued(base) };
}

/**
 * The summary written for the article (front matter `summary`, the text before `<!--more-->` or
 * the generator's separator, `description`), rendered; undefined when it has none or it is empty.
 */
function writtenSummary(
  article: SourceArticle,
  markdown: string,
  base: string,
  budget: number,
): ArticleSummary | undefined {
  const separator = article.summarySeparator;
  const at = separator === undefined ? (MORE.exec(markdown)?.index ?? -1) : markdown.indexOf(separator);
  const summarySource =
    article.summaryMarkdown ?? (at >= 0 ? markdown.slice(0, at) : article.descriptionMarkdown);
  if (summarySource === undefined) return undefined;
  const summary = renderClean(boundedSource(summarySource, budget).text, article.format, base, budget);
  return summary.text ? { summaryHtml: summary.html, summaryText: summary.text } : undefined;
}

/** A summary made of the first words of the article's text. */
function firstWordsSummary(text: string): ArticleSummary {
  const summaryText = firstWords(text, SUMMARY_WORDS);
  return { summaryHtml: escapeText(summaryText), summaryText };
}

/**
 * Renders one article: full content, and the summary by Hugo's order of precedence. A body longer
 * than `context.maxBytes` is rendered from its beginning and cut to fit, then marked `truncated`.
 */
export function renderArticleBody(article: SourceArticle, context: BodyContext = {}): ArticleBody {
  const { base, budget, source, ending } = prepared(article, context);
  const markdown = source.text;
  let content = renderClean(markdown, article.format, base, budget - utf8Length(ending));
  const truncated = source.cut || content.truncated;
  if (truncated) content = { ...content, html: content.html + ending };
  const cut = truncated ? { truncated } : {};
  const summary = writtenSummary(article, markdown, base, budget) ?? firstWordsSummary(content.text);
  return { contentHtml: content.html, ...summary, ...cut };
}

/**
 * The article's summary alone, exactly as renderArticleBody() makes it, at a fraction of its cost
 * when the summary is the text's first words: only the blocks that hold them are rendered, where
 * nothing after them can change how they render (see leading-blocks.ts); otherwise the whole text is.
 */
export function renderArticleSummary(article: SourceArticle, context: BodyContext = {}): ArticleSummary {
  const { base, budget, source, ending } = prepared(article, context);
  const markdown = source.text;
  const written = writtenSummary(article, markdown, base, budget);
  if (written) return written;
  const room = budget - utf8Length(ending);
  const leading =
    article.format.markup === 'markdown' ? leadingBlocks(markdown, 2 * SUMMARY_WORDS) : undefined;
  if (leading !== undefined) {
    // More words than a summary takes, all from blocks that render as they do in the whole text.
    const cut = wordsCut(renderClean(leading, article.format, base, room).text, SUMMARY_WORDS);
    if (cut !== undefined) return { summaryHtml: escapeText(cut), summaryText: cut };
  }
  return firstWordsSummary(renderClean(markdown, article.format, base, room).text);
}
