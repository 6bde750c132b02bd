/**
 * A feed as a person sees it when they open its URL in a browser: what the feed is, how to
 * subscribe in common readers, and its items — an HTML page, since browsers no longer run XSLT.
 * Static HTML, no script (it is served with a CSP that allows none).
 */
import { isMedia } from '../content/attachments.ts';
import { escapeAttribute, escapeText } from '../core/escape.ts';
import { formatRfc3339 } from '../core/time.ts';
import type { FeedFormat } from './formats.ts';
import { mediaType } from './formats.ts';
import type { FeedItem, FeedModel } from './model.ts';

/** Web readers that subscribe from a link, by the feed's URL. */
const READERS: readonly { readonly name: string; readonly href: (feed: string) => string }[] = [
  { name: 'Feedly', href: (feed) => `https://feedly.com/i/subscription/feed/${encodeURIComponent(feed)}` },
  { name: 'Inoreader', href: (feed) => `https://www.inoreader.com/?add_feed=${encodeURIComponent(feed)}` },
  { name: 'NewsBlur', href: (feed) => `https://www.newsblur.com/?url=${encodeURIComponent(feed)}` },
  {
    name: 'The Old Reader',
    href: (feed) => `https://theoldreader.com/feeds/subscribe?url=${encodeURIComponent(feed)}`,
  },
  { name: 'Feedbin', href: (feed) => `https://feedbin.com/?subscribe=${encodeURIComponent(feed)}` },
  // Desktop and phone readers (NetNewsWire, Reeder, …) register the feed: scheme.
  { name: 'An app on this device', href: (feed) => `feed:${feed}` },
];

const STYLE = `body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
header{border-bottom:1px solid #ddd;margin-bottom:1.5rem;padding-bottom:1rem}.what{background:#f4f6f8;border-radius:.5rem;padding:.8rem 1rem}
.readers{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}.readers a{display:inline-block;border:1px solid #0550ae;border-radius:.4rem;padding:.25rem .7rem;text-decoration:none}
input{width:100%;font:inherit;padding:.3rem;box-sizing:border-box}article{margin:1.5rem 0}article h2{font-size:1.15rem;margin:0}time{color:#666;font-size:.9em}a{color:#0550ae}
figure{margin:.6rem 0}audio,video{display:block;width:100%}figcaption{color:#666;font-size:.9em}`;

/** `1:02:03`, `4:05`: how long a file plays. */
function clock(seconds: number): string {
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** An item's audio and video, playable in the page (no script: the browser's own player), and each file's link. */
function media(item: FeedItem): string {
  const players = item.attachments.filter(isMedia).map((attachment) => {
    const src = escapeAttribute(attachment.url);
    const player = attachment.type.startsWith('video/')
      ? `<video controls preload="none" src="${src}"></video>`
      : `<audio controls preload="none" src="${src}"></audio>`;
    const about = [attachment.type, attachment.duration === undefined ? '' : clock(attachment.duration)]
      .filter(Boolean)
      .join(', ');
    return `<figure>${player}<figcaption><a href="${src}" type="${escapeAttribute(attachment.type)}">${escapeText(attachment.title ?? new URL(attachment.url).pathname.split('/').pop() ?? attachment.url)}</a> (${escapeText(about)})</figcaption></figure>`;
  });
  return players.length ? `\n${players.join('\n')}` : '';
}

export function renderFeedView(model: FeedModel, selfUrl: string, format: FeedFormat): string {
  const items = model.items
    .map(
      (item) => `<article>
<h2><a href="${escapeAttribute(item.url)}">${escapeText(item.title)}</a></h2>
<time datetime="${formatRfc3339(item.published)}">${formatRfc3339(item.published).slice(0, 10)}</time>${media(item)}
<div>${item.summaryHtml}</div>
</article>`,
    )
    .join('\n');
  const readers = READERS.map(
    (reader) => `<li><a href="${escapeAttribute(reader.href(selfUrl))}">${escapeText(reader.name)}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${escapeAttribute(model.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeText(model.title)}</title>
<link rel="alternate" type="${mediaType(format)}" title="${escapeAttribute(model.title)}" href="${escapeAttribute(selfUrl)}">
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeText(model.title)}</h1>
<p>${escapeText(model.description)} — <a href="${escapeAttribute(model.homeUrl)}">the site</a></p>
<div class="what">
<p>This is a web feed (${escapeText(format.label)}). A feed reader checks it for you and shows each new post as it appears: subscribe in yours.</p>
<ul class="readers">${readers}</ul>
<p><label>Or copy its address into any reader:<br><input readonly value="${escapeAttribute(selfUrl)}"></label></p>
</div>
</header>
<main>
${items}
</main>
</body>
</html>
`;
}
