import { describe, expect, it } from 'vitest';
import { type LiquidContext, LiquidLimitError, renderLiquid } from '../../../src/content/render/liquid.ts';

const context: LiquidContext = {
  site: { author: 'Ada', repository: 'ada/site', nested: { list: ['a', 'b'] } },
  page: { title: 'A page', tags: ['x'] },
  basePath: '/blog/',
  siteUrl: 'https://feedwright.dev/blog/',
  links: {
    post: (name) => (name === '2020-01-01-target' ? '/blog/2020/01/01/target/' : undefined),
    file: (path) => `/blog/${path.replace(/\.md$/, '/')}`,
  },
};

describe('renderLiquid: what Jekyll renders before Markdown', () => {
  it('prints site and page variables, with the common filters', () => {
    expect(
      renderLiquid(
        '{{ site.author }} on {{ page.title | upcase }}; {{ site.nested.list | join: "," }}',
        context,
      ),
    ).toBe('Ada on A PAGE; a,b');
    expect(
      renderLiquid(
        '{{ "/x/" | relative_url }} {{ "/x/" | absolute_url }} {{ site.missing | default: "none" }}',
        context,
      ),
    ).toBe('/blog/x/ https://feedwright.dev/blog/x/ none');
  });

  it('resolves post_url and link, and keeps raw text raw', () => {
    expect(renderLiquid('[t]({% post_url 2020-01-01-target %}) [a]({% link about.md %})', context)).toBe(
      '[t](/blog/2020/01/01/target/) [a](/blog/about/)',
    );
    expect(renderLiquid('{% raw %}{{ page.title }} {% if x %}{% endraw %}', context)).toBe(
      '{{ page.title }} {% if x %}',
    );
  });

  it('turns highlight into a fenced code block that the code cannot close', () => {
    const out = renderLiquid('{% highlight ruby linenos %}\nputs "```"\n{% endhighlight %}', context);
    expect(out).toBe('\n````ruby\nputs "```"\n````\n');
  });

  it('removes tags it does not run and keeps the text between them; assign and capture set variables', () => {
    expect(renderLiquid('{% include x.html %}{% if a %}kept{% else %}also{% endif %}', context)).toBe(
      'keptalso',
    );
    expect(
      renderLiquid('{% assign n = site.author %}{% capture c %}hi {{ n }}{% endcapture %}[{{ c }}]', context),
    ).toBe('[hi Ada]');
    expect(renderLiquid('{% comment %}gone {{ site.author }}{% endcomment %}x', context)).toBe('x');
  });
});

describe('renderLiquid: bounded work', () => {
  const page = { title: 'A page', long: 'y'.repeat(2_000), list: Array(200).fill('i') };
  const bounded = { ...context, page, maxChars: 100_000 };

  it('refuses captures of captures that would make 10 MB from 600 bytes', () => {
    let source = '{% capture a0 %}xxxxxxxxxx{% endcapture %}';
    for (let i = 1; i <= 6; i++) source += `{% capture a${i} %}${`{{a${i - 1}}}`.repeat(10)}{% endcapture %}`;
    expect(() => renderLiquid(`${source}{{a6}}`, bounded)).toThrow(LiquidLimitError);
  });

  it('refuses a variable appended to itself, replace with a long text, and join with one', () => {
    expect(() =>
      renderLiquid(`{% assign a = "xy" %}${'{% assign a = a | append: a %}'.repeat(30)}`, bounded),
    ).toThrow(/Liquid makes more than [\d,]+ characters for this post/);
    expect(() => renderLiquid('{{ page.long | replace: "", page.long }}', bounded)).toThrow(LiquidLimitError);
    expect(() => renderLiquid('{{ page.list | join: page.long }}', bounded)).toThrow(LiquidLimitError);
  });

  it('stops writing past what can be kept (the body is cut there anyway)', () => {
    const out = renderLiquid('{{ page.long }}'.repeat(200), bounded);
    expect(out.length).toBeGreaterThan(100_000);
    expect(out.length).toBeLessThanOrEqual(102_000);
  });

  it('reads tags that never close, long filter chains and many variables in one pass', () => {
    // Each of these took seconds (quadratic) at this size before.
    expect(renderLiquid('{%'.repeat(48_000), bounded)).toBe('{%'.repeat(48_000));
    expect(renderLiquid('{{'.repeat(48_000), bounded)).toBe('{{'.repeat(48_000));
    expect(renderLiquid(`{{ page.title${' | upcase'.repeat(20_000)} }}`, bounded)).toBe('A PAGE');
    const assigns = Array.from({ length: 5_000 }, (_, i) => `{% assign v${i} = ${i} %}`).join('');
    expect(renderLiquid(`${assigns}{{ v4999 }}`, bounded)).toBe('4999');
    expect(renderLiquid(`{{ "${'<'.repeat(50_000)}a>b" | strip_html }}`, bounded)).toBe(
      `${'<'.repeat(50_000)}a>b`.replace(/<[^>]*>/g, ''),
    );
  });

  it('never reads a property a value inherits', () => {
    expect(renderLiquid('[{{ page.constructor }}][{{ site.toString }}]', context)).toBe('[][]');
  });
});
