import { describe, expect, it } from 'vitest';
import { safeAbsoluteUrl } from '../../../src/content/paths/urls.ts';
import { cleanHtml } from '../../../src/content/render/html.ts';

const BASE = 'https://feedwright.dev/posts/bundle/';
const clean = (html: string) => cleanHtml(html, BASE).html;

describe('sanitizing', () => {
  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<style>p{}</style><p>x</p>', '<p>x</p>'],
    ['<iframe src="https://evil.feedwright.dev/"></iframe>ok', 'ok'],
    ['<object data="x.swf"><embed src="x.swf"></object>ok', 'ok'],
    ['<form action="/x"><input name="q"><button>go</button></form>ok', 'ok'],
    ['<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a></svg>ok', 'ok'],
    [
      '<img src="a.png" onerror="alert(1)" ONLOAD="x">',
      '<img src="https://feedwright.dev/posts/bundle/a.png">',
    ],
    ['<p style="background:url(javascript:alert(1))">x</p>', '<p>x</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" &#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', '<img>'],
    ['<noscript><p>fallback</p></noscript>', '<p>fallback</p>'],
  ])('%s', (input, output) => {
    expect(clean(input)).toBe(output);
  });

  it('keeps ordinary markup, entities and data: images', () => {
    expect(clean('<p>a &amp; b &lt;c&gt; <em>d</em><br></p>')).toBe(
      '<p>a &amp; b &lt;c&gt; <em>d</em><br></p>',
    );
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
    );
  });

  it('removes characters XML forbids, even when written as references', () => {
    expect(clean('<p title="a&#1;b">x\u0007y&#xFFFE;z</p>')).toBe('<p title="ab">xyz</p>');
  });

  it('removes DEL and the C1 controls, a mis-decoded byte in every real article that has one', () => {
    // A reference to one (&#x85;) is what HTML makes of it: the Windows-1252 character.
    expect(clean('<p>Bricolage\u0082s &#x85;stands\u007f out, caf\u00e9</p>')).toBe(
      '<p>Bricolages …stands out, café</p>',
    );
  });

  it('never lets an attribute value break out', () => {
    expect(clean("<a title='\"><script>x</script>'>t</a>")).toBe(
      '<a title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">t</a>',
    );
  });
});

describe('absolute URLs', () => {
  it.each([
    ['<img src="diagram.png">', '<img src="https://feedwright.dev/posts/bundle/diagram.png">'],
    ['<a href="/tags/rss/">t</a>', '<a href="https://feedwright.dev/tags/rss/">t</a>'],
    ['<a href="../other/">t</a>', '<a href="https://feedwright.dev/posts/other/">t</a>'],
    ['<a href="#part">t</a>', '<a href="https://feedwright.dev/posts/bundle/#part">t</a>'],
    ['<a href="//cdn.other.feedwright.dev/x">t</a>', '<a href="https://cdn.other.feedwright.dev/x">t</a>'],
    ['<a href="mailto:a@feedwright.dev">m</a>', '<a href="mailto:a@feedwright.dev">m</a>'],
    [
      '<video poster="p.jpg" src="v.mp4"></video>',
      '<video poster="https://feedwright.dev/posts/bundle/p.jpg" src="https://feedwright.dev/posts/bundle/v.mp4"></video>',
    ],
    [
      '<blockquote cite="/src">q</blockquote>',
      '<blockquote cite="https://feedwright.dev/src">q</blockquote>',
    ],
  ])('%s', (input, output) => {
    expect(clean(input)).toBe(output);
  });

  it('rewrites every srcset candidate and keeps descriptors', () => {
    expect(clean('<img srcset="small.jpg 480w, /large.jpg 1080w,https://x.feedwright.dev/y.jpg 2x">')).toBe(
      '<img srcset="https://feedwright.dev/posts/bundle/small.jpg 480w, https://feedwright.dev/large.jpg 1080w, https://x.feedwright.dev/y.jpg 2x">',
    );
  });

  it('drops a URL that cannot be parsed', () => {
    expect(safeAbsoluteUrl('http://[::1', BASE)).toBeUndefined();
    expect(clean('<a href="http://[::1">x</a>')).toBe('<a>x</a>');
  });
});

describe('text', () => {
  it('collects visible text with block breaks, skipping dropped content', () => {
    expect(cleanHtml('<h1>Title</h1><p>One <b>two</b></p><script>no</script><p>three</p>', BASE).text).toBe(
      'Title\nOne two\nthree',
    );
  });
});

describe('a byte budget', () => {
  const html = `<div><p>Intro <a href="/x">link</a></p><ul>${'<li>élément <b>gras</b> &amp; plus</li>'.repeat(500)}</ul></div>`;

  it('cuts between elements or in a text, and closes everything still open', () => {
    for (const budget of [0, 5, 40, 41, 200, 1_000, 9_999]) {
      const { html: out, truncated } = cleanHtml(html, BASE, budget);
      expect(truncated, String(budget)).toBe(true);
      expect(Buffer.byteLength(out), String(budget)).toBeLessThanOrEqual(budget);
      const closers = [...out.matchAll(/<\/(\w+)>/g)].length;
      const openers = [...out.matchAll(/<(?!\/)(\w+)/g)].length;
      expect(closers, out).toBe(openers);
      expect(out.endsWith('</div>') || out === '', String(budget)).toBe(true);
    }
  });

  it('changes nothing that fits', () => {
    const whole = cleanHtml(html, BASE);
    expect(cleanHtml(html, BASE, Buffer.byteLength(whole.html))).toEqual(whole);
    expect(whole.truncated).toBe(false);
  });

  it('never cuts a character in two', () => {
    const { html: out } = cleanHtml(`<p>${'😀'.repeat(50)}</p>`, BASE, 30);
    expect(out).toBe(`<p>${'😀'.repeat(5)}</p>`);
  });
});
