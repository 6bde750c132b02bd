/**
 * The id ledger: every id and link feedwright has published, by the article's path, so that a new
 * `siteUrl`, a new permalink pattern or a renamed file never shows subscribers an item twice. Pure:
 * reading and writing the file belong to publish/; this decides what each article keeps.
 */
import type { ArticleHead } from '../content/article.ts';
import { httpUrl, idProblem } from '../content/paths/urls.ts';
import { errorMessage, isRecord } from '../core/guards.ts';
import type { Problem } from '../core/problem.ts';
import { isString, objectOf, recordOf } from '../core/shape.ts';
import { isUnpublishedUrl } from '../core/site-url.ts';
import { feedOrder } from './order.ts';

/** What was published for one article, and what recognises it after a rename (date and title). */
export interface LedgerEntry {
  readonly id: string;
  readonly link: string;
  /** The published date, ISO 8601 in UTC. */
  readonly date: string;
  readonly title: string;
  /**
   * When it was first published, as a rank: 1 for the first article recorded, each new one the next
   * number. Archive pages (RFC 5005) are filled in this order, so an article published with an old
   * date (a backdated post, an old draft) joins the newest page instead of moving every later one.
   * Entries of files written before it was kept have none until read (then numbered by date).
   */
  readonly order?: number;
}

export interface IdLedger {
  /** Recorded entries by path relative to the content folder. */
  readonly articles: Readonly<Record<string, LedgerEntry>>;
  /** The canonical URL of each feed published, by `scopeKey|format`. */
  readonly feeds: Readonly<Record<string, string>>;
  /** URLs feeds were published at before they moved, each to the key of its feed. */
  readonly moved: Readonly<Record<string, string>>;
}

export const EMPTY_LEDGER: IdLedger = { articles: {}, feeds: {}, moved: {} };

const isOrder = (value: unknown) =>
  value === undefined || (Number.isSafeInteger(value) && (value as number) > 0);
const hasEntryFields = objectOf({ id: isString, link: isString, date: isString, title: isString });
const isEntry = (value: unknown): value is LedgerEntry =>
  hasEntryFields(value) && isOrder((value as { order?: unknown }).order);
const isArticles = recordOf(isEntry);
const isPaths = recordOf(isString);

/** An absolute http(s) URL as a feed may carry it: the one rule for URLs (content/paths/urls.ts). */
const isAbsoluteHttpUrl = (text: string) => httpUrl(text) !== undefined && /^https?:\/\//i.test(text.trim());

/** What is wrong with a recorded entry's id or link, by the rules front matter's are held to. */
function entryProblem(entry: LedgerEntry): string | undefined {
  const id = idProblem(entry.id);
  if (id !== undefined) return `its id ${JSON.stringify(entry.id)} ${id}`;
  if (!isAbsoluteHttpUrl(entry.link))
    return `its link ${JSON.stringify(entry.link)} is not an absolute http(s) URL`;
  return undefined;
}

