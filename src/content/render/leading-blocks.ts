/**
 * The first blocks of a Markdown text, cut where nothing after the cut can change how they render:
 * what a summary made of an article's first words needs, without rendering the whole article. Most
 * of an archive's articles are in no feed, and their summary is all a page of summaries shows.
 *
 * CommonMark renders a block from its own lines, except for what the cut must avoid: link
 * reference and footnote definitions (anywhere, they change links everywhere: such a text is never
 * cut), a fenced code block or an HTML block of kinds 1–5 still open (they run to their closer, not
 * to a blank line), and a blank line inside a list, a block quote or an indented block (the lines
 * after it may continue it). A cut is made only at a blank line outside all of those, before a line
 * that starts at its first column with no list or quote marker.
 */

/** A reference or footnote definition, or an inline footnote, may be in the text. */
const GLOBAL_REFERENCE = /\]:|\[\^|\^\[/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** HTML blocks 1–5 of CommonMark (§4.6), by their start, with what ends each. */
const HTML_BLOCKS: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** A line that starts a block the cut may not precede: indented, a list item, a quote, a table row. */
const CONTINUING = /^(?:\s|[-*+>|]|\d{1,9}[.)])/;
/** What counts as a word here: a CJK character each (as summaries count them), else a run without spaces. */
const WORDS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

interface Fence {
  readonly char: string;
  readonly length: number;
}

/** Whether `line` closes `fence`: the same character, at least as many, nothing after. */
function closesFence(line: string, fence: Fence): boolean {
  const close = FENCE.exec(line);
  const marker = close?.[1];
  return marker?.[0] === fence.char && marker.length >= fence.length && !close?.[2]?.trim();
}

/** What `line` opens that runs to its own closer: a fenced code block, an HTML block of kinds 1–5, or neither. */
function opens(line: string): { readonly fence?: Fence; readonly html?: RegExp } {
  const opened = FENCE.exec(line);
  const marker = opened?.[1];
  // A backtick fence's info string has no backtick (else the line is a paragraph).
  if (marker && !(marker[0] === '`' && opened?.[2]?.includes('`')))
    return { fence: { char: marker[0] as string, length: marker.length } };
  const block = HTML_BLOCKS.find(([start]) => start.test(line));
  return block && !block[1].test(line.replace(block[0], '')) ? { html: block[1] } : {};
}

/** Whether the blocks before a blank line are complete: the next line that is not blank (from `from`) continues none. */
function completeBefore(markdown: string, from: number): boolean {
  let after = from;
  while (after < markdown.length) {
    const lineEnd = markdown.indexOf('\n', after);
    const following = markdown.slice(after, lineEnd === -1 ? markdown.length : lineEnd);
    if (following.trim() !== '') return !CONTINUING.test(following);
    if (lineEnd === -1) break;
    after = lineEnd + 1;
  }
  return false;
}

/**
 * The blocks of `markdown` up to the first safe cut after at least `words` words of source, or
 * undefined when there is none before the end (or the text must be rendered whole).
 */
export function leadingBlocks(markdown: string, words: number): string | undefined {
  if (GLOBAL_REFERENCE.test(markdown)) return undefined;
  let counted = 0;
  let fence: Fence | undefined;
  let html: RegExp | undefined;
  let at = 0;
  while (at < markdown.length) {
    const lf = markdown.indexOf('\n', at);
    const end = lf === -1 ? markdown.length : lf;
    const line = markdown.slice(at, end);
    const next = lf === -1 ? markdown.length : lf + 1;
    counted += line.match(WORDS)?.length ?? 0;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
    } else if (html) {
      if (html.test(line)) html = undefined;
    } else if (line.trim() === '') {
      // The next line that is not blank decides whether the blocks before it are complete.
      if (counted >= words && completeBefore(markdown, next)) return markdown.slice(0, at);
    } else {
      const opened = opens(line);
      fence = opened.fence;
      html = opened.html;
    }
    at = next;
  }
  return undefined;
}
