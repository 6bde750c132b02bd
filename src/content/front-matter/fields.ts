/**
 * Front-matter fields typed once: the spellings Hugo accepts (a scalar or a list, `"false"`, a
 * number as a title, `Name <email>`, nested image tables) become one typed value, or a FieldError
 * naming the field.
 */

import { isRecord } from '../../core/guards.ts';
import { stripForbiddenXmlChars } from '../../core/xml-chars.ts';
import type { Author, Translation } from '../article.ts';
import { DateValueError, isZeroDate, parseDateValue } from '../dates/dates.ts';
import { isEmailAddress } from '../email.ts';
import { isLanguageTag, LANGUAGE_TAG_HINT } from '../language-tag.ts';
import { httpUrl } from '../paths/urls.ts';

/** Front-matter fields, their names lower-cased (see front-matter.ts): look them up lower-cased. */
export type Fields = Readonly<Record<string, unknown>>;

/** Reports a value left out of a field that is still usable: a warning naming the field. */
export type FieldWarning = (field: string, message: string) => void;

/**
 * Characters of a one-line value (a title, a term, a name): what is longer is cut. Such values go into
 * every feed's channel or item more than once, escaped; bounded, a feed's channel always fits its
 * byte budget (maxFeedBytes).
 */
export const MAX_LINE_CHARS = 500;
/** Characters of a description that names a feed (a term page's, the site's). */
export const MAX_DESCRIPTION_CHARS = 2_000;

/** `text` cut to `max` characters (never half a surrogate pair), with a warning when it was longer. */
export function boundedText(text: string, field: string, warn: FieldWarning, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  warn(field, `"${field}" is longer than ${max} characters; cut to that`);
  return `${text.slice(0, end)}…`;
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = stripForbiddenXmlChars(value).trim();
    return text === '' || text === '~' || text === 'null' ? undefined : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

export function textField(data: Fields, field: string): string | undefined {
  const value = data[field.toLowerCase()];
  if (value !== undefined && value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (Array.isArray(value) && value.length === 1) return scalarText(value[0]);
    throw new FieldError(field, `"${field}" should be text, not a list or table`);
  }
  return scalarText(value);
}

/** A field Hugo takes as one value or a list of values. */
export function listField(data: Fields, field: string): string[] {
  const value = data[field.toLowerCase()];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text === undefined && item !== null && typeof item === 'object') {
      throw new FieldError(field, `"${field}" should be text or a list of text`);
    }
    if (text !== undefined) out.push(text);
  }
  return out;
}

