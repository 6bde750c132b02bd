/** Dates in front matter: many spellings in, one instant (epoch milliseconds) out, and the zone it was written in. */
import { instantOfWallTime, offsetMinutesAt, utc } from '../../core/time.ts';

export class DateValueError extends Error {
  override readonly name = 'DateValueError';
}

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** RFC 1123 / RFC 2822 dates ("Mon, 02 Jan 2006 15:04:05 -0700") always carry their own zone. */
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|[A-Z]{1,5})$/;

/** An instant, and the UTC offset (minutes) of the clock it was written on: what Hugo's date tokens read. */
export interface WrittenDate {
  readonly instant: number;
  readonly offset: number;
}

const inZone = (instant: number, timeZone: string): WrittenDate => ({
  instant,
  offset: offsetMinutesAt(instant, timeZone),
});

/**
 * Ruby's Time.parse reads a date and time at the start and ignores what it does not know after them
 * (`2017-02-10 00:10::00 -03:00` is 00:10 on the site's clock: no zone follows the time directly).
 */
const LENIENT_START = /^(\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)(?=[^\d.]|$)/;

const DAY_MONTH_YEAR = /^(\d{1,2})-(\d{1,2})-(\d{3,4})((?:[Tt ].*)?)$/;

/** What the `date` command prints, which Ruby's Time.parse reads: `Fri Sep  3 11:21:31 CEST 2021`. */
const UNIX_DATE =
  /^(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([A-Za-z]{1,5})\s+)?(\d{4})$/;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * The zones Ruby's Time.parse knows (Time::ZoneOffset): any other name (`CEST`) is read as no zone,
 * so the time is on the site's clock.
 */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  utc: 0,
  z: 0,
  ut: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

function unixDate(m: RegExpExecArray, timeZone: string): WrittenDate | undefined {
  const month = MONTH_NAMES.indexOf((m[1] ?? '').toLowerCase());
  if (month < 0) return undefined;
  const wall = utc(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0));
  const offset = ZONE_ABBREVIATIONS[m[6]?.toLowerCase() ?? ''];
  if (offset === undefined) return inZone(instantOfWallTime(wall, timeZone), timeZone);
  return { instant: wall - offset * 60_000, offset };
}

/** An ISO 8601-like date (`2025-02-12`, `2025-02-12 21:32:29`, RFC 3339) as matched by ISO_LIKE. */
function isoDate(m: RegExpExecArray, trimmed: string, timeZone: string): WrittenDate {
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
  if (zone === undefined) return inZone(instantOfWallTime(wall, timeZone), timeZone);
  if (/^(z|utc|gmt)$/i.test(zone)) return { instant: wall, offset: 0 };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  return { instant: wall - offset * 60_000, offset };
}

/** An RFC 2822 date (`Wed, 12 Feb 2025 21:32:29 +0100`), or undefined when Date.parse cannot read it. */
function rfc2822Date(trimmed: string): WrittenDate | undefined {
  const parsed = Date.parse(trimmed);
  const zone = /([+-])(\d{2})(\d{2})$/.exec(trimmed);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  return Number.isNaN(parsed) ? undefined : { instant: parsed, offset };
}

/** What only a lenient reading (Ruby's Time.parse, as Jekyll's) takes; undefined when it is none of it. */
function lenientDate(trimmed: string, timeZone: string): WrittenDate | undefined {
  const start = LENIENT_START.exec(trimmed);
  if (start?.[1]) return parseDateString(start[1], timeZone, false);
  // Ruby's Date._parse takes `11-9-2017` for the 11th of September (a year comes last when it is
  // the only part longer than two digits).
  const dayFirst = DAY_MONTH_YEAR.exec(trimmed);
  if (dayFirst) {
    const [, day, month, year, rest] = dayFirst;
    return parseDateString(`${year}-${month}-${day}${rest ?? ''}`, timeZone, true);
  }
  const unix = UNIX_DATE.exec(trimmed);
  return unix ? unixDate(unix, timeZone) : undefined;
}

function parseDateString(text: string, timeZone: string, lenient: boolean): WrittenDate {
  const trimmed = text.trim();
  const m = ISO_LIKE.exec(trimmed);
  if (m) return isoDate(m, trimmed, timeZone);
  const rfc = RFC_2822.test(trimmed) ? rfc2822Date(trimmed) : undefined;
  if (rfc) return rfc;
  const written = lenient ? lenientDate(trimmed, timeZone) : undefined;
  if (written) return written;
  throw new DateValueError(
    `"${trimmed}" is not a date (expected e.g. 2025-02-12, 2025-02-12 21:32:29 or RFC 3339)`,
  );
}

/** What TOML parsers hand back: a Date that prints itself in the zone it was written in (or none). */
interface TomlDateLike {
  isLocal(): boolean;
  toISOString(): string;
}

function isTomlDateLike(value: unknown): value is TomlDateLike {
  return value instanceof Date && typeof (value as Partial<TomlDateLike>).isLocal === 'function';
}

/**
 * Reads a front-matter date. A value without a zone is a wall time in `timeZone`; a bare date is
 * midnight there. Returns epoch milliseconds, or throws DateValueError naming what was wrong.
 */
export function parseDateValue(value: unknown, timeZone: string): number {
  return readDateValue(value, timeZone).instant;
}

/**
 * A front-matter date and the offset it was written with. `lenient`: as Ruby's Time.parse, words
 * after a date and time are ignored (Jekyll reads `2023-01-29 18:30:22 2023 -0800`).
 */
export function readDateValue(value: unknown, timeZone: string, lenient = false): WrittenDate {
  const date = readDate(value, timeZone, lenient);
  inFeedRange(date.instant);
  return date;
}

function readDate(value: unknown, timeZone: string, lenient: boolean): WrittenDate {
  if (isTomlDateLike(value)) return parseDateString(value.toISOString(), timeZone, false);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DateValueError('invalid date');
    return { instant: value.getTime(), offset: 0 };
  }
  if (typeof value === 'string') return parseDateString(value, timeZone, lenient);
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

const JEKYLL_FILE_DATE = /^(\d{2,4})-(\d{1,2})-(\d{1,2})$/;

/**
 * A date from a Jekyll file name, as Ruby's Time.parse reads it: midnight in the site's zone, a day
 * past the month's end rolling over (`2015-02-30` is March 2), a month or day out of range (`2015-03-00`)
 * no date at all.
 */
export function jekyllFileNameDate(text: string, timeZone: string): WrittenDate | undefined {
  const m = JEKYLL_FILE_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const instant = instantOfWallTime(utc(year, month - 1, day), timeZone);
  return { instant, offset: offsetMinutesAt(instant, timeZone) };
}
