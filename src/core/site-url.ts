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

/** Host names of this machine: what no reader elsewhere can reach. */
const LOCAL_HOST = /^(?:localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** True for an http(s) URL on this machine (localhost, a loopback address): never a site's public address. */
export function isLocalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  return LOCAL_HOST.test(new URL(url).hostname);
}
