/**
 * The one escaper for markup: XML (feeds, OPML) and HTML (pages, article bodies) escape text the
 * same way. Every function also drops the characters XML forbids, so no value can break a document.
 */
import { stripForbiddenXmlChars } from './xml-chars.ts';

/** Entities by character code (every escaped character is below 63). */
function entities(map: Readonly<Record<string, string>>): readonly (string | undefined)[] {
  const table: (string | undefined)[] = [];
  for (const [ch, entity] of Object.entries(map)) table[ch.charCodeAt(0)] = entity;
  return table;
}

const TEXT = entities({ '&': '&amp;', '<': '&lt;', '>': '&gt;' });
const ATTRIBUTE = entities({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' });
/**
 * For RSS titles and other text that readers may take for HTML: hexadecimal references are the
 * one spelling every reader decodes to the literal character (RSS Advisory Board practice).
 */
const PLAIN_TEXT = entities({ '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' });

/**
 * `text` without forbidden characters, each character of `table` replaced by its entity. A loop over
 * character codes: several times faster than a regular expression with a replacer function on the
 * half-megabyte bodies a feed may carry.
 */
function escapeWith(text: string, table: readonly (string | undefined)[]): string {
  const clean = stripForbiddenXmlChars(text);
  let out = '';
  let last = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const entity = code < 63 ? table[code] : undefined;
    if (entity === undefined) continue;
    out += clean.slice(last, i) + entity;
    last = i + 1;
  }
  return last === 0 ? clean : out + clean.slice(last);
}

/** Text content of an element. */
export function escapeText(text: string): string {
  return escapeWith(text, TEXT);
}

/** A double-quoted attribute value. */
export function escapeAttribute(text: string): string {
  return escapeWith(text, ATTRIBUTE);
}

/** Text that must read as plain text even to a reader that takes it for HTML (RSS titles). */
export function escapePlainText(text: string): string {
  return escapeWith(text, PLAIN_TEXT);
}
