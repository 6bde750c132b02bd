import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderArticleBody, renderArticleSummary } from '../../../src/content/render/article-body.ts';
import { leadingBlocks } from '../../../src/content/render/leading-blocks.ts';
import { article } from '../../helpers.ts';

const words = (n: number, word = 'word') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
const post = (body: string, front = '') => article(`---\ntitle: T\ndate: 2025-01-01\n${front}---\n${body}`);

/** The summary alone is the summary of the whole rendering, whatever the text. */
function sameSummary(body: string, front = '') {
  const source = post(body, front);
  const whole = renderArticleBody(source);
  expect(renderArticleSummary(source)).toEqual({
    summaryHtml: whole.summaryHtml,
    summaryText: whole.summaryText,
  });
}

describe('leadingBlocks', () => {
  it('cuts at the first blank line after enough words, before a block of its own', () => {
    const text = `${words(10)}\n\n${words(10)}\n\nlater\n`;
    expect(leadingBlocks(text, 5)).toBe(`${words(10)}\n`);
    expect(leadingBlocks(text, 15)).toBe(`${words(10)}\n\n${words(10)}\n`);
    expect(leadingBlocks(text, 100)).toBeUndefined();
  });

  it('never cuts a text with reference or footnote definitions, which change links anywhere', () => {
    expect(leadingBlocks(`${words(10)} [a][x]\n\nmore\n\n[x]: https://feedwright.dev/\n`, 5)).toBeUndefined();
    expect(leadingBlocks(`${words(10)}[^1]\n\nmore\n\n[^1]: note\n`, 5)).toBeUndefined();
  });

  it('never cuts inside a fenced code block or an HTML block that runs to its closer', () => {
    const fenced = `${words(10)}\n\n\`\`\`\ncode\n\nmore code\n\`\`\`\n\nafter\n`;
    expect(leadingBlocks(fenced, 5)).toBe(`${words(10)}\n`);
    expect(leadingBlocks(`\`\`\`\n${words(10)}\n\ntext\n\`\`\`\n\nafter\n`, 5)).toBe(
      `\`\`\`\n${words(10)}\n\ntext\n\`\`\`\n`,
    );
    expect(leadingBlocks(`<pre>\n${words(10)}\n\ntext\n</pre>\n\nafter\n`, 5)).toBe(
      `<pre>\n${words(10)}\n\ntext\n</pre>\n`,
    );
    expect(leadingBlocks(`<!--\n${words(10)}\n\nx\n-->\n\nafter\n`, 5)).toBe(
      `<!--\n${words(10)}\n\nx\n-->\n`,
    );
  });

  it('does not cut before what may continue a list, a quote or an indented block', () => {
    expect(leadingBlocks(`- ${words(10)}\n\n- more\n\n  still the item\n\nafter\n`, 5)).toBe(
      `- ${words(10)}\n\n- more\n\n  still the item\n`,
    );
    expect(leadingBlocks(`> ${words(10)}\n\n> again\n\nafter\n`, 5)).toBe(`> ${words(10)}\n\n> again\n`);
  });

  it('counts each CJK character as a word, as summaries do', () => {
    const cjk = '汉'.repeat(30);
    expect(leadingBlocks(`${cjk}\n\n后来\n`, 20)).toBe(`${cjk}\n`);
  });
});

describe('renderArticleSummary: the summary renderArticleBody makes, from less of the text', () => {
  it('in the cases a cut must avoid', () => {
    sameSummary(`${words(40)}\n\n${words(40)}\n\nEnd.\n`);
    sameSummary(`${words(40)} [link][r]\n\n${words(60)}\n\n[r]: /x\n`);
    sameSummary(`${words(40)}[^n]\n\n${words(60)}\n\n[^n]: A note with words.\n`);
    sameSummary(`${words(80)}\n\n\`\`\`\nlet x;\n\nlet y;\n\`\`\`\n\nmore\n`);
    sameSummary(`<svg>\n${words(90)}\n\n</svg>\n\n${words(90)}\n\nEnd.\n`);
    sameSummary(`${words(100)} <span>open\n\nstill <b>bold\n\nEnd.\n`);
    sameSummary(`- ${words(50)}\n- ${words(50)}\n\n- ${words(50)}\n\nEnd.\n`);
    sameSummary(`${'中文'.repeat(60)}\n\n${'更多'.repeat(40)}\n`);
    sameSummary(`${words(20)}\n\n![alt only](/a.png)\n\n${words(80)}\n\nEnd.\n`);
  });

  it('with a written summary, a more divider or a description', () => {
    sameSummary(`${words(100)}\n\nEnd.\n`, 'summary: The *written* one.\n');
    sameSummary(`Before the divider.\n\n<!--more-->\n\n${words(100)}\n`);
    sameSummary(`${words(100)}\n\nEnd.\n`, 'description: Described.\n');
    sameSummary(`${words(100)}\n\nEnd.\n`, 'summary: ""\n');
  });

  it('for any text made of Markdown blocks', () => {
    const block = fc.oneof(
      fc.constantFrom(
        words(30),
        '中文的句子，还有更多的字。'.repeat(4),
        '- item one\n- item two',
        '1. first\n2. second\n\n3. third',
        '> quoted\nlazy line',
        '```\nfenced\n\ncode\n```',
        '~~~~\nunclosed tilde',
        '<pre>\npre text\n\n</pre>',
        '<div>\nhtml block\n</div>',
        '<!-- a comment\n\nacross lines -->',
        '    indented code\n\n    more code',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        '# Heading',
        'Setext\n===',
        '***',
        '[ref][r] and [^f]',
        '[r]: https://feedwright.dev/r',
        '[^f]: the footnote',
        '<script>alert(1)',
        'https://feedwright.dev/bare and **bold** _em_',
        '![image](/i.png "title")',
      ),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 14 }), fc.boolean(), (blocks, tight) => {
        sameSummary(`${blocks.join(tight ? '\n' : '\n\n')}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
