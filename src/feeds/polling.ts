/**
 * Polite polling: how often a feed is worth fetching, from its own publishing cadence — a 24th of
 * the typical (median) gap between its items, within the configured bounds. A tag that posts twice
 * a year is not polled every minute; a busy site feed stays fresh.
 */

export interface PollingBounds {
  /** Seconds. */
  readonly min: number;
  readonly max: number;
}

const CADENCE_SHARE = 24;

/** Seconds between polls for a feed whose items were published at `dates` (any order). */
export function pollSeconds(dates: readonly number[], bounds: PollingBounds): number {
  const sorted = [...dates].sort((a, b) => b - a);
  const gaps = sorted.slice(1).map((date, i) => (sorted[i] ?? date) - date);
  if (gaps.length === 0) return bounds.max;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
  const seconds = Math.round(median / 1000 / CADENCE_SHARE);
  return Math.min(bounds.max, Math.max(bounds.min, seconds));
}

/** RSS's Syndication module: the period and how many updates to expect in it. */
export function syndicationHint(seconds: number): { readonly period: string; readonly frequency: number } {
  for (const [period, length] of [
    ['hourly', 3600],
    ['daily', 86_400],
    ['weekly', 604_800],
    ['monthly', 2_592_000],
  ] as const) {
    if (seconds <= length) return { period, frequency: Math.max(1, Math.round(length / seconds)) };
  }
  return { period: 'yearly', frequency: Math.max(1, Math.round(31_536_000 / seconds)) };
}
