/**
 * An article that is a podcast episode: what its front matter says for Apple Podcasts' `itunes:`
 * item tags and Podcasting 2.0's `podcast:` ones — `episode`, `season`, `episodeType`, `explicit`,
 * `transcript` and `chapters` (its `duration` is its audio's, on its attachment; its image is the
 * article's). A value that cannot be used is said and left out; the article is published anyway.
 */
import { isRecord } from '../core/guards.ts';
import type { Episode, Transcript } from './article.ts';
import type { Fields, FieldWarning } from './front-matter/fields.ts';
import { httpUrl } from './paths/urls.ts';

const TRANSCRIPT_TYPES: Readonly<Record<string, string>> = {
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  json: 'application/json',
  html: 'text/html',
  htm: 'text/html',
  txt: 'text/plain',
};
const CHAPTERS_TYPE = 'application/json+chapters';
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

const extension = (url: string) => /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';

/** A whole number from 1, written as a number or as text. */
function counting(data: Fields, field: string, warn: FieldWarning): number | undefined {
  const value = data[field.toLowerCase()];
  if (value === undefined || value === null || value === '') return undefined;
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (Number.isSafeInteger(number) && number >= 1) return number;
  warn(field, `"${field}" should be a whole number from 1, not ${JSON.stringify(value)}; left out`);
  return undefined;
}

/** Apple's explicit flag, as podcast themes write it: true/false, yes/no, explicit/clean. */
export function explicitValue(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text === 'true' || text === 'yes' || text === 'explicit') return true;
  if (text === 'false' || text === 'no' || text === 'clean') return false;
  return undefined;
}

/** A duration in seconds: a number of them, or `[[h:]m:]s` text. */
export function durationValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const parts = value.trim().split(':');
  if (parts.length > 3 || parts.some((part) => !/^\d+(\.\d+)?$/.test(part))) return undefined;
  const seconds = parts.reduce((total, part) => total * 60 + Number(part), 0);
  return seconds > 0 ? Math.round(seconds) : undefined;
}

/** Each file a field names: a URL, a list of them, or `{ url, type, … }` tables. */
function linked(value: unknown): { url: string; fields: Readonly<Record<string, unknown>> }[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.flatMap((item) => {
    if (typeof item === 'string') return item.trim() ? [{ url: item.trim(), fields: {} }] : [];
    if (!isRecord(item)) return [];
    const url = item.url ?? item.href ?? item.src;
    return typeof url === 'string' && url.trim() ? [{ url: url.trim(), fields: item }] : [];
  });
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** `episodeType`: full, trailer or bonus; anything else is left out, with a warning. */
function episodeTypeField(data: Fields, warn: FieldWarning): Episode['episodeType'] {
  const typeRaw = data.episodetype;
  const typeText = text(typeRaw)?.toLowerCase();
  const episodeType =
    typeText === 'full' || typeText === 'trailer' || typeText === 'bonus' ? typeText : undefined;
  if (typeRaw !== undefined && typeRaw !== null && !episodeType)
    warn(
      'episodeType',
      `"episodeType" should be full, trailer or bonus, not ${JSON.stringify(typeRaw)}; left out`,
    );
  return episodeType;
}

/** `explicit`: true or false (or what reads as one); anything else is left out, with a warning. */
function explicitField(data: Fields, warn: FieldWarning): boolean | undefined {
  const explicitRaw = data.explicit;
  const explicit = explicitValue(explicitRaw);
  if (explicitRaw !== undefined && explicitRaw !== null && explicit === undefined)
    warn('explicit', `"explicit" should be true or false, not ${JSON.stringify(explicitRaw)}; left out`);
  return explicit;
}

/** `transcript(s)`: each with an http(s) URL and a known type; the others are left out, with a warning. */
function transcriptsField(data: Fields, base: string, warn: FieldWarning): Transcript[] {
  const transcripts: Transcript[] = [];
  for (const { url: written, fields } of linked(data.transcript ?? data.transcripts)) {
    const url = httpUrl(written, base);
    if (!url) {
      warn('transcript', `"transcript": "${written}" is not an http(s) URL; left out`);
      continue;
    }
    const given = text(fields.type);
    const type = given && MEDIA_TYPE.test(given) ? given : TRANSCRIPT_TYPES[extension(url)];
    if (!type) {
      warn('transcript', `"transcript": the type of "${written}" is not known; say it with { url, type }`);
      continue;
    }
    const language = text(fields.language);
    const rel = text(fields.rel);
    transcripts.push({ url, type, ...(language && { language }), ...(rel && { rel }) });
  }
  return transcripts;
}

/** `chapters`: the first one named, when its URL is http(s). */
function chaptersField(data: Fields, base: string, warn: FieldWarning): Episode['chapters'] {
  const [written] = linked(data.chapters);
  if (!written) return undefined;
  const url = httpUrl(written.url, base);
  if (!url) {
    warn('chapters', `"chapters": "${written.url}" is not an http(s) URL; left out`);
    return undefined;
  }
  const given = text(written.fields.type);
  return { url, type: given && MEDIA_TYPE.test(given) ? given : CHAPTERS_TYPE };
}

/** The episode an article's front matter describes; undefined when it says nothing of one. */
export function episodeField(data: Fields, base: string, warn: FieldWarning): Episode | undefined {
  const episode = counting(data, 'episode', warn);
  const season = counting(data, 'season', warn);
  const episodeType = episodeTypeField(data, warn);
  const explicit = explicitField(data, warn);
  const transcripts = transcriptsField(data, base, warn);
  const chapters = chaptersField(data, base, warn);
  if (
    episode === undefined &&
    season === undefined &&
    !episodeType &&
    explicit === undefined &&
    transcripts.length === 0 &&
    !chapters
  )
    return undefined;
  return {
    ...(episode !== undefined && { episode }),
    ...(season !== undefined && { season }),
    ...(episodeType && { episodeType }),
    ...(explicit !== undefined && { explicit }),
    transcripts,
    ...(chapters && { chapters }),
  };
}
