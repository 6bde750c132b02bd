/** URL path pieces from names, the way Hugo's urlize makes them. */

const KEPT_PUNCTUATION = new Set(['.', '/', '_', '+', '~', '-', '@', '#']);
const LETTER_DIGIT_MARK = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

/**
 * Hugo's urlize: lower case, runs of white space become one hyphen, letters (any script), digits,
 * marks and `. / _ + ~ - @ #` are kept, everything else dropped. Path segments that would mean
 * something to a URL resolver (`.`, `..`, empty) are dropped too.
 */
const PLAIN = /^[a-z0-9._+~@#-]+$/;

/** The letters JavaScript lower-cases other than Go does: `İ` (to `i` and a dot above) and `Σ` (to `ς` at a word's end). */
const UNLIKE_GO = /[\u0130\u03a3]/;

/**
 * Lower case as Go's strings.ToLower (Hugo) makes it: each letter on its own, by its simple mapping.
 * JavaScript's toLowerCase makes `İ` two characters (`i̇`) and a final `Σ` `ς`, so a Turkish tag
 * `TEKNİK NOTLAR` was at `tekni̇k-notlar/`, not at Hugo's `teknik-notlar/` (ropensci.org).
 */
export function lowerCase(text: string): string {
  if (!UNLIKE_GO.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

export function urlize(name: string): string {
  const lower = lowerCase(name);
  if (PLAIN.test(lower)) return lower === '.' || lower === '..' ? '' : lower;
  let out = '';
  let pendingHyphen = false;
  let lastWasHyphen = false;
  for (const ch of lower.normalize('NFC')) {
    if (KEPT_PUNCTUATION.has(ch) || LETTER_DIGIT_MARK.test(ch)) {
      lastWasHyphen = ch === '-';
      if (pendingHyphen && !lastWasHyphen) out += '-';
      pendingHyphen = false;
      out += ch;
    } else if (out.length > 0 && !lastWasHyphen && SPACE.test(ch)) {
      pendingHyphen = true;
    }
  }
  return out
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('/');
}

const SEGMENT_BYTES = 150;
const utf8 = new TextEncoder();

/**
 * A slug whose every path segment fits a file name (file systems allow 255 bytes; `build` writes one
 * folder per segment). A longer segment is cut at a character boundary and given a hash of the whole
 * slug, so two long names that share a beginning stay apart, and the same name always gives the same.
 */
export function fitSlug(slug: string, hash: (text: string) => string): string {
  return slug
    .split('/')
    .map((segment) => {
      if (utf8.encode(segment).length <= SEGMENT_BYTES) return segment;
      let cut = '';
      for (const ch of segment) {
        if (utf8.encode(cut + ch).length > SEGMENT_BYTES - 9) break;
        cut += ch;
      }
      return `${cut}-${hash(slug).slice(0, 8)}`;
    })
    .join('/');
}

/** Percent-encodes a slug for a URL path, keeping `/` between its segments. */
export function encodeSlugPath(slug: string): string {
  return slug.split('/').map(encodeURIComponent).join('/');
}

const termKeys = new Map<string, string>();

/** The identity of a taxonomy term: tags that differ only in case or spacing are one tag, as in Hugo. */
export function termKey(name: string): string {
  let key = termKeys.get(name);
  if (key === undefined) {
    key = lowerCase(name.normalize('NFC').trim().replace(/\s+/gu, ' '));
    // Sites have hundreds of distinct tags, read thousands of times: remember them (boundedly).
    if (termKeys.size > 50_000) termKeys.clear();
    termKeys.set(name, key);
  }
  return key;
}
