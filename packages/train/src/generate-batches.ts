import * as tf from '@tensorflow/tfjs-core';
import type { Generator } from '@accelgan/model';
import { deriveSeed, Stream } from './seeds.js';

/**
 * Noise is drawn in blocks of this many windows, block k from deriveSeed(seed, Generation,
 * k), whatever the batch size: window w's latent is row w mod NOISE_BLOCK of block
 * floor(w / NOISE_BLOCK). So the windows depend on neither the batch size nor how a long
 * request is cut into chunks. (tf.randomNormal draws values in order, so a batch of 1,024
 * starting at a block's first row, the default, reads exactly the block.)
 */
export const NOISE_BLOCK = 1024;

/** Which batches to sample and where to put them. */
export interface BatchJob {
  /** Run seed: noise block k is drawn from deriveSeed(seed, Generation, k). */
  readonly seed: number;
  readonly batchSize: number;
  /**
   * Hands out the next batch index to sample, or -1 when none is left. Threads share one
   * counter, so a thread that starts late (a worker loading its backend) simply takes fewer.
   */
  readonly claim: () => number;
  /** Class index of every window of the whole request. */
  readonly labels: Int32Array;
  /**
   * Latent vector of every window, [n × latentDim], where the caller chose them (whole
   * events walk the latent space from window to window); absent: drawn from (seed, batch).
   */
  readonly latents?: Float32Array | undefined;
  /** Output for the whole request, [n * samplesPerWindow]; only claimed batches' rows are written. */
  readonly out: Float32Array;
  /** Index of labels[0] in the whole generation (a chunk of a long one starts past 0); default 0. */
  readonly firstWindow?: number | undefined;
  readonly samplesPerWindow: number;
  /** Called after each batch with the number of windows it produced. */
  readonly onBatch?: ((windows: number) => void) | undefined;
}

/**
 * Samples claimed batches in normalised units into `out` until none is left.
 * A window's noise depends only on (seed, its index in the whole generation), never on
 * which thread samples it or in which batch, which is what makes threaded and chunked
 * generation identical to the in-process loop.
 */
export async function sampleBatches(generator: Generator, job: BatchJob): Promise<void> {
  const { seed, batchSize, labels, out, samplesPerWindow: L } = job;
  const n = labels.length;
  for (let b = job.claim(); b >= 0; b = job.claim()) {
    const start = b * batchSize;
    const size = Math.min(batchSize, n - start);
    if (size <= 0) break;
    const windows = tf.tidy(() => {
      const d = generator.latentDim;
      const z = job.latents
        ? tf.tensor2d(job.latents.subarray(start * d, (start + size) * d), [size, d], 'float32')
        : generationLatents(seed, d, (job.firstWindow ?? 0) + start, size);
      const y = tf.tensor1d(labels.subarray(start, start + size), 'int32');
      return generator.apply(z, y, false);
    });
    out.set((await windows.data()) as Float32Array, start * L);
    windows.dispose();
    job.onBatch?.(size);
  }
}

/** The latents [size, latentDim] of windows [start, start + size) of a generation: rows of the noise blocks they fall in. Call inside tf.tidy. */
export function generationLatents(seed: number, latentDim: number, start: number, size: number): tf.Tensor2D {
  const first = Math.floor(start / NOISE_BLOCK);
  const last = Math.floor((start + size - 1) / NOISE_BLOCK);
  const blocks: tf.Tensor2D[] = [];
  for (let k = first; k <= last; k++)
    blocks.push(tf.randomNormal([NOISE_BLOCK, latentDim], 0, 1, 'float32', deriveSeed(seed, Stream.Generation, k)));
  const rows = blocks.length === 1 ? blocks[0]! : tf.concat2d(blocks, 0);
  return tf.slice(rows, [start - first * NOISE_BLOCK, 0], [size, latentDim]);
}

/** A claim function over a shared counter (Atomics), for batches 0..batches-1. */
export function sharedClaim(counter: Int32Array, batches: number): () => number {
  return () => {
    const b = Atomics.add(counter, 0, 1);
    return b < batches ? b : -1;
  };
}
