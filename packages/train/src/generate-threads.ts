import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError } from '@accelgan/data';
import { architectureModule, type BackendName, type GanShape, type Generator } from '@accelgan/model';
import { sampleBatches, sharedClaim } from './generate-batches.js';
import type { GeneratorJob, SampleJob, WeightList, WorkerMessage } from './generate-job.js';

/** A generator plus what a worker needs to rebuild it: its architecture's name, shape and build seed. */
export interface SamplingSource {
  readonly generator: Generator;
  readonly arch: string;
  readonly shape: GanShape;
  /** The seed it was built from: fixed tensors built from it (`styled`'s noise projection and level directions) are not shared as weights. */
  readonly buildSeed: number;
}

export interface SamplingOptions {
  readonly labels: Int32Array;
  /** Latent vector of every window, [labels.length × latentDim]; default: drawn from (seed, window index). */
  readonly latents?: Float32Array | undefined;
  readonly seed: number;
  readonly batchSize: number;
  /** Worker threads; 1 samples in this thread. Defaults to {@link defaultThreads}. */
  readonly threads?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Sampling that keeps its worker threads between requests: a long generation asks for it chunk by chunk. */
export interface Sampler {
  /**
   * Samples labels.length windows in normalised units; window i is window firstWindow + i
   * of the whole generation (its noise depends on that index, see NOISE_BLOCK).
   */
  sample(request: SampleRequest): Promise<Float32Array>;
  /** Ends the worker threads. */
  close(): Promise<void>;
}

export interface SampleRequest {
  readonly labels: Int32Array;
  readonly latents?: Float32Array | undefined;
  /** Default 0. */
  readonly firstWindow?: number | undefined;
  /** Called after each batch with the number of windows it produced. */
  readonly onBatch?: ((windows: number) => void) | undefined;
}

const WORKER_FILE = './generate-worker.js';

/**
 * Threads to use when none is asked for: ACCELGAN_THREADS, else one per core. The native
 * TensorFlow backend already uses every core itself, so it gets one.
 */
export function defaultThreads(backend: string = tf.getBackend()): number {
  const fromEnv = process.env.ACCELGAN_THREADS;
  if (fromEnv != null && fromEnv !== '') {
    const threads = Number(fromEnv);
    if (!Number.isInteger(threads) || threads < 1)
      throw new AccelganError(`ACCELGAN_THREADS must be a positive integer, got "${fromEnv}"`);
    return threads;
  }
  return backend === 'tensorflow' ? 1 : availableParallelism();
}

/**
 * Whether workers can run this module's compiled worker script. Under vitest this module
 * is the TypeScript source, which a plain Node worker cannot load (Node 20 strips no
 * types), so sampling stays in-process there; the built `dist` always has the script.
 */
export function workersAvailable(): boolean {
  return !import.meta.url.endsWith('.ts');
}

/** Samples labels.length windows in normalised units: one request of a {@link Sampler}. */
export async function sampleWindows(source: SamplingSource, options: SamplingOptions): Promise<Float32Array> {
  const n = options.labels.length;
  const sampler = await openSampler(source, options, Math.ceil(n / options.batchSize));
  let done = 0;
  try {
    return await sampler.sample({
      labels: options.labels,
      latents: options.latents,
      onBatch: (windows) => options.onProgress?.((done += windows), n),
    });
  } finally {
    await sampler.close();
  }
}

/**
 * A sampler on T threads: with T > 1, this thread and T - 1 workers claim the batches of
 * each request from one shared counter and write into one shared buffer: the result is
 * identical whatever the thread count, and this thread, whose backend is already warm,
 * works while the workers load theirs (about a second each, once per sampler). `batches`
 * bounds the threads worth starting (default: no bound).
 */
export async function openSampler(
  source: SamplingSource,
  options: Pick<SamplingOptions, 'seed' | 'batchSize' | 'threads'>,
  batches = Number.POSITIVE_INFINITY,
): Promise<Sampler> {
  const { batchSize, seed } = options;
  const L = source.shape.samplesPerWindow;
  const d = source.generator.latentDim;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AccelganError(`batch size must be a positive integer, got ${batchSize}`);
  const threads = Math.min(options.threads ?? defaultThreads(), batches);
  if (!Number.isInteger(threads) || threads < 1)
    throw new AccelganError(`threads must be a positive integer, got ${options.threads}`);
  const threaded = threads > 1 && workersAvailable();
  let workers: SamplingWorker[] | undefined;
  const startWorkers = async (): Promise<SamplingWorker[]> => {
    const job: GeneratorJob = {
      backend: tf.getBackend() as BackendName,
      arch: source.arch,
      architectureModule: architectureModule(source.arch),
      shape: source.shape,
      buildSeed: source.buildSeed,
      latentDim: d,
      trainable: await shareWeights(source.generator.trainable),
      state: await shareWeights(source.generator.state),
      seed,
      batchSize,
    };
    return Array.from(
      { length: threads - 1 },
      (_, t) => new SamplingWorker(new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: job }), t + 1),
    );
  };
  // Shared buffers are kept and reused from request to request: a worker's isolate rarely
  // collects garbage, so buffers made afresh per request would pile up there until it did.
  const buffers = new SharedBuffers();
  let broken: Error | undefined;
  return {
    async sample(request) {
      if (broken) throw broken;
      const n = request.labels.length;
      if (request.latents && request.latents.length !== n * d)
        throw new Error(`${request.latents.length} latent values for ${n} windows of latent size ${d}`);
      const count = Math.ceil(n / batchSize);
      const counter = threaded ? buffers.counter() : new Int32Array(1);
      const claim = sharedClaim(counter, count);
      const out = threaded ? buffers.floats('out', n * L) : new Float32Array(n * L);
      const firstWindow = request.firstWindow ?? 0;
      const here = () =>
        sampleBatches(source.generator, {
          seed,
          batchSize,
          labels: request.labels,
          latents: request.latents,
          firstWindow,
          claim,
          out,
          samplesPerWindow: L,
          onBatch: request.onBatch,
        });
      if (!threaded) {
        await here();
        return out;
      }
      workers ??= await startWorkers();
      const labels = buffers.ints('labels', n);
      labels.set(request.labels);
      let latents: Float32Array | undefined;
      if (request.latents) {
        latents = buffers.floats('latents', request.latents.length);
        latents.set(request.latents);
      }
      const job: SampleJob = { kind: 'sample', batches: count, counter, labels, latents, out, firstWindow };
      try {
        // A failing worker rejects at once, even while this thread is still sampling.
        await Promise.all([...workers.map((worker) => worker.run(job, request.onBatch)), here()]);
      } catch (error) {
        // Stop the others from claiming more: they end after their current batch. The
        // buffers may still be written to, so this sampler takes no further request.
        Atomics.store(counter, 0, count);
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      }
      // A plain copy: callers may hand the values to APIs that refuse shared memory.
      return out.slice();
    },
    async close() {
      const running = workers ?? [];
      workers = [];
      await Promise.all(running.map((worker) => worker.terminate()));
    },
  };
}