/** The ledger in `text`, or an Error naming `file` and what is wrong with it. */
export function parseLedger(text: string, file: string): IdLedger {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${errorMessage(error)})`);
  }
  if (!isRecord(parsed) || parsed.version !== 1)
    throw new Error(`${file} is not a feedwright ids file: expected an object with "version": 1`);
  const articles = parsed.articles;
  if (!isArticles(articles)) {
    const bad = isRecord(articles)
      ? Object.keys(articles).find((path) => !isEntry(articles[path]))
      : undefined;
    throw new Error(
      bad === undefined
        ? `${file}: "articles" must be an object of entries by path`
        : isRecord(articles) && hasEntryFields(articles[bad])
          ? `${file}: the entry of "${bad}" has an order that is not a positive whole number`
          : `${file}: the entry of "${bad}" must have string id, link, date and title`,
    );
  }
  for (const [path, entry] of Object.entries(articles)) {
    const problem = entryProblem(entry);
    if (problem !== undefined) throw new Error(`${file}: the entry of ${JSON.stringify(path)}: ${problem}`);
  }
  const feeds = parsed.feeds ?? {};
  const moved = parsed.moved ?? {};
  if (!isPaths(feeds) || !isPaths(moved))
    throw new Error(`${file}: "feeds" and "moved" must be objects of URLs`);
  // Feed URLs are parsed when redirects are answered: one that is not absolute is refused here, once.
  const notUrl = [...Object.values(feeds), ...Object.keys(moved)].find((url) => !isAbsoluteHttpUrl(url));
  if (notUrl !== undefined) throw new Error(`${file}: "${notUrl}" is not an absolute http(s) URL`);
  return { articles, feeds, moved };
}

/** The file's text: paths sorted, fields in one order, so that it diffs well and a rewrite of the same ledger changes no byte. */
export function serializeLedger(ledger: IdLedger): string {
  const byKey = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]) =>
    a < b ? -1 : a > b ? 1 : 0;
  const articles: Record<string, LedgerEntry> = {};
  for (const [path, { id, link, date, title, order }] of Object.entries(ledger.articles).sort(byKey))
    articles[path] = order === undefined ? { id, link, date, title } : { id, link, date, title, order };
  const sorted = (record: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(record).sort(byKey));
  const text = { version: 1, articles, feeds: sorted(ledger.feeds), moved: sorted(ledger.moved) };
  return `${JSON.stringify(text, null, 2)}\n`;
}

export interface LedgerOptions {
  /** Take the new ids and links and record them (`--accept-id-changes`). */
  readonly acceptChanges: boolean;
  /** Articles live at this instant are recorded; drafts and scheduled posts have published nothing yet. */
  readonly now: number;
  /**
   * In site mode, the generator whose pages the links point at (`Hugo`): a link is always the one it
   * gives (a recorded one may point at no page), a recorded id that differs is kept and said to be
   * not the generator's, and no id that is not the generator's is newly recorded (no renames).
   */
  readonly generator?: string | undefined;
}

export interface LedgerResult {
  /** The heads, in the order given; those with a recorded id or link keep it. */
  readonly heads: readonly ArticleHead[];
  /** Each change kept back, accepted or recognised, as a warning on the article. */
  readonly problems: readonly Problem[];
  /** The ledger given, the very object, when nothing in it changed. */
  readonly ledger: IdLedger;
  /** Articles whose recorded id or link was kept over the new one. */
  readonly kept: number;
}

const ACCEPT_HINT = '--accept-id-changes takes the new';

function identity(head: ArticleHead): string {
  return `${new Date(head.date).toISOString()}\n${head.title}`;
}

function entryOf(head: ArticleHead): LedgerEntry {
  return { id: head.id, link: head.permalink, date: new Date(head.date).toISOString(), title: head.title };
}

/**
 * An entry recorded for this machine's address (an older version recorded what `serve` published on
 * localhost) or a placeholder's (`https://example.org/`, which earlier versions built and recorded):
 * no reader elsewhere ever saw it, so it is not kept.
 */
const localEntry = (entry: LedgerEntry | undefined) => entry !== undefined && isUnpublishedUrl(entry.link);

const sameEntry = (a: LedgerEntry | undefined, b: LedgerEntry) =>
  a !== undefined &&
  a.id === b.id &&
  a.link === b.link &&
  a.date === b.date &&
  a.title === b.title &&
  a.order === b.order;

const byDateThenPath = ([pa, a]: readonly [string, LedgerEntry], [pb, b]: readonly [string, LedgerEntry]) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : pa < pb ? -1 : pa > pb ? 1 : 0;

/**
 * Numbers every entry without an order after the highest there is. The first time (a new file, or
 * one written before orders were kept), in the order date-ordered pages were cut in (feed order
 * reversed), so adopting orders moves no article of any page; entries of articles that are gone
 * come first, by date. Later ones (new posts, a backdated one, posts gone live while nothing ran)
 * in the order they went live, then feed order reversed: the order archive pages give articles not
 * numbered yet (archives.ts), so a Worker, which numbers nothing, places them as Node does. The
 * same file and content give the same numbers on every machine. Changes `articles` in place; true
 * when it numbered any.
 */
function numberEntries(
  articles: Record<string, LedgerEntry>,
  heads: ReadonlyMap<string, ArticleHead>,
): boolean {
  let next = 1;
  const unnumbered: [string, LedgerEntry][] = [];
  for (const [path, entry] of Object.entries(articles)) {
    if (entry.order === undefined) unnumbered.push([path, entry]);
    else next = Math.max(next, entry.order + 1);
  }
  if (unnumbered.length === 0) return false;
  const first = next === 1;
  unnumbered.sort((a, b) => {
    const ha = heads.get(a[0]);
    const hb = heads.get(b[0]);
    if (!ha || !hb) return ha ? 1 : hb ? -1 : byDateThenPath(a, b);
    if (!first && ha.liveFrom !== hb.liveFrom) return ha.liveFrom - hb.liveFrom;
    return feedOrder(hb, ha);
  });
  for (const [path, entry] of unnumbered) articles[path] = { ...entry, order: next++ };
  return true;
}

