import * as tf from '@tensorflow/tfjs-core';
import type { Generator } from '@accelgan/model';
import { deriveSeed, Stream } from './seeds.js';

/** Which batches to sample and where to put them. */
export interface BatchJob {
  /** Run seed: batch b's noise is drawn from deriveSeed(seed, Generation, b). */
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
  readonly samplesPerWindow: number;
  /** Called after each batch with the number of windows it produced. */
  readonly onBatch?: ((windows: number) => void) | undefined;
}

/**
 * Samples claimed batches in normalised units into `out` until none is left.
 * Noise and labels of batch b depend only on (seed, b), never on which thread samples
 * it, which is what makes threaded generation identical to the in-process loop.
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
        : (tf.randomNormal([size, d], 0, 1, 'float32', deriveSeed(seed, Stream.Generation, b)) as tf.Tensor2D);
      const y = tf.tensor1d(labels.subarray(start, start + size), 'int32');
      return generator.apply(z, y, false);
    });
    out.set((await windows.data()) as Float32Array, start * L);
    windows.dispose();
    job.onBatch?.(size);
  }
}

/** A claim function over a shared counter (Atomics), for batches 0..batches-1. */
export function sharedClaim(counter: Int32Array, batches: number): () => number {
  return () => {
    const b = Atomics.add(counter, 0, 1);
    return b < batches ? b : -1;
  };
}
