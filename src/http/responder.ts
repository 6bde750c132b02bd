/**
 * How a request for a feed or page is answered, worked out once per document instead of once per
 * request: which document a path names (remembered per catalog), and the exact headers of its 304
 * and of its 200 in each encoding, as flat `name, value, …` lists. The Hono app answers through it
 * on every runtime; on Node the server also answers straight from it, without a Request or a
 * Response object, whatever it finds ready (node/ready-answers.ts).
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { formatHttpDate } from '../core/time.ts';
import { PAGE_CSP } from '../feeds/pages.ts';
import type { Bytes, Encoding, RenderedDocument } from '../feeds/rendered-document.ts';
import { cacheControl } from '../publish/cache/cache-control.ts';
import type { FeedCache } from '../publish/cache/feed-cache.ts';
import { VIEW_CSP, VIEW_VARY } from './browser-view.ts';
import {
  type Compressor,
  compressedBody,
  type Decompressor,
  keepCompressedOnly,
  RecentBodies,
} from './compression.ts';
import { type Coding, codedEtag, contentHeaders } from './conditional.ts';
import { type Route, resolveRoute } from './routes.ts';

/**
 * Header names and values in turn: what Node's writeHead takes as is (its type asks for a mutable
 * array, which it only reads; nothing here changes a list once made).
 */
export type HeaderList = string[];

/** A feed, its HTML view, or a page (archive pages too): they differ in Vary and in the view's CSP. */
export type DocumentKind = 'page' | 'feed' | 'view';

/** A body as it goes out in one encoding, with the headers of its 200. */
export interface Variant {
  readonly body: Bytes;
  readonly headers: HeaderList;
}

/** A document with everything its answers need, computed once. */
export interface Prepared {
  readonly document: RenderedDocument;
  /**
   * When its bytes were first served (If-Modified-Since is compared with it); undefined where that
   * cannot be said honestly, and no Last-Modified is sent. The header never says a time in the
   * future: until then it says the present.
   */
  readonly lastModified: number | undefined;
  /** The strong ETag of each coding of the bytes (the identity's is the document's). */
  readonly etags: Readonly<Record<Coding, string>>;
  /** The headers of the 304 that stands for each coding's 200; a 200's start with the same. */
  readonly notModified: Readonly<Record<Coding, HeaderList>>;
  /** The body as it is (no Content-Encoding). */
  readonly identity: Variant;
  /** Compressed variants made so far: a request finds them without waiting. */
  readonly compressed: Partial<Record<Encoding, Variant>>;
}

export interface ResponderOptions {
  readonly config: SiteConfig;
  /** The current snapshot; regeneration swaps what this returns. */
  readonly catalog: () => Catalog;
  readonly cache: FeedCache;
  readonly compress?: Compressor | undefined;
  /**
   * Once a document is compressed, its uncompressed bytes go and are made again from the compressed
   * ones when asked for (see keepCompressedOnly): a server's memory. @default they stay
   */
  readonly decompress?: Decompressor | undefined;
  /** The clock, for Last-Modified (never in the future). @default Date.now */
  readonly now?: () => number;
}

/** What a path names in one catalog: its document, and once that is rendered, the document prepared. */
interface Slot {
  readonly document: Promise<RenderedDocument>;
  readonly kind: DocumentKind;
  prepared: Prepared | undefined;
}

/** A document that never changes: a full archive page (RFC 5005). */

/** Paths remembered per catalog: only those that name something, so junk URLs cannot grow it. */
const MAX_REMEMBERED_PATHS = 10_000;
/** Bytes of uncompressed bodies kept for clients that ask for no compression (see RecentBodies). */
const RECENT_BODY_BYTES = 8 * 2 ** 20;

/** The site URL's path ("/blog/"): requests may carry it or not. */
export function stripBasePath(path: string, basePath: string): string {
  if (basePath === '/') return path;
  if (path.startsWith(basePath)) return path.slice(basePath.length - 1);
  // The feeds' folder itself, without its final slash (`/feeds`): its index.
  return `${path}/` === basePath ? '/' : path;
}

/** Turns a flat header list into the pairs a Headers object takes. */
export function headerPairs(list: HeaderList): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i += 2) pairs.push([list[i] as string, list[i + 1] as string]);
  return pairs;
}

export class Responder {
  readonly #options: ResponderOptions;
  readonly #now: () => number;
  readonly #cacheControl: string;
  /** WebSub discovery (W3C WebSub §4): the hubs and the topic, also for clients that never parse the body. */
  readonly #hubLinks: string;
  readonly #slots = new WeakMap<Catalog, Map<string, Slot>>();
  readonly #recentBodies = new RecentBodies(RECENT_BODY_BYTES);

  constructor(options: ResponderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#cacheControl = cacheControl(options.config);
    this.#hubLinks = options.config.hubs.map((hub) => `<${hub}>; rel="hub"`).join(', ');
  }

  /** Whether responses can be compressed at all. */
  get compresses(): boolean {
    return this.#options.compress !== undefined;
  }

