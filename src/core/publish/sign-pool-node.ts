/**
 * Signs and bakes awards in worker threads (sign-worker-node.ts), one per core, so the build's
 * main thread stays free for Astro. Jobs go out in small batches to whichever worker is idle;
 * results come back in the order the jobs were given, whatever order the workers finish in, and
 * are byte for byte what `signAward`, `bakePng` and `bakeSvg` give on the main thread.
 *
 * The worker is loaded from its .ts file next to this one, by Node itself (Node 24 strips the
 * types), with the URL `new URL('./sign-worker-node.ts', import.meta.url)`. That holds however
 * this module was loaded: Astro first imports astro.config.mjs (and so the integration) with
 * Node's own `import()`, and only falls back to Vite's module runner, which also gives each module
 * its real file URL; tests/core/publish/sign-pool.test.ts runs it under Vitest's. A bundler that
 * moved this file would have to copy the worker beside it, or pass `workerUrl`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UnsignedCredential } from '../credential/types.ts';
import { LaurelError, type LaurelErrorCode } from '../errors.ts';
import type { IssuerKeys } from '../keys/load-issuer-keys.ts';
import type { PreparedArtwork } from './prepare-artwork-node.ts';
import type { CachedSignedAward } from './sign-cache-node.ts';

export interface SignPoolOptions {
  /** Each issuer's keys, by issuer slug; the private halves go to the workers in memory only. */
  keysByIssuer: ReadonlyMap<string, IssuerKeys>;
  /** The site URL, as signAward takes it (for the JWT's `kid`). */
  site: string;
  /** Each achievement's artwork, by slug, as prepareArtwork made it; needed to bake. */
  artwork?: ReadonlyMap<string, PreparedArtwork>;
  /** Folder of the signed-result cache (see sign-cache-node.ts); none when left out. */
  cacheDir?: string;
  /** Number of worker threads; defaults to `os.availableParallelism()`, at least 1. */
  workers?: number;
  /** Jobs per message to a worker; small enough to keep every worker busy to the end. */
  batchSize?: number;
  /** Where the worker module is; defaults to sign-worker-node.ts beside this file. */
  workerUrl?: URL;
}

/** One award to sign and bake. */
export interface SignJob {
  /** The award id; results carry it back. */
  id: string;
  credential: UnsignedCredential;
  issuerSlug: string;
  achievementSlug: string;
  /** The award's file, for error messages. */
  file: string;
}

/**
 * A signed award with where it came from. `cacheKey` is what to pass to `SignCache.discard` if
 * the self-check rejects the award, or to `SignCache.set(..., { verified: true })` once it passed.
 */
export interface SignedJob extends CachedSignedAward {
  id: string;
}

/** A signed award with its published forms, ready to write. */
export interface BakedJob extends SignedJob {
  /** The credential JSON as published: two-space indent, final newline. */
  json: string;
  png: Uint8Array;
  svg: string;
}

export interface SignPool {
  /**
   * Signs and bakes `jobs`, yielding results in the order of `jobs` (iterate it once). Work starts
   * at once and runs
   * ahead of the consumer by at most `readAhead` results (default 8 batches per worker), which
   * bounds memory however large the site. The first job that fails ends the iteration with its
   * error (a LaurelError as the core threw it).
   */
  signAndBake(jobs: Iterable<SignJob>, options?: { readAhead?: number }): AsyncIterable<BakedJob>;
  /**
   * Signs only, yielding results in the order of `jobs`. All jobs are queued at once and results
   * wait for the consumer (a few KB each), so this can start before the output folder exists,
   * e.g. while Astro renders pages, and be read afterwards.
   */
  sign(jobs: Iterable<SignJob>): AsyncIterable<SignedJob>;
  /** Stops the workers. Call it when done, also after an error. */
  close(): Promise<void>;
}

/**
 * Starts the workers. Each loads the signing libraries once (about a second of start-up on a
 * slow machine), so create one pool per build, not per award.
 */
