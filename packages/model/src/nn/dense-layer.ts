import type * as tf from '@tensorflow/tfjs-core';
import { dense } from '../ops/dense.js';
import { spectralNormalise } from '../ops/spectral-norm.js';
import { glorotUniform, randomUnitVector, zeros, type Initializer } from './initializers.js';
import type { VariableStore } from './variable-store.js';

export interface DenseLayerOptions {
  readonly inUnits: number;
  readonly outUnits: number;
  /** Add a learned bias (default true). */
  readonly bias?: boolean;
  /** Divide the kernel by its spectral norm (state: a power-iteration vector). */
  readonly spectralNorm?: boolean;
  readonly kernelInit?: Initializer;
  readonly biasInit?: Initializer;
}

/**
 * A fully connected layer. Variables: `name/kernel` [in, out], `name/bias` [out], and with
 * spectral norm the state `name/sn_u` [out]. Applied to one-hot labels without a bias it
 * is a class embedding.
 */
export class DenseLayer {
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1> | undefined;
  readonly spectralU: tf.Variable<tf.Rank.R1> | undefined;

  constructor(store: VariableStore, name: string, options: DenseLayerOptions) {
    this.kernel = store.weight(
      `${name}/kernel`,
      [options.inUnits, options.outUnits],
      options.kernelInit ?? glorotUniform,
    );
    this.bias =
      options.bias === false ? undefined : store.weight(`${name}/bias`, [options.outUnits], options.biasInit ?? zeros);
    this.spectralU = options.spectralNorm
      ? store.stateVariable(`${name}/sn_u`, [options.outUnits], randomUnitVector)
      : undefined;
  }

  /** x [N, in] → [N, out]. training advances the spectral norm's power iteration. */
  apply(x: tf.Tensor2D, training: boolean): tf.Tensor2D {
    const kernel = this.spectralU ? spectralNormalise(this.kernel, this.spectralU, training) : this.kernel;
    return dense(x, kernel, this.bias);
  }
}