  /**
   * The document `path` (relative to the site's path, percent-encoded as requested) names, prepared;
   * `view`: a browser navigated to it, and a feed answers with its HTML view. Undefined: nothing.
   */
  async prepare(path: string, view: boolean): Promise<Prepared | undefined> {
    const slot = this.#slot(path, view);
    if (!slot) return undefined;
    return slot.prepared ?? this.#prepared(slot, await slot.document);
  }

  /** As prepare(), but only when everything is at hand already; undefined otherwise (not: nothing). */
  ready(path: string, view: boolean): Prepared | undefined {
    const catalog = this.#options.catalog();
    return this.#slots.get(catalog)?.get(view ? `view:${path}` : path)?.prepared;
  }

  /**
   * The body in `encoding` (as it is for none), compressed once per document; its headers say
   * Content-Type, Content-Encoding and Content-Length after those of the 304.
   */
  async variant(prepared: Prepared, encoding: Encoding | undefined): Promise<Variant> {
    const compress = this.#options.compress;
    if (!encoding || !compress) return prepared.identity;
    const known = prepared.compressed[encoding];
    if (known) return known;
    const body = await compressedBody(prepared.document, encoding, compress);
    const variant: Variant = {
      body,
      headers: [
        ...prepared.notModified[encoding],
        ...contentHeaders(prepared.document.contentType, body.byteLength, encoding),
      ],
    };
    prepared.compressed[encoding] = variant;
    const decompress = this.#options.decompress;
    // The first compressed copy of a document is what it keeps (the others are made once, too).
    if (decompress && Object.keys(prepared.compressed).length === 1)
      keepCompressedOnly(prepared.document, encoding, body, decompress, this.#recentBodies);
    return variant;
  }

  #slot(path: string, view: boolean): Slot | undefined {
    const catalog = this.#options.catalog();
    let slots = this.#slots.get(catalog);
    if (!slots) {
      slots = new Map();
      this.#slots.set(catalog, slots);
    }
    const key = view ? `view:${path}` : path;
    const known = slots.get(key);
    if (known) return known;
    const route = resolveRoute(this.#options.config, catalog, path);
    const slot = route && this.#open(catalog, route, view);
    if (!slot) return undefined;
    // Archive pages are not remembered: a crawl of a long history would keep every page and its
    // compressed copies (the FeedCache keeps the last few asked for).
    if (slots.size < MAX_REMEMBERED_PATHS && !('archive' in route && route.archive !== undefined)) {
      slots.set(key, slot);
      // A failed render must not stick: the next request tries again.
      slot.document.catch(() => {
        if (slots.get(key) === slot) slots.delete(key);
      });
    }
    return slot;
  }

  #open(catalog: Catalog, route: Route, view: boolean): Slot | undefined {
    const { cache } = this.#options;
    if ('page' in route)
      return { document: cache.page(catalog, route.page), kind: 'page', prepared: undefined };
    if (route.archive !== undefined) {
      const archive = cache.archive(catalog, route.scope, route.format, route.archive);
      return archive && { document: archive, kind: 'page', prepared: undefined };
    }
    const document = view
      ? cache.view(catalog, route.scope, route.format)
      : cache.feed(catalog, route.scope, route.format);
    return document && { document, kind: view ? 'view' : 'feed', prepared: undefined };
  }

  /**
   * The document's answers; kept in the slot unless its Last-Modified lies ahead (a change first served
   * in this second: the header says the present until then).
   */
  #prepared(slot: Slot, document: RenderedDocument): Prepared {
    const now = this.#now();
    const { config, cache } = this.#options;
    const lastModified = cache.lastModified(document, now);
    const headers: HeaderList = [
      ...(lastModified === undefined ? [] : ['Last-Modified', formatHttpDate(Math.min(lastModified, now))]),
      'Cache-Control',
      document.maxAge === undefined ? this.#cacheControl : cacheControl(config, document.maxAge),
      'Vary',
      slot.kind === 'page' ? 'Accept-Encoding' : VIEW_VARY,
    ];
    if (slot.kind === 'view') headers.push('Content-Security-Policy', VIEW_CSP);
    else if (document.contentType.startsWith('text/html')) headers.push('Content-Security-Policy', PAGE_CSP);
    if (this.#hubLinks && document.selfUrl)
      headers.push('Link', `${this.#hubLinks}, <${document.selfUrl}>; rel="self"`);
    const etags = {
      identity: document.etag,
      gzip: codedEtag(document.etag, 'gzip'),
      br: codedEtag(document.etag, 'br'),
    };
    const notModified = {
      identity: ['ETag', etags.identity, ...headers],
      gzip: ['ETag', etags.gzip, ...headers],
      br: ['ETag', etags.br, ...headers],
    };
    const identityHeaders = [
      ...notModified.identity,
      ...contentHeaders(document.contentType, document.body.byteLength),
    ];
    const prepared: Prepared = {
      document,
      lastModified,
      etags,
      notModified,
      // Its bytes are the document's, as it holds them now (see ResponderOptions.decompress).
      get identity() {
        return { body: document.body, headers: identityHeaders };
      },
      compressed: {},
    };
    if (lastModified === undefined || lastModified <= now) slot.prepared = prepared;
    return prepared;
  }
}
