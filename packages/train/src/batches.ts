import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed, permutation, Stream } from './seeds.js';

export interface Batch {
  /** [B, L, 1] normalised windows. */
  readonly windows: tf.Tensor3D;
  /** [B] int32 class labels. */
  readonly labels: tf.Tensor1D;
  /** [B] 1 for windows of recordings on the watch's grid, 0 for the others; absent: every window is on it where the run has a grid. */
  readonly onGrid?: tf.Tensor1D | undefined;
}

/**
 * windows [N, L, 1] plus uniform noise on ±halfWidth drawn from `seed`: real windows spread
 * over the watch's quantisation step, so that the discriminator cannot tell real from fake
 * by the grid real values lie on (StepContext.dequantise). With `onGrid` [N], only the
 * windows it flags (their recordings are on the grid; the others' values are fractions
 * already); the noise drawn is the same either way.
 */
export function dequantised(windows: tf.Tensor3D, halfWidth: number, seed: number, onGrid?: tf.Tensor1D): tf.Tensor3D {
  const noise = tf.randomUniform(windows.shape, -halfWidth, halfWidth, 'float32', seed);
  return tf.add(windows, onGrid ? tf.mul(noise, tf.reshape(onGrid, [-1, 1, 1])) : noise);
}

/**
 * Serves batch b of the training set as a pure function of (seed, b): epoch e is a
 * seeded permutation, cut into whole batches (the remainder is dropped). The data
 * lives on the backend once; a batch is a gather.
 */
export class BatchSampler {
  readonly batchSize: number;
  /** [N, L, 1] every training window, on the backend. */
  readonly windows: tf.Tensor3D;
  /** [N] int32 every training window's class. */
  readonly labels: tf.Tensor1D;
  /** [N] float32 1 where a training window's recording is on the watch's grid; absent where every window's is (or none is). */
  readonly onGrid: tf.Tensor1D | undefined;
  private readonly batchesPerEpoch: number;
  private cachedEpoch = -1;
  private order: Int32Array = new Int32Array(0);

  constructor(
    values: Float32Array,
    labels: Int32Array,
    samplesPerWindow: number,
    batchSize: number,
    private readonly seed: number,
    /** [N] each training window's recording group, where known (DrawnFromData.fit). */
    readonly groups?: Int32Array,
    /** [N] 1 where a training window's recording is on the watch's grid (watch-grid.ts), where some are and some are not. */
    readonly gridFlags?: Uint8Array,
  ) {
    const n = labels.length;
    this.batchSize = Math.min(batchSize, n);
    this.batchesPerEpoch = Math.floor(n / this.batchSize);
    this.windows = tf.tensor3d(values, [n, samplesPerWindow, 1]);
    this.labels = tf.tensor1d(labels, 'int32');
    this.onGrid = gridFlags ? tf.tensor1d(Float32Array.from(gridFlags)) : undefined;
  }

  /** Tensors are created in the caller's tidy scope. */
  batch(b: number): Batch {
    const epoch = Math.floor(b / this.batchesPerEpoch);
    if (epoch !== this.cachedEpoch) {
      this.order = permutation(this.labels.shape[0], deriveSeed(this.seed, Stream.EpochOrder, epoch));
      this.cachedEpoch = epoch;
    }
    const start = (b % this.batchesPerEpoch) * this.batchSize;
    const indices = tf.tensor1d(this.order.subarray(start, start + this.batchSize), 'int32');
    return {
      windows: tf.gather(this.windows, indices),
      labels: tf.gather(this.labels, indices),
      onGrid: this.onGrid && tf.gather(this.onGrid, indices),
    };
  }

  dispose(): void {
    this.windows.dispose();
    this.labels.dispose();
    this.onGrid?.dispose();
  }
}
