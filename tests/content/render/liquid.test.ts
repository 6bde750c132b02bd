import { describe, expect, it } from 'vitest';
import { type LiquidContext, renderLiquid } from '../../../src/content/render/liquid.ts';

const context: LiquidContext = {
  site: { author: 'Ada', repository: 'ada/site', nested: { list: ['a', 'b'] } },
  page: { title: 'A page', tags: ['x'] },
  basePath: '/blog/',
  siteUrl: 'https://example.org/blog/',
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
    ).toBe('/blog/x/ https://example.org/blog/x/ none');
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
