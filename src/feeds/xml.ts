/** The few XML primitives the RSS and Atom writers share. */
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';

const TEXT = /[&<>]/g;
const ATTRIBUTE = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * For RSS titles and other text that readers may take for HTML: hexadecimal references are the
 * one spelling every reader decodes to the literal character (RSS Advisory Board practice).
 */
const HEX_ENTITY: Record<string, string> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' };

export function xmlText(text: string): string {
  return stripForbiddenXmlChars(text).replace(TEXT, (ch) => ENTITY[ch] as string);
}

export function xmlAttribute(text: string): string {
  return stripForbiddenXmlChars(text).replace(ATTRIBUTE, (ch) => ENTITY[ch] as string);
}

export function xmlPlainText(text: string): string {
  return stripForbiddenXmlChars(text).replace(TEXT, (ch) => HEX_ENTITY[ch] as string);
}

/** A CDATA section that any `]]>` inside cannot end early. */
export function cdata(text: string): string {
  return `<![CDATA[${stripForbiddenXmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name>escaped text</name>`, or nothing for an absent value. */
export function element(name: string, text: string | undefined, attributes = ''): string {
  return text === undefined || text === '' ? '' : `<${name}${attributes}>${xmlText(text)}</${name}>`;
}

/** Like element(), for plain text that readers might take for HTML (RSS has no way to say which). */
export function plainElement(name: string, text: string | undefined, attributes = ''): string {
  return text === undefined || text === '' ? '' : `<${name}${attributes}>${xmlPlainText(text)}</${name}>`;
}
