// Front matter and bodies written to cost far more than their size (see amplification.ts): each
// article is refused with a problem naming its file and line, or read and rendered within a
// bound proportional to its size: its parsed data within dataBudget of its front matter, its
// body within maxBodyBytes. (amplification.e2e.test.ts runs 300 of them in a capped heap.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOf, hostileArticle, MAX_BODY_BYTES } from './amplification.ts';

describe('an article never costs more than a bound proportional to its size', () => {
  it('is refused with its file and line, or read within the data budget and rendered within maxBodyBytes', () => {
    fc.assert(
      fc.property(hostileArticle, (article) => {
        const cost = costOf(article);
        if (cost.refused) {
          expect(cost.problems.length).toBeGreaterThan(0);
          expect(cost.problems.join('\n')).toMatch(
            /^(?:posts\/x\.md|_posts\/2025-01-01-x\.md):\d+: error: |refused/m,
          );
          return;
        }
        expect(cost.dataSize).toBeLessThanOrEqual(cost.dataBound);
        expect(cost.bodyBytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
      }),
      { numRuns: 150, seed: 19 },
    );
  });
});
