/**
 * Jekyll's Liquid, as far as a feed needs it: Jekyll renders Liquid in a post before Markdown, so
 * `{{ site.repository }}`, `{% post_url %}`, `{% link %}`, `{% highlight %}` and `{% raw %}` must become
 * what they stand for, or links and code blocks are lost. Templates are not run: `{% include %}` and
 * other tags whose meaning lives in the site's files are removed, and the text between block tags
 * (`if`, `for`, `capture`…) kept. Nothing here can run code or read a file.
 *
 * Liquid can multiply what it is given (`capture` of captures, `append` to itself, `replace` with a
 * long text): every text it makes is counted against a budget proportional to the post, and one
 * post that asks for more is refused rather than allowed to take the regeneration's memory and time.
 * Every step reads the post once (no pattern that reads the rest of the text again at each tag).
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
  /** Characters of the body that can be kept (the site's maxBodyBytes): output past it is not made. */
  readonly maxChars?: number;
  readonly site: Readonly<Record<string, unknown>>;
  readonly page: Readonly<Record<string, unknown>>;
  readonly links: LinkLookup;
  /** The site's URL path prefix (Jekyll's `baseurl`, `/` when none), for `relative_url`. */
  readonly basePath: string;
  /** The site's URL, for `absolute_url`. */
  readonly siteUrl: string;
}

/** Thrown when a post's Liquid would make more text than its budget. */
export class LiquidLimitError extends Error {
  override readonly name = 'LiquidLimitError';
}

/** What `maxChars` is when the caller gives none: the default maxBodyBytes. */
const DEFAULT_MAX_CHARS = 500_000;

/**
 * The characters Liquid may make for a post of `length` characters: the body that can be kept,
 * twice, plus four times the post — far more than printing variables and captures ever takes.
 */
export function liquidBudget(length: number, maxChars: number): number {
  return 2 * maxChars + 4 * length;
}

/** The text made so far, against the budget. */
class Work {
  #left: number;
  constructor(readonly budget: number) {
    this.#left = budget;
  }

  /** Refuses up front what would make `size` more characters than are left. */
  afford(size: number): void {
    if (size > this.#left) {
      throw new LiquidLimitError(
        `Liquid makes more than ${this.budget.toLocaleString('en')} characters for this post ` +
          '(captures, append or replace repeating text); refused',
      );
    }
  }

  /** Counts `value` once it is made (a text by its length), and passes it on. */
  spent<T>(value: T): T {
    const size = typeof value === 'string' ? value.length : 1;
    this.afford(size);
    this.#left -= size;
    return value;
  }
}

/** The variables of a post: what `assign` and `capture` set, and `site` and `page`, which they never hide. */
class Scope {
  readonly #assigned: Record<string, unknown> = Object.create(null);
  constructor(readonly context: LiquidContext) {}

  get(name: string): unknown {
    if (name === 'site') return this.context.site;
    if (name === 'page') return this.context.page;
    return this.#assigned[name];
  }

  set(name: string, value: unknown): void {
    this.#assigned[name] = value;
  }
}

function lookup(path: string, scope: Scope): unknown {
  let value: unknown;
  let first = true;
  for (const key of path.split('.')) {
    const bracket = /^([\w-]+)\[(?:"([^"]*)"|'([^']*)'|(\d+))\]$/.exec(key);
    const names = bracket ? [bracket[1] ?? '', bracket[2] ?? bracket[3] ?? bracket[4] ?? ''] : [key];
    for (const name of names) {
      if (first) value = scope.get(name);
      else if (Array.isArray(value) && /^\d+$/.test(name)) value = value[Number(name)];
      else if (Array.isArray(value) && name === 'size') value = value.length;
      else value = isRecord(value) && Object.hasOwn(value, name) ? value[name] : undefined;
      first = false;
    }
  }
  return value;
}

