/**
 * Runs a build's per-award work in worker threads (publish-worker-node.ts), one per core:
 * signing (with verification of fresh signatures), drawing preview cards and, at the end,
 * scanning the output for leaks. Jobs are queued
 * at once, in batches, and handed to whichever worker is idle; each `run` gives its results in
 * the order of its jobs, whatever order the workers finish in, and they are byte for byte what
 * the same core functions give on the main thread.
 *
 * The build starts the work when Astro starts rendering pages and reads the results after, so
 * signing and drawing run beside Astro. Idle workers do not keep the process alive (a failed
 * Astro build still exits); they are held only while results are being awaited.
 *
 * The worker is loaded from its .ts file next to this one, by Node itself (Node 24 strips the
 * types), with `new URL('./publish-worker-node.ts', import.meta.url)`. That holds however this
 * module was loaded: Astro imports astro.config.mjs (and so the integration) with Node's own
 * `import()`, and Vite's module runner and Vitest also give each module its real file URL.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UnsignedCredential } from '../credential/types.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { CardArt, PreviewCard } from '../share/share-plan.ts';
import type { PreparedArtwork } from './prepare-artwork-node.ts';
import type { LeakFindings } from './scan-output-node.ts';
import type { CachedSignedAward } from './sign-cache-node.ts';
import { deserialiseError, type SerialisedError } from './worker-errors.ts';

/** One award to sign (and verify, when it is signed now rather than read from the cache). */
export interface SignJob {
  kind: 'sign';
  /** The award id; the result carries it back. */
  id: string;
  credential: UnsignedCredential;
  issuerSlug: string;
  /** Whose artwork the badge images are baked into. */
  achievementSlug: string;
  /** That achievement's file, which broken artwork is reported against. */
  achievementFile: string;
  /** The award's file, for error messages. */
  file: string;
}

/**
 * A signed award, with its cache key and whether it came from the cache. With a staging folder,
 * its JSON, JWT, PNG and SVG are there too, and `problems` says what reading them back found
 * (see published-forms-node.ts; empty when they hold exactly what was verified).
 */
export interface SignResult extends CachedSignedAward {
  kind: 'sign';
  id: string;
  problems?: string[];
}

/** One preview card to lay out and draw. */
export interface CardJob {
  kind: 'card';
  /** Where the card is published, relative to the site; also names it in errors. */
  preview: string;
  card: PreviewCard;
}

/**
 * A drawn card: the cache file holding it, or its bytes when the cache could not store it. With a
 * staging folder the card is there, at `preview`, and only the cache file's name is sent.
 */
export interface CardResult {
  kind: 'card';
  preview: string;
  file?: string;
  png?: Uint8Array;
}

/** Some files of the output folder to scan for leaks (see scan-output-node.ts). */
export interface ScanJob {
  kind: 'scan';
  root: string;
  files: string[];
  /** The addresses the site may publish. */
  allowed: string[];
}

export interface ScanResult extends LeakFindings {
  kind: 'scan';
}

export type Job = SignJob | CardJob | ScanJob;
export type JobResult = SignResult | CardResult | ScanResult;
type ResultOf<J extends Job> = J extends SignJob
  ? SignResult
  : J extends CardJob
    ? CardResult
    : ScanResult;

/** What each worker gets once, as `workerData`. */
export interface WorkerSetup {
  /** The site URL, as signAward takes it (for the JWT's `kid`). */
  site: string;
  /** Each issuer's signing keys; the private halves stay in memory. */
  keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>[];
  /** The issuer documents the build publishes, by absolute URL (see key-documents.ts). */
  documents: [string, unknown][];
  /** Data URIs of the artwork cards draw, by `artKey`. */
  artUris: [string, string][];
  /** The time fresh signatures are verified at: the latest date in the content. */
  asOf: string;
  /** Folder of the signed-result cache; none means sign everything. */
  signCacheDir?: string;
  /** Folder of the preview cache; none means cards come back as bytes. */
  previewCacheDir?: string;
  /**
   * Where to write each award's JSON, JWT, PNG and SVG and each card, laid out as in the site,
   * for the build to move into the output folder; none means results come back in messages.
   */
  staging?: string;
  /** Each achievement's artwork, to bake into (needed with `staging`). */
  artwork?: [string, PreparedArtwork][];
}

/** How WorkerSetup.artUris names a piece of card art. */
export function artKey(art: CardArt): string {
  return 'achievement' in art ? `achievement:${art.achievement}` : `issuer:${art.issuer}`;
}

