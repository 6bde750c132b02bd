/** The order pages list terms in: the most articles first, then by name. */
import type { Term } from '../catalog/terms.ts';

export function sortedTerms(terms: ReadonlyMap<string, Term>): Term[] {
  return [...terms.values()].sort(
    (a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en') || (a.slug < b.slug ? -1 : 1),
  );
}
