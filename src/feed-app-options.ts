/** What `createFeedApp` (feedwright/hono) takes, the same on every runtime. */
import type { UserConfig } from './config/site-config.ts';
import type { Assets } from './worker/assets.ts';

/** Serve a content folder (Node, Bun, Deno). */
export interface FolderFeedAppOptions extends UserConfig {
  /** The content folder. @default "content" */
  readonly content?: string;
  /** Or a Hugo or Jekyll site's root, whose own settings apply (fields given here win). */
  readonly site?: string;
  /** Where parsed articles and rendered bodies are kept for fast restarts. @default none */
  readonly cacheDir?: string;
  /** Also regenerate when a file in the content folder changes. @default false */
  readonly watch?: boolean;
  /** Stops the regeneration schedule and the watcher when aborted. */
  readonly signal?: AbortSignal;
  /** Where the one line per regeneration goes. @default console.log */
  readonly log?: (line: string) => void;
}

/** Serve what `feedwright build-worker` prepared (any runtime; the only way on Workers). */
export interface AssetsFeedAppOptions {
  /** The assets binding (`env.ASSETS`), or anything that answers their requests. */
  readonly assets: Assets;
  /** When given, must be the site URL the assets were built for. */
  readonly siteUrl?: string;
}

export type FeedAppOptions = FolderFeedAppOptions | AssetsFeedAppOptions;
