/** URLs in content: resolved against a base, and only with schemes that cannot run code. */

const SAFE_SCHEMES = new Set([
  'http:',
  'https:',
  'mailto:',
  'tel:',
  'ftp:',
  'news:',
  'irc:',
  'ircs:',
  'magnet:',
  'xmpp:',
  'geo:',
]);

function parse(value: string, base?: string): URL | undefined {
  try {
    return new URL(value.trim(), base);
  } catch {
    return undefined;
  }
}

/**
 * Resolves `value` against `base`; undefined when it cannot be parsed or uses a scheme that can run
 * code. `data:` is kept only for images, and never SVG (which can hold script). For links inside
 * article HTML; a URL a feed carries in a field of its own is an httpUrl().
 */
export function safeAbsoluteUrl(value: string, base: string, allowDataImage = false): string | undefined {
  const url = parse(value, base);
  if (!url) return undefined;
  if (SAFE_SCHEMES.has(url.protocol)) return url.href;
  if (allowDataImage && url.protocol === 'data:' && /^data:image\/(?!svg)/i.test(url.href)) return url.href;
  return undefined;
}

/**
 * Resolves `value` against `base` (without one, `value` must be absolute) as an http(s) URL;
 * undefined for anything else. Every URL a feed carries outside article HTML (links, authors,
 * images, translations) is one: readers follow them without sanitizing.
 */
export function httpUrl(value: string, base?: string): string | undefined {
  const url = parse(value, base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : undefined;
}

/** True when `text` is written as an absolute URI (`scheme:` then no white space). */
const URI_LIKE = /^([a-z][a-z0-9+.-]*):\S+$/i;

/** The scheme of an id written as a URI (`https`, `urn`, `javascript`), lower case; undefined for plain text. */
export function uriScheme(text: string): string | undefined {
  return URI_LIKE.exec(text)?.[1]?.toLowerCase();
}

/**
 * Schemes an id may be written in. Readers may follow an id that looks like a URL, so anything
 * else (`javascript:`, `data:`) is refused; plain text becomes a tag: URI in the feeds.
 */
export const ID_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'tag', 'urn']);

/** Schemes a browser runs or reads locally: never an id, even written with spaces (a URL parser takes them). */
const ACTIVE_SCHEMES: ReadonlySet<string> = new Set([
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'filesystem',
]);

/**
 * Why `text` cannot be an item's id, or undefined when it can: the one rule for ids from front
 * matter and from the ids file. Plain text must be well-formed (a lone surrogate cannot be written
 * as UTF-8, nor percent-encoded into a tag: URI) and hold no control characters.
 */
export function idProblem(text: string): string | undefined {
  if (text.trim() === '') return 'is empty';
  if (!text.isWellFormed()) return 'is not well-formed Unicode text (a lone surrogate)';
  if (CONTROL.test(text)) return 'holds a control character';
  const scheme = refusedIdScheme(text);
  if (scheme !== undefined)
    return `is a ${scheme}: URI; an id is an http(s) URL, a tag: or urn: URI, or plain text`;
  return undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is its purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The scheme `text` would be followed with if it is not one an id may have, lower case; undefined when it is fine. */
export function refusedIdScheme(text: string): string | undefined {
  // Text fields hold no control characters (stripped on reading); browsers skip leading spaces.
  const leading = /^\s*([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (leading !== undefined && ACTIVE_SCHEMES.has(leading)) return leading;
  const scheme = uriScheme(text);
  return scheme !== undefined && !ID_SCHEMES.has(scheme) ? scheme : undefined;
}
