/**
 * When a published folder is regenerated: on the `refresh` schedule and, when asked, on file
 * changes. Runs go one after another, each followed by its state write, with at most one waiting:
 * a burst of triggers costs one more run, and closing waits for the last, so a shutdown never
 * loses its state.
 */
import cron from 'node-cron';
import type { SiteConfig } from '../config/site-config.ts';
import type { FolderPublication } from '../publish/regenerate/folder-publication.ts';
import type { RunReport } from '../publish/regenerate/publisher.ts';
import { watchFolder } from './folder-watch.ts';

/**
 * Quiet time after a file event before the run it starts: an editor's save is a burst of events a
 * few milliseconds apart, and a run after an edit costs milliseconds (it looks at what changed).
 */
const WATCH_DEBOUNCE_MS = 20;

export interface Regeneration {
  /**
   * Runs a regeneration now (one more at most waits behind the running one). `paths`: only these
   * changed (relative to the content folder); without them every file is looked at.
   */
  readonly run: (paths?: readonly string[]) => Promise<void>;
  /** Stops the schedule and the watcher, and waits for the last run and its state write. */
  readonly close: () => Promise<void>;
}

export function scheduleRegeneration(
  publication: FolderPublication,
  config: SiteConfig,
  options: {
    readonly contentDir: string;
    readonly watch?: boolean | undefined;
    /** Called after each run, good or failed (before a good one's state write). */
    readonly onRun?: (report: RunReport) => Promise<void> | void;
  },
): Regeneration {
  const { publisher, save } = publication;
  let running: Promise<void> = Promise.resolve();
  let waiting = false;
  /** What the next run looks at: the paths the watcher saw change, or every file (`all`). */
  let asked: Set<string> | 'all' = new Set();
  const run = (paths?: readonly string[]): Promise<void> => {
    if (!paths || asked === 'all') asked = 'all';
    else for (const path of paths) asked.add(path);
    if (waiting) return running;
    waiting = true;
    running = running.then(async () => {
      waiting = false;
      const only = asked === 'all' ? undefined : [...asked];
      asked = new Set();
      const report = await publisher.run(only);
      await options.onRun?.(report);
      if (report.ok) await save(report);
    });
    return running;
  };
  // run() already lets at most one wait behind a running one: a tick never overlaps or queues up.
  const task = config.refresh === 'off' ? undefined : cron.schedule(config.refresh, () => void run());
  // A tick missed while the process was busy is made up by the next: not worth a warning each time.
  task?.on('execution:missed', () => {});
  const watcher = options.watch
    ? watchFolder(options.contentDir, (paths) => void run(paths), { debounceMs: WATCH_DEBOUNCE_MS })
    : undefined;
  // Files written while the first run read the folder came before the watcher: one more (cheap,
  // incremental) run takes them in.
  if (watcher) void run();
  return {
    run,
    async close() {
      await task?.stop();
      watcher?.close();
      await running;
      // A clean stop writes what is still unwritten (the ids file after a failed write).
      await save();
    },
  };
}
