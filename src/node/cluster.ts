/**
 * `serve --workers N`: N processes serving one port, one core each, like nginx, and one publisher.
 * The primary reads the content, renders the bodies and regenerates; it sends each new version to
 * every worker, and once all of them have it ready, names the instant they all switch to it, so a
 * client never sees a version older than one it has already seen. Workers that die are started
 * again with a growing delay; when none can be kept alive, the primary gives up with exit code 1.
 */
import cluster, { type Worker } from 'node:cluster';
import type { SiteConfig } from '../config/site-config.ts';
import { errorMessage } from '../core/guards.ts';
import { formatByName } from '../feeds/formats.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';
import type { BodyRendering } from '../publish/regenerate/body-rendering.ts';
import { type CatalogInputs, catalogDelta } from '../publish/regenerate/catalog-inputs.ts';
import { type FolderOptions, publishFolder } from '../publish/regenerate/folder-publication.ts';
import { servingBanner } from './banner.ts';
import { isToPrimary, type ToPrimary, type ToWorker } from './cluster-messages.ts';
import { listen } from './listen.ts';
import { scheduleRegeneration } from './regeneration.ts';

export interface ClusterOptions {
  readonly contentDir: string;
  readonly config: SiteConfig;
  readonly cacheDir?: string;
  readonly watch: boolean;
  readonly port: number;
  readonly host: string;
  readonly workers: number;
  readonly renderBodies?: BodyRendering;
  /** Where files are also read (the render threads). @default only here */
  readonly readFiles?: FolderOptions['readFiles'];
  /** The ids file: recorded ids and links are kept. @default none */
  readonly ids?: KeptIdsOptions;
  /** Lines about the cluster (start, restarts). @default console.log */
  readonly log?: (line: string) => void;
  /** Lines said once under the banner, when every worker serves (what serve has to say of its settings). */
  readonly notes?: readonly string[];
}

/** How long workers have to receive a commit before the instant it names. */
const COMMIT_DELAY_MS = 25;
/** A worker that takes longer to build a version is stopped (and started again, in sync). */
const PREPARE_TIMEOUT_MS = 60_000;
/** Restart delays grow from this, doubling, up to RESTART_MAX_MS. */
const RESTART_BASE_MS = 100;
const RESTART_MAX_MS = 10_000;
/** A worker that served this long resets the restart delay: its death was not a crash loop. */
const HEALTHY_AFTER_MS = 30_000;
/** With no worker alive, this many starts in a row that died before serving end the server. */
const GIVE_UP_AFTER = 5;

interface Member {
  readonly worker: Worker;
  readonly started: number;
  /** Has the committed version and accepts connections. */
  serving: boolean;
  /** What the primary waits for from it (one thing at a time: versions and joins go one by one). */
  waiting:
    | { readonly types: readonly ToPrimary['type'][]; readonly resolve: (m?: ToPrimary) => void }
    | undefined;
}

