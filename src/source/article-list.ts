/**
 * Articles handed over in memory (publishArticles, the Astro and Eleventy helpers), read once into
 * the articles a scan of a content folder gives: a source the publisher takes like any other.
 */
import type { ReadSettings, SourceArticle } from '../content/article.ts';
import { readArticleObject } from '../content/article-object.ts';
import type { Problem } from '../core/problem.ts';

export class ArticleList {
  readonly #articles: readonly SourceArticle[];
  readonly #problems: readonly Problem[];
  readonly #seen: number;
  #scanned = false;

  /** Reads every object: one that cannot be published is left out, and its problems say why. */
  constructor(objects: readonly unknown[], settings: ReadSettings) {
    const articles: SourceArticle[] = [];
    const problems: Problem[] = [];
    const keys = new Set<string>();
    objects.forEach((object, index) => {
      const read = readArticleObject(object, index, settings);
      problems.push(...read.problems);
      if (!read.article) return;
      // Two articles with one key (one source, or one page) stay two: each key is held once.
      let key = read.article.head.path;
      for (let n = 2; keys.has(key); n++) key = `${read.article.head.path}#${n}`;
      keys.add(key);
      const head = key === read.article.head.path ? read.article.head : { ...read.article.head, path: key };
      articles.push({ ...read.article, head });
    });
    this.#articles = articles;
    this.#problems = problems;
    this.#seen = objects.length;
  }

  /** The articles read, and the problems of those that could not be. */
  get read(): { readonly articles: readonly SourceArticle[]; readonly problems: readonly Problem[] } {
    return { articles: this.#articles, problems: this.#problems };
  }

  /** The articles, the same each time: the first scan reads them all, later ones find nothing changed. */
  async scan() {
    const first = !this.#scanned;
    this.#scanned = true;
    return {
      seen: this.#seen,
      read: first ? this.#seen : 0,
      changed: first ? this.#seen : 0,
      articles: this.#articles,
      problems: this.#problems,
    };
  }
}
