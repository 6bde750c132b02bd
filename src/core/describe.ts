/** Values and names as problems speak of them: what was written, and what was probably meant. */

/** A value as a problem names it: numbers as JavaScript writes them (JSON would say `null` for 1e400). */
export function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  } catch {
    return String(value);
  }
}

/** Close enough to be what was meant: the same but for case, or one edit apart (two letters swapped is one). */
function near(written: string, known: string): boolean {
  const [a, b] = [written.toLowerCase(), known.toLowerCase()];
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, 2) === rest(b, 2);
  return swapped || rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}

/** The known name `written` is probably a misspelling of, if one is close enough. */
export function nearestName(written: string, known: readonly string[]): string | undefined {
  return known.find((name) => near(written, name));
}
