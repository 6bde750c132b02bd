/**
 * Guards for data read back from outside the process (kept state): built from these pieces, a guard
 * checks every field all the way down, and TypeScript checks that what it accepts is the type it
 * claims, so a file that deserializes into anything else is refused as a whole instead of failing
 * later, deep inside a run.
 */
import { isRecord } from './guards.ts';

export type Guard<T> = (value: unknown) => value is T;

/** Anything: for values kept as they were read (front matter a template may use). */
export const isUnknown: Guard<unknown> = (_value): _value is unknown => true;
export const isString: Guard<string> = (value) => typeof value === 'string';
export const isBoolean: Guard<boolean> = (value) => typeof value === 'boolean';
/** A finite number (NaN and infinities are no time, size or count). */
export const isNumber: Guard<number> = (value): value is number => Number.isFinite(value);

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

export function oneOf<const T extends readonly (string | number | boolean)[]>(
  ...values: T
): Guard<T[number]> {
  return (value): value is T[number] => values.includes(value as T[number]);
}

export function arrayOf<T>(guard: Guard<T>): Guard<readonly T[]> {
  return (value): value is readonly T[] => Array.isArray(value) && value.every(guard);
}

/** A table with any keys, every value passing `guard`. */
export function recordOf<T>(guard: Guard<T>): Guard<Readonly<Record<string, T>>> {
  return (value): value is Readonly<Record<string, T>> =>
    isRecord(value) && Object.values(value).every(guard);
}

export function tupleOf<A, B>(first: Guard<A>, second: Guard<B>): Guard<readonly [A, B]> {
  return (value): value is readonly [A, B] =>
    Array.isArray(value) && value.length === 2 && first(value[0]) && second(value[1]);
}

/** A guard for a property that may be left out (`name?: string`): absent, or passing `guard`. */
export type AbsentOr<T> = Guard<T | undefined> & { readonly mayBeAbsent: true };

export function absentOr<T>(guard: Guard<T>): AbsentOr<T> {
  return Object.assign(optional(guard), { mayBeAbsent: true as const });
}

type Guarded<F> = {
  readonly [K in keyof F as F[K] extends { mayBeAbsent: true } ? never : K]: F[K] extends Guard<infer T>
    ? T
    : never;
} & {
  readonly [K in keyof F as F[K] extends { mayBeAbsent: true } ? K : never]?: F[K] extends Guard<infer T>
    ? Exclude<T, undefined>
    : never;
};

/** An object whose every listed field passes its guard (fields it does not list are left alone). */
export function objectOf<F extends Readonly<Record<string, Guard<unknown>>>>(fields: F): Guard<Guarded<F>> {
  const entries = Object.entries(fields);
  return (value): value is Guarded<F> =>
    isRecord(value) && entries.every(([key, guard]) => guard(value[key]));
}
