/** URLs in content: resolved against a base, and only with schemes that cannot run code. */

const SAFE_SCHEMES = new Set([
  'http:',
  'https:',
  'mailto:',
  'tel:',
  'ftp:',
  'news:',
  'irc:',
  'ircs:',
  'magnet:',
  'xmpp:',
  'geo:',
]);

/**
 * Resolves `value` against `base`; undefined when it cannot be parsed or uses a scheme that can run
 * code. `data:` is kept only for images, and never SVG (which can hold script).
 */
export function safeAbsoluteUrl(value: string, base: string, allowDataImage = false): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  if (SAFE_SCHEMES.has(url.protocol)) return url.href;
  if (allowDataImage && url.protocol === 'data:' && /^data:image\/(?!svg)/i.test(url.href)) return url.href;
  return undefined;
}
