/**
 * Hugo shortcodes, which only Hugo can run. Its built-in ones become the HTML (or Markdown) they
 * stand for, with embeds as plain links (feed readers run no players and the sanitizer drops
 * iframes); any other shortcode is removed and the content between its tags kept. Escaped
 * shortcodes (a comment opener and closer just inside the delimiters) stay as literal text.
 */

import { escapeAttribute, escapeText } from '../../core/escape.ts';

const SHORTCODE =
  /\{\{([<%])\s*(\/\*)?\s*(\/?)\s*([\w-]+)((?:\s+(?:[\w-]+\s*=\s*)?(?:"[^"]*"|`[^`]*`|'[^']*'|[^\s"'`%>*][^\s"'`%>]*))*)\s*(\*\/)?\s*\/?\s*[>%]\}\}/g;
const PARAM = /(?:([\w-]+)\s*=\s*)?("([^"]*)"|`([^`]*)`|'([^']*)'|([^\s"'`]+))/g;

interface Call {
  readonly name: string;
  readonly named: Readonly<Record<string, string>>;
  readonly positional: readonly string[];
}

function parseParams(text: string, name: string): Call {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of text.matchAll(PARAM)) {
    const value = m[3] ?? m[4] ?? m[5] ?? m[6] ?? '';
    if (m[1]) named[m[1]] = value;
    else positional.push(value);
  }
  return { name, named, positional };
}

const attr = escapeAttribute;
const link = (url: string) => `<p><a href="${attr(url)}">${escapeText(url)}</a></p>`;
const arg = (call: Call, key: string, position: number) => call.named[key] ?? call.positional[position] ?? '';

/** Built-in shortcodes without closing tags. */
const SINGLE: Record<string, (call: Call) => string> = {
  figure: (call) => {
    const src = arg(call, 'src', 0);
    const caption = [call.named.title, call.named.caption].filter(Boolean).join(' — ');
    let image = `<img src="${attr(src)}" alt="${attr(call.named.alt ?? caption)}">`;
    if (call.named.link) image = `<a href="${attr(call.named.link)}">${image}</a>`;
    return `\n\n<figure>${image}${caption ? `<figcaption>${escapeText(caption)}</figcaption>` : ''}</figure>\n\n`;
  },
  youtube: (call) => link(`https://www.youtube.com/watch?v=${encodeURIComponent(arg(call, 'id', 0))}`),
  vimeo: (call) => link(`https://vimeo.com/${encodeURIComponent(arg(call, 'id', 0))}`),
  gist: (call) =>
    link(
      `https://gist.github.com/${encodeURIComponent(arg(call, 'user', 0))}/${encodeURIComponent(arg(call, 'id', 1))}`,
    ),
  instagram: (call) => link(`https://www.instagram.com/p/${encodeURIComponent(arg(call, 'id', 0))}/`),
  tweet: (call) => {
    const user = call.named.user ?? (call.positional.length > 1 ? call.positional[0] : 'i');
    const id = call.named.id ?? call.positional.at(-1) ?? '';
    return link(`https://twitter.com/${encodeURIComponent(user ?? 'i')}/status/${encodeURIComponent(id)}`);
  },
  x: (call) => SINGLE.tweet?.(call) ?? '',
  // A page's own path: Hugo resolves it against the site; without the site, the path is the best guess.
  ref: (call) => refPath(arg(call, 'path', 0)),
  relref: (call) => refPath(arg(call, 'path', 0)),
};

function refPath(target: string): string {
  const path = target
    .replace(/(^|\/)(_?index)?\.(md|markdown)$/i, '$1')
    .replace(/\.(md|markdown)$/i, '/')
    .replace(/^\/?/, '/');
  return path.endsWith('/') || path.includes('#') ? path : `${path}/`;
}

/** Replaces every shortcode in a Markdown body. */
export function expandShortcodes(markdown: string): string {
  if (!markdown.includes('{{<') && !markdown.includes('{{%')) return markdown;
  // Paired highlight first: its content is code and must reach markdown-it untouched.
  let out = markdown.replace(
    /\{\{[<%]\s*highlight\s+([\w+#.-]+)[^>%]*[>%]\}\}\r?\n?([\s\S]*?)\{\{[<%]\s*\/\s*highlight\s*[>%]\}\}/g,
    (_, lang: string, code: string) => `\n\`\`\`${lang}\n${code.replace(/\n$/, '')}\n\`\`\`\n`,
  );
  out = out.replace(
    SHORTCODE,
    (whole, _delimiter, openComment, closing, name: string, params: string, closeComment) => {
      // A comment just inside the delimiters is how Hugo writes a shortcode as text.
      if (openComment && closeComment) return whole.replace('/*', '').replace('*/', '');
      if (closing) return '';
      const single = SINGLE[name.toLowerCase()];
      return single ? single(parseParams(params, name)) : '';
    },
  );
  return out;
}
