// Articles written to cost far more than their size: YAML aliases and anchors ("billion laughs"),
// nesting thousands of levels deep, Liquid that multiplies text, Markdown whose rendering repeats
// it, and patterns that backtrack. Shared by the property test and the memory-capped process it
// starts (amplification-child.ts). Each article is read and rendered as the site would; what it
// costs must stay within a bound proportional to its size.
import fc from 'fast-check';
import { parseConfig } from '../../src/config/site-config.ts';
import type { ReadSettings } from '../../src/content/article.ts';
import { splitFrontMatter } from '../../src/content/front-matter/front-matter.ts';
import { readArticle } from '../../src/content/read-article.ts';
import { renderArticleBody } from '../../src/content/render/article-body.ts';
import { bodyContext } from '../../src/content/render/body-context.ts';
import { LiquidLimitError } from '../../src/content/render/liquid.ts';
import { dataBudget } from '../../src/core/plain-data.ts';
import { utf8Length } from '../../src/core/utf8.ts';

/** The body budget the articles are rendered with. */
export const MAX_BODY_BYTES = 200_000;

const plainSettings = parseConfig({
  title: 'T',
  siteUrl: 'https://feedwright.dev/',
  maxBodyBytes: MAX_BODY_BYTES,
});
const jekyllSettings = parseConfig({
  title: 'T',
  siteUrl: 'https://feedwright.dev/',
  maxBodyBytes: MAX_BODY_BYTES,
  generator: 'jekyll',
});

export interface Hostile {
  readonly kind: string;
  readonly generator: 'feedwright' | 'jekyll';
  readonly text: string;
}

const fm = (yaml: string, body = 'Body.') => `---\ntitle: t\ndate: 2025-01-01\n${yaml}---\n${body}\n`;

/** `levels` anchors, each naming `width` aliases of the one before: width^levels leaves. */
const aliasBomb = fc
  .record({
    levels: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 12 }),
    flow: fc.boolean(),
    leaf: fc.constantFrom('lol', 'x'.repeat(500), '{a: b, c: [d, e]}'),
    into: fc.constantFrom('tags', 'title', 'params', 'summary', 'author'),
  })
  .map(({ levels, width, flow, leaf, into }): Hostile => {
    const lines = [`a0: &a0 ${leaf}`];
    for (let i = 1; i <= levels; i++) {
      const aliases = Array.from({ length: width }, () => `*a${i - 1}`);
      lines.push(
        flow
          ? `a${i}: &a${i} [${aliases.join(', ')}]`
          : `a${i}: &a${i}\n${aliases.map((a) => `  - ${a}`).join('\n')}`,
      );
    }
    lines.push(`${into}: *a${levels}`);
    return {
      kind: 'yaml aliases',
      generator: 'feedwright',
      text: `---\ndate: 2025-01-01\n${lines.join('\n')}\n---\nBody.\n`,
    };
  });

/** Maps merged into maps (`<<`) and anchors on keys: what YAML 1.1 readers expand too. */
const mergeBomb = fc.integer({ min: 1, max: 12 }).map((levels): Hostile => {
  const lines = ['m0: &m0 {k: v, l: w}'];
  for (let i = 1; i <= levels; i++)
    lines.push(`m${i}: &m${i} {a: *m${i - 1}, b: *m${i - 1}, <<: *m${i - 1}}`);
  return {
    kind: 'yaml merge',
    generator: 'feedwright',
    text: fm(`${lines.join('\n')}\nparams: *m${levels}\n`),
  };
});

const deepNesting = fc
  .record({
    depth: fc.integer({ min: 1, max: 5_000 }),
    syntax: fc.constantFrom('yaml flow', 'yaml block', 'json', 'toml'),
  })
  .map(({ depth, syntax }): Hostile => {
    const kind = `deep ${syntax}`;
    if (syntax === 'yaml flow')
      return { kind, generator: 'feedwright', text: fm(`tags: ${'['.repeat(depth)}x${']'.repeat(depth)}\n`) };
    if (syntax === 'yaml block') {
      const lines = Array.from({ length: Math.min(depth, 1_500) }, (_, i) => `${'  '.repeat(i)}k${i}:`);
      return {
        kind,
        generator: 'feedwright',
        text: fm(`params:\n${lines.map((l) => `  ${l}`).join('\n')} x\n`),
      };
    }
    if (syntax === 'json') {
      return {
        kind,
        generator: 'feedwright',
        text: `{"title": "t", "date": "2025-01-01", "tags": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}\nBody.\n`,
      };
    }
    return {
      kind,
      generator: 'feedwright',
      text: `+++\ntitle = "t"\ndate = 2025-01-01\ntags = ${'['.repeat(depth)}"x"${']'.repeat(depth)}\n+++\nBody.\n`,
    };
  });

