import type * as tf from '@tensorflow/tfjs-core';
import { batchNorm, type BatchNormOptions } from '../ops/batch-norm.js';
import { ones, zeros } from './initializers.js';
import type { VariableStore } from './variable-store.js';

/**
 * Batch normalisation over channels. Variables: `name/gamma`, `name/beta` [C] (trainable)
 * and the state `name/moving_mean`, `name/moving_variance` [C]. Keras defaults
 * (momentum 0.99, epsilon 1e-3) unless given.
 */
export class BatchNormLayer {
  readonly gamma: tf.Variable<tf.Rank.R1>;
  readonly beta: tf.Variable<tf.Rank.R1>;
  readonly movingMean: tf.Variable<tf.Rank.R1>;
  readonly movingVariance: tf.Variable<tf.Rank.R1>;

  constructor(
    store: VariableStore,
    name: string,
    channels: number,
    private readonly options: BatchNormOptions = {},
  ) {
    this.gamma = store.weight(`${name}/gamma`, [channels], ones);
    this.beta = store.weight(`${name}/beta`, [channels], zeros);
    this.movingMean = store.stateVariable(`${name}/moving_mean`, [channels], zeros);
    this.movingVariance = store.stateVariable(`${name}/moving_variance`, [channels], ones);
  }

  /** x [N, L, C] or [N, C] → same shape; training uses batch statistics and updates the moving ones. */
  apply<T extends tf.Tensor2D | tf.Tensor3D>(x: T, training: boolean): T {
    return batchNorm(
      x,
      { gamma: this.gamma, beta: this.beta },
      { movingMean: this.movingMean, movingVariance: this.movingVariance },
      training,
      this.options,
    );
  }
}
