/**
 * The ids file on disk (`feedwright.ids.json`): read, applied to every scan, written back
 * atomically when it gained or changed an entry. One writer per process, and never over what
 * another wrote: the file is read again whenever it changed on disk (a `build --accept-id-changes`
 * beside a running `serve`), and a write that failed (a full disk) is tried again at every scan and
 * at a clean stop until it is done. Every path out (serve, its workers,
 * build, the Worker's assets, check) applies it through the one pipeline of ids-pipeline.ts, so all
 * publish the same ids and links.
 */
import { readFile, stat } from 'node:fs/promises';
import { allScopes, type Catalog } from '../../catalog/catalog.ts';
import {
  applyLedger,
  EMPTY_LEDGER,
  type IdLedger,
  ledgerRedirects,
  parseLedger,
  recordFeeds,
  serializeLedger,
} from '../../catalog/id-ledger.ts';
import { scopeKey } from '../../catalog/scope.ts';
import type { SiteConfig } from '../../config/site-config.ts';
import type { SourceArticle } from '../../content/article.ts';
import { errorMessage, isRecord } from '../../core/guards.ts';
import type { Problem } from '../../core/problem.ts';
import { canonicalPaths } from '../../feeds/feed-paths.ts';
import { writeFileAtomic } from '../atomic-file.ts';

export interface KeptIdsOptions {
  /** The ids file, absolute. */
  readonly file: string;
  /** Publish and record new ids and links instead of keeping the recorded ones. @default false */
  readonly acceptChanges?: boolean;
  /** Write what was learned back to the file (`check` only reads). @default true */
  readonly write?: boolean;
}

export interface KeptIdsScan {
  readonly articles: readonly SourceArticle[];
  /** What is wrong with the ids file itself (it cannot be read, parsed or written). */
  readonly problems: readonly Problem[];
  /** Per article, each id or link kept, accepted or carried over a rename: what `check` says. */
  readonly explanations: readonly Problem[];
  /** Articles whose recorded id or link was kept over a new one. */
  readonly kept: number;
}

/** The ledger in force, and the text the file holds on disk (what was read, or last written). */
type Loaded = { readonly ok: true; readonly ledger: IdLedger; readonly text: string } | Problem;

/** How the file looked on disk when it was last read or written: a change means someone else wrote it. */
type DiskStamp = string;

async function diskStamp(file: string): Promise<DiskStamp> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return 'none';
  }
}

/** The ledger of one ids file, applied scan after scan. */
export class KeptIds {
  readonly #options: KeptIdsOptions;
  #loaded: Loaded | undefined;
  /** The kept article made for a read one, reused while it keeps the same id and link (identity is what deltas compare). */
  readonly #made = new WeakMap<SourceArticle, SourceArticle>();
  /**
   * The last application: the same articles (the library hands back the very objects of unchanged
   * files) before `until` (when an unrecorded article goes live) give the same result.
   */
  #last:
    | { readonly input: readonly SourceArticle[]; readonly scan: KeptIdsScan; readonly until: number }
    | undefined;

  /** In site mode, the generator whose links are published (see LedgerOptions.generator). */
  readonly #generator: string | undefined;

  constructor(options: KeptIdsOptions, generator?: string) {
    this.#options = options;
    this.#generator = generator;
  }

  /** The file's stamp when #loaded was read from it or written to it. */
  #stamp: DiskStamp | undefined;

  /** The ledger in force: read again when the file changed on disk since it was read or written. */
  async #current(): Promise<Loaded> {
    const stamp = await diskStamp(this.#options.file);
    if (this.#loaded === undefined || stamp !== this.#stamp) {
      this.#loaded = await this.#load();
      this.#stamp = stamp;
      this.#last = undefined;
    }
    return this.#loaded;
  }

  async #load(): Promise<Loaded> {
    const file = this.#options.file;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // No file (ENOTDIR: a folder on its path is a file): nothing recorded yet; writing says what is wrong.
      if (isRecord(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
        return { ok: true, ledger: EMPTY_LEDGER, text: '' };
      return this.#broken(`cannot read the ids file: ${errorMessage(error)}`);
    }
    try {
      return { ok: true, ledger: parseLedger(text, file), text };
    } catch (error) {
      return this.#broken(errorMessage(error));
    }
  }

