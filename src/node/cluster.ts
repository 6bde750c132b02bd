/**
 * `serve --workers N`: N processes serving one port, one core each, like nginx, and one publisher.
 * The primary reads the content, renders the bodies and regenerates; it sends each new version to
 * every worker, and once all of them have it ready, names the instant they all switch to it, so a
 * client never sees a version older than one it has already seen. Workers that die are started
 * again with a growing delay; when none can be kept alive, the primary gives up with exit code 1.
 * With hubs configured, the primary tells them (WebSub) which feeds changed, once every worker
 * serves the new version, so a hub fetching at once gets the new bytes from any worker.
 */
import cluster, { type Worker } from 'node:cluster';
import type { SiteConfig } from '../config/site-config.ts';
import { errorMessage } from '../core/guards.ts';
import { formatByName } from '../feeds/formats.ts';
import type { KeptIdsOptions } from '../publish/ids/kept-ids.ts';
import type { BodyRendering } from '../publish/regenerate/body-rendering.ts';
import { type CatalogInputs, catalogDelta } from '../publish/regenerate/catalog-inputs.ts';
import {
  type FolderOptions,
  type FolderPublication,
  publishFolder,
} from '../publish/regenerate/folder-publication.ts';
import { announcedPath } from '../publish/websub/announced-state.ts';
import { type Announcer, startAnnouncer } from '../publish/websub/announcer.ts';
import { servingBanner } from './banner.ts';
import { isToPrimary, type ToPrimary, type ToWorker } from './cluster-messages.ts';
import { listen } from './listen.ts';
import { type Regeneration, scheduleRegeneration } from './regeneration.ts';

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

/**
 * The primary process: its workers, the version they all serve, and how it ends. Versions and new
 * workers go one at a time: a worker joining gets the committed version whole, and every later
 * version reaches every worker as a change to the one before.
 */
class Primary {
  readonly #members = new Map<number, Member>();
  #committed: CatalogInputs | undefined;
  #seq = 0;
  #stopping = false;
  #failures = 0;
  #lastExit = '';
  #announced = false;
  #queue: Promise<void> = Promise.resolve();
  #regeneration: Regeneration | undefined;
  /** When every worker serves the last committed version. */
  #switchedAt = 0;
  #finish: (code: number) => void = () => {};
  /** The exit code: 0 after SIGINT or SIGTERM, 1 when no worker can be kept alive. */
  readonly finished = new Promise<number>((resolve) => {
    this.#finish = resolve;
  });

  constructor(
    private readonly options: ClusterOptions,
    private readonly publication: FolderPublication,
    private readonly log: (line: string) => void,
    private readonly announcer: Announcer | undefined,
  ) {
    this.#committed = publication.publisher.inputs;
  }

  /** Starts the workers and the regeneration schedule, and stops on SIGINT or SIGTERM. */
  start(): void {
    cluster.on('exit', (worker, code, signal) => this.#exited(worker, code, signal));
    this.#regeneration = scheduleRegeneration(this.publication, this.options.config, {
      contentDir: this.options.contentDir,
      watch: this.options.watch,
      onRun: async (report) => {
        await this.#publish();
        // /health after every run, good or failed, whether or not a version came of it.
        const health = this.#health();
        for (const member of this.#members.values()) this.#send(member, { type: 'health', health });
        if (report.ok) await this.#tellHubs();
      },
    });
    for (let i = 0; i < this.options.workers; i++) this.#fork();
    const onSignal = () => void this.#stop(0);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  /** What /health says: the publisher's report, and each hub's when there are hubs. */
  #health(): object {
    const health = this.publication.publisher.health();
    return this.announcer ? { ...health, websub: this.announcer.health() } : health;
  }

