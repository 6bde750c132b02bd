/** What reading a file yields: an article's head (everything but its rendered body) and its source. */
import type { Problem } from '../core/problem.ts';
import type { SiteUrl } from '../core/site-url.ts';

export interface Author {
  readonly name?: string;
  readonly email?: string;
  readonly url?: string;
}

export interface Translation {
  readonly language: string;
  readonly url: string;
}

/** What reading articles depends on: the part of the site's configuration that shapes a head. */
export interface ReadSettings {
  readonly siteUrl: SiteUrl;
  /** IANA time zone for dates written without one. */
  readonly timeZone: string;
  /** Language of articles that name none. */
  readonly language: string;
  /** Permalink pattern (`:year :month :day :slug :section :filename :title`). */
  readonly permalink: string;
}

/** Everything known about an article without rendering its Markdown. */
export interface ArticleHead {
  /** Path relative to the content folder, with `/` separators. */
  readonly path: string;
  /** Hash of the source text: what caches key on. */
  readonly sourceHash: string;
  readonly title: string;
  readonly slug: string;
  readonly permalink: string;
  readonly id: string;
  readonly section: string;
  /** Epoch milliseconds. `date` is what feeds show as published; `liveFrom` is when it goes live. */
  readonly date: number;
  readonly updated: number;
  readonly liveFrom: number;
  readonly expires: number | undefined;
  readonly draft: boolean;
  /** Feeds carry only the summary and link of this article (`summaryOnly: true`). */
  readonly summaryOnly: boolean;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly language: string;
  readonly authors: readonly Author[];
  readonly image: string | undefined;
  readonly translationKey: string;
  readonly translations: readonly Translation[];
}

/** An article as read from its file: the head plus the Markdown it will be rendered from. */
export interface SourceArticle {
  readonly head: ArticleHead;
  /** The Markdown body. Loaded on demand: most articles are never shown in any feed. */
  readonly markdown: () => string;
  /** 1-based file line where the Markdown starts. */
  readonly bodyLine: number;
  /** Front matter `summary`, as Markdown. */
  readonly summaryMarkdown: string | undefined;
  /** Front matter `description`, as Markdown: the summary when there is neither `summary` nor `<!--more-->`. */
  readonly descriptionMarkdown: string | undefined;
  /** Front-matter fields feedwright did not use (and no generator defines), with their lines. */
  readonly unusedFields?: readonly { readonly name: string; readonly line: number }[];
}

export interface SourceFile {
  readonly path: string;
  /** The whole file; or, when `body` is given, only its front matter. */
  readonly text: string;
  readonly hash: string;
  /** Loads the rest of the file after `text`, for sources that read bodies lazily. */
  readonly body?: () => string;
}

export type ReadResult =
  | { readonly ok: true; readonly article: SourceArticle; readonly problems: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };
