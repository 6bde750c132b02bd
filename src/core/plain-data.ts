/**
 * Parser output (YAML, TOML, JSON) as plain data, at a bounded cost. A YAML alias (`*a`) is a
 * reference to what its anchor (`&a`) names, so js-yaml returns a graph in which one node can be
 * reached many times: nine levels of nine aliases — 393 bytes, "billion laughs" — reach 387 million
 * strings. Whatever walks that graph as a tree (copying it, reading every tag, Liquid printing
 * `page`) pays for every path. The copy made here is the only walk over the parser's output, and it
 * stops at a budget proportional to the text parsed, so no input costs more than a bounded multiple
 * of its own size in memory and time.
 */
import { isRecord } from './guards.ts';

/** Nesting deeper than any real settings or front matter (Hugo's `cascade` and `params` go a few levels). */
export const MAX_DATA_DEPTH = 100;

/**
 * The size the expanded data may have, for a text of `length` characters: each node counts 1,
 * each string and key its length. Text without aliases never comes near it (a node takes at least
 * one character to write); aliases may repeat what they name a few times over.
 */
export function dataBudget(length: number): number {
  return 4 * length + 65_536;
}

export class DataLimitError extends Error {
  override readonly name = 'DataLimitError';
}

interface Walk {
  left: number;
  readonly budget: number;
}

function spend(walk: Walk, units: number): void {
  walk.left -= units;
  if (walk.left < 0) {
    throw new DataLimitError(
      `expands to more than ${walk.budget.toLocaleString('en')} values and characters ` +
        '(YAML aliases repeating what an anchor names); refused',
    );
  }
}

function copy(value: unknown, walk: Walk, depth: number): unknown {
  if (typeof value === 'string') {
    spend(walk, 1 + value.length);
    return value;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    spend(walk, 1);
    return value;
  }
  if (depth >= MAX_DATA_DEPTH)
    throw new DataLimitError(`nests deeper than ${MAX_DATA_DEPTH} levels; refused`);
  spend(walk, 1);
  if (Array.isArray(value)) return value.map((item) => copy(item, walk, depth + 1));
  if (!isRecord(value)) return value;
  // No prototype: js-yaml 3 makes a `__proto__` key the prototype of its table, so fields read
  // through it would count as written, and no field read can reach Object.prototype either.
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(value)) {
    spend(walk, key.length);
    out[key] = copy(item, walk, depth + 1);
  }
  return out;
}

/**
 * `value` as plain data — own properties only, objects without a prototype, Dates kept — for a
 * parsed text of `sourceLength` characters. Throws DataLimitError when the data nests deeper than
 * MAX_DATA_DEPTH or expands past dataBudget(sourceLength), before it has cost more than that.
 */
export function plainData(value: unknown, sourceLength: number): unknown {
  const budget = dataBudget(sourceLength);
  return copy(value, { left: budget, budget }, 0);
}

/** A parser that ran out of stack on deeply nested input (JSON.parse and js-yaml recurse). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
