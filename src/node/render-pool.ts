/**
 * Bodies rendered on worker threads, off the event loop that answers requests: markdown-it and the
 * sanitizer take half a second for a long article, and no request should wait on that. The threads
 * run this same module (the bundle `feedwright` runs from), started with a workerData that makes
 * them renderers; the main thread reads each body (bounded by maxBodyBytes) and hands it over.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RenderResult } from '../catalog/rendered-catalog.ts';
import { type ConfigInput, configInput, parseConfig, type SiteConfig } from '../config/site-config.ts';
import type { SourceArticle } from '../content/article.ts';
import { GENERATORS } from '../content/generators.ts';
import { type BodyContextData, bodyContextFrom } from '../content/render/body-context.ts';
import { errorMessage, isRecord } from '../core/guards.ts';
import {
  type BodyRendering,
  type Rendered,
  type RenderPart,
  renderPart,
} from '../publish/regenerate/body-rendering.ts';
import { SourceChangedError } from '../source/content-folder.ts';
import { type FileRead, type FileToRead, readFileAt } from '../source/file-read.ts';

const ROLE = 'feedwright-render-thread';

/** An article as a thread gets it: the body read already, everything else as it was. */
type Job = Omit<SourceArticle, 'markdown'> & { readonly text: string };

interface Batch {
  readonly kind: 'render';
  readonly id: number;
  readonly context: BodyContextData;
  readonly part: RenderPart;
  readonly jobs: readonly Job[];
}

/** Files to read and parse, with the site's settings as its config was written (see configInput). */
interface ReadBatch {
  readonly kind: 'read';
  readonly id: number;
  readonly config: ConfigInput;
  readonly files: readonly FileToRead[];
}

/** The settings of each config a thread has been given, by its JSON. */
const settingsByConfig = new Map<string, ReturnType<typeof parseConfig>>();

function readBatch(batch: ReadBatch): readonly FileRead[] {
  const key = JSON.stringify(batch.config);
  let settings = settingsByConfig.get(key);
  if (!settings) {
    settings = parseConfig(batch.config);
    settingsByConfig.set(key, settings);
  }
  const closing = GENERATORS[settings.generator].frontMatterClosing;
  return batch.files.map((file) => readFileAt(file, settings, closing));
}

/** Articles per message: a thread's answers come back while the next batch is being read. */
const BATCH = 32;
/** Files per message to read: small files, and a round trip per batch. */
const READ_BATCH = 64;
/** A thread with nothing to do for this long stops (see RenderThread). */
const IDLE_MS = 10_000;
/**
 * Work small enough to do on the calling thread rather than wake a render thread for it: an edit's
 * few bodies. Markdown of this many characters renders in a few milliseconds.
 */
const HERE_CHARACTERS = 64_000;
const HERE_ARTICLES = 8;

