/** The few XML building blocks the RSS and Atom writers share. */
import { escapePlainText, escapeText } from '../core/escape.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';

/** A CDATA section that any `]]>` inside cannot end early. */
export function cdata(text: string): string {
  return `<![CDATA[${stripForbiddenXmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<name>escaped text</name>`, or nothing for an absent value. */
export function element(name: string, text: string | undefined, attributes = ''): string {
  return text === undefined || text === '' ? '' : `<${name}${attributes}>${escapeText(text)}</${name}>`;
}

/** Like element(), for plain text that readers might take for HTML (RSS has no way to say which). */
export function plainElement(name: string, text: string | undefined, attributes = ''): string {
  return text === undefined || text === '' ? '' : `<${name}${attributes}>${escapePlainText(text)}</${name}>`;
}
