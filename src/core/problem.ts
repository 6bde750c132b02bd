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

/** `path:line: severity: message`, the form editors and CI annotate. */
export function formatProblem(problem: Problem): string {
  return `${problem.path}:${problem.line}: ${problem.severity}: ${problem.message}`;
}
