import * as tf from '@tensorflow/tfjs-core';
import { conv1dTranspose } from '../ops/conv1d-transpose.js';
import { glorotUniform, zeros, type Initializer } from './initializers.js';
import type { VariableStore } from './variable-store.js';

export interface Conv1dTransposeLayerOptions {
  readonly kernelSize: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride?: number;
  readonly bias?: boolean;
  readonly kernelInit?: Initializer;
}

/**
 * A transposed 1-D convolution layer ('same' padding, like Keras Conv1DTranspose).
 * Variables: `name/kernel` [K, Cout, Cin] and `name/bias` [Cout].
 */
export class Conv1dTransposeLayer {
  readonly kernel: tf.Variable<tf.Rank.R3>;
  readonly bias: tf.Variable<tf.Rank.R1> | undefined;
  readonly stride: number;

  constructor(store: VariableStore, name: string, options: Conv1dTransposeLayerOptions) {
    this.stride = options.stride ?? 1;
    this.kernel = store.weight(
      `${name}/kernel`,
      [options.kernelSize, options.outChannels, options.inChannels],
      options.kernelInit ?? glorotUniform,
    );
    this.bias = options.bias === false ? undefined : store.weight(`${name}/bias`, [options.outChannels], zeros);
  }

  /** x [N, Lin, Cin] → [N, Lin·stride, Cout]. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const y = conv1dTranspose(x, this.kernel, this.stride, x.shape[1] * this.stride);
    return this.bias ? tf.add(y, this.bias) : y;
  }
}