/** Shared memory for requests, grown when a request needs more and otherwise reused; views of the size asked. */
class SharedBuffers {
  private readonly memory = new Map<string, SharedArrayBuffer>();
  private claimCounter: Int32Array | undefined;

  /** The next-batch counter, set back to 0. */
  counter(): Int32Array {
    this.claimCounter ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(this.claimCounter, 0, 0);
    return this.claimCounter;
  }

  floats(name: string, length: number): Float32Array {
    return new Float32Array(this.bytes(name, length * 4), 0, length);
  }

  ints(name: string, length: number): Int32Array {
    return new Int32Array(this.bytes(name, length * 4), 0, length);
  }

  private bytes(name: string, size: number): SharedArrayBuffer {
    let buffer = this.memory.get(name);
    if (!buffer || buffer.byteLength < size) this.memory.set(name, (buffer = new SharedArrayBuffer(size)));
    return buffer;
  }
}

/** Copies each variable's values into a SharedArrayBuffer that every worker reads. */
async function shareWeights(variables: ReadonlyMap<string, tf.Variable>): Promise<WeightList> {
  const list: (readonly [string, Float32Array])[] = [];
  for (const [name, variable] of variables) {
    const values = (await variable.data()) as Float32Array;
    const shared = new Float32Array(new SharedArrayBuffer(values.byteLength));
    shared.set(values);
    list.push([name, shared]);
  }
  return list;
}

/**
 * One worker thread and the request it is working on: its messages resolve or reject that
 * request; any failure or early exit becomes an AccelganError, then and for later requests.
 */
class SamplingWorker {
  private pending: { resolve: () => void; reject: (error: Error) => void; onBatch?: (n: number) => void } | undefined;
  private failure: Error | undefined;
  private ended = false;

  constructor(
    private readonly worker: Worker,
    private readonly index: number,
  ) {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'batch') this.pending?.onBatch?.(message.windows);
      else if (message.kind === 'done') this.settle();
      else this.fail(message.message);
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => {
      if (!this.ended) this.fail(`exited with code ${code} before finishing`);
    });
  }

  run(job: SampleJob, onBatch: ((windows: number) => void) | undefined): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, ...(onBatch ? { onBatch } : {}) };
      this.worker.postMessage(job);
    });
  }

  async terminate(): Promise<void> {
    this.ended = true;
    await this.worker.terminate();
  }

  private settle(): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve();
  }

  private fail(why: string): void {
    this.failure ??= new AccelganError(`generation worker ${this.index} failed: ${why}`);
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }
}
