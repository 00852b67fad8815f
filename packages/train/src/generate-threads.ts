import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { AccelganError } from '@accelgan/data';
import { architectureModule, type BackendName, type GanShape, type Generator } from '@accelgan/model';
import { sampleBatches, sharedClaim } from './generate-batches.js';
import type { GenerateJob, WeightList, WorkerMessage } from './generate-job.js';

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
  /** Latent vector of every window, [labels.length × latentDim]; default: drawn from (seed, batch). */
  readonly latents?: Float32Array | undefined;
  readonly seed: number;
  readonly batchSize: number;
  /** Worker threads; 1 samples in this thread. Defaults to {@link defaultThreads}. */
  readonly threads?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
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

/**
 * Samples labels.length windows in normalised units, batch b from noise seeded by
 * (seed, b). With T > 1 threads, this thread and T - 1 workers claim batches from one
 * shared counter and write into one shared buffer: the result is identical whatever the
 * thread count, and this thread, whose backend is already warm, works while the workers
 * load theirs (about a second each).
 */
export async function sampleWindows(source: SamplingSource, options: SamplingOptions): Promise<Float32Array> {
  const { labels, batchSize } = options;
  const n = labels.length;
  const L = source.shape.samplesPerWindow;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new AccelganError(`batch size must be a positive integer, got ${batchSize}`);
  const batches = Math.ceil(n / batchSize);
  const threads = Math.min(options.threads ?? defaultThreads(), batches);
  if (!Number.isInteger(threads) || threads < 1)
    throw new AccelganError(`threads must be a positive integer, got ${options.threads}`);
  if (options.latents && options.latents.length !== n * source.generator.latentDim) {
    throw new Error(
      `${options.latents.length} latent values for ${n} windows of latent size ${source.generator.latentDim}`,
    );
  }
  let done = 0;
  const onBatch = (windows: number) => options.onProgress?.((done += windows), n);
  const threaded = threads > 1 && workersAvailable();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const claim = sharedClaim(counter, batches);
  const out = threaded ? new Float32Array(new SharedArrayBuffer(n * L * 4)) : new Float32Array(n * L);
  const here = () => sampleBatches(source.generator, { ...options, claim, out, samplesPerWindow: L, onBatch });
  if (!threaded) {
    await here();
    return out;
  }
  const sharedLabels = new Int32Array(new SharedArrayBuffer(n * 4));
  sharedLabels.set(labels);
  let sharedLatents: Float32Array | undefined;
  if (options.latents) {
    sharedLatents = new Float32Array(new SharedArrayBuffer(options.latents.byteLength));
    sharedLatents.set(options.latents);
  }
  const job: GenerateJob = {
    backend: tf.getBackend() as BackendName,
    arch: source.arch,
    architectureModule: architectureModule(source.arch),
    shape: source.shape,
    buildSeed: source.buildSeed,
    latentDim: source.generator.latentDim,
    trainable: await shareWeights(source.generator.trainable),
    state: await shareWeights(source.generator.state),
    seed: options.seed,
    batchSize,
    batches,
    counter,
    labels: sharedLabels,
    latents: sharedLatents,
    out,
  };
  const workers: Worker[] = [];
  try {
    const runs: Promise<void>[] = [];
    for (let t = 1; t < threads; t++) {
      const worker = new Worker(new URL(WORKER_FILE, import.meta.url), { workerData: job });
      workers.push(worker);
      runs.push(awaitWorker(worker, t, onBatch));
    }
    // A failing worker rejects at once, even while this thread is still sampling.
    await Promise.all([...runs, here()]);
  } finally {
    // Stop the workers from claiming more: they end after their current batch.
    Atomics.store(counter, 0, batches);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  // A plain copy: callers may hand the values to APIs that refuse shared memory.
  return out.slice();
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

/** Resolves when the worker reports done; any failure or early exit becomes an AccelganError. */
function awaitWorker(worker: Worker, index: number, onBatch: (windows: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new AccelganError(`generation worker ${index} failed: ${why}`));
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'batch') onBatch(message.windows);
      else if (message.kind === 'done') resolve();
      else fail(message.message);
    });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exited with code ${code} before finishing`));
  });
}
