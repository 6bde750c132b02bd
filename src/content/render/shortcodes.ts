/**
 * Hugo shortcodes, which only Hugo can run. Its built-in ones become the HTML (or Markdown) they
 * stand for, with embeds as plain links (feed readers run no players and the sanitizer drops
 * iframes); any other shortcode is removed and the content between its tags kept. Escaped
 * shortcodes (a comment opener and closer just inside the delimiters) stay as literal text.
 */

import { escapeAttribute, escapeText } from '../../core/escape.ts';

/**
 * A character of a parameter: anything but `{{`, so no shortcode's text can hold the start of
 * another, and each part of a body is read by at most one attempt (the source of a body is read
 * in linear time, however many `{{<` it holds and whether they close).
 */
const NOT_AN_OPENER = String.raw`(?:\{(?!\{))`;
const PARAM_VALUE = String.raw`(?:"(?:[^"{]|${NOT_AN_OPENER})*"|\x60(?:[^\x60{]|${NOT_AN_OPENER})*\x60|'(?:[^'{]|${NOT_AN_OPENER})*'|(?:[^\s"'\x60%>*{]|${NOT_AN_OPENER})(?:[^\s"'\x60%>{]|${NOT_AN_OPENER})*)`;
/**
 * A shortcode: its delimiter, an escaping comment's opener, the closing slash, the name, the
 * parameters, the escaping comment's closer. Each parameter is matched once, never taken apart
 * again when what follows fails (`(?=(…))\6` is an atomic group): `a=b` reads the same as a name
 * and a value or as one value, and trying both splits of 30 of them took minutes.
 */
const SHORTCODE = new RegExp(
  String.raw`\{\{([<%])\s*(\/\*)?\s*(\/?)\s*([\w-]+)((?:(?=(\s+(?:[\w-]+\s*=\s*)?${PARAM_VALUE}))\6)*)\s*(\*\/)?\s*\/?\s*[>%]\}\}`,
  'g',
);
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

const HIGHLIGHT_OPEN = new RegExp(
  String.raw`\{\{[<%]\s*highlight\s+([\w+#.-]+)(?:[^>%{]|${NOT_AN_OPENER})*[>%]\}\}\r?\n?`,
  'g',
);
const HIGHLIGHT_CLOSE = /\{\{[<%]\s*\/\s*highlight\s*[>%]\}\}/g;

/**
 * `{{< highlight go >}}…{{< /highlight >}}` as a fenced code block. Each opening is paired with the
 * first closing after it; where the next closing is is remembered, so a body of openings that never
 * close is read once (a lazy `[\s\S]*?` to the closing read the rest of the body at each).
 */
function replacePairedHighlight(markdown: string): string {
  let out = '';
  let at = 0;
  let close: RegExpExecArray | null | undefined;
  HIGHLIGHT_OPEN.lastIndex = 0;
  for (let open = HIGHLIGHT_OPEN.exec(markdown); open; open = HIGHLIGHT_OPEN.exec(markdown)) {
    const codeStart = HIGHLIGHT_OPEN.lastIndex;
    if (close === undefined || (close !== null && close.index < codeStart)) {
      HIGHLIGHT_CLOSE.lastIndex = codeStart;
      close = HIGHLIGHT_CLOSE.exec(markdown);
    }
    if (close === null) break;
    const code = markdown.slice(codeStart, close.index);
    const fenced = `\n\`\`\`${open[1] ?? ''}\n${code.replace(/\n$/, '')}\n\`\`\`\n`;
    out += markdown.slice(at, open.index) + fenced;
    at = close.index + close[0].length;
    HIGHLIGHT_OPEN.lastIndex = at;
  }
  return out + markdown.slice(at);
}

/** Replaces every shortcode in a Markdown body. */
export function expandShortcodes(markdown: string): string {
  if (!markdown.includes('{{<') && !markdown.includes('{{%')) return markdown;
  // Paired highlight first: its content is code and must reach markdown-it untouched.
  let out = replacePairedHighlight(markdown);
  out = out.replace(
    SHORTCODE,
    (whole, _delimiter, openComment, closing, name: string, params: string, _param, closeComment) => {
      // A comment just inside the delimiters is how Hugo writes a shortcode as text.
      if (openComment && closeComment) return whole.replace('/*', '').replace('*/', '');
      if (closing) return '';
      const single = SINGLE[name.toLowerCase()];
      return single ? single(parseParams(params, name)) : '';
    },
  );
  return out;
}
