/**
 * Makes article HTML safe and self-contained for feed readers: drops active content, and resolves
 * every relative URL against the article's permalink (readers ignore xml:base).
 */
import { Parser } from 'htmlparser2';
import { escapeAttribute, escapeText } from '../../core/escape.ts';
import { utf8Length, utf8Prefix } from '../../core/utf8.ts';
import { stripForbiddenXmlChars } from '../../core/xml-chars.ts';
import { safeAbsoluteUrl } from '../paths/urls.ts';

/** Elements removed together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'optgroup',
  'datalist',
  'template',
  'base',
  'link',
  'meta',
  'title',
  'head',
  'svg',
  'math',
  'portal',
  'dialog',
]);

/** Elements whose tag goes but whose content stays. */
const UNWRAPPED = new Set(['html', 'body', 'noscript', 'font', 'center']);

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'poster',
  'cite',
  'background',
  'longdesc',
  'usemap',
  'lowsrc',
  'dynsrc',
  'xlink:href',
]);

const DROPPED_ATTRIBUTES = new Set(['style', 'srcdoc', 'formaction', 'action', 'ping', 'nonce']);

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'tr',
  'table',
  'figure',
  'figcaption',
  'hr',
  'section',
  'article',
  'dd',
  'dt',
]);

const ATTRIBUTE_NAME = /^[a-z_:][a-z0-9_.:-]*$/;

function absoluteSrcset(value: string, base: string): string | undefined {
  const candidates: string[] = [];
  for (const candidate of value.split(/,(?=\s|$)|,(?=[^\s,]+\s)/)) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const absolute = safeAbsoluteUrl(url, base, true);
    if (absolute) candidates.push([absolute, ...descriptor].join(' '));
  }
  return candidates.length ? candidates.join(', ') : undefined;
}

export interface CleanHtml {
  readonly html: string;
  /** The visible text, blocks separated by line breaks (for summaries). */
  readonly text: string;
  /** True when the HTML was cut to fit the budget. */
  readonly truncated: boolean;
}

/**
 * Spaces and tabs before a line break and blank space after it as one line break, in one pass: the
 * pattern `[ \t]*\n\s*` read a long run of spaces again from each of its characters when no line
 * break followed.
 */
function collapseLineBreaks(text: string): string {
  let out = '';
  let at = 0;
  for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', at)) {
    let end = lf;
    while (end > at && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    out += `${text.slice(at, end)}\n`;
    at = lf + 1;
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  }
  return out + text.slice(at);
}

/** The opening tag of a kept element: only safe attributes, URLs absolute against `baseUrl` (or dropped). */
function openingTag(name: string, attributes: Readonly<Record<string, string>>, baseUrl: string): string {
  let tag = `<${name}`;
  for (const [rawName, rawValue] of Object.entries(attributes)) {
    const attr = rawName.toLowerCase();
    if (attr.startsWith('on') || DROPPED_ATTRIBUTES.has(attr) || !ATTRIBUTE_NAME.test(attr)) continue;
    let value: string | undefined = stripForbiddenXmlChars(rawValue);
    if (URL_ATTRIBUTES.has(attr))
      value = safeAbsoluteUrl(value, baseUrl, name === 'img' || name === 'source');
    else if (attr === 'srcset') value = absoluteSrcset(value, baseUrl);
    if (value !== undefined) tag += ` ${attr}="${escapeAttribute(value)}"`;
  }
  return `${tag}>`;
}

/** The start of `text` whose escaped form fits in `room` bytes, cut at a character, and that form. */
function fittingPart(text: string, room: number): { readonly part: string; readonly escaped: string } {
  let part = utf8Prefix(text, room);
  let escaped = escapeText(part);
  while (part && utf8Length(escaped) > room) {
    part = utf8Prefix(part, utf8Length(part) - (utf8Length(escaped) - room));
    escaped = escapeText(part);
  }
  return { part, escaped };
}

/**
 * Sanitizes `html` and makes its URLs absolute against `baseUrl`. At most `maxBytes` of UTF-8 come
 * out: the HTML is cut where the budget ends, between elements or inside a text, and every element
 * still open is closed, so what is cut is still well-formed.
 */
export function cleanHtml(html: string, baseUrl: string, maxBytes = Number.POSITIVE_INFINITY): CleanHtml {
  let out = '';
  let text = '';
  let dropDepth = 0;
  let bytes = 0;
  /** Elements written and not yet closed, and the bytes their closing tags will take. */
  const open: string[] = [];
  let closing = 0;
  let truncated = false;
  /** Appends `piece` if it fits with every closing tag still owed (and `owes` more); false when full. */
  const fits = (piece: string, owes = 0): boolean => {
    if (truncated) return false;
    const size = utf8Length(piece);
    if (bytes + size + closing + owes > maxBytes) {
      truncated = true;
      return false;
    }
    out += piece;
    bytes += size;
    return true;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (truncated) return;
        if (dropDepth > 0 || DROPPED_WITH_CONTENT.has(name)) {
          if (!VOID.has(name)) dropDepth++;
          return;
        }
        if (BLOCK.has(name)) text += '\n';
        if (UNWRAPPED.has(name)) return;
        const tag = openingTag(name, attributes, baseUrl);
        const closer = VOID.has(name) ? 0 : name.length + 3;
        if (!fits(tag, closer) || closer === 0) return;
        open.push(name);
        closing += closer;
      },
      ontext(chunk) {
        if (dropDepth > 0 || truncated) return;
        const clean = stripForbiddenXmlChars(chunk);
        if (fits(escapeText(clean))) {
          text += clean;
          return;
        }
        const { part, escaped } = fittingPart(clean, maxBytes - bytes - closing);
        out += escaped;
        bytes += utf8Length(escaped);
        text += part;
      },
      onclosetag(name) {
        if (dropDepth > 0) {
          if (!VOID.has(name)) dropDepth--;
          return;
        }
        if (truncated) return;
        if (BLOCK.has(name)) text += '\n';
        if (UNWRAPPED.has(name) || VOID.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at === -1) return;
        // htmlparser2 closes what it implies in order: this is the last element written.
        for (const closed of open.splice(at).reverse()) {
          out += `</${closed}>`;
          bytes += closed.length + 3;
          closing -= closed.length + 3;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  for (const name of open.reverse()) out += `</${name}>`;
  return { html: out, text: collapseLineBreaks(text).trim(), truncated };
}