/** What changed between the recorded entry and the head, in words, or undefined for nothing. */
function changes(recorded: LedgerEntry, head: ArticleHead): string[] {
  const said: string[] = [];
  if (recorded.id !== head.id) said.push(`id would change from ${recorded.id} to ${head.id}`);
  if (recorded.link !== head.permalink)
    said.push(`link would change from ${recorded.link} to ${head.permalink}`);
  return said;
}

/** The ledger as `applyLedger` rewrites it: the entries, whether any changed, what it said, what it kept. */
interface LedgerDraft {
  readonly articles: Record<string, LedgerEntry>;
  changed: boolean;
  readonly problems: Problem[];
  kept: number;
}

/** Records `entry` for `path`; an entry equal to the one there leaves the ledger unchanged. */
function record(draft: LedgerDraft, path: string, entry: LedgerEntry): void {
  if (sameEntry(draft.articles[path], entry)) return;
  draft.articles[path] = entry;
  draft.changed = true;
}

function warn(draft: LedgerDraft, path: string, message: string): void {
  draft.problems.push({ path, line: 1, severity: 'warning', message });
}

/** Entries whose path is gone and articles not yet recorded, each by date and title: renames pair them. */
interface RenameIndex {
  readonly gone: ReadonlyMap<string, readonly string[]>;
  readonly fresh: ReadonlyMap<string, number>;
}

function renameIndex(heads: readonly ArticleHead[], ledger: IdLedger, options: LedgerOptions): RenameIndex {
  const present = new Set(heads.map((head) => head.path));
  const gone = new Map<string, string[]>();
  for (const [path, entry] of Object.entries(ledger.articles)) {
    if (present.has(path) || localEntry(entry) || options.generator !== undefined) continue;
    const key = `${entry.date}\n${entry.title}`;
    gone.set(key, [...(gone.get(key) ?? []), path]);
  }
  const fresh = new Map<string, number>();
  for (const head of heads) {
    if (ledger.articles[head.path] !== undefined) continue;
    fresh.set(identity(head), (fresh.get(identity(head)) ?? 0) + 1);
  }
  return { gone, fresh };
}

/** The gone path `head` was renamed from: only a one-to-one pair of date and title counts. */
function renamedFrom(head: ArticleHead, index: RenameIndex): string | undefined {
  const gone = index.gone.get(identity(head)) ?? [];
  const [only] = gone;
  return only !== undefined && gone.length === 1 && index.fresh.get(identity(head)) === 1 ? only : undefined;
}

/** `entry` in the place `recorded` holds in the order articles were first published, whatever else changes. */
function inOrderOf(recorded: LedgerEntry, entry: LedgerEntry): LedgerEntry {
  return recorded.order === undefined ? entry : { ...entry, order: recorded.order };
}

/**
 * Numbers the entries not numbered yet (see numberEntries), and gives each recorded article its
 * order: archive pages are filled in it.
 */
function withArchiveOrder(heads: readonly ArticleHead[], draft: LedgerDraft): ArticleHead[] {
  if (numberEntries(draft.articles, new Map(heads.map((head) => [head.path, head])))) draft.changed = true;
  return heads.map((head) => {
    const order = draft.articles[head.path]?.order;
    return order === undefined || head.archiveOrder === order ? head : { ...head, archiveOrder: order };
  });
}

/** Site mode: the generator's link, always; the recorded id, said to be not the generator's. */
function applySiteMode(
  head: ArticleHead,
  recorded: LedgerEntry,
  generator: string,
  acceptChanges: boolean,
  draft: LedgerDraft,
): ArticleHead {
  if (recorded.id === head.id || acceptChanges) {
    record(draft, head.path, inOrderOf(recorded, entryOf(head)));
    if (recorded.id !== head.id)
      warn(
        draft,
        head.path,
        `the recorded id ${recorded.id} is replaced by the one ${generator} gives it, ${head.id}: readers show it again (--accept-id-changes)`,
      );
    return head;
  }
  record(draft, head.path, inOrderOf(recorded, { ...entryOf(head), id: recorded.id }));
  draft.kept++;
  warn(
    draft,
    head.path,
    `the recorded id ${recorded.id} is not the one ${generator} gives it (${head.id}); kept, so that readers do not show it again. To publish ${generator}'s: feedwright build --accept-id-changes (in a wrangler build: FEEDWRIGHT_ACCEPT_ID_CHANGES=1 npx wrangler deploy)`,
  );
  return { ...head, id: recorded.id };
}

