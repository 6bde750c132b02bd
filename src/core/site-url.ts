/** The address a site is published at, parsed and checked once. */

export class SiteUrlError extends Error {
  override readonly name = 'SiteUrlError';
}

export class SiteUrl {
  /** Always ends in `/`. */
  readonly href: string;
  readonly origin: string;
  /** The host name, without port: what tag: URIs are minted on. */
  readonly hostname: string;
  /** The path the site lives under, `/` or e.g. `/blog/`. */
  readonly path: string;

  private constructor(url: URL) {
    this.href = url.href;
    this.origin = url.origin;
    this.hostname = url.hostname;
    this.path = url.pathname;
  }

  /** An absolute http(s) URL without query or fragment; a missing final `/` is added. */
  static parse(text: string): SiteUrl {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new SiteUrlError(`"${text}" is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new SiteUrlError(`"${text}" is not http(s)`);
    if (url.search || url.hash) throw new SiteUrlError(`"${text}" has a query or fragment`);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return new SiteUrl(url);
  }

  /** A path relative to the site (`tags/go/feed.xml`, possibly non-ASCII) as an absolute URL. */
  resolve(path: string): string {
    return new URL(path, this.href).href;
  }

  /** Serialized (config fingerprints, the Worker snapshot) as the URL itself. */
  toJSON(): string {
    return this.href;
  }
}

/**
 * Why a host is no site's public address. `local`: this machine's (`localhost` and `.localhost`
 * names, loopback addresses; RFC 6761 §6.3), which stand in while trying feedwright here.
 * `placeholder`: a name reserved for examples and tests (RFC 2606: `example.com`, `.net`, `.org` and
 * their subdomains, `.example`, `.test`, `.invalid`; RFC 6761 §6.2, §6.4, §6.5), which no site is
 * published at: one written in a site's config is a stand-in nobody replaced (`hugo new site`
 * writes `http://example.org/`).
 */
export type ReservedHost = 'local' | 'placeholder';

/** Host names of this machine: what no reader elsewhere can reach. */
const LOCAL_HOST = /^(?:localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** Host names reserved for examples and tests (RFC 2606), and every name under them. */
const PLACEHOLDER_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)$/i;

/** Which kind of reserved host an http(s) URL is at, if any (see ReservedHost); undefined for any other. */
export function reservedHost(url: string): ReservedHost | undefined {
  if (!URL.canParse(url)) return undefined;
  // `example.org.` is example.org: a name's final dot only says it is absolute.
  const host = new URL(url).hostname.replace(/\.$/, '');
  if (LOCAL_HOST.test(host)) return 'local';
  if (PLACEHOLDER_HOST.test(host)) return 'placeholder';
  return undefined;
}

/** True for an http(s) URL on this machine (localhost, a loopback address): never a site's public address. */
export function isLocalUrl(url: string): boolean {
  return reservedHost(url) === 'local';
}

/** True for a URL no reader elsewhere is ever sent to: this machine's, or a placeholder (see ReservedHost). */
export function isUnpublishedUrl(url: string): boolean {
  return reservedHost(url) !== undefined;
}

/** What a placeholder is, in the words every message about one uses. */
export const PLACEHOLDER = 'a placeholder (RFC 2606 reserves it for examples and tests)';