  /** Tells the hubs which feeds changed, once every worker serves them (a hub fetches at once). */
  async #tellHubs(): Promise<void> {
    if (!this.announcer) return;
    const wait = this.#switchedAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.announcer.afterRun(this.publication.publisher.catalog);
  }

  // A worker may die between the check and the write: its channel then fails with EPIPE, which
  // without a callback is an 'error' event that nobody handles and that takes the primary down.
  #send(member: Member, message: ToWorker): void {
    if (member.worker.isConnected()) member.worker.send(message, undefined, () => {});
  }

  /** The next message of one of `types` from the member (undefined if it dies or times out first). */
  #reply(member: Member, types: readonly ToPrimary['type'][]): Promise<ToPrimary | undefined> {
    return new Promise<ToPrimary | undefined>((resolve) => {
      const timer = setTimeout(() => done(), PREPARE_TIMEOUT_MS);
      const done = (message?: ToPrimary) => {
        clearTimeout(timer);
        member.waiting = undefined;
        resolve(message);
      };
      member.waiting = { types, resolve: done };
    });
  }

  /** Runs `work` after every version and join before it. */
  #serially(work: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(work, work);
    return this.#queue;
  }

  /** Sends a version to `targets`; those that have it ready. Any that cannot is stopped (and restarted whole). */
  async #prepared(
    targets: readonly Member[],
    message: Extract<ToWorker, { type: 'prepare' }>,
  ): Promise<Member[]> {
    const answers = await Promise.all(
      targets.map(async (member) => {
        const answer = this.#reply(member, ['ready', 'failed']);
        this.#send(member, message);
        const got = await answer;
        if (got?.type === 'ready' && got.seq === message.seq) return member;
        if (got?.type === 'failed')
          this.log(`[feedwright] worker ${member.worker.process.pid}: ${got.message}`);
        member.worker.process.kill('SIGKILL');
        return undefined;
      }),
    );
    return answers.filter((member): member is Member => member !== undefined);
  }

  /** Sends the publisher's new version, if any, to every serving worker, and names the instant to switch. */
  #publish(): Promise<void> {
    return this.#serially(async () => {
      const inputs = this.publication.publisher.inputs;
      if (!inputs || inputs === this.#committed) return;
      const delta = catalogDelta(this.#committed, inputs);
      const version = ++this.#seq;
      const targets = [...this.#members.values()].filter((m) => m.serving);
      const ready = await this.#prepared(targets, { type: 'prepare', seq: version, delta, full: false });
      const at = Date.now() + COMMIT_DELAY_MS;
      for (const member of ready) this.#send(member, { type: 'commit', seq: version, at });
      this.#committed = inputs;
      this.#switchedAt = at;
    });
  }

  /** Gives a new worker the committed version whole, then has it listen. */
  #join(member: Member): Promise<void> {
    return this.#serially(async () => {
      const committed = this.#committed;
      if (!committed || !member.worker.isConnected()) return;
      const version = ++this.#seq;
      const delta = catalogDelta(undefined, committed);
      const [ready] = await this.#prepared([member], { type: 'prepare', seq: version, delta, full: true });
      if (!ready) return;
      // Every other worker serves this version already: no instant to wait for.
      this.#send(ready, { type: 'commit', seq: version, at: 0 });
      this.#send(ready, { type: 'health', health: this.#health() });
      const listening = this.#reply(ready, ['listening']);
      this.#send(ready, { type: 'listen' });
      const answer = await listening;
      if (answer?.type !== 'listening') return;
      ready.serving = true;
      this.#announce(answer.port);
    });
  }

  /** The banner, said once every worker serves: until then one worker's death could leave none listening. */
  #announce(port: number): void {
    const { options, log } = this;
    const serving = [...this.#members.values()].filter((m) => m.serving).length;
    if (this.#announced || serving < options.workers) return;
    this.#announced = true;
    const local = `http://${options.host}:${port}/`;
    for (const line of servingBanner(options.config, this.publication.publisher.catalog, {
      contentDir: options.contentDir,
      local,
      workers: options.workers,
    }))
      log(line);
    for (const note of options.notes ?? []) log(note);
    // What changed while the server was down (and what a hub had not taken), now that all serve.
    // Not awaited: a failure is said, and the next good run tells the hubs again.
    this.#tellHubs().catch((error) => log(`[feedwright] WebSub: ${errorMessage(error)}`));
  }

  /** Renders the archive page a worker asks for and sends it (or why it could not be). */
  async #answerArchive(member: Member, ask: Extract<ToPrimary, { type: 'archive' }>): Promise<void> {
    try {
      const rendered = await this.publication.cache.archive(
        this.publication.publisher.catalog,
        ask.scope,
        formatByName(ask.format),
        ask.page,
      );
      const document = rendered && (({ compressed: _, ...sent }) => sent)(rendered);
      this.#send(member, { type: 'archive', id: ask.id, ...(document && { document }) });
    } catch (error) {
      this.#send(member, { type: 'archive', id: ask.id, error: errorMessage(error) });
    }
  }

  #fork(): void {
    const worker = cluster.fork();
    const member: Member = { worker, started: Date.now(), serving: false, waiting: undefined };
    this.#members.set(worker.id, member);
    // A dying worker's channel errors (EPIPE); its 'exit' is what restarts it.
    worker.on('error', () => {});
    worker.on('message', (message: unknown) => {
      if (!isToPrimary(message)) return;
      if (message.type === 'fatal') {
        this.log(`feedwright: ${message.message}`);
        void this.#stop(1);
        return;
      }
      if (message.type === 'archive') void this.#answerArchive(member, message);
      else if (message.type === 'hello') void this.#join(member);
      else if (member.waiting?.types.includes(message.type)) member.waiting.resolve(message);
    });
  }

  /** A worker died: another is started after a delay that grows while they keep dying, or the primary gives up. */
  #exited(worker: Worker, code: number, signal: string): void {
    const member = this.#members.get(worker.id);
    this.#members.delete(worker.id);
    if (!member || this.#stopping) return;
    member.waiting?.resolve();
    this.#lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
    const lived = Date.now() - member.started;
    if (member.serving && lived >= HEALTHY_AFTER_MS) this.#failures = 0;
    else this.#failures++;
    const alive = [...this.#members.values()].length;
    if (alive === 0 && this.#failures >= GIVE_UP_AFTER) {
      this.log(`[feedwright] worker processes keep stopping (last: ${this.#lastExit}): giving up`);
      void this.#stop(1);
      return;
    }
    const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.max(0, this.#failures - 1));
    this.log(
      `[feedwright] worker ${worker.process.pid} stopped (${this.#lastExit}); starting another in ${delay} ms`,
    );
    setTimeout(() => {
      if (!this.#stopping) this.#fork();
    }, delay);
  }

  async #stop(code: number): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    await this.#regeneration?.close();
    await this.announcer?.close();
    const exits = [...this.#members.values()].map(
      (member) => new Promise<void>((resolve) => member.worker.once('exit', () => resolve())),
    );
    for (const member of this.#members.values()) member.worker.process.kill('SIGTERM');
    await Promise.all(exits);
    this.#finish(code);
  }
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
  if (!publication.first.ok)
    throw new Error(`cannot publish ${options.contentDir}: ${publication.first.error}`);
  await publication.save();

  // Each worker accepts its own connections (the kernel spreads them): with Node's default on
  // Linux, round-robin, the primary accepts every one and hands it over, so a primary busy
  // regenerating (or stopped) stalled every worker.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ serialization: 'advanced' });
  const { config, cacheDir, contentDir } = options;
  const announcer =
    config.hubs.length > 0
      ? await startAnnouncer(
          config,
          publication.cache,
          cacheDir === undefined ? undefined : announcedPath(cacheDir, contentDir, config),
        )
      : undefined;
  const primary = new Primary(options, publication, log, announcer);
  primary.start();
  return primary.finished;
}
