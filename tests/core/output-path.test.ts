import { describe, expect, it } from 'vitest';
import { outputPathProblem } from '../../src/core/output-path.ts';
import { confinedPath, OutputPathError } from '../../src/publish/output-folder.ts';

describe('outputPathProblem: one rule for every path written into an output folder', () => {
  it.each([
    'feed.xml',
    'tags/{slug}/index.xml',
    'feed/by_tag/C#.xml',
    'a/b/c.json',
    '...xml',
    '开源/feed.xml',
  ])('takes %j', (path) => expect(outputPathProblem(path)).toBeUndefined());

  it.each([
    ['', 'is empty'],
    ['/etc/x.xml', 'is absolute'],
    ['../escaped.xml', '".." segment'],
    ['a/../../../x.json', '".." segment'],
    ['..', '".." segment'],
    ['a//b.xml', 'empty or "." segment'],
    ['./a.xml', 'empty or "." segment'],
    ['a\\..\\b.xml', 'backslash'],
    ['index\n/*', 'control character'],
    ['x\u0085y', 'control character'],
  ])('refuses %j', (path, why) => expect(outputPathProblem(path)).toContain(why));
});

describe('confinedPath', () => {
  it('resolves inside the folder, or refuses', () => {
    expect(confinedPath('/srv/out', 'tags/go/feed.xml')).toBe('/srv/out/tags/go/feed.xml');
    expect(() => confinedPath('/srv/out', '../x')).toThrow(OutputPathError);
    expect(() => confinedPath('/srv/out', '/srv/out/x')).toThrow(OutputPathError);
  });
});