function literal(expression: string, scope: Scope): unknown {
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

/** Liquid's strip_html (`<` to the next `>` removed), in one pass: `<[^>]*>` reads on to the end at each `<` with no `>`. */
function stripHtml(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<'); open !== -1; open = text.indexOf('<', at)) {
    const close = text.indexOf('>', open + 1);
    if (close === -1) break;
    out += text.slice(at, open);
    at = close + 1;
  }
  return out + text.slice(at);
}

/** `text` with every `from` replaced by `to`, refused up front when the result would not fit the budget. */
function replaceAll(text: string, from: string, to: string, work: Work): string {
  let count = 0;
  if (from === '') count = text.length + 1;
  else for (let i = text.indexOf(from); i !== -1; i = text.indexOf(from, i + from.length)) count++;
  work.afford(text.length + count * (to.length - from.length));
  return text.replaceAll(from, to);
}

/** `items` joined by `separator`, refused up front when the result would not fit the budget. */
function join(items: readonly unknown[], separator: string, work: Work): string {
  const shown = items.map(show);
  work.afford(shown.reduce((sum, item) => sum + item.length, 0) + separator.length * (shown.length - 1));
  return shown.join(separator);
}

type Filter = (value: unknown, args: readonly unknown[], context: LiquidContext, work: Work) => unknown;

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
  strip_html: (v) => stripHtml(show(v)),
  replace: (v, a, _c, w) => replaceAll(show(v), show(a[0]), show(a[1]), w),
  remove: (v, a, _c, w) => replaceAll(show(v), show(a[0]), '', w),
  size: (v) => (Array.isArray(v) ? v.length : show(v).length),
  join: (v, a, _c, w) => (Array.isArray(v) ? join(v, a[0] === undefined ? ' ' : show(a[0]), w) : v),
  first: (v) => (Array.isArray(v) ? v[0] : v),
  last: (v) => (Array.isArray(v) ? v.at(-1) : v),
  jsonify: (v) => JSON.stringify(v ?? null),
};

/**
 * `text` split at each `separator` outside quotes, in one pass (a pattern that looks ahead to the
 * end would read the rest of the text again at every separator).
 */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === separator) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** A `value | filter: arg, arg | filter` expression. */
