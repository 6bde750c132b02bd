import { describe, expect, it } from 'vitest';
import { pollSeconds, syndicationHint } from '../../src/feeds/polling.ts';

const HOUR = 3_600_000;
const bounds = { min: 60, max: 10_800 };
const every = (gap: number, count: number) => Array.from({ length: count }, (_, i) => 1e12 - i * gap);

describe('pollSeconds', () => {
  it("is a 24th of the feed's typical gap between items, within the bounds", () => {
    expect(pollSeconds(every(HOUR, 10), bounds)).toBe(150);
    expect(pollSeconds(every(24 * HOUR, 10), bounds)).toBe(3600);
    // Twice a year, or a single item: the slowest allowed pace.
    expect(pollSeconds(every(180 * 24 * HOUR, 4), bounds)).toBe(10_800);
    expect(pollSeconds(every(HOUR, 1), bounds)).toBe(10_800);
    // A burst of posts a minute apart: never faster than the minimum.
    expect(pollSeconds(every(60_000, 20), bounds)).toBe(60);
  });

  it('takes the median gap, so one long pause or burst does not decide', () => {
    const dates = [...every(HOUR, 9), 1e12 - 400 * 24 * HOUR];
    expect(pollSeconds(dates, bounds)).toBe(150);
  });
});

describe('syndicationHint', () => {
  it('names the period and how many updates it holds', () => {
    expect(syndicationHint(150)).toEqual({ period: 'hourly', frequency: 24 });
    expect(syndicationHint(3600)).toEqual({ period: 'hourly', frequency: 1 });
    expect(syndicationHint(10_800)).toEqual({ period: 'daily', frequency: 8 });
  });
});
