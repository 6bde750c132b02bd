// When a document's bytes changed: the whole second after they were first served, a second after the
// bytes before at least, kept across restarts.
import { describe, expect, it } from 'vitest';
import { ChangeTimes } from '../../../src/publish/cache/change-times.ts';

const T = Date.parse('2026-03-01T08:00:00.400Z');
const SECOND = 1000;
const whole = Math.floor(T / SECOND) * SECOND;

describe('ChangeTimes', () => {
  it('dates bytes the whole second after they are first served, and keeps that date', () => {
    const changes = new ChangeTimes();
    changes.saw('tags:go|rss', '"a"');
    expect(changes.since('tags:go|rss', '"a"', T)).toBe(whole + SECOND);
    expect(changes.since('tags:go|rss', '"a"', T + 3_600_000)).toBe(whole + SECOND);
    // Seen again with the same bytes (a new catalog, the same feed): nothing moves.
    changes.saw('tags:go|rss', '"a"');
    expect(changes.since('tags:go|rss', '"a"', T + 7_200_000)).toBe(whole + SECOND);
  });

  it('dates new bytes later than the bytes before, even within one second', () => {
    const changes = new ChangeTimes();
    changes.saw('site|rss', '"a"');
    const first = changes.since('site|rss', '"a"', T) as number;
    changes.saw('site|rss', '"b"');
    // Bytes replaced by a catalog about to be served: the old ones get no date now.
    expect(changes.since('site|rss', '"a"', T + 100)).toBeUndefined();
    const second = changes.since('site|rss', '"b"', T + 200) as number;
    expect(second).toBeGreaterThan(first);
    changes.saw('site|rss', '"a"');
    expect(changes.since('site|rss', '"a"', T + 300)).toBeGreaterThan(second);
  });

  it('knows nothing of documents it never saw, and starts again for one forgotten', () => {
    const changes = new ChangeTimes();
    expect(changes.since('page:index', '"a"', T)).toBeUndefined();
    changes.saw('page:index', '"a"');
    changes.since('page:index', '"a"', T);
    changes.forget('page:index');
    changes.saw('page:index', '"a"');
    expect(changes.since('page:index', '"a"', T + 60_000)).toBe(whole + 61_000);
  });

  it('hands on what it knows to the next process, which keeps it while the bytes stay', () => {
    const changes = new ChangeTimes();
    changes.saw('a', '"1"');
    changes.since('a', '"1"', T);
    changes.saw('b', '"2"');
    changes.since('b', '"2"', T);
    changes.saw('b', '"3"');
    expect(changes.dirty).toBe(true);
    const kept = changes.entries();
    expect(changes.dirty).toBe(false);
    const next = new ChangeTimes(kept);
    next.saw('a', '"1"');
    expect(next.since('a', '"1"', T + 86_400_000)).toBe(whole + SECOND);
    next.saw('b', '"3"');
    expect(next.since('b', '"3"', T + 100)).toBe(whole + 2 * SECOND);
  });
});
