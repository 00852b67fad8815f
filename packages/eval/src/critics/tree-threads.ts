import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AccelganError } from '@accelgan/data';
import type { FeatureMatrix } from '../metrics/features.js';
import { treeFold, type TreeFoldJob, type TreeFoldResult } from './tree-fold.js';

/**
 * The tree critic's folds on worker threads. An evaluation fits the tree critic about 80
 * times (folds × seeds, for the synthetic set, the floor and every rung of the ladder),
 * each fit independent of the others and of the CNN, which keeps this thread busy
 * meanwhile. A fit is deterministic and gets everything it depends on in its job, so
 * which thread runs it, and when, changes no number.
 */

/** A fold sent to a worker. */
export interface TreeRequest {
  readonly id: number;
  readonly job: TreeFoldJob;
}

/** A worker's answer: the fold's result, or why it failed. */
export type TreeReply =
  | { readonly id: number; readonly logits: Float64Array; readonly gain: Float64Array }
  | { readonly id: number; readonly error: string };

const WORKER_FILE = './tree-worker.js';

/**
 * Threads for the tree critic: ACCELGAN_THREADS where set, else one per core. One means
 * none: the folds are fitted in this thread as they come.
 */
export function treeThreads(): number {
  const fromEnv = process.env.ACCELGAN_THREADS;
  if (fromEnv != null && fromEnv !== '') {
    const threads = Number(fromEnv);
    if (!Number.isInteger(threads) || threads < 1)
      throw new AccelganError(`ACCELGAN_THREADS must be a positive integer, got "${fromEnv}"`);
    return threads;
  }
  return availableParallelism();
}

/** Whether the compiled worker script exists: not when the sources run directly (the tests). */
function workersAvailable(): boolean {
  return !import.meta.url.endsWith('.ts');
}

/**
 * Fits one fold of the tree critic (tree-fold.ts) on a worker thread where there are
 * several, else here and now. The promise settles with the same numbers either way.
 */
export function fitTreeFold(job: TreeFoldJob): Promise<TreeFoldResult> {
  const threads = treeThreads();
  if (threads < 2 || !workersAvailable()) {
    try {
      return Promise.resolve(treeFold(job));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  pool ??= new TreePool(threads);
  return pool.run({ ...job, a: shared(job.a), b: shared(job.b) });
}

let pool: TreePool | undefined;

/** Copies of feature matrices in shared memory, made once per matrix, so every worker reads the same copy. */
const sharedCopies = new WeakMap<FeatureMatrix, FeatureMatrix>();

function shared(m: FeatureMatrix): FeatureMatrix {
  if (m.data.buffer instanceof SharedArrayBuffer) return m;
  let copy = sharedCopies.get(m);
  if (!copy) {
    const data = new Float64Array(new SharedArrayBuffer(m.data.byteLength));
    data.set(m.data);
    copy = { rows: m.rows, cols: m.cols, data };
    sharedCopies.set(m, copy);
  }
  return copy;
}

interface Pending {
  readonly resolve: (result: TreeFoldResult) => void;
  readonly reject: (error: Error) => void;
  readonly worker: number;
}

/**
 * Worker threads kept between evaluations (a report of several draws runs many). Each
 * fold goes to the worker with the fewest waiting; the workers hold the process open only
 * while folds are waiting, so an idle pool never delays exit.
 */
class TreePool {
  private readonly workers: Worker[];
  private readonly load: number[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {
    this.workers = Array.from({ length: size }, (_, w) => this.start(w));
    this.load = new Array<number>(size).fill(0);
  }

  private start(w: number): Worker {
    const worker = new Worker(new URL(WORKER_FILE, import.meta.url));
    worker.unref();
    worker.on('message', (reply: TreeReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.settle(reply.id, job);
      if ('error' in reply) job.reject(new AccelganError(`the tree critic failed in a worker thread: ${reply.error}`));
      else job.resolve({ logits: reply.logits, gain: reply.gain });
    });
    worker.on('error', (error) => this.fail(`the tree critic's worker thread ${w + 1} failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(`the tree critic's worker thread ${w + 1} exited with code ${code}`);
    });
    return worker;
  }

  run(job: TreeFoldJob): Promise<TreeFoldResult> {
    if (this.closed) return Promise.reject(new AccelganError('the tree critic threads have stopped'));
    let w = 0;
    for (let k = 1; k < this.size; k++) if ((this.load[k] as number) < (this.load[w] as number)) w = k;
    const id = this.nextId++;
    if (this.pending.size === 0) for (const worker of this.workers) worker.ref();
    this.load[w] = (this.load[w] as number) + 1;
    const request: TreeRequest = { id, job };
    return new Promise<TreeFoldResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w });
      (this.workers[w] as Worker).postMessage(request);
    });
  }

  private settle(id: number, job: Pending): void {
    this.pending.delete(id);
    this.load[job.worker] = (this.load[job.worker] as number) - 1;
    if (this.pending.size === 0) for (const worker of this.workers) worker.unref();
  }

  /** Rejects every waiting fold and ends the pool; the next fold starts a new one. */
  private fail(message: string): void {
    if (pool === this) pool = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.close();
    for (const job of waiting) job.reject(new AccelganError(message));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const worker of this.workers) void worker.terminate();
  }
}
