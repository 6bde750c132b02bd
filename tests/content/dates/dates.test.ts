import { describe, expect, it } from 'vitest';
import {
  DateValueError,
  isZeroDate,
  parseDateValue,
  readDateValue,
} from '../../../src/content/dates/dates.ts';
import { formatRfc822, formatRfc3339, wallTimeIn } from '../../../src/core/time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('parseDateValue', () => {
  it('reads a date without a zone as wall time in the site zone (the seed article)', () => {
    expect(iso(parseDateValue('2025-02-12 21:32:29', 'Asia/Shanghai'))).toBe('2025-02-12T13:32:29.000Z');
    expect(iso(parseDateValue('2025-02-12 21:32:29', 'UTC'))).toBe('2025-02-12T21:32:29.000Z');
  });

  it('reads a bare date as midnight in the site zone', () => {
    expect(iso(parseDateValue('2025-06-15', 'America/New_York'))).toBe('2025-06-15T04:00:00.000Z');
    expect(iso(parseDateValue('2025-01-15', 'America/New_York'))).toBe('2025-01-15T05:00:00.000Z');
  });

  it('keeps an explicit offset or Z whatever the site zone', () => {
    expect(iso(parseDateValue('2025-03-01T09:00:00+08:00', 'Europe/Paris'))).toBe('2025-03-01T01:00:00.000Z');
    expect(iso(parseDateValue('2025-03-01T09:00:00Z', 'Asia/Tokyo'))).toBe('2025-03-01T09:00:00.000Z');
    expect(iso(parseDateValue('2025-03-01 09:00:00 -0500', 'UTC'))).toBe('2025-03-01T14:00:00.000Z');
    expect(iso(parseDateValue('2025-03-01T09:00:00.250Z', 'UTC'))).toBe('2025-03-01T09:00:00.250Z');
  });

  it('handles the hour a DST change skips or repeats without throwing', () => {
    // 02:30 does not exist in New York on 2025-03-09; the later offset applies.
    expect(iso(parseDateValue('2025-03-09 02:30:00', 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z');
    // 01:30 happens twice on 2025-11-02; the first (EDT) is meant.
    expect(iso(parseDateValue('2025-11-02 01:30:00', 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z');
    expect(iso(parseDateValue('2025-11-02 12:00:00', 'America/New_York'))).toBe('2025-11-02T17:00:00.000Z');
  });

  it("reads years below 100 as written (Hugo's zero date is 0001-01-01), not as 19xx", () => {
    expect(iso(parseDateValue('0001-01-01', 'UTC'))).toBe('0001-01-01T00:00:00.000Z');
    // Before 1901 Shanghai keeps local mean time, UTC+08:05:43.
    expect(iso(parseDateValue('0099-12-31 23:59:59', 'Asia/Shanghai'))).toBe('0099-12-31T15:54:16.000Z');
    expect(formatRfc822(Date.parse('0001-01-01T00:00:00Z'))).toBe('Mon, 01 Jan 0001 00:00:00 GMT');
    expect(() => parseDateValue('0001-02-29', 'UTC')).toThrow(DateValueError);
  });

  it('rejects dates that fall outside years 1-9999 in UTC, with a reason', () => {
    expect(() => parseDateValue('0001-01-01', 'Asia/Shanghai')).toThrow(/outside the years 1 to 9999/);
    expect(() => parseDateValue('9999-12-31 23:00:00', 'America/New_York')).toThrow(DateValueError);
  });

  it("recognizes Hugo's zero date as no date", () => {
    expect(isZeroDate('0001-01-01')).toBe(true);
    expect(isZeroDate('0001-01-01T00:00:00Z')).toBe(true);
    expect(isZeroDate(new Date('0001-01-01T00:00:00Z'))).toBe(true);
    expect(isZeroDate('0001-01-02')).toBe(false);
  });

  it('accepts Date objects (TOML offset dates) and RFC 2822', () => {
    expect(parseDateValue(new Date('2025-01-01T00:00:00Z'), 'Asia/Tokyo')).toBe(
      Date.parse('2025-01-01T00:00:00Z'),
    );
    expect(iso(parseDateValue('Mon, 02 Jun 2025 15:04:05 -0700', 'UTC'))).toBe('2025-06-02T22:04:05.000Z');
  });

  it.each(['yesterday', '2025-02-30', '2025-13-01', '2025-01-01 25:00:00', '12/01/2025', ''])(
    'rejects %j',
    (value) => {
      expect(() => parseDateValue(value, 'UTC')).toThrow(DateValueError);
    },
  );

  it('rejects lists and numbers', () => {
    expect(() => parseDateValue(['a', 'b'], 'UTC')).toThrow(DateValueError);
    expect(() => parseDateValue(20250101, 'UTC')).toThrow(DateValueError);
  });
});

describe("readDateValue, lenient as Ruby's Time.parse (Jekyll)", () => {
  const lenient = (text: string, zone = 'UTC') =>
    new Date(readDateValue(text, zone, true).instant).toISOString();

  it('reads a time not directly followed by a zone on the site clock (rubyonrails.org)', () => {
    expect(lenient('2017-02-10 00:10::00 -03:00')).toBe('2017-02-10T00:10:00.000Z');
    expect(lenient('2017-02-10 00:10::00 -03:00', 'Asia/Tokyo')).toBe('2017-02-09T15:10:00.000Z');
  });

  it("reads the `date` command's output, with the zones Time.parse knows", () => {
    expect(lenient('Fri Sep  3 11:21:31 PDT 2021')).toBe('2021-09-03T18:21:31.000Z');
    // CEST is no zone of Time::ZoneOffset: the site's clock.
    expect(lenient('Fri Sep  3 11:21:31 CEST 2021')).toBe('2021-09-03T11:21:31.000Z');
    expect(lenient('Fri Sep  3 11:21:31 2021', 'Europe/Paris')).toBe('2021-09-03T09:21:31.000Z');
  });

  it('reads day-month-year, as Date._parse does (scala-lang.org)', () => {
    expect(lenient('11-9-2017')).toBe('2017-09-11T00:00:00.000Z');
    expect(lenient('11-9-2017 10:00', 'UTC')).toBe('2017-09-11T10:00:00.000Z');
  });

  it('is not lenient elsewhere', () => {
    expect(() => readDateValue('Fri Sep  3 11:21:31 PDT 2021', 'UTC')).toThrow(DateValueError);
  });
});

describe('formatting', () => {
  const instant = Date.parse('2025-02-12T13:32:29.900Z');
  it('writes RFC 822 in GMT and RFC 3339 in UTC, to the second', () => {
    expect(formatRfc822(instant)).toBe('Wed, 12 Feb 2025 13:32:29 GMT');
    expect(formatRfc3339(instant)).toBe('2025-02-12T13:32:29Z');
  });
  it('gives the wall time in a zone', () => {
    expect(wallTimeIn(instant, 'Asia/Shanghai')).toEqual({
      year: 2025,
      month: 2,
      day: 12,
      hour: 21,
      minute: 32,
      second: 29,
    });
  });
});