export function createSignPool(options: SignPoolOptions): SignPool {
  const count = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  const setup: WorkerSetup = {
    site: options.site,
    keys: [...options.keysByIssuer.values()].map(({ issuerSlug, ed25519, rsa }) => ({
      issuerSlug,
      ed25519,
      rsa,
    })),
    artwork: [...(options.artwork ?? new Map())],
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  };
  const url = options.workerUrl ?? new URL('./sign-worker-node.ts', import.meta.url);
  const queue = new BatchQueue(
    Array.from({ length: count }, () => new Worker(url, { workerData: setup })),
  );

  function run<T>(jobs: Iterable<SignJob>, bake: boolean, readAhead: number): AsyncIterable<T> {
    const batches = chunks([...jobs], batchSize);
    const maxInFlight = Math.max(count, Math.ceil(readAhead / batchSize));
    const pending: Promise<PoolResult[]>[] = [];
    let next = 0;
    let stopped = false;
    const fill = () => {
      while (!stopped && next < batches.length && pending.length < maxInFlight) {
        const promise = queue.submit(batches[next++] as SignJob[], bake);
        // Failures surface when the consumer reaches them, not as unhandled rejections.
        promise.catch(() => undefined);
        pending.push(promise);
      }
    };
    fill();
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for (let batch = pending.shift(); batch; batch = pending.shift()) {
            fill();
            yield* (await batch) as T[];
          }
        } finally {
          stopped = true;
        }
      },
    };
  }

  return {
    signAndBake: (jobs, runOptions) =>
      run<BakedJob>(jobs, true, runOptions?.readAhead ?? count * batchSize * 8),
    sign: (jobs) => run<SignedJob>(jobs, false, Number.POSITIVE_INFINITY),
    close: () => queue.close(),
  };
}

/** Hands batches to idle workers, and routes each reply to its batch's promise. */
class BatchQueue {
  private readonly idle: Worker[];
  private readonly waiting: { request: BatchRequest; settle: Settle }[] = [];
  private readonly running = new Map<Worker, Settle>();
  private nextBatch = 0;
  private failure: Error | undefined;

  private readonly workers: Worker[];

  constructor(workers: Worker[]) {
    this.workers = workers;
    this.idle = [...workers];
    for (const worker of workers) {
      worker.on('message', (reply: BatchReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a signing worker stopped with exit code ${code}`));
      });
    }
  }

  submit(jobs: SignJob[], bake: boolean): Promise<PoolResult[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.push({
        request: { batch: this.nextBatch++, jobs, bake },
        settle: { resolve, reject },
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.fail(new Error('the signing pool was closed'));
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
    if ('error' in reply) settle?.reject(deserialise(reply.error));
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

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

function deserialise(error: SerialisedError): Error {
  if (error.laurel) {
    const { code, message, file, field, line, hint } = error;
    return new LaurelError(code, message, { file, field, line, hint });
  }
  const copy = new Error(error.message);
  if (error.stack) copy.stack = error.stack;
  return copy;
}

interface Settle {
  resolve(results: PoolResult[]): void;
  reject(error: Error): void;
}

// The message protocol between the pool and its workers.

/** What each worker gets once, as `workerData`. */
export interface WorkerSetup {
  site: string;
  keys: Pick<IssuerKeys, 'issuerSlug' | 'ed25519' | 'rsa'>[];
  artwork: [string, PreparedArtwork][];
  cacheDir?: string;
}

export interface BatchRequest {
  batch: number;
  jobs: SignJob[];
  bake: boolean;
}

/** A result as it crosses the thread boundary; the baked members are there when asked for. */
export type PoolResult = SignedJob & Partial<Pick<BakedJob, 'json' | 'png' | 'svg'>>;

export type BatchReply =
  | { batch: number; results: PoolResult[] }
  | { batch: number; error: SerialisedError };

export type SerialisedError =
  | {
      laurel: true;
      code: LaurelErrorCode;
      message: string;
      file: string | undefined;
      field: string | undefined;
      line: number | undefined;
      hint: string | undefined;
    }
  | { laurel: false; message: string; stack: string | undefined };
