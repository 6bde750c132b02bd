import { describe, expect, it } from 'vitest';
import { Recent } from '../../src/core/recent.ts';

describe('Recent', () => {
  it('keeps the most recently used entries, letting the least recently used go', () => {
    const recent = new Recent<string, number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('a')).toBe(1); // now a is newer than b
    recent.set('c', 3);
    expect(recent.get('b')).toBeUndefined();
    expect([recent.get('a'), recent.get('c')]).toEqual([1, 3]);
    recent.set('a', 4); // replaced, and newest
    recent.set('d', 5);
    expect([recent.get('c'), recent.get('a'), recent.get('d')]).toEqual([undefined, 4, 5]);
  });

  it('lets an entry go only while it is the one kept', () => {
    const recent = new Recent<string, object>(4);
    const first = {};
    const second = {};
    recent.set('k', first);
    recent.set('k', second);
    recent.deleteIf('k', first);
    expect(recent.get('k')).toBe(second);
    recent.deleteIf('k', second);
    expect(recent.get('k')).toBeUndefined();
  });
});
