/**
 * Front-matter fields typed once: the spellings Hugo accepts (a scalar or a list, `"false"`, a
 * number as a title, `Name <email>`, nested image tables) become one typed value, or a FieldError
 * naming the field.
 */

import { isRecord } from '../core/guards.ts';
import { stripForbiddenXmlChars } from '../core/xml-chars.ts';
import type { Author, Translation } from './article.ts';
import { DateValueError, isZeroDate, parseDateValue } from './dates.ts';
import { safeAbsoluteUrl } from './urls.ts';

export type Fields = Readonly<Record<string, unknown>>;

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
  const value = data[field];
  if (value !== undefined && value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (Array.isArray(value) && value.length === 1) return scalarText(value[0]);
    throw new FieldError(field, `"${field}" should be text, not a list or table`);
  }
  return scalarText(value);
}

/** A field Hugo takes as one value or a list of values. */
export function listField(data: Fields, field: string): string[] {
  const value = data[field];
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
  const value = data[field];
  if (typeof value === 'boolean') return value;
  const text = scalarText(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (['true', 'yes', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'off', '0'].includes(text)) return false;
  throw new FieldError(field, `"${field}" should be true or false, not "${text}"`);
}

export function dateField(data: Fields, field: string, timeZone: string): number | undefined {
  const value = data[field];
  if (value === undefined || value === null || value === '' || isZeroDate(value)) return undefined;
  try {
    return parseDateValue(Array.isArray(value) && value.length === 1 ? value[0] : value, timeZone);
  } catch (error) {
    if (error instanceof DateValueError) throw new FieldError(field, `"${field}": ${error.message}`);
    throw error;
  }
}

const NAME_AND_EMAIL = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/;
const EMAIL_AND_NAME = /^([^()\s]+@[^()\s]+)\s*\((.*)\)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseAuthor(value: unknown): Author | undefined {
  if (isRecord(value)) {
    const record = value;
    const name = scalarText(record.name);
    const email = scalarText(record.email);
    const url = scalarText(record.url ?? record.link ?? record.website);
    if (!name && !email) return undefined;
    return { ...(name && { name }), ...(email && { email }), ...(url && { url }) };
  }
  const text = scalarText(value);
  if (!text) return undefined;
  const withEmail = NAME_AND_EMAIL.exec(text);
  if (withEmail?.[2])
    return withEmail[1] ? { name: withEmail[1], email: withEmail[2] } : { email: withEmail[2] };
  const emailFirst = EMAIL_AND_NAME.exec(text);
  if (emailFirst?.[1])
    return emailFirst[2] ? { name: emailFirst[2], email: emailFirst[1] } : { email: emailFirst[1] };
  if (EMAIL.test(text)) return { email: text };
  return { name: text };
}

export function authorsField(data: Fields): Author[] {
  const raw = [data.authors, data.author].flatMap((v) =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v : [v],
  );
  const seen = new Set<string>();
  const authors: Author[] = [];
  for (const value of raw) {
    const author = parseAuthor(value);
    const key = `${author?.name ?? ''}\u0000${author?.email ?? ''}`;
    if (author && !seen.has(key)) {
      seen.add(key);
      authors.push(author);
    }
  }
  return authors;
}

export function imageField(data: Fields): string | undefined {
  for (const field of ['thumbnail', 'image', 'images', 'cover', 'featured_image', 'featuredImage']) {
    const value = data[field];
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
export function translationsField(data: Fields, base: string): Translation[] {
  const value = data.translations;
  const out: Translation[] = [];
  const add = (language: string | undefined, url: string | undefined) => {
    const absolute = url ? safeAbsoluteUrl(url, base) : undefined;
    if (language && absolute) out.push({ language, url: absolute });
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
