import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../../src/content/render/article-body.ts';
import { cleanHtml } from '../../../src/content/render/html.ts';
import {
  PLAIN_MARKDOWN,
  renderMarkdown,
  renderMarkdownWithin,
  smartify,
} from '../../../src/content/render/markdown.ts';
import { article, md } from '../../helpers.ts';

const TYPOGRAPHER = { ...PLAIN_MARKDOWN, typographer: true };

describe('renderMarkdown: as Hugo (goldmark) renders it', () => {
  it('renders footnotes, with goldmark markup', () => {
    const html = renderMarkdown('Text.[^1] More.[^note]\n\n[^1]: One.\n[^note]: Two.\n');
    expect(html).toContain(
      '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>',
    );
    expect(html).toContain('<li id="fn:2">');
    expect(html).toContain('class="footnote-backref"');
    expect(html).not.toContain('[^1]');
  });

  it('links bare URLs only where a word starts, with ASCII URL characters, as goldmark does', () => {
    const html = renderMarkdown(
      '访问https://feedwright.dev/路径吧 and 放到os.Stdout里 //合成结果 see https://feedwright.dev/路径 or www.alt.feedwright.dev/a. mail me@feedwright.dev',
    );
    expect(html).toContain('访问https://feedwright.dev/路径吧');
    expect(html).not.toContain('xn--');
    expect(html).not.toContain('href="//');
    expect(html).toContain('<a href="https://feedwright.dev/">https://feedwright.dev/</a>路径');
    expect(html).toContain('<a href="http://www.alt.feedwright.dev/a">www.alt.feedwright.dev/a</a>.');
    expect(html).toContain('<a href="mailto:me@feedwright.dev">me@feedwright.dev</a>');
  });

  it('keeps reference definitions after a javascript: one, and the sanitizer drops that one', () => {
    const html = renderMarkdown(
      '[evil][e] and [ok][o].\n\n[e]: javascript:alert(1)\n[o]: https://feedwright.dev/ok\n',
    );
    expect(html).toContain('<a href="https://feedwright.dev/ok">ok</a>');
    const clean = cleanHtml(html, 'https://feedwright.dev/post/');
    expect(clean.html).toContain('<a>evil</a>');
    expect(clean.html).not.toContain('javascript');
  });

  it('curls quotes and sets dashes and ellipses only with the typographer (Hugo and Jekyll sites)', () => {
    expect(renderMarkdown('"Smart" it\'s -- and --- and...')).toBe(
      "<p>&quot;Smart&quot; it's -- and --- and...</p>\n",
    );
    expect(renderMarkdown('"Smart" it\'s -- and --- and... (c)', TYPOGRAPHER)).toBe(
      '<p>“Smart” it’s – and — and… (c)</p>\n',
    );
    expect(renderMarkdown('`"code" -- stays`', TYPOGRAPHER)).toBe(
      '<p><code>&quot;code&quot; -- stays</code></p>\n',
    );
    expect(smartify('It\'s "quoted" -- really...')).toBe('It’s “quoted” – really…');
  });
});

describe('Markdown that repeats what it is given', () => {
  const references = `[r]: https://feedwright.dev/${'a'.repeat(10_000)}\n\n${'[r] '.repeat(25_000)}`;

  it('stops rendering once the HTML made reaches the budget, and says so', () => {
    // 100 KB of references to one 10 KB URL: 250 MB of HTML unbounded.
    const { html, cut } = renderMarkdownWithin(references, PLAIN_MARKDOWN, 1_000_000);
    expect(cut).toBe(true);
    expect(html.length).toBeLessThan(1_100_000);
    expect(renderMarkdownWithin('[r] [r]\n\n[r]: /x', PLAIN_MARKDOWN, 1_000).cut).toBe(false);
  });

  it('publishes such a body cut to maxBodyBytes, ending in a link to the article', () => {
    const body = renderArticleBody(article(md({ title: 't', date: '2025-01-01' }, references)), {
      maxBytes: 200_000,
    });
    expect(body.truncated).toBe(true);
    expect(Buffer.byteLength(body.contentHtml)).toBeLessThanOrEqual(200_000);
    expect(body.contentHtml).toMatch(/<p><a href="https:\/\/feedwright\.dev\/posts\/example\/">…<\/a><\/p>$/);
  });

  it('links bare addresses in linear time, however long a run without one', () => {
    // 80 KB of `~a` after an `@` took 3.6 s: every `~` started a new attempt to the end.
    expect(renderMarkdown(`x@ ${'~a'.repeat(40_000)}`)).toContain('~a~a');
    expect(renderMarkdown('mail a@b.org or ~mailto:c@d.org')).toContain('href="mailto:c@d.org"');
  });

  it('collapses line breaks of a summary in linear time', () => {
    expect(cleanHtml(`<p>a${'\t'.repeat(200_000)}b</p>`, 'https://feedwright.dev/').text).toHaveLength(
      200_002,
    );
  });
});
