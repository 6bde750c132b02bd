/**
 * A feed within its byte budget (`maxFeedBytes`) without losing an item: the oldest items carry
 * their summary (and their link) instead of their whole text until the feed fits. Only a feed whose
 * items do not fit even as summaries leaves its oldest ones out, and says how many.
 */
import { utf8Length } from '../core/utf8.ts';
import { type FeedModel, withFirstItems } from './model.ts';

/** What a feed gave up to fit its byte budget. */
export interface FeedFit {
  /** Its oldest items that carry their summary instead of their text. */
  readonly summarized: number;
  /** Its oldest items left out because even summaries did not fit. */
  readonly leftOut: number;
}

export interface FittedFeed {
  readonly model: FeedModel;
  readonly text: string;
  /** Undefined when the feed fit as it was. */
  readonly fit: FeedFit | undefined;
}

export interface FeedParts {
  /** The whole document around rendered items. */
  readonly document: (model: FeedModel, items: readonly string[]) => string;
  /** Item `index` of the model rendered with its summary only. */
  readonly summaryItem: (index: number) => string;
}

/**
 * The feed document with every item it can hold within `maxBytes`, newest first. Items are never
 * cut: the oldest full ones are replaced by their summary-only form, from the end, until the
 * document fits; then, if it still does not, the oldest are left out whole, so every reader can
 * take the feed and nothing in it is broken.
 */
export function fitFeed(
  model: FeedModel,
  rendered: readonly string[],
  maxBytes: number,
  parts: FeedParts,
): FittedFeed {
  let text = parts.document(model, rendered);
  // A UTF-16 unit is at most three UTF-8 bytes: most feeds are measured without counting.
  if (text.length * 3 <= maxBytes) return { model, text, fit: undefined };
  let over = utf8Length(text) - maxBytes;
  if (over <= 0) return { model, text, fit: undefined };

  const items = [...rendered];
  /** Indices of the items that now carry their summary. */
  const summaries: number[] = [];
  // Summaries from the oldest up, enough to cover the excess, then the whole document measured
  // again; the items already summaries (summary-only articles) stay as they are.
  for (let next = items.length - 1; over > 0 && next >= 0; ) {
    for (; next >= 0 && over > 0; next--) {
      if (model.items[next]?.contentHtml === undefined) continue;
      const summary = parts.summaryItem(next);
      over -= utf8Length(items[next] ?? '') - utf8Length(summary);
      items[next] = summary;
      summaries.push(next);
    }
    text = parts.document(model, items);
    over = utf8Length(text) - maxBytes;
  }
  if (over <= 0) return { model, text, fit: { summarized: summaries.length, leftOut: 0 } };

  let count = items.length;
  for (;;) {
    // Leave out enough items from the end to cover the excess, then check the whole document again
    // (its channel dates follow the items kept).
    while (count > 0 && over > 0) over -= utf8Length(items[--count] ?? '') + 1;
    const fitted = withFirstItems(model, count);
    text = parts.document(fitted, items.slice(0, count));
    over = utf8Length(text) - maxBytes;
    if (over <= 0 || count === 0) {
      const summarized = summaries.filter((index) => index < count).length;
      return { model: fitted, text, fit: { summarized, leftOut: items.length - count } };
    }
  }
}
