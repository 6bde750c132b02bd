import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/site-config.ts';

function problemsOf(input: Record<string, unknown>): readonly string[] {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig: values named as written', () => {
  it('names a number JSON cannot spell (itemLimit: 1e400) as JavaScript writes it', () => {
    expect(problemsOf({ itemLimit: Number.POSITIVE_INFINITY })).toEqual([
      'itemLimit must be a whole number ≥ 0, got Infinity',
    ]);
    expect(problemsOf({ maxAge: Number.NaN })).toEqual(['maxAge must be a whole number ≥ 0, got NaN']);
  });

  it('refuses a language that is not a BCP 47 tag', () => {
    expect(problemsOf({ language: 'english' })).toEqual([
      'language "english" is not a BCP 47 language tag such as "en", "pt-BR" or "zh-Hans"',
    ]);
    expect(problemsOf({ language: 'pt-BR' })).toEqual([]);
  });

  it("checks the feed author's e-mail and URL", () => {
    expect(problemsOf({ author: { name: 'A', email: 'a@b.example', url: 'https://b.example/' } })).toEqual(
      [],
    );
    expect(
      problemsOf({ author: { name: 'A', email: 'not an address', url: 'javascript:alert(1)' } }),
    ).toEqual([
      'author.email must be an e-mail address, got "not an address"',
      'author.url must be an absolute http(s) URL, got "javascript:alert(1)"',
    ]);
  });
});
