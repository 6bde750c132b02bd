/** `feedwright build-worker`: the Worker's assets, run by wrangler's `[build]` command. */
import { buildCatalog, catalogOptions } from '../catalog/catalog.ts';
import { renderArticleBody, renderArticleSummary } from '../content/render/article-body.ts';
import { bodyContext } from '../content/render/body-context.ts';
import { formatProblem } from '../core/problem.ts';
import { wranglerSiteUrl } from '../node/wrangler-toml.ts';
import { idsPipeline } from '../publish/ids/ids-pipeline.ts';
import {
  assetLimitProblems,
  workerAssets,
  writeWorkerAssets,
} from '../publish/worker-format/worker-assets.ts';
import { writtenSetting } from '../sites/config-files.ts';
import { ContentScanner } from '../source/content-scanner.ts';
import { stopCleanlyOnSignal } from './build.ts';
import { type Flags, refuseStandIns, settings, siteModeLine, UsageError } from './options.ts';

export async function buildWorkerCommand(flags: Flags): Promise<number> {
  stopCleanlyOnSignal();
  // The Worker's site URL: --site-url, else wrangler.toml's [vars] SITE_URL, else the config's.
  // Permalinks are made here, at build time.
  const fromWrangler = flags['site-url'] === undefined ? await wranglerSiteUrl(flags.wrangler) : undefined;
  const run = await settings(flags, {
    siteUrl: flags['site-url'] ?? fromWrangler,
    // A placeholder there is refused naming wrangler.toml, where it is to be replaced.
    from:
      fromWrangler === undefined ? undefined : writtenSetting('.', flags.wrangler, 'SITE_URL', fromWrangler),
  });
  refuseStandIns(run);
  if (!run.out) throw new UsageError('build-worker needs --out DIR');
  const found = siteModeLine(run);
  if (found) console.log(found);
  const now = Date.now();
  // The Worker writes no file: the ids kept and the feeds that moved are baked into its assets,
  // and the ids file is brought up to date here.
  const ids = idsPipeline(new ContentScanner(run.contentDir, run.config), {
    config: run.config,
    ids: run.ids,
    now: () => now,
  });
  const scan = await ids.source.scan();
  const kept = ids.keptLine();
  if (kept) console.log(kept);
  const listPages = scan.listPages ?? [];
  await ids.recordFeeds(
    buildCatalog(scan.articles, [], catalogOptions(run.config, now, { listPages, bodies: new Map() })),
  );
  const context = bodyContext(run.config, scan.articles);
  const { files, problems } = await workerAssets(
    run.config,
    scan.articles,
    listPages,
    scan.problems,
    {
      body: (article) => renderArticleBody(article, context),
      summary: (article) => renderArticleSummary(article, context),
    },
    now,
    ids.redirects(),
  );
  // What build says too: the articles left out (path:line), and bodies that cannot be rendered.
  for (const problem of [...scan.problems, ...problems]) console.error(formatProblem(problem));
  const limits = assetLimitProblems(files);
  for (const warning of limits.warnings) console.error(`[feedwright] warning: ${warning}`);
  if (limits.errors.length > 0) {
    // Said here, in feedwright's words, instead of as an upload failure after the whole build.
    for (const error of limits.errors) console.error(`[feedwright] ${error}`);
    return 1;
  }
  const written = await writeWorkerAssets(files, run.out);
  console.log(
    `[feedwright] wrote ${written} Worker asset files for ${run.config.siteUrl.href} to ${run.out}`,
  );
  return 0;
}
