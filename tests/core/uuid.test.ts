// Version 5 UUIDs, synchronously on every runtime: what podcast:guid is made of.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidV5 } from '../../src/core/uuid.ts';

const PODCAST = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

describe('uuidV5', () => {
  it('gives the podcast:guid examples of the Podcasting 2.0 specification', () => {
    expect(uuidV5(PODCAST, 'podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(uuidV5(PODCAST, 'mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });

  it("hashes names of every length as Node's SHA-1 does (one block, two, and their edges)", () => {
    for (const length of [0, 1, 39, 40, 47, 48, 55, 56, 63, 64, 119, 120, 500]) {
      const name = 'é'.repeat(length).slice(0, length);
      const bytes = Buffer.concat([Buffer.from(PODCAST.replaceAll('-', ''), 'hex'), Buffer.from(name)]);
      const digest = createHash('sha1').update(bytes).digest();
      digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
      digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
      const hex = digest.subarray(0, 16).toString('hex');
      const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      expect(uuidV5(PODCAST, name), `${length}`).toBe(expected);
    }
  });
});
