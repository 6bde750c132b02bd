/**
 * The one escaper for markup: XML (feeds, OPML) and HTML (pages, article bodies) escape text the
 * same way. Every function also drops the characters XML forbids, so no value can break a document.
 */
import { stripForbiddenXmlChars } from './xml-chars.ts';

const TEXT = /[&<>]/g;
const ATTRIBUTE = /[&<>"]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * For RSS titles and other text that readers may take for HTML: hexadecimal references are the
 * one spelling every reader decodes to the literal character (RSS Advisory Board practice).
 */
const HEX_ENTITY: Readonly<Record<string, string>> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' };

/** Text content of an element. */
export function escapeText(text: string): string {
  return stripForbiddenXmlChars(text).replace(TEXT, (ch) => ENTITY[ch] ?? ch);
}

/** A double-quoted attribute value. */
export function escapeAttribute(text: string): string {
  return stripForbiddenXmlChars(text).replace(ATTRIBUTE, (ch) => ENTITY[ch] ?? ch);
}

/** Text that must read as plain text even to a reader that takes it for HTML (RSS titles). */
export function escapePlainText(text: string): string {
  return stripForbiddenXmlChars(text).replace(TEXT, (ch) => HEX_ENTITY[ch] ?? ch);
}
