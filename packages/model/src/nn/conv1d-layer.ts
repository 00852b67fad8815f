import * as tf from '@tensorflow/tfjs-core';
import { conv1d } from '../ops/conv1d.js';
import type { Conv1dPadding } from '../ops/conv-geometry.js';
import { spectralNormalise } from '../ops/spectral-norm.js';
import { glorotUniform, randomUnitVector, zeros, type Initializer } from './initializers.js';
import type { VariableStore } from './variable-store.js';

export interface Conv1dLayerOptions {
  readonly kernelSize: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride?: number;
  readonly pad?: Conv1dPadding;
  /** Add a learned bias (default true). */
  readonly bias?: boolean;
  /** Divide the filter by its spectral norm (state: a power-iteration vector). */
  readonly spectralNorm?: boolean;
  readonly kernelInit?: Initializer;
  readonly biasInit?: Initializer;
}

/**
 * A 1-D convolution layer. Variables: `name/kernel` [K, Cin, Cout], `name/bias` [Cout],
 * and with spectral norm the state `name/sn_u` [Cout].
 */
export class Conv1dLayer {
  readonly kernel: tf.Variable<tf.Rank.R3>;
  readonly bias: tf.Variable<tf.Rank.R1> | undefined;
  readonly spectralU: tf.Variable<tf.Rank.R1> | undefined;
  readonly stride: number;
  readonly pad: Conv1dPadding;

  constructor(store: VariableStore, name: string, options: Conv1dLayerOptions) {
    const { kernelSize, inChannels, outChannels } = options;
    this.stride = options.stride ?? 1;
    this.pad = options.pad ?? 'same';
    this.kernel = store.weight(
      `${name}/kernel`,
      [kernelSize, inChannels, outChannels],
      options.kernelInit ?? glorotUniform,
    );
    this.bias =
      options.bias === false ? undefined : store.weight(`${name}/bias`, [outChannels], options.biasInit ?? zeros);
    this.spectralU = options.spectralNorm
      ? store.stateVariable(`${name}/sn_u`, [outChannels], randomUnitVector)
      : undefined;
  }

  /** x [N, L, Cin] → [N, Lout, Cout]. training advances the spectral norm's power iteration. */
  apply(x: tf.Tensor3D, training: boolean): tf.Tensor3D {
    const filter = this.spectralU ? spectralNormalise(this.kernel, this.spectralU, training) : this.kernel;
    const y = conv1d(x, filter, this.stride, this.pad);
    return this.bias ? tf.add(y, this.bias) : y;
  }
}
