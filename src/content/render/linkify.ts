/**
 * Bare URLs made links the way Hugo's goldmark does it (its linkify extension): only `http://`,
 * `https://`, `ftp://` and `www.` URLs and e-mail addresses, only where a word starts (after a space,
 * `*`, `_`, `~` or `(`), and only ASCII URL characters. markdown-it's own linkify also links bare
 * domains, protocol-relative `//…` and URLs glued to the word before them, and runs CJK text after a
 * URL into it (`//合成结果放到os.Stdout里` became a punycode link).
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';

const URL_TAIL = String.raw`(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'">^{}[\]\x60]*)?`;
const SCHEME_URL = new RegExp(
  String.raw`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?${URL_TAIL}`,
);
const WWW_URL = new RegExp(String.raw`^www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+${URL_TAIL}`);
const EMAIL =
  /^(?:mailto:)?[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+/;
/** Where a link may start: the start of the text, or after one of these. */
const BOUNDARY = /[\s*_~(]/;
const CANDIDATE = /:\/\/|www\.|@/;

interface Found {
  readonly start: number;
  readonly end: number;
  readonly href: string;
}

/** goldmark's trimming of what a URL match ends with: one dot, unbalanced `)`, an entity's `;`. */
function trimEnd(text: string, start: number, end: number): number {
  const last = text[end - 1];
  if (last === '.') return end - 1;
  if (last === ')') {
    let closing = 0;
    for (let i = end - 1; i >= start; i--) {
      if (text[i] === ')') closing++;
      else if (text[i] === '(') closing--;
    }
    return closing > 0 ? end - closing : end;
  }
  if (last === ';') {
    let i = end - 2;
    while (i >= start && /[a-zA-Z0-9]/.test(text[i] ?? '')) i--;
    if (i !== end - 2 && text[i] === '&') return i;
  }
  return end;
}

/** A character of an address's local part (before the `@`). */
const LOCAL_PART = /[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]/;

/** Where the run of local-part characters from `at` ends. */
function endOfLocalPart(text: string, at: number): number {
  let end = at;
  while (LOCAL_PART.test(text[end] ?? '')) end++;
  return end;
}

/** The link of a URL (`www.` ones are http) or an e-mail address as written (a mailto: link). */
function hrefOf(written: string, url: boolean): string {
  if (url) return written.startsWith('www.') ? `http://${written}` : written;
  return written.startsWith('mailto:') ? written : `mailto:${written}`;
}

function findLinks(text: string): Found[] {
  const found: Found[] = [];
  // An address tried from one place in a run of local-part characters fails from every later
  // place in that run too (it ends at the same `@`): trying each read the run again (80 KB of
  // `~a` took 3.6 s).
  let noAddressBefore = 0;
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !BOUNDARY.test(text[i - 1] ?? '')) continue;
    const rest = text.slice(i);
    const url = SCHEME_URL.exec(rest) ?? WWW_URL.exec(rest);
    const tryAddress = i >= noAddressBefore || rest.startsWith('mailto:');
    const match = url ?? (tryAddress ? EMAIL.exec(rest) : null);
    if (!match) {
      if (tryAddress) noAddressBefore = endOfLocalPart(text, i);
      continue;
    }
    const end = url ? trimEnd(text, i, i + match[0].length) : i + match[0].length;
    found.push({ start: i, end, href: hrefOf(text.slice(i, end), url !== null) });
    i = end - 1;
  }
  return found;
}

function linkTokens(state: StateCore, token: Token, links: readonly Found[]): Token[] {
  const out: Token[] = [];
  let level = token.level;
  let at = 0;
  const text = (content: string) => {
    const t = new state.Token('text', '', 0);
    t.content = content;
    t.level = level;
    out.push(t);
  };
  for (const link of links) {
    if (link.start > at) text(token.content.slice(at, link.start));
    const open = new state.Token('link_open', 'a', 1);
    open.attrs = [['href', state.md.normalizeLink(link.href)]];
    open.level = level++;
    open.markup = 'linkify';
    open.info = 'auto';
    out.push(open);
    text(token.content.slice(link.start, link.end));
    const close = new state.Token('link_close', 'a', -1);
    close.level = --level;
    close.markup = 'linkify';
    close.info = 'auto';
    out.push(close);
    at = link.end;
  }
  if (at < token.content.length) text(token.content.slice(at));
  return out;
}

/** How many links `token` leaves open, given `depth` before it: Markdown links and HTML `<a>`. */
function linkDepth(token: Token, depth: number): number {
  if (token.type === 'link_open') return depth + 1;
  if (token.type === 'link_close') return depth - 1;
  if (token.type !== 'html_inline') return depth;
  if (/^<a[>\s]/i.test(token.content)) return depth + 1;
  if (/^<\/a\s*>/i.test(token.content)) return depth - 1;
  return depth;
}

/** Inline tokens, with the links found in their text outside links. */
function linkifyChildren(state: StateCore, children: readonly Token[]): Token[] {
  const out: Token[] = [];
  let inLink = 0;
  for (const token of children) {
    inLink = linkDepth(token, inLink);
    const links = inLink === 0 && token.type === 'text' ? findLinks(token.content) : [];
    if (links.length === 0) out.push(token);
    else out.push(...linkTokens(state, token, links));
  }
  return out;
}

/** Links bare URLs in text outside links and code, as goldmark's linkify does. */
export function goldmarkLinkify(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'goldmark_linkify', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children || !CANDIDATE.test(block.content)) continue;
      block.children = linkifyChildren(state, block.children);
    }
  });
}