/** Liquid that multiplies text: captures of captures, a variable appended to itself, replace with a long text. */
const liquidBomb = fc
  .oneof(
    fc
      .record({ levels: fc.integer({ min: 1, max: 9 }), width: fc.integer({ min: 2, max: 12 }) })
      .map(({ levels, width }) => {
        let body = '{% capture c0 %}xxxxxxxxxx{% endcapture %}';
        for (let i = 1; i <= levels; i++)
          body += `{% capture c${i} %}${`{{ c${i - 1} }}`.repeat(width)}{% endcapture %}`;
        return `${body}{{ c${levels} }}`;
      }),
    fc
      .integer({ min: 1, max: 40 })
      .map((n) => `{% assign a = "xy" %}${'{% assign a = a | append: a %}'.repeat(n)}{{ a }}`),
    fc.integer({ min: 1, max: 3_000 }).map((n) => `{{ page.long | replace: "", page.long }}${'.'.repeat(n)}`),
    fc
      .integer({ min: 1, max: 20_000 })
      .map((n) => `{% assign l = page.list %}{{ l | join: page.long }}${'{%'.repeat(n)}`),
    fc.integer({ min: 1, max: 40_000 }).map((n) => '{{ a'.concat('|a'.repeat(n), ' }}')),
    fc
      .integer({ min: 1, max: 5_000 })
      .map((n) => Array.from({ length: n }, (_, i) => `{% assign v${i} = ${i} %}`).join('')),
    fc.integer({ min: 1, max: 40_000 }).map((n) => `{{ page.long | strip_html }}${'<'.repeat(n)}`),
  )
  .map(
    (body): Hostile => ({
      kind: 'liquid',
      generator: 'jekyll',
      text: `---\ntitle: t\nlong: ${'y'.repeat(2_000)}\nlist: [${Array(200).fill('i').join(', ')}]\n---\n${body}\n`,
    }),
  );

/** Markdown, shortcodes and fields whose cost is not linear in their size unless made so. */
const markdownBomb = fc
  .oneof(
    fc
      .integer({ min: 1, max: 30_000 })
      .map((n) => `[r]: https://feedwright.dev/${'a'.repeat(10_000)}\n\n${'[r] '.repeat(n)}`),
    fc.integer({ min: 1, max: 20_000 }).map((n) => `${'[^n] '.repeat(n)}\n\n[^n]: ${'note '.repeat(2_000)}`),
    fc.integer({ min: 1, max: 40 }).map((n) => `{{< figure ${'a=b '.repeat(n)}"`),
    fc.integer({ min: 1, max: 30_000 }).map((n) => '{{< highlight go >}}'.repeat(n)),
    fc.integer({ min: 1, max: 40_000 }).map((n) => `@ ${'~a'.repeat(n)}`),
    fc.integer({ min: 1, max: 100_000 }).map((n) => `${'\t'.repeat(n)}x`),
    fc
      .integer({ min: 1, max: 2_000 })
      .map((n) => `|${'a|'.repeat(n)}\n|${'-|'.repeat(n)}\n${'|\n'.repeat(n)}`),
  )
  .map((body): Hostile => ({ kind: 'markdown', generator: 'feedwright', text: fm('', body) }));

/** Fields read on the thread that answers requests: a heading fallback, an author, a file reference. */
const fieldBomb = fc
  .oneof(
    fc.integer({ min: 1, max: 20_000 }).map((n) => `---\ndate: 2025-01-01\n---\n# a${' '.repeat(n)}x\n`),
    fc
      .integer({ min: 1, max: 40_000 })
      .map((n) => fm(`author: "${'\t'.repeat(n)}<x${'@@'.repeat(n)}x<x@x>"\n`)),
    fc.integer({ min: 1, max: 40_000 }).map((n) => fm(`author: "x${'@@'.repeat(n)} (a"\n`)),
    fc.integer({ min: 1, max: 40_000 }).map((n) => fm(`enclosure: "${'#'.repeat(n)}"\n`)),
    fc.integer({ min: 1, max: 40_000 }).map((n) => `---${'\t'.repeat(n)}x\ntitle: t\n---\n`),
  )
  .map((text): Hostile => ({ kind: 'fields', generator: 'feedwright', text }));

export const hostileArticle: fc.Arbitrary<Hostile> = fc.oneof(
  aliasBomb,
  mergeBomb,
  deepNesting,
  liquidBomb,
  markdownBomb,
  fieldBomb,
);

/** The expanded size of parsed data, as plainData counts it (each node 1, each text its length). */
export function expandedSize(value: unknown, cap: number): number {
  let size = 0;
  const walk = (v: unknown): void => {
    if (size > cap) return;
    if (typeof v === 'string') size += 1 + v.length;
    else if (Array.isArray(v)) {
      size++;
      for (const item of v) walk(item);
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      size++;
      for (const [key, item] of Object.entries(v)) {
        size += key.length;
        walk(item);
      }
    } else size++;
  };
  walk(value);
  return size;
}

export interface Cost {
  readonly kind: string;
  readonly refused: boolean;
  /** Problems that name a line of the file. */
  readonly problems: readonly string[];
  /** Size of the front matter as parsed, and the most it may be for its text. */
  readonly dataSize: number;
  readonly dataBound: number;
  readonly bodyBytes: number;
}

/**
 * Reads and renders one article as a site would. Never throws: what cannot be published is
 * `refused`, with its problems.
 */
export function costOf(article: Hostile): Cost {
  const settings: ReadSettings = article.generator === 'jekyll' ? jekyllSettings : plainSettings;
  const path = article.generator === 'jekyll' ? '_posts/2025-01-01-x.md' : 'posts/x.md';
  const read = readArticle({ path, text: article.text, hash: 'h' }, settings);
  const problems = read.problems.map((p) => `${p.path}:${p.line}: ${p.severity}: ${p.message}`);
  const base = { kind: article.kind, problems, dataSize: 0, dataBound: 0, bodyBytes: 0 };
  if (!read.ok) return { ...base, refused: true };
  const split = splitFrontMatter(article.text);
  const dataBound = dataBudget(split.raw.length + 8);
  const dataSize = expandedSize(split.data, dataBound + 1);
  try {
    const body = renderArticleBody(read.article, bodyContext(settings, [read.article]));
    return { ...base, refused: false, dataSize, dataBound, bodyBytes: utf8Length(body.contentHtml) };
  } catch (error) {
    if (!(error instanceof LiquidLimitError)) throw error;
    return { ...base, refused: true, problems: [...problems, error.message], dataSize, dataBound };
  }
}
