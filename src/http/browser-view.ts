/**
 * Who gets the HTML view of a feed instead of the feed: only a browser navigating to it, told by
 * the Fetch Metadata headers every current browser sends with a navigation (`Sec-Fetch-Mode:
 * navigate`, `Sec-Fetch-Dest: document`) and no feed reader sends. Accept is no guide: Miniflux and
 * others list text/html too. Responses vary on these headers, and the Worker's cache key holds the
 * variant, so no cache hands one to the other.
 */

/** The request headers the choice depends on: every feed response names them in Vary. */
export const VIEW_VARY = 'Accept-Encoding, Sec-Fetch-Dest, Sec-Fetch-Mode';

/**
 * `Content-Security-Policy` of the HTML view: no script, no form, no frame around it (no page can
 * frame it to trick a click); styles, images and the episodes' audio and video only.
 */
export const VIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; media-src https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function isBrowserNavigation(header: (name: string) => string | null | undefined): boolean {
  return header('Sec-Fetch-Mode') === 'navigate' && header('Sec-Fetch-Dest') === 'document';
}
