/** Splits a source file into front matter (YAML, TOML or JSON, as Hugo accepts) and Markdown body. */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { errorMessage, isRecord } from '../../core/guards.ts';
import { DataLimitError, isStackOverflow, MAX_DATA_DEPTH, plainData } from '../../core/plain-data.ts';
import { loadYaml, type YamlScalars } from './yaml-scalars.ts';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

export interface FrontMatter {
  readonly format: FrontMatterFormat;
  readonly data: Readonly<Record<string, unknown>>;
  /** The raw front matter text, for finding the line of a field. */
  readonly raw: string;
  readonly body: string;
  /** 1-based line of the file on which the body starts. */
  readonly bodyLine: number;
  /** 1-based line of the file on which the front matter opens (after blank lines Hugo skips). */
  readonly firstLine: number;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
  constructor(
    message: string,
    /** 1-based line in the file. */
    readonly line: number,
  ) {
    super(message);
  }
}

/** Languages gray-matter would evaluate as code. */
const EXECUTABLE = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson']);

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The fields with lower-cased names: Hugo reads front matter without regard to case (`lastMod`,
 * `PublishDate` and `Description` are common in real sites). The first spelling of a name wins.
 */
function asRecord(value: unknown, line: number, sourceLength: number): Readonly<Record<string, unknown>> {
  if (value === null || value === undefined) return {};
  let data: unknown;
  try {
    data = plainData(value, sourceLength);
  } catch (error) {
    if (error instanceof DataLimitError) throw new FrontMatterError(`front matter ${error.message}`, line);
    throw error;
  }
  if (!isRecord(data)) throw new FrontMatterError('front matter is not a map of fields', line);
  const fields: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(data)) {
    const name = key.toLowerCase();
    if (!(name in fields)) fields[name] = item;
  }
  return fields;
}

