/** Dates in front matter: many spellings in, one instant (epoch milliseconds) out. */
import { instantOfWallTime, utc } from '../core/time.ts';

export class DateValueError extends Error {
  override readonly name = 'DateValueError';
}

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** RFC 1123 / RFC 2822 dates ("Mon, 02 Jan 2006 15:04:05 -0700") always carry their own zone. */
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|[A-Z]{1,5})$/;

function parseDateString(text: string, timeZone: string): number {
  const trimmed = text.trim();
  const m = ISO_LIKE.exec(trimmed);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const wall = utc(year, month - 1, day, hour, minute, second, millis);
    const check = new Date(wall);
    if (
      check.getUTCMonth() !== month - 1 ||
      check.getUTCDate() !== day ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      throw new DateValueError(`"${trimmed}" is not a valid calendar date and time`);
    }
    const zone = m[8];
    if (zone === undefined) return instantOfWallTime(wall, timeZone);
    if (/^(z|utc|gmt)$/i.test(zone)) return wall;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    return wall - sign * offsetMinutes * 60_000;
  }
  if (RFC_2822.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new DateValueError(
    `"${trimmed}" is not a date (expected e.g. 2025-02-12, 2025-02-12 21:32:29 or RFC 3339)`,
  );
}

/** What TOML parsers hand back for local dates: a Date that knows it had no zone. */
interface LocalDateLike {
  isLocal(): boolean;
  toISOString(): string;
}

function isLocalDateLike(value: unknown): value is LocalDateLike {
  return value instanceof Date && typeof (value as Partial<LocalDateLike>).isLocal === 'function';
}

/**
 * Reads a front-matter date. A value without a zone is a wall time in `timeZone`; a bare date is
 * midnight there. Returns epoch milliseconds, or throws DateValueError naming what was wrong.
 */
export function parseDateValue(value: unknown, timeZone: string): number {
  return inFeedRange(readDate(value, timeZone));
}

function readDate(value: unknown, timeZone: string): number {
  if (isLocalDateLike(value) && value.isLocal()) return parseDateString(value.toISOString(), timeZone);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DateValueError('invalid date');
    return value.getTime();
  }
  if (typeof value === 'string') return parseDateString(value, timeZone);
  throw new DateValueError(
    `expected a date, got ${typeof value === 'object' ? 'a list or table' : typeof value}`,
  );
}

const FIRST = utc(1, 0, 1);
const LAST = utc(9999, 11, 31, 23, 59, 59);

/** Feed dates have four-digit years: RFC 3339 readers reject year 0, and Python's cannot go below 1. */
function inFeedRange(instant: number): number {
  if (instant < FIRST || instant > LAST) {
    throw new DateValueError('is outside the years 1 to 9999 (in UTC) that feed dates can express');
  }
  return instant;
}

/** Go's zero time, which Hugo writes and reads as "no date". */
const ZERO_DATE = /^0001-01-01(?:[Tt ]00:00:00(?:\.0+)?(?:Z|z|[+-]00:?00)?)?$/;

/** True for Hugo's "no date": 0001-01-01, as text or as a parsed date. */
export function isZeroDate(value: unknown): boolean {
  if (typeof value === 'string') return ZERO_DATE.test(value.trim());
  return value instanceof Date && value.getTime() === FIRST;
}
