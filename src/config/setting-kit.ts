/**
 * A small typed builder for settings: a field says what a value must be, reads it (adding a problem
 * that names where it was written, and carrying on), and knows its TypeScript input type, so the
 * config's type, its validation and its reference are one definition (see settings.ts). Smaller
 * than a schema library, and the Worker parses the config too.
 */
import { describe } from '../core/describe.ts';
import { isRecord } from '../core/guards.ts';

/** What reading a config carries along: the problems found, and the values of settings read so far. */
export interface Reading {
  readonly problems: string[];
  /** Settings already read, by their flat name: later ones may depend on them (feedsUrl on siteUrl). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** What a field returns for a value it refused (after adding a problem). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

declare const inputType: unique symbol;

/** The JavaScript shape a field takes: how a union tells which of its fields a value is for. */
export type Shape = 'text' | 'number' | 'boolean' | 'list' | 'object' | 'false';

export interface Field<In, Out> {
  /** Never set: carries the type a config writes (read by indexing, whatever the compiler options). */
  readonly [inputType]?: readonly [In];
  /** What the reference says the value is: `text`, `whole number ≥ 0`, `list of …`. */
  readonly type: string;
  readonly shape: Shape;
  /** Reads a value written at `at` (a path as the config spelt it). */
  read(value: unknown, at: string, reading: Reading): Out | Invalid;
}

export type InOf<F extends Field<unknown, unknown>> = NonNullable<F[typeof inputType]>[0];
export type OutOf<F> = F extends Field<unknown, infer Out> ? Out : never;

function shapeOf(value: unknown): Shape | undefined {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (value === false) return 'false';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (isRecord(value)) return 'object';
  return undefined;
}

const fits = (shape: Shape, value: unknown) => {
  const actual = shapeOf(value);
  return actual === shape || (shape === 'boolean' && actual === 'false');
};

/** A problem: `at` must be `expected`, got what was written. */
function refuse(reading: Reading, at: string, expected: string, value: unknown): Invalid {
  reading.problems.push(`${at} must be ${expected}, got ${describe(value)}`);
  return INVALID;
}

/** A further check of a read value: a problem's text (after `at`), or undefined when it holds. */
export type Check<T> = (value: T, reading: Reading) => string | undefined;

function checked<T>(value: T, at: string, reading: Reading, checks: readonly Check<T>[]): T | Invalid {
  for (const check of checks) {
    const problem = check(value, reading);
    if (problem !== undefined) {
      reading.problems.push(`${at} ${problem}`);
      return INVALID;
    }
  }
  return value;
}

export function text(
  options: { readonly max?: number; readonly check?: Check<string>; readonly type?: string } = {},
) {
  const { max, check, type = 'text' } = options;
  const checks: Check<string>[] = [];
  if (max !== undefined)
    checks.push((value) =>
      value.length > max ? `must be at most ${max} characters, got ${value.length}` : undefined,
    );
  if (check) checks.push(check);
  return {
    type,
    shape: 'text',
    read: (value, at, reading) =>
      typeof value === 'string' ? checked(value, at, reading, checks) : refuse(reading, at, 'text', value),
  } satisfies Field<string, string> as Field<string, string>;
}

/** A whole number from `min` (0 unless said), up to `max`. */
export function whole(min = 0, max = Number.MAX_SAFE_INTEGER): Field<number, number> {
  const type =
    max === Number.MAX_SAFE_INTEGER ? `whole number ≥ ${min}` : `whole number from ${min} to ${max}`;
  return {
    type,
    shape: 'number',
    read: (value, at, reading) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
        ? value
        : refuse(reading, at, `a ${type}`, value),
  };
}

export function flag(): Field<boolean, boolean> {
  return {
    type: 'true or false',
    shape: 'boolean',
    read: (value, at, reading) =>
      typeof value === 'boolean' ? value : refuse(reading, at, 'true or false', value),
  };
}

/** `false`, as one side of a union (`polling: false`). */
export function off<Out>(out: Out): Field<false, Out> {
  return {
    type: 'false',
    shape: 'false',
    read: (value, at, reading) => (value === false ? out : refuse(reading, at, 'false', value)),
  };
}

/** One of a few texts. */
export function oneOf<const V extends string>(values: readonly V[]): Field<V, V> {
  const expected = `one of ${values.join(', ')}`;
  return {
    type: values.map((v) => `"${v}"`).join(' | '),
    shape: 'text',
    read: (value, at, reading) => values.find((v) => v === value) ?? refuse(reading, at, expected, value),
  };
}

/** A list; each item read on its own (`at[2]`), the items that are wrong left out. */
export function list<In, Out>(
  item: Field<In, Out>,
  options: { readonly nonEmpty?: boolean; readonly type?: string } = {},
): Field<readonly In[], Out[]> {
  const type = options.type ?? `list of ${item.type}`;
  return {
    type,
    shape: 'list',
    read(value, at, reading) {
      if (!Array.isArray(value)) return refuse(reading, at, type, value);
      if (options.nonEmpty && value.length === 0) return refuse(reading, at, `a ${type}, not empty`, value);
      const out: Out[] = [];
      for (const [i, v] of value.entries()) {
        const read = item.read(v, `${at}[${i}]`, reading);
        if (read !== INVALID) out.push(read);
      }
      return out;
    },
  };
}

/** A table of values by any name (`at.name`). */
export function table<In, Out>(
  item: Field<In, Out>,
): Field<Readonly<Record<string, In>>, Record<string, Out>> {
  const type = `table of ${item.type}`;
  return {
    type,
    shape: 'object',
    read(value, at, reading) {
      if (!isRecord(value)) return refuse(reading, at, type, value);
      const out: Record<string, Out> = {};
      for (const [key, v] of Object.entries(value)) {
        const read = item.read(v, `${at}.${key}`, reading);
        if (read !== INVALID) out[key] = read;
      }
      return out;
    },
  };
}

/** A field an object must have. */
export interface RequiredField<In, Out> extends Field<In, Out> {
  readonly required: true;
}

export function required<In, Out>(field: Field<In, Out>): RequiredField<In, Out> {
  return { ...field, required: true };
}

type Fields = Readonly<Record<string, Field<unknown, unknown>>>;
type RequiredKeys<S extends Fields> = {
  [K in keyof S]: S[K] extends { required: true } ? K : never;
}[keyof S];
type OptionalKeys<S extends Fields> = Exclude<keyof S, RequiredKeys<S>>;
type Flat<T> = { [K in keyof T]: T[K] } & {};
export type ObjectIn<S extends Fields> = Flat<
  { readonly [K in RequiredKeys<S>]: InOf<S[K]> } & { readonly [K in OptionalKeys<S>]?: InOf<S[K]> }
>;
export type ObjectOut<S extends Fields> = Flat<
  { readonly [K in RequiredKeys<S>]: OutOf<S[K]> } & { readonly [K in OptionalKeys<S>]?: OutOf<S[K]> }
>;

/**
 * An object of known fields: each read at `at.key`, a required one missing or a key it does not
 * know is a problem. Keys left out stay out (exactOptionalPropertyTypes).
 */
export function object<S extends Fields>(fields: S, type?: string): Field<ObjectIn<S>, ObjectOut<S>> {
  const keys = Object.keys(fields);
  const described =
    type ?? `{ ${keys.map((k) => (fields[k] && 'required' in fields[k] ? k : `${k}?`)).join(', ')} }`;
  return {
    type: described,
    shape: 'object',
    read(value, at, reading) {
      if (!isRecord(value)) return refuse(reading, at, described, value);
      const out: Record<string, unknown> = {};
      let valid = true;
      for (const key of Object.keys(value)) {
        if (!keys.includes(key)) {
          reading.problems.push(`${at}.${key} is not one of ${keys.join(', ')}`);
          valid = false;
        }
      }
      for (const key of keys) {
        const field = fields[key];
        if (!field) continue;
        if (value[key] === undefined) {
          if ('required' in field) {
            reading.problems.push(`${at}.${key} is missing (${at} must be ${described})`);
            valid = false;
          }
          continue;
        }
        const read = field.read(value[key], `${at}.${key}`, reading);
        if (read === INVALID) valid = false;
        else out[key] = read;
      }
      return valid ? (out as ObjectOut<S>) : INVALID;
    },
  };
}

/** One of several fields, told apart by the shape of the value (text, number, list, object…). */
export function either<A extends Field<unknown, unknown>, B extends Field<unknown, unknown>>(
  a: A,
  b: B,
): Field<InOf<A> | InOf<B>, OutOf<A> | OutOf<B>> {
  const type = `${a.type} or ${b.type}`;
  return {
    type,
    shape: a.shape,
    read(value, at, reading) {
      const field = [a, b].find((f) => fits(f.shape, value));
      return field
        ? (field.read(value, at, reading) as OutOf<A> | OutOf<B>)
        : refuse(reading, at, type, value);
    },
  };
}

/** A field whose value is turned into another (`{ name }` from a name) or checked further. */
export function map<In, Mid, Out>(
  field: Field<In, Mid>,
  to: (value: Mid, at: string, reading: Reading) => Out | Invalid,
): Field<In, Out> {
  return {
    type: field.type,
    shape: field.shape,
    read(value, at, reading) {
      const read = field.read(value, at, reading);
      return read === INVALID ? INVALID : to(read, at, reading);
    },
  };
}

/** A field described by hand: its type as the reference says it, and how it reads. */
export function custom<In, Out>(
  type: string,
  shape: Shape,
  read: (value: unknown, at: string, reading: Reading) => Out | Invalid,
): Field<In, Out> {
  return { type, shape, read };
}

/** A check that adds a problem when it fails: a convenience for `map`. */
export function problem(reading: Reading, at: string, text: string): Invalid {
  reading.problems.push(`${at} ${text}`);
  return INVALID;
}
