/**
 * kramdown's attribute lists, which Jekyll sites write and markdown-it does not know: a block IAL
 * or ALD on a line of its own (`{: .notice--primary}`, `{:toc: .x}`) and a span IAL after an
 * element (`*word*{: .x}`, `[a](b){:target="_blank"}`). kramdown turns them into attributes of the
 * element, which the sanitizer would drop anyway; left in, they are printed as text.
 */

/** A whole line that is an attribute list, or an extension (`{::options ... /}`, `{::comment}`). */
const BLOCK_LIST = /^[ \t]{0,3}\{:(?:[^{}\n]|\{[^{}\n]*\})*\}[ \t]*$/;
/** A span IAL directly after an element. */
const SPAN_LIST = /(?<=[)*_`\]>])\{:(?:[^{}\n"']|"[^"\n]*"|'[^'\n]*')*\}/g;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** The Markdown without kramdown's attribute lists, outside fenced code and code spans. */
export function stripAttributeLists(markdown: string): string {
  if (!markdown.includes('{:')) return markdown;
  const lines = markdown.split('\n');
  let fence: string | undefined;
  const out: string[] = [];
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker?.startsWith(fence)) fence = undefined;
      out.push(line);
      continue;
    }
    if (marker) {
      fence = marker;
      out.push(line);
      continue;
    }
    // An empty line in its place: kramdown ends the block there too.
    if (BLOCK_LIST.test(line)) {
      out.push('');
      continue;
    }
    out.push(line.includes('{:') ? outsideCodeSpans(line, (text) => text.replace(SPAN_LIST, '')) : line);
  }
  return out.join('\n');
}

/** Applies `edit` to the parts of a line that are not in backtick code spans. */
function outsideCodeSpans(line: string, edit: (text: string) => string): string {
  const parts = line.split(/(`+[^`]*`+)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : edit(part))).join('');
}
