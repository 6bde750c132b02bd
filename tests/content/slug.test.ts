import { describe, expect, it } from 'vitest';
import { encodeSlugPath, termKey, urlize } from '../../src/content/slug.ts';

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
  });
});
