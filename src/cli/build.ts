/** `feedwright build`: every feed and page as files, for any static host. */
import { formatProblem } from '../core/problem.ts';
import { buildFolder } from '../publish/build-folder.ts';
import { contentFolder, type Flags, settings, UsageError } from './options.ts';
import { progressLine } from './progress.ts';

export async function buildCommand(flags: Flags): Promise<number> {
  const run = await settings(flags);
  if (!run.out) throw new UsageError('build needs --out DIR (or `out` in the config)');
  const progress = progressLine('writing');
  const build = await buildFolder({
    contentDir: contentFolder(run.contentDir),
    outDir: run.out,
    config: run.config,
    cacheDir: run.cache,
    onProgress: progress.update,
    ...(run.ids && { ids: run.ids }),
  });
  progress.done();
  for (const problem of build.catalog.problems) console.error(formatProblem(problem));
  if (build.keptIds) console.log(build.keptIds);
  console.log(
    `[feedwright] ${build.catalog.articleCount} articles: wrote ${build.written} files, ${build.unchanged} unchanged, ${build.removed} removed, in ${run.out}`,
  );
  return 0;
}