/** Outside site mode: the recorded id and link are kept over new ones, unless changes are accepted. */
function applyRecorded(
  head: ArticleHead,
  recorded: LedgerEntry,
  renamed: string | undefined,
  acceptChanges: boolean,
  draft: LedgerDraft,
): ArticleHead {
  const said = changes(recorded, head);
  const from = renamed === undefined ? '' : `renamed from ${renamed}: `;
  if (said.length === 0 || acceptChanges) {
    record(draft, head.path, inOrderOf(recorded, entryOf(head)));
    if (said.length > 0)
      warn(
        draft,
        head.path,
        `${from}${said.join('; ')}: the new one is published and recorded (--accept-id-changes)`,
      );
    return head;
  }
  // The date and title are how a later rename is recognised: they follow the article (its order
  // stays with the rest of the recorded entry).
  record(draft, head.path, { ...recorded, date: new Date(head.date).toISOString(), title: head.title });
  draft.kept++;
  warn(draft, head.path, `${from}${said.join('; ')}; the recorded one is kept (${ACCEPT_HINT})`);
  return { ...head, id: recorded.id, permalink: recorded.link };
}

/**
 * Applies `ledger` to `heads`: an article recorded by its path keeps its id and link; one whose path
 * is new but whose date and title match exactly one entry of a path that is gone (a renamed file or
 * slug) keeps that entry's, and the entry moves to its new path. Live articles not yet recorded are
 * added; entries of articles that are gone stay (the file may come back). With `acceptChanges`, new
 * ids and links are published and recorded instead.
 */
export function applyLedger(
  heads: readonly ArticleHead[],
  ledger: IdLedger,
  options: LedgerOptions,
): LedgerResult {
  const draft: LedgerDraft = { articles: { ...ledger.articles }, changed: false, problems: [], kept: 0 };
  const index = renameIndex(heads, ledger, options);
  const mapped = heads.map((head): ArticleHead => {
    let recorded = localEntry(ledger.articles[head.path]) ? undefined : ledger.articles[head.path];
    let renamed: string | undefined;
    if (recorded === undefined) {
      renamed = renamedFrom(head, index);
      if (renamed !== undefined) {
        recorded = ledger.articles[renamed];
        delete draft.articles[renamed];
        draft.changed = true;
      }
    }
    if (recorded === undefined) {
      if (!head.draft && head.liveFrom <= options.now) record(draft, head.path, entryOf(head));
      return head;
    }
    if (options.generator !== undefined)
      return applySiteMode(head, recorded, options.generator, options.acceptChanges, draft);
    return applyRecorded(head, recorded, renamed, options.acceptChanges, draft);
  });
  const result = withArchiveOrder(mapped, draft);
  const changedLedger = draft.changed ? { ...ledger, articles: draft.articles } : ledger;
  return { heads: result, problems: draft.problems, ledger: changedLedger, kept: draft.kept };
}

export interface FeedMoves {
  readonly ledger: IdLedger;
  /** Old URL to new URL: what answers 301. */
  readonly redirects: Readonly<Record<string, string>>;
}

/**
 * Records the canonical URL of each feed published now (`current`, by `scopeKey|format`). A feed
 * whose recorded URL differs has moved: its old URL is kept, and redirects to where the feed is now
 * for as long as the ledger holds it — never a URL some feed is published at now.
 */
export function recordFeeds(ledger: IdLedger, current: Readonly<Record<string, string>>): FeedMoves {
  const moved: Record<string, string> = { ...ledger.moved };
  for (const [key, path] of Object.entries(current)) {
    const recorded = ledger.feeds[key];
    // A feed recorded at this machine's address or a placeholder's never moved from anywhere a
    // reader could see.
    if (recorded !== undefined && recorded !== path && !isUnpublishedUrl(recorded)) moved[recorded] = key;
  }
  for (const path of Object.keys(moved)) if (isUnpublishedUrl(path)) delete moved[path];
  const published = new Set(Object.values(current));
  for (const path of Object.keys(moved)) if (published.has(path)) delete moved[path];
  const next = { ...ledger, feeds: { ...ledger.feeds, ...current }, moved };
  return { ledger: next, redirects: ledgerRedirects(next) };
}

/**
 * Each URL a feed moved from, to where the ledger last recorded that feed. Whoever answers checks
 * that the new one is still served (a term may be gone) and that the old one's path is not.
 */
export function ledgerRedirects(ledger: IdLedger): Readonly<Record<string, string>> {
  const redirects: Record<string, string> = {};
  for (const [path, key] of Object.entries(ledger.moved)) {
    const to = ledger.feeds[key];
    if (to !== undefined && to !== path) redirects[path] = to;
  }
  return redirects;
}
