import { describe, expect, it } from 'vitest';
import { LruMap } from '../../src/core/lru-map.ts';

describe('LruMap', () => {
  it('keeps the most recently used entries, letting the least recently used go', () => {
    const recent = new LruMap<string, number>(2);
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
    const recent = new LruMap<string, object>(4);
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
