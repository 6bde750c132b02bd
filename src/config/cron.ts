/**
 * Cron syntax, as `serve`'s scheduler (node-cron) takes it, checked where the config is validated —
 * also in the Worker, which cannot load node-cron. Five fields (minute hour day month weekday) or six
 * (seconds first); `*`, numbers, names (`jan`, `mon`), ranges, lists, steps (`*\/5`, `1-30/2`), `?`,
 * `L`, `L-3`, `15W`, `LW`, `5L`, `1#2`; or `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`,
 * `@yearly`, `@annually`. tests/config/cron.test.ts holds it to node-cron's own check.
 */

const NICKNAMES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly (readonly string[])[];
  /** Where names count from (months from 1, weekdays from 0). */
  readonly first?: number;
}

const FIELDS: readonly Bounds[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: [MONTH_NAMES, MONTHS], first: 1 },
  { name: 'weekday', min: 0, max: 7, names: [DAY_NAMES, DAYS], first: 0 },
];

/** A number or a name within the field's bounds, or undefined. */
function numberOf(token: string, bounds: Bounds): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= bounds.min && n <= bounds.max ? n : undefined;
  }
  const lower = token.toLowerCase();
  for (const names of bounds.names ?? []) {
    const i = names.indexOf(lower);
    if (i >= 0) return i + (bounds.first ?? 0);
  }
  return undefined;
}

/** `*`, `*\/n`, `a`, `a-b`, `a-b/n` (a range may wrap: `22-2` for hours). */
function isRangeItem(item: string, bounds: Bounds): boolean {
  const [range = '', step, more] = item.split('/');
  if (more !== undefined) return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return false;
  if (range === '*') return true;
  const [from = '', to, beyond] = range.split('-');
  if (beyond !== undefined) return false;
  if (numberOf(from, bounds) === undefined) return false;
  if (to === undefined) return step === undefined;
  return numberOf(to, bounds) !== undefined;
}

function isDayOfMonthItem(item: string): boolean {
  const upper = item.toUpperCase();
  if (upper === 'L' || upper === 'LW') return true;
  const offset = /^L-(\d{1,2})$/.exec(upper);
  if (offset) return Number(offset[1]) >= 1 && Number(offset[1]) <= 30;
  const weekday = /^(\d{1,2})W$/.exec(upper);
  if (weekday) return Number(weekday[1]) >= 1 && Number(weekday[1]) <= 31;
  return false;
}

function isWeekdayItem(item: string): boolean {
  return /^[0-7]L$/i.test(item) || /^[0-7]#[1-5]$/.test(item);
}

function fieldProblem(field: string, bounds: Bounds): string | undefined {
  if (field === '?' && (bounds.name === 'day of month' || bounds.name === 'weekday')) return undefined;
  for (const item of field.split(',')) {
    if (isRangeItem(item, bounds)) continue;
    if (bounds.name === 'day of month' && isDayOfMonthItem(item)) continue;
    if (bounds.name === 'weekday' && isWeekdayItem(item)) continue;
    return `"${field}" is not a ${bounds.name}`;
  }
  return undefined;
}

/** Every value a field names (ranges and steps expanded, a backwards range wrapping), or undefined when it names a day by rule (`L`, `15W`). */
function valuesOf(field: string, bounds: Bounds): number[] | undefined {
  const values: number[] = [];
  for (const item of field.split(',')) {
    const [range = '', step = '1'] = item.split('/');
    const [from, to] =
      range === '*' ? [bounds.min, bounds.max] : range.split('-').map((v) => numberOf(v, bounds));
    if (from === undefined) return undefined;
    const last = to ?? from;
    const size = bounds.max - bounds.min + 1;
    const span = from <= last ? last - from : (((last - from) % size) + size) % size;
    for (let offset = 0; offset <= span; offset += Number(step)) {
      const value = from + offset;
      values.push(value > bounds.max ? value - size : value);
    }
  }
  return values;
}

/** Why a schedule is not cron syntax, or undefined when it is. */
export function cronProblem(schedule: string): string | undefined {
  if (NICKNAMES.includes(schedule.trim().toLowerCase())) return undefined;
  if (!/^[a-zA-Z0-9\-*/,#? ]+$/.test(schedule)) return 'has characters cron does not use';
  const fields = schedule.trim().split(/ +/);
  if (fields.length !== 5 && fields.length !== 6)
    return `has ${fields.length} fields; cron has 5 (minute hour day month weekday) or 6 (seconds first)`;
  const all = fields.length === 5 ? ['0', ...fields] : fields;
  for (const [i, field] of all.entries()) {
    const bounds = FIELDS[i];
    const problem = bounds && fieldProblem(field, bounds);
    if (problem) return problem;
  }
  // A day no month in the list has (`30 2`: February 30th) never comes.
  const [, , , dayBounds, monthBounds] = FIELDS;
  const days = dayBounds && valuesOf(all[3] ?? '', dayBounds);
  const months = monthBounds && valuesOf(all[4] ?? '', monthBounds);
  if (days && months && !months.some((m) => days.some((d) => d <= (DAYS_IN_MONTH[m - 1] ?? 0))))
    return `never comes: no month of "${all[4]}" has day "${all[3]}"`;
  return undefined;
}