/** Runs the cluster until SIGINT or SIGTERM (0), or until no worker can be kept alive (1). */
export async function runCluster(options: ClusterOptions): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Said before any work: the port is taken, or the host is not this machine's.
  const probe = await listen(() => new Response(null), options.port, options.host);
  const probed = new Promise<void>((resolve) => probe.close(() => resolve()));
  await probed;

  const publication = await publishFolder(options.contentDir, options.config, {
    // Workers serve; the primary renders only the archive pages they ask for, one at a time.
    warm: false,
    ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
    ...(options.renderBodies && { renderBodies: options.renderBodies }),
    ...(options.readFiles && { readFiles: options.readFiles }),
    ...(options.ids && { ids: options.ids }),
  });
  const { publisher, first } = publication;
  if (!first.ok) throw new Error(`cannot publish ${options.contentDir}: ${first.error}`);
  await publication.save();

  // Each worker accepts its own connections (the kernel spreads them): with Node's default on
  // Linux, round-robin, the primary accepts every one and hands it over, so a primary busy
  // regenerating (or stopped) stalled every worker.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ serialization: 'advanced' });
  const members = new Map<number, Member>();
  let committed: CatalogInputs | undefined = publisher.inputs;
  let seq = 0;
  let stopping = false;
  let failures = 0;
  let lastExit = '';
  let announced = false;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });

  // A worker may die between the check and the write: its channel then fails with EPIPE, which
  // without a callback is an 'error' event that nobody handles and that takes the primary down.
  const send = (member: Member, message: ToWorker) => {
    if (member.worker.isConnected()) member.worker.send(message, undefined, () => {});
  };
  /** The next message of one of `types` from the member (undefined if it dies or times out first). */
  const reply = (member: Member, types: readonly ToPrimary['type'][]) =>
    new Promise<ToPrimary | undefined>((resolve) => {
      const timer = setTimeout(() => done(), PREPARE_TIMEOUT_MS);
      const done = (message?: ToPrimary) => {
        clearTimeout(timer);
        member.waiting = undefined;
        resolve(message);
      };
      member.waiting = { types, resolve: done };
    });

  // Versions and new workers, one at a time: a worker joining gets the committed version whole,
  // and every later version reaches every worker as a change to the one before.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>) => {
    queue = queue.then(work, work);
    return queue;
  };

  /** Sends a version to `targets`; those that have it ready. Any that cannot is stopped (and restarted whole). */
  const prepared = async (targets: readonly Member[], message: Extract<ToWorker, { type: 'prepare' }>) => {
    const answers = await Promise.all(
      targets.map(async (member) => {
        const answer = reply(member, ['ready', 'failed']);
        send(member, message);
        const got = await answer;
        if (got?.type === 'ready' && got.seq === message.seq) return member;
        if (got?.type === 'failed') log(`[feedwright] worker ${member.worker.process.pid}: ${got.message}`);
        member.worker.process.kill('SIGKILL');
        return undefined;
      }),
    );
    return answers.filter((member): member is Member => member !== undefined);
  };

  const publish = () =>
    serially(async () => {
      const inputs = publisher.inputs;
      if (!inputs || inputs === committed) return;
      const delta = catalogDelta(committed, inputs);
      const version = ++seq;
      const targets = [...members.values()].filter((m) => m.serving);
      const ready = await prepared(targets, { type: 'prepare', seq: version, delta, full: false });
      const at = Date.now() + COMMIT_DELAY_MS;
      for (const member of ready) send(member, { type: 'commit', seq: version, at });
      committed = inputs;
    });

  const join = (member: Member) =>
    serially(async () => {
      if (!committed || !member.worker.isConnected()) return;
      const version = ++seq;
      const delta = catalogDelta(undefined, committed);
      const [ready] = await prepared([member], { type: 'prepare', seq: version, delta, full: true });
      if (!ready) return;
      // Every other worker serves this version already: no instant to wait for.
      send(ready, { type: 'commit', seq: version, at: 0 });
      send(ready, { type: 'health', health: publisher.health() });
      const listening = reply(ready, ['listening']);
      send(ready, { type: 'listen' });
      const answer = await listening;
      if (answer?.type !== 'listening') return;
      ready.serving = true;
      // Said once every worker serves: until then one worker's death could leave none listening.
      const serving = [...members.values()].filter((m) => m.serving).length;
      if (!announced && serving >= options.workers) {
        announced = true;
        const local = `http://${options.host}:${answer.port}/`;
        for (const line of servingBanner(options.config, publisher.catalog, {
          contentDir: options.contentDir,
          local,
          workers: options.workers,
        }))
          log(line);
        for (const note of options.notes ?? []) log(note);
      }
    });

  const answerArchive = async (member: Member, ask: Extract<ToPrimary, { type: 'archive' }>) => {
    try {
      const rendered = await publication.cache.archive(
        publisher.catalog,
        ask.scope,
        formatByName(ask.format),
        ask.page,
      );
      const document = rendered && (({ compressed: _, ...sent }) => sent)(rendered);
      send(member, { type: 'archive', id: ask.id, ...(document && { document }) });
    } catch (error) {
      send(member, { type: 'archive', id: ask.id, error: errorMessage(error) });
    }
  };

  const fork = () => {
    const worker = cluster.fork();
    const member: Member = { worker, started: Date.now(), serving: false, waiting: undefined };
    members.set(worker.id, member);
    // A dying worker's channel errors (EPIPE); its 'exit' is what restarts it.
    worker.on('error', () => {});
    worker.on('message', (message: unknown) => {
      if (!isToPrimary(message)) return;
      if (message.type === 'fatal') {
        log(`feedwright: ${message.message}`);
        void stop(1);
        return;
      }
      if (message.type === 'archive') void answerArchive(member, message);
      else if (message.type === 'hello') void join(member);
      else if (member.waiting?.types.includes(message.type)) member.waiting.resolve(message);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const member = members.get(worker.id);
    members.delete(worker.id);
    if (!member || stopping) return;
    member.waiting?.resolve();
    lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
    const lived = Date.now() - member.started;
    if (member.serving && lived >= HEALTHY_AFTER_MS) failures = 0;
    else failures++;
    const alive = [...members.values()].length;
    if (alive === 0 && failures >= GIVE_UP_AFTER) {
      log(`[feedwright] worker processes keep stopping (last: ${lastExit}): giving up`);
      void stop(1);
      return;
    }
    const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.max(0, failures - 1));
    log(`[feedwright] worker ${worker.process.pid} stopped (${lastExit}); starting another in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const regeneration = scheduleRegeneration(publication, options.config, {
    contentDir: options.contentDir,
    watch: options.watch,
    onRun: async () => {
      await publish();
      // /health after every run, good or failed, whether or not a version came of it.
      const health = publisher.health();
      for (const member of members.values()) send(member, { type: 'health', health });
    },
  });

  async function stop(code: number) {
    if (stopping) return;
    stopping = true;
    await regeneration.close();
    const exits = [...members.values()].map(
      (member) => new Promise<void>((resolve) => member.worker.once('exit', () => resolve())),
    );
    for (const member of members.values()) member.worker.process.kill('SIGTERM');
    await Promise.all(exits);
    finish(code);
  }

  for (let i = 0; i < options.workers; i++) fork();
  const onSignal = () => void stop(0);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return finished;
}
