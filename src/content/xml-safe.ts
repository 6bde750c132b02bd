/**
 * Characters XML 1.0 forbids: C0 controls other than tab, newline and return, lone surrogates,
 * U+FFFE and U+FFFF. With the `u` flag a lone surrogate is one code point outside every range.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes every character that XML 1.0 forbids, so any field can go into any feed format. */
export function stripForbiddenXmlChars(text: string): string {
  FORBIDDEN_IN_XML.lastIndex = 0;
  return FORBIDDEN_IN_XML.test(text) ? text.replace(FORBIDDEN_IN_XML, '') : text;
}
