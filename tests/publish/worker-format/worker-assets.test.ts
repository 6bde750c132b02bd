import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../../src/content/render/article-body.ts';
import {
  ASSET_LIMITS,
  assetLimitProblems,
  workerAssets,
} from '../../../src/publish/worker-format/worker-assets.ts';
import {
  bodyFile,
  type TermAsset,
  type WorkerSnapshot,
} from '../../../src/publish/worker-format/worker-snapshot.ts';
import { article, md, NOW, testConfig } from '../../helpers.ts';

const config = testConfig({ maxItemCategories: 10 });
const day = 86_400_000;
const at = (offset: number) => new Date(NOW + offset).toISOString();

describe('workerAssets', () => {
  it('writes one catalog per scheduled change ahead, sharing the files of terms that did not change', async () => {
    const sources = [
      article(md({ title: 'Now', date: at(-day), tags: ['a', 'b'] }), 'posts/now.md', config),
      article(
        md({ title: 'Soon', date: at(-day), publishDate: at(day), tags: ['a'] }),
        'posts/soon.md',
        config,
      ),
      article(
        md({ title: 'Later', date: at(-day), publishDate: at(2 * day), tags: ['c'] }),
        'posts/later.md',
        config,
      ),
    ];
    const { files } = await workerAssets(
      config,
      sources,
      [],
      [],
      { body: renderArticleBody, summary: renderArticleBody },
      NOW,
    );
    const snapshot = JSON.parse(files.get('_feedwright/snapshot.json') ?? '') as WorkerSnapshot;
    expect(snapshot.indexes.map((i) => [i.asOf, i.nextChange])).toEqual([
      [NOW, NOW + day],
      [NOW + day, NOW + 2 * day],
      [NOW + 2 * day, undefined],
    ]);
    const termFiles = (file: string) =>
      Object.fromEntries(
        (
          JSON.parse(files.get(file) ?? '') as { terms: { tags: { slug: string; file: string }[] } }
        ).terms.tags.map((t) => [t.slug, t.file]),
      );
    const [first, second, third] = snapshot.indexes.map((i) => termFiles(i.file));
    expect(second?.a).not.toBe(first?.a); // "Soon" joins tag a
    expect(second?.b).toBe(first?.b);
    expect(third?.b).toBe(first?.b);
    expect(third?.c).toBeDefined();
  });

  it('keeps in term files only the terms an item can list', async () => {
    const tags = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const sources = [
      article(md({ title: 'Tagged', date: at(-day), tags: ['Go', 'go', ...tags] }), 'posts/t.md', config),
    ];
    const { files } = await workerAssets(
      config,
      sources,
      [],
      [],
      { body: renderArticleBody, summary: renderArticleBody },
      NOW,
    );
    const scopes = [...files].filter(([file]) => file.startsWith('_feedwright/scopes/'));
    expect(scopes).toHaveLength(301 + 1); // 301 tags (Go and go are one) and the section posts
    for (const [, text] of scopes) {
      const { heads, bodies } = JSON.parse(text) as TermAsset;
      const head = heads[0] as { terms: { tags: string[] } } | undefined;
      // Its body travels with it: the term's first feed is one fetch.
      expect(bodies).toEqual([JSON.parse(files.get(bodyFile('posts/t.md')) ?? '')]);
      // Go and go are one term: ten distinct, eleven as written.
      expect(head?.terms.tags).toEqual(['Go', 'go', ...tags.slice(0, 9)]);
    }
  });

  it('leaves out an article whose body cannot be rendered, as Node does, and says so', async () => {
    const limited = testConfig({ itemLimit: 1 });
    const post = (name: string, offset: number) =>
      article(md({ title: name, date: at(offset) }), `posts/${name}.md`, limited);
    // Newest first: `broken` would be the feed's one item; `next` takes its place; `old` is archived.
    const sources = [
      post('broken', -day),
      post('next', -2 * day),
      post('old', -3 * day),
      post('gone', -4 * day),
    ];
    const failing = new Set(['posts/broken.md', 'posts/old.md']);
    const render = (source: (typeof sources)[number]) => {
      if (failing.has(source.head.path)) throw new Error('the disk said no');
      return renderArticleBody(source);
    };
    const { files, problems } = await workerAssets(
      limited,
      sources,
      [],
      [],
      { body: render, summary: render },
      NOW,
    );
    expect(problems.map((p) => `${p.path}: ${p.severity}: ${p.message}`)).toEqual([
      'posts/broken.md: error: cannot render the article body: the disk said no',
      'posts/old.md: error: cannot render the article body: the disk said no',
    ]);
    const snapshot = JSON.parse(files.get('_feedwright/snapshot.json') ?? '') as WorkerSnapshot;
    expect(snapshot.problems).toEqual(problems);
    const index = JSON.parse(files.get(snapshot.indexes[0]?.file ?? '') ?? '') as {
      articleCount: number;
      site: { path: string }[];
    };
    expect([index.articleCount, index.site.map((head) => head.path)]).toEqual([3, ['posts/next.md']]);
    const heads = JSON.parse(files.get(snapshot.chunks[0] ?? '') ?? '') as { path: string }[];
    expect(heads.map((head) => head.path)).not.toContain('posts/broken.md');
  });

  it("says when the assets would pass Cloudflare's file count or file size limits", () => {
    const files = (n: number) =>
      new Map(Array.from({ length: n }, (_, i) => [`_feedwright/a${i}.json`, '{}']));
    expect(assetLimitProblems(files(10))).toEqual({ errors: [], warnings: [] });
    const free = assetLimitProblems(files(10), ASSET_LIMITS.freeFiles);
    expect(free.errors).toEqual([]);
    expect(free.warnings).toEqual([
      expect.stringMatching(/^20010 asset files: over the Workers Free plan's 20000.*history/),
    ]);
    expect(assetLimitProblems(files(1), ASSET_LIMITS.paidFiles).errors).toEqual([
      expect.stringMatching(/^100001 asset files, over the 100000/),
    ]);
    const big = new Map([['_feedwright/big.json', 'é'.repeat(ASSET_LIMITS.fileBytes / 2 + 1)]]);
    expect(assetLimitProblems(big).errors).toEqual([
      expect.stringMatching(/^_feedwright\/big.json is 26214402 bytes/),
    ]);
  });
});
