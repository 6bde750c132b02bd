/** `feedwright check`: every problem in the content, as `path:line: severity: message`. */
import { bodyProblem } from '../catalog/catalog.ts';
import { configGroupings, languageSiteOf } from '../catalog/scope.ts';
import { makeUnique } from '../catalog/unique.ts';
import { unusedFieldProblems } from '../content/front-matter/field-use.ts';
import { renderArticleBody } from '../content/render/article-body.ts';
import { bodyContext } from '../content/render/body-context.ts';
import { formatProblem, type Problem } from '../core/problem.ts';
import { idsPipeline } from '../publish/ids/ids-pipeline.ts';
import { fitProblem, fittedFeeds } from '../publish/regenerate/feed-fits.ts';
import { publishFolder } from '../publish/regenerate/folder-publication.ts';
import { ContentScanner } from '../source/content-scanner.ts';
import { contentFolder, type Flags, settings, standInProblem } from './options.ts';

export async function checkCommand(flags: Flags): Promise<number> {
  const run = await settings(flags);
  const contentDir = contentFolder(run.contentDir);
  // What build would refuse to run without: said first, as an error of the config.
  const unset: Problem[] = run.standIns.map((line) => ({
    path: run.configPath ?? 'feedwright.config.ts',
    line: 1,
    severity: 'error',
    message: standInProblem(run, line),
  }));
  // What build and serve would keep of the ids file, explained; check writes nothing.
  const ids = idsPipeline(new ContentScanner(contentDir, run.config), {
    config: run.config,
    ids: run.ids && { ...run.ids, write: false },
  });
  const scan = await ids.source.scan();
  const problems = [
    ...unset,
    // A placeholder address (example.org), at the line of the file that wrote it.
    ...run.placeholders,
    ...scan.problems,
    ...ids.explanations(),
    ...unusedFieldProblems(scan.articles),
  ];
  // Articles that share a link or an id: what build and serve warn about, check says too.
  makeUnique(scan.articles, problems, languageSiteOf(configGroupings(run.config)));
  const context = bodyContext(run.config, scan.articles);
  for (const article of scan.articles) {
    try {
      renderArticleBody(article, context);
    } catch (error) {
      problems.push(bodyProblem(article, error));
    }
  }
  // Feeds that must carry summaries (or leave items out) to fit the byte budget: only rendering says.
  const { publisher, cache } = await publishFolder(contentDir, run.config, {
    log: () => {},
    warm: false,
    ...(run.ids && { ids: { ...run.ids, write: false } }),
  });
  for (const feed of await fittedFeeds(publisher.catalog, cache.renderer))
    problems.push(fitProblem(feed, run.config.maxFeedBytes));
  for (const problem of problems) console.log(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(
    `${scan.seen} files, ${scan.articles.length} readable, ${errors} errors, ${problems.length - errors} warnings`,
  );
  return errors > 0 ? 1 : 0;
}
