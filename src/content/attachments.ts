/**
 * Enclosures: the audio, video and files an article carries (podcasts, talks, PDFs), from the
 * front-matter spellings Hugo, Jekyll and podcast themes use. Each becomes an absolute http(s) URL
 * with a media type and, when the file is in the page bundle or the site's static files, its length
 * and (audio and video) how long it plays. An episode's `duration` is its first audio or video's.
 */
import { isRecord } from '../core/guards.ts';
import type { Attachment, SourceFile } from './article.ts';
import { durationValue } from './episode.ts';
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
  readonly duration?: number;
}

/** Audio and video: what podcast apps play, and what has a duration. */
export const isMedia = (attachment: Pick<Attachment, 'type'>) => /^(audio|video)\//.test(attachment.type);

/** A podcast episode: its first attachment (the enclosure RSS carries) is audio or video. */
export function isEpisode(item: { readonly attachments: readonly Attachment[] }): boolean {
  const first = item.attachments[0];
  return first !== undefined && isMedia(first);
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
    const duration = durationValue(item.duration ?? item.duration_in_seconds);
    return [
      {
        field,
        url: url.trim(),
        ...(typeof type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(type) && { type }),
        ...(Number.isSafeInteger(length) && length >= 0 && { length }),
        ...(typeof title === 'string' && title.trim() && { title: title.trim() }),
        ...(duration !== undefined && { duration }),
      },
    ];
  });
}

/**
 * The article's attachments, each once. The source gives the length and duration of a file it can
 * find (a bundle-relative or site-relative reference); what front matter writes wins.
 */
export function attachmentsField(
  data: Fields,
  base: string,
  source: Pick<SourceFile, 'sizeOf' | 'durationOf'>,
  warn: FieldWarning,
  /** A podcast's: an episode whose duration cannot be known is said (Apple recommends it). */
  podcast = false,
): Attachment[] {
  const attachments: Attachment[] = [];
  // An episode's `duration` (seconds, or h:m:s) is its first audio or video's.
  const durationRaw = data.duration;
  let episodeDuration = durationValue(durationRaw);
  if (durationRaw !== undefined && durationRaw !== null && episodeDuration === undefined)
    warn('duration', `"duration" should be seconds or h:mm:ss, not ${JSON.stringify(durationRaw)}; left out`);
  for (const field of FIELDS) {
    for (const written of entries(field, data[field])) {
      const url = httpUrl(written.url, base);
      if (!url) {
        warn(field, `"${field}": "${written.url}" is not an http(s) URL; left out`);
        continue;
      }
      if (attachments.some((a) => a.url === url)) continue;
      const length = written.length ?? source.sizeOf?.(written.url);
      const type = written.type ?? mediaTypeOf(url);
      let duration = written.duration;
      if (isMedia({ type })) {
        duration = episodeDuration ?? duration ?? source.durationOf?.(written.url, type);
        episodeDuration = undefined;
        if (podcast && duration === undefined && !attachments.some(isMedia))
          warn(
            written.field,
            `how long "${written.url}" plays is not known (not an MP3 or M4A in the site): write "duration" (seconds, or h:mm:ss) for podcast apps`,
          );
      }
      attachments.push({
        url,
        type,
        ...(length !== undefined && { length }),
        ...(written.title !== undefined && { title: written.title }),
        ...(duration !== undefined && { duration }),
      });
    }
  }
  return attachments;
}
