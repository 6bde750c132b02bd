/**
 * Where the articles of a scope stand in the order its archive pages are filled (archives.ts): the
 * last place an article the feed does not show has, and the places of those the feed shows. Plain
 * data, apart from archives.ts so the Catalog can hold it: a catalog written down for the Worker
 * keeps it for the scopes where it is not what counts alone give.
 */
export interface ArchiveLayout {
  readonly lastArchived: number;
  readonly shownPlaces: readonly number[];
}
