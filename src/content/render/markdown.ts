/**
 * Markdown rendering: CommonMark with raw HTML (Hugo content is full of it), footnotes, and the bare-URL
 * linking and typography of the generator a site was written for. One markdown-it instance per set
 * of options, made on first use.
 */
import markdownIt, { type MarkdownIt, type StateCore, type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { isRecord } from '../../core/guards.ts';
import { goldmarkLinkify } from './linkify.ts';

export interface MarkdownOptions {
  /** Link bare URLs as Hugo's goldmark does (kramdown, Jekyll's renderer, links none). */
  readonly linkify: boolean;
  /** Curly quotes, dashes and ellipses, as goldmark's typographer and kramdown's SmartyPants make them. */
  readonly typographer: boolean;
}

/** What plain feedwright renders: linking as Hugo does, straight quotes as written. */
export const PLAIN_MARKDOWN: MarkdownOptions = { linkify: true, typographer: false };

/** `--`, `---`, `...`, `<<`, `>>`: what both goldmark and kramdown replace (markdown-it would also turn `(c)` into ©). */
const DASHES_AND_DOTS = /---|--|\.\.\.|<<|>>/g;
const SYMBOL: Readonly<Record<string, string>> = {
  '---': '\u2014',
  '--': '\u2013',
  '...': '\u2026',
  '<<': '\u00ab',
  '>>': '\u00bb',
};

function replaceSymbols(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let inAutolink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open' && token.info === 'auto') inAutolink++;
      else if (token.type === 'link_close' && token.info === 'auto') inAutolink--;
      else if (token.type === 'text' && inAutolink === 0)
        token.content = token.content.replace(DASHES_AND_DOTS, (s) => SYMBOL[s] ?? s);
    }
  }
}

/** Generators keep a `javascript:` reference definition (and every one after it); the sanitizer drops such URLs later. */
const acceptEveryLink = () => true;

/** The number a footnote token shows (markdown-it-footnote counts from 0 in `meta.id`). */
function footnoteNumber(token: Token | undefined): string {
  const meta: unknown = token?.meta;
  return isRecord(meta) && typeof meta.id === 'number' ? String(meta.id + 1) : '';
}

function footnotesAsGoldmark(md: MarkdownIt): void {
  const rules = md.renderer.rules;
  const n = footnoteNumber;
  rules.footnote_ref = (tokens, idx) => {
    const id = n(tokens[idx]);
    return `<sup id="fnref:${id}"><a href="#fn:${id}" class="footnote-ref" role="doc-noteref">${id}</a></sup>`;
  };
  rules.footnote_block_open = () => '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n';
  rules.footnote_block_close = () => '</ol>\n</div>\n';
  rules.footnote_open = (tokens, idx) => `<li id="fn:${n(tokens[idx])}">\n`;
  rules.footnote_anchor = (tokens, idx) =>
    `&#160;<a href="#fnref:${n(tokens[idx])}" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>`;
}

/** How much HTML a rendering may still make (in `env`, which markdown-it hands every rule). */
class RenderBudget {
  cut = false;
  constructor(public left: number) {}
}

function budgetOf(env: unknown): RenderBudget | undefined {
  const budget = isRecord(env) ? env.budget : undefined;
  return budget instanceof RenderBudget ? budget : undefined;
}

/** Counts `piece` against the budget; false once the budget is spent (the piece is the last kept). */
function spend(budget: RenderBudget | undefined, piece: string): boolean {
  if (!budget) return true;
  budget.left -= piece.length;
  if (budget.left >= 0) return true;
  budget.cut = true;
  return false;
}

/**
 * markdown-it's render loops, stopping once the HTML made reaches the budget. Parsing is linear in
 * the source, but rendering can repeat it: each use of a reference definition (`[a]`, 4 bytes)
 * writes the whole URL it defines (10 KB), so 110 KB of Markdown made 250 MB of HTML — of which a
 * feed keeps at most maxBodyBytes.
 */
function boundRendering(md: MarkdownIt): void {
  const renderer = md.renderer;
  renderer.renderInline = function renderInline(tokens, options, env) {
    const budget = budgetOf(env);
    let result = '';
    for (let i = 0; i < tokens.length; i++) {
      const rule = this.rules[tokens[i]?.type ?? ''];
      const piece = rule ? rule(tokens, i, options, env, this) : this.renderToken(tokens, i, options);
      result += piece;
      if (!spend(budget, piece)) break;
    }
    return result;
  };
  renderer.render = function render(tokens, options, env) {
    const budget = budgetOf(env);
    let result = '';
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const rule = this.rules[token?.type ?? ''];
      if (token?.type === 'inline') {
        result += this.renderInline(token.children ?? [], options, env);
        if (budget?.cut) break;
        continue;
      }
      const piece = rule ? rule(tokens, i, options, env, this) : this.renderToken(tokens, i, options);
      result += piece;
      if (!spend(budget, piece)) break;
    }
    return result;
  };
}

function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = markdownIt({ html: true, linkify: false, typographer: options.typographer });
  md.validateLink = acceptEveryLink;
  md.use(footnote);
  footnotesAsGoldmark(md);
  boundRendering(md);
  if (options.linkify) goldmarkLinkify(md);
  if (options.typographer) md.core.ruler.at('replacements', replaceSymbols);
  return md;
}

const instances = new Map<string, MarkdownIt>();

function instance(options: MarkdownOptions): MarkdownIt {
  const key = `${options.linkify}|${options.typographer}`;
  let md = instances.get(key);
  if (!md) {
    md = createMarkdown(options);
    instances.set(key, md);
  }
  return md;
}

/** Renders Markdown to (not yet sanitized) HTML. */
export function renderMarkdown(source: string, options: MarkdownOptions = PLAIN_MARKDOWN): string {
  return instance(options).render(source, {});
}

/**
 * Renders Markdown to (not yet sanitized) HTML of about `maxChars` characters at most: the
 * rendering stops after the piece that reaches it, and says it was `cut`.
 */
export function renderMarkdownWithin(
  source: string,
  options: MarkdownOptions,
  maxChars: number,
): { readonly html: string; readonly cut: boolean } {
  const budget = new RenderBudget(maxChars);
  const html = instance(options).render(source, { budget });
  return { html, cut: budget.cut };
}

const smartText = markdownIt('zero', { typographer: true }).enable(['smartquotes']);
smartText.core.ruler.after('smartquotes', 'symbols', replaceSymbols);

/** Plain text with curly quotes, dashes and ellipses (jekyll-feed's `smartify` of titles). */
export function smartify(text: string): string {
  return (smartText.parseInline(text, {})[0]?.children ?? []).map((token) => token.content).join('');
}
