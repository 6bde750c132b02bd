/** `feedwright build-worker`: the Worker's assets, run by wrangler's `[build]` command. */
import { resolve } from 'node:path';
import { renderArticleBody } from '../content/article-body.ts';
import { bodyContext } from '../content/body-context.ts';
import { ArticleLibrary } from '../content/library.ts';
import { wranglerSiteUrl } from '../node/wrangler-toml.ts';
import { workerAssets, writeWorkerAssets } from '../publish/worker-assets.ts';
import { type Flags, siteConfig, UsageError } from './options.ts';

export async function buildWorkerCommand(flags: Flags): Promise<number> {
  if (!flags.out) throw new UsageError('build-worker needs --out DIR');
  // The Worker's site URL is wrangler.toml's [vars] SITE_URL: permalinks are made here, at build time.
  const config = await siteConfig(flags, flags.siteUrl ?? (await wranglerSiteUrl(flags.wrangler)));
  const scan = await new ArticleLibrary(flags.contentDir, config).scan();
  const context = bodyContext(config, scan.articles);
  const files = workerAssets(
    config,
    scan.articles,
    scan.listPages,
    scan.problems,
    (article) => renderArticleBody(article, context),
    Date.now(),
  );
  const written = await writeWorkerAssets(files, resolve(flags.out));
  console.log(`[feedwright] wrote ${written} Worker asset files for ${config.siteUrl.href} to ${flags.out}`);
  return 0;
}
