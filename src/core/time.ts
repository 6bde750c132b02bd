/** Time zones and instants: wall clocks in an IANA zone, and the date forms feeds and HTTP write. */

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
export function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
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

/** The zone's UTC offset at an instant, in minutes east of UTC. */
export function offsetMinutesAt(instant: number, timeZone: string): number {
  return timeZone === 'UTC' ? 0 : Math.round(offsetAt(instant, timeZone) / 60_000);
}

/**
 * The instant at which clocks in `timeZone` show the given wall time. A time repeated when clocks go
 * back is its first occurrence; a time skipped when they go forward moves forward by the gap
 * (Temporal's "compatible" disambiguation).
 */
export function instantOfWallTime(wallAsUtc: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallAsUtc;
  const guess = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const offset = offsetAt(guess, timeZone);
  const candidate = wallAsUtc - offset;
  return offsetAt(candidate, timeZone) === offset ? candidate : Math.max(guess, candidate);
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
