/**
 * Characters XML 1.0 forbids: C0 controls other than tab, newline and return, lone surrogates,
 * U+FFFE and U+FFFF; and DEL and the C1 controls (U+007F-U+009F), which XML 1.0 (§2.2) tells
 * authors to avoid, XML 1.1 forbids raw, HTML reads as a parse error and JSON Feed readers reject:
 * in articles they are always a mis-decoded byte, never text. With the `u` flag a lone surrogate is
 * one code point outside every range.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The same set without lone surrogates: a fast first look (no `u` flag), with isWellFormed() for the rest. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this regex's purpose.
const FORBIDDEN_BMP = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/;

/** Removes every character that XML 1.0 forbids or discourages, so any field can go into any feed format. */
export function stripForbiddenXmlChars(text: string): string {
  if (!FORBIDDEN_BMP.test(text) && text.isWellFormed()) return text;
  return text.replace(FORBIDDEN_IN_XML, '');
}
