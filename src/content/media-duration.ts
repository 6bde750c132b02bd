/**
 * How long an audio or video file plays, read from its headers alone: an MP3's first frame (and
 * its Xing, Info or VBRI header, which counts the frames), an MP4/M4A's `mvhd` box. Reads go through
 * a reader of byte ranges, a few of them and a bounded number of bytes whatever the file's size.
 */

/** Up to `length` bytes from `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Uint8Array;

/** How far into an MP3 (after its ID3 tag) the first frame is looked for. */
const FRAME_SEARCH_BYTES = 64 * 1024;
/** Boxes of an MP4 looked at, at most (its top level and `moov`'s children). */
const MAX_BOXES = 4096;

/** Seconds, rounded to whole ones; undefined when the file says none this can read. */
export function mediaDuration(read: ByteReader, size: number, type: string): number | undefined {
  const seconds =
    type === 'audio/mpeg'
      ? mp3Duration(read, size)
      : /^(audio|video)\/(mp4|x-m4a|x-m4v|quicktime)$/.test(type)
        ? mp4Duration(read, size)
        : undefined;
  return seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 ? undefined : Math.round(seconds);
}

const u32 = (b: Uint8Array, i: number) =>
  (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

// MPEG audio frame headers (ISO 11172-3, 13818-3): kbit/s by version, layer and index.
const BITRATES: Readonly<Record<string, readonly number[]>> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  1: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  2.5: [11_025, 12_000, 8_000],
};

interface Frame {
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
  readonly bitrate: number;
  readonly sampleRate: number;
  readonly samples: number;
  readonly length: number;
  readonly mono: boolean;
}

/** The frame header at `i`, if one is there. */
function frameAt(b: Uint8Array, i: number): Frame | undefined {
  const [b0, b1, b2, b3] = [b[i], b[i + 1], b[i + 2], b[i + 3]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || b3 === undefined || (b1 & 0xe0) !== 0xe0)
    return undefined;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrate = (BITRATES[`${version === 1 ? 1 : 2}-${layer}`]?.[bitrateIndex] ?? 0) * 1000;
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex] ?? 0;
  const padding = (b2 >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { version, layer, bitrate, sampleRate, samples, length, mono: b3 >> 6 === 3 };
}

/** Where the audio starts: after the ID3v2 tags at the start of the file, if any. */
function audioStart(read: ByteReader): number {
  let offset = 0;
  for (let tags = 0; tags < 4; tags++) {
    const header = read(offset, 10);
    if (header.length < 10 || ascii(header, 0, 3) !== 'ID3') break;
    const size =
      (((header[6] ?? 0) & 0x7f) << 21) |
      (((header[7] ?? 0) & 0x7f) << 14) |
      (((header[8] ?? 0) & 0x7f) << 7) |
      ((header[9] ?? 0) & 0x7f);
    offset += 10 + size + ((header[5] ?? 0) & 0x10 ? 10 : 0);
  }
  return offset;
}

function mp3Duration(read: ByteReader, size: number): number | undefined {
  const start = audioStart(read);
  const chunk = read(start, FRAME_SEARCH_BYTES);
  // The first frame whose successor is where its length says (a lone 0xFFE… in a tag is no frame).
  let at = -1;
  let frame: Frame | undefined;
  for (let i = 0; i + 4 <= chunk.length; i++) {
    const found = frameAt(chunk, i);
    if (!found) continue;
    const next = i + found.length;
    if (next + 4 <= chunk.length && !frameAt(chunk, next)) continue;
    at = i;
    frame = found;
    break;
  }
  if (!frame) return undefined;
  // A VBR file counts its frames in the first one: Xing or Info after the side information, or VBRI.
  const side = frame.version === 1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const xing = at + 4 + side;
  const tag = ascii(chunk, xing, 4);
  if ((tag === 'Xing' || tag === 'Info') && u32(chunk, xing + 4) & 1)
    return (u32(chunk, xing + 8) * frame.samples) / frame.sampleRate;
  if (ascii(chunk, at + 36, 4) === 'VBRI')
    return (u32(chunk, at + 36 + 14) * frame.samples) / frame.sampleRate;
  // Otherwise a constant bitrate: the audio's bytes at the first frame's rate (less an ID3v1 tag).
  const tail = size >= 128 ? read(size - 128, 3) : new Uint8Array();
  const audioBytes = size - (start + at) - (ascii(tail, 0, 3) === 'TAG' ? 128 : 0);
  return (audioBytes * 8) / frame.bitrate;
}

/** The duration in a `moov` box's `mvhd`, walking boxes by their headers (ISO/IEC 14496-12). */
function mp4Duration(read: ByteReader, size: number): number | undefined {
  let boxes = 0;
  const walk = (from: number, to: number, want: string): { start: number; end: number } | undefined => {
    for (let offset = from; offset + 8 <= to && boxes < MAX_BOXES; boxes++) {
      const header = read(offset, 16);
      if (header.length < 8) return undefined;
      let length = u32(header, 0);
      let headerLength = 8;
      if (length === 1) {
        // A 64-bit size: files over 4 GiB.
        length = u32(header, 8) * 2 ** 32 + u32(header, 12);
        headerLength = 16;
      } else if (length === 0) length = to - offset;
      if (length < headerLength) return undefined;
      if (ascii(header, 4, 4) === want) return { start: offset + headerLength, end: offset + length };
      offset += length;
    }
    return undefined;
  };
  const moov = walk(0, size, 'moov');
  const mvhd = moov && walk(moov.start, moov.end, 'mvhd');
  if (!mvhd) return undefined;
  const box = read(mvhd.start, 32);
  if (box[0] === 1) {
    const timescale = u32(box, 20);
    return timescale ? (u32(box, 24) * 2 ** 32 + u32(box, 28)) / timescale : undefined;
  }
  const timescale = u32(box, 12);
  return timescale ? u32(box, 16) / timescale : undefined;
}