export interface PublishPool {
  /**
   * Queues `jobs` now and gives their results in order (iterate it once). Results wait for the
   * consumer. The first job that fails ends the iteration with its error (a LaurelError or
   * LaurelErrors as the core threw it); a crashed worker fails every run.
   */
  run<J extends Job>(
    jobs: readonly J[],
    options?: { batchSize?: number },
  ): AsyncIterable<ResultOf<J>>;
  /** Stops the workers. Call it when done, also after an error. */
  close(): Promise<void>;
}

/**
 * Heap limits of each worker, in MB. A worker's live data is small (the JSON-LD contexts, one
 * batch of jobs); left to V8's defaults each heap grows to hundreds of MB of garbage before it is
 * collected, which on a 1,000-award site took a build to over 2 GiB. Measured there: peak memory
 * of the workers' work fell from 1.4 GiB to 0.7 GiB with these limits.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * Starts the workers. Each loads the signing libraries once (about a second on a slow machine),
 * so make one pool per build.
 */
export function createPublishPool(
  setup: WorkerSetup,
  options: { workers?: number; workerUrl?: URL } = {},
): PublishPool {
  const count = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const url = options.workerUrl ?? new URL('./publish-worker-node.ts', import.meta.url);
  const queue = new BatchQueue(
    Array.from(
      { length: count },
      () => new Worker(url, { workerData: setup, resourceLimits: WORKER_HEAP }),
    ),
  );
  return {
    run<J extends Job>(jobs: readonly J[], runOptions: { batchSize?: number } = {}) {
      const size = Math.max(1, Math.floor(runOptions.batchSize ?? 8));
      const pending: Promise<JobResult[]>[] = [];
      for (let start = 0; start < jobs.length; start += size) {
        const promise = queue.submit(jobs.slice(start, start + size));
        // Failures surface when the consumer reaches them, not as unhandled rejections.
        promise.catch(() => undefined);
        pending.push(promise);
      }
      return {
        async *[Symbol.asyncIterator]() {
          queue.hold();
          try {
            for (const batch of pending) yield* (await batch) as ResultOf<J>[];
          } finally {
            queue.release();
          }
        },
      };
    },
    close: () => queue.close(),
  };
}

/** Hands batches to idle workers, and routes each reply to its batch's promise. */
class BatchQueue {
  private readonly idle: Worker[];
  private readonly waiting: { request: BatchRequest; settle: Settle }[] = [];
  private readonly running = new Map<Worker, Settle>();
  private readonly workers: Worker[];
  private nextBatch = 0;
  private holders = 0;
  private failure: Error | undefined;

  constructor(workers: Worker[]) {
    this.workers = workers;
    this.idle = [...workers];
    for (const worker of workers) {
      worker.on('message', (reply: BatchReply) => this.settle(worker, reply));
      worker.on('error', (error: Error & { code?: string }) =>
        this.fail(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Error(
                `a publishing worker ran out of its ${WORKER_HEAP.maxOldGenerationSizeMb} MB ` +
                  'heap; this is a bug, please report it with the size of the site',
              )
            : error,
        ),
      );
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a publishing worker stopped with exit code ${code}`));
      });
      // Last: adding a 'message' listener refs the worker again.
      worker.unref();
    }
  }

  submit(jobs: Job[]): Promise<JobResult[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.push({
        request: { batch: this.nextBatch++, jobs },
        settle: { resolve, reject },
      });
      this.dispatch();
    });
  }

  /** Keeps the process alive for the workers while someone awaits their results. */
  hold(): void {
    if (this.holders++ === 0) for (const worker of this.workers) worker.ref();
  }

  release(): void {
    if (--this.holders === 0) for (const worker of this.workers) worker.unref();
  }

  async close(): Promise<void> {
    this.fail(new Error('the publishing pool was closed'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop() as Worker;
      const { request, settle } = this.waiting.shift() as BatchQueue['waiting'][number];
      this.running.set(worker, settle);
      worker.postMessage(request);
    }
  }

  private settle(worker: Worker, reply: BatchReply): void {
    const settle = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if ('error' in reply) settle?.reject(deserialiseError(reply.error));
    else settle?.resolve(reply.results);
    this.dispatch();
  }

  /** A worker that crashed takes the pool down: every batch not yet done is rejected. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const settle of this.running.values()) settle.reject(error);
    for (const { settle } of this.waiting) settle.reject(error);
    this.running.clear();
    this.waiting.length = 0;
  }
}

interface Settle {
  resolve(results: JobResult[]): void;
  reject(error: Error): void;
}

// The message protocol between the pool and its workers.

export interface BatchRequest {
  batch: number;
  jobs: Job[];
}

export type BatchReply =
  | { batch: number; results: JobResult[] }
  | { batch: number; error: SerialisedError };
