/** `feedwright build`: every feed and page as files, for any static host. */
import { resolve } from 'node:path';
import { formatProblem } from '../core/problem.ts';
import { publishFolder } from '../publish/folder-publication.ts';
import { buildManifestPath, outputFingerprint } from '../publish/kept-state.ts';
import { writeSite } from '../publish/site-writer.ts';
import { type Flags, siteConfig, UsageError } from './options.ts';

export async function buildCommand(flags: Flags): Promise<number> {
  if (!flags.out) throw new UsageError('build needs --out DIR');
  const config = await siteConfig(flags);
  const { publisher, cache, first, save } = await publishFolder(flags.contentDir, config, {
    log: () => {},
    cacheDir: flags.cache,
    warm: false,
  });
  if (!first.ok) throw new Error(first.error);
  const outDir = resolve(flags.out);
  const result = await writeSite(publisher.catalog, cache, config, {
    outDir,
    manifestPath: buildManifestPath(flags.cache, outDir),
    fingerprint: outputFingerprint(config),
  });
  await save();
  for (const problem of publisher.catalog.problems) console.error(formatProblem(problem));
  console.log(
    `[feedwright] ${publisher.catalog.articleCount} articles: wrote ${result.written} files, ${result.unchanged} unchanged, ${result.removed} removed, in ${flags.out}`,
  );
  return 0;
}
