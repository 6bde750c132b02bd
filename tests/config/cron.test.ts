// The schedule check the config runs (also in the Worker) against node-cron's own, which `serve`
// schedules with: what the config takes, node-cron must take, and the other way round.
import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronProblem } from '../../src/config/cron.ts';

const nodeCronTakes = (schedule: string) => cron.validate(schedule);
const weTake = (schedule: string) => cronProblem(schedule) === undefined;

// Fields written as people write them, within bounds (`sane`) or not quite (a value one past the
// end, a name in the wrong field, a step of 0, a special token where it means nothing).
const BOUNDS = [
  [0, 59, []],
  [0, 59, []],
  [0, 23, []],
  [1, 31, ['L', 'L-3', 'LW', '15W']],
  [1, 12, ['jan', 'Feb', 'december']],
  [0, 7, ['mon', 'SUN', 'friday', '5L', '1#2']],
] as const;
const ODD = ['jan', 'mon', 'foo', '?', 'L', 'L-31', '32W', '8L', '9#9', '1#6', ''];

function fieldOf([min, max, named]: (typeof BOUNDS)[number], sane: boolean) {
  const value = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min, max }).map(String) },
    { weight: sane ? 0 : 1, arbitrary: fc.constantFrom(String(min - 1), String(max + 1), '007', ...ODD) },
    ...(named.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...named) }] : []),
  );
  const item = fc.oneof(
    { weight: 3, arbitrary: value },
    { weight: 2, arbitrary: fc.constant('*') },
    { weight: 2, arbitrary: fc.tuple(value, value).map(([a, b]) => `${a}-${b}`) },
    { weight: 2, arbitrary: fc.integer({ min: sane ? 1 : 0, max: 40 }).map((n) => `*/${n}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, value, fc.integer({ min: sane ? 1 : 0, max: 9 }))
        .map(([a, b, n]) => `${a}-${b}/${n}`),
    },
    {
      weight: sane ? 0 : 1,
      arbitrary: fc.tuple(value, fc.integer({ min: 1, max: 9 })).map(([a, n]) => `${a}/${n}`),
    },
  );
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
}

function schedules(sane: boolean) {
  const fields = fc
    .boolean()
    .chain((seconds) =>
      fc.tuple(...(seconds ? BOUNDS : BOUNDS.slice(1)).map((b) => fieldOf(b, sane))).map((l) => l.join(' ')),
    );
  return fc.oneof(
    { weight: 20, arbitrary: fields },
    {
      weight: sane ? 0 : 1,
      arbitrary: fc.array(fieldOf(BOUNDS[1], false), { minLength: 3, maxLength: 8 }).map((l) => l.join(' ')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '@daily',
        '@HOURLY',
        ' @weekly ',
        '@monthly',
        '@yearly',
        '@annually',
        '@midnight',
        ...(sane ? [] : ['@often']),
      ),
    },
  );
}

describe('cron schedules', () => {
  it('takes what node-cron takes, and nothing else (generated schedules within bounds)', () => {
    let taken = 0;
    fc.assert(
      fc.property(schedules(true), (s) => {
        expect(weTake(s), s).toBe(nodeCronTakes(s));
        if (weTake(s)) taken++;
      }),
      { numRuns: 4_000 },
    );
    // The generator must make schedules both take, not only ones both refuse.
    expect(taken).toBeGreaterThan(1_500);
  });

  it('never takes what node-cron refuses (any generated schedule)', () => {
    // node-cron also takes ranges with an end out of bounds (hour `22-24`, weekday `5-8/4`), which it
    // wraps or cuts; the config refuses them, since no one means them.
    fc.assert(
      fc.property(schedules(false), (s) => {
        if (weTake(s)) expect(nodeCronTakes(s), s).toBe(true);
      }),
      { numRuns: 8_000 },
    );
  });

  it('takes the usual ones', () => {
    for (const s of [
      '* * * * *',
      '*/5 * * * *',
      '0 */2 * * *',
      '30 9 * * mon-fri',
      '0 0 1 jan *',
      '*/10 * * * * *',
      '0 0 L * *',
      '0 0 * * 5L',
      '0 0 * * 1#2',
      '0 22-2 * * *',
      '@daily',
    ]) {
      expect([s, cronProblem(s)]).toEqual([s, undefined]);
      expect(nodeCronTakes(s), s).toBe(true);
    }
  });

  it('says why it refuses one', () => {
    expect(cronProblem('every now and then')).toBe(
      'has 4 fields; cron has 5 (minute hour day month weekday) or 6 (seconds first)',
    );
    expect(cronProblem('61 * * * *')).toBe('"61" is not a minute');
    expect(cronProblem('0 0 30 2 *')).toBe('never comes: no month of "2" has day "30"');
    expect(cronProblem('0 0 * * *; rm')).toBe('has characters cron does not use');
  });
});
