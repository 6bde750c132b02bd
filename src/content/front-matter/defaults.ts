/**
 * Front matter an article gets from where it is, under what it writes itself: Jekyll's `defaults:`
 * (by path in the site), Hugo's `cascade` (from the site's config, and from a section's `_index.md`
 * to every page below it). A field the article sets is its own; Jekyll merges tables key by key.
 */
import { isRecord } from '../../core/guards.ts';
import type { FrontMatterDefault } from '../article.ts';
import type { Fields } from './fields.ts';

export type { FrontMatterDefault };

const escapeRegExp = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

function globPattern(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) => escapeRegExp(part).replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i');
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '');

/**
 * Hugo's `cascade` (in a site's config, or an `_index.md`'s front matter) as defaults: a table of
 * fields for every page below, or a list of them, each aimed by `_target` (0.111; `target` later):
 * a `path` glob on the page's path in the content tree, a `kind` (only `page` entries reach
 * articles), a `lang`. `below`: the folder of the `_index.md` inside the content root (only pages
 * below it get its cascade: the caller passes an `_index.md`'s cascade to those alone).
 */
export function hugoCascade(value: unknown, below: string, language?: string): FrontMatterDefault[] {
  const entries = Array.isArray(value) ? value : isRecord(value) ? [value] : [];
  return entries.flatMap((entry): FrontMatterDefault[] => {
    if (!isRecord(entry)) return [];
    const { _target, target, ...values } = entry;
    const aim = isRecord(_target) ? _target : isRecord(target) ? target : {};
    const kind = typeof aim.kind === 'string' ? aim.kind.toLowerCase() : undefined;
    if (kind !== undefined && !kind.includes('page')) return [];
    if (typeof aim.lang === 'string' && language !== undefined && aim.lang !== language) return [];
    // A `path` aims at pages anywhere in the content tree; without one, every page below.
    const path = typeof aim.path === 'string' ? aim.path.replace(/^\/+/, '') : below;
    return [{ path, values }];
  });
}

/** Whether `path` (a file inside the root) is under `scope`: the scope itself, or a folder above it. */
export function inScope(path: string, scope: string): boolean {
  const wanted = trimSlashes(scope);
  if (wanted === '') return true;
  const segments = trimSlashes(path).split('/');
  const pattern = wanted.includes('*') || wanted.includes('?') ? globPattern(wanted) : undefined;
  for (let n = segments.length; n > 0; n--) {
    const ancestor = segments.slice(0, n).join('/');
    if (pattern ? pattern.test(ancestor) : ancestor === wanted) return true;
  }
  return false;
}

/** Lower-cased keys: Hugo reads front matter without regard to case, and fields are looked up so. */
function lowerKeys(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(values)) {
    const name = key.toLowerCase();
    if (!(name in out)) out[name] = value;
  }
  return out;
}

/** `over` laid on `under`; tables merged key by key (Jekyll's Utils.deep_merge_hashes). */
function merged(
  under: Record<string, unknown>,
  over: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign(Object.create(null), under);
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] = isRecord(before) && isRecord(value) ? merged(before, value) : value;
  }
  return out;
}

/**
 * The article's fields with the defaults that apply to `path` under them, in order (a later default
 * over an earlier one). Undefined when none applies.
 */
export function withDefaults(
  data: Fields,
  path: string,
  defaults: readonly FrontMatterDefault[],
): Fields | undefined {
  let under: Record<string, unknown> | undefined;
  for (const entry of defaults) {
    if (!inScope(path, entry.path)) continue;
    under = merged(under ?? Object.create(null), lowerKeys(entry.values));
  }
  return under && merged(under, data);
}
