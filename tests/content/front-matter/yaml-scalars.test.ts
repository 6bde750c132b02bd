import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../../src/content/front-matter/yaml-scalars.ts';

const doc =
  'a: 10_001\nb: 0x1F\nc: yes\nd: 1.10\ne: "yes"\nf: 2020-02-01 23:30:00\ng: 1e3\nh: 017\ni: Null\n';

describe('loadYaml: plain scalars as the generators read and print them', () => {
  it('keeps every scalar as written for feedwright', () => {
    expect(loadYaml(doc, 'text')).toMatchObject({
      a: '10_001',
      c: 'yes',
      d: '1.10',
      f: '2020-02-01 23:30:00',
    });
  });

  it('reads YAML 1.1 and prints values as Go does (Hugo)', () => {
    expect(loadYaml(doc, 'go')).toEqual({
      a: '10001',
      b: '31',
      c: 'true',
      d: '1.1',
      e: 'yes',
      f: '2020-02-01 23:30:00',
      g: '1000',
      h: '15',
      i: null,
    });
  });

  it('takes a key written twice as its last value for the generators, and refuses it for feedwright', () => {
    expect(loadYaml('a: 1\na: 2\n', 'go')).toEqual({ a: '2' });
    expect(loadYaml('a: 1\na: 2\n', 'ruby')).toEqual({ a: '2' });
    expect(() => loadYaml('a: 1\na: 2\n', 'text')).toThrow(/duplicated mapping key/);
  });

  it('reads YAML 1.1 as Ruby does (Jekyll): zone-less timestamps are UTC, floats keep a point', () => {
    expect(loadYaml(doc, 'ruby')).toMatchObject({
      a: '10001',
      c: 'true',
      f: '2020-02-01 23:30:00 +00:00',
      g: '1000.0',
    });
  });
});