  #broken(why: string): Problem {
    return {
      path: this.#options.file,
      line: 1,
      severity: 'error',
      message: `${why}; ids and links are published as they are now, unkept, and the file is left as it is until it is fixed`,
    };
  }

  /** `articles` with recorded ids and links applied, the explanations, and the file brought up to date. */
  async apply(articles: readonly SourceArticle[], now: number): Promise<KeptIdsScan> {
    const loaded = await this.#current();
    if (!('ok' in loaded)) return { articles, problems: [loaded], explanations: [], kept: 0 };
    const last = this.#last;
    if (
      last &&
      now < last.until &&
      last.input.length === articles.length &&
      articles.every((article, i) => article === last.input[i])
    )
      return { ...last.scan, problems: [] };
    const result = applyLedger(
      articles.map((article) => article.head),
      loaded.ledger,
      { acceptChanges: this.#options.acceptChanges === true, now, generator: this.#generator },
    );
    const kept = articles.map((article, i) => {
      const head = result.heads[i] ?? article.head;
      if (head === article.head) return article;
      const made = this.#made.get(article);
      if (
        made &&
        made.head.id === head.id &&
        made.head.permalink === head.permalink &&
        made.head.archiveOrder === head.archiveOrder
      )
        return made;
      // The body's relative URLs still resolve against where the page is now.
      const next =
        head.permalink === article.head.permalink
          ? { ...article, head }
          : { ...article, head, pageUrl: article.head.permalink };
      this.#made.set(article, next);
      return next;
    });
    const problems = await this.#store(result.ledger, loaded.text);
    const scan = { articles: kept, problems, explanations: result.problems, kept: result.kept };
    let until = Number.POSITIVE_INFINITY;
    for (const { head } of articles) {
      if (!head.draft && head.liveFrom > now && head.liveFrom < until && !result.ledger.articles[head.path])
        until = head.liveFrom;
    }
    // A file that could not be written is tried again at the next scan.
    this.#last = problems.length === 0 ? { input: articles, scan, until } : undefined;
    return scan;
  }

  /**
   * Records where each feed of `catalog` is published; returns the redirects of feeds that moved
   * (old URL to new), and any problem writing the file.
   */
  async recordFeeds(
    config: SiteConfig,
    catalog: Catalog,
  ): Promise<{
    readonly redirects: Readonly<Record<string, string>>;
    readonly problems: readonly Problem[];
  }> {
    const loaded = await this.#current();
    if (!('ok' in loaded)) return { redirects: {}, problems: [] };
    const moves = recordFeeds(loaded.ledger, currentFeedPaths(config, catalog));
    return { redirects: moves.redirects, problems: await this.#store(moves.ledger, loaded.text) };
  }

  /**
   * Keeps `ledger` as the current one and writes it when its text differs from the file's: after
   * a failed write too, so what was not written is written by the next scan (or stop) that can.
   */
  async #store(ledger: IdLedger, onDisk: string): Promise<Problem[]> {
    const text = ledger === this.#written?.ledger ? this.#written.text : serializeLedger(ledger);
    this.#written = { ledger, text };
    this.#loaded = { ok: true, ledger, text: onDisk };
    if (text === onDisk || this.#options.write === false) return [];
    // Someone else wrote the file since it was read: theirs is read at the next scan, not overwritten.
    if ((await diskStamp(this.#options.file)) !== this.#stamp) return [];
    try {
      await writeFileAtomic(this.#options.file, text);
    } catch (error) {
      // Publishing goes on; #last is not kept, so the next scan tries again.
      return [
        {
          path: this.#options.file,
          line: 1,
          severity: 'warning',
          message: `cannot write the ids file: ${errorMessage(error)}`,
        },
      ];
    }
    this.#loaded = { ok: true, ledger, text };
    this.#stamp = await diskStamp(this.#options.file);
    return [];
  }

  /** The text last made of a ledger: serializing one of 10,000 articles is not free. */
  #written: { readonly ledger: IdLedger; readonly text: string } | undefined;

  /** Writes what a failed write left unwritten (a clean stop). */
  async flush(): Promise<readonly Problem[]> {
    const loaded = this.#loaded;
    if (!loaded || !('ok' in loaded) || !this.#written || this.#written.ledger !== loaded.ledger) return [];
    return this.#store(loaded.ledger, loaded.text);
  }
}

/** The canonical URL of every feed of `catalog`, by `scopeKey|format`: what the ids file records. */
export function currentFeedPaths(config: SiteConfig, catalog: Catalog): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const scope of allScopes(catalog)) {
    for (const { format, path } of canonicalPaths(config, catalog, scope))
      paths[`${scopeKey(scope)}|${format.name}`] = `${config.feedsUrl.href}${path}`;
  }
  return paths;
}

/** The redirects an ids file holds (none when it is missing or broken: the process that writes it reports that). */
export async function readRedirects(file: string): Promise<Readonly<Record<string, string>>> {
  try {
    return ledgerRedirects(parseLedger(await readFile(file, 'utf8'), file));
  } catch {
    return {};
  }
}
