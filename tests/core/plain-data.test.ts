import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DataLimitError, dataBudget, MAX_DATA_DEPTH, plainData } from '../../src/core/plain-data.ts';

/** "Billion laughs" in under 400 bytes: nine levels of nine aliases, 387 million strings when expanded. */
function billionLaughs(): string {
  let text = 'a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n';
  for (let i = 1; i <= 8; i++)
    text += `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9)
      .fill(`*${'abcdefghi'[i - 1]}`)
      .join(',')}]\n`;
  return text;
}

describe('plainData', () => {
  it('copies parsed data into objects without a prototype, Dates kept', () => {
    const date = new Date('2025-01-01T00:00:00Z');
    const data = plainData(JSON.parse('{"__proto__": {"draft": true}, "a": [1, {"b": "c"}]}'), 100);
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(data).toEqual({ ['__proto__']: { draft: true }, a: [1, { b: 'c' }] });
    expect((plainData({ d: date }, 10) as { d: Date }).d).toBe(date);
  });

  it('refuses the 393-byte alias bomb after spending no more than its budget', () => {
    const text = billionLaughs();
    expect(text.length).toBeLessThan(400);
    const parsed = yaml.load(text);
    expect(() => plainData(parsed, text.length)).toThrow(DataLimitError);
    expect(() => plainData(parsed, text.length)).toThrow(
      `expands to more than ${dataBudget(text.length).toLocaleString('en')} values and characters`,
    );
  });

  it('takes aliases that repeat what they name a few times, as real front matter does', () => {
    const text = 'defaults: &d {author: Ada, tags: [a, b]}\none: *d\ntwo: *d\nthree: *d\n';
    expect(plainData(yaml.load(text), text.length)).toMatchObject({ three: { author: 'Ada' } });
  });

  it('refuses data nested deeper than MAX_DATA_DEPTH', () => {
    let deep: unknown = 'x';
    for (let i = 0; i <= MAX_DATA_DEPTH; i++) deep = [deep];
    expect(() => plainData(deep, 10_000)).toThrow(`nests deeper than ${MAX_DATA_DEPTH} levels`);
    expect(() => plainData((deep as unknown[])[0], 10_000)).not.toThrow();
  });
});
