/**
 * Makes article HTML safe and self-contained for feed readers: drops active content, and resolves
 * every relative URL against the article's permalink (readers ignore xml:base).
 */
import { Parser } from 'htmlparser2';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import { safeAbsoluteUrl } from './urls.ts';

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
}

/** Sanitizes `html` and makes its URLs absolute against `baseUrl`. */
export function cleanHtml(html: string, baseUrl: string): CleanHtml {
  let out = '';
  let text = '';
  let dropDepth = 0;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropDepth > 0 || DROPPED_WITH_CONTENT.has(name)) {
          if (!VOID.has(name)) dropDepth++;
          return;
        }
        if (BLOCK.has(name)) text += '\n';
        if (UNWRAPPED.has(name)) return;
        out += `<${name}`;
        for (const [rawName, rawValue] of Object.entries(attributes)) {
          const attr = rawName.toLowerCase();
          if (attr.startsWith('on') || DROPPED_ATTRIBUTES.has(attr) || !ATTRIBUTE_NAME.test(attr)) continue;
          let value: string | undefined = stripForbiddenXmlChars(rawValue);
          if (URL_ATTRIBUTES.has(attr))
            value = safeAbsoluteUrl(value, baseUrl, name === 'img' || name === 'source');
          else if (attr === 'srcset') value = absoluteSrcset(value, baseUrl);
          if (value !== undefined) out += ` ${attr}="${escapeAttribute(value)}"`;
        }
        out += '>';
      },
      ontext(chunk) {
        if (dropDepth > 0) return;
        const clean = stripForbiddenXmlChars(chunk);
        out += escapeText(clean);
        text += clean;
      },
      onclosetag(name) {
        if (dropDepth > 0) {
          if (!VOID.has(name)) dropDepth--;
          return;
        }
        if (BLOCK.has(name)) text += '\n';
        if (UNWRAPPED.has(name) || VOID.has(name)) return;
        out += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return { html: out, text: text.replace(/[ \t]*\n\s*/g, '\n').trim() };
}
