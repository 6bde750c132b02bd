import { type Guard, isNumber, isString, objectOf, oneOf } from './shape.ts';

/** A problem found in the content, named by file and line: what `check` prints and /health lists. */
export interface Problem {
  /** Path relative to the content folder, with `/` separators. */
  readonly path: string;
  /** 1-based line in the file. */
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export const isProblem: Guard<Problem> = objectOf({
  path: isString,
  line: isNumber,
  severity: oneOf('error', 'warning'),
  message: isString,
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is its purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters as escapes: a carriage return from front matter must not overwrite its own line. */
const visible = (text: string) =>
  text.replace(CONTROL, (ch) =>
    ch === '\r'
      ? '\\r'
      : ch === '\n'
        ? '\\n'
        : ch === '\t'
          ? '\\t'
          : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** `path:line: severity: message`, the form editors and CI annotate, on one line whatever it quotes. */
export function formatProblem(problem: Problem): string {
  return `${visible(problem.path)}:${problem.line}: ${problem.severity}: ${visible(problem.message)}`;
}

/**
 * `text` with each of `paths` (absolute folders and files of the server) cut out: what a public
 * page like /health may say of a problem without telling where the server keeps its files.
 */
export function withoutServerPaths(text: string, paths: readonly string[]): string {
  let out = text;
  for (const path of [...paths].sort((a, b) => b.length - a.length)) {
    if (path.length > 1) out = out.split(`${path}/`).join('').split(path).join('…');
  }
  return out;
}
