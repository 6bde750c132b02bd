// How long an MP3 or an MP4/M4A plays, read from its headers: Xing/Info and VBRI frame counts, a
// constant bitrate, `mvhd` boxes before or after the media, in either version; a few bounded reads
// whatever the file's size, and nothing said for a file it cannot read.
// (tests/fixtures/podcast-site/make-audio.mjs wrote the fixture's files; mutagen reads 65.016 s and
// 3,723 s of them.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ByteReader, mediaDuration } from '../../src/content/media-duration.ts';

const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/podcast-site/${path}`, import.meta.url).pathname);

/** A reader over `bytes` that counts what it was asked for. */
function reader(bytes: Uint8Array) {
  const asked = { reads: 0, bytes: 0 };
  const read: ByteReader = (offset, length) => {
    asked.reads++;
    const slice = bytes.subarray(offset, offset + length);
    asked.bytes += slice.length;
    return slice;
  };
  return { read, asked };
}

const duration = (bytes: Uint8Array, type: string) => mediaDuration(reader(bytes).read, bytes.length, type);

const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};
const box = (type: string, payload: Uint8Array) =>
  Buffer.concat([u32(8 + payload.length), Buffer.from(type, 'latin1'), payload]);

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo: 417 bytes a frame without padding. */
const MPEG1_128K = Buffer.from([0xff, 0xfb, 0x90, 0x00]);

function frames(header: Buffer, count: number, length: number): Buffer {
  const frame = Buffer.alloc(length);
  header.copy(frame);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

describe('mediaDuration', () => {
  it("reads the fixture's MP3 (an Info frame's count) and M4A (its mvhd, after the mdat)", () => {
    expect(duration(fixture('static/audio/one.mp3'), 'audio/mpeg')).toBe(65);
    expect(duration(fixture('content/episodes/two/two.m4a'), 'audio/mp4')).toBe(3723);
    expect(duration(fixture('content/episodes/two/two.m4a'), 'audio/x-m4a')).toBe(3723);
  });

  it('takes a constant bitrate from the first frame when no header counts the frames', () => {
    // 1,000 frames of 26.12 ms: 26.1 s, whatever an ID3v1 tag at the end adds.
    const audio = frames(MPEG1_128K, 1000, 417);
    expect(duration(audio, 'audio/mpeg')).toBe(Math.round((audio.length * 8) / 128_000));
    const tagged = Buffer.concat([audio, Buffer.from('TAG'), Buffer.alloc(125)]);
    expect(duration(tagged, 'audio/mpeg')).toBe(Math.round((audio.length * 8) / 128_000));
  });

  it('reads a VBRI header (Fraunhofer) and a Xing one in a stereo MPEG-1 frame', () => {
    const vbri = Buffer.alloc(417);
    MPEG1_128K.copy(vbri);
    vbri.write('VBRI', 36, 'latin1');
    u32(5_000).copy(vbri, 36 + 14);
    expect(duration(Buffer.concat([vbri, frames(MPEG1_128K, 10, 417)]), 'audio/mpeg')).toBe(
      Math.round((5_000 * 1152) / 44_100),
    );
    const xing = Buffer.alloc(417);
    MPEG1_128K.copy(xing);
    xing.write('Xing', 4 + 32, 'latin1');
    u32(1).copy(xing, 4 + 32 + 4);
    u32(20_000).copy(xing, 4 + 32 + 8);
    expect(duration(Buffer.concat([xing, frames(MPEG1_128K, 10, 417)]), 'audio/mpeg')).toBe(
      Math.round((20_000 * 1152) / 44_100),
    );
  });

  it('reads a version 1 mvhd, and boxes with 64-bit sizes', () => {
    const mvhd = Buffer.alloc(112);
    mvhd[0] = 1;
    u32(600).copy(mvhd, 20);
    u32(1).copy(mvhd, 24); // 2^32 + 1,200 units of 1/600 s
    u32(1_200).copy(mvhd, 28);
    const large = Buffer.concat([u32(1), Buffer.from('free'), u32(0), u32(16 + 8), Buffer.alloc(8)]);
    const file = Buffer.concat([box('ftyp', Buffer.from('isom')), large, box('moov', box('mvhd', mvhd))]);
    expect(duration(file, 'video/mp4')).toBe(Math.round((2 ** 32 + 1_200) / 600));
  });

  it('says nothing of what it cannot read', () => {
    expect(duration(Buffer.alloc(0), 'audio/mpeg')).toBeUndefined();
    expect(duration(Buffer.alloc(4096, 0x41), 'audio/mpeg')).toBeUndefined();
    expect(duration(Buffer.from('not an mp4 at all'), 'audio/mp4')).toBeUndefined();
    // A box claiming fewer bytes than its own header.
    expect(duration(Buffer.concat([u32(3), Buffer.from('moov')]), 'audio/mp4')).toBeUndefined();
    expect(duration(fixture('static/audio/one.mp3'), 'audio/ogg')).toBeUndefined();
  });

  it('reads a few kilobytes of a large file, not the file', () => {
    // 100 MB of frames with an ID3 tag before them: the size says the duration.
    const head = Buffer.concat([frames(MPEG1_128K, 200, 417)]);
    const size = 100_000_000;
    const { read, asked } = reader(head);
    expect(mediaDuration(read, size, 'audio/mpeg')).toBe(Math.round((size * 8) / 128_000));
    expect(asked.bytes).toBeLessThan(70_000);
    expect(asked.reads).toBeLessThan(6);
  });
});
