/** `feedwright build-worker`: the Worker's assets, run by wrangler's `[build]` command. */
import { renderArticleBody } from '../content/article-body.ts';
import { bodyContext } from '../content/body-context.ts';
import { ArticleLibrary } from '../content/library.ts';
import { wranglerSiteUrl } from '../node/wrangler-toml.ts';
import { workerAssets, writeWorkerAssets } from '../publish/worker-assets.ts';
import { type Flags, settings, UsageError } from './options.ts';

export async function buildWorkerCommand(flags: Flags): Promise<number> {
  // The Worker's site URL: --site-url, else wrangler.toml's [vars] SITE_URL, else the config's.
  // Permalinks are made here, at build time.
  const run = await settings(flags, {
    siteUrl: flags['site-url'] ?? (await wranglerSiteUrl(flags.wrangler)),
  });
  if (!run.out) throw new UsageError('build-worker needs --out DIR');
  const scan = await new ArticleLibrary(run.contentDir, run.config).scan();
  const context = bodyContext(run.config, scan.articles);
  const files = await workerAssets(
    run.config,
    scan.articles,
    scan.listPages,
    scan.problems,
    (article) => renderArticleBody(article, context),
    Date.now(),
  );
  const written = await writeWorkerAssets(files, run.out);
  console.log(
    `[feedwright] wrote ${written} Worker asset files for ${run.config.siteUrl.href} to ${run.out}`,
  );
  return 0;
}