function renderBatch(batch: Batch): readonly RenderResult<Rendered<RenderPart>>[] {
  const context = bodyContextFrom(batch.context);
  const render = renderPart(batch.part);
  return batch.jobs.map(({ text, ...article }): RenderResult<Rendered<RenderPart>> => {
    try {
      return { ok: true, body: render({ ...article, markdown: () => text }, context) };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  });
}

if (!isMainThread && isRecord(workerData) && workerData.role === ROLE) {
  parentPort?.on('message', (batch: Batch | ReadBatch) => {
    parentPort?.postMessage({
      id: batch.id,
      results: batch.kind === 'read' ? readBatch(batch) : renderBatch(batch),
    });
  });
}

/** An article with its body read, or why it could not be (changed: the file moved under the run). */
function readJob<R>({ markdown, ...article }: SourceArticle): Job | R {
  try {
    return { ...article, text: markdown() };
  } catch (error) {
    return { ok: false, error: errorMessage(error), changed: error instanceof SourceChangedError } as R;
  }
}

export interface RenderPool {
  readonly render: BodyRendering;
  /** How many threads there are. */
  readonly size: number;
  /** Reads and parses files on the threads, with the settings of `config`. */
  readonly read: (files: readonly FileToRead[], config: SiteConfig) => Promise<readonly FileRead[]>;
  /** Stops the threads (the pool cannot be used after). */
  readonly close: () => Promise<void>;
}

/**
 * One render thread, started when there is work for it, and again if it dies (what it was rendering
 * then fails, the rest goes on). Idle for IDLE_MS, it stops: a thread holds tens of megabytes (its
 * own copy of the code, and what it last read and rendered), and a server that rendered what it
 * serves has little more for it.
 */
class RenderThread {
  readonly #entry: URL;
  #thread: Worker | undefined;
  #idle: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #pending = new Map<
    number,
    { resolve: (r: readonly unknown[]) => void; reject: (e: Error) => void }
  >();

  constructor(entry: URL) {
    this.#entry = entry;
  }

  get busy(): number {
    return this.#pending.size;
  }

  #start(): Worker {
    const thread = new Worker(this.#entry, { workerData: { role: ROLE } });
    // An idle thread must not keep the process alive; one with work is waited for.
    thread.unref();
    thread.on('message', (message: { id: number; results: readonly unknown[] }) => {
      this.#pending.get(message.id)?.resolve(message.results);
      this.#settled(message.id);
    });
    const died = (error: Error) => {
      if (this.#thread !== thread) return;
      this.#thread = undefined;
      for (const [id, { reject }] of this.#pending) {
        reject(error);
        this.#settled(id);
      }
    };
    thread.on('error', died);
    thread.on('exit', (code) => died(new Error(`the render thread stopped (exit code ${code})`)));
    return thread;
  }

  #settled(id: number) {
    this.#pending.delete(id);
    if (this.#pending.size > 0 || !this.#thread) return;
    this.#thread.unref();
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#stop(), IDLE_MS);
    this.#idle.unref();
  }

  /** Stops an idle thread (it is started again for the next work). */
  #stop() {
    const thread = this.#thread;
    if (!thread || this.#pending.size > 0) return;
    this.#thread = undefined;
    void thread.terminate();
  }

  render(batch: Batch | ReadBatch): Promise<readonly unknown[]> {
    if (this.#closed) return Promise.reject(new Error('the render pool is closed'));
    clearTimeout(this.#idle);
    this.#thread ??= this.#start();
    const thread = this.#thread;
    return new Promise((resolve, reject) => {
      this.#pending.set(batch.id, { resolve, reject });
      thread.ref();
      thread.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idle);
    const thread = this.#thread;
    this.#thread = undefined;
    await thread?.terminate();
  }
}

/**
 * A pool of `size` render threads, or undefined where no bundle can be started as one: running
 * from TypeScript sources (tests), bodies are rendered on the calling thread.
 */
export function renderPool(size: number): RenderPool | undefined {
  const entry = new URL(import.meta.url);
  if (entry.pathname.endsWith('.ts')) return undefined;
  const threads = Array.from({ length: size }, () => new RenderThread(entry));
  let next = 0;

  const render: BodyRendering = async <P extends RenderPart = 'body'>(
    articles: readonly SourceArticle[],
    context: BodyContextData,
    part?: P,
  ) => {
    type Result = RenderResult<Rendered<P>>;
    if (articles.length <= HERE_ARTICLES) {
      const jobs = articles.map(readJob<Result>);
      const readable = jobs.filter((job): job is Job => 'text' in job);
      if (readable.reduce((sum, job) => sum + job.text.length, 0) <= HERE_CHARACTERS) {
        const batch: Batch = { kind: 'render', id: next++, context, part: part ?? 'body', jobs: readable };
        const results = renderBatch(batch) as readonly Result[];
        let at = 0;
        return jobs.map((job) =>
          'text' in job ? (results[at++] ?? { ok: false, error: 'no result' }) : job,
        );
      }
    }
    const batches: Promise<readonly Result[]>[] = [];
    for (let i = 0; i < articles.length; i += BATCH) {
      // Reading a batch of bodies is the main thread's share: a turn for requests between batches.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const jobs = articles.slice(i, i + BATCH).map(readJob<Result>);
      const readable = jobs.filter((job): job is Job => 'text' in job);
      const thread = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
      const sent = (
        thread.render({
          kind: 'render',
          id: next++,
          context,
          part: part ?? 'body',
          jobs: readable,
        }) as Promise<readonly Result[]>
      ).catch((error: unknown) => readable.map((): Result => ({ ok: false, error: errorMessage(error) })));
      // Bodies that could not be read keep their place among the results.
      batches.push(
        sent.then((results) => {
          let at = 0;
          return jobs.map((job) =>
            'text' in job ? (results[at++] ?? { ok: false, error: 'no result' }) : job,
          );
        }),
      );
    }
    return (await Promise.all(batches)).flat();
  };

  const read = async (files: readonly FileToRead[], config: SiteConfig) => {
    const input = configInput(config);
    const batches: Promise<readonly FileRead[]>[] = [];
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const thread = threads.reduce((a, b) => (b.busy < a.busy ? b : a));
      const batch: ReadBatch = {
        kind: 'read',
        id: next++,
        config: input,
        files: files.slice(i, i + READ_BATCH),
      };
      // A thread that dies with a batch: the batch is read here instead.
      batches.push((thread.render(batch) as Promise<readonly FileRead[]>).catch(() => readBatch(batch)));
    }
    return (await Promise.all(batches)).flat();
  };

  return {
    render,
    read,
    size,
    close: async () => void (await Promise.all(threads.map((t) => t.close()))),
  };
}
