import { describe, expect, it } from 'vitest';
import { unusedFieldProblems } from '../../../src/content/front-matter/field-use.ts';
import { article } from '../../helpers.ts';

describe('unusedFieldProblems', () => {
  it('names each unused field once, at its first file and line, with how many files have it', () => {
    const articles = ['a', 'b', 'c'].map((name, i) =>
      article(
        `---\ntitle: ${name}\ndate: 2025-01-0${i + 1}\n${i < 2 ? 'subtitle: s\n' : ''}via: x\n---\n`,
        `posts/${name}.md`,
      ),
    );
    expect(unusedFieldProblems(articles)).toEqual([
      {
        path: 'posts/a.md',
        line: 4,
        severity: 'warning',
        message: 'front-matter field "subtitle" is not used by feedwright (in 2 files)',
      },
      {
        path: 'posts/a.md',
        line: 5,
        severity: 'warning',
        message: 'front-matter field "via" is not used by feedwright (in 3 files)',
      },
    ]);
  });
});
