import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../../src/content/render/article-body.ts';
import { expandShortcodes } from '../../../src/content/render/shortcodes.ts';
import { article, md } from '../../helpers.ts';

const html = (body: string) =>
  renderArticleBody(article(md({ title: 't', date: '2025-01-01' }, body), 'posts/sc.md')).contentHtml;

describe('Hugo shortcodes', () => {
  it('figure becomes a figure with an absolute image, link and caption', () => {
    expect(html('{{< figure src="diagram.png" title="The pipeline" link="/big.png" >}}')).toContain(
      '<figure><a href="https://feedwright.dev/big.png"><img src="https://feedwright.dev/posts/sc/diagram.png" alt="The pipeline"></a><figcaption>The pipeline</figcaption></figure>',
    );
  });

  it('embeds become links a reader can follow', () => {
    const out = html(
      '{{< youtube dQw4w9WgXcQ >}}\n\n{{< vimeo id="123" >}}\n\n{{< gist spf13 7896402 >}}\n\n{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}',
    );
    expect(out).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">');
    expect(out).toContain('<a href="https://vimeo.com/123">');
    expect(out).toContain('<a href="https://gist.github.com/spf13/7896402">');
    expect(out).toContain('<a href="https://twitter.com/SanDiegoZoo/status/1453110110599868418">');
    expect(out).not.toContain('{{');
  });

  it('highlight becomes a code block with its content untouched', () => {
    const out = html(
      '{{< highlight go "linenos=table" >}}\nfunc main() { fmt.Println("<hi>") }\n{{< /highlight >}}',
    );
    expect(out).toContain('<pre><code class="language-go">func main() { fmt.Println("&lt;hi&gt;") }');
  });

  it('unknown shortcodes go, their inner content stays; escaped ones stay as text', () => {
    expect(html('{{% notice tip %}}Keep **this**.{{% /notice %}}')).toBe(
      '<p>Keep <strong>this</strong>.</p>\n',
    );
    expect(expandShortcodes('Write {{</* figure src="x" */>}} in Hugo.')).toBe(
      'Write {{< figure src="x" >}} in Hugo.',
    );
  });

  it('ref and relref become the page path a default Hugo site would give', () => {
    expect(
      html('[next]({{< ref "posts/next.md" >}}) and [bundle]({{< relref "/posts/b/index.md" >}})'),
    ).toContain(
      '<a href="https://feedwright.dev/posts/next/">next</a> and <a href="https://feedwright.dev/posts/b/">bundle</a>',
    );
  });

  it('leaves bodies without shortcodes as they are', () => {
    expect(expandShortcodes('Plain {{ not a shortcode }}')).toBe('Plain {{ not a shortcode }}');
  });
});

describe('Hugo shortcodes: linear time', () => {
  it('reads parameters that could be split two ways without trying every split', () => {
    // 30 of them took minutes: `a=b` is a name and a value, or one value.
    expect(expandShortcodes(`{{< figure ${'a=b '.repeat(30)}"`)).toBe(`{{< figure ${'a=b '.repeat(30)}"`);
    expect(expandShortcodes(`{{< youtube ${'a=b '.repeat(30)}id=x >}}`)).toContain('watch?v=x');
  });

  it('reads openings that never close once', () => {
    const openings = '{{< highlight go >}}'.repeat(30_000);
    expect(expandShortcodes(openings)).toBe('');
    expect(expandShortcodes(`{{< x ${'{{< x '.repeat(30_000)}`)).toContain('{{< x');
  });
});
