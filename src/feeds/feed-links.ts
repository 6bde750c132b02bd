/** The links a feed document makes to itself and its history (RFC 5005), made per format. */

export interface FeedLinks {
  /** The document's own URL: RSS atom:link rel=self, Atom self link and id, JSON Feed feed_url. */
  readonly self: string;
  /** An archive page's link to the feed it belongs to. */
  readonly current?: string;
  /** The next older archive page (JSON Feed: `next_url`). */
  readonly prevArchive?: string;
  /** The next newer archive page, from a full page (its target always exists). */
  readonly nextArchive?: string;
  /** An archive page (`fh:archive`). */
  readonly archive: boolean;
  /** A feed that holds every article (`fh:complete`). */
  readonly complete: boolean;
}

export const HISTORY_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/** Whether a document needs the history namespace. */
export function usesHistory(links: FeedLinks): boolean {
  return links.archive || links.complete;
}

/** RFC 5005 link relations, in one order for every format. */
export function historyRelations(links: FeedLinks): [string, string][] {
  return [
    ['current', links.current],
    ['prev-archive', links.prevArchive],
    ['next-archive', links.nextArchive],
  ].filter((pair): pair is [string, string] => pair[1] !== undefined);
}
