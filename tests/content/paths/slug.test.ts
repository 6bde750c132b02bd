import { describe, expect, it } from 'vitest';
import { encodeSlugPath, fitSlug, termKey, urlize } from '../../../src/content/paths/slug.ts';
import { hashText } from '../../../src/core/hash.ts';

describe('urlize (Hugo)', () => {
  it.each([
    ['Open Source', 'open-source'],
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['开源', '开源'],
    ['Hello,   World!', 'hello-world'],
    ['Ünïcödé Tag', 'ünïcödé-tag'],
    ['a/b', 'a/b'],
    ['../../etc/passwd', 'etc/passwd'],
    ['node.js', 'node.js'],
    ['100%', '100'],
    ['!!!', ''],
    // Go's strings.ToLower, letter by letter: İ is i (not i and a combining dot), Σ is σ at the end too.
    ['TEKNİK NOTLAR', 'teknik-notlar'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['Οδός', 'οδός'],
  ])('%j → %j', (name, slug) => {
    expect(urlize(name)).toBe(slug);
  });

  it('percent-encodes a slug for a URL but keeps its slashes', () => {
    expect(encodeSlugPath('c#')).toBe('c%23');
    expect(encodeSlugPath('a/b c')).toBe('a/b%20c');
    expect(encodeSlugPath('开源')).toBe('%E5%BC%80%E6%BA%90');
  });

  it('folds case and spacing into one term key', () => {
    expect(termKey('  Open   Source ')).toBe(termKey('open source'));
    expect(termKey('C++')).not.toBe(termKey('C#'));
    expect(termKey('TEKNİK NOTLAR')).toBe(termKey('teknik notlar'));
  });
});

describe('fitSlug', () => {
  it('leaves ordinary slugs alone', () => {
    expect(fitSlug('open-source/开源', hashText)).toBe('open-source/开源');
  });

  it('cuts a segment over 150 bytes at a character boundary, distinct and stable', () => {
    const a = fitSlug(`${'长'.repeat(100)}a`, hashText);
    const b = fitSlug(`${'长'.repeat(100)}b`, hashText);
    expect(new TextEncoder().encode(a).length).toBeLessThanOrEqual(150);
    expect(a).not.toBe(b);
    expect(fitSlug(`${'长'.repeat(100)}a`, hashText)).toBe(a);
    expect(a.startsWith('长'.repeat(47))).toBe(true);
  });
});
