/** An article's permalink: from its `url` field, or from the site's pattern. */
import type { SiteUrl } from '../core/site-url.ts';
import { wallTimeIn } from '../core/time.ts';
import { FieldError } from './fields.ts';
import { httpUrl } from './urls.ts';

export interface PermalinkTokens {
  readonly slug: string;
  readonly section: string;
  readonly filename: string;
  readonly title: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The pattern with its tokens filled in, as an absolute URL on the site. */
export function patternPermalink(
  siteUrl: SiteUrl,
  pattern: string,
  tokens: PermalinkTokens,
  date: number,
  timeZone: string,
): string {
  const values: Record<string, string> = { ...tokens };
  if (/:(year|month|day)\b/.test(pattern)) {
    const wall = wallTimeIn(date, timeZone);
    Object.assign(values, { year: String(wall.year), month: pad2(wall.month), day: pad2(wall.day) });
  }
  const path = pattern.replace(/:([a-z]+)/g, (whole, name: string) => values[name] ?? whole);
  const collapsed = path.replace(/\/{2,}/g, '/').replace(/^\//, '');
  // `./` keeps a first segment with a colon from being read as a URL scheme.
  return siteUrl.resolve(`./${collapsed}`);
}

/**
 * Front matter `url`: a path on the site, or an absolute http(s) URL. Any other absolute URL
 * (`javascript:…`, `data:…`) would become every item's link, and is refused.
 */
export function urlFieldPermalink(siteUrl: SiteUrl, value: string): string {
  if (URL.canParse(value)) {
    const absolute = httpUrl(value);
    if (absolute) return absolute;
    throw new FieldError('url', `"url": "${value}" is neither a path nor an http(s) URL`);
  }
  try {
    return siteUrl.resolve(`./${value.replace(/^\/*/, '')}`);
  } catch {
    throw new FieldError('url', `"url": "${value}" is not a usable URL`);
  }
}