function evaluate(expression: string, scope: Scope, work: Work): unknown {
  const [head = '', ...filters] = splitOutsideQuotes(expression, '|');
  let value = literal(head, scope);
  for (const filter of filters) {
    const m = /^\s*([\w-]+)\s*(?::\s*([\s\S]*))?$/.exec(filter);
    if (!m?.[1]) continue;
    const args = splitOutsideQuotes(m[2] ?? '', ',')
      .filter((arg) => arg.trim() !== '')
      .map((arg) => literal(arg, scope));
    const apply = FILTERS[m[1]];
    if (apply) value = work.spent(apply(value, args, scope.context, work));
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

/** A `{% tag %}` or an `{{ output }}`: what is between its marks, without the `-` and space that trim. */
interface Token {
  readonly kind: 'tag' | 'output';
  readonly start: number;
  readonly end: number;
  readonly inner: string;
}

const isSpace = (ch: string | undefined) =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

/** The text between the marks, as `{%-?\s*(…)\s*-?%}` captures it. */
function innerText(source: string, from: number, to: number): string {
  let start = from;
  let end = to;
  if (source[start] === '-' && start < end) start++;
  while (start < end && isSpace(source[start])) start++;
  if (end > start && source[end - 1] === '-') end--;
  while (end > start && isSpace(source[end - 1])) end--;
  return source.slice(start, end);
}

/**
 * The tokens of a post, left to right, each ending at the first closing mark after it. Where each
 * closing mark is next found is remembered, so the post is read once however many marks never close.
 */
function* tokens(source: string, from: () => number): Generator<Token> {
  const next = { '%}': -2, '}}': -2 };
  const closing = (mark: '%}' | '}}', at: number) => {
    if (next[mark] !== -1 && next[mark] < at) next[mark] = source.indexOf(mark, at);
    return next[mark];
  };
  for (
    let open = source.indexOf('{', from());
    open !== -1;
    open = source.indexOf('{', Math.max(open + 1, from()))
  ) {
    const second = source[open + 1];
    if (second !== '%' && second !== '{') continue;
    const mark = second === '%' ? '%}' : '}}';
    const close = closing(mark, open + 2);
    if (close === -1) continue;
    yield {
      kind: second === '%' ? 'tag' : 'output',
      start: open,
      end: close + 2,
      inner: innerText(source, open + 2, close),
    };
  }
}

/**
 * The text of a raw-content block (`raw`, `comment`, `highlight`) whose opening tag ends at `at`, and
 * where its closing tag ends (the end of the source when it has none).
 */
function rawBlock(
  source: string,
  name: string,
  at: number,
): { readonly inner: string; readonly end: number } {
  const end = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
  end.lastIndex = at;
  const close = end.exec(source);
  return {
    inner: source.slice(at, close ? close.index : source.length),
    end: close ? end.lastIndex : source.length,
  };
}

/** The output of one post being rendered, and the capture it is in, if any. */
class Output {
  text = '';
  capture: { name: string; start: number } | undefined;
  constructor(
    readonly scope: Scope,
    readonly work: Work,
  ) {}

  write(text: string): void {
    this.text += this.work.spent(text);
  }

  /**
   * Runs a tag that has no raw content: post_url and link write a URL, assign and capture set a
   * variable. Every other tag (include, if, for, case, a plugin's) is removed; the text around it stays.
   */
  tag(name: string, rest: readonly string[], links: LiquidContext['links']): void {
    const argument = rest.join(' ');
    if (name === 'post_url') this.write(links.post(argument.trim()) ?? '');
    else if (name === 'link') this.write(links.file(argument.trim().replace(/^\/+/, '')) ?? '');
    else if (name === 'assign') {
      const assignment = /^([\w.-]+)\s*=\s*([\s\S]*)$/.exec(argument);
      if (assignment?.[1])
        this.scope.set(assignment[1], evaluate(assignment[2] ?? '', this.scope, this.work));
    } else if (name === 'capture') this.capture = { name: rest[0] ?? '', start: this.text.length };
    else if (name === 'endcapture' && this.capture) {
      this.scope.set(this.capture.name, this.text.slice(this.capture.start));
      this.text = this.text.slice(0, this.capture.start);
      this.capture = undefined;
    }
  }
}

/** Renders the Liquid in a Jekyll post's body. Throws LiquidLimitError for a post that would make too much text. */
export function renderLiquid(source: string, context: LiquidContext): string {
  if (!source.includes('{{') && !source.includes('{%')) return source;
  const maxChars = Number.isFinite(context.maxChars) ? (context.maxChars ?? 0) : DEFAULT_MAX_CHARS;
  const work = new Work(liquidBudget(source.length, maxChars));
  const scope = new Scope(context);
  const out = new Output(scope, work);
  let at = 0;
  for (const token of tokens(source, () => at)) {
    // Past what can be kept, the rest is cut anyway (the body ends with a link to the post).
    if (!out.capture && out.text.length > maxChars) return out.text;
    out.write(source.slice(at, token.start));
    at = token.end;
    if (token.kind === 'output') {
      out.write(show(evaluate(token.inner, scope, work)));
      continue;
    }
    const [name = '', ...rest] = token.inner.split(/\s+/);
    if (!BLOCKS_WITH_RAW_CONTENT.has(name)) {
      out.tag(name, rest, context.links);
      continue;
    }
    const block = rawBlock(source, name, at);
    at = block.end;
    if (name === 'raw') out.write(block.inner);
    else if (name === 'highlight') out.write(fence(rest[0] ?? '', block.inner));
  }
  return out.text + source.slice(at);
}
