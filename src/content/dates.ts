/** Dates in front matter: many spellings in, one instant (epoch milliseconds) out. */

export class DateValueError extends Error {
  override readonly name = 'DateValueError';
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a name that is not an IANA time zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (timeZone !== 'UTC') zoneFormatter(timeZone);
}

/** Date.UTC for any year: Date.UTC itself reads years 0-99 as 1900-1999 (Hugo's zero date is 0001-01-01). */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, ms));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The calendar fields of an instant as a clock in `timeZone` shows them. */
export function wallTimeIn(instant: number, timeZone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

function exactOffsetAt(instant: number, timeZone: string): number {
  const w = wallTimeIn(instant, timeZone);
  const asUtc = utc(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

const DAY = 86_400_000;
const dayOffsets = new Map<string, number | null>();

/**
 * The zone's UTC offset at an instant. Intl is slow, so offsets are remembered per UTC day; a day
 * in which the offset changes (its two ends differ) is always computed exactly.
 */
function offsetAt(instant: number, timeZone: string): number {
  const day = Math.floor(instant / DAY);
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = exactOffsetAt(day * DAY, timeZone);
    offset = start === exactOffsetAt(day * DAY + DAY - 1000, timeZone) ? start : null;
    if (dayOffsets.size > 100_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffsetAt(instant, timeZone);
}

/**
 * The instant at which clocks in `timeZone` show the given wall time. A time repeated when clocks go
 * back is its first occurrence; a time skipped when they go forward moves forward by the gap
 * (Temporal's "compatible" disambiguation).
 */
function instantOfWallTime(wallAsUtc: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallAsUtc;
  const guess = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const offset = offsetAt(guess, timeZone);
  const candidate = wallAsUtc - offset;
  return offsetAt(candidate, timeZone) === offset ? candidate : Math.max(guess, candidate);
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

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 822 as RSS 2.0 wants it, always in GMT with a four-digit year (also HTTP's IMF-fixdate). */
export function formatRfc822(instant: number): string {
  const d = new Date(instant);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`;
}

/** RFC 3339 in UTC, to the second (Atom, JSON Feed). */
export function formatRfc3339(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The HTTP date form (IMF-fixdate), e.g. for Last-Modified. */
export function formatHttpDate(instant: number): string {
  return formatRfc822(Math.floor(instant / 1000) * 1000);
}