export function booleanField(data: Fields, field: string): boolean | undefined {
  const value = data[field.toLowerCase()];
  if (typeof value === 'boolean') return value;
  const text = scalarText(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['true', 'yes', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  throw new FieldError(field, `"${field}" should be true or false, not "${text}"`);
}

export function dateField(data: Fields, field: string, timeZone: string): number | undefined {
  const value = data[field.toLowerCase()];
  if (value === undefined || value === null || value === '' || isZeroDate(value)) return undefined;
  try {
    return parseDateValue(Array.isArray(value) && value.length === 1 ? value[0] : value, timeZone);
  } catch (error) {
    if (error instanceof DateValueError) throw new FieldError(field, `"${field}": ${error.message}`);
    throw error;
  }
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
/** Line terminators, which `.` does not match: a name holding one is not a name. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
/** `x@y`: an `@` with something on both sides, and none of `chars`. */
const addressOf = (text: string, forbidden: RegExp) =>
  text.length >= 3 && !forbidden.test(text) && text.slice(1, -1).includes('@') ? text : undefined;

/**
 * `Name <a@b>`, by hand: `^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$` tried every place for the `@` in a long
 * run of them, for every start (front matter holds up to a megabyte).
 */
function nameAndEmail(text: string): { name: string; email: string } | undefined {
  if (!text.endsWith('>')) return undefined;
  const open = text.lastIndexOf('<');
  const email = open === -1 ? undefined : addressOf(text.slice(open + 1, -1), /[<>\s]/);
  if (email === undefined) return undefined;
  const name = text.slice(0, open).trimEnd();
  return LINE_TERMINATOR.test(name) ? undefined : { name, email };
}

/** `a@b (Name)`, by hand, as `^([^()\s]+@[^()\s]+)\s*\((.*)\)$` reads it. */
function emailAndName(text: string): { name: string; email: string } | undefined {
  const run = /^[^()\s]*/.exec(text)?.[0] ?? '';
  const email = addressOf(run, /[()\s]/);
  if (email === undefined || !text.endsWith(')')) return undefined;
  const open = text.slice(run.length).trimStart();
  if (!open.startsWith('(') || open.length < 2) return undefined;
  const name = open.slice(1, -1);
  return LINE_TERMINATOR.test(name) ? undefined : { name, email };
}

/** An author as written: a table, `Name <email>`, `email (Name)`, an address or a name. */
function parseAuthor(value: unknown): Author | undefined {
  if (isRecord(value)) {
    const record = value;
    const name = scalarText(record.name);
    const email = scalarText(record.email);
    const url = scalarText(record.url ?? record.link ?? record.website);
    return { ...(name && { name }), ...(email && { email }), ...(url && { url }) };
  }
  const text = scalarText(value);
  if (!text) return undefined;
  const withEmail = nameAndEmail(text);
  if (withEmail) return withEmail.name ? withEmail : { email: withEmail.email };
  const emailFirst = emailAndName(text);
  if (emailFirst) return emailFirst.name ? emailFirst : { email: emailFirst.email };
  if (EMAIL_LIKE.test(text)) return { email: text };
  return { name: text };
}

/**
 * An author as feeds may carry it: the e-mail a valid address and the URL an http(s) one (resolved
 * against `base`), else left out with a warning; undefined when neither a name nor an address is left.
 */
export function checkedAuthor(
  author: Author,
  field: string,
  base: string | undefined,
  warn: FieldWarning,
): Author | undefined {
  const name = author.name === undefined ? undefined : boundedText(author.name, field, warn);
  let { email, url } = author;
  if (email !== undefined && !isEmailAddress(email)) {
    warn(field, `"${field}": "${email}" is not an e-mail address; left out`);
    email = undefined;
  }
  if (url !== undefined) {
    const checked = httpUrl(url, base);
    if (!checked) warn(field, `"${field}": "${url}" is not an http(s) URL; left out`);
    url = checked;
  }
  if (!name && !email) return undefined;
  return { ...(name && { name }), ...(email && { email }), ...(url && { url }) };
}

/** `author` and `authors`, one entry per person; author URLs resolve against `base`. */
export function authorsField(data: Fields, base: string, warn: FieldWarning): Author[] {
  const seen = new Set<string>();
  const authors: Author[] = [];
  for (const field of ['authors', 'author']) {
    const value = data[field.toLowerCase()];
    for (const item of value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]) {
      const parsed = parseAuthor(item);
      const author = parsed && checkedAuthor(parsed, field, base, warn);
      const key = `${author?.name ?? ''}\u0000${author?.email ?? ''}`;
      if (author && !seen.has(key)) {
        seen.add(key);
        authors.push(author);
      }
    }
  }
  return authors;
}

export function imageField(data: Fields): string | undefined {
  for (const field of [
    'thumbnail',
    'image',
    'images',
    'cover',
    'featured_image',
    'featuredImage',
    'heroImage',
  ]) {
    const value = data[field.toLowerCase()];
    const first = Array.isArray(value) ? value[0] : value;
    if (isRecord(first)) {
      const nested = scalarText(first.image ?? first.src);
      if (nested) return nested;
      continue;
    }
    const text = scalarText(first);
    if (text) return text;
  }
  return undefined;
}

/** Explicit translations: a table `{ en: url }` or a list of `{ lang, url }`. Plain language codes carry no link. */
export function translationsField(data: Fields, base: string, warn: FieldWarning): Translation[] {
  const value = data.translations;
  const out: Translation[] = [];
  const add = (language: string | undefined, url: string | undefined) => {
    if (!language || !url) return;
    const absolute = httpUrl(url, base);
    if (!isLanguageTag(language))
      warn('translations', `"translations": "${language}" is not ${LANGUAGE_TAG_HINT}; left out`);
    else if (!absolute) warn('translations', `"translations": "${url}" is not an http(s) URL; left out`);
    else out.push({ language, url: absolute });
  };
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isRecord(item))
        add(scalarText(item.lang ?? item.language), scalarText(item.url ?? item.link ?? item.href));
    }
  } else if (isRecord(value)) {
    for (const [language, url] of Object.entries(value)) add(language, scalarText(url));
  }
  return out;
}
