/**
 * `_headers` for static hosts that read it (Netlify, Cloudflare Pages): the content types and
 * Cache-Control that `serve` sends, so a built folder is served the same way. Rules use splats, one
 * per file name, so the file stays a few lines long whatever the number of tags (Cloudflare Pages
 * takes at most 100 rules).
 */
import type { SiteConfig } from '../config/site-config.ts';
import { FORMATS } from '../feeds/formats.ts';
import { PAGES } from '../feeds/pages.ts';
import { cacheControl } from './cache-control.ts';

export const STATIC_HEADERS_FILE = '_headers';

export function staticHeaders(config: SiteConfig): string {
  const base = config.feedsUrl.path;
  const control = cacheControl(config);
  const rule = (path: string, contentType: string) =>
    `${path}\n  Content-Type: ${contentType}\n  Cache-Control: ${control}\n`;
  const rules = [
    ...FORMATS.flatMap((format) =>
      [format.file, ...format.aliases].flatMap((file) => [
        rule(`${base}${file}`, format.contentType),
        rule(`${base}*/${file}`, format.contentType),
      ]),
    ),
    ...PAGES.map((page) => rule(`${base}${page.file}`, page.contentType)),
  ];
  return `# Written by feedwright build: the headers feedwright serve sends.\n${rules.join('')}`;
}
