/**
 * Enclosures: the audio, video and files an article carries (podcasts, talks, PDFs), from the
 * front-matter spellings Hugo, Jekyll and podcast themes use. Each becomes an absolute http(s) URL
 * with a media type and, when the file is in the page bundle or the site's static files, its length.
 */
import { isRecord } from '../core/guards.ts';
import type { Attachment } from './article.ts';
import type { Fields, FieldWarning } from './front-matter/fields.ts';
import { httpUrl } from './paths/urls.ts';

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  ogv: 'video/ogg',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  zip: 'application/zip',
};

/** The media type a file name's extension says, or the generic one. */
export function mediaTypeOf(url: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return (extension && MEDIA_TYPES[extension]) ?? 'application/octet-stream';
}

/** Fields that hold attachments, media first: a reader that takes one enclosure takes the first. */
const FIELDS = ['enclosure', 'enclosures', 'audio', 'video', 'videos', 'attachments'];

interface Written {
  readonly field: string;
  readonly url: string;
  readonly type?: string;
  readonly length?: number;
  readonly title?: string;
}

function entries(field: string, value: unknown): Written[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.flatMap((item): Written[] => {
    if (typeof item === 'string') return item.trim() ? [{ field, url: item.trim() }] : [];
    if (!isRecord(item)) return [];
    const url = item.url ?? item.src ?? item.href ?? item.file;
    if (typeof url !== 'string' || !url.trim()) return [];
    const length = Number(item.length ?? item.size ?? item.size_in_bytes);
    const type = item.type ?? item.mime_type;
    const title = item.title;
    return [
      {
        field,
        url: url.trim(),
        ...(typeof type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(type) && { type }),
        ...(Number.isSafeInteger(length) && length >= 0 && { length }),
        ...(typeof title === 'string' && title.trim() && { title: title.trim() }),
      },
    ];
  });
}

/**
 * The article's attachments, each once. `sizeOf` gives the length of a file the source can find
 * (a bundle-relative or site-relative reference); a length written in front matter wins.
 */
export function attachmentsField(
  data: Fields,
  base: string,
  sizeOf: ((reference: string) => number | undefined) | undefined,
  warn: FieldWarning,
): Attachment[] {
  const attachments: Attachment[] = [];
  for (const field of FIELDS) {
    for (const written of entries(field, data[field])) {
      const url = httpUrl(written.url, base);
      if (!url) {
        warn(field, `"${field}": "${written.url}" is not an http(s) URL; left out`);
        continue;
      }
      if (attachments.some((a) => a.url === url)) continue;
      const length = written.length ?? sizeOf?.(written.url);
      attachments.push({
        url,
        type: written.type ?? mediaTypeOf(url),
        ...(length !== undefined && { length }),
        ...(written.title !== undefined && { title: written.title }),
      });
    }
  }
  return attachments;
}