/** The 1-based line of the first YAML alias (`*name`) in a block: where an expansion starts. */
function aliasLine(block: string): number {
  const alias = /(?:^|[\s,[{])\*[^\s,[\]{}]/m.exec(block);
  return alias ? countLines(block.slice(0, alias.index + 1)) + 1 : 1;
}

/**
 * gray-matter parses only the front matter block: given a whole file it would also copy the file
 * into a Buffer, which at 10,000 articles costs more than the parsing.
 */
function splitDelimited(text: string, head: string, language: string, scalars: YamlScalars): FrontMatter {
  const delimiter = head.startsWith('+++') ? '+++' : '---';
  const format = language === 'toml' || delimiter === '+++' ? 'toml' : language === 'json' ? 'json' : 'yaml';
  let parsed: matter.GrayMatterFile<string>;
  let data: Readonly<Record<string, unknown>>;
  try {
    parsed = matter(head, {
      delimiters: delimiter,
      language: format,
      engines: {
        yaml: (input: string) => loadYaml(input, scalars) as object,
        toml: parseToml as (input: string) => object,
        json: (input: string) => JSON.parse(input) as object,
      },
    });
    data = asRecord(parsed.data, aliasLine(head), head.length);
  } catch (error) {
    throw frontMatterErrorFrom(error, format);
  }
  const body = text.slice(head.length);
  return {
    format,
    data,
    raw: (parsed as unknown as { matter: string }).matter,
    body,
    bodyLine: countLines(head) + 1,
    firstLine: 1,
  };
}

function frontMatterErrorFrom(error: unknown, format: FrontMatterFormat): FrontMatterError {
  if (error instanceof FrontMatterError) return error;
  if (isStackOverflow(error)) {
    return new FrontMatterError(`front matter nests deeper than ${MAX_DATA_DEPTH} levels; refused`, 1);
  }
  if (error instanceof yaml.YAMLException) {
    const { mark, reason } = error as unknown as { mark?: { line: number }; reason: string };
    // The parsed text starts with the rest of the opening `---` line, so its line 0 is file line 1.
    return new FrontMatterError(`invalid YAML front matter: ${reason}`, (mark?.line ?? 0) + 1);
  }
  if (error instanceof TomlError) {
    // smol-toml counts from 1, and line 1 of the parsed text is the rest of the `+++` line.
    return new FrontMatterError(`invalid TOML front matter: ${error.message.split('\n')[0]}`, error.line);
  }
  if (error instanceof SyntaxError) {
    return new FrontMatterError(`invalid ${format.toUpperCase()} front matter: ${error.message}`, 1);
  }
  return new FrontMatterError(`unreadable front matter: ${errorMessage(error)}`, 1);
}

/** Where the JSON object at the top of `text` ends (the index of its closing `}`), or -1 when never. */
function jsonObjectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Hugo's JSON front matter: a JSON object at the very top of the file, no delimiters. */
function splitJsonObject(text: string): FrontMatter {
  const end = jsonObjectEnd(text);
  if (end === -1) throw new FrontMatterError('JSON front matter is never closed (missing "}")', 1);
  const raw = text.slice(0, end + 1);
  let data: Readonly<Record<string, unknown>>;
  try {
    data = asRecord(JSON.parse(raw), 1, raw.length);
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    if (isStackOverflow(error)) throw frontMatterErrorFrom(error, 'json');
    throw new FrontMatterError(`invalid JSON front matter: ${errorMessage(error)}`, 1);
  }
  const rest = text.slice(end + 1).replace(/^[ \t]*\r?\n/, '');
  return {
    format: 'json',
    data,
    raw,
    body: rest,
    bodyLine: countLines(text.slice(0, text.length - rest.length)) + 1,
    firstLine: 1,
  };
}

/** The first line of a delimited block: `---` or `+++`, optionally followed by its language. */
const OPENING = /^(---|\+\+\+)[ \t]*(?:([A-Za-z]+)[ \t]*)?\r?$/;
/** White space Hugo's lexer skips before the front matter: whole blank lines (a BOM is removed before). */
const LEADING_SPACE = /^(?:[ \t]*\r?\n)*/;
/** Hugo's lexer skips any white space before the front matter, a tab before `---` too. */
const HUGO_LEADING_SPACE = /^[ \t\r\n]*/;
const leadingSpace = (closing: FrontMatterClosing) =>
  closing === 'prefix' ? HUGO_LEADING_SPACE : LEADING_SPACE;

function firstLineOf(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

/**
 * How a block is found: its closing line is the delimiter alone on its line (Jekyll, feedwright),
 * or, as Hugo's lexer reads it (`prefix`), the first line that starts with it, whatever follows (a
 * closing line of 64 dashes closes; the dashes after the first three are the body's), and any white
 * space before the block is skipped (a tab before `---` too).
 */
export type FrontMatterClosing = 'line' | 'prefix';

/**
 * The length of the `---` or `+++` block at the top of `text`, through its closing line (the
 * delimiter alone, then spaces or tabs, then a line end or the end of the text; see
 * FrontMatterClosing); -1 when the text does not open one or never closes it. Positions count UTF-16
 * units, or bytes when `text` is a file decoded as latin1: the delimiters are ASCII, and no byte of
 * a multi-byte UTF-8 character is.
 */
export function frontMatterLength(text: string, closingRule: FrontMatterClosing = 'line'): number {
  const start = leadingSpace(closingRule).exec(text)?.[0].length ?? 0;
  const firstLineEnd = text.indexOf('\n', start);
  const opening = firstLineEnd === -1 ? null : OPENING.exec(text.slice(start, firstLineEnd));
  if (!opening) return -1;
  const closing = `\n${opening[1]}`;
  for (let at = text.indexOf(closing, firstLineEnd); at !== -1; at = text.indexOf(closing, at + 1)) {
    let end = at + closing.length;
    if (closingRule === 'prefix') {
      if (text[end] === '\r') end++;
      return text[end] === '\n' ? end + 1 : end;
    }
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (text[end] === '\r') end++;
    if (end >= text.length) return text.length;
    if (text[end] === '\n') return end + 1;
  }
  return -1;
}

/**
 * Reads the front matter of one file, after any blank lines (Hugo reads it there too); YAML scalars
 * as `scalars` says. Throws FrontMatterError with the file line of the problem.
 */
export function splitFrontMatter(
  source: string,
  scalars: YamlScalars = 'text',
  closing: FrontMatterClosing = 'line',
): FrontMatter {
  const unmarked = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lead = leadingSpace(closing).exec(unmarked)?.[0] ?? '';
  const skipped = lead && OPENING.test(firstLineOf(unmarked.slice(lead.length))) ? lead : '';
  if (!skipped) return splitAtTop(unmarked, scalars, closing);
  const lines = countLines(skipped);
  try {
    const fm = splitAtTop(unmarked.slice(skipped.length), scalars, closing);
    return { ...fm, bodyLine: fm.bodyLine + lines, firstLine: fm.firstLine + lines };
  } catch (error) {
    if (error instanceof FrontMatterError) throw new FrontMatterError(error.message, error.line + lines);
    throw error;
  }
}

function splitAtTop(text: string, scalars: YamlScalars, closing: FrontMatterClosing): FrontMatter {
  const opening = OPENING.exec(firstLineOf(text));
  if (opening) {
    const delimiter = opening[1] as '---' | '+++';
    const language = (opening[2] ?? '').toLowerCase();
    if (EXECUTABLE.has(language)) {
      throw new FrontMatterError(`${delimiter}${language} front matter would run code and is refused`, 1);
    }
    if (language && !['yaml', 'yml', 'toml', 'json'].includes(language)) {
      throw new FrontMatterError(`unknown front matter language "${language}"`, 1);
    }
    const length = frontMatterLength(text, closing);
    if (length === -1) {
      throw new FrontMatterError(`front matter opened with ${delimiter} is never closed`, 1);
    }
    return splitDelimited(text, text.slice(0, length), language === 'yml' ? 'yaml' : language, scalars);
  }
  if (text.startsWith('{')) return splitJsonObject(text);
  return { format: 'none', data: {}, raw: '', body: text, bodyLine: 1, firstLine: 1 };
}

/** The 1-based file line on which a front matter field is set, or 1 when it cannot be found. */
export function lineOfField(frontMatter: FrontMatter, field: string): number {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s*(?:"${escaped}"|'${escaped}'|${escaped})\\s*[:=]`, 'i');
  // Line 0 of `raw` is file line 1: the rest of the opening delimiter, or the JSON object's `{`.
  const lines = frontMatter.raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (pattern.test(lines[i] ?? '')) return i + frontMatter.firstLine;
  }
  return frontMatter.firstLine;
}
