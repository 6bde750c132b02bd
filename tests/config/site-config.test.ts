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

describe('parseConfig: kinds of feed', () => {
  it('knows the site, each taxonomy (custom ones too), sections, languages and authors', () => {
    const config = parseConfig({ taxonomies: ['tags', 'series'], itemLimit: 5 });
    expect(Object.keys(config.itemLimit).sort()).toEqual(
      ['authors', 'languages', 'sections', 'series', 'site', 'tags'].sort(),
    );
    expect(Object.values(config.itemLimit)).toEqual([5, 5, 5, 5, 5, 5]);
  });

  it('refuses a taxonomy named like the site feed, and merges one named twice', () => {
    expect(problemsOf({ taxonomies: ['tags', 'site'] })).toEqual([
      'taxonomies: "site" is the site\'s own kind of feed; name the taxonomy otherwise',
    ]);
    const config = parseConfig({ taxonomies: ['tags', { name: 'tags', fields: ['tag'] }] });
    expect(config.taxonomies).toEqual([{ name: 'tags', fields: ['tags', 'tag'] }]);
  });

  it('refuses a feed route whose scope is no kind of feed', () => {
    expect(problemsOf({ feeds: [{ scope: 'serie', path: 'serie/{slug}.xml', format: 'rss' }] })).toEqual([
      'feeds: scope "serie" is not a kind of feed (known: site, tags, categories, sections, languages, authors)',
    ]);
  });
});
