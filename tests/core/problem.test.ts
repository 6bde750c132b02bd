import { describe, expect, it } from 'vitest';
import { formatProblem, withoutServerPaths } from '../../src/core/problem.ts';

describe('formatProblem', () => {
  it('prints one line whatever the message quotes: a carriage return cannot overwrite it', () => {
    const line = formatProblem({
      path: 'posts/a.md',
      line: 3,
      severity: 'warning',
      message: '"lang": "en\rposts/b.md:1: error: forged" is not a language tag\n\u001b[2J',
    });
    expect(line).toBe(
      'posts/a.md:3: warning: "lang": "en\\rposts/b.md:1: error: forged" is not a language tag\\n\\u001b[2J',
    );
    for (const control of ['\r', '\n', '\u001b']) expect(line).not.toContain(control);
  });
});

describe('withoutServerPaths', () => {
  it("cuts the server's folders out of what /health says", () => {
    const paths = ['/srv/site/content', '/srv/site'];
    expect(withoutServerPaths('/srv/site/feedwright.ids.json: not JSON', paths)).toBe(
      'feedwright.ids.json: not JSON',
    );
    expect(withoutServerPaths("ENOENT: scandir '/srv/site/content'", paths)).toBe("ENOENT: scandir '…'");
  });
});
