/**
 * Jekyll's Liquid, as far as a feed needs it: Jekyll renders Liquid in a post before Markdown, so
 * `{{ site.repository }}`, `{% post_url %}`, `{% link %}`, `{% highlight %}` and `{% raw %}` must become
 * what they stand for, or links and code blocks are lost. Templates are not run: `{% include %}` and
 * other tags whose meaning lives in the site's files are removed, and the text between block tags
 * (`if`, `for`, `capture`…) kept. Nothing here can run code or read a file.
 */
import { isRecord } from '../../core/guards.ts';

/** Where other documents of the site are: what `post_url` and `link` resolve to. */
export interface LinkLookup {
  /** A post by its file name without extension (`2020-01-01-title`), as a site-relative URL path. */
  readonly post: (name: string) => string | undefined;
  /** Any file by its path in the site (`about.md`, `_posts/x.md`), as a site-relative URL path. */
  readonly file: (path: string) => string | undefined;
}

export interface LiquidContext {
  readonly site: Readonly<Record<string, unknown>>;
  readonly page: Readonly<Record<string, unknown>>;
  readonly links: LinkLookup;
  /** The site's URL path prefix (Jekyll's `baseurl`, `/` when none), for `relative_url`. */
  readonly basePath: string;
  /** The site's URL, for `absolute_url`. */
  readonly siteUrl: string;
}

const TOKEN = /\{%-?\s*([\s\S]*?)\s*-?%\}|\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;

function lookup(path: string, scope: Readonly<Record<string, unknown>>): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    const bracket = /^([\w-]+)\[(?:"([^"]*)"|'([^']*)'|(\d+))\]$/.exec(key);
    const names = bracket ? [bracket[1] ?? '', bracket[2] ?? bracket[3] ?? bracket[4] ?? ''] : [key];
    for (const name of names) {
      if (Array.isArray(value) && /^\d+$/.test(name)) value = value[Number(name)];
      else if (Array.isArray(value) && name === 'size') value = value.length;
      else value = isRecord(value) ? value[name] : undefined;
    }
  }
  return value;
}

function literal(expression: string, scope: Readonly<Record<string, unknown>>): unknown {
  const text = expression.trim();
  const quoted = /^(?:"([^"]*)"|'([^']*)')$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'nil' || text === 'null' || text === '') return undefined;
  return lookup(text, scope);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).join('');
  if (value instanceof Date) return value.toISOString();
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[ch]};`);

type Filter = (value: unknown, args: readonly unknown[], context: LiquidContext) => unknown;

const joinPath = (base: string, path: string) =>
  `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/^(?!\/)/, '/');

/** Jekyll's and Liquid's common filters; any other filter leaves its input as it is. */
const FILTERS: Readonly<Record<string, Filter>> = {
  relative_url: (v, _a, c) => (/^[a-z][a-z0-9+.-]*:/i.test(show(v)) ? v : joinPath(c.basePath, show(v))),
  absolute_url: (v, _a, c) =>
    /^[a-z][a-z0-9+.-]*:/i.test(show(v))
      ? v
      : new URL(joinPath(new URL(c.siteUrl).pathname, show(v)), c.siteUrl).href,
  default: (v, a) => (v === undefined || v === null || v === '' || v === false ? a[0] : v),
  upcase: (v) => show(v).toUpperCase(),
  downcase: (v) => show(v).toLowerCase(),
  capitalize: (v) => show(v).charAt(0).toUpperCase() + show(v).slice(1),
  escape: (v) => escapeXml(show(v)),
  xml_escape: (v) => escapeXml(show(v)),
  append: (v, a) => show(v) + show(a[0]),
  prepend: (v, a) => show(a[0]) + show(v),
  strip: (v) => show(v).trim(),
  strip_html: (v) => show(v).replace(/<[^>]*>/g, ''),
  replace: (v, a) => show(v).replaceAll(show(a[0]), show(a[1])),
  remove: (v, a) => show(v).replaceAll(show(a[0]), ''),
  size: (v) => (Array.isArray(v) ? v.length : show(v).length),
  join: (v, a) => (Array.isArray(v) ? v.map(show).join(a[0] === undefined ? ' ' : show(a[0])) : v),
  first: (v) => (Array.isArray(v) ? v[0] : v),
  last: (v) => (Array.isArray(v) ? v.at(-1) : v),
  jsonify: (v) => JSON.stringify(v ?? null),
};

/** A `value | filter: arg, arg | filter` expression. */
function evaluate(expression: string, scope: Readonly<Record<string, unknown>>, context: LiquidContext) {
  const [head = '', ...filters] = expression.split(/\|(?=(?:[^"']|"[^"]*"|'[^']*')*$)/);
  let value = literal(head, scope);
  for (const filter of filters) {
    const m = /^\s*([\w-]+)\s*(?::\s*([\s\S]*))?$/.exec(filter);
    if (!m?.[1]) continue;
    const args = (m[2] ?? '')
      .split(/,(?=(?:[^"']|"[^"]*"|'[^']*')*$)/)
      .filter((arg) => arg.trim() !== '')
      .map((arg) => literal(arg, scope));
    const apply = FILTERS[m[1]];
    if (apply) value = apply(value, args, context);
  }
  return value;
}

/** A code block that no backtick run inside the code can close. */
function fence(language: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `\n${marks}${language}\n${code.replace(/^\r?\n/, '').replace(/\r?\n$/, '')}\n${marks}\n`;
}

const BLOCKS_WITH_RAW_CONTENT = new Set(['raw', 'comment', 'highlight']);

/** Renders the Liquid in a Jekyll post's body. */
export function renderLiquid(source: string, context: LiquidContext): string {
  if (!source.includes('{{') && !source.includes('{%')) return source;
  const assigned: Record<string, unknown> = {};
  const scope = () => ({ ...assigned, site: context.site, page: context.page });
  let out = '';
  let at = 0;
  let capture: { name: string; start: number } | undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m; m = TOKEN.exec(source)) {
    out += source.slice(at, m.index);
    at = TOKEN.lastIndex;
    if (m[2] !== undefined) {
      out += show(evaluate(m[2], scope(), context));
      continue;
    }
    const [name = '', ...rest] = (m[1] ?? '').split(/\s+/);
    const argument = rest.join(' ');
    if (BLOCKS_WITH_RAW_CONTENT.has(name)) {
      const end = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
      end.lastIndex = at;
      const close = end.exec(source);
      const inner = source.slice(at, close ? close.index : source.length);
      at = close ? end.lastIndex : source.length;
      TOKEN.lastIndex = at;
      if (name === 'raw') out += inner;
      else if (name === 'highlight') out += fence(rest[0] ?? '', inner);
      continue;
    }
    if (name === 'post_url') out += context.links.post(argument.trim()) ?? '';
    else if (name === 'link') out += context.links.file(argument.trim().replace(/^\/+/, '')) ?? '';
    else if (name === 'assign') {
      const assignment = /^([\w.-]+)\s*=\s*([\s\S]*)$/.exec(argument);
      if (assignment?.[1]) assigned[assignment[1]] = evaluate(assignment[2] ?? '', scope(), context);
    } else if (name === 'capture') capture = { name: rest[0] ?? '', start: out.length };
    else if (name === 'endcapture' && capture) {
      assigned[capture.name] = out.slice(capture.start);
      out = out.slice(0, capture.start);
      capture = undefined;
    }
    // Every other tag (include, if, for, case, a plugin's) is removed; the text around it stays.
  }
  return out + source.slice(at);
}
