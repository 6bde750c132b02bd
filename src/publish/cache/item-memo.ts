/**
 * Rendered feed items, remembered by article, format and form (see DocumentRenderer), within a
 * budget of characters: an article is in several feeds, each rendered from the same item, so a
 * server rendering every feed renders each item once; what it keeps after that is bounded. Items
 * hold whole articles, once per format: at 10,000 articles every item of every feed is about 85 MB,
 * most of a server's memory, while a feed rendered again after an edit needs twenty of them.
 */
import type { ArticleHead } from '../../content/article.ts';

export class ItemMemo {
  /** Items by head, least recently used first. */
  readonly #items = new Map<ArticleHead, Map<string, string>>();
  readonly #capacity: number;
  /** Characters of every item kept. */
  #size = 0;

  /** `capacity`: the characters kept once trimmed (see trim()). */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The item, now the most recently used; undefined when it is not kept. */
  get(head: ArticleHead, variant: string): string | undefined {
    const items = this.#items.get(head);
    const item = items?.get(variant);
    if (items && item !== undefined) {
      this.#items.delete(head);
      this.#items.set(head, items);
    }
    return item;
  }

  /** The item of `head` in `variant`, kept, or rendered now and kept. */
  item(head: ArticleHead, variant: string, render: () => string): string {
    const known = this.get(head, variant);
    if (known !== undefined) return known;
    const rendered = render();
    let items = this.#items.get(head);
    if (!items) {
      items = new Map();
      this.#items.set(head, items);
    }
    items.set(variant, rendered);
    this.#size += rendered.length;
    return rendered;
  }

  /** Lets the least recently used items go until those kept fit the budget. */
  trim(): void {
    for (const [head, items] of this.#items) {
      if (this.#size <= this.#capacity) return;
      for (const item of items.values()) this.#size -= item.length;
      this.#items.delete(head);
    }
  }
}
